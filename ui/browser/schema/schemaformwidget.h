#pragma once

#include "browser/models/schemafield.h"

#include <QHash>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QWidget>

class QFormLayout;
class QLabel;
class QLineEdit;
class QVBoxLayout;

namespace loom {

// A form for one entity, generated from the collection's schema: a row per property (nested
// objects as groups, arrays as lists with add/remove), required fields marked with *,
// descriptions and constraints as tooltips and placeholders, fields the schema does not know
// edited as JSON. Each edit changes only the field edited (the rest of the document, including
// fields the form does not show, is kept as it is) and is reported with documentEdited().
// Schema errors from Verify are shown under their fields.
class SchemaFormWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchemaFormWidget)

public:
    explicit SchemaFormWidget(QWidget *parent = nullptr);
    ~SchemaFormWidget() override;

    void setSchema(const SchemaField &root);
    const SchemaField &schema() const { return m_schema; }
    // Shows a document; rebuilds only when its shape (array lengths, unknown fields) changed.
    void setDocument(const QJsonObject &doc, bool isNew = false);
    QJsonObject document() const { return m_doc; }
    void setReadOnly(bool readOnly);
    // The entity id field, shown read-only at the top: "_id", or "ID" on a legacy v0.1 daemon.
    void setIdField(const QString &field) { m_idField = field; }
    // dotted path -> message; "" for problems of the whole document.
    void setFieldErrors(const QHash<QString, QString> &errors);

    // For tests and focus handling: the editor of a field ("address.city", "tags.1").
    QWidget *editorFor(const QString &dottedPath) const;
    QString errorTextFor(const QString &dottedPath) const;
    QString generalErrorText() const;

Q_SIGNALS:
    // The whole new document, and the dotted path of the field that changed.
    void documentEdited(const QJsonObject &doc, const QString &fieldPath);

private:
    struct Field
    {
        QStringList path;
        const SchemaField *schema = nullptr;
        QPointer<QWidget> editor; // null for groups
        QPointer<QLabel> error;
    };

    void rebuild();
    void buildObject(const SchemaField &schema, const QStringList &path, QFormLayout *form);
    void addArray(const SchemaField &schema, const QStringList &path, QFormLayout *form, QWidget *label);
    void addScalar(const SchemaField &schema, const QStringList &path, QFormLayout *form, QWidget *label);
    void addOtherFields(QVBoxLayout *layout);
    QString shapeOf(const QJsonObject &doc) const;
    void fieldEdited(const QString &dotted);
    void otherEdited(const QString &key);
    void emitEdit(const QJsonObject &doc, const QString &path);
    void refreshValues();

    SchemaField m_schema;
    QJsonObject m_doc;
    bool m_isNew = false;
    bool m_readOnly = false;
    QString m_shape;
    QHash<QString, QString> m_errors;
    QHash<QString, Field> m_fields;
    QHash<QString, QPointer<QWidget>> m_otherEditors;
    QWidget *m_content = nullptr;
    QVBoxLayout *m_layout = nullptr;
    QLabel *m_general = nullptr;
    QPointer<QLineEdit> m_idEdit;
    QString m_idField = QString(json::kIdField);
    QPointer<QLabel> m_modLabel;
};

} // namespace loom
