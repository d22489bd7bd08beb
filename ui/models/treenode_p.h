#pragma once
// Private to the tree model: one row of ConnectionTree.

#include "models/connectiontree.h"
#include "session/connection.h"

#include <algorithm>
#include <memory>
#include <vector>

namespace loom {

struct TreeNode
{
    using Kind = ConnectionTree::Kind;
    using LoadState = ConnectionTree::LoadState;

    Kind kind = Kind::Connection;
    TreeNode *parent = nullptr;
    std::vector<std::unique_ptr<TreeNode>> children;
    Connection *connection = nullptr; // connection rows only; removed before the connection dies
    ConnectionMonitor::State lastState = ConnectionMonitor::Connecting;
    StoreId store;                    // store and collection rows
    QString name;                     // store or collection name
    QList<Multiaddr> addresses;       // store rows (no key: it stays with the daemon)
    bool started = true;              // store rows: false for a legacy store never started
    bool remembered = false;          // store rows: listed from Loom's memory (legacy daemons)
    CollectionConfig config;          // collection rows
    LoadState loadState = LoadState::NotLoaded;
    Error error;
    quint64 generation = 0;

    int row() const
    {
        if (!parent)
            return 0;
        const auto it = std::find_if(parent->children.begin(), parent->children.end(),
                                     [this](const auto &c) { return c.get() == this; });
        return int(it - parent->children.begin());
    }
    // What identifies the row among its siblings.
    QString identity() const { return kind == Kind::Store ? store.toString() : name; }
    // Siblings are sorted by name (case-insensitively), then by identity.
    bool sortsBefore(const TreeNode &other) const
    {
        const int c = name.compare(other.name, Qt::CaseInsensitive);
        return c != 0 ? c < 0 : identity() < other.identity();
    }
    Connection *owner() const
    {
        const TreeNode *n = this;
        while (n && n->kind != Kind::Connection)
            n = n->parent;
        return n ? n->connection : nullptr;
    }
};

} // namespace loom
