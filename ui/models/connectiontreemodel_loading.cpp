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

} // namespace loom
