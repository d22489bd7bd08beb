#pragma once

#include "query.h"

#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

// A small query language that people can type, compiled to the daemon's query (core/query.h):
//
//   age > 30 and name = "Bob" or address.city != "Oslo"  sort age desc  skip 10 limit 50
//
// - A condition is `field operator value`. Fields are names joined by dots (address.city); a name
//   that is not a plain word (spaces, a leading digit, a keyword) goes in backticks: `first name`.
// - Operators: = (or ==), !=, >, <, >=, <=. Values: "text" or 'text' (escapes \" \' \\ \/ \n \t
//   \r \b \f \uXXXX), numbers (-1, 2.5, 1e-3), true, false. null is refused: the daemon's query
//   has no null value.
// - `and` binds tighter than `or`. The daemon's form is "all of ands, or any of ors", so a query is
//   a list of alternatives, each all-of some conditions: parentheses may group alternatives or
//   conditions, but an `and` over a group of alternatives, `(a or b) and c`, is refused with the
//   alternatives written out (`a and c or b and c`) rather than changed silently.
// - Then, in any order, at most once each: sort [-|+]field [asc|desc], limit N, skip N,
//   seek "id", index field.
// - Keywords (and, or, true, false, null, sort, asc, desc, limit, skip, seek, index) are matched
//   case-insensitively.
namespace loom {

struct QueryExprError
{
    QString message; // e.g. "expected a value after '>'"
    int column = 0;  // 1-based, in UTF-16 code units of the text
    int length = 0;  // characters of the mistake (0: a point, e.g. the end of the text)

    // "column 12: expected a value after '>'"
    QString toString() const;
};

// The query, or std::nullopt with the first mistake in *error. Empty text is the empty query
// (every entity). The result passes Query::validate().
std::optional<Query> parseQueryExpression(QStringView text, QueryExprError *error = nullptr);

// The query in the language, such that parseQueryExpression() gives it back; std::nullopt when
// the language cannot say it (an alternative without conditions, or with its own sort or limit,
// ors without ands, a value that is not a string, boolean or finite number).
std::optional<QString> toQueryExpression(const Query &query);

// Text that the query bar takes as the daemon's raw JSON: it starts with '{'.
bool looksLikeJsonQuery(QStringView text);

// A field path written for the language: names that are not plain words in backticks.
QString quoteFieldPath(const QString &path);

// What completion may offer at `cursor`: the word being typed (start..end, also the part after
// the cursor), whether field names fit there, and which keywords do.
struct QueryExprCompletion
{
    qsizetype start = 0;
    qsizetype end = 0;
    QString prefix; // text[start, cursor)
    bool fields = false;
    QStringList keywords;
};
QueryExprCompletion queryExprCompletionAt(QStringView text, qsizetype cursor);

} // namespace loom
