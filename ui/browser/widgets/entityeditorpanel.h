#pragma once

#include "browser/controllers/entityverifier.h"
#include "browser/models/schemafield.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTabWidget;

namespace loom {

class EntityModel;
class SchemaFormWidget;

// The side panel that edits one entity as a whole: a form generated from the schema, or the
// JSON text. Edits go to the model's working copy (undoable); nothing is sent. The daemon's
// dry run (Verify) runs as you type and its schema errors appear at the fields.
class EntityEditorPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityEditorPanel)

public:
    explicit EntityEditorPanel(EntityModel *model, QWidget *parent = nullptr);

    void setSchema(const SchemaField &schema);
    void setEntity(const QString &key); // empty: nothing to edit
    QString entityKey() const { return m_key; }
    void showForm();
    void showJson();

    SchemaFormWidget *form() const { return m_form; }
    QPlainTextEdit *jsonEditor() const { return m_json; }
    EntityVerifier *verifier() const { return m_verifier; }
    QString statusText() const;

private:
    void refresh();
    void onDocumentChanged(const QString &key);
    void onJsonEdited();
    void applyJson();
    void onVerifyState(const QString &key, EntityVerifier::State state, const QString &message);
    void updateHeader();

    EntityModel *m_model;
    EntityVerifier *m_verifier;
    QString m_key;
    QLabel *m_title;
    QLabel *m_status;
    QTabWidget *m_tabs;
    SchemaFormWidget *m_form;
    QPlainTextEdit *m_json;
    QLabel *m_jsonError;
    QTimer m_jsonTimer;
    enum Origin { FromModel, FromForm, FromJson };
    Origin m_origin = FromModel; // where the edit being applied comes from
};

} // namespace loom
