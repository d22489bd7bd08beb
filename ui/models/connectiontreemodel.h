#pragma once

#include "session/connection.h"
#include "connectionmonitor.h"
#include "error.h"
#include "types.h"

#include <QAbstractItemModel>
#include <QPointer>

#include <memory>

namespace loom {

class ActivityTracker;
class ConnectionManager;
struct TreeNode;

// The side tree: connections → stores → collections, one column.
//
// Connections follow the ConnectionManager. Stores are listed when a connection is first
// connected or expanded (fetchMore), collections when a store is expanded; both reload on
// refresh, and a connection's stores reload by themselves when its daemon comes back after being
// unreachable. Reloads merge: rows that stay keep their place (and their loaded children).
// Replies to loads that a newer load has replaced are dropped.
class ConnectionTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTreeModel)

public:
    enum class Kind { Connection, Store, Collection };
    Q_ENUM(Kind)
    enum class LoadState { NotLoaded, Loading, Loaded, Failed };
    Q_ENUM(LoadState)
    enum Role {
        KindRole = Qt::UserRole + 1, // Kind as int
        StoreIdRole,                 // the store's ID text (store and collection rows)
        CollectionRole,              // the collection name (collection rows)
        LoadStateRole,               // LoadState of the row's children, as int
        ErrorRole,                   // the last load error of the row, in words
        ConnectionStateRole,         // ConnectionMonitor::State of the row's connection, as int
        NameRole,                    // the plain name (the display text may add a state)
    };

    ConnectionTreeModel(ConnectionManager *manager, ActivityTracker *tracker, QObject *parent = nullptr);
    ~ConnectionTreeModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    Kind kind(const QModelIndex &index) const;
    Connection *connection(const QModelIndex &index) const; // of any row
    StoreId storeId(const QModelIndex &index) const;        // store and collection rows
    QString storeName(const QModelIndex &index) const;
    QString collectionName(const QModelIndex &index) const;
    CollectionConfig collectionConfig(const QModelIndex &index) const; // as last listed
    QList<Multiaddr> storeAddresses(const QModelIndex &index) const;
    LoadState loadState(const QModelIndex &index) const;

    QModelIndex indexOf(const Connection *connection) const;
    QModelIndex indexOf(const Connection *connection, const StoreId &store) const;
    QModelIndex indexOf(const Connection *connection, const StoreId &store, const QString &collection) const;

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
    TreeNode *node(const QModelIndex &index) const;
    QModelIndex indexFor(const TreeNode *node) const;
    TreeNode *connectionNode(const Connection *connection) const;
    TreeNode *storeNode(const Connection *connection, const StoreId &store) const;
    void addConnection(Connection *connection);
    void removeConnection(Connection *connection);
    void connectionStateChanged(Connection *connection, ConnectionMonitor::State state);
    void applyStores(TreeNode *parent, const QList<StoreInfo> &stores);
    void applyCollections(TreeNode *parent, const QList<CollectionConfig> &collections);
    void merge(TreeNode *parent, std::vector<std::unique_ptr<TreeNode>> fresh);
    void setLoadState(TreeNode *node, LoadState state, const Error &error = {});
    QVariant connectionData(const TreeNode *node, int role) const;
    QVariant storeData(const TreeNode *node, int role) const;
    QVariant collectionData(const TreeNode *node, int role) const;

    ConnectionManager *m_manager;
    ActivityTracker *m_tracker;
    std::unique_ptr<TreeNode> m_root;
};

} // namespace loom
