#include "schemacheck.h"

#include "schemapath_p.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace loom::schemacheck {

namespace {

using detail::Path;
using detail::RawText;

enum class Kind {
    String, Type, Int, Bool, ExclusiveBound, Schema, Items, SchemaMap, Dependencies, SchemaList,
    StringList, Array, Any, AdditionalProperties
};

struct Keyword
{
    QLatin1StringView name;
    Kind kind;
};

// What the daemon's draft-04 structure keeps (§4.6.2), with the JSON type it decodes.
constexpr Keyword kKeywords[] = {
    {"$schema"_L1, Kind::String}, {"$ref"_L1, Kind::String}, {"type"_L1, Kind::Type},
    {"pattern"_L1, Kind::String}, {"title"_L1, Kind::String}, {"description"_L1, Kind::String},
    {"format"_L1, Kind::String}, {"binaryEncoding"_L1, Kind::String},
    {"multipleOf"_L1, Kind::Int}, {"maximum"_L1, Kind::Int}, {"minimum"_L1, Kind::Int},
    {"maxLength"_L1, Kind::Int}, {"minLength"_L1, Kind::Int}, {"maxItems"_L1, Kind::Int},
    {"minItems"_L1, Kind::Int}, {"maxProperties"_L1, Kind::Int}, {"minProperties"_L1, Kind::Int},
    {"exclusiveMaximum"_L1, Kind::ExclusiveBound}, {"exclusiveMinimum"_L1, Kind::ExclusiveBound},
    {"uniqueItems"_L1, Kind::Bool}, {"items"_L1, Kind::Items}, {"additionalItems"_L1, Kind::Schema},
    {"not"_L1, Kind::Schema}, {"media"_L1, Kind::Schema}, {"properties"_L1, Kind::SchemaMap},
    {"patternProperties"_L1, Kind::SchemaMap}, {"definitions"_L1, Kind::SchemaMap},
    {"dependencies"_L1, Kind::Dependencies}, {"allOf"_L1, Kind::SchemaList},
    {"anyOf"_L1, Kind::SchemaList}, {"oneOf"_L1, Kind::SchemaList},
    {"required"_L1, Kind::StringList}, {"enum"_L1, Kind::Array}, {"examples"_L1, Kind::Array},
    {"default"_L1, Kind::Any}, {"additionalProperties"_L1, Kind::AdditionalProperties},
};

const Keyword *findKeyword(const QString &key, Qt::CaseSensitivity cs)
{
    for (const Keyword &k : kKeywords) {
        if (QString::compare(key, k.name, cs) == 0)
            return &k;
    }
    return nullptr;
}

// The daemon matches keywords case-insensitively (Go's decoder); exact spelling wins.
QJsonValue keyword(const QJsonObject &o, QLatin1StringView name)
{
    if (o.contains(name))
        return o.value(name);
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (QString::compare(it.key(), name, Qt::CaseInsensitive) == 0)
            return it.value();
    }
    return QJsonValue(QJsonValue::Undefined);
}

QString droppedHint(const QString &key)
{
    static const QHash<QString, QString> hints = {
        {u"$id"_s, u"use title or description to name the schema"_s},
        {u"id"_s, u"use title or description to name the schema"_s},
        {u"const"_s, u"use \"enum\" with a single value instead"_s},
        {u"if"_s, u"express the condition with oneOf or anyOf instead"_s},
        {u"then"_s, u"express the condition with oneOf or anyOf instead"_s},
        {u"else"_s, u"express the condition with oneOf or anyOf instead"_s},
        {u"$comment"_s, u"use description instead"_s},
        {u"$defs"_s, u"use definitions instead"_s},
    };
    return hints.value(key);
}

bool isJsonType(const QString &t)
{
    static const QSet<QString> types = {u"array"_s, u"boolean"_s, u"integer"_s, u"null"_s,
                                        u"number"_s, u"object"_s, u"string"_s};
    return types.contains(t);
}

// At most this many errors and this many warnings are listed (then one line with the number
// left out), so that a hostile schema cannot make the list, and the memory for it, grow with
// the square of its size.
constexpr qsizetype kMaxListed = 100;

class Checker
{
public:
    explicit Checker(QByteArrayView text) : m_raw(text) {}

    void error(const Path &p, const QString &message) { add(Problem::Error, p, message); }
    void warning(const Path &p, const QString &message) { add(Problem::Warning, p, message); }

    void schema(const QJsonObject &o, const Path &p);
    // Errors first, then warnings.
    QList<Problem> problems() const;

private:
    struct Bounds
    {
        QJsonValue minimum;
        QJsonValue maximum;
    };

    void add(Problem::Severity severity, const Path &p, const QString &message);
    Path field(const Path &p, const QString &name) const
    {
        return p.field(name, p.node < 0 ? -1 : m_raw.child(p.node, name));
    }
    Path entry(const Path &p, qsizetype i) const { return p.entry(i, p.node < 0 ? -1 : m_raw.child(p.node, i)); }
    void member(const Keyword &k, const QJsonValue &v, const Path &at, const Bounds &bounds);
    void integer(const QString &name, const QJsonValue &v, const Path &p);
    void schemaValue(const QJsonValue &v, const Path &p)
    {
        if (v.isObject())
            schema(v.toObject(), p);
        else if (!v.isNull())
            error(p, u"must be a schema object, not "_s + (v.isBool() ? u"a boolean"_s : u"this value"_s));
    }

    RawText m_raw;
    QList<Problem> m_listed[2]; // by severity
    qsizetype m_omitted[2] = {0, 0};
};

void Checker::add(Problem::Severity severity, const Path &p, const QString &message)
{
    if (m_listed[severity].size() < kMaxListed)
        m_listed[severity].append({severity, p.display(), message});
    else
        ++m_omitted[severity];
}

QList<Problem> Checker::problems() const
{
    QList<Problem> out;
    for (const Problem::Severity severity : {Problem::Error, Problem::Warning}) {
        out += m_listed[severity];
        if (m_omitted[severity] > 0) {
            out.append({severity, QString(),
                        u"%1 more %2 not listed"_s.arg(m_omitted[severity])
                            .arg(severity == Problem::Error ? u"errors"_s : u"warnings"_s)});
        }
    }
    return out;
}

void Checker::schema(const QJsonObject &o, const Path &p)
{
    // Looked up once per object: a case-insensitive lookup walks the whole object.
    const Bounds bounds{keyword(o, "minimum"_L1), keyword(o, "maximum"_L1)};
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = it.key();
        const Path at = field(p, key);
        const Keyword *k = findKeyword(key, Qt::CaseSensitive);
        if (!k) {
            k = findKeyword(key, Qt::CaseInsensitive);
            if (k) {
                warning(at, u"read as \""_s + k->name
                                + u"\" (the daemon matches keywords regardless of case); spell it that way"_s);
            } else {
                const QString hint = droppedHint(key);
                warning(at, u"not a keyword the daemon keeps (it reads a draft-04 subset): silently dropped, "
                             "so it has no effect"_s + (hint.isEmpty() ? QString() : u"; "_s + hint));
                continue;
            }
        }
        member(*k, it.value(), at, bounds);
    }
}

void Checker::member(const Keyword &k, const QJsonValue &v, const Path &at, const Bounds &bounds)
{
    if (v.isNull() && k.kind != Kind::Any) {
        warning(at, u"null is dropped by the daemon"_s);
        return;
    }
    switch (k.kind) {
    case Kind::String:
        if (!v.isString())
            error(at, u"must be a string"_s);
        return;
    case Kind::Type:
        if (v.isArray())
            error(at, u"a list of types is refused by the daemon; give one type (for an optional "
                       "field, leave it out of \"required\" instead of allowing null)"_s);
        else if (!v.isString())
            error(at, u"must be a string"_s);
        else if (!isJsonType(v.toString()))
            error(at, u'"' + v.toString() + u"\" is not a JSON Schema type"_s);
        return;
    case Kind::Int:
        integer(k.name, v, at);
        return;
    case Kind::ExclusiveBound: {
        const bool lower = k.name == "exclusiveMinimum"_L1;
        const QLatin1StringView bound = lower ? "minimum"_L1 : "maximum"_L1;
        if (v.isDouble()) {
            error(at, u"a numeric "_s + k.name + u" (draft-06 form) is refused by the daemon; write \""_s
                          + bound + u"\": N with \""_s + k.name + u"\": true"_s);
        } else if (!v.isBool()) {
            error(at, u"must be true or false"_s);
        } else if (!v.toBool()) {
            warning(at, u"false is dropped by the daemon (harmless: false is the default)"_s);
        } else if (const QJsonValue b = lower ? bounds.minimum : bounds.maximum; !b.isDouble() || b.toDouble() == 0) {
            warning(at, u"has no effect without a non-zero \""_s + bound + u"\" (the daemon drops a zero bound)"_s);
        }
        return;
    }
    case Kind::Bool:
        if (!v.isBool())
            error(at, u"must be true or false"_s);
        else if (!v.toBool())
            warning(at, u"false is dropped by the daemon (harmless: false is the default)"_s);
        return;
    case Kind::Items:
        if (v.isArray())
            error(at, u"a list of schemas (tuple form) is refused by the daemon; give one schema for all items"_s);
        else
            schemaValue(v, at);
        return;
    case Kind::Schema:
        schemaValue(v, at);
        return;
    case Kind::SchemaMap:
    case Kind::Dependencies: {
        if (!v.isObject()) {
            error(at, u"must be an object"_s);
            return;
        }
        const QJsonObject map = v.toObject();
        for (auto it = map.begin(); it != map.end(); ++it) {
            const Path entryAt = field(at, it.key());
            if (k.kind == Kind::Dependencies && it.value().isArray())
                error(entryAt, u"a list of property names is refused by the daemon; use the schema "
                                           "form {\"required\": [...]}"_s);
            else
                schemaValue(it.value(), entryAt);
        }
        return;
    }
    case Kind::SchemaList:
    case Kind::StringList:
    case Kind::Array: {
        if (!v.isArray()) {
            error(at, u"must be an array"_s);
            return;
        }
        const QJsonArray array = v.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (k.kind == Kind::SchemaList)
                schemaValue(array.at(i), entry(at, i));
            else if (k.kind == Kind::StringList && !array.at(i).isString())
                error(entry(at, i), u"must be a property name (a string)"_s);
        }
        return;
    }
    case Kind::AdditionalProperties:
        if (v.isObject())
            schema(v.toObject(), at);
        else if (!v.isBool())
            error(at, u"must be true, false or a schema object"_s);
        return;
    case Kind::Any:
        return;
    }
}

void Checker::integer(const QString &name, const QJsonValue &v, const Path &at)
{
    if (!v.isDouble()) {
        error(at, u"must be a number"_s);
        return;
    }
    const QByteArrayView raw = at.parent && at.parent->node >= 0 ? m_raw.number(at.parent->node, at.name)
                                                                 : QByteArrayView();
    const QByteArray literal = raw.isEmpty() ? QByteArray::number(v.toDouble()) : raw.toByteArray();
    const bool whole = v.toInteger(1) == v.toInteger(2);
    const QString text = QString::fromLatin1(literal);
    const bool bound = name == "minimum"_L1 || name == "maximum"_L1;
    if (literal.contains('.') || literal.contains('e') || literal.contains('E'))
        error(at, text + u" is refused by the daemon, which only accepts "_s
                      + (whole ? u"integers written without a decimal point or exponent here; write "_s
                                     + QString::number(v.toInteger())
                               : u"whole numbers here"_s));
    else if (!whole)
        error(at, text + u" is too large for the daemon"_s);
    else if (v.toInteger() < 0 && !bound)
        error(at, u"must not be negative"_s);
    else if (v.toInteger() == 0 && name.startsWith(u"min"_s) && !bound)
        warning(at, u"0 is dropped by the daemon (harmless: 0 is the default)"_s);
    else if (v.toInteger() == 0)
        warning(at, u"0 is dropped by the daemon, so this bound is not enforced"_s
                        + (name == "minimum"_L1 ? u" (for integers, write \"minimum\": -1 with \"exclusiveMinimum\": true)"_s
                           : name == "maximum"_L1 ? u" (for integers, write \"maximum\": 1 with \"exclusiveMaximum\": true)"_s
                                                  : QString()));
}

// Checks the schema object that describes instances: the root, or the definition the root $ref
// names (the daemon takes the last "/" segment of $ref as a key of "definitions").
void checkInstanceRoot(const QJsonObject &root, Checker &checker)
{
    const Path top;
    const Path definitions = top.field(u"definitions"_s);
    const QString ref = keyword(root, "$ref"_L1).toString();
    const QString name = ref.section(u'/', -1);
    const Path named = definitions.field(name);
    QJsonObject object = root;
    const Path *at = &top;
    if (!ref.isEmpty()) {
        const QJsonValue def = keyword(root, "definitions"_L1).toObject().value(name);
        if (!def.isObject())
            return checker.error(top.field(u"$ref"_s), u"names \""_s + name + u"\", which is not in "
                                                       "\"definitions\"; the daemon looks for the _id property there"_s);
        object = def.toObject();
        at = &named;
    }
    const QJsonObject props = keyword(object, "properties"_L1).toObject();
    const Path propsPath = at->field(u"properties"_s);
    const QJsonValue id = props.value(u"_id"_s);
    if (!id.isObject())
        checker.error(propsPath.field(u"_id"_s), u"missing: the daemon requires an \"_id\" property with "
                                                 "\"type\": \"string\""_s);
    else if (keyword(id.toObject(), "type"_L1) != QJsonValue(u"string"_s))
        checker.error(propsPath.field(u"_id"_s), u"must have \"type\": \"string\" (the daemon refuses "
                                                 "any other _id)"_s);

    const QJsonValue mod = props.value(u"_mod"_s);
    const QJsonValue additional = keyword(object, "additionalProperties"_L1);
    if (additional == QJsonValue(false) && !mod.isObject())
        checker.warning(at->field(u"additionalProperties"_s),
                        u"false without a \"_mod\" property: instances read back from the daemon carry "
                        "_mod, so saving them fails; declare \"_mod\": {\"type\": \"integer\"}"_s);
    if (mod.isObject()) {
        const QString type = keyword(mod.toObject(), "type"_L1).toString();
        if (!type.isEmpty() && type != "integer"_L1 && type != "number"_L1)
            checker.warning(propsPath.field(u"_mod"_s),
                            u"the daemon writes _mod as an integer (nanoseconds), so with type \""_s + type
                                + u"\" saving a read-back instance fails"_s);
    }
    if (keyword(object, "required"_L1).toArray().contains(QJsonValue(u"_mod"_s)))
        checker.warning(at->field(u"required"_s),
                        u"requiring _mod makes every Create without _mod fail: the daemon validates before it "
                        "adds _mod"_s);
}

std::optional<QJsonObject> parseObject(QByteArrayView json, QList<Problem> *problems)
{
    if (json.size() > MaxSchemaSize) {
        problems->append({Problem::Error, QString(),
                          u"the schema is %1 bytes; Loom accepts schemas of at most %2 bytes (1 MiB)"_s
                              .arg(json.size()).arg(MaxSchemaSize)});
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        problems->append({Problem::Error, QString(),
                          u"not JSON: "_s + parseError.errorString() + u" at offset "_s
                              + QString::number(parseError.offset)});
        return std::nullopt;
    }
    if (!doc.isObject()) {
        problems->append({Problem::Error, QString(), u"the schema must be a JSON object"_s});
        return std::nullopt;
    }
    return doc.object();
}

// getSchemaTypeAtPath of the daemon: walk "properties" segment by segment; a node with $ref
// takes its properties from the root's definitions instead.
std::optional<QJsonObject> resolvePath(const QJsonObject &root, const QString &path)
{
    const QJsonObject definitions = keyword(root, "definitions"_L1).toObject();
    QJsonObject node = root;
    for (const QString &part : path.split(u'.')) {
        const QString ref = keyword(node, "$ref"_L1).toString();
        const QJsonObject owner = ref.isEmpty() ? node : definitions.value(ref.section(u'/', -1)).toObject();
        const QJsonValue next = keyword(owner, "properties"_L1).toObject().value(part);
        if (!next.isObject())
            return std::nullopt;
        node = next.toObject();
    }
    return node;
}

} // namespace

bool isValidName(const QString &name)
{
    return nameProblem(name).isEmpty();
}

QString nameProblem(const QString &name)
{
    const QString rule = u" Names may only contain the letters A-Z and a-z, the digits 0-9 and single "
                         "hyphens between them."_s;
    if (name.isEmpty())
        return u"A name is required."_s;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'-';
        if (!ok) {
            const QString what = c == u' ' ? u"a space"_s : u'"' + QString(c) + u'"';
            return u"The name contains "_s + what + u", which is not allowed."_s + rule;
        }
    }
    if (name.startsWith(u'-'))
        return u"The name must not start with a hyphen."_s + rule;
    if (name.endsWith(u'-'))
        return u"The name must not end with a hyphen."_s + rule;
    if (name.contains(u"--"_s))
        return u"The name must not contain two hyphens in a row."_s + rule;
    return {};
}

QList<Problem> checkSchema(QByteArrayView schemaJson)
{
    QList<Problem> problems;
    const auto root = parseObject(schemaJson, &problems);
    if (!root)
        return problems;
    Checker checker(schemaJson);
    checkInstanceRoot(*root, checker);
    checker.schema(*root, Path());
    return checker.problems();
}

QList<Problem> checkIndexes(QByteArrayView schemaJson, const QList<QPair<QString, bool>> &indexes)
{
    QList<Problem> problems;
    const auto root = parseObject(schemaJson, &problems);
    if (!root) {
        problems.first().message = u"cannot check the indexes: "_s + problems.first().message;
        return problems;
    }
    QSet<QString> seen;
    for (qsizetype i = 0; i < indexes.size(); ++i) {
        const QString path = indexes.at(i).first;
        const QString at = u"indexes["_s + QString::number(i) + u']';
        const auto fail = [&](const QString &message) { problems.append({Problem::Error, at, message}); };
        if (path.isEmpty()) {
            fail(u"an index needs a field path"_s);
            continue;
        }
        if (path == "_id"_L1) {
            fail(u"_id is always indexed (unique); it cannot be given as an index"_s);
            continue;
        }
        if (seen.contains(path)) {
            fail(u'"' + path + u"\" is listed twice"_s);
            continue;
        }
        seen.insert(path);
        const auto field = resolvePath(*root, path);
        if (!field) {
            fail(u"the schema has no field \""_s + path
                 + u"\" (index paths follow \"properties\", with dots between the names)"_s);
            continue;
        }
        const QJsonValue type = keyword(*field, "type"_L1);
        static const QSet<QString> indexable = {u"string"_s, u"number"_s, u"integer"_s, u"boolean"_s};
        if (!indexable.contains(type.toString())) {
            const QString has = type.isString() ? u"has type \""_s + type.toString() + u'"' : u"has no \"type\""_s;
            fail(u'"' + path + u"\" "_s + has
                 + u"; only string, number, integer and boolean fields can be indexed"_s);
        }
    }
    return problems;
}

bool hasErrors(const QList<Problem> &problems)
{
    return std::any_of(problems.begin(), problems.end(),
                       [](const Problem &p) { return p.severity == Problem::Error; });
}

QString toString(const Problem &problem)
{
    return problem.path.isEmpty() ? problem.message : problem.path + u": "_s + problem.message;
}

QByteArray minimalSchema(const QString &title)
{
    const QString t = title.isEmpty() ? u"New collection"_s : title;
    const QByteArray quoted = QJsonDocument(QJsonArray{t}).toJson(QJsonDocument::Compact);
    return "{\n"
           "  \"$schema\": \"http://json-schema.org/draft-04/schema#\",\n"
           "  \"title\": " + quoted.mid(1, quoted.size() - 2) + ",\n"
           "  \"type\": \"object\",\n"
           "  \"properties\": {\n"
           "    \"_id\": { \"type\": \"string\" },\n"
           "    \"_mod\": { \"type\": \"integer\" }\n"
           "  }\n"
           "}\n";
}

} // namespace loom::schemacheck
