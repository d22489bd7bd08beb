#include "schemaformwidget.h"

#include "jsonrules.h"
#include "browser/schema/fieldeditors.h"
#include "browser/schema/formparts.h"
#include "browser/models/jsonvalues.h"

#include <QDateTime>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using namespace loom::formparts;

namespace loom {

namespace {

const QString kMod = json::kModField;

bool isMeta(const QString &idField, const QString &key)
{
    return key == idField || key == kMod;
}

} // namespace

SchemaFormWidget::SchemaFormWidget(QWidget *parent)
    : QWidget(parent)
{
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(6, 6, 6, 6);
    m_general = makeErrorLabel(this);
    m_layout->addWidget(m_general);
    m_schema.type = u"object"_s;
}

SchemaFormWidget::~SchemaFormWidget() = default;

void SchemaFormWidget::setSchema(const SchemaField &root)
{
    m_schema = root;
    m_shape = QString(u'\x01');
    rebuild();
}

void SchemaFormWidget::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    if (m_content)
        m_content->setEnabled(!readOnly);
}

QString SchemaFormWidget::shapeOf(const QJsonObject &doc) const
{
    // Array lengths along the schema, and the keys the schema does not describe.
    QStringList parts;
    std::function<void(const SchemaField &, const QJsonValue &, const QString &)> walk;
    walk = [&](const SchemaField &s, const QJsonValue &v, const QString &path) {
        if (s.type == u"array") {
            const QJsonArray a = v.toArray();
            parts << path + u'#' + QString::number(a.size());
            if (s.items && (s.items->type == u"object" || s.items->type == u"array")) {
                for (qsizetype i = 0; i < a.size(); ++i)
                    walk(*s.items, a.at(i), path + u'.' + QString::number(i));
            }
        } else if (s.type == u"object") {
            for (const SchemaField &p : s.properties)
                walk(p, v.toObject().value(p.name), path + u'.' + p.name);
        }
    };
    walk(m_schema, doc, QString());
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        if (!isMeta(m_idField, it.key()) && !m_schema.property(it.key()))
            parts << u'+' + it.key();
    }
    parts << (m_isNew ? u"new"_s : u"old"_s) << (doc.contains(kMod) ? u"mod"_s : u"-"_s);
    return parts.join(u'|');
}

void SchemaFormWidget::setDocument(const QJsonObject &doc, bool isNew)
{
    m_doc = doc;
    m_isNew = isNew;
    const QString shape = shapeOf(doc);
    if (shape != m_shape) {
        m_shape = shape;
        rebuild();
    } else {
        refreshValues();
    }
}

void SchemaFormWidget::rebuild()
{
    QWidget *focused = focusWidget();
    QString focusPath;
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        if (it->editor && it->editor == focused)
            focusPath = it.key();
    }
    if (m_content) {
        // Later: the rebuild may come from a click on a button inside the old form.
        m_layout->removeWidget(m_content);
        m_content->hide();
        m_content->deleteLater();
    }
    m_fields.clear();
    m_otherEditors.clear();
    m_content = new QWidget(this);
    auto *v = new QVBoxLayout(m_content);
    v->setContentsMargins(0, 0, 0, 0);

    // One form: the daemon's fields (read-only) first, then the schema's.
    auto *form = newForm(nullptr);
    auto *id = new QLineEdit(m_content);
    id->setReadOnly(true);
    id->setFocusPolicy(Qt::ClickFocus);
    id->setObjectName(u"field:_id"_s);
    id->setPlaceholderText(tr("assigned by the daemon when the entity is created"));
    id->setToolTip(tr("The entity's id (_id), set by the daemon"));
    form->addRow(new QLabel(tr("id")), id);
    m_idEdit = id;
    m_modLabel = nullptr;
    if (m_doc.contains(kMod)) {
        m_modLabel = new QLabel;
        form->addRow(new QLabel(tr("last saved")), m_modLabel);
    }
    buildObject(m_schema, {}, form);
    v->addLayout(form);
    addOtherFields(v);
    v->addStretch(1);
    m_layout->addWidget(m_content, 1);
    m_content->setEnabled(!m_readOnly);
    m_content->show();
    refreshValues();
    setFieldErrors(m_errors);
    if (const Field f = m_fields.value(focusPath); f.editor)
        f.editor->setFocus();
}

void SchemaFormWidget::buildObject(const SchemaField &schema, const QStringList &path, QFormLayout *form)
{
    for (const SchemaField &p : schema.properties) {
        if (path.isEmpty() && isMeta(m_idField, p.name))
            continue;
        const QStringList childPath = path + QStringList{p.name};
        QLabel *label = makeLabel(p, p.name);
        if (p.type == u"object") {
            auto *group = new QGroupBox;
            group->setFlat(false);
            group->setToolTip(p.hint());
            auto *inner = newForm(group);
            Field f{childPath, &p, nullptr, makeErrorLabel(group)};
            inner->addRow(f.error);
            m_fields.insert(json::dottedPath(childPath), f);
            buildObject(p, childPath, inner);
            form->addRow(label, group);
        } else if (p.type == u"array") {
            addArray(p, childPath, form, label);
        } else {
            addScalar(p, childPath, form, label);
        }
    }
}

void SchemaFormWidget::addScalar(const SchemaField &schema, const QStringList &path, QFormLayout *form, QWidget *label)
{
    const QString dotted = json::dottedPath(path);
    QWidget *editor = fieldeditors::create(schema, nullptr);
    editor->setObjectName(u"field:"_s + dotted);
    fieldeditors::write(editor, schema, json::valueAt(m_doc, path));
    fieldeditors::onChange(editor, this, [this, dotted] { fieldEdited(dotted); });
    Field f{path, &schema, editor, makeErrorLabel(nullptr)};
    fieldeditors::explainRefusedKeys(editor, f.error);
    m_fields.insert(dotted, f);
    form->addRow(label, withError(editor, f.error));
}

void SchemaFormWidget::addArray(const SchemaField &schema, const QStringList &path, QFormLayout *form, QWidget *label)
{
    const QString dotted = json::dottedPath(path);
    auto *group = new QGroupBox;
    group->setToolTip(schema.hint());
    auto *v = new QVBoxLayout(group);
    v->setContentsMargins(6, 4, 6, 4);
    Field f{path, &schema, nullptr, makeErrorLabel(group)};
    v->addWidget(f.error);
    m_fields.insert(dotted, f);
    const QJsonArray items = json::valueAt(m_doc, path).toArray();
    const SchemaField &itemSchema = schema.items ? *schema.items : schema;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QStringList itemPath = path + QStringList{QString::number(i)};
        auto *remove = new QToolButton;
        remove->setText(u"−"_s);
        remove->setToolTip(tr("Remove item %1").arg(i));
        remove->setObjectName(u"remove:"_s + json::dottedPath(itemPath));
        connect(remove, &QToolButton::clicked, this, [this, path, i] {
            QJsonArray a = json::valueAt(m_doc, path).toArray();
            if (i < a.size())
                a.removeAt(i);
            emitEdit(json::withValueAt(m_doc, path, a), json::dottedPath(path));
        });
        if (itemSchema.type == u"object") {
            auto *box = new QGroupBox(u"[%1]"_s.arg(i));
            auto *inner = newForm(box);
            buildObject(itemSchema, itemPath, inner);
            inner->addRow(QString(), remove);
            v->addWidget(box);
        } else {
            const QString itemDotted = json::dottedPath(itemPath);
            QWidget *editor = fieldeditors::create(itemSchema, nullptr);
            editor->setObjectName(u"field:"_s + itemDotted);
            fieldeditors::write(editor, itemSchema, items.at(i));
            fieldeditors::onChange(editor, this, [this, itemDotted] { fieldEdited(itemDotted); });
            Field item{itemPath, &itemSchema, editor, makeErrorLabel(nullptr)};
            fieldeditors::explainRefusedKeys(editor, item.error);
            m_fields.insert(itemDotted, item);
            v->addWidget(withError(editor, item.error, remove));
        }
    }
    auto *add = new QPushButton(tr("Add item"));
    add->setObjectName(u"add:"_s + dotted);
    add->setToolTip(tr("Append an element to %1").arg(dotted));
    connect(add, &QPushButton::clicked, this, [this, path, &itemSchema] {
        QJsonArray a = json::valueAt(m_doc, path).toArray();
        a.append(fieldeditors::emptyValue(itemSchema));
        emitEdit(json::withValueAt(m_doc, path, a), json::dottedPath(path));
        // The new item takes the focus (its first field, for an item that is an object).
        QString item = json::dottedPath(path) + u'.' + QString::number(a.size() - 1);
        const auto first = std::find_if(itemSchema.properties.begin(), itemSchema.properties.end(),
                                        [&](const SchemaField &p) { return editorFor(item + u'.' + p.name); });
        if (itemSchema.type == u"object" && first != itemSchema.properties.end())
            item += u'.' + first->name;
        if (QWidget *editor = editorFor(item))
            editor->setFocus(Qt::OtherFocusReason);
    });
    auto *row = new QHBoxLayout;
    row->addWidget(add);
    row->addStretch(1);
    v->addLayout(row);
    form->addRow(label, group);
}

void SchemaFormWidget::addOtherFields(QVBoxLayout *layout)
{
    QStringList keys;
    for (auto it = m_doc.begin(); it != m_doc.end(); ++it) {
        if (!isMeta(m_idField, it.key()) && !m_schema.property(it.key()))
            keys << it.key();
    }
    if (keys.isEmpty())
        return;
    auto *group = new QGroupBox(tr("Fields the schema does not describe"));
    group->setToolTip(tr("Edited as JSON; they are saved with the entity"));
    auto *form = newForm(group);
    for (const QString &key : std::as_const(keys)) {
        auto *edit = new QLineEdit(json::compactText(m_doc.value(key)));
        edit->setObjectName(u"other:"_s + key);
        connect(edit, &QLineEdit::textEdited, this, [this, key] { otherEdited(key); });
        m_otherEditors.insert(key, edit);
        form->addRow(key, edit);
    }
    layout->addWidget(group);
}

void SchemaFormWidget::refreshValues()
{
    if (m_idEdit)
        m_idEdit->setText(m_doc.value(m_idField).toString());
    if (m_modLabel) {
        const qint64 ns = m_doc.value(kMod).toInteger();
        m_modLabel->setText(QDateTime::fromMSecsSinceEpoch(ns / 1'000'000).toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s));
        m_modLabel->setToolTip(tr("_mod: %1 (nanoseconds since 1970), set by the daemon on every save").arg(ns));
    }
    for (const Field &f : std::as_const(m_fields)) {
        if (f.editor)
            fieldeditors::write(f.editor, *f.schema, json::valueAt(m_doc, f.path));
    }
    for (auto it = m_otherEditors.cbegin(); it != m_otherEditors.cend(); ++it) {
        auto *edit = static_cast<QLineEdit *>(it.value().data());
        const QString text = json::compactText(m_doc.value(it.key()));
        if (edit && !edit->hasFocus() && edit->text() != text)
            edit->setText(text);
    }
}

void SchemaFormWidget::fieldEdited(const QString &dotted)
{
    const Field f = m_fields.value(dotted);
    if (!f.editor)
        return;
    bool valid = true;
    const auto value = fieldeditors::read(f.editor, *f.schema, &valid);
    if (!valid)
        return; // half-typed ("1e"): wait for more
    const QJsonValue now = json::valueAt(m_doc, f.path);
    if (!value && now.isUndefined())
        return;
    emitEdit(json::withValueAt(m_doc, f.path, value.value_or(QJsonValue(QJsonValue::Undefined))), dotted);
}

void SchemaFormWidget::otherEdited(const QString &key)
{
    auto *edit = static_cast<QLineEdit *>(m_otherEditors.value(key).data());
    if (!edit)
        return;
    const QJsonDocument parsed = QJsonDocument::fromJson(QString(u'[' + edit->text() + u']').toUtf8());
    const bool ok = parsed.isArray() && parsed.array().size() == 1;
    fieldeditors::setError(edit, !ok);
    if (ok)
        emitEdit(json::withValueAt(m_doc, {key}, parsed.array().at(0)), key);
}

void SchemaFormWidget::emitEdit(const QJsonObject &doc, const QString &path)
{
    if (doc == m_doc)
        return;
    m_doc = doc;
    Q_EMIT documentEdited(doc, path);
    // Array items added or removed: the form's shape follows.
    const QString shape = shapeOf(doc);
    if (shape != m_shape) {
        m_shape = shape;
        rebuild();
    }
}

void SchemaFormWidget::setFieldErrors(const QHash<QString, QString> &errors)
{
    m_errors = errors;
    QStringList general;
    for (auto it = errors.cbegin(); it != errors.cend(); ++it) {
        if (!m_fields.contains(it.key()))
            general << (it.key().isEmpty() ? it.value() : it.key() + u": "_s + it.value());
    }
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        const QString message = errors.value(it.key());
        if (it->error) {
            it->error->setProperty("loomRefused", false); // (a refused key's words give way)
            it->error->setText(message);
            it->error->setVisible(!message.isEmpty());
        }
        if (it->editor)
            fieldeditors::setError(it->editor, !message.isEmpty());
    }
    general.sort();
    m_general->setText(general.join(u'\n'));
    m_general->setVisible(!general.isEmpty());
}

QWidget *SchemaFormWidget::editorFor(const QString &dottedPath) const
{
    return m_fields.value(dottedPath).editor;
}

QString SchemaFormWidget::errorTextFor(const QString &dottedPath) const
{
    const Field f = m_fields.value(dottedPath);
    return f.error && !f.error->isHidden() ? f.error->text() : QString();
}

QString SchemaFormWidget::generalErrorText() const
{
    return m_general->isHidden() ? QString() : m_general->text();
}

} // namespace loom
