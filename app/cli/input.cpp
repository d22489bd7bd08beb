#include "input.h"

#include "entitytext.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace loom::cli::input {

namespace {

bool setProblem(Problem *problem, int code, const QString &message)
{
    if (problem)
        *problem = Problem{code, message};
    return false;
}

QString jsonError(const QJsonParseError &error)
{
    return u"%1 at character %2"_s.arg(error.errorString()).arg(error.offset + 1);
}

} // namespace

QByteArray readStdin()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    return in.readAll();
}

std::optional<QByteArray> readFile(const QString &path, Problem *problem)
{
    if (path == u"-"_s)
        return readStdin();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setProblem(problem, ExitUsage, u"cannot read %1: %2"_s.arg(path, file.errorString()));
        return std::nullopt;
    }
    return file.readAll();
}

std::optional<QList<Instance>> parseEntities(const QByteArray &text, const QString &source, Problem *problem)
{
    QString why;
    auto entities = parseEntityText(text, &why);
    if (!entities)
        setProblem(problem, ExitRefused, u"%1: %2"_s.arg(source, why));
    return entities;
}

std::optional<QList<Instance>> gatherEntities(const QStringList &jsonArgs, const QStringList &files,
                                              Problem *problem)
{
    QList<Instance> all;
    for (qsizetype i = 0; i < jsonArgs.size(); ++i) {
        auto some = parseEntities(jsonArgs[i].toUtf8(), u"argument %1"_s.arg(i + 1), problem);
        if (!some)
            return std::nullopt;
        all += *some;
    }
    for (const QString &file : files) {
        const auto text = readFile(file, problem);
        if (!text)
            return std::nullopt;
        auto some = parseEntities(*text, file == u"-"_s ? u"stdin"_s : file, problem);
        if (!some)
            return std::nullopt;
        all += *some;
    }
    if (jsonArgs.isEmpty() && files.isEmpty()) {
        const QByteArray text = readStdin();
        if (text.trimmed().isEmpty()) {
            setProblem(problem, ExitUsage, u"no entities were given (JSON arguments, -f FILE, or stdin)"_s);
            return std::nullopt;
        }
        auto some = parseEntities(text, u"stdin"_s, problem);
        if (!some)
            return std::nullopt;
        all += *some;
    }
    return all;
}

std::optional<ConfigFile> parseConfig(const QByteArray &json, const QString &source, Problem *problem)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        setProblem(problem, ExitRefused, u"%1: not valid JSON: %2"_s.arg(source, jsonError(error)));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        setProblem(problem, ExitRefused, u"%1: a schema must be a JSON object"_s.arg(source));
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    ConfigFile file;
    // A config object has a "schema" object and none of a schema's own top-level keywords.
    const bool configForm = o.value(u"schema"_s).isObject() && !o.contains(u"properties"_s)
        && !o.contains(u"type"_s) && !o.contains(u"$schema"_s) && !o.contains(u"$ref"_s);
    if (!configForm) {
        file.config.schema = json.trimmed();
        return file;
    }
    file.config.name = o.value(u"name"_s).toString();
    file.config.schema = QJsonDocument(o.value(u"schema"_s).toObject()).toJson(QJsonDocument::Compact);
    if (o.contains(u"indexes"_s)) {
        file.hasIndexes = true;
        const QJsonArray indexes = o.value(u"indexes"_s).toArray();
        for (qsizetype i = 0; i < indexes.size(); ++i) {
            const QJsonObject index = indexes[i].toObject();
            if (!index.value(u"path"_s).isString()) {
                setProblem(problem, ExitRefused, u"%1: indexes[%2] has no \"path\" string"_s.arg(source).arg(i));
                return std::nullopt;
            }
            file.config.indexes << IndexSpec{index.value(u"path"_s).toString(), index.value(u"unique"_s).toBool()};
        }
    }
    if (o.contains(u"writeValidator"_s)) {
        file.hasWriteValidator = true;
        file.config.writeValidator = o.value(u"writeValidator"_s).toString();
    }
    if (o.contains(u"readFilter"_s)) {
        file.hasReadFilter = true;
        file.config.readFilter = o.value(u"readFilter"_s).toString();
    }
    return file;
}

std::optional<CollectionConfig> loadNamedConfig(const QString &spec, Problem *problem)
{
    const qsizetype eq = spec.indexOf(u'=');
    if (eq <= 0 || eq + 1 >= spec.size()) {
        setProblem(problem, ExitUsage, u"--schema wants NAME=FILE, not \u201c%1\u201d"_s.arg(spec));
        return std::nullopt;
    }
    const QString path = spec.mid(eq + 1);
    const auto text = readFile(path, problem);
    if (!text)
        return std::nullopt;
    auto file = parseConfig(*text, path, problem);
    if (!file)
        return std::nullopt;
    file->config.name = spec.left(eq);
    return file->config;
}

std::optional<IndexSpec> parseIndex(const QString &spec, Problem *problem)
{
    IndexSpec index;
    index.path = spec;
    const qsizetype colon = spec.lastIndexOf(u':');
    if (colon >= 0) {
        const QString flag = spec.mid(colon + 1);
        if (flag != u"unique"_s) {
            setProblem(problem, ExitUsage, u"--index wants PATH or PATH:unique, not \u201c%1\u201d"_s.arg(spec));
            return std::nullopt;
        }
        index.path = spec.left(colon);
        index.unique = true;
    }
    if (index.path.isEmpty()) {
        setProblem(problem, ExitUsage, u"--index needs a field path"_s);
        return std::nullopt;
    }
    return index;
}

std::optional<Criterion> parseWhere(const QString &expression, Problem *problem)
{
    const qsizetype at = expression.indexOf(QRegularExpression(u"[=!<>]"_s));
    if (at <= 0) {
        setProblem(problem, ExitRefused, u"--where \u201c%1\u201d: expected FIELD OP VALUE with OP one of = != > < >= <="_s.arg(expression));
        return std::nullopt;
    }
    const QString two = expression.mid(at, 2);
    std::optional<Op> op;
    qsizetype length = 2;
    if (two == u"!="_s || two == u">="_s || two == u"<="_s || two == u"=="_s)
        op = opFromSymbol(two);
    else {
        length = 1;
        op = opFromSymbol(expression.mid(at, 1));
    }
    if (!op) {
        setProblem(problem, ExitRefused, u"--where \u201c%1\u201d: unknown operator"_s.arg(expression));
        return std::nullopt;
    }
    Criterion c;
    c.fieldPath = expression.left(at).trimmed();
    c.op = *op;
    const QString text = expression.mid(at + length).trimmed();
    // 'age>>5' or 'a=<5' is a typo, not a comparison with the text ">5": a value that starts with
    // an operator character has to be quoted.
    if (!text.isEmpty() && u"=!<>"_s.contains(text.front())) {
        const qsizetype position = expression.indexOf(text.front(), at + length) + 1;
        setProblem(problem, ExitRefused,
                   u"--where \u201c%1\u201d: \u201c%2\u201d at character %3 follows the operator \u201c%4\u201d; "
                   "an operator is one of = != > < >= <=, and a value that starts with %2 is written quoted "
                   "(%5%4\"%6\")"_s
                       .arg(expression, QString(text.front()), QString::number(position),
                            expression.mid(at, length), c.fieldPath, text));
        return std::nullopt;
    }
    if (text.startsWith(u'"')) {
        const QJsonDocument doc = QJsonDocument::fromJson(u"[%1]"_s.arg(text).toUtf8());
        if (!doc.isArray() || doc.array().size() != 1 || !doc.array().first().isString()) {
            setProblem(problem, ExitRefused, u"--where \u201c%1\u201d: the quoted value is not a valid JSON string"_s.arg(expression));
            return std::nullopt;
        }
        c.value = doc.array().first();
    } else if (text == u"true"_s || text == u"false"_s) {
        c.value = text == u"true"_s;
    } else {
        bool isNumber = false;
        const double number = text.toDouble(&isNumber);
        c.value = isNumber && qIsFinite(number) ? QJsonValue(number) : QJsonValue(text);
    }
    return c;
}

} // namespace loom::cli::input
