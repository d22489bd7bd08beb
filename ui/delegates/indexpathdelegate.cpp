#include "indexpathdelegate.h"

#include <QComboBox>

namespace loom {

IndexPathDelegate::IndexPathDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QWidget *IndexPathDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const
{
    auto *combo = new QComboBox(parent);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->addItems(m_suggestions);
    return combo;
}

void IndexPathDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *combo = static_cast<QComboBox *>(editor);
    combo->setCurrentText(index.data(Qt::EditRole).toString());
}

void IndexPathDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    auto *combo = static_cast<QComboBox *>(editor);
    model->setData(index, combo->currentText(), Qt::EditRole);
}

} // namespace loom
