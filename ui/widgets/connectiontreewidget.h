#pragma once

#include "session/connection.h"
#include "storeid.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QMenu;
class QTreeView;

namespace loom {

class CollectionActions;
class ConnectionActions;
class ConnectionTreeModel;
class StoreActions;

// The side tree (connections → stores → collections) with its actions: each action works on
// the current row and is enabled only where it applies; the context menu shows those of the
// row under the mouse. The same actions go into the main window's menus.
class ConnectionTreeWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTreeWidget)

public:
    enum Action {
        AddConnection, EditConnection, RemoveConnection, RefreshItem, RefreshAll,
        NewStore, JoinStore, StoreDetails, DeleteStore,
        NewCollection, OpenCollection, EditSchema, DeleteCollection,
        ActionCount
    };

    ConnectionTreeWidget(ConnectionTreeModel *model, ConnectionActions *connections, StoreActions *stores,
                         CollectionActions *collections, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    ConnectionTreeModel *model() const { return m_model; }
    QAction *action(Action which) const { return m_actions[which]; }
    QModelIndex currentIndex() const;
    // Selects the row of the store (or collection) now, or as soon as it is listed.
    void select(Connection *connection, const StoreId &store = {}, const QString &collection = {});
    // The menu the context menu would show for a row (for tests and for the menu bar).
    QMenu *contextMenuFor(const QModelIndex &index, QWidget *parent);

Q_SIGNALS:
    void collectionActivated(loom::Connection *connection, const loom::StoreId &store, const QString &storeName,
                             const QString &collection);

private:
    void createActions();
    void updateActions();
    void trigger(Action which);
    bool trySelectPending();

    ConnectionTreeModel *m_model;
    ConnectionActions *m_connections;
    StoreActions *m_stores;
    CollectionActions *m_collections;
    QTreeView *m_view;
    QAction *m_actions[ActionCount] = {};
    QPointer<Connection> m_pendingConnection;
    StoreId m_pendingStore;
    QString m_pendingCollection;
};

} // namespace loom
