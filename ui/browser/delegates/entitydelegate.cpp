#include "entitydelegate.h"

#include "browser/delegates/leanpaint.h"
#include "browser/models/entitymodel.h"
#include "browser/models/jsonvalues.h"

#include <QApplication>
#include <QComboBox>
#include <QJsonValue>
#include <QLineEdit>
#include <QPainter>
#include <QRegularExpressionValidator>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

// A JSON literal typed over a null: numbers, true/false and null as such, anything else a string.
QJsonValue literal(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty() || t == u"null")
        return QJsonValue(QJsonValue::Null);
    if (t == u"true" || t == u"false")
        return QJsonValue(t == u"true");
    if (json::isNumberText(t))
        return json::parseTyped(t, u"number"_s).value_or(QJsonValue(text));
    return QJsonValue(text);
}

} // namespace

EntityDelegate::EntityDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

void EntityDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    leanpaint::applyHighlight(option, index);
}

void EntityDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // A lean paint: the style's panel (selection, alternate rows, the highlight colour), the
    // decoration, and the text elided once. The style's full item layout measures and shapes
    // every text several times, which adds up in a view of 100,000 rows scrolled fast.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    QRect textRect = leanpaint::panelAndIcon(painter, opt);
    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = leanpaint::colorGroup(opt);
    painter->save();
    painter->setFont(opt.font);
    const QVariant foreground = index.data(Qt::ForegroundRole);
    painter->setPen(selected ? opt.palette.color(group, QPalette::HighlightedText)
                    : foreground.canConvert<QColor>() ? foreground.value<QColor>()
                                                      : opt.palette.color(group, QPalette::Text));
    const QFontMetrics fm(opt.font);
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft | Qt::TextSingleLine,
                      fm.elidedText(opt.text, Qt::ElideRight, textRect.width()));
    painter->restore();

    if (index.column() != EntityModel::ValueColumn)
        return;
    const QString error = index.data(EntityModel::FieldErrorRole).toString();
    if (error.isEmpty())
        return;
    // The schema error after the value, where there is room.
    painter->save();
    QFont font = opt.font;
    font.setItalic(true);
    painter->setFont(font);
    painter->setPen(QColor(0xc6, 0x28, 0x28));
    const QFontMetrics efm(font);
    const int valueWidth = fm.horizontalAdvance(opt.text) + 24;
    const QRect room = textRect.adjusted(valueWidth, 0, -1, 0);
    if (room.width() > 40) {
        const QString text = efm.elidedText(u"⚠ "_s + error.section(u'\n', 0, 0), Qt::ElideRight, room.width());
        painter->drawText(room, Qt::AlignVCenter | Qt::AlignRight, text);
    }
    painter->restore();
}

QWidget *EntityDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QString type = index.data(EntityModel::JsonTypeRole).toString();
    if (index.column() == EntityModel::TypeColumn) {
        auto *combo = new QComboBox(parent);
        combo->addItems(json::typeNames());
        combo->setToolTip(tr("Change the type: the value is converted where it can be"));
        return combo;
    }
    if (type == u"boolean") {
        auto *combo = new QComboBox(parent);
        combo->addItems({u"true"_s, u"false"_s});
        return combo;
    }
    auto *line = qobject_cast<QLineEdit *>(QStyledItemDelegate::createEditor(parent, option, index));
    if (!line)
        line = new QLineEdit(parent);
    if (type == u"number") {
        line->setValidator(new QRegularExpressionValidator(
            QRegularExpression(u"^-?[0-9]*(\\.[0-9]*)?([eE][+-]?[0-9]*)?$"_s), line));
    } else if (type == u"null") {
        line->setPlaceholderText(tr("null — type a value (text, number, true/false)"));
        line->setToolTip(tr("Saving null removes the field on the daemon (Save is a merge patch)"));
    }
    return line;
}

void EntityDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const QString current = index.column() == EntityModel::TypeColumn
                                    ? index.data(EntityModel::JsonTypeRole).toString()
                                    : index.data(Qt::EditRole).toString();
        combo->setCurrentIndex(std::max(0, combo->findText(current)));
        return;
    }
    if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        line->setText(index.data(Qt::EditRole).toString());
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void EntityDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    const QString type = index.data(EntityModel::JsonTypeRole).toString();
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        if (index.column() == EntityModel::TypeColumn)
            model->setData(index, combo->currentText());
        else
            model->setData(index, QVariant::fromValue(QJsonValue(combo->currentText() == u"true")));
        return;
    }
    auto *line = qobject_cast<QLineEdit *>(editor);
    if (!line)
        return;
    if (type == u"null") {
        model->setData(index, QVariant::fromValue(literal(line->text())));
        return;
    }
    if (type == u"number") {
        if (const auto v = json::parseTyped(line->text(), u"number"_s))
            model->setData(index, QVariant::fromValue(*v));
        return; // not a number (yet): nothing changes
    }
    model->setData(index, QVariant::fromValue(QJsonValue(line->text())));
}

} // namespace loom
