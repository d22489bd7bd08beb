#include "entitycolumns.h"

#include "browser/models/schemafield.h"
#include "jsonrules.h"

#include <QJsonValue>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

bool flattens(const QJsonValue &value, int depth)
{
    return value.isObject() && depth < EntityColumns::kMaxDepth && !value.toObject().isEmpty()
           && value.toObject().size() <= EntityColumns::kMaxObjectKeys;
}

} // namespace

EntityColumns::EntityColumns(const QString &idField)
    : m_idField(idField)
{
    add({m_idField, {m_idField}, u"string"_s, true});
    add({json::kModField, {json::kModField}, u"integer"_s, true});
}

void EntityColumns::add(const EntityColumn &column)
{
    m_byName.insert(column.name, int(m_columns.size()));
    m_columns.append(column);
    if (column.schemaType == u"array")
        noteArray(int(m_columns.size()) - 1);
}

void EntityColumns::noteArray(int column)
{
    if (!m_arrayColumns.contains(column))
        m_arrayColumns.append(column);
}

void EntityColumns::addSchemaFields(const SchemaField &field, const QStringList &prefix, QList<EntityColumn> *out) const
{
    for (const SchemaField &property : field.properties) {
        if (prefix.isEmpty() && (property.name == m_idField || property.name == json::kModField))
            continue;
        const QStringList path = prefix + QStringList{property.name};
        if (property.type == u"object" && !property.properties.empty() && path.size() < kMaxDepth) {
            addSchemaFields(property, path, out);
            continue;
        }
        out->append({path.join(u'.'), path, property.type, true});
    }
}

bool EntityColumns::setSchema(const SchemaField &root)
{
    QList<EntityColumn> schema;
    addSchemaFields(root, {}, &schema);
    QList<EntityColumn> next{m_columns[0], m_columns[1]};
    QSet<QString> names{m_idField, QString(json::kModField)};
    for (const EntityColumn &c : std::as_const(schema)) {
        if (!names.contains(c.name) && next.size() < kMaxColumns) {
            names.insert(c.name);
            next.append(c);
        }
    }
    for (const EntityColumn &c : std::as_const(m_columns)) {
        if (!names.contains(c.name)) {
            names.insert(c.name);
            next.append(c);
        }
    }
    // Did the columns that were there keep their relative order?
    QList<int> oldPositions;
    for (const EntityColumn &c : std::as_const(next)) {
        if (const int i = indexOf(c.name); i >= 0)
            oldPositions.append(i);
    }
    const bool reordered = !std::is_sorted(oldPositions.begin(), oldPositions.end());
    const QSet<QString> arrays = [this] {
        QSet<QString> names;
        for (const int c : std::as_const(m_arrayColumns))
            names.insert(m_columns[c].name);
        return names;
    }();
    m_columns.clear();
    m_byName.clear();
    m_arrayColumns.clear();
    for (const EntityColumn &c : std::as_const(next)) {
        add(c);
        if (arrays.contains(c.name))
            noteArray(int(m_columns.size()) - 1);
    }
    return reordered;
}

int EntityColumns::discover(const QJsonObject &doc)
{
    const int before = size();
    discoverObject(doc, {}, 0);
    return size() - before;
}

void EntityColumns::discoverObject(const QJsonObject &object, const QStringList &prefix, int depth)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (size() >= kMaxColumns)
            return;
        const QString key = it.key();
        if (prefix.isEmpty()) {
            // The common case, once per field of every loaded entity: a known leaf column.
            if (const auto found = m_byName.constFind(key); found != m_byName.constEnd()) {
                if (it.value().isArray())
                    noteArray(found.value());
                if (!it.value().isObject() || !m_leafPrefix.contains(key))
                    continue;
            }
        }
        const QStringList path = prefix + QStringList{key};
        const QString name = path.join(u'.');
        const QJsonValue value = it.value();
        if (flattens(value, depth) && !m_byName.contains(name)) {
            m_leafPrefix.insert(name, true);
            discoverObject(value.toObject(), path, depth + 1);
            continue;
        }
        if (!m_byName.contains(name) && !m_leafPrefix.contains(name))
            add({name, path, QString(), false});
        if (value.isArray() && m_byName.contains(name))
            noteArray(m_byName.value(name));
        else if (m_leafPrefix.contains(name) && value.isObject())
            discoverObject(value.toObject(), path, depth + 1);
    }
}

} // namespace loom
