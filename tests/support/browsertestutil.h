#pragma once

// Shared set-up for the entity browser's tests: stores and collections made through the core.
#include "testdaemon.h"

#include "threadsclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QStandardPaths>

namespace loom::test {

// People: name (required), age (integer >= 1), address {city, zip}, tags [string], role (enum),
// active (boolean), score (number). One line: moc does not read multi-line raw strings.
inline QByteArray peopleSchema()
{
    return R"({"$schema": "http://json-schema.org/draft-04/schema#", "title": "Person", "type": "object", "properties": {"_id": {"type": "string"}, "_mod": {"type": "integer"}, "name": {"type": "string", "description": "Full name as shown to people"}, "age": {"type": "integer", "minimum": 1, "description": "Age in years"}, "score": {"type": "number"}, "active": {"type": "boolean"}, "role": {"type": "string", "enum": ["admin", "editor", "viewer"]}, "address": {"type": "object", "properties": {"city": {"type": "string"}, "zip": {"type": "string"}}, "required": ["city"]}, "tags": {"type": "array", "items": {"type": "string"}}}, "required": ["name"]})";
}

inline QJsonObject person(const QString &name, int age, const QString &city = QStringLiteral("Lyon"))
{
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("age"), age},
                       {QStringLiteral("active"), age % 2 == 0},
                       {QStringLiteral("address"), QJsonObject{{QStringLiteral("city"), city}}},
                       {QStringLiteral("tags"), QJsonArray{QStringLiteral("t%1").arg(age % 3)}}};
}

} // namespace loom::test

// Makes `store` a new store on `client` (a ThreadsClient *) with the people collection named
// `collection`; fails the test when the daemon refuses.
#define LOOM_NEW_PEOPLE_STORE(client, prefix, collection, store)                                    \
    do {                                                                                            \
        auto created_ = loom::test::await((client)->newStore(loom::test::uniqueName(prefix),          \
                                                             {{(collection), loom::test::peopleSchema(), {}, {}, {}}})); \
        LOOM_VERIFY_OK(created_);                                                                   \
        (store) = created_->result();                                                               \
    } while (false)
