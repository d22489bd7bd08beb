#pragma once

#include "schemainfer.h"

#include <QDialog>
#include <QJsonObject>
#include <QTimer>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace loom {

// "New collection from JSON…", first step: example entities, pasted or opened from a file (one
// object, an array of objects, or JSON lines), read as the person types. "Propose schema…"
// accepts the dialog; samples() and inferred() then hold the examples and the schema proposed for
// them (core/schemainfer.h), which the collection dialog shows for review before anything is
// sent. A file is read on the thread pool; a large one is used without being shown.
class InferSchemaDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InferSchemaDialog)

public:
    explicit InferSchemaDialog(const QString &storeName, QWidget *parent = nullptr);

    QPlainTextEdit *textEdit() const { return m_text; }
    QPushButton *openButton() const { return m_open; }
    QPushButton *proposeButton() const;
    QString statusText() const;
    bool isValid() const { return !m_samples.isEmpty(); }
    const QList<QJsonObject> &samples() const { return m_samples; }
    InferredSchema inferred() const { return inferSchema(m_samples, m_idField); }
    // The entity id field of the store's daemon ("_id", or "ID" on a legacy v0.1 daemon).
    void setIdField(const QString &field) { m_idField = field; }

    // Reads a file as "Open file…" does (tests call it directly).
    void openFile(const QString &path);

Q_SIGNALS:
    void fileRead(); // a file opened with openFile() has been read (or refused)

private:
    void parseText();
    void setSamples(const QList<QJsonObject> &samples, const QString &problem, const QString &source);
    void chooseFile();

    QString m_idField = QStringLiteral("_id");
    QPlainTextEdit *m_text;
    QPushButton *m_open;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QTimer m_parseTimer;
    QList<QJsonObject> m_samples;
    QString m_fileSource; // the file whose entities are used while the text is not shown
};

} // namespace loom
