#pragma once

#include "session/connection.h"
#include "storeid.h"

#include <QObject>
#include <QPointer>

class QWidget;

namespace loom {

class ActivityTracker;
class CollectionTabWidget;
class ConnectionManager;
class ConnectionTreeModel;
class JoinStoreDialog;
class NewStoreDialog;
class ReplicationPanel;
class StoreDetailsDialog;

// Store actions: new, join, details (invitation links) and delete. Dialogs open on
// `dialogParent` without blocking; the tree reloads after each change.
class StoreActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreActions)

public:
    StoreActions(ConnectionTreeModel *model, ConnectionManager *manager, ActivityTracker *tracker,
                 QWidget *dialogParent, QObject *parent = nullptr);
    // The collection tabs: tabs an action closes ask about their unsaved edits first, and the
    // action goes on only if all of them let themselves close (without one, it goes on at once).
    void setTabs(CollectionTabWidget *tabs) { m_tabs = tabs; }

    NewStoreDialog *newStore(Connection *connection);
    JoinStoreDialog *joinStore(Connection *connection);
    StoreDetailsDialog *showDetails(Connection *connection, const StoreId &store);
    // The store on every connected daemon side by side (one panel per store, brought back if open).
    ReplicationPanel *showReplication(Connection *connection, const StoreId &store, const QString &storeName);
    // Asks first, naming the store.
    void deleteStore(Connection *connection, const StoreId &store, const QString &name);

Q_SIGNALS:
    // A store appeared (created or joined); the tree selects it once listed.
    void storeAdded(loom::Connection *connection, const loom::StoreId &store);
    void storeDeleted(loom::Connection *connection, const loom::StoreId &store);
    void notice(const QString &message);

private:
    void sendDeleteStore(Connection *connection, const StoreId &store, const QString &shown);

    ConnectionTreeModel *m_model;
    ConnectionManager *m_manager;
    ActivityTracker *m_tracker;
    QPointer<QWidget> m_dialogParent;
    QPointer<CollectionTabWidget> m_tabs;
};

} // namespace loom
