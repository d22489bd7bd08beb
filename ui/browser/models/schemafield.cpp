#include "schemafield.h"

#include "jsonrules.h"
#include "browser/models/jsonvalues.h"

#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

QJsonObject resolve(const QJsonObject &node, const QJsonObject &root, int depth = 0)
{
    const QString ref = node.value(u"$ref"_s).toString();
    if (ref.isEmpty() || depth > 16)
        return node;
    const QString prefix = u"#/definitions/"_s;
    if (!ref.startsWith(prefix))
        return node;
    QJsonObject target = root.value(u"definitions"_s).toObject().value(ref.mid(prefix.size())).toObject();
    for (auto it = node.begin(); it != node.end(); ++it) {
        if (it.key() != u"$ref")
            target.insert(it.key(), it.value());
    }
    return resolve(target, root, depth + 1);
}

QJsonObject mergeAllOf(QJsonObject node, const QJsonObject &root)
{
    const QJsonArray parts = node.value(u"allOf"_s).toArray();
    for (const QJsonValue &part : parts) {
        const QJsonObject p = resolve(part.toObject(), root);
        QJsonObject props = node.value(u"properties"_s).toObject();
        const QJsonObject more = p.value(u"properties"_s).toObject();
        for (auto it = more.begin(); it != more.end(); ++it)
            props.insert(it.key(), it.value());
        node.insert(u"properties"_s, props);
        QJsonArray required = node.value(u"required"_s).toArray();
        for (const QJsonValue &r : p.value(u"required"_s).toArray())
            required.append(r);
        node.insert(u"required"_s, required);
        if (!node.contains(u"type"_s) && p.contains(u"type"_s))
            node.insert(u"type"_s, p.value(u"type"_s));
    }
    return node;
}

SchemaField build(const QString &name, const QJsonObject &raw, const QJsonObject &root, int depth)
{
    const QJsonObject node = mergeAllOf(resolve(raw, root), root);
    SchemaField f;
    f.name = name;
    const QJsonValue type = node.value(u"type"_s);
    f.type = type.isString() ? type.toString() : QString();
    if (f.type.isEmpty() && node.contains(u"properties"_s))
        f.type = u"object"_s;
    if (node.contains(u"anyOf"_s) || node.contains(u"oneOf"_s))
        f.type.clear();
    f.title = node.value(u"title"_s).toString();
    f.description = node.value(u"description"_s).toString();
    f.format = node.value(u"format"_s).toString();
    f.pattern = node.value(u"pattern"_s).toString();
    f.enumValues = node.value(u"enum"_s).toArray();
    f.defaultValue = node.value(u"default"_s);
    f.minimum = node.value(u"minimum"_s);
    f.maximum = node.value(u"maximum"_s);
    if (depth > 32)
        return f;
    if (f.type == u"object") {
        QStringList required;
        for (const QJsonValue &r : node.value(u"required"_s).toArray())
            required << r.toString();
        const QJsonObject props = node.value(u"properties"_s).toObject();
        // The daemon re-encodes schemas with sorted keys, so the order here is alphabetical;
        // _id and _mod are shown apart by the form anyway.
        for (auto it = props.begin(); it != props.end(); ++it) {
            SchemaField child = build(it.key(), it.value().toObject(), root, depth + 1);
            child.required = required.contains(it.key());
            f.properties.push_back(std::move(child));
        }
    } else if (f.type == u"array") {
        const QJsonValue items = node.value(u"items"_s);
        f.items = std::make_shared<SchemaField>(build(QString(), items.toObject(), root, depth + 1));
    }
    return f;
}

} // namespace

const SchemaField *SchemaField::property(const QString &key) const
{
    for (const SchemaField &p : properties) {
        if (p.name == key)
            return &p;
    }
    return nullptr;
}

const SchemaField *SchemaField::at(const QStringList &path) const
{
    const SchemaField *node = this;
    for (const QString &key : path) {
        if (!node)
            return nullptr;
        node = node->type == u"array" ? node->items.get() : node->property(key);
    }
    return node;
}

QString SchemaField::hint() const
{
    QStringList parts;
    if (!description.isEmpty())
        parts << description;
    if (!enumValues.isEmpty()) {
        QStringList values;
        for (const QJsonValue &v : enumValues)
            values << json::compactText(v);
        parts << QObject::tr("One of: %1").arg(values.join(u", "_s));
    }
    if (minimum.isDouble())
        parts << QObject::tr("At least %1").arg(json::numberText(minimum));
    if (maximum.isDouble())
        parts << QObject::tr("At most %1").arg(json::numberText(maximum));
    if (!pattern.isEmpty())
        parts << QObject::tr("Pattern: %1").arg(pattern);
    if (!format.isEmpty())
        parts << QObject::tr("Format: %1").arg(format);
    if (required)
        parts << QObject::tr("Required");
    return parts.join(u'\n');
}

QStringList SchemaField::scalarPaths(const QString &prefix) const
{
    QStringList out;
    for (const SchemaField &p : properties) {
        const QString path = prefix.isEmpty() ? p.name : prefix + u'.' + p.name;
        if (p.type == u"object")
            out += p.scalarPaths(path);
        else if (p.type != u"array")
            out << path;
    }
    return out;
}

SchemaField parseSchema(const QByteArray &schemaJson, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(schemaJson, &parseError);
    if (!doc.isObject()) {
        if (error)
            *error = parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                   : QObject::tr("the schema is not a JSON object");
        SchemaField root;
        root.type = u"object"_s;
        return root;
    }
    SchemaField root = build(QString(), doc.object(), doc.object(), 0);
    root.type = u"object"_s;
    return root;
}

namespace {

QJsonValue startValue(const SchemaField &f)
{
    if (!f.defaultValue.isUndefined())
        return f.defaultValue;
    if (f.type == u"object" && f.required)
        return newDocument(f);
    return QJsonValue(QJsonValue::Undefined);
}

} // namespace

QJsonObject newDocument(const SchemaField &root, const QString &idField)
{
    QJsonObject doc;
    for (const SchemaField &p : root.properties) {
        if (p.name == idField || p.name == json::kModField)
            continue;
        const QJsonValue v = startValue(p);
        if (!v.isUndefined())
            doc.insert(p.name, v);
    }
    return doc;
}

QHash<QString, QString> parseSchemaErrors(const QString &daemonMessage)
{
    QHash<QString, QString> errors;
    QString text = daemonMessage;
    const QString marker = u"correspond to schema:"_s;
    if (const qsizetype at = text.indexOf(marker); at >= 0)
        text = text.mid(at + marker.size());
    static const QRegularExpression required(u"^(.+) is required$"_s);
    const QStringList parts = text.split(u"; "_s, Qt::SkipEmptyParts);
    for (const QString &raw : parts) {
        const QString part = raw.trimmed();
        const qsizetype colon = part.indexOf(u": "_s);
        QString field = colon > 0 ? part.left(colon).trimmed() : QString();
        QString description = colon > 0 ? part.mid(colon + 2).trimmed() : part;
        if (field == u"(root)")
            field.clear();
        if (field.startsWith(u"(root)."_s))
            field = field.mid(7);
        if (const auto m = required.match(description); m.hasMatch()) {
            field = field.isEmpty() ? m.captured(1) : field + u'.' + m.captured(1);
            description = QObject::tr("Required");
        }
        if (errors.contains(field))
            errors[field] += u'\n' + description;
        else
            errors.insert(field, description);
    }
    return errors;
}

QString entityTitle(const SchemaField &root, const QJsonObject &doc)
{
    static const QStringList names{u"name"_s,    u"title"_s,   u"label"_s,   u"displayname"_s,
                                   u"display_name"_s, u"caption"_s, u"subject"_s, u"summary"_s};
    for (const QString &wanted : names) {
        for (auto it = doc.begin(); it != doc.end(); ++it) {
            if (it.key().compare(wanted, Qt::CaseInsensitive) == 0 && it->isString()
                && !it->toString().trimmed().isEmpty())
                return it->toString().trimmed();
        }
    }
    for (const SchemaField &p : root.properties) {
        const QJsonValue v = doc.value(p.name);
        if (p.required && p.type == u"string" && v.isString() && !v.toString().trimmed().isEmpty())
            return v.toString().trimmed();
    }
    return {};
}

} // namespace loom
