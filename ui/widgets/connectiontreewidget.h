#pragma once

#include "session/connection.h"
#include "storeid.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QMenu;
class QTreeView;

namespace loom {

class ConnectionTreeModel;

// The side tree (connections → stores → collections) with its actions: each action works on
// the current row and is enabled only where it applies; the context menu shows those of the
// row under the mouse. The same actions go into the main window's menus. Refreshing is the
// model's; everything else is asked for with actionRequested() (the main window hands it to
// the connection, store or collection actions).
class ConnectionTreeWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTreeWidget)

public:
    enum Action {
        AddConnection, EditConnection, RemoveConnection, RefreshItem, RefreshAll,
        NewStore, JoinStore, StoreDetails, DeleteStore,
        NewCollection, NewCollectionFromJson, OpenCollection, EditSchema, DeleteCollection,
        StoreReplication, // issue 15: the store on every connected daemon side by side
        OpenStoreById, StartStore, ForgetStore, // legacy v0.1 daemons (they cannot list their stores)
        ActionCount
    };

    Q_ENUM(Action)

    // What an action works on: the current row's connection, store and collection.
    struct Target
    {
        Connection *connection = nullptr;
        StoreId store;
        QString storeName;
        QString collection;
    };

    explicit ConnectionTreeWidget(ConnectionTreeModel *model, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    ConnectionTreeModel *model() const { return m_model; }
    QAction *action(Action which) const { return m_actions[which]; }
    QModelIndex currentIndex() const;
    // Selects the row of the store (or collection) now, or as soon as it is listed.
    void select(Connection *connection, const StoreId &store = {}, const QString &collection = {});
    // The menu the context menu would show for a row (for tests and for the menu bar).
    QMenu *contextMenuFor(const QModelIndex &index, QWidget *parent);

Q_SIGNALS:
    void actionRequested(loom::ConnectionTreeWidget::Action which, const loom::ConnectionTreeWidget::Target &target);
    void collectionActivated(loom::Connection *connection, const loom::StoreId &store, const QString &storeName,
                             const QString &collection);

private:
    void createActions();
    void updateActions();
    void updateLegacyActions(const QModelIndex &index, Connection *connection, bool connected);
    void trigger(Action which);
    bool trySelectPending();

    ConnectionTreeModel *m_model;
    QTreeView *m_view;
    QAction *m_actions[ActionCount] = {};
    QPointer<Connection> m_pendingConnection;
    StoreId m_pendingStore;
    QString m_pendingCollection;
};

} // namespace loom
