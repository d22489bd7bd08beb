#include "querymatcher.h"

#include "jsonvalues.h"

namespace loom {

namespace {

template <typename T>
bool apply(Op op, const T &a, const T &b)
{
    switch (op) {
    case Op::Eq: return a == b;
    case Op::Ne: return a != b;
    case Op::Gt: return b < a;
    case Op::Lt: return a < b;
    case Op::Ge: return !(a < b);
    case Op::Le: return !(b < a);
    }
    return false;
}

} // namespace

bool QueryMatcher::holds(const Criterion &criterion, const QJsonObject &entity)
{
    const QJsonValue v = json::valueAt(entity, json::splitDotted(criterion.fieldPath));
    const QJsonValue &want = criterion.value;
    if (want.isDouble() && v.isDouble())
        return apply(criterion.op, v.toDouble(), want.toDouble());
    if (want.isString() && v.isString())
        return apply(criterion.op, v.toString(), want.toString());
    if (want.isBool() && v.isBool()) {
        if (criterion.op == Op::Eq)
            return v.toBool() == want.toBool();
        if (criterion.op == Op::Ne)
            return v.toBool() != want.toBool();
    }
    return false;
}

bool QueryMatcher::matches(const Query &query, const QJsonObject &entity)
{
    if (query.ands().isEmpty())
        return true;
    const bool all = std::all_of(query.ands().begin(), query.ands().end(),
                                 [&entity](const Criterion &c) { return holds(c, entity); });
    if (all)
        return true;
    return std::any_of(query.ors().begin(), query.ors().end(),
                       [&entity](const Query &q) { return matches(q, entity); });
}

} // namespace loom
