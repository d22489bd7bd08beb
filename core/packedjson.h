#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace loom {

// An entity kept compactly: its _id and its JSON as compact UTF-8 text, the form
// QJsonDocument::toJson(Compact) gives for the parsed object (keys sorted, as a QJsonObject holds
// them). Parsing it again gives back exactly the object it was made of: key order, strings,
// booleans, null, integers as qint64 (the daemon's _mod in nanoseconds is above 2^53), other
// numbers as doubles. About 1 byte per byte of JSON instead of ~4-5 for a QJsonObject; for result
// sets of 100,000 entities (ThreadsClient::findPacked packs them on gRPC's thread).
struct PackedInstance
{
    QString id;      // the entity's _id
    QByteArray json; // packedjson::pack() of the entity
};

namespace packedjson {

QByteArray pack(const QJsonObject &object);
// The object `json` (a pack() result) holds; an empty object for empty or invalid text.
QJsonObject unpack(const QByteArray &json);
// A top-level field of a pack() result without parsing the rest (Undefined when absent): the
// same value unpack(json).value(key) gives, faster (for sorting and cells).
QJsonValue field(QByteArrayView json, QStringView key);
// How many top-level fields a pack() result has (unpack(json).size(), without parsing).
qsizetype fieldCount(QByteArrayView json);
// pack() of each, with its id (the `idField`: "_id", or "ID" on a legacy v0.1 daemon): a page of
// entities to be kept compactly.
QList<PackedInstance> packAll(const QList<QJsonObject> &objects, QStringView idField = u"_id");

} // namespace packedjson

} // namespace loom
