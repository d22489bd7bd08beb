#include "entitycelldelegate.h"

#include "browser/models/entitycolumnmodel.h"
#include "browser/delegates/leanpaint.h"
#include "browser/models/entitymodel.h"
#include "browser/models/jsonvalues.h"

#include <QApplication>
#include <QComboBox>
#include <QJsonArray>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPainter>
#include <QToolTip>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

bool isIdName(const QString &name)
{
    return name == u"_id" || name == u"ID" || name.endsWith(u"_id") || name.endsWith(u"Id") || name.endsWith(u".id");
}

// Says on the line edit whether its text fits the cell's type (as you type).
void checkLine(QLineEdit *line)
{
    QString problem;
    const QString type = line->property("loomEditType").toString();
    const bool ok = EntityColumnModel::parseCell(line->text(), type, &problem).has_value();
    line->setProperty(EntityCellDelegate::kProblemProperty, ok ? QString() : problem);
    line->setStyleSheet(ok ? QString() : u"QLineEdit { border: 1px solid #c62828; background: #fdecea; }"_s);
    line->setToolTip(ok ? QString() : problem);
    if (!ok && line->isVisible())
        QToolTip::showText(line->mapToGlobal(QPoint(0, line->height())), problem, line);
    else
        QToolTip::hideText();
}

} // namespace

EntityCellDelegate::EntityCellDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

void EntityCellDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    leanpaint::applyHighlight(option, index);
}

void EntityCellDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // A lean paint, as EntityDelegate's: panel, decoration, the text elided once.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    QRect textRect = leanpaint::panelAndIcon(painter, opt);
    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = leanpaint::colorGroup(opt);
    const QString column = index.data(EntityColumnModel::ColumnNameRole).toString();
    const bool number = index.data(EntityModel::JsonTypeRole).toString() == u"number";
    painter->save();
    painter->setFont(opt.font);
    const QVariant foreground = index.data(Qt::ForegroundRole);
    painter->setPen(selected ? opt.palette.color(group, QPalette::HighlightedText)
                    : foreground.canConvert<QColor>() ? foreground.value<QColor>()
                                                      : opt.palette.color(group, QPalette::Text));
    const QFontMetrics fm(opt.font);
    const Qt::TextElideMode elide = isIdName(column) ? Qt::ElideMiddle : Qt::ElideRight;
    painter->drawText(textRect, Qt::AlignVCenter | (number ? Qt::AlignRight : Qt::AlignLeft) | Qt::TextSingleLine,
                      fm.elidedText(opt.text, elide, textRect.width()));
    painter->restore();

    const QString error = index.data(EntityModel::FieldErrorRole).toString();
    if (error.isEmpty())
        return;
    painter->save(); // a red mark in the corner; the sentence is in the tooltip
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0xc6, 0x28, 0x28));
    const QRect r = opt.rect;
    painter->drawPolygon(QPolygon({r.topRight(), r.topRight() + QPoint(-7, 0), r.topRight() + QPoint(0, 7)}));
    painter->restore();
}

QWidget *EntityCellDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QString type = index.data(EntityColumnModel::EditTypeRole).toString();
    const QVariant enumValues = index.data(EntityColumnModel::EnumValuesRole);
    if (enumValues.isValid() || type == u"boolean") {
        auto *combo = new QComboBox(parent);
        const QJsonArray values = enumValues.isValid() ? enumValues.value<QJsonArray>() : QJsonArray{true, false};
        for (const QJsonValue &v : values)
            combo->addItem(v.isString() ? v.toString() : json::compactText(v), QVariant::fromValue(v));
        return combo;
    }
    auto *line = qobject_cast<QLineEdit *>(QStyledItemDelegate::createEditor(parent, option, index));
    if (!line)
        line = new QLineEdit(parent);
    line->setProperty("loomEditType", type);
    if (type == u"any")
        line->setPlaceholderText(tr("a value: text, number, true/false or null"));
    connect(line, &QLineEdit::textEdited, line, [line] { checkLine(line); });
    return line;
}

void EntityCellDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const QJsonValue v = index.data(EntityModel::ValueJsonRole).value<QJsonValue>();
        combo->setCurrentIndex(std::max(0, combo->findData(QVariant::fromValue(v))));
        return;
    }
    if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        line->setText(index.data(Qt::EditRole).toString());
        line->setProperty(kProblemProperty, QString());
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void EntityCellDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        model->setData(index, combo->currentData());
        return;
    }
    if (auto *line = qobject_cast<QLineEdit *>(editor))
        model->setData(index, line->text()); // a text that does not fit is refused with a word
}

bool EntityCellDelegate::eventFilter(QObject *object, QEvent *event)
{
    auto *line = qobject_cast<QLineEdit *>(object);
    if (line && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter || key == Qt::Key_Tab || key == Qt::Key_Backtab) {
            checkLine(line);
            if (!line->property(kProblemProperty).toString().isEmpty())
                return true; // stays open with the sentence: Escape gives the old value back
        }
    }
    return QStyledItemDelegate::eventFilter(object, event);
}

} // namespace loom
