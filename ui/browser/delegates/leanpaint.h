#pragma once

#include <QPalette>
#include <QRect>
#include <QStyleOptionViewItem>

class QModelIndex;
class QPainter;

// What the entity delegates (the tree's EntityDelegate, the table's EntityCellDelegate) paint
// alike: a lean item paint — the style's panel (selection, alternate rows, the fading highlight of
// a live change), the decoration, and the text elided once by the caller. The style's full item
// layout measures and shapes every text several times, which adds up in a view of 100,000 rows.
namespace loom::leanpaint {

// The highlight of a created / changed / deleted entity, fading with EntityModel::HighlightRole.
void applyHighlight(QStyleOptionViewItem *option, const QModelIndex &index);
// Draws the panel and the icon; returns the rectangle left for the text.
QRect panelAndIcon(QPainter *painter, const QStyleOptionViewItem &option);
// The palette group the text is drawn with.
QPalette::ColorGroup colorGroup(const QStyleOptionViewItem &option);

} // namespace loom::leanpaint
