#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

// Checks a collection config before it is sent (threads-api.md §3.7, §4.6). The daemon decodes
// a schema into a fixed draft-04 structure: it refuses some forms, silently drops others, and
// requires a string _id. These functions report both kinds, so that the GUI can validate as the
// user types and the core can refuse configs the daemon would reject or mangle.
namespace loom::schemacheck {

struct Problem
{
    enum Severity { Error, Warning };
    Severity severity = Error;
    // Where in the schema: dot-separated keys with [n] for array entries, e.g.
    // "properties.age.minimum" or "allOf[1].type"; empty for the document as a whole. For
    // checkIndexes(): "indexes[n]".
    QString path;
    QString message;
};

// Schemas larger than this (in bytes of JSON text) are refused by checkSchema() and
// checkIndexes() with one error saying so, before they are parsed. The daemon takes requests of
// up to 4 MiB; a schema a quarter of that is far beyond any hand-written one. Below it, checking
// takes time and memory linear in the size of the text.
inline constexpr qsizetype MaxSchemaSize = 1024 * 1024;

// DB and collection names: ^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$ (non-empty).
bool isValidName(const QString &name);
// Empty for a valid name; otherwise one sentence saying what is wrong.
QString nameProblem(const QString &name);

// Errors: what the daemon refuses (not JSON, not an object, no string _id, type as a list,
// numeric bounds with a decimal point or exponent, numeric exclusiveMinimum/Maximum, items as a
// list, dependencies as lists, keywords of the wrong JSON type). Warnings: what it silently
// drops or what makes later writes fail (unknown keywords, zero bounds, false flags, a closed
// schema without _mod, ...). Errors come first, then warnings. At most 100 of each are listed,
// followed by one line (empty path) with the number left out; paths longer than 240 characters
// keep their end behind a leading "…".
QList<Problem> checkSchema(QByteArrayView schemaJson);

// Checks index definitions (path, unique) against a schema: a path must be given, must not be
// _id, must not repeat, and must resolve through "properties" (dot-separated, following $ref
// into "definitions" as the daemon does) to a field of type string, number, integer or boolean.
QList<Problem> checkIndexes(QByteArrayView schemaJson, const QList<QPair<QString, bool>> &indexes);

bool hasErrors(const QList<Problem> &problems);
// "path: message" (just the message when the path is empty).
QString toString(const Problem &problem);

// A starting schema for a new collection: draft-04 $schema, title, type object, properties
// _id (string) and _mod (integer). Indented JSON.
QByteArray minimalSchema(const QString &title = QString());

} // namespace loom::schemacheck
