#include "connectionstatedelegate.h"

#include "models/connectiontreemodel.h"

#include <QApplication>
#include <QPainter>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

constexpr int kGap = 6;     // between the name and the badge
constexpr int kPadding = 5; // inside the badge, left and right

QFont badgeFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() > 0 ? base.pointSizeF() * 0.85 : 8);
    return font;
}

int badgeWidth(const QStyleOptionViewItem &option, const QString &text)
{
    return text.isEmpty() ? 0 : QFontMetrics(badgeFont(option.font)).horizontalAdvance(text) + 2 * kPadding;
}

} // namespace

ConnectionStateDelegate::ConnectionStateDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

std::pair<QColor, QColor> ConnectionStateDelegate::colours(int state)
{
    switch (ConnectionMonitor::State(state)) {
    case ConnectionMonitor::Connected: return {QColor(0x1b, 0x5e, 0x20), QColor(0xdc, 0xef, 0xdc)};
    case ConnectionMonitor::Connecting: return {QColor(0x7a, 0x4f, 0x00), QColor(0xff, 0xf0, 0xc2)};
    case ConnectionMonitor::Unreachable: return {QColor(0xb7, 0x1c, 0x1c), QColor(0xfd, 0xe0, 0xe0)};
    }
    return {QColor(Qt::black), QColor(Qt::lightGray)};
}

void ConnectionStateDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    const QString badge = index.data(ConnectionTreeModel::StateTextRole).toString();
    if (badge.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget);
    const int width = badgeWidth(opt, badge);
    // The name gives way (elided) so that the badge always shows.
    opt.text = opt.fontMetrics.elidedText(opt.text, Qt::ElideRight, std::max(0, textRect.width() - width - 2 * kGap));
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const int left = textRect.left() + opt.fontMetrics.horizontalAdvance(opt.text) + kGap;
    const QFont font = badgeFont(opt.font);
    const int height = QFontMetrics(font).height() + 2;
    const QRect pill(left, textRect.center().y() - height / 2 + 1, width, height);
    const auto [fg, bg] = colours(index.data(ConnectionTreeModel::ConnectionStateRole).toInt());
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(bg);
    painter->drawRoundedRect(pill, height / 2.0, height / 2.0);
    painter->setPen(fg);
    painter->setFont(font);
    painter->drawText(pill, Qt::AlignCenter, badge);
    painter->restore();
}

QSize ConnectionStateDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QString badge = index.data(ConnectionTreeModel::StateTextRole).toString();
    if (!badge.isEmpty())
        size.rwidth() += badgeWidth(option, badge) + 2 * kGap;
    return size;
}

} // namespace loom
