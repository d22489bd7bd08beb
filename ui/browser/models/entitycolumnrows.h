#pragma once

#include "browser/models/entitycolumns.h"
#include "browser/models/schemafield.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QJsonValue>
#include <QSet>
#include <QTimer>

namespace loom {

class EntityModel;
namespace detail {
struct EntityNode;
}

// The rows and columns of the entity table (EntityColumnModel says what cells show): one row per
// top-level row of an EntityModel, in its order (its row signals are forwarded one to one; a
// change under an entity is a change of its row), one column per field (EntityColumns, grown as
// pages, edits and Listen changes bring new fields). An entity with arrays has one child row per
// element: row i stands for element i of every array column. Values are read one field at a
// time from the stored document (EntityRows::fieldValue), never whole documents.
class EntityColumnRows : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityColumnRows)

public:
    static constexpr int kIdColumnIndex = 0;

    explicit EntityColumnRows(EntityModel *source, QObject *parent = nullptr);
    ~EntityColumnRows() override;

    EntityModel *sourceModel() const { return m_source; }
    const EntityColumns &columns() const { return m_columns; }
    int columnOf(const QString &name) const { return m_columns.indexOf(name); }
    // The schema's fields become columns (in its order), before the fields found in entities.
    void setSchema(const SchemaField &root);
    const SchemaField &schema() const { return m_schema; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Rows by entity key, and back.
    QModelIndex indexForKey(const QString &key, int column = 0) const;
    QString keyAt(const QModelIndex &index) const;
    bool isEntityRow(const QModelIndex &index) const { return index.isValid() && !index.internalPointer(); }
    // The field a cell shows: the column's path, plus the element's index on an array's row.
    // Empty for the _id column and for rows of other arrays.
    QStringList pathAt(const QModelIndex &index) const;
    QJsonValue valueAt(const QModelIndex &index) const; // undefined when the entity lacks it
    // The EntityModel index of the field a cell shows (the entity's row if there is none).
    QModelIndex sourceIndex(const QModelIndex &index) const;

Q_SIGNALS:
    void columnsAdded(int first, int last);
    void columnsReordered(); // after a reset that changed the columns' order (schema arrived)

protected:
    const detail::EntityNode *entityAt(const QModelIndex &index) const;

    EntityModel *m_source;
    EntityColumns m_columns;
    SchemaField m_schema;

private:
    static constexpr int kDiscoverAtOnce = 64;
    static constexpr int kDiscoverSlice = 500;

    int elementRows(const detail::EntityNode *node) const;
    void discover(int first, int last);
    void discoverSlice();
    void addColumns(EntityColumns grown);
    void sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);
    void connectSource();

    // Element rows announced per entity (rowCount asked), kept in step as documents change.
    mutable QHash<const detail::EntityNode *, int> m_elementRows;
    QSet<const detail::EntityNode *> m_undiscovered; // fields not looked at yet (large ranges)
    QTimer m_discoverLater;
};

} // namespace loom
