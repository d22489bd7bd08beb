#pragma once

#include "browser/models/entitycolumns.h"
#include "browser/models/schemafield.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QJsonValue>

#include <optional>

namespace loom {

class EntityModel;
namespace detail {
struct EntityNode;
}

// The entities of an EntityModel as a table: one row per entity (the model's top-level rows, in
// its order), one column per field (EntityColumns: _id first, the schema's fields in its order,
// then fields found in loaded entities). An entity with arrays expands into one child row per
// element: row i shows element i of every array column. Cells read single fields of the stored
// document (EntityRows::fieldValue), never whole documents; edits in a cell go through
// EntityEdits like the key-value tree's, typed by the schema as the form is.
class EntityColumnModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityColumnModel)

public:
    // Roles beyond EntityModel's (whose roles, e.g. RawValueRole and HighlightRole, work here too).
    enum Role {
        EditTypeRole = Qt::UserRole + 40, // "string", "number", "integer", "boolean", "any"
        EnumValuesRole,                   // QJsonArray of the schema's enum, if any
        ColumnNameRole,                   // the column's dotted field name
    };

    explicit EntityColumnModel(EntityModel *source, QObject *parent = nullptr);
    ~EntityColumnModel() override;

    EntityModel *sourceModel() const { return m_source; }
    const EntityColumns &columns() const { return m_columns; }
    int columnOf(const QString &name) const { return m_columns.indexOf(name); }
    void setSchema(const SchemaField &root);
    const SchemaField &schema() const { return m_schema; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
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

    // What a typed text means in a cell of this type: the value, or nothing and a sentence.
    static std::optional<QJsonValue> parseCell(const QString &text, const QString &editType, QString *problem);

Q_SIGNALS:
    void columnsAdded(int first, int last);
    void columnsReordered(); // after a reset that changed the columns' order (schema arrived)
    void editRefused(const QString &message); // a typed value was not of the cell's type

private:
    const detail::EntityNode *entityAt(const QModelIndex &index) const;
    int elementRows(const detail::EntityNode *node) const;
    QString editType(const QModelIndex &index) const;
    const SchemaField *schemaField(const EntityColumn &column) const;
    void discover(int first, int last);
    void sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);
    void connectSource();

    EntityModel *m_source;
    EntityColumns m_columns;
    SchemaField m_schema;
    // Element rows announced per entity (rowCount asked), kept in step as documents change.
    mutable QHash<const detail::EntityNode *, int> m_elementRows;
};

} // namespace loom
