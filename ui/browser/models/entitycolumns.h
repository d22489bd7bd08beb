#pragma once

#include "jsonrules.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace loom {

struct SchemaField;

// One column of the entity table: a field by its path from the entity down ("address.city" is
// {"address", "city"}). Nested objects are flattened into dotted columns (see
// docs/architecture.md: the query bar, the daemon's queries and the schema's errors all name
// fields by dotted paths, so a column is sorted and queried by the name it shows); arrays and
// objects too deep or too wide to flatten are one column each.
struct EntityColumn
{
    QString name;       // dotted path, as people and queries write it
    QStringList path;
    QString schemaType; // the schema's type ("integer", "string", ...); empty when not in the schema
    bool fromSchema = false;
};

// The columns of one collection's table, in order: _id, _mod, the schema's properties in the
// schema's order (flattened), then fields found in loaded entities that the schema lacks, in the
// order they were first seen. Columns are only ever added (a field that no loaded entity has any
// more keeps its column), so views can keep what they know about them.
class EntityColumns
{
public:
    static constexpr int kMaxDepth = 3;     // object levels flattened into dotted columns
    static constexpr int kMaxObjectKeys = 16; // wider objects stay one column ("{40 fields}")
    static constexpr int kMaxColumns = 200; // beyond: the key-value tree shows the rest

    explicit EntityColumns(const QString &idField = QString(json::kIdField));

    const QString &idField() const { return m_idField; } // "_id", or "ID" on a legacy v0.1 daemon

    const QList<EntityColumn> &list() const { return m_columns; }
    int size() const { return int(m_columns.size()); }
    const EntityColumn &at(int i) const { return m_columns[i]; }
    int indexOf(const QString &name) const { return m_byName.value(name, -1); }
    // The columns that may hold arrays: array in the schema, or an array was seen in them.
    const QList<int> &arrayColumns() const { return m_arrayColumns; }

    // The columns a schema asks for, with the discovered ones after them. Returns whether the
    // order of the columns that existed before changed (then a view must start again).
    bool setSchema(const SchemaField &root);
    // Appends the fields of `doc` that have no column yet; returns how many were added.
    int discover(const QJsonObject &doc);

private:
    void add(const EntityColumn &column);
    void addSchemaFields(const SchemaField &field, const QStringList &prefix, QList<EntityColumn> *out) const;
    void discoverObject(const QJsonObject &object, const QStringList &prefix, int depth);

    QString m_idField;
    QList<EntityColumn> m_columns;
    QHash<QString, int> m_byName;
    QHash<QString, bool> m_leafPrefix; // dotted names of objects already flattened (fast skip)
    QList<int> m_arrayColumns;
    void noteArray(int column);
};

} // namespace loom
