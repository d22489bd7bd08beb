#pragma once

#include "query.h"

#include <QJsonObject>

namespace loom {

// Evaluates a query's criteria on one entity the way the daemon does (threads-api.md §4.7.2):
// all ands hold, or any ors alternative matches; an empty ands matches everything. Numbers
// compare as 64-bit floats, strings by code point, booleans only for (not) equal. A criterion on
// a missing field, or on a value of another type, does not match (the daemon would stop its
// scan there). Used to decide whether an entity announced by Listen belongs in the view.
class QueryMatcher
{
public:
    static bool matches(const Query &query, const QJsonObject &entity);
    static bool holds(const Criterion &criterion, const QJsonObject &entity);
};

} // namespace loom
