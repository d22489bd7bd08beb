#include "connectiontree.h"
#include "treenode_p.h"

#include "session/connection.h"

#include <algorithm>

namespace loom {

ConnectionTree::ConnectionTree(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<TreeNode>())
{
}

ConnectionTree::~ConnectionTree() = default;

void ConnectionTree::insertConnectionNode(int row, Connection *connection)
{
    const int at = row < 0 ? int(m_root->children.size()) : std::min(row, int(m_root->children.size()));
    auto n = std::make_unique<TreeNode>();
    n->kind = Kind::Connection;
    n->parent = m_root.get();
    n->connection = connection;
    n->lastState = connection->state();
    beginInsertRows({}, at, at);
    m_root->children.insert(m_root->children.begin() + at, std::move(n));
    endInsertRows();
}

void ConnectionTree::removeConnectionNode(Connection *connection)
{
    TreeNode *n = connectionNode(connection);
    if (!n)
        return;
    const int row = n->row();
    beginRemoveRows({}, row, row);
    m_root->children.erase(m_root->children.begin() + row);
    endRemoveRows();
}

TreeNode *ConnectionTree::node(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<TreeNode *>(index.internalPointer()) : m_root.get();
}

QModelIndex ConnectionTree::indexFor(const TreeNode *n) const
{
    if (!n || n == m_root.get())
        return {};
    return createIndex(n->row(), 0, const_cast<TreeNode *>(n));
}

QModelIndex ConnectionTree::index(int row, int column, const QModelIndex &parent) const
{
    const TreeNode *p = node(parent);
    if (column != 0 || row < 0 || row >= int(p->children.size()))
        return {};
    return createIndex(row, 0, p->children[size_t(row)].get());
}

QModelIndex ConnectionTree::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexFor(node(child)->parent);
}

int ConnectionTree::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(node(parent)->children.size());
}

int ConnectionTree::columnCount(const QModelIndex &) const
{
    return 1;
}

ConnectionTree::Kind ConnectionTree::kind(const QModelIndex &index) const
{
    return index.isValid() ? node(index)->kind : Kind::Connection;
}

Connection *ConnectionTree::connection(const QModelIndex &index) const
{
    return index.isValid() ? node(index)->owner() : nullptr;
}

StoreId ConnectionTree::storeId(const QModelIndex &index) const
{
    return index.isValid() ? node(index)->store : StoreId();
}

QString ConnectionTree::storeName(const QModelIndex &index) const
{
    if (!index.isValid())
        return {};
    const TreeNode *n = node(index);
    if (n->kind == Kind::Collection)
        n = n->parent;
    return n->kind == Kind::Store ? n->name : QString();
}

QString ConnectionTree::collectionName(const QModelIndex &index) const
{
    return index.isValid() && node(index)->kind == Kind::Collection ? node(index)->name : QString();
}

CollectionConfig ConnectionTree::collectionConfig(const QModelIndex &index) const
{
    return index.isValid() && node(index)->kind == Kind::Collection ? node(index)->config : CollectionConfig();
}

QList<Multiaddr> ConnectionTree::storeAddresses(const QModelIndex &index) const
{
    return index.isValid() && node(index)->kind == Kind::Store ? node(index)->addresses : QList<Multiaddr>();
}

bool ConnectionTree::storeStarted(const QModelIndex &index) const
{
    if (!index.isValid())
        return true;
    const TreeNode *n = node(index);
    if (n->kind == Kind::Collection)
        n = n->parent;
    return n->kind != Kind::Store || n->started;
}

bool ConnectionTree::storeRemembered(const QModelIndex &index) const
{
    if (!index.isValid())
        return false;
    const TreeNode *n = node(index);
    if (n->kind == Kind::Collection)
        n = n->parent;
    return n->kind == Kind::Store && n->remembered;
}

ConnectionTree::LoadState ConnectionTree::loadState(const QModelIndex &index) const
{
    return node(index)->loadState;
}

TreeNode *ConnectionTree::connectionNode(const Connection *connection) const
{
    for (const auto &c : m_root->children)
        if (c->connection == connection)
            return c.get();
    return nullptr;
}

TreeNode *ConnectionTree::storeNode(const Connection *connection, const StoreId &store) const
{
    const TreeNode *c = connectionNode(connection);
    if (!c)
        return nullptr;
    for (const auto &s : c->children)
        if (s->store == store)
            return s.get();
    return nullptr;
}

QModelIndex ConnectionTree::indexOf(const Connection *connection) const
{
    return indexFor(connectionNode(connection));
}

QModelIndex ConnectionTree::indexOf(const Connection *connection, const StoreId &store) const
{
    return indexFor(storeNode(connection, store));
}

QModelIndex ConnectionTree::indexOf(const Connection *connection, const StoreId &store,
                                         const QString &collection) const
{
    const TreeNode *s = storeNode(connection, store);
    if (!s)
        return {};
    for (const auto &c : s->children)
        if (c->name == collection)
            return indexFor(c.get());
    return {};
}

void ConnectionTree::setLoadState(TreeNode *n, LoadState state, const Error &error)
{
    n->loadState = state;
    n->error = error;
    const QModelIndex at = indexFor(n);
    Q_EMIT dataChanged(at, at);
}

void ConnectionTree::applyStores(TreeNode *parent, const QList<StoreInfo> &stores)
{
    std::vector<std::unique_ptr<TreeNode>> fresh;
    for (const StoreInfo &info : stores) {
        auto n = std::make_unique<TreeNode>();
        n->kind = Kind::Store;
        n->store = info.id;
        n->name = info.name;
        n->addresses = info.addresses;
        n->started = info.started;
        n->remembered = info.remembered;
        fresh.push_back(std::move(n));
    }
    merge(parent, std::move(fresh));
}

void ConnectionTree::applyCollections(TreeNode *parent, const QList<CollectionConfig> &collections)
{
    std::vector<std::unique_ptr<TreeNode>> fresh;
    for (const CollectionConfig &config : collections) {
        auto n = std::make_unique<TreeNode>();
        n->kind = Kind::Collection;
        n->store = parent->store;
        n->name = config.name;
        n->config = config;
        n->loadState = LoadState::Loaded;
        fresh.push_back(std::move(n));
    }
    merge(parent, std::move(fresh));
}

void ConnectionTree::merge(TreeNode *parent, std::vector<std::unique_ptr<TreeNode>> fresh)
{
    std::stable_sort(fresh.begin(), fresh.end(), [](const auto &a, const auto &b) { return a->sortsBefore(*b); });
    const QModelIndex parentIndex = indexFor(parent);
    auto &kids = parent->children;
    const auto inFresh = [&fresh](const QString &identity) {
        return std::any_of(fresh.begin(), fresh.end(), [&](const auto &f) { return f->identity() == identity; });
    };
    // 1. Rows that are gone.
    for (int row = int(kids.size()) - 1; row >= 0; --row) {
        if (!inFresh(kids[size_t(row)]->identity())) {
            beginRemoveRows(parentIndex, row, row);
            kids.erase(kids.begin() + row);
            endRemoveRows();
        }
    }
    // 2. Walk the fresh order: update rows that stay, move them into place, insert new ones.
    for (int i = 0; i < int(fresh.size()); ++i) {
        std::unique_ptr<TreeNode> &f = fresh[size_t(i)];
        const auto found = std::find_if(kids.begin() + i, kids.end(),
                                        [&](const auto &k) { return k->identity() == f->identity(); });
        if (found == kids.end()) {
            f->parent = parent;
            beginInsertRows(parentIndex, i, i);
            kids.insert(kids.begin() + i, std::move(f));
            endInsertRows();
            continue;
        }
        const int from = int(found - kids.begin());
        if (from != i) {
            beginMoveRows(parentIndex, from, from, parentIndex, i);
            std::unique_ptr<TreeNode> moving = std::move(kids[size_t(from)]);
            kids.erase(kids.begin() + from);
            kids.insert(kids.begin() + i, std::move(moving));
            endMoveRows();
        }
        TreeNode *k = kids[size_t(i)].get();
        if (k->name != f->name || k->addresses != f->addresses || k->config != f->config
            || k->started != f->started || k->remembered != f->remembered) {
            k->started = f->started;
            k->remembered = f->remembered;
            k->name = f->name;
            k->addresses = f->addresses;
            k->config = f->config;
            const QModelIndex at = index(i, 0, parentIndex);
            Q_EMIT dataChanged(at, at);
        }
    }
}

} // namespace loom
