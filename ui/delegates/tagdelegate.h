#pragma once

#include <QStyledItemDelegate>

namespace loom {

// Paints an item as a small rounded tag: the item's text on its Qt::BackgroundRole colour.
class TagDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TagDelegate)

public:
    explicit TagDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace loom
