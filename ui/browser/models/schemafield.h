#pragma once

#include "jsonrules.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace loom {

// A collection's JSON schema (draft-04, as the daemon keeps it) read for building forms: one
// node per property, with what an editor needs. $ref into "definitions" is followed and allOf
// parts are merged; anything the form cannot express (anyOf, oneOf, type lists) becomes a field
// of unknown type, edited as JSON text.
struct SchemaField
{
    QString name;        // property name; empty for the root and for array items
    QString type;        // string, number, integer, boolean, object, array; empty = any
    QString title;
    QString description;
    QString format;
    QString pattern;
    QJsonArray enumValues;
    QJsonValue defaultValue;
    QJsonValue minimum;
    QJsonValue maximum;
    bool required = false;
    std::vector<SchemaField> properties;  // for objects, in the schema's order
    std::shared_ptr<SchemaField> items;   // for arrays

    const SchemaField *property(const QString &name) const;
    // The node at a dotted path ("address.city", "tags.0"), or null.
    const SchemaField *at(const QStringList &path) const;
    // A sentence for tooltips: description, then constraints ("at least 1", "one of: a, b").
    QString hint() const;
    // Every dotted path to a scalar field, for query builders ("address.city").
    QStringList scalarPaths(const QString &prefix = {}) const;
};

// Parses schema JSON; on failure returns an object node without properties and sets *error.
SchemaField parseSchema(const QByteArray &schemaJson, QString *error = nullptr);

// A starting document for a new entity: the schema's defaults (required objects created, so
// that their required fields have a place).
QJsonObject newDocument(const SchemaField &root, const QString &idField = QString(json::kIdField));

// What people know an entity by, for questions such as "Delete …?": the first non-empty string
// among its top-level fields name, title, label, displayName, display_name, caption, subject,
// summary (in that order, in any letter case); else the first required top-level string field of
// the schema, in schema order, that has a non-empty value; else "".
QString entityTitle(const SchemaField &root, const QJsonObject &doc);

// The daemon's schema violation text, "instance doesn't correspond to schema: <field>:
// <description>[; <field>: <description>…]", as dotted path -> description. "(root): x is
// required" lands on "x", "address: city is required" on "address.city"; problems of the
// document as a whole land on "" (several joined by newlines).
QHash<QString, QString> parseSchemaErrors(const QString &daemonMessage);

} // namespace loom
