#include "connectiontreemodel.h"
#include "treenode_p.h"

#include "session/activitytracker.h"
#include "session/connection.h"
#include "session/connectionmanager.h"
#include "icons/iconprovider.h"
#include "threadsclient.h"

#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPalette>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace loom {

ConnectionTreeModel::ConnectionTreeModel(ConnectionManager *manager, ActivityTracker *tracker, QObject *parent)
    : ConnectionTree(parent)
    , m_manager(manager)
    , m_tracker(tracker)
{
    for (Connection *c : manager->connections())
        addConnection(c);
    connect(manager, &ConnectionManager::connectionAdded, this, &ConnectionTreeModel::addConnection);
    connect(manager, &ConnectionManager::connectionAboutToBeRemoved, this,
            &ConnectionTreeModel::removeConnection);
}

ConnectionTreeModel::~ConnectionTreeModel() = default;

void ConnectionTreeModel::addConnection(Connection *connection)
{
    insertConnectionNode(m_manager->indexOf(connection), connection);
    connect(connection, &Connection::stateChanged, this,
            [this, connection](ConnectionMonitor::State state) { connectionStateChanged(connection, state); });
    // Already connected (a model made after the connection): list its stores now.
    if (connection->isConnected())
        reloadStores(connection, false);
}

void ConnectionTreeModel::removeConnection(Connection *connection)
{
    disconnect(connection, nullptr, this, nullptr);
    removeConnectionNode(connection);
}

bool ConnectionTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return false;
    const TreeNode *n = node(parent);
    if (n == root() || n->kind == Kind::Collection)
        return !n->children.empty();
    if (n->loadState == LoadState::NotLoaded || n->loadState == LoadState::Loading)
        return true;
    return !n->children.empty();
}

bool ConnectionTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (!parent.isValid() || parent.column() != 0)
        return false;
    const TreeNode *n = node(parent);
    return n->kind != Kind::Collection && n->loadState == LoadState::NotLoaded;
}

void ConnectionTreeModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    TreeNode *n = node(parent);
    if (n->kind == Kind::Connection)
        reloadStores(n->connection, false);
    else
        reloadCollections(n->owner(), n->store);
}

Qt::ItemFlags ConnectionTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (node(index)->kind == Kind::Collection)
        f |= Qt::ItemNeverHasChildren;
    return f;
}

QVariant ConnectionTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (section == 0 && orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return tr("Connections");
    return {};
}

QVariant ConnectionTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const TreeNode *n = node(index);
    switch (role) {
    case KindRole:
        return int(n->kind);
    case LoadStateRole:
        return int(n->loadState);
    case ErrorRole:
        return n->error.isError() ? n->error.message() : QString();
    case ConnectionStateRole: {
        const Connection *c = n->owner();
        return c ? int(c->state()) : -1;
    }
    case StoreIdRole:
        return n->kind == Kind::Connection ? QVariant() : QVariant(n->store.toString());
    case CollectionRole:
        return n->kind == Kind::Collection ? QVariant(n->name) : QVariant();
    case NameRole:
        return n->kind == Kind::Connection ? n->connection->displayName() : n->name;
    case GenerationRole: {
        const Connection *c = n->owner();
        return c ? c->generationText() : QString();
    }
    case StartedRole:
        return storeStarted(index);
    case RememberedRole:
        return storeRemembered(index);
    case Qt::ForegroundRole: {
        const Connection *c = n->owner();
        if (n->kind != Kind::Connection && c && c->state() == ConnectionMonitor::Unreachable)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    }
    default:
        break;
    }
    switch (n->kind) {
    case Kind::Connection:
        return connectionData(n, role);
    case Kind::Store:
        return storeData(n, role);
    case Kind::Collection:
        return collectionData(n, role);
    }
    return {};
}

QVariant ConnectionTreeModel::connectionData(const TreeNode *n, int role) const
{
    const Connection *c = n->connection;
    switch (role) {
    case Qt::DisplayRole:
        // The state is a badge beside the name (StateTextRole, ConnectionStateDelegate).
        if (c->state() == ConnectionMonitor::Connected) {
            if (n->loadState == LoadState::Loading && n->children.empty())
                return tr("%1 (loading…)").arg(c->displayName());
            if (n->loadState == LoadState::Loaded && n->children.empty())
                return tr("%1 (no stores)").arg(c->displayName());
        }
        return c->displayName();
    case StateTextRole:
        return c->stateText();
    case Qt::AccessibleTextRole:
        return tr("%1, %2").arg(c->displayName(), c->stateText());
    case Qt::DecorationRole:
        if (c->state() == ConnectionMonitor::Unreachable)
            return icon(u"network-offline"_s);
        if (c->state() == ConnectionMonitor::Connecting)
            return icon(u"process-working"_s);
        if (n->loadState == LoadState::Failed)
            return icon(u"dialog-warning"_s);
        return icon(u"network-server"_s);
    case Qt::ToolTipRole: {
        QString tip = tr("Connection “%1” to the daemon at %2%3")
                          .arg(c->displayName(), c->endpoint(),
                               c->settings().tls ? tr(" (TLS)") : QString());
        tip += u'\n' + tr("State: %1").arg(c->stateText());
        if (const QString g = c->generationText(); !g.isEmpty())
            tip += u'\n' + tr("Daemon: %1").arg(g);
        if (c->generation() == ApiGeneration::Legacy)
            tip += u'\n' + tr("A v0.1 daemon cannot list its stores: Loom shows the stores it created, joined, "
                              "started or opened on it (Open store by id… adds one)");
        if (c->state() == ConnectionMonitor::Unreachable && c->lastError().isError()
            && c->lastError().kind() == ErrorKind::Unsupported) {
            tip += u'\n' + c->lastError().message();
        } else if (c->state() == ConnectionMonitor::Unreachable && c->lastError().isError()) {
            tip += u'\n' + c->lastError().message();
            if (c->lastError().grpcCode() >= 0)
                tip += u'\n' + c->lastError().details();
            // A setting Loom cannot use (e.g. an unreadable CA file) does not get better by retrying.
            tip += u'\n' + (c->client()->settingsError().isError()
                                ? tr("Edit the connection to correct it.")
                                : tr("Loom retries by itself; F5 retries now."));
        }
        if (n->loadState == LoadState::Failed)
            tip += u'\n' + n->error.message();
        else if (n->loadState == LoadState::Loaded)
            tip += u'\n' + tr("%n store(s)", nullptr, int(n->children.size()));
        return tip;
    }
    case Qt::StatusTipRole:
        return c->state() == ConnectionMonitor::Unreachable ? c->lastError().message() : QString();
    default:
        return {};
    }
}

QVariant ConnectionTreeModel::storeData(const TreeNode *n, int role) const
{
    switch (role) {
    case Qt::DisplayRole: {
        const QString name = n->name.isEmpty() ? tr("unnamed") : n->name;
        if (!n->started)
            return tr("%1 (not started)").arg(name);
        if (n->loadState == LoadState::Loaded && n->children.empty())
            return tr("%1 (no collections)").arg(name);
        return name;
    }
    case Qt::DecorationRole:
        return icon(n->loadState == LoadState::Failed ? u"dialog-warning"_s : u"server-database"_s);
    case Qt::ToolTipRole: {
        QString tip = tr("Store “%1”\nID: %2\n(the daemon's DB / thread)").arg(n->name, n->store.toString());
        if (n->remembered)
            tip += u'\n' + tr("Remembered by Loom: a v0.1 daemon cannot list its stores");
        if (!n->started)
            tip += u'\n' + tr("Not started: Start it to use it. The daemon forgets a store that was never "
                              "started when it restarts.");
        if (n->loadState == LoadState::Failed)
            tip += u'\n' + n->error.message();
        else if (n->loadState == LoadState::Loaded)
            tip += u'\n' + tr("%n collection(s)", nullptr, int(n->children.size()));
        return tip;
    }
    default:
        return {};
    }
}

QVariant ConnectionTreeModel::collectionData(const TreeNode *n, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
        return n->name;
    case Qt::DecorationRole:
        return icon(u"x-office-spreadsheet"_s);
    case Qt::ToolTipRole: {
        QString tip = tr("Collection “%1”").arg(n->name);
        const QString title = QJsonDocument::fromJson(n->config.schema).object().value(u"title"_s).toString();
        if (!title.isEmpty())
            tip += u'\n' + tr("Schema title: %1").arg(title);
        QStringList indexes;
        for (const IndexSpec &i : n->config.indexes)
            indexes << (i.unique ? tr("%1 (unique)").arg(i.path) : i.path);
        tip += u'\n' + (indexes.isEmpty() ? tr("No indexes besides _id") : tr("Indexes: %1").arg(indexes.join(u", "_s)));
        tip += u'\n' + tr("Double-click to open");
        return tip;
    }
    default:
        return {};
    }
}

} // namespace loom
