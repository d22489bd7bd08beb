#include "query.h"

#include "jsonrules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <climits>
#include <cmath>
#include <initializer_list>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

const QString kId = json::kIdField;

bool isValidOp(Op op)
{
    const int n = static_cast<int>(op);
    return n >= 0 && n <= static_cast<int>(Op::Le);
}

QString child(const QString &path, QStringView key)
{
    return path.isEmpty() ? key.toString() : path + u'.' + key;
}

QString item(const QString &path, qsizetype i)
{
    return path + u'[' + QString::number(i) + u']';
}

QString located(const QString &path, const QString &message)
{
    return path.isEmpty() ? message : path + u": "_s + message;
}

// The value as compact JSON text, cut short when long (for messages and display).
QString jsonText(const QJsonValue &v)
{
    if (v.isUndefined())
        return u"nothing"_s;
    const QByteArray array = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    QString text = QString::fromUtf8(array.mid(1, array.size() - 2));
    if (text.size() > 40)
        text = text.left(37) + u"..."_s;
    return text;
}

using json::wholeNumber;

QString numberText(const QJsonValue &v)
{
    if (const auto n = wholeNumber(v))
        return QString::number(*n);
    return QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest);
}

QString pathProblem(const QString &fieldPath)
{
    if (fieldPath.isEmpty())
        return u"empty field path"_s;
    if (fieldPath.split(u'.').contains(QString()))
        return u'"' + fieldPath + u"\" has an empty part (paths are names separated by single dots)"_s;
    return {};
}

QJsonObject wireValue(const QJsonValue &v)
{
    const QString type = v.isString() ? u"string"_s : v.isBool() ? u"bool"_s : v.isDouble() ? u"float"_s : QString();
    return type.isEmpty() ? QJsonObject() : QJsonObject{{type, v}}; // {} is refused by validate() and the daemon
}

int editDistance(QStringView a, QStringView b)
{
    std::vector<int> row(size_t(b.size()) + 1);
    for (size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int up = row[size_t(j)];
            const bool same = a[i - 1].toCaseFolded() == b[j - 1].toCaseFolded();
            row[size_t(j)] = std::min({up + 1, row[size_t(j - 1)] + 1, diagonal + (same ? 0 : 1)});
            diagonal = up;
        }
    }
    return row.back();
}

// Reads a JSON query the way the daemon's Go decoder does, but strictly. The first problem
// found is kept in `error`; parsing goes on harmlessly after it and the result is discarded.
class Parser
{
public:
    QString error;

    Query query(const QJsonObject &o, const QString &path);

private:
    void fail(const QString &path, const QString &message)
    {
        if (error.isEmpty())
            error = located(path, message);
    }
    // Matches the keys of `o` case-insensitively against `known`; out[i] receives the value of
    // known[i] (undefined when absent or null, which the daemon treats alike).
    void fields(const QJsonObject &o, const QString &path, std::initializer_list<QLatin1StringView> known,
                QJsonValue *out);
    // The objects of a JSON array (none when undefined), each with its path.
    QList<std::pair<QString, QJsonObject>> objects(const QJsonValue &list, const QString &path);
    Criterion criterion(const QJsonObject &o, const QString &path);
    QJsonValue value(const QJsonValue &v, const QString &path);
    QString string(const QJsonValue &v, const QString &path)
    {
        if (!v.isUndefined() && !v.isString())
            fail(path, u"must be a string, not "_s + jsonText(v));
        return v.toString();
    }
    bool boolean(const QJsonValue &v, const QString &path)
    {
        if (!v.isUndefined() && !v.isBool())
            fail(path, u"must be true or false, not "_s + jsonText(v));
        return v.toBool();
    }
    int count(const QJsonValue &v, const QString &path);
};

void Parser::fields(const QJsonObject &o, const QString &path, std::initializer_list<QLatin1StringView> known,
                    QJsonValue *out)
{
    std::vector<QString> seenAs(known.size());
    std::fill_n(out, known.size(), QJsonValue(QJsonValue::Undefined));
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = it.key();
        const auto found = std::find_if(known.begin(), known.end(), [&key](QLatin1StringView name) {
            return QString::compare(key, name, Qt::CaseInsensitive) == 0;
        });
        if (found == known.end()) {
            QString message = u"unknown key (the daemon would silently ignore it)"_s;
            const auto near = std::find_if(known.begin(), known.end(), [&key](QLatin1StringView name) {
                return editDistance(key, QString(name)) <= 2;
            });
            if (near != known.end())
                message += u"; did you mean \""_s + *near + u"\"?"_s;
            fail(child(path, key), message);
            continue;
        }
        const size_t i = size_t(found - known.begin());
        if (!seenAs[i].isNull())
            fail(child(path, QString(*found)), u"given twice (as \""_s + seenAs[i] + u"\" and \""_s + key
                                                   + u"\"); the daemon would keep only one of them"_s);
        seenAs[i] = key;
        out[i] = it.value().isNull() ? QJsonValue(QJsonValue::Undefined) : it.value();
    }
}

QList<std::pair<QString, QJsonObject>> Parser::objects(const QJsonValue &list, const QString &path)
{
    QList<std::pair<QString, QJsonObject>> result;
    if (!list.isUndefined() && !list.isArray())
        fail(path, u"must be an array, not "_s + jsonText(list));
    const QJsonArray array = list.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue element = array.at(i);
        if (element.isNull())
            fail(item(path, i), u"null entry (it would crash the daemon)"_s);
        else if (!element.isObject())
            fail(item(path, i), u"must be an object, not "_s + jsonText(element));
        result.append({item(path, i), element.toObject()});
    }
    return result;
}

int Parser::count(const QJsonValue &v, const QString &path)
{
    const auto n = wholeNumber(v);
    if (!v.isUndefined() && !n)
        fail(path, jsonText(v) + u" is not a whole number"_s);
    else if (n && (*n < 0 || *n > INT_MAX))
        fail(path, QString::number(*n) + (*n < 0 ? u" is negative"_s : u" is too large"_s));
    else
        return int(n.value_or(0));
    return 0;
}

Query Parser::query(const QJsonObject &o, const QString &path)
{
    QJsonValue f[7];
    fields(o, path, {"ands"_L1, "ors"_L1, "sort"_L1, "seek"_L1, "limit"_L1, "skip"_L1, "index"_L1}, f);
    Query q;
    QList<Criterion> ands;
    for (const auto &[at, e] : objects(f[0], child(path, u"ands")))
        ands.append(criterion(e, at));
    q.setAnds(ands);
    QList<Query> ors;
    for (const auto &[at, e] : objects(f[1], child(path, u"ors")))
        ors.append(query(e, at));
    q.setOrs(ors);

    if (const QString at = child(path, u"sort"); !f[2].isUndefined() && !f[2].isObject()) {
        fail(at, u"must be an object like {\"fieldPath\": \"name\", \"desc\": false}"_s);
    } else if (f[2].isObject()) {
        QJsonValue s[2];
        fields(f[2].toObject(), at, {"fieldPath"_L1, "desc"_L1}, s);
        const Sort sort{string(s[0], child(at, u"fieldPath")), boolean(s[1], child(at, u"desc"))};
        if (!sort.fieldPath.isEmpty())
            q.setSort(sort);
        else if (sort.desc)
            fail(child(at, u"fieldPath"),
                 u"missing; the daemon ignores a sort without a field (use \"_id\" for storage order)"_s);
    }
    q.seekTo(string(f[3], child(path, u"seek")));
    q.withLimit(count(f[4], child(path, u"limit")));
    q.withSkip(count(f[5], child(path, u"skip")));
    q.useIndex(string(f[6], child(path, u"index")));
    return q;
}

Criterion Parser::criterion(const QJsonObject &o, const QString &path)
{
    QJsonValue f[3];
    fields(o, path, {"fieldPath"_L1, "operation"_L1, "value"_L1}, f);
    Criterion c;
    c.fieldPath = string(f[0], child(path, u"fieldPath"));
    if (const auto n = wholeNumber(f[1]); n && *n >= 0 && *n <= static_cast<int>(Op::Le))
        c.op = static_cast<Op>(*n);
    else if (!f[1].isUndefined())
        fail(child(path, u"operation"), jsonText(f[1]) + u" is not an operation (0-5)"_s);
    c.value = value(f[2], child(path, u"value"));
    return c;
}

QJsonValue Parser::value(const QJsonValue &v, const QString &path)
{
    if (v.isUndefined())
        fail(path, u"missing; give exactly one of string, bool or float"_s);
    else if (!v.isObject())
        fail(path, u"must be an object with exactly one of string, bool or float, like {\"float\": 18}"_s);
    QJsonValue f[3];
    fields(v.toObject(), path, {"string"_L1, "bool"_L1, "float"_L1}, f);
    string(f[0], child(path, u"string"));
    boolean(f[1], child(path, u"bool"));
    if (!f[2].isUndefined() && !f[2].isDouble())
        fail(child(path, u"float"), u"must be a number, not "_s + jsonText(f[2]));
    QStringList given;
    QJsonValue result;
    static const QString names[] = {u"string"_s, u"bool"_s, u"float"_s};
    for (int i = 0; i < 3; ++i) {
        if (!f[i].isUndefined()) {
            given.append(names[i]);
            result = f[i];
        }
    }
    if (given.isEmpty() && v.isObject())
        fail(path, u"has none of string, bool or float; give exactly one"_s);
    if (given.size() > 1) {
        const QString last = given.takeLast();
        fail(path, u"has "_s + given.join(u", "_s) + u" and "_s + last + u"; give exactly one"_s);
    }
    return result;
}

// First problem among the criteria and alternatives of `q` (recursively), paths under `prefix`.
QString criteriaProblem(const Query &q, const QString &prefix, const QString &index)
{
    for (qsizetype i = 0; i < q.ands().size(); ++i) {
        const Criterion &c = q.ands().at(i);
        const QString at = item(child(prefix, u"ands"), i);
        if (const QString problem = pathProblem(c.fieldPath); !problem.isEmpty())
            return located(child(at, u"fieldPath"), problem);
        if (!isValidOp(c.op))
            return located(child(at, u"operation"), QString::number(static_cast<int>(c.op))
                                                        + u" is not an operation (0-5)"_s);
        if (!c.value.isString() && !c.value.isBool() && !c.value.isDouble())
            return located(child(at, u"value"), u"must be a string, a boolean or a number, not "_s
                                                    + jsonText(c.value));
        if (c.value.isDouble() && !std::isfinite(c.value.toDouble()))
            return located(child(at, u"value"), u"must be a finite number"_s);
        if (c.value.isBool() && c.op != Op::Eq && c.op != Op::Ne)
            return located(at, u"booleans can only be compared with = or != (not "_s + opSymbol(c.op) + u')');
        if (!index.isEmpty() && c.fieldPath != index)
            return located(child(at, u"fieldPath"),
                           u'"' + c.fieldPath + u"\" is not the index field \""_s + index
                               + u"\"; with an index every criterion must be on the indexed field"_s);
    }
    for (qsizetype i = 0; i < q.ors().size(); ++i) {
        const Query &sub = q.ors().at(i);
        const QString at = item(child(prefix, u"ors"), i);
        if (sub.ands().isEmpty())
            return located(at, u"an alternative without criteria (ands) matches every instance"_s);
        if (sub.sort() || sub.limit() != 0 || sub.skip() != 0 || !sub.seek().isEmpty() || !sub.index().isEmpty())
            return located(at, u"sort, limit, skip, seek and index only apply to the top-level query"_s);
        if (const QString problem = criteriaProblem(sub, at, index); !problem.isEmpty())
            return problem;
    }
    return {};
}

void collectFieldPaths(const Query &q, QStringList *paths)
{
    for (const Criterion &c : q.ands()) {
        if (c.fieldPath != kId && !paths->contains(c.fieldPath))
            paths->append(c.fieldPath);
    }
    for (const Query &sub : q.ors())
        collectFieldPaths(sub, paths);
}

QString conditionText(const Query &q)
{
    QStringList terms;
    for (const Criterion &c : q.ands()) {
        const QString value = c.value.isDouble() ? numberText(c.value) : jsonText(c.value);
        terms.append(c.fieldPath + u' ' + opSymbol(c.op) + u' ' + value);
    }
    QStringList alternatives;
    if (!terms.isEmpty())
        alternatives.append(terms.join(u" AND "_s));
    for (const Query &sub : q.ors())
        alternatives.append(conditionText(sub));
    if (alternatives.size() > 1) {
        for (QString &a : alternatives) {
            if (a.contains(u" AND "_s) || a.contains(u" OR "_s))
                a = u'(' + a + u')';
        }
    }
    return alternatives.join(u" OR "_s);
}

QJsonValue valueAtPath(const QJsonObject &o, QStringView path)
{
    QJsonValue current = o;
    for (const QStringView part : path.tokenize(u'.'))
        current = current.isObject() ? current.toObject().value(part) : QJsonValue(QJsonValue::Undefined);
    return current;
}

} // namespace

QString opSymbol(Op op)
{
    static const char16_t *const symbols[] = {u"=", u"!=", u">", u"<", u">=", u"<="};
    return isValidOp(op) ? QString::fromUtf16(symbols[static_cast<int>(op)]) : u"?"_s;
}

std::optional<Op> opFromSymbol(QStringView symbol)
{
    for (int i = 0; i <= static_cast<int>(Op::Le); ++i) {
        if (symbol == opSymbol(static_cast<Op>(i)))
            return static_cast<Op>(i);
    }
    return symbol == u"==" ? std::optional<Op>(Op::Eq) : std::nullopt;
}

Query Query::where(const QString &fieldPath, Op op, const QJsonValue &value)
{
    return Query().andWhere(fieldPath, op, value);
}

// Each builder step exists for lvalues (returns *this) and for temporaries (moves them along).
Query &Query::andWhere(const QString &fieldPath, Op op, const QJsonValue &value) &
{
    m_ands.append(Criterion{fieldPath, op, value});
    return *this;
}
Query &&Query::andWhere(const QString &fieldPath, Op op, const QJsonValue &value) &&
{
    return std::move(andWhere(fieldPath, op, value));
}
Query &Query::orWhere(const Query &alternative) & { m_ors.append(alternative); return *this; }
Query &&Query::orWhere(const Query &alternative) && { return std::move(orWhere(alternative)); }
Query &Query::orderBy(const QString &fieldPath, bool desc) & { m_sort = Sort{fieldPath, desc}; return *this; }
Query &&Query::orderBy(const QString &fieldPath, bool desc) && { return std::move(orderBy(fieldPath, desc)); }
Query &Query::withLimit(int limit) & { m_limit = limit; return *this; }
Query &&Query::withLimit(int limit) && { return std::move(withLimit(limit)); }
Query &Query::withSkip(int skip) & { m_skip = skip; return *this; }
Query &&Query::withSkip(int skip) && { return std::move(withSkip(skip)); }
Query &Query::seekTo(const QString &instanceId) & { m_seek = instanceId; return *this; }
Query &&Query::seekTo(const QString &instanceId) && { return std::move(seekTo(instanceId)); }
Query &Query::useIndex(const QString &indexPath) & { m_index = indexPath; return *this; }
Query &&Query::useIndex(const QString &indexPath) && { return std::move(useIndex(indexPath)); }

bool Query::operator==(const Query &other) const
{
    return m_ands == other.m_ands && m_sort == other.m_sort && m_seek == other.m_seek && m_limit == other.m_limit
        && m_skip == other.m_skip && m_index == other.m_index
        && std::equal(m_ors.begin(), m_ors.end(), other.m_ors.begin(), other.m_ors.end());
}

bool Query::isEmpty() const
{
    return *this == Query();
}

QJsonObject Query::toObject(bool wire) const
{
    QJsonObject o;
    if (!m_ands.isEmpty()) {
        QJsonArray ands;
        for (const Criterion &c : m_ands) {
            ands.append(QJsonObject{{u"fieldPath"_s, c.fieldPath},
                                    {u"operation"_s, static_cast<int>(c.op)},
                                    {u"value"_s, wireValue(c.value)}});
        }
        o.insert(u"ands"_s, ands);
    }
    if (!m_ors.isEmpty()) {
        QJsonArray ors;
        for (const Query &q : m_ors)
            ors.append(q.toObject(wire));
        o.insert(u"ors"_s, ors);
    }
    if (m_sort && !(wire && sortsOnClient()))
        o.insert(u"sort"_s, QJsonObject{{u"fieldPath"_s, m_sort->fieldPath}, {u"desc"_s, m_sort->desc}});
    if (!m_seek.isEmpty())
        o.insert(u"seek"_s, m_seek);
    if (m_limit != 0)
        o.insert(u"limit"_s, m_limit);
    if (m_skip != 0)
        o.insert(u"skip"_s, m_skip);
    if (!m_index.isEmpty())
        o.insert(u"index"_s, m_index);
    return o;
}

QJsonObject Query::toJsonObject() const
{
    return toObject(false);
}

QByteArray Query::toJson() const
{
    return QJsonDocument(toObject(false)).toJson(QJsonDocument::Compact);
}

QByteArray Query::toWireJson() const
{
    return QJsonDocument(toObject(true)).toJson(QJsonDocument::Compact);
}

std::optional<Query> Query::fromJson(QByteArrayView json, QString *error)
{
    const auto failed = [error](const QString &message) -> std::optional<Query> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (json.trimmed().isEmpty())
        return failed(u"the query is empty; {} finds every instance"_s);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failed(u"not JSON: "_s + parseError.errorString() + u" at offset "_s
                      + QString::number(parseError.offset));
    if (!doc.isObject())
        return failed(u"the query must be a JSON object"_s);
    Parser parser;
    const Query q = parser.query(doc.object(), QString());
    if (!parser.error.isEmpty())
        return failed(parser.error);
    if (error)
        error->clear();
    return q;
}

QString Query::validate() const
{
    if (m_limit < 0)
        return u"limit: must not be negative"_s;
    if (m_skip < 0)
        return u"skip: must not be negative"_s;
    if (m_skip > 0 && m_limit == 0)
        return u"skip without limit returns nothing on the daemon — give a limit"_s;
    if (m_sort) {
        if (const QString problem = pathProblem(m_sort->fieldPath); !problem.isEmpty())
            return located(u"sort.fieldPath"_s, problem);
    }
    if (m_index == kId)
        return u"index: _id is always indexed and cannot be named; leave the index empty"_s;
    if (!m_index.isEmpty()) {
        if (const QString problem = pathProblem(m_index); !problem.isEmpty())
            return located(u"index"_s, problem);
    }
    if (m_ands.isEmpty() && !m_ors.isEmpty())
        return u"ors: without ands the daemon matches every instance and ignores ors; "
               "put the first alternative in ands"_s;
    return criteriaProblem(*this, QString(), m_index);
}

QStringList Query::warnings() const
{
    QStringList result;
    QStringList paths;
    collectFieldPaths(*this, &paths);
    if (!paths.isEmpty()) {
        result.append(u"Criteria on fields other than _id ("_s + paths.join(u", "_s)
                      + u") stop the daemon's scan at the first instance where the field is missing, "
                        "null, an object or array, or of another type: results can be silently incomplete."_s);
    }
    // Without a limit the page is the whole result, so sorting it loses nothing.
    if (sortsOnClient() && m_limit > 0) {
        result.append(u"Sorting by \""_s + m_sort->fieldPath
                      + u"\" orders only the returned page: the daemon applies skip and limit first, "
                        "then Loom sorts the page."_s);
    }
    if (!m_index.isEmpty() && m_index != kId) {
        result.append(u"With index \""_s + m_index
                      + u"\", results follow the index's text order (10 before 9), and a name that is not "
                        "an existing index returns nothing."_s);
    }
    return result;
}

bool Query::sortsOnClient() const
{
    return m_sort && m_sort->fieldPath != kId;
}

void Query::sortPage(QList<QJsonObject> &instances, const Sort &sort)
{
    if (sort.fieldPath.isEmpty() || instances.size() < 2)
        return;
    std::vector<std::pair<QJsonValue, QJsonObject>> keyed;
    keyed.reserve(size_t(instances.size()));
    for (const QJsonObject &o : std::as_const(instances))
        keyed.emplace_back(valueAtPath(o, sort.fieldPath), o);
    std::stable_sort(keyed.begin(), keyed.end(), [&sort](const auto &a, const auto &b) {
        return sort.desc ? json::compare(b.first, a.first) < 0 : json::compare(a.first, b.first) < 0;
    });
    for (qsizetype i = 0; i < instances.size(); ++i)
        instances[i] = std::move(keyed[size_t(i)].second);
}

QString Query::toDisplayString() const
{
    QStringList parts;
    const QString conditions = conditionText(*this);
    parts.append(conditions.isEmpty() ? u"all instances"_s : conditions);
    if (m_sort)
        parts.append(u"sort "_s + m_sort->fieldPath + (m_sort->desc ? u" ↓"_s : u" ↑"_s));
    if (!m_seek.isEmpty())
        parts.append(u"from "_s + m_seek);
    if (m_skip != 0)
        parts.append(u"skip "_s + QString::number(m_skip));
    if (m_limit != 0)
        parts.append(u"limit "_s + QString::number(m_limit));
    if (!m_index.isEmpty())
        parts.append(u"index "_s + m_index);
    return parts.join(u" · "_s);
}

} // namespace loom
