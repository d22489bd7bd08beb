#include "entityeditorpanel.h"

#include "browser/models/entitymodel.h"
#include "browser/schema/schemaformwidget.h"

#include <QFontDatabase>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace loom {

EntityEditorPanel::EntityEditorPanel(EntityModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_verifier(new EntityVerifier(model->context(), model, this))
    , m_title(new QLabel(this))
    , m_status(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_form(new SchemaFormWidget)
    , m_json(new QPlainTextEdit)
    , m_jsonError(new QLabel)
{
    m_form->setIdField(model->idField());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setObjectName(u"entityTitle"_s);
    layout->addWidget(m_title);
    m_status->setObjectName(u"verifyStatus"_s);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_form);
    m_tabs->addTab(scroll, tr("Form"));
    auto *jsonPage = new QWidget;
    auto *jsonLayout = new QVBoxLayout(jsonPage);
    jsonLayout->setContentsMargins(0, 0, 0, 0);
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json->setObjectName(u"entityJson"_s);
    m_json->setLineWrapMode(QPlainTextEdit::NoWrap);
    jsonLayout->addWidget(m_json, 1);
    m_jsonError->setStyleSheet(u"color: #c62828;"_s);
    m_jsonError->setWordWrap(true);
    m_jsonError->hide();
    jsonLayout->addWidget(m_jsonError);
    m_tabs->addTab(jsonPage, tr("JSON"));
    layout->addWidget(m_tabs, 1);
    layout->addStretch(0); // keeps the header on top while there is nothing to edit

    m_jsonTimer.setSingleShot(true);
    m_jsonTimer.setInterval(300);
    connect(&m_jsonTimer, &QTimer::timeout, this, &EntityEditorPanel::applyJson);
    connect(m_json, &QPlainTextEdit::textChanged, this, &EntityEditorPanel::onJsonEdited);
    connect(m_form, &SchemaFormWidget::documentEdited, this, [this](const QJsonObject &doc, const QString &path) {
        if (m_key.isEmpty())
            return;
        m_origin = FromForm;
        m_model->edits()->editDocument(m_key, doc, tr("Edit %1").arg(path), u"form:"_s + m_key + u':' + path);
        m_origin = FromModel;
    });
    connect(m_model->edits(), &EntityEdits::documentChanged, this, &EntityEditorPanel::onDocumentChanged);
    connect(m_model->edits(), &EntityEdits::dirtyChanged, this, [this](const QString &key) {
        if (key == m_key)
            updateHeader();
    });
    connect(m_model->edits(), &EntityEdits::keyRenamed, this, [this](const QString &from, const QString &to) {
        if (m_key == from) {
            m_key = to;
            refresh();
        }
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &tl) {
        // Field errors (from Verify or a failed save) arrive as data changes of the entity.
        if (!m_key.isEmpty() && !tl.parent().isValid() && m_model->keyAt(tl) == m_key)
            m_form->setFieldErrors(m_model->edits()->fieldErrors(m_key));
    });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this](const QModelIndex &parent) {
        if (!parent.isValid() && !m_key.isEmpty() && !m_model->contains(m_key))
            setEntity({});
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (!m_key.isEmpty() && !m_model->contains(m_key))
            setEntity({});
    });
    connect(m_verifier, &EntityVerifier::stateChanged, this, &EntityEditorPanel::onVerifyState);
    setEntity({});
}

void EntityEditorPanel::setSchema(const SchemaField &schema)
{
    m_form->setSchema(schema);
    refresh();
}

void EntityEditorPanel::setEntity(const QString &key)
{
    const QString resolved = m_model->resolveKey(key);
    if (resolved == m_key && !key.isEmpty())
        return;
    m_key = resolved;
    m_jsonTimer.stop();
    m_verifier->cancel();
    refresh();
    if (!m_key.isEmpty() && m_model->isDirty(m_key))
        m_verifier->schedule(m_key);
}

void EntityEditorPanel::showForm()
{
    m_tabs->setCurrentIndex(0);
}

void EntityEditorPanel::showJson()
{
    m_tabs->setCurrentIndex(1);
}

void EntityEditorPanel::refresh()
{
    const bool has = !m_key.isEmpty() && m_model->contains(m_key);
    m_tabs->setVisible(has);
    const QJsonObject doc = has ? m_model->document(m_key) : QJsonObject();
    m_form->setDocument(doc, has && m_model->isNew(m_key));
    m_form->setFieldErrors(has ? m_model->edits()->fieldErrors(m_key) : QHash<QString, QString>());
    if (!m_json->hasFocus() || !has) {
        const QSignalBlocker blocker(m_json);
        m_json->setPlainText(has ? QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Indented)) : QString());
        m_jsonError->hide();
    }
    updateHeader();
}

void EntityEditorPanel::updateHeader()
{
    if (m_key.isEmpty() || !m_model->contains(m_key)) {
        m_title->setText(tr("<i>Select an entity to edit it here.</i>"));
        m_status->clear();
        return;
    }
    const bool isNew = m_model->isNew(m_key);
    const QString name = isNew ? tr("New entity") : tr("Entity <b>%1</b>").arg(m_key.toHtmlEscaped());
    m_title->setText(name + (m_model->isDirty(m_key) ? tr(" <span style=\"color:#1f6fd1\">● unsaved</span>") : QString()));
    m_title->setToolTip(tr("The daemon's word: instance"));
    if (!m_model->isDirty(m_key))
        onVerifyState(m_key, EntityVerifier::Idle, {});
}

void EntityEditorPanel::onDocumentChanged(const QString &key)
{
    if (key != m_key)
        return;
    const QJsonObject doc = m_model->document(m_key);
    if (m_origin != FromForm)
        m_form->setDocument(doc, m_model->isNew(m_key));
    if (m_origin != FromJson) {
        const QSignalBlocker blocker(m_json);
        m_json->setPlainText(QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Indented)));
        m_jsonError->hide();
    }
    updateHeader();
    m_verifier->schedule(m_key);
}

void EntityEditorPanel::onJsonEdited()
{
    m_jsonTimer.start();
}

void EntityEditorPanel::applyJson()
{
    if (m_key.isEmpty())
        return;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(m_json->toPlainText().toUtf8(), &error);
    if (!doc.isObject()) {
        const QString text = m_json->toPlainText();
        const int line = int(text.left(error.offset).count(u'\n')) + 1;
        m_jsonError->setText(error.error != QJsonParseError::NoError
                                 ? tr("Line %1: %2 — not applied").arg(line).arg(error.errorString())
                                 : tr("An entity is a JSON object { … } — not applied"));
        m_jsonError->show();
        return;
    }
    m_jsonError->hide();
    m_origin = FromJson;
    m_model->edits()->editDocument(m_key, doc.object(), tr("Edit as JSON"), u"json:"_s + m_key);
    m_origin = FromModel;
}

void EntityEditorPanel::onVerifyState(const QString &key, EntityVerifier::State state, const QString &message)
{
    if (key != m_key)
        return;
    QString text;
    switch (state) {
    case EntityVerifier::Idle:
        text = m_model->isDirty(m_key) ? QString() : tr("<span style=\"color:#707070\">No unsaved changes</span>");
        break;
    case EntityVerifier::Pending: text = tr("<span style=\"color:#707070\">Checking against the schema…</span>"); break;
    case EntityVerifier::Valid:
        text = tr("<span style=\"color:#2e7d32\">✓ Matches the schema (checked by the daemon). Ctrl+S saves.</span>");
        break;
    case EntityVerifier::Invalid:
        text = tr("<span style=\"color:#c62828\">✗ %1</span>").arg(message.toHtmlEscaped());
        break;
    case EntityVerifier::Unknown:
        text = tr("<span style=\"color:#b26a00\">Could not check: %1</span>").arg(message.toHtmlEscaped());
        break;
    }
    m_status->setText(text);
    m_status->setToolTip(tr("The daemon's dry run (Verify) of the unsaved version"));
}

QString EntityEditorPanel::statusText() const
{
    return m_status->text();
}

} // namespace loom
