#include "tagdelegate.h"

#include <QApplication>
#include <QPainter>

namespace loom {

namespace {
constexpr int kPadX = 8;
constexpr int kPadY = 2;
} // namespace

TagDelegate::TagDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

void TagDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    opt.backgroundBrush = QBrush();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const QColor color = index.data(Qt::BackgroundRole).value<QColor>();
    const QFontMetrics fm(opt.font);
    const int width = std::min(fm.horizontalAdvance(text) + 2 * kPadX, opt.rect.width() - 4);
    const int height = fm.height() + 2 * kPadY;
    const QRect tag(opt.rect.left() + 4, opt.rect.center().y() - height / 2, width, height);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(color.darker(130));
    painter->setBrush(color.isValid() ? color : opt.palette.color(QPalette::AlternateBase));
    painter->drawRoundedRect(QRectF(tag).adjusted(0.5, 0.5, -0.5, -0.5), height / 2.0, height / 2.0);
    painter->setPen(QColor(0x20, 0x20, 0x20));
    painter->setFont(opt.font);
    painter->drawText(tag, Qt::AlignCenter, fm.elidedText(text, Qt::ElideRight, width - 2 * kPadX));
    painter->restore();
}

QSize TagDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QFontMetrics fm(option.font);
    const QString text = index.data(Qt::DisplayRole).toString();
    return {fm.horizontalAdvance(text) + 2 * kPadX + 8, fm.height() + 2 * kPadY + 6};
}

} // namespace loom
