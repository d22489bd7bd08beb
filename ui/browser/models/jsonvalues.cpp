#include "jsonvalues.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace loom::json {

namespace {

const QString kMod = kModField;

QString plural(qsizetype n, const char *one, const char *many)
{
    return QString::number(n) + u' ' + QString::fromLatin1(n == 1 ? one : many);
}

} // namespace

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String: return u"string"_s;
    case QJsonValue::Double: return u"number"_s;
    case QJsonValue::Bool: return u"boolean"_s;
    case QJsonValue::Object: return u"object"_s;
    case QJsonValue::Array: return u"array"_s;
    case QJsonValue::Null:
    case QJsonValue::Undefined: break;
    }
    return u"null"_s;
}

QStringList typeNames()
{
    return {u"string"_s, u"number"_s, u"boolean"_s, u"null"_s, u"object"_s, u"array"_s};
}

QString numberText(const QJsonValue &value)
{
    if (const auto n = wholeNumber(value))
        return QString::number(*n);
    return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
}

QString displayText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String: {
        QString s = value.toString();
        if (s.size() > 300)
            s = s.left(300) + u'…';
        return s.replace(u'\n', u'⏎');
    }
    case QJsonValue::Double: return numberText(value);
    case QJsonValue::Bool: return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Object: return u'{' + plural(value.toObject().size(), "field", "fields") + u'}';
    case QJsonValue::Array: return u'[' + plural(value.toArray().size(), "item", "items") + u']';
    case QJsonValue::Null:
    case QJsonValue::Undefined: break;
    }
    return u"null"_s;
}

QString summary(const QJsonObject &entity, int maxChars, const QString &idField)
{
    // Fields that name the entity first, then the others in key order.
    static const QStringList first = {u"name"_s, u"title"_s, u"label"_s};
    QStringList keys;
    for (const QString &k : first) {
        if (entity.value(k).isString())
            keys << k;
    }
    for (auto it = entity.begin(); it != entity.end(); ++it) {
        if (it.key() != idField && it.key() != kMod && !keys.contains(it.key()))
            keys << it.key();
    }
    QString out;
    for (const QString &key : std::as_const(keys)) {
        if (out.size() >= maxChars)
            break;
        if (!out.isEmpty())
            out += u" · "_s;
        const QJsonValue v = entity.value(key);
        QString shown = v.isString() ? displayText(v).left(40) : displayText(v);
        if (v.isObject() || v.isArray()) {
            // Small containers inline: {"city":"Lyon"}, ["a","b"].
            if (const QString compact = compactText(v); compact.size() <= 32)
                shown = compact;
        }
        out += key + u": "_s + shown;
    }
    if (out.size() > maxChars)
        out = out.left(maxChars - 1) + u'…';
    return out;
}

QString compactText(const QJsonValue &value)
{
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

QString clipboardText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented)).trimmed();
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)).trimmed();
    return compactText(value);
}

QJsonValue withValueAt(const QJsonValue &root, const QStringList &path, const QJsonValue &value)
{
    if (path.isEmpty())
        return value;
    const QString &key = path.first();
    const QStringList rest = path.mid(1);
    if (root.isArray()) {
        QJsonArray a = root.toArray();
        bool ok = false;
        const int i = key.toInt(&ok);
        if (!ok || i < 0 || i > a.size())
            return root;
        if (i == a.size()) {
            if (!value.isUndefined())
                a.append(withValueAt(QJsonValue(QJsonValue::Undefined), rest, value));
        } else if (rest.isEmpty() && value.isUndefined()) {
            a.removeAt(i);
        } else {
            a[i] = withValueAt(a.at(i), rest, value);
        }
        return a;
    }
    QJsonObject o = root.toObject();
    if (rest.isEmpty() && value.isUndefined())
        o.remove(key);
    else
        o[key] = withValueAt(o.value(key), rest, value);
    return o;
}

QJsonObject withValueAt(const QJsonObject &root, const QStringList &path, const QJsonValue &value)
{
    return withValueAt(QJsonValue(root), path, value).toObject();
}

QString pathText(const QJsonObject &root, const QStringList &path)
{
    QString out;
    QJsonValue v = root;
    for (const QString &key : path) {
        if (v.isArray())
            out += u'[' + key + u']';
        else
            out += (out.isEmpty() ? QString() : u"."_s) + key;
        v = valueAt(v, {key});
    }
    return out;
}

QString dottedPath(const QStringList &path)
{
    return path.join(u'.');
}

bool sameIgnoringMod(const QJsonObject &a, const QJsonObject &b)
{
    if (a.size() == b.size() && a == b)
        return true;
    QJsonObject x = a, y = b;
    x.remove(kMod);
    y.remove(kMod);
    return x == y;
}

QJsonObject forCreate(QJsonObject entity, const QString &idField)
{
    if (!entity.value(idField).toString().isEmpty())
        return entity;
    if (idField == kIdField)
        entity.remove(idField);
    else
        entity.insert(idField, QString());
    return entity;
}

QJsonObject withoutMeta(QJsonObject entity, const QString &idField)
{
    entity.remove(idField);
    entity.remove(kMod);
    return entity;
}

bool isNumberText(const QString &text)
{
    static const QRegularExpression number(u"^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$"_s);
    return number.match(text.trimmed()).hasMatch();
}

std::optional<QJsonValue> parseTyped(const QString &text, const QString &type)
{
    if (type == u"string")
        return QJsonValue(text);
    if (type == u"null")
        return QJsonValue(QJsonValue::Null);
    const QString t = text.trimmed();
    if (type == u"boolean") {
        if (t.compare(u"true"_s, Qt::CaseInsensitive) == 0)
            return QJsonValue(true);
        if (t.compare(u"false"_s, Qt::CaseInsensitive) == 0)
            return QJsonValue(false);
        return std::nullopt;
    }
    if (type == u"number" || type == u"integer") {
        if (!isNumberText(t))
            return std::nullopt;
        // Through the JSON parser, so integers stay exact 64-bit values.
        const QJsonDocument doc = QJsonDocument::fromJson(QString(u'[' + t + u']').toUtf8());
        const QJsonValue v = doc.array().at(0);
        if (!v.isDouble() || !std::isfinite(v.toDouble()))
            return std::nullopt;
        if (type == u"integer" && !wholeNumber(v))
            return std::nullopt;
        return v;
    }
    if (type == u"object" || type == u"array") {
        const QJsonDocument doc = QJsonDocument::fromJson(t.toUtf8());
        if (type == u"object" && doc.isObject())
            return QJsonValue(doc.object());
        if (type == u"array" && doc.isArray())
            return QJsonValue(doc.array());
        return std::nullopt;
    }
    return std::nullopt;
}

QJsonValue convert(const QJsonValue &value, const QString &type)
{
    if (typeName(value) == type)
        return value;
    const QString text = value.isString() ? value.toString() : displayText(value);
    if (type == u"string")
        return value.isNull() ? QJsonValue(QString()) : QJsonValue(value.isString() ? text : compactText(value));
    if (type == u"number")
        return parseTyped(text, type).value_or(QJsonValue(value.isBool() ? (value.toBool() ? 1 : 0) : 0));
    if (type == u"boolean")
        return parseTyped(text, type).value_or(QJsonValue(value.isDouble() ? value.toDouble() != 0 : false));
    if (type == u"object")
        return QJsonObject();
    if (type == u"array")
        return value.isNull() || value.isUndefined() ? QJsonArray() : QJsonArray{value};
    return QJsonValue(QJsonValue::Null);
}

} // namespace loom::json
