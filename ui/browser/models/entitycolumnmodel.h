#pragma once

#include "browser/models/entitycolumnrows.h"

#include <optional>

namespace loom {

// The entities of an EntityModel as a table (rows and columns: EntityColumnRows): what cells
// show (ids, values, arrays as their length and a preview, objects by size), the roles of
// EntityModel that delegates and the live highlight read (RawValueRole, HighlightRole, ...),
// and typed in-place edits: through EntityEdits like the key-value tree's (undoable), typed by
// the schema as the form is; a text that is not a value of the cell's type changes nothing and
// says why (editRefused).
class EntityColumnModel final : public EntityColumnRows
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

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // What a typed text means in a cell of this type: the value, or nothing and a sentence.
    static std::optional<QJsonValue> parseCell(const QString &text, const QString &editType, QString *problem);

Q_SIGNALS:
    void editRefused(const QString &message); // a typed value was not of the cell's type

private:
    QString editType(const QModelIndex &index) const;
    const SchemaField *schemaField(const EntityColumn &column) const;
};

} // namespace loom
