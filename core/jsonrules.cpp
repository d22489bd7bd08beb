#include "jsonrules.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace loom::json {

namespace {

int rank(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Undefined:
    case QJsonValue::Null: return 0;
    case QJsonValue::Bool: return 1;
    case QJsonValue::Double: return 2;
    case QJsonValue::String: return 3;
    case QJsonValue::Array: return 4;
    case QJsonValue::Object: return 5;
    }
    return 0;
}

template <typename T>
int cmp(const T &a, const T &b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

int compareNumbers(const QJsonValue &a, const QJsonValue &b)
{
    const auto ia = wholeNumber(a);
    const auto ib = wholeNumber(b);
    if (ia && ib)
        return cmp(*ia, *ib);
    return cmp(a.toDouble(), b.toDouble());
}

QString compactText(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

bool applyOrder(Op op, int order)
{
    switch (op) {
    case Op::Eq: return order == 0;
    case Op::Ne: return order != 0;
    case Op::Gt: return order > 0;
    case Op::Lt: return order < 0;
    case Op::Ge: return order >= 0;
    case Op::Le: return order <= 0;
    }
    return false;
}

bool applyDoubles(Op op, double a, double b)
{
    switch (op) {
    case Op::Eq: return a == b;
    case Op::Ne: return a != b;
    case Op::Gt: return a > b;
    case Op::Lt: return a < b;
    case Op::Ge: return !(a < b);
    case Op::Le: return !(b < a);
    }
    return false;
}

} // namespace

std::optional<qint64> wholeNumber(const QJsonValue &value)
{
    // toInteger(d) returns d when the value is not an exact integer.
    const qint64 n = value.toInteger(1);
    return value.isDouble() && n == value.toInteger(2) ? std::optional<qint64>(n) : std::nullopt;
}

int compareCodePoints(QStringView a, QStringView b)
{
    // Surrogates (0xD800-0xDFFF) stand for code points above 0xFFFF: move them above 0xE000-0xFFFF.
    const auto key = [](char16_t u) -> char32_t {
        return u >= 0xE000 ? char32_t(u - 0x800) : u >= 0xD800 ? char32_t(u + 0x2000) : char32_t(u);
    };
    const auto [ia, ib] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
    if (ia == a.end() || ib == b.end())
        return ia != a.end() ? 1 : ib != b.end() ? -1 : 0;
    return key(ia->unicode()) < key(ib->unicode()) ? -1 : 1;
}

int compare(const QJsonValue &a, const QJsonValue &b)
{
    const int ra = rank(a);
    const int rb = rank(b);
    if (ra != rb)
        return cmp(ra, rb);
    switch (a.type()) {
    case QJsonValue::Bool: return cmp(a.toBool(), b.toBool());
    case QJsonValue::Double: return compareNumbers(a, b);
    case QJsonValue::String: return compareCodePoints(a.toString(), b.toString());
    case QJsonValue::Array: {
        const QJsonArray x = a.toArray(), y = b.toArray();
        if (x.size() != y.size())
            return cmp(x.size(), y.size());
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (const int c = compare(x.at(i), y.at(i)))
                return c;
        }
        return 0;
    }
    case QJsonValue::Object: {
        const QJsonObject x = a.toObject(), y = b.toObject();
        if (x.size() != y.size())
            return cmp(x.size(), y.size());
        return compareCodePoints(compactText(x), compactText(y));
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined: break;
    }
    return 0;
}

QJsonValue valueAt(const QJsonValue &root, const QStringList &path)
{
    QJsonValue v = root;
    for (const QString &key : path) {
        if (v.isObject()) {
            v = v.toObject().value(key);
        } else if (v.isArray()) {
            bool ok = false;
            const int i = key.toInt(&ok);
            const QJsonArray a = v.toArray();
            if (!ok || i < 0 || i >= a.size())
                return QJsonValue(QJsonValue::Undefined);
            v = a.at(i);
        } else {
            return QJsonValue(QJsonValue::Undefined);
        }
    }
    return v;
}

QStringList splitDotted(const QString &dotted)
{
    return dotted.isEmpty() ? QStringList() : dotted.split(u'.');
}

bool holds(const Criterion &criterion, const QJsonObject &entity)
{
    const QJsonValue v = valueAt(entity, splitDotted(criterion.fieldPath));
    const QJsonValue &want = criterion.value;
    if (want.isDouble() && v.isDouble())
        return applyDoubles(criterion.op, v.toDouble(), want.toDouble());
    if (want.isString() && v.isString())
        return applyOrder(criterion.op, compareCodePoints(v.toString(), want.toString()));
    if (want.isBool() && v.isBool()) {
        if (criterion.op == Op::Eq)
            return v.toBool() == want.toBool();
        if (criterion.op == Op::Ne)
            return v.toBool() != want.toBool();
    }
    return false;
}

bool matches(const Query &query, const QJsonObject &entity)
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

} // namespace loom::json
