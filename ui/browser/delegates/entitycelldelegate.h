#pragma once

#include <QStyledItemDelegate>

namespace loom {

// Paints and edits the cells of the entity table (EntityColumnModel): the fading highlight of
// rows the daemon changed, ids elided in the middle, the schema error of a field; editors typed
// by the field's schema type as the form's are, except that what does not fit is said rather
// than swallowed: a number cell shows "“4x” is not a number" as you type and keeps the editor
// open on Enter; leaving it with such a text changes nothing and says so (EntityColumnModel::
// editRefused).
class EntityCellDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityCellDelegate)

public:
    static constexpr const char *kProblemProperty = "loomCellProblem"; // on the editor (tests)

    explicit EntityCellDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
    bool eventFilter(QObject *object, QEvent *event) override;
};

} // namespace loom
