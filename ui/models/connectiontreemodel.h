#pragma once

#include "models/connectiontree.h"
#include "session/connection.h"

namespace loom {

class ActivityTracker;
class ConnectionManager;
// The side tree: connections → stores → collections, one column (rows: ConnectionTree).
//
// Connections follow the ConnectionManager. Stores are listed when a connection is first
// connected or expanded (fetchMore), collections when a store is expanded; both reload on
// refresh, and a connection's stores reload by themselves when its daemon comes back after being
// unreachable. Reloads merge: rows that stay keep their place (and their loaded children).
// Replies to loads that a newer load has replaced are dropped.
class ConnectionTreeModel final : public ConnectionTree
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTreeModel)

public:
    enum Role {
        KindRole = Qt::UserRole + 1, // Kind as int
        StoreIdRole,                 // the store's ID text (store and collection rows)
        CollectionRole,              // the collection name (collection rows)
        LoadStateRole,               // LoadState of the row's children, as int
        ErrorRole,                   // the last load error of the row, in words
        ConnectionStateRole,         // ConnectionMonitor::State of the row's connection, as int
        NameRole,                    // the plain name (the display text may add "loading…", "no stores")
        StateTextRole,               // connection rows: "connected", "connecting…", "unreachable"
        GenerationRole,              // the daemon's API generation in words ("legacy v0.1"), any row
        StartedRole,                 // store rows: false for a legacy store never started
        RememberedRole,              // store rows: listed from Loom's memory (legacy daemons)
    };

    ConnectionTreeModel(ConnectionManager *manager, ActivityTracker *tracker, QObject *parent = nullptr);
    ~ConnectionTreeModel() override;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Lists the connection's stores again (and the collections of stores already expanded).
    void reloadStores(Connection *connection, bool deep = true);
    void reloadCollections(Connection *connection, const StoreId &store);
    // Connection: probe and reload; store: its collections; collection: its store's collections.
    void refresh(const QModelIndex &index);
    void refreshAll();

Q_SIGNALS:
    void storesLoaded(loom::Connection *connection);
    void collectionsLoaded(loom::Connection *connection, const loom::StoreId &store);

private:
    void addConnection(Connection *connection);
    void removeConnection(Connection *connection);
    void connectionStateChanged(Connection *connection, ConnectionMonitor::State state);
    QVariant connectionData(const TreeNode *node, int role) const;
    QVariant storeData(const TreeNode *node, int role) const;
    QVariant collectionData(const TreeNode *node, int role) const;

    ConnectionManager *m_manager;
    ActivityTracker *m_tracker;
};

} // namespace loom
