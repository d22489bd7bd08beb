#pragma once

#include "query.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QLatin1StringView>
#include <QStringList>
#include <QStringView>

#include <optional>

// The rules of JSON values that the GUI and the CLI share with the daemon (threads-api.md §4.7):
// the reserved field names, whole numbers, one total order, paths into nested documents, and
// whether an entity matches a query's criteria. Defined once, here; everything else uses them.
namespace loom::json {

// The daemon's reserved fields: the entity's id, and the time of its last save (ns since 1970).
inline constexpr QLatin1StringView kIdField{"_id"};
inline constexpr QLatin1StringView kModField{"_mod"};

// A whole number, whether written 5, 5.0 or 5e0 (also beyond 2^53, exactly); nothing for
// fractions, huge values and non-numbers.
std::optional<qint64> wholeNumber(const QJsonValue &value);

// Code point order (what comparing UTF-8 bytes gives, as the daemon does), not UTF-16 order.
int compareCodePoints(QStringView a, QStringView b);

// Total order: missing/null < bool < number < string < array < object; false < true; numbers
// numerically (whole numbers exactly); strings by code point; containers by size, then content
// (arrays element by element, objects by their compact JSON text). Negative, 0 or positive.
int compare(const QJsonValue &a, const QJsonValue &b);

// Paths are lists of keys; array elements are their index in decimal ("tags", "2").
// Undefined when the path leads nowhere.
QJsonValue valueAt(const QJsonValue &root, const QStringList &path);
// "address.city" -> {"address", "city"} (the query language's field paths).
QStringList splitDotted(const QString &dotted);

// Whether one criterion holds for the entity, the way the daemon evaluates it: numbers compare
// as 64-bit floats, strings by code point, booleans only for (not) equal; a missing field or a
// value of another type does not match.
bool holds(const Criterion &criterion, const QJsonObject &entity);
// All ands hold, or one of the ors alternatives matches; no criteria match everything.
bool matches(const Query &query, const QJsonObject &entity);

} // namespace loom::json
