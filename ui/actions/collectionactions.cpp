#include "collectionactions.h"

#include "session/activitytracker.h"
#include "session/connection.h"
#include "dialogs/collectiondialog.h"
#include "dialogs/inferschemadialog.h"
#include "models/connectiontreemodel.h"
#include "widgets/collectiontabwidget.h"
#include "widgets/prompts.h"
#include "threadsclient.h"

#include <QLocale>

namespace loom {

CollectionActions::CollectionActions(ConnectionTreeModel *model, ActivityTracker *tracker, QWidget *dialogParent,
                                     QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_tracker(tracker)
    , m_dialogParent(dialogParent)
{
}

CollectionDialog *CollectionActions::newCollection(Connection *connection, const StoreId &store,
                                                   const QString &storeName)
{
    auto *dialog = new CollectionDialog(connection, store, storeName, m_tracker, m_dialogParent);
    watchCreation(dialog, connection, store);
    dialog->open();
    return dialog;
}

InferSchemaDialog *CollectionActions::newCollectionFromJson(Connection *connection, const StoreId &store,
                                                            const QString &storeName)
{
    auto *examples = new InferSchemaDialog(storeName, m_dialogParent);
    examples->setAttribute(Qt::WA_DeleteOnClose);
    examples->setIdField(connection->client()->idField());
    const QPointer<Connection> guard(connection);
    connect(examples, &QDialog::accepted, this, [this, examples, guard, store, storeName] {
        if (!guard)
            return;
        const InferredSchema inferred = examples->inferred();
        auto *dialog = new CollectionDialog(guard, store, storeName, inferred.schema, inferred.notes,
                                            examples->samples(), m_tracker, m_dialogParent);
        watchCreation(dialog, guard, store);
        dialog->open();
        Q_EMIT editorOpened(dialog);
    });
    examples->open();
    return examples;
}

void CollectionActions::watchCreation(CollectionDialog *dialog, Connection *connection, const StoreId &store)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QPointer<Connection> guard(connection);
    connect(dialog, &CollectionDialog::collectionCreated, this,
            [this, guard, store, dialog](const CollectionConfig &config) {
                if (!guard)
                    return;
                m_model->reloadCollections(guard, store);
                Q_EMIT collectionCreated(guard, store, config.name);
                const QList<QJsonObject> examples = dialog->examplesToImport();
                if (examples.isEmpty())
                    Q_EMIT notice(tr("Created the collection “%1”.").arg(config.name));
                else
                    importExamples(guard, store, config.name, examples);
            });
}

void CollectionActions::importExamples(Connection *connection, const StoreId &store, const QString &collection,
                                       const QList<QJsonObject> &examples)
{
    const QPointer<Connection> guard(connection);
    auto *reply = connection->client()->createMany(store, collection, examples);
    m_tracker->track(reply, connection, tr("import the examples into “%1”").arg(collection));
    reply->then(this, [this, guard, collection, total = examples.size()](Reply<QStringList> *r) {
        if (!guard)
            return;
        const qsizetype stored = r->result().size();
        if (!r->ok()) {
            prompts::showError(m_dialogParent,
                               tr("The collection “%1” was created, but %2 of its %3 example entities were stored.")
                                   .arg(collection)
                                   .arg(stored)
                                   .arg(total),
                               r->error());
            return;
        }
        Q_EMIT notice(stored == 1 ? tr("Created the collection “%1” with its example entity.").arg(collection)
                                  : tr("Created the collection “%1” with its %2 example entities.")
                                        .arg(collection, QLocale().toString(stored)));
    });
}

void CollectionActions::editSchema(Connection *connection, const StoreId &store, const QString &storeName,
                                   const QString &collection)
{
    const QPointer<Connection> guard(connection);
    auto *reply = connection->client()->collectionInfo(store, collection);
    m_tracker->track(reply, connection);
    reply->then(this, [this, guard, store, storeName, collection](Reply<CollectionConfig> *r) {
        if (!guard)
            return;
        if (!r->ok()) {
            prompts::showError(m_dialogParent, tr("The schema of “%1” could not be read.").arg(collection), r->error());
            return;
        }
        auto *dialog = new CollectionDialog(guard, store, storeName, r->result(), m_tracker, m_dialogParent);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &CollectionDialog::collectionUpdated, this, [this, guard, store](const CollectionConfig &config) {
            if (!guard)
                return;
            m_model->reloadCollections(guard, store);
            Q_EMIT collectionChanged(guard, store, config.name);
            Q_EMIT notice(tr("Updated the schema of “%1”.").arg(config.name));
        });
        dialog->open();
        Q_EMIT editorOpened(dialog);
    });
}

void CollectionActions::deleteCollection(Connection *connection, const StoreId &store, const QString &storeName,
                                         const QString &collection)
{
    const QPointer<Connection> guard(connection);
    prompts::confirm(
        m_dialogParent, tr("Delete collection"),
        tr("Delete the collection “%1” from the store “%2”?").arg(collection, storeName),
        tr("The daemon forgets the collection's definition (its schema, indexes and hooks), but it keeps the "
           "entities' data: a collection created later with the same name shows them again."),
        tr("Delete collection"), [this, guard, store, collection] {
            if (!guard)
                return;
            if (!m_tabs) {
                sendDeleteCollection(guard, store, collection);
                return;
            }
            // The collection's tab closes first, asking about unsaved edits.
            m_tabs->closeTabsAsking(guard, store, collection, this, [this, guard, store, collection](bool closed) {
                if (!closed)
                    Q_EMIT notice(tr("The collection “%1” was not deleted: its tab kept the unsaved edits.").arg(collection));
                else if (guard)
                    sendDeleteCollection(guard, store, collection);
            });
        });
}

void CollectionActions::sendDeleteCollection(Connection *connection, const StoreId &store, const QString &collection)
{
    const QPointer<Connection> guard(connection);
    auto *reply = connection->client()->deleteCollection(store, collection);
    m_tracker->track(reply, connection, tr("delete the collection “%1”").arg(collection));
    reply->then(this, [this, guard, store, collection](VoidReply *r) {
        if (!guard)
            return;
        if (!r->ok()) {
            prompts::showError(m_dialogParent, tr("The collection “%1” could not be deleted.").arg(collection),
                               r->error());
            return;
        }
        Q_EMIT collectionDeleted(guard, store, collection);
        m_model->reloadCollections(guard, store);
        Q_EMIT notice(tr("Deleted the collection “%1”.").arg(collection));
    });
}

} // namespace loom
