#pragma once

#include "session/connection.h"
#include "storeid.h"
#include "types.h"

#include <QObject>
#include <QPointer>

class QWidget;

namespace loom {

class ActivityTracker;
class CollectionDialog;
class InferSchemaDialog;
class CollectionTabWidget;
class ConnectionTreeModel;

// Collection actions: new, edit the schema (with a diff before sending), delete. Dialogs open on
// `dialogParent` without blocking; the tree reloads after each change.
class CollectionActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CollectionActions)

public:
    CollectionActions(ConnectionTreeModel *model, ActivityTracker *tracker, QWidget *dialogParent,
                      QObject *parent = nullptr);
    // The collection tabs: tabs an action closes ask about their unsaved edits first, and the
    // action goes on only if all of them let themselves close (without one, it goes on at once).
    void setTabs(CollectionTabWidget *tabs) { m_tabs = tabs; }

    CollectionDialog *newCollection(Connection *connection, const StoreId &store, const QString &storeName);
    // "New collection from JSON…": example entities first (InferSchemaDialog), then the collection
    // dialog with the schema proposed for them (editorOpened tells when), then, if the person
    // kept the box ticked, the examples are created in the new collection.
    InferSchemaDialog *newCollectionFromJson(Connection *connection, const StoreId &store, const QString &storeName);
    // Reads the collection's current config, then opens the editor (editorOpened tells when).
    void editSchema(Connection *connection, const StoreId &store, const QString &storeName,
                    const QString &collection);
    void deleteCollection(Connection *connection, const StoreId &store, const QString &storeName,
                          const QString &collection);

Q_SIGNALS:
    void editorOpened(loom::CollectionDialog *dialog);
    void collectionCreated(loom::Connection *connection, const loom::StoreId &store, const QString &collection);
    void collectionChanged(loom::Connection *connection, const loom::StoreId &store, const QString &collection);
    void collectionDeleted(loom::Connection *connection, const loom::StoreId &store, const QString &collection);
    void notice(const QString &message);

private:
    void watchCreation(CollectionDialog *dialog, Connection *connection, const StoreId &store);
    void importExamples(Connection *connection, const StoreId &store, const QString &collection,
                        const QList<QJsonObject> &examples);
    void sendDeleteCollection(Connection *connection, const StoreId &store, const QString &collection);

    ConnectionTreeModel *m_model;
    ActivityTracker *m_tracker;
    QPointer<QWidget> m_dialogParent;
    QPointer<CollectionTabWidget> m_tabs;
};

} // namespace loom
