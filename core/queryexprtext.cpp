#include "queryexpr.h"

#include "jsonrules.h"
#include "queryexprlexer_p.h"

#include <QJsonValue>
#include <QLocale>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

// The way back from a Query to the language, and what completion may offer at a cursor.
namespace loom {

using namespace queryexpr;

namespace {

QString stringText(const QString &s)
{
    QString out = u"\""_s;
    for (const QChar c : s) {
        switch (c.unicode()) {
        case u'"': out += u"\\\""_s; break;
        case u'\\': out += u"\\\\"_s; break;
        case u'\n': out += u"\\n"_s; break;
        case u'\t': out += u"\\t"_s; break;
        case u'\r': out += u"\\r"_s; break;
        default:
            if (c.unicode() < 0x20)
                out += u"\\u"_s + QString::number(c.unicode(), 16).rightJustified(4, u'0');
            else
                out += c;
        }
    }
    return out + u'"';
}

std::optional<QString> valueText(const QJsonValue &v)
{
    if (v.isString())
        return stringText(v.toString());
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    if (!v.isDouble() || !std::isfinite(v.toDouble()))
        return std::nullopt;
    if (const auto n = json::wholeNumber(v))
        return QString::number(*n);
    return QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest);
}

std::optional<QString> pathText(const QString &path)
{
    if (path.isEmpty() || path.split(u'.').contains(QString()))
        return std::nullopt;
    return quoteFieldPath(path);
}

// Appends the alternatives of q (its ands, then those of its ors) as "a = 1 and b = 2" texts.
bool conditionTexts(const Query &q, QStringList *alternatives)
{
    if (q.ands().isEmpty())
        return false;
    QStringList terms;
    for (const Criterion &c : q.ands()) {
        const auto path = pathText(c.fieldPath);
        const auto value = valueText(c.value);
        if (!path || !value || opSymbol(c.op) == u"?")
            return false;
        terms.append(*path + u' ' + opSymbol(c.op) + u' ' + *value);
    }
    alternatives->append(terms.join(u" and "_s));
    for (const Query &sub : q.ors()) {
        if (sub.sort() || sub.limit() != 0 || sub.skip() != 0 || !sub.seek().isEmpty() || !sub.index().isEmpty())
            return false;
        if (!conditionTexts(sub, alternatives))
            return false;
    }
    return true;
}

} // namespace

std::optional<QString> toQueryExpression(const Query &query)
{
    QStringList parts;
    if (!query.ands().isEmpty() || !query.ors().isEmpty()) {
        QStringList alternatives;
        if (!conditionTexts(query, &alternatives))
            return std::nullopt;
        parts.append(alternatives.join(u" or "_s));
    }
    if (const auto &sort = query.sort()) {
        const auto path = pathText(sort->fieldPath);
        if (!path)
            return std::nullopt;
        parts.append(u"sort "_s + *path + (sort->desc ? u" desc"_s : QString()));
    }
    if (query.skip() < 0 || query.limit() < 0)
        return std::nullopt;
    if (query.skip() != 0)
        parts.append(u"skip "_s + QString::number(query.skip()));
    if (query.limit() != 0)
        parts.append(u"limit "_s + QString::number(query.limit()));
    if (!query.seek().isEmpty())
        parts.append(u"seek "_s + stringText(query.seek()));
    if (!query.index().isEmpty()) {
        const auto path = pathText(query.index());
        if (!path)
            return std::nullopt;
        parts.append(u"index "_s + *path);
    }
    return parts.join(u' ');
}

bool looksLikeJsonQuery(QStringView text)
{
    return text.trimmed().startsWith(u'{');
}

QString quoteFieldPath(const QString &path)
{
    QStringList parts = path.split(u'.');
    for (QString &part : parts) {
        if (!isPlainName(part))
            part = u'`' + QString(part).replace(u"`"_s, u"``"_s) + u'`';
    }
    return parts.join(u'.');
}

QueryExprCompletion queryExprCompletionAt(QStringView text, qsizetype cursor)
{
    QueryExprCompletion c;
    cursor = std::clamp<qsizetype>(cursor, 0, text.size());
    qsizetype start = cursor;
    while (start > 0 && (isWordChar(text[start - 1]) || text[start - 1] == u'.'))
        --start;
    qsizetype end = cursor;
    while (end < text.size() && isWordChar(text[end]))
        ++end;
    c.start = start;
    c.end = end;
    c.prefix = text.mid(start, cursor - start).toString();
    if (!c.prefix.isEmpty() && !isWordStart(c.prefix.front()))
        return c; // a number, or a stray dot
    QList<Token> tokens;
    Failure failure;
    if (!Lexer(text.left(start)).run(&tokens, &failure))
        return c; // e.g. inside text in quotes
    tokens.removeLast(); // End
    const auto is = [](const Token &t, QLatin1StringView k) {
        return t.kind == Tok::Word && t.text.compare(k, Qt::CaseInsensitive) == 0;
    };
    const QStringList afterCondition{u"and"_s, u"or"_s, u"sort"_s, u"limit"_s, u"skip"_s};
    if (tokens.isEmpty()) {
        c.fields = true;
        c.keywords = {u"sort"_s, u"limit"_s};
        return c;
    }
    const Token &last = tokens.last();
    const Token *before = tokens.size() > 1 ? &tokens[tokens.size() - 2] : nullptr;
    const bool lastIsValue = before && before->kind == Tok::Op;
    if (last.kind == Tok::LParen || is(last, "and"_L1) || is(last, "or"_L1) || is(last, "sort"_L1)
        || is(last, "index"_L1) || last.kind == Tok::Minus || last.kind == Tok::Plus) {
        c.fields = true;
    } else if (last.kind == Tok::Op) {
        c.keywords = {u"true"_s, u"false"_s};
    } else if (last.kind == Tok::String || last.kind == Tok::Number || last.kind == Tok::RParen || lastIsValue) {
        c.keywords = afterCondition;
    } else if (last.kind == Tok::Word || last.kind == Tok::Name) {
        // The end of a field path: after sort, the direction may follow.
        qsizetype i = tokens.size() - 1;
        while (i > 0 && ((tokens[i].kind == Tok::Word && !is(tokens[i], "sort"_L1)) || tokens[i].kind == Tok::Name
                         || tokens[i].kind == Tok::Dot))
            --i;
        const Token &t = tokens[i];
        if (t.kind == Tok::Minus || t.kind == Tok::Plus)
            c.keywords = {u"limit"_s, u"skip"_s};
        else if (is(t, "sort"_L1))
            c.keywords = {u"asc"_s, u"desc"_s, u"limit"_s, u"skip"_s};
    }
    return c;
}

} // namespace loom
