#pragma once

#include <QStyledItemDelegate>

namespace loom {

// Paints and edits the entity tree's cells: a fading background on rows the daemon just created,
// changed or deleted (HighlightRole), the schema error of a field after its value, and a typed
// editor per value (text, number, true/false, null) and for the type column (converts).
class EntityDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityDelegate)

public:
    explicit EntityDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace loom
