#include "schemainfer.h"

#include "jsonrules.h"

#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

// What was seen at one place of the samples (a field, or the elements of an array).
struct Shape
{
    int present = 0; // values seen here (null included)
    int nulls = 0;
    int booleans = 0;
    int wholeNumbers = 0;
    int fractions = 0;
    int strings = 0;
    int objects = 0;
    int arrays = 0;
    // Strings: formats every string so far has.
    bool allDateTime = true;
    bool allEmail = true;
    bool allUri = true;
    // Objects: fields in the order first seen.
    std::vector<std::pair<QString, std::unique_ptr<Shape>>> fields;
    QHash<QString, Shape *> byName;
    // Arrays: every element of every array here.
    std::unique_ptr<Shape> items;

    Shape *field(const QString &name)
    {
        if (Shape *known = byName.value(name))
            return known;
        fields.emplace_back(name, std::make_unique<Shape>());
        Shape *shape = fields.back().second.get();
        byName.insert(name, shape);
        return shape;
    }
};

// RFC 3339 as the daemon's validator reads "date-time" (Go's time.RFC3339: a 'T', seconds, a zone).
const QRegularExpression &dateTimePattern()
{
    static const QRegularExpression re(
        u"^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:([0-5]\\d|60)(\\.\\d+)?(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)$"_s);
    return re;
}

const QRegularExpression &emailPattern()
{
    static const QRegularExpression re(u"^[^@\\s\"<>()\\[\\],;:]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$"_s);
    return re;
}

// An absolute URI with an authority (scheme://…): what people mean by a link. "a:b" is a valid
// URI too, but proposing format "uri" for such strings would surprise more than it helps.
const QRegularExpression &uriPattern()
{
    static const QRegularExpression re(u"^[A-Za-z][A-Za-z0-9+.-]*://[^\\s/?#]+[^\\s]*$"_s);
    return re;
}

void observe(Shape &shape, const QJsonValue &value);

void observeObject(Shape &shape, const QJsonObject &object)
{
    ++shape.objects;
    for (auto it = object.begin(); it != object.end(); ++it)
        observe(*shape.field(it.key()), it.value());
}

void observe(Shape &shape, const QJsonValue &value)
{
    ++shape.present;
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        ++shape.nulls;
        break;
    case QJsonValue::Bool:
        ++shape.booleans;
        break;
    case QJsonValue::Double:
        if (json::wholeNumber(value))
            ++shape.wholeNumbers;
        else
            ++shape.fractions;
        break;
    case QJsonValue::String: {
        ++shape.strings;
        const QString text = value.toString();
        shape.allDateTime = shape.allDateTime && dateTimePattern().match(text).hasMatch();
        shape.allEmail = shape.allEmail && emailPattern().match(text).hasMatch();
        shape.allUri = shape.allUri && uriPattern().match(text).hasMatch();
        break;
    }
    case QJsonValue::Object:
        observeObject(shape, value.toObject());
        break;
    case QJsonValue::Array: {
        ++shape.arrays;
        if (!shape.items)
            shape.items = std::make_unique<Shape>();
        const QJsonArray array = value.toArray();
        for (const QJsonValue &element : array)
            observe(*shape.items, element);
        break;
    }
    }
}

class Writer
{
public:
    QStringList notes;
    QStringList wholeNumberPaths;

    QJsonObject schemaFor(const Shape &shape, const QString &path)
    {
        QJsonArray alternatives;
        if (shape.booleans)
            alternatives << QJsonObject{{u"type"_s, u"boolean"_s}};
        if (shape.wholeNumbers || shape.fractions) {
            const bool whole = shape.fractions == 0;
            alternatives << QJsonObject{{u"type"_s, whole ? u"integer"_s : u"number"_s}};
            if (whole)
                wholeNumberPaths << path;
        }
        if (shape.strings)
            alternatives << stringSchema(shape, path);
        if (shape.objects)
            alternatives << objectSchema(shape, path);
        if (shape.arrays)
            alternatives << arraySchema(shape, path);

        if (alternatives.isEmpty()) {
            if (shape.nulls)
                notes << u"%1: null in every sample, so it is left without a type."_s.arg(path);
            return {};
        }
        if (shape.nulls) {
            alternatives << QJsonObject{{u"type"_s, u"null"_s}};
            notes << u"%1: sometimes null, so it is \u201canyOf\u201d its type and null (the daemon refuses a "
                     "list of types)."_s.arg(path);
        }
        if (alternatives.size() == 1)
            return alternatives.first().toObject();
        if (!shape.nulls || alternatives.size() > 2)
            notes << u"%1: has values of %2 types in the samples, so it is \u201canyOf\u201d them."_s.arg(path).arg(
                alternatives.size() - (shape.nulls ? 1 : 0));
        return QJsonObject{{u"anyOf"_s, alternatives}};
    }

    QString idField = json::kIdField;
    // v1 writes `_mod` itself; a legacy daemon has no such field (there it is the user's own).
    bool leaveOutMod = true;

    QJsonObject objectSchema(const Shape &shape, const QString &path, bool root = false)
    {
        QJsonObject properties;
        QJsonArray required;
        if (root)
            properties.insert(idField, QJsonObject{{u"type"_s, u"string"_s}});
        // Fields in the order first seen across samples (QJsonObject gives each sample's keys
        // sorted by name); the daemon stores properties sorted anyway (threads-api.md §4.5).
        for (const auto &[name, field] : shape.fields) {
            if (root && (name == idField || (leaveOutMod && name == json::kModField)))
                continue;
            const QString fieldPath = path.isEmpty() ? name : path + u'.' + name;
            properties.insert(name, schemaFor(*field, fieldPath));
            if (field->present == shape.objects)
                required << name;
        }
        QJsonObject schema{{u"type"_s, u"object"_s}, {u"properties"_s, properties}};
        if (!required.isEmpty())
            schema.insert(u"required"_s, required);
        return schema;
    }

private:
    QJsonObject stringSchema(const Shape &shape, const QString &path)
    {
        QJsonObject schema{{u"type"_s, u"string"_s}};
        const char *format = shape.allDateTime ? "date-time" : shape.allEmail ? "email" : shape.allUri ? "uri" : nullptr;
        if (format) {
            schema.insert(u"format"_s, QString::fromLatin1(format));
            notes << u"%1: every sample is a%2 %3, so the schema asks for that format (the daemon will refuse "
                     "other text)."_s.arg(path, *format == 'e' ? u"n"_s : QString(), QString::fromLatin1(format));
        }
        return schema;
    }

    QJsonObject arraySchema(const Shape &shape, const QString &path)
    {
        QJsonObject schema{{u"type"_s, u"array"_s}};
        if (shape.items && shape.items->present > 0) {
            const QJsonObject items = schemaFor(*shape.items, path + u"[]"_s);
            if (!items.isEmpty())
                schema.insert(u"items"_s, items);
        } else {
            notes << u"%1: every sample is an empty array, so its elements are left without a type."_s.arg(path);
        }
        return schema;
    }
};

} // namespace

InferredSchema inferSchema(const QList<QJsonObject> &samples, const QString &idField)
{
    Shape root;
    for (const QJsonObject &sample : samples)
        observeObject(root, sample);

    Writer writer;
    writer.idField = idField.isEmpty() ? QString(json::kIdField) : idField;
    writer.leaveOutMod = writer.idField == json::kIdField;
    QJsonObject schema = writer.objectSchema(root, QString(), true);
    schema.insert(u"$schema"_s, u"http://json-schema.org/draft-04/schema#"_s);

    InferredSchema result;
    result.samples = int(samples.size());
    result.notes << (samples.size() == 1 ? u"From 1 sample: every field it has is required."_s
                                         : u"From %1 samples; a field is required when every sample has it."_s.arg(
                                               samples.size()));
    if (writer.leaveOutMod && root.byName.contains(json::kModField))
        result.notes << u"_mod is left out: the daemon writes it on every save."_s;
    if (root.byName.contains(writer.idField))
        result.notes << u"%1 is a string and not required: the daemon makes one when an entity has none."_s.arg(
            writer.idField);
    if (!writer.wholeNumberPaths.isEmpty())
        result.notes << u"%1: only whole numbers in the samples, so typed integer (a fraction would be refused; "
                        "make it number if fractions may come)."_s.arg(writer.wholeNumberPaths.join(u", "_s));
    result.notes += writer.notes;
    result.schema = schema;
    return result;
}

} // namespace loom
