#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// A collection's JSON schema proposed from example entities ("New collection from JSON…",
// `loom-cli collection infer`), in the daemon's dialect (threads-api.md §4.6.2: draft-04, `type`
// a single string, integer bounds only). Every sample validates against what is proposed:
//  - a field's type is what all its samples have: "integer" when every number is whole,
//    "number" once one is not; several types, or a value that is sometimes null, become an
//    `anyOf` of the types (the daemon refuses `type` arrays); a field that is only ever null gets
//    no type at all;
//  - nested objects get their own properties; an array's `items` describe all its elements of
//    every sample together (arrays of objects included);
//  - `required` lists the fields present in every sample of the object they are in (a null
//    value counts as present);
//  - strings get a `format` (date-time, email, uri) only when every sample has it;
//  - the id field (`_id` on go-threads v1, `ID` on a legacy v0.1 daemon: `idField`) is a string
//    and never required (the daemon makes one when a created entity has none or an empty one);
//    on v1 `_mod` is left out (the daemon writes it).
// What the proposal decided that a person may want to change is said in notes(), one sentence
// each, e.g. "age: every sample is a whole number, so it is typed integer".
namespace loom {

struct InferredSchema
{
    QJsonObject schema;
    QStringList notes;
    int samples = 0;
};

InferredSchema inferSchema(const QList<QJsonObject> &samples, const QString &idField = QStringLiteral("_id"));

} // namespace loom
