#include "fieldeditors.h"

#include "browser/models/jsonvalues.h"
#include "browser/models/schemafield.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSignalBlocker>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace loom::fieldeditors {

namespace {

const char *const kKind = "loomFieldKind";

enum Kind { Text, Number, Integer, Any, Enum, Check, BoolCombo };

Kind kindOf(const QWidget *editor)
{
    return Kind(editor->property(kKind).toInt());
}

std::optional<QJsonValue> parseAny(const QString &text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(QString(u'[' + text + u']').toUtf8());
    if (!doc.isArray() || doc.array().size() != 1)
        return std::nullopt;
    return doc.array().at(0);
}

QString placeholder(const SchemaField &field, const QString &fallback)
{
    if (!field.description.isEmpty() && field.description.size() <= 60)
        return field.description;
    return fallback;
}

} // namespace

QWidget *create(const SchemaField &field, QWidget *parent)
{
    QWidget *editor = nullptr;
    Kind kind = Text;
    if (!field.enumValues.isEmpty()) {
        auto *combo = new QComboBox(parent);
        if (!field.required)
            combo->addItem(QObject::tr("—"), QVariant());
        for (const QJsonValue &v : field.enumValues)
            combo->addItem(v.isString() ? v.toString() : json::compactText(v), QVariant::fromValue(v));
        editor = combo;
        kind = Enum;
    } else if (field.type == u"boolean" && field.required) {
        editor = new QCheckBox(parent);
        kind = Check;
    } else if (field.type == u"boolean") {
        auto *combo = new QComboBox(parent);
        combo->addItem(QObject::tr("—"), QVariant());
        combo->addItem(u"true"_s, true);
        combo->addItem(u"false"_s, false);
        editor = combo;
        kind = BoolCombo;
    } else {
        auto *line = new QLineEdit(parent);
        if (field.type == u"integer") {
            kind = Integer;
            line->setValidator(new QRegularExpressionValidator(QRegularExpression(u"^-?[0-9]*$"_s), line));
            line->setPlaceholderText(placeholder(field, QObject::tr("whole number")));
        } else if (field.type == u"number") {
            kind = Number;
            line->setValidator(new QRegularExpressionValidator(
                QRegularExpression(u"^-?[0-9]*(\\.[0-9]*)?([eE][+-]?[0-9]*)?$"_s), line));
            line->setPlaceholderText(placeholder(field, QObject::tr("number")));
        } else if (field.type == u"string") {
            kind = Text;
            line->setPlaceholderText(placeholder(field, field.required ? QString() : QObject::tr("(absent)")));
        } else {
            kind = Any;
            line->setPlaceholderText(QObject::tr("any JSON value"));
        }
        editor = line;
    }
    editor->setProperty(kKind, int(kind));
    if (const QString hint = field.hint(); !hint.isEmpty())
        editor->setToolTip(hint);
    return editor;
}

std::optional<QJsonValue> read(const QWidget *editor, const SchemaField &field, bool *valid)
{
    *valid = true;
    switch (kindOf(editor)) {
    case Enum:
    case BoolCombo: {
        const QVariant data = static_cast<const QComboBox *>(editor)->currentData();
        if (!data.isValid())
            return std::nullopt;
        return data.metaType() == QMetaType::fromType<QJsonValue>() ? data.value<QJsonValue>()
                                                                     : QJsonValue(data.toBool());
    }
    case Check: return QJsonValue(static_cast<const QCheckBox *>(editor)->isChecked());
    case Text: {
        const QString text = static_cast<const QLineEdit *>(editor)->text();
        if (text.isEmpty() && !field.required)
            return std::nullopt;
        return QJsonValue(text);
    }
    case Number:
    case Integer:
    case Any: {
        const QString text = static_cast<const QLineEdit *>(editor)->text().trimmed();
        if (text.isEmpty())
            return std::nullopt;
        const auto value = kindOf(editor) == Any ? parseAny(text)
                                                 : json::parseTyped(text, kindOf(editor) == Integer ? u"integer"_s : u"number"_s);
        if (!value)
            *valid = false;
        return value;
    }
    }
    return std::nullopt;
}

void write(QWidget *editor, const SchemaField &field, const QJsonValue &value)
{
    bool valid = true;
    const auto shown = read(editor, field, &valid);
    if (valid && ((value.isUndefined() && !shown) || (shown && *shown == value && json::typeName(*shown) == json::typeName(value))))
        return;
    const QSignalBlocker blocker(editor);
    switch (kindOf(editor)) {
    case Enum:
    case BoolCombo: {
        auto *combo = static_cast<QComboBox *>(editor);
        int found = -1;
        for (int i = 0; i < combo->count() && !value.isUndefined(); ++i) {
            const QVariant d = combo->itemData(i);
            const QJsonValue v = d.metaType() == QMetaType::fromType<QJsonValue>() ? d.value<QJsonValue>()
                                 : d.isValid() ? QJsonValue(d.toBool()) : QJsonValue(QJsonValue::Undefined);
            if (v == value)
                found = i;
        }
        if (found < 0 && !value.isUndefined()) {
            // A value the schema does not list: show it anyway (Verify will say what is wrong).
            combo->addItem(json::compactText(value), QVariant::fromValue(value));
            found = combo->count() - 1;
        }
        combo->setCurrentIndex(std::max(found, 0));
        break;
    }
    case Check: static_cast<QCheckBox *>(editor)->setChecked(value.toBool()); break;
    case Text:
        static_cast<QLineEdit *>(editor)->setText(value.isString() ? value.toString()
                                                  : value.isUndefined() ? QString() : json::compactText(value));
        break;
    case Number:
    case Integer:
        static_cast<QLineEdit *>(editor)->setText(value.isDouble() ? json::numberText(value)
                                                  : value.isUndefined() ? QString() : json::compactText(value));
        break;
    case Any:
        static_cast<QLineEdit *>(editor)->setText(value.isUndefined() ? QString() : json::compactText(value));
        break;
    }
}

void onChange(QWidget *editor, QObject *context, const std::function<void()> &f)
{
    if (auto *line = qobject_cast<QLineEdit *>(editor))
        QObject::connect(line, &QLineEdit::textEdited, context, [f] { f(); });
    else if (auto *combo = qobject_cast<QComboBox *>(editor))
        QObject::connect(combo, &QComboBox::activated, context, [f] { f(); });
    else if (auto *check = qobject_cast<QCheckBox *>(editor))
        QObject::connect(check, &QCheckBox::toggled, context, [f] { f(); });
}

void setError(QWidget *editor, bool error)
{
    if (editor->property("loomError").toBool() == error)
        return;
    editor->setProperty("loomError", error);
    editor->setStyleSheet(error ? u"border: 1px solid #c62828; border-radius: 2px;"_s : QString());
}

void explainRefusedKeys(QWidget *editor, QLabel *line)
{
    auto *edit = qobject_cast<QLineEdit *>(editor);
    if (!edit || !line || (kindOf(editor) != Number && kindOf(editor) != Integer))
        return;
    const QString why = kindOf(editor) == Integer
        ? QObject::tr("Numbers only: this field takes whole numbers (digits, with a minus sign in front).")
        : QObject::tr("Numbers only: digits, a minus sign, a decimal point and an exponent (1.5e3).");
    QObject::connect(edit, &QLineEdit::inputRejected, line, [line, why] {
        if (!line->property("loomRefused").toBool())
            line->setProperty("loomBefore", line->isHidden() ? QString() : line->text());
        line->setProperty("loomRefused", true);
        line->setText(why);
        line->show();
    });
    QObject::connect(edit, &QLineEdit::textEdited, line, [line] {
        if (!line->property("loomRefused").toBool())
            return;
        line->setProperty("loomRefused", false);
        const QString before = line->property("loomBefore").toString();
        line->setText(before);
        line->setVisible(!before.isEmpty());
    });
}

QJsonValue emptyValue(const SchemaField &field)
{
    if (!field.defaultValue.isUndefined())
        return field.defaultValue;
    if (!field.enumValues.isEmpty())
        return field.enumValues.first();
    if (field.type == u"string")
        return QString();
    if (field.type == u"number" || field.type == u"integer")
        return 0;
    if (field.type == u"boolean")
        return false;
    if (field.type == u"object")
        return newDocument(field);
    if (field.type == u"array")
        return QJsonArray();
    return QJsonValue(QJsonValue::Null);
}

} // namespace loom::fieldeditors
