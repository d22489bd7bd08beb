#include "connectiontreewidget.h"

#include "session/connection.h"
#include "delegates/connectionstatedelegate.h"
#include "icons/iconprovider.h"
#include "models/connectiontreemodel.h"
#include "threadsclient.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace loom {

using Kind = ConnectionTreeModel::Kind;

ConnectionTreeWidget::ConnectionTreeWidget(ConnectionTreeModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_view(new QTreeView(this))
{
    setObjectName(u"connectionTree"_s);
    m_view->setObjectName(u"treeView"_s);
    m_view->setModel(model);
    m_view->setItemDelegate(new ConnectionStateDelegate(m_view)); // the connection's state in words
    m_view->setHeaderHidden(true);
    m_view->setUniformRowHeights(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setExpandsOnDoubleClick(true);
    m_view->setMinimumWidth(220);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    createActions();
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &ConnectionTreeWidget::updateActions);
    connect(model, &QAbstractItemModel::dataChanged, this, &ConnectionTreeWidget::updateActions);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ConnectionTreeWidget::updateActions);
    // New connections open at once, so that their stores show as soon as they are listed.
    connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent, int first, int last) {
        if (!parent.isValid())
            for (int row = first; row <= last; ++row)
                m_view->expand(m_model->index(row, 0));
        trySelectPending();
    });
    connect(model, &ConnectionTreeModel::storesLoaded, this, &ConnectionTreeWidget::trySelectPending);
    connect(model, &ConnectionTreeModel::collectionsLoaded, this, &ConnectionTreeWidget::trySelectPending);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (m_model->kind(index) == Kind::Collection)
            trigger(OpenCollection);
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_view->indexAt(pos);
        if (index.isValid())
            m_view->setCurrentIndex(index);
        QMenu *menu = contextMenuFor(index, this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_view->viewport()->mapToGlobal(pos));
    });
    for (int row = 0; row < model->rowCount(); ++row)
        m_view->expand(model->index(row, 0));
    updateActions();
}

void ConnectionTreeWidget::createActions()
{
    const auto make = [this](Action which, const QString &text, const QString &iconName, const QString &name) {
        auto *a = new QAction(iconName.isEmpty() ? QIcon() : icon(iconName), text, this);
        a->setObjectName(name);
        connect(a, &QAction::triggered, this, [this, which] { trigger(which); });
        m_actions[which] = a;
        return a;
    };
    make(AddConnection, tr("&Add a connection…"), u"list-add"_s, u"actionAddConnection"_s);
    make(EditConnection, tr("&Edit connection…"), u"document-properties"_s, u"actionEditConnection"_s);
    make(RemoveConnection, tr("&Remove connection"), u"edit-delete"_s, u"actionRemoveConnection"_s);
    make(RefreshItem, tr("&Refresh"), u"view-refresh"_s, u"actionRefreshItem"_s);
    make(RefreshAll, tr("Refresh &all"), u"view-refresh"_s, u"actionRefreshAll"_s)->setShortcut(QKeySequence(u"Shift+F5"_s));
    make(NewStore, tr("&New store…"), u"list-add"_s, u"actionNewStore"_s);
    make(JoinStore, tr("&Join a store…"), u"go-jump"_s, u"actionJoinStore"_s);
    make(StoreDetails, tr("Store &details and invitation links…"), u"document-properties"_s, u"actionStoreDetails"_s);
    make(StoreReplication, tr("&Replication…"), u"view-refresh"_s, u"actionStoreReplication"_s)
        ->setShortcut(QKeySequence(u"Ctrl+Shift+R"_s));
    m_actions[StoreReplication]->setStatusTip(tr("The store on every connected daemon side by side: which has "
                                                 "which records, and Sync now"));
    make(DeleteStore, tr("&Delete store…"), u"edit-delete"_s, u"actionDeleteStore"_s);
    make(NewCollection, tr("New &collection…"), u"list-add"_s, u"actionNewCollection"_s);
    make(NewCollectionFromJson, tr("New collection from &JSON…"), u"document-import"_s,
         u"actionNewCollectionFromJson"_s)
        ->setStatusTip(tr("Propose a schema from example entities, review it, and import the examples"));
    make(OpenCollection, tr("&Open"), u"document-open"_s, u"actionOpenCollection"_s);
    make(EditSchema, tr("Edit &schema…"), u"document-edit"_s, u"actionEditSchema"_s);
    make(DeleteCollection, tr("Delete co&llection…"), u"edit-delete"_s, u"actionDeleteCollection"_s);
    make(OpenStoreById, tr("&Open store by id…"), u"document-open"_s, u"actionOpenStoreById"_s)
        ->setStatusTip(tr("Show a store of this daemon that Loom does not list yet (a v0.1 daemon cannot list its stores)"));
    make(StartStore, tr("S&tart store"), u"media-playback-start"_s, u"actionStartStore"_s);
    make(ForgetStore, tr("&Forget store"), u"list-remove"_s, u"actionForgetStore"_s)
        ->setStatusTip(tr("Stop listing this store; the daemon keeps it (Open store by id… brings it back)"));
    // F5 refreshes what has the focus: the tree's current row here, a collection's tab there (its
    // own F5); Shift+F5 refreshes everything, wherever the focus is. (One F5 for the window and
    // one for the tab was an "ambiguous shortcut": neither ran.)
    m_actions[RefreshItem]->setShortcut(QKeySequence::Refresh);
    m_actions[RefreshItem]->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(m_actions[RefreshItem]);
    m_actions[RefreshAll]->setToolTip(tr("Ask every daemon again and reload the tree (Shift+F5)"));
    m_actions[RefreshAll]->setShortcutContext(Qt::WindowShortcut);
}

QModelIndex ConnectionTreeWidget::currentIndex() const
{
    return m_view->currentIndex();
}

void ConnectionTreeWidget::updateActions()
{
    const QModelIndex index = currentIndex();
    const bool any = index.isValid();
    const Kind kind = m_model->kind(index);
    Connection *c = m_model->connection(index);
    const bool connected = c && c->isConnected();
    const QString notConnected = c ? tr("%1 is %2").arg(c->displayName(), c->stateText()) : QString();
    m_actions[EditConnection]->setEnabled(any);
    m_actions[RemoveConnection]->setEnabled(any);
    m_actions[RefreshItem]->setEnabled(any);
    m_actions[NewStore]->setEnabled(connected);
    m_actions[JoinStore]->setEnabled(connected);
    m_actions[NewStore]->setStatusTip(connected ? QString() : notConnected);
    m_actions[JoinStore]->setStatusTip(connected ? QString() : notConnected);
    const bool store = any && kind != Kind::Connection;
    m_actions[StoreDetails]->setEnabled(store);
    m_actions[StoreReplication]->setEnabled(store);
    m_actions[DeleteStore]->setEnabled(store && connected);
    m_actions[NewCollection]->setEnabled(store && connected);
    m_actions[NewCollectionFromJson]->setEnabled(store && connected);
    const bool collection = any && kind == Kind::Collection;
    m_actions[OpenCollection]->setEnabled(collection);
    m_actions[EditSchema]->setEnabled(collection && connected);
    m_actions[DeleteCollection]->setEnabled(collection && connected);
    updateLegacyActions(index, c, connected);
}

// What a v0.1 daemon cannot do is greyed out and says so; what only it needs shows on its rows.
void ConnectionTreeWidget::updateLegacyActions(const QModelIndex &index, Connection *c, bool connected)
{
    const Capabilities caps = c ? c->client()->capabilities() : Capabilities::of(ApiGeneration::V1);
    const auto limit = [this](Action which, bool available, const QString &what) {
        QAction *a = m_actions[which];
        if (!available) {
            a->setEnabled(false);
            a->setToolTip(tr("%1 is not available on a v0.1 daemon").arg(what));
        } else {
            a->setToolTip(a->text().remove(u'&').remove(u'…'));
        }
    };
    limit(DeleteStore, caps.deleteStore, tr("Deleting a store"));
    limit(EditSchema, caps.updateCollection, tr("Changing a schema"));
    limit(DeleteCollection, caps.deleteCollection, tr("Deleting a collection"));
    const bool legacy = c && c->generation() == ApiGeneration::Legacy;
    const Kind kind = m_model->kind(index);
    const bool store = index.isValid() && kind != Kind::Connection;
    m_actions[OpenStoreById]->setVisible(legacy);
    m_actions[OpenStoreById]->setEnabled(legacy && connected);
    const bool started = m_model->storeStarted(index);
    m_actions[StartStore]->setVisible(legacy && store);
    m_actions[StartStore]->setEnabled(legacy && store && connected && !started);
    m_actions[StartStore]->setToolTip(started ? tr("The store is started")
                                              : tr("Start the store. The daemon forgets a store that was never "
                                                   "started when it restarts."));
    m_actions[ForgetStore]->setVisible(legacy && store);
    m_actions[ForgetStore]->setEnabled(legacy && store && m_model->storeRemembered(index));
}

QMenu *ConnectionTreeWidget::contextMenuFor(const QModelIndex &index, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setToolTipsVisible(true); // greyed-out actions say why
    if (!index.isValid()) {
        menu->addAction(m_actions[AddConnection]);
        menu->addAction(m_actions[RefreshAll]);
        return menu;
    }
    switch (m_model->kind(index)) {
    case Kind::Connection:
        menu->addAction(m_actions[NewStore]);
        menu->addAction(m_actions[JoinStore]);
        menu->addAction(m_actions[OpenStoreById]);
        menu->addAction(m_actions[RefreshItem]);
        menu->addSeparator();
        menu->addAction(m_actions[EditConnection]);
        menu->addAction(m_actions[RemoveConnection]);
        break;
    case Kind::Store:
        menu->addAction(m_actions[StartStore]);
        menu->addAction(m_actions[NewCollection]);
        menu->addAction(m_actions[NewCollectionFromJson]);
        menu->addAction(m_actions[StoreDetails]);
        menu->addAction(m_actions[StoreReplication]);
        menu->addAction(m_actions[RefreshItem]);
        menu->addSeparator();
        menu->addAction(m_actions[ForgetStore]);
        menu->addAction(m_actions[DeleteStore]);
        break;
    case Kind::Collection:
        menu->addAction(m_actions[OpenCollection]);
        menu->addAction(m_actions[EditSchema]);
        menu->addAction(m_actions[StoreDetails]);
        menu->addAction(m_actions[StoreReplication]);
        menu->addSeparator();
        menu->addAction(m_actions[DeleteCollection]);
        break;
    }
    return menu;
}

void ConnectionTreeWidget::trigger(Action which)
{
    const QModelIndex index = currentIndex();
    Target target;
    target.connection = m_model->connection(index);
    target.store = m_model->storeId(index);
    target.storeName = m_model->storeName(index);
    target.collection = m_model->collectionName(index);
    switch (which) {
    case RefreshAll:
        m_model->refreshAll();
        return;
    case AddConnection:
        Q_EMIT actionRequested(which, target);
        return;
    default:
        break;
    }
    if (!target.connection)
        return;
    switch (which) {
    case RefreshItem:
        m_model->refresh(index);
        return;
    case StoreDetails:
    case StoreReplication:
    case DeleteStore:
    case StartStore:
    case ForgetStore:
    case NewCollection:
    case NewCollectionFromJson:
        if (!target.store.isValid())
            return;
        break;
    case OpenCollection:
        if (!target.collection.isEmpty())
            Q_EMIT collectionActivated(target.connection, target.store, target.storeName, target.collection);
        return;
    case EditSchema:
    case DeleteCollection:
        if (target.collection.isEmpty())
            return;
        break;
    default:
        break;
    }
    Q_EMIT actionRequested(which, target);
}

void ConnectionTreeWidget::select(Connection *connection, const StoreId &store, const QString &collection)
{
    m_pendingConnection = connection;
    m_pendingStore = store;
    m_pendingCollection = collection;
    trySelectPending();
}

bool ConnectionTreeWidget::trySelectPending()
{
    if (!m_pendingConnection)
        return false;
    QModelIndex target;
    if (!m_pendingCollection.isEmpty()) {
        const QModelIndex storeIndex = m_model->indexOf(m_pendingConnection, m_pendingStore);
        if (storeIndex.isValid())
            m_view->expand(storeIndex); // lists the collections if they are not yet
        target = m_model->indexOf(m_pendingConnection, m_pendingStore, m_pendingCollection);
    } else if (m_pendingStore.isValid()) {
        target = m_model->indexOf(m_pendingConnection, m_pendingStore);
    } else {
        target = m_model->indexOf(m_pendingConnection);
    }
    if (!target.isValid())
        return false;
    m_view->setCurrentIndex(target);
    m_view->scrollTo(target);
    m_pendingConnection = nullptr;
    return true;
}

} // namespace loom
