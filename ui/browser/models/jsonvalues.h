#pragma once

#include "jsonrules.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

// Small helpers over Qt's JSON values for the entity browser: type names, display text, paths
// into nested documents, and typed parsing of what people type.
namespace loom::json {

// "string", "number", "boolean", "null", "object" or "array" (JSON's own words).
QString typeName(const QJsonValue &value);
// The type names above, in the order editors offer them.
QStringList typeNames();

// Integers print exactly (also beyond 2^53, e.g. _mod in nanoseconds); others shortest.
QString numberText(const QJsonValue &value);
// One line for a table cell: strings as they are, numbers, true/false/null, "{3 fields}", "[4 items]".
QString displayText(const QJsonValue &value);
// A preview of an entity's fields for its row ("name: Ann · age: 31 · address: {1 field}").
QString summary(const QJsonObject &entity, int maxChars = 90, const QString &idField = QString(kIdField));
// Compact JSON of any value (strings quoted).
QString compactText(const QJsonValue &value);
// A value to put on the clipboard: strings raw, everything else as JSON (objects indented).
QString clipboardText(const QJsonValue &value);

// Paths are lists of keys; array elements are their index in decimal ("tags", "2"); valueAt,
// splitDotted, compare and wholeNumber are core's (jsonrules.h).
// A copy of root with the value at path replaced (created if absent; undefined removes it).
QJsonValue withValueAt(const QJsonValue &root, const QStringList &path, const QJsonValue &value);
QJsonObject withValueAt(const QJsonObject &root, const QStringList &path, const QJsonValue &value);
// "address.city", "tags[2]" (for people and the clipboard).
QString pathText(const QJsonObject &root, const QStringList &path);
// "address.city", "tags.2" (the daemon's validator's field names).
QString dottedPath(const QStringList &path);
// Equal apart from _mod (which the daemon rewrites on every save).
bool sameIgnoringMod(const QJsonObject &a, const QJsonObject &b);
QJsonObject withoutMeta(QJsonObject entity, const QString &idField = QString(kIdField)); // without the id and _mod
// A new entity as Create is sent it: without an empty "_id" (the daemon assigns one), or with an
// empty "ID" when it has none (a legacy v0.1 daemon exits on a create without an "ID" attribute;
// "" asks it for a new one).
QJsonObject forCreate(QJsonObject entity, const QString &idField);

// Parses text typed for a value of the given type ("string", "number", "boolean", "null"):
// nothing when the text is not such a value. Numbers keep integers exact.
std::optional<QJsonValue> parseTyped(const QString &text, const QString &type);
// The value converted to another type, keeping what can be kept ("12" -> 12, 1 -> "1").
QJsonValue convert(const QJsonValue &value, const QString &type);
// A JSON number literal (as the JSON grammar has it).
bool isNumberText(const QString &text);

} // namespace loom::json
