#pragma once

#include "calldialog.h"
#include "schemadiffdialog.h"
#include "storeid.h"
#include "types.h"

#include <QJsonObject>

class QCheckBox;

namespace loom {

class CollectionEditor;

// New collection, or edit a collection's schema and indexes. Nothing is sent while the editor
// finds an error (OK stays disabled). An edit is shown as a diff first (SchemaDiffDialog) and
// sent only once the person applies it; a refusal keeps the edit.
class CollectionDialog final : public CallDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CollectionDialog)

public:
    // Create mode (no config) or edit mode (the collection as the daemon has it now).
    CollectionDialog(Connection *connection, const StoreId &store, const QString &storeName,
                     ActivityTracker *tracker, QWidget *parent = nullptr);
    CollectionDialog(Connection *connection, const StoreId &store, const QString &storeName,
                     const CollectionConfig &current, ActivityTracker *tracker, QWidget *parent = nullptr);

    // Create mode from example entities ("New collection from JSON…"): the proposed schema in the
    // editor for review, what the proposal decided above it, and whether to import the examples
    // into the collection once it is created (examplesToImport()).
    CollectionDialog(Connection *connection, const StoreId &store, const QString &storeName,
                     const QJsonObject &proposedSchema, const QStringList &notes, const QList<QJsonObject> &examples,
                     ActivityTracker *tracker, QWidget *parent = nullptr);

    bool isEdit() const;
    // The examples to create in the new collection (empty unless the person kept the box ticked).
    QList<QJsonObject> examplesToImport() const;
    QCheckBox *importExamplesBox() const { return m_importExamples; }
    CollectionEditor *editor() const { return m_editor; }
    SchemaDiffDialog *diffDialog() const { return m_diff; }

Q_SIGNALS:
    void collectionCreated(const loom::CollectionConfig &config);
    void collectionUpdated(const loom::CollectionConfig &config);

protected:
    void submit() override;
    void setInputsEnabled(bool enabled) override;

private:
    void setUp(QWidget *content);
    void validated(bool valid);
    void send(const CollectionConfig &config);

    QPointer<Connection> m_connection;
    StoreId m_store;
    QString m_storeName;
    CollectionEditor *m_editor;
    QPointer<SchemaDiffDialog> m_diff;
    QList<QJsonObject> m_examples;
    QCheckBox *m_importExamples = nullptr;
};

} // namespace loom
