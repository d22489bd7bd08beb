#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

// The daemon's JSON query language (FindRequest.queryJSON, threads-api.md §4.7).
//
// A Query is built with the fluent builder or parsed from raw JSON (fromJson), checked with
// validate() (problems the core refuses to send) and warnings() (legal but lossy things a query
// builder should show), and serialised with toWireJson() for the daemon. toJson() is the full,
// faithful form (for display, history and round trips).
namespace loom {

// Operation codes on the wire. Any other number crashes the daemon (§8).
enum class Op { Eq = 0, Ne = 1, Gt = 2, Lt = 3, Ge = 4, Le = 5 };

// "=", "!=", ">", "<", ">=", "<="; "?" for a value outside the enum.
QString opSymbol(Op op);
// Inverse of opSymbol(); also accepts "==". std::nullopt for anything else.
std::optional<Op> opFromSymbol(QStringView symbol);

// One restriction: the value at `fieldPath` (dot-separated, through nested objects) compared
// with `value`, which must be a string, a boolean or a number (wire form {"string":…},
// {"bool":…} or {"float":…}).
struct Criterion
{
    QString fieldPath;
    Op op = Op::Eq;
    QJsonValue value;

    bool operator==(const Criterion &) const = default;
};

struct Sort
{
    QString fieldPath;
    bool desc = false;

    bool operator==(const Sort &) const = default;
};

class Query
{
public:
    Query() = default;

    // Builder. Each call changes this query and returns it, so chains work on temporaries
    // (Query::where(...).andWhere(...).withLimit(50)) as well as on named queries.
    static Query where(const QString &fieldPath, Op op, const QJsonValue &value);
    Query &andWhere(const QString &fieldPath, Op op, const QJsonValue &value) &;
    Query &&andWhere(const QString &fieldPath, Op op, const QJsonValue &value) &&;
    // Adds an alternative: the query matches if all ands hold OR any alternative matches.
    Query &orWhere(const Query &alternative) &;
    Query &&orWhere(const Query &alternative) &&;
    Query &orderBy(const QString &fieldPath, bool desc = false) &;
    Query &&orderBy(const QString &fieldPath, bool desc = false) &&;
    Query &withLimit(int limit) &;
    Query &&withLimit(int limit) &&;
    Query &withSkip(int skip) &;
    Query &&withSkip(int skip) &&;
    Query &seekTo(const QString &instanceId) &;
    Query &&seekTo(const QString &instanceId) &&;
    Query &useIndex(const QString &indexPath) &;
    Query &&useIndex(const QString &indexPath) &&;

    const QList<Criterion> &ands() const { return m_ands; }
    const QList<Query> &ors() const { return m_ors; }
    const std::optional<Sort> &sort() const { return m_sort; }
    QString seek() const { return m_seek; }
    int limit() const { return m_limit; }
    int skip() const { return m_skip; }
    QString index() const { return m_index; }

    void setAnds(const QList<Criterion> &ands) { m_ands = ands; }
    void setOrs(const QList<Query> &ors) { m_ors = ors; }
    void setSort(const std::optional<Sort> &sort) { m_sort = sort; }

    // No criteria, sort, seek, limit, skip or index: matches every instance.
    bool isEmpty() const;

    // Compact JSON with the keys ands, ors, sort{fieldPath,desc}, seek, limit, skip, index;
    // empty parts are left out ("{}" for an empty query). Numbers are sent as {"float": n}.
    QByteArray toJson() const;
    QJsonObject toJsonObject() const;

    // Parses the daemon's format, matching keys case-insensitively as the daemon does, and
    // refuses what crashes or confuses the daemon (operations outside 0-5, values with zero or
    // several types, null list entries, non-integer or negative limit/skip, wrong JSON types,
    // keys the daemon would silently ignore, the same key twice in different cases). The
    // message names the JSON path of the problem, e.g. "ands[2].operation: 7 is not an
    // operation (0-5)". Semantic checks are left to validate().
    static std::optional<Query> fromJson(QByteArrayView json, QString *error = nullptr);

    // Empty when the query can be sent; otherwise the first problem, prefixed by its JSON path
    // where there is one.
    QString validate() const;
    // Legal things that lose or reorder results, one sentence each, for a query builder.
    QStringList warnings() const;

    // True when the sort is on a field other than _id: the daemon would only sort the returned
    // page (and panics on mixed types), so the core removes that sort from the wire form and
    // sorts the page itself with sortPage().
    bool sortsOnClient() const;
    // What the core sends: toJson() without a non-_id sort (at any level).
    QByteArray toWireJson() const;
    // Stable sort of a result page by a dot path. Total order: missing/null < bool < number <
    // string < array/object; false < true; numbers numerically (integers exactly); strings by
    // code point. desc reverses the order.
    static void sortPage(QList<QJsonObject> &instances, const Sort &sort);

    // Short human summary, e.g. `age >= 18 AND name = "Ann" · sort name ↓ · limit 50`.
    QString toDisplayString() const;

    // Not defaulted: QList<Query>'s own operator== asks whether Query has one, which would recurse.
    bool operator==(const Query &other) const;

private:
    QJsonObject toObject(bool wire) const;

    QList<Criterion> m_ands;
    QList<Query> m_ors;
    std::optional<Sort> m_sort;
    QString m_seek;
    int m_limit = 0;
    int m_skip = 0;
    QString m_index;
};

} // namespace loom
