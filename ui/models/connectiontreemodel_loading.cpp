// ConnectionTreeModel: loading stores and collections, merging reloads, following the
// connections' state.
#include "connectiontreemodel.h"
#include "treenode_p.h"

#include "session/activitytracker.h"
#include "session/connectionmanager.h"
#include "threadsclient.h"

#include <QPointer>

#include <algorithm>

namespace loom {

void ConnectionTreeModel::connectionStateChanged(Connection *connection, ConnectionMonitor::State state)
{
    TreeNode *n = connectionNode(connection);
    if (!n)
        return;
    const ConnectionMonitor::State previous = n->lastState;
    n->lastState = state;
    const QModelIndex at = indexFor(n);
    Q_EMIT dataChanged(at, at);
    // Stores and collections grey out while the daemon is unreachable.
    for (const auto &s : n->children) {
        const QModelIndex si = indexFor(s.get());
        Q_EMIT dataChanged(si, si);
        if (!s->children.empty())
            Q_EMIT dataChanged(index(0, 0, si), index(int(s->children.size()) - 1, 0, si));
    }
    const bool comesBack = previous == ConnectionMonitor::Unreachable;
    if (state == ConnectionMonitor::Connected && n->loadState != LoadState::Loading
        && (comesBack || n->loadState != LoadState::Loaded))
        reloadStores(connection, true);
}

void ConnectionTreeModel::setLoadState(TreeNode *n, LoadState state, const Error &error)
{
    n->loadState = state;
    n->error = error;
    const QModelIndex at = indexFor(n);
    Q_EMIT dataChanged(at, at);
}

void ConnectionTreeModel::reloadStores(Connection *connection, bool deep)
{
    TreeNode *n = connectionNode(connection);
    if (!n)
        return;
    const quint64 generation = ++n->generation;
    setLoadState(n, LoadState::Loading, n->error);
    auto *reply = connection->client()->listStores();
    if (m_tracker)
        m_tracker->track(reply, connection);
    const QPointer<Connection> guard(connection);
    reply->then(this, [this, guard, generation, deep](Reply<QList<StoreInfo>> *r) {
        TreeNode *n = guard ? connectionNode(guard) : nullptr;
        if (!n || n->generation != generation)
            return; // the connection is gone or a newer load replaced this one
        if (!r->ok()) {
            setLoadState(n, LoadState::Failed, r->error());
            return;
        }
        applyStores(n, r->result());
        setLoadState(n, LoadState::Loaded);
        if (deep) {
            QList<StoreId> expanded;
            for (const auto &s : n->children)
                if (s->loadState == LoadState::Loaded || s->loadState == LoadState::Failed)
                    expanded << s->store;
            for (const StoreId &id : expanded)
                reloadCollections(guard, id);
        }
        Q_EMIT storesLoaded(guard);
    });
}

void ConnectionTreeModel::reloadCollections(Connection *connection, const StoreId &store)
{
    TreeNode *n = storeNode(connection, store);
    if (!n)
        return;
    const quint64 generation = ++n->generation;
    setLoadState(n, LoadState::Loading, n->error);
    auto *reply = connection->client()->listCollections(store);
    if (m_tracker)
        m_tracker->track(reply, connection);
    const QPointer<Connection> guard(connection);
    reply->then(this, [this, guard, store, generation](Reply<QList<CollectionConfig>> *r) {
        TreeNode *n = guard ? storeNode(guard, store) : nullptr;
        if (!n || n->generation != generation)
            return;
        if (!r->ok()) {
            setLoadState(n, LoadState::Failed, r->error());
            return;
        }
        applyCollections(n, r->result());
        setLoadState(n, LoadState::Loaded);
        Q_EMIT collectionsLoaded(guard, store);
    });
}

void ConnectionTreeModel::refresh(const QModelIndex &index)
{
    if (!index.isValid())
        return refreshAll();
    TreeNode *n = node(index);
    Connection *c = n->owner();
    switch (n->kind) {
    case Kind::Connection:
        c->probeNow();
        reloadStores(c, true);
        break;
    case Kind::Store:
        reloadCollections(c, n->store);
        break;
    case Kind::Collection:
        reloadCollections(c, n->store);
        break;
    }
}

void ConnectionTreeModel::refreshAll()
{
    for (Connection *c : m_manager->connections())
        refresh(indexOf(c));
}

void ConnectionTreeModel::applyStores(TreeNode *parent, const QList<StoreInfo> &stores)
{
    std::vector<std::unique_ptr<TreeNode>> fresh;
    for (const StoreInfo &info : stores) {
        auto n = std::make_unique<TreeNode>();
        n->kind = Kind::Store;
        n->store = info.id;
        n->name = info.name;
        n->addresses = info.addresses;
        fresh.push_back(std::move(n));
    }
    merge(parent, std::move(fresh));
}

void ConnectionTreeModel::applyCollections(TreeNode *parent, const QList<CollectionConfig> &collections)
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

void ConnectionTreeModel::merge(TreeNode *parent, std::vector<std::unique_ptr<TreeNode>> fresh)
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
        if (k->name != f->name || k->addresses != f->addresses || k->config != f->config) {
            k->name = f->name;
            k->addresses = f->addresses;
            k->config = f->config;
            const QModelIndex at = index(i, 0, parentIndex);
            Q_EMIT dataChanged(at, at);
        }
    }
}

} // namespace loom
