#include "leanpaint.h"

#include "browser/models/entitymodel.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>

namespace loom::leanpaint {

void applyHighlight(QStyleOptionViewItem *option, const QModelIndex &index)
{
    const qreal level = index.data(EntityModel::HighlightRole).toReal();
    if (level <= 0)
        return;
    QColor c;
    switch (index.data(EntityModel::HighlightKindRole).toInt()) {
    case 1: c = QColor(0x43, 0xa0, 0x47); break; // created
    case 3: c = QColor(0xe5, 0x39, 0x35); break; // deleted
    default: c = QColor(0xff, 0xb3, 0x00); break; // changed
    }
    c.setAlphaF(float(0.5 * level));
    option->backgroundBrush = c;
}

QRect panelAndIcon(QPainter *painter, const QStyleOptionViewItem &option)
{
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &option, painter, widget);
    QRect textRect = option.rect.adjusted(3, 0, -3, 0);
    if (!option.icon.isNull()) {
        const int side = std::min(option.decorationSize.height(), option.rect.height());
        const QRect iconRect(textRect.left(), option.rect.top() + (option.rect.height() - side) / 2, side, side);
        option.icon.paint(painter, iconRect, Qt::AlignCenter);
        textRect.setLeft(iconRect.right() + 4);
    }
    return textRect;
}

QPalette::ColorGroup colorGroup(const QStyleOptionViewItem &option)
{
    return !(option.state & QStyle::State_Enabled) ? QPalette::Disabled
           : (option.state & QStyle::State_Active) ? QPalette::Normal
                                                    : QPalette::Inactive;
}

} // namespace loom::leanpaint
