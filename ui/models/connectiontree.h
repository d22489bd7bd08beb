#pragma once

#include "connectionmonitor.h"
#include "error.h"
#include "multiaddr.h"
#include "storeid.h"
#include "types.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace loom {

class Connection;
struct TreeNode;

// The rows under the side tree's model: connections → stores → collections, one column, and
// what changes them. A reload merges: rows that stay keep their place (and their loaded
// children), gone ones are removed, new ones inserted in name order. ConnectionTreeModel adds
// what rows show and the loading.
class ConnectionTree : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionTree)

public:
    enum class Kind { Connection, Store, Collection };
    Q_ENUM(Kind)
    enum class LoadState { NotLoaded, Loading, Loaded, Failed };
    Q_ENUM(LoadState)

    explicit ConnectionTree(QObject *parent = nullptr);
    ~ConnectionTree() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;

    Kind kind(const QModelIndex &index) const;
    Connection *connection(const QModelIndex &index) const; // of any row
    StoreId storeId(const QModelIndex &index) const;        // store and collection rows
    QString storeName(const QModelIndex &index) const;
    QString collectionName(const QModelIndex &index) const;
    CollectionConfig collectionConfig(const QModelIndex &index) const; // as last listed
    QList<Multiaddr> storeAddresses(const QModelIndex &index) const;
    LoadState loadState(const QModelIndex &index) const;
    // Store rows of legacy v0.1 daemons: never started (the daemon forgets it on restart), and
    // listed from Loom's memory rather than by the daemon.
    bool storeStarted(const QModelIndex &index) const;
    bool storeRemembered(const QModelIndex &index) const;

    QModelIndex indexOf(const Connection *connection) const;
    QModelIndex indexOf(const Connection *connection, const StoreId &store) const;
    QModelIndex indexOf(const Connection *connection, const StoreId &store, const QString &collection) const;

protected:
    TreeNode *node(const QModelIndex &index) const;
    QModelIndex indexFor(const TreeNode *node) const;
    TreeNode *connectionNode(const Connection *connection) const;
    TreeNode *storeNode(const Connection *connection, const StoreId &store) const;
    void insertConnectionNode(int row, Connection *connection); // row < 0: at the end
    void removeConnectionNode(Connection *connection);
    void applyStores(TreeNode *parent, const QList<StoreInfo> &stores);
    void applyCollections(TreeNode *parent, const QList<CollectionConfig> &collections);
    void setLoadState(TreeNode *node, LoadState state, const Error &error = {});
    TreeNode *root() const { return m_root.get(); }

private:
    void merge(TreeNode *parent, std::vector<std::unique_ptr<TreeNode>> fresh);

    std::unique_ptr<TreeNode> m_root;
};

} // namespace loom
