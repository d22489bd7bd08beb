#include "mainwindow.h"

#include "session/activitytracker.h"
#include "actions/collectionactions.h"
#include "session/connection.h"
#include "actions/connectionactions.h"
#include "session/connectionmanager.h"
#include "actions/legacystoreactions.h"
#include "actions/storeactions.h"
#include "delegates/connectionstatedelegate.h"
#include "icons/iconprovider.h"
#include "models/connectiontreemodel.h"
#include "widgets/activitywidget.h"
#include "widgets/connectiontreewidget.h"
#include "widgets/welcomewidget.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QTreeView>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

using namespace Qt::StringLiterals;

namespace loom {

using TreeAction = ConnectionTreeWidget::Action;

MainWindow::MainWindow(ConnectionManager *manager, ActivityTracker *tracker, QSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_manager(manager)
    , m_tracker(tracker)
    , m_settings(settings)
    , m_model(new ConnectionTreeModel(manager, tracker, this))
    , m_connectionActions(new ConnectionActions(manager, this, this))
    , m_storeActions(new StoreActions(m_model, manager, tracker, this, this))
    , m_collectionActions(new CollectionActions(m_model, tracker, this, this))
    , m_tree(new ConnectionTreeWidget(m_model, this))
    , m_treeDock(new QDockWidget(tr("Connections"), this))
    , m_tabs(new CollectionTabWidget(this))
    , m_activity(new ActivityWidget(tracker, this))
    , m_connectionState(new QLabel(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Loom"));
    setWindowIcon(icon(u"loom"_s));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);

    m_treeDock->setObjectName(u"connectionsDock"_s);
    m_treeDock->setWidget(m_tree);
    m_treeDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, m_treeDock);
    setCentralWidget(m_tabs);
    m_connectionState->setObjectName(u"connectionState"_s);
    statusBar()->addPermanentWidget(m_connectionState);
    statusBar()->addPermanentWidget(m_activity);

    // Closing a store's or a connection's tabs asks them about unsaved edits first.
    m_connectionActions->setTabs(m_tabs);
    m_storeActions->setTabs(m_tabs);
    m_collectionActions->setTabs(m_tabs);
    m_legacyActions = new LegacyStoreActions(m_model, tracker, this, this);
    createMenus();
    wire();
    m_tabs->welcome()->addActionButton(m_tree->action(TreeAction::NewStore));
    m_tabs->welcome()->addActionButton(m_tree->action(TreeAction::JoinStore));
    m_tabs->welcome()->setHasConnections(manager->count() > 0);
    resize(1280, 800);
    resizeDocks({m_treeDock}, {300}, Qt::Horizontal);
    updateConnectionState();
}

MainWindow::~MainWindow()
{
    // Tabs may hold clients of connections: close them while everything still exists.
    for (Connection *c : m_manager->connections())
        m_tabs->closeTabs(c);
}

void MainWindow::setCollectionTabFactory(CollectionTabFactory factory)
{
    m_tabs->setFactory(std::move(factory));
    // A tab that asked about unsaved edits on the way out let itself close: go on closing.
    connect(m_tabs, &CollectionTabWidget::closeAllResumed, this, &QWidget::close, Qt::UniqueConnection);
}

// The tree asks; the actions (which open dialogs and make the calls) do.
void MainWindow::dispatch(ConnectionTreeWidget::Action which, const ConnectionTreeWidget::Target &t)
{
    switch (which) {
    case TreeAction::AddConnection: m_connectionActions->addConnection(); break;
    case TreeAction::EditConnection: m_connectionActions->editConnection(t.connection); break;
    case TreeAction::RemoveConnection: m_connectionActions->removeConnection(t.connection); break;
    case TreeAction::NewStore: m_storeActions->newStore(t.connection); break;
    case TreeAction::JoinStore: m_storeActions->joinStore(t.connection); break;
    case TreeAction::StoreDetails: m_storeActions->showDetails(t.connection, t.store); break;
    case TreeAction::DeleteStore: m_storeActions->deleteStore(t.connection, t.store, t.storeName); break;
    case TreeAction::StoreReplication: m_storeActions->showReplication(t.connection, t.store, t.storeName); break;
    case TreeAction::OpenStoreById: m_legacyActions->openStoreById(t.connection); break;
    case TreeAction::StartStore: m_legacyActions->startStore(t.connection, t.store, t.storeName); break;
    case TreeAction::ForgetStore: m_legacyActions->forgetStore(t.connection, t.store, t.storeName); break;
    case TreeAction::NewCollection: m_collectionActions->newCollection(t.connection, t.store, t.storeName); break;
    case TreeAction::NewCollectionFromJson:
        m_collectionActions->newCollectionFromJson(t.connection, t.store, t.storeName);
        break;
    case TreeAction::EditSchema:
        m_collectionActions->editSchema(t.connection, t.store, t.storeName, t.collection);
        break;
    case TreeAction::DeleteCollection:
        m_collectionActions->deleteCollection(t.connection, t.store, t.storeName, t.collection);
        break;
    default: break;
    }
}

void MainWindow::addDock(QDockWidget *dock, Qt::DockWidgetArea area)
{
    if (dock->objectName().isEmpty())
        dock->setObjectName(dock->windowTitle());
    addDockWidget(area, dock);
    if (area == Qt::LeftDockWidgetArea) {
        splitDockWidget(m_treeDock, dock, Qt::Vertical);
        resizeDocks({m_treeDock, dock}, {height() * 6 / 10, height() * 4 / 10}, Qt::Vertical);
    }
}

void MainWindow::updateConnectionState()
{
    Connection *c = m_model->connection(m_tree->currentIndex());
    m_connectionState->setVisible(c != nullptr);
    if (!c)
        return;
    m_connectionState->setText(tr("%1: %2").arg(c->displayName(), c->stateText()));
    const auto [fg, bg] = ConnectionStateDelegate::colours(int(c->state()));
    m_connectionState->setStyleSheet(u"QLabel { color: %1; background: %2; border-radius: 3px; padding: 0 6px; }"_s
                                         .arg(fg.name(), bg.name()));
    QString tip = tr("The daemon of the current row or tab, at %1").arg(c->endpoint());
    if (const QString g = c->generationText(); !g.isEmpty())
        tip += u'\n' + tr("Daemon: %1").arg(g);
    if (c->state() == ConnectionMonitor::Unreachable && c->lastError().isError())
        tip += u'\n' + c->lastError().message();
    m_connectionState->setToolTip(tip);
}

void MainWindow::createMenus()
{
    const auto tree = [this](TreeAction which) { return m_tree->action(which); };

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *add = file->addAction(icon(u"list-add"_s), tr("&Add a connection…"), this,
                                   [this] { m_connectionActions->addConnection(); });
    // Not Ctrl+N: that is a collection tab's New entity (one key for both was an ambiguous
    // shortcut in a tab, and ran neither).
    add->setShortcut(QKeySequence(u"Ctrl+Shift+N"_s));
    file->addAction(icon(u"network-connect"_s), tr("Connect to the &local daemon"), this,
                    [this] { m_connectionActions->connectLocal(); });
    file->addSeparator();
    QAction *quit = file->addAction(icon(u"application-exit"_s), tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *connection = menuBar()->addMenu(tr("&Connection"));
    connection->addAction(tree(TreeAction::NewStore));
    connection->addAction(tree(TreeAction::JoinStore));
    connection->addAction(tree(TreeAction::OpenStoreById));
    connection->addSeparator();
    connection->addAction(tree(TreeAction::EditConnection));
    connection->addAction(tree(TreeAction::RemoveConnection));

    QMenu *store = menuBar()->addMenu(tr("&Store"));
    store->addAction(tree(TreeAction::StoreDetails));
    store->addAction(tree(TreeAction::StoreReplication));
    store->addAction(tree(TreeAction::NewCollection));
    store->addAction(tree(TreeAction::NewCollectionFromJson));
    store->addAction(tree(TreeAction::StartStore));
    store->addSeparator();
    store->addAction(tree(TreeAction::ForgetStore));
    store->addAction(tree(TreeAction::DeleteStore));

    QMenu *collection = menuBar()->addMenu(tr("C&ollection"));
    collection->addAction(tree(TreeAction::OpenCollection));
    collection->addAction(tree(TreeAction::EditSchema));
    collection->addSeparator();
    collection->addAction(tree(TreeAction::DeleteCollection));

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->setObjectName(u"viewMenu"_s);
    m_closeTab = new QAction(tr("&Close tab"), this);
    m_closeTab->setShortcut(QKeySequence::Close);
    connect(m_closeTab, &QAction::triggered, m_tabs, &CollectionTabWidget::closeCurrentTab);
    // Listed afresh each time, so docks added from outside show up too.
    connect(m_viewMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildViewMenu);
    rebuildViewMenu();
    // The shortcuts work whether or not a menu was opened.
    addAction(tree(TreeAction::RefreshAll));
    addAction(m_closeTab);
    addAction(tree(TreeAction::StoreReplication));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(icon(u"help-about"_s), tr("&About Loom"), this, &MainWindow::showAbout);
}

void MainWindow::rebuildViewMenu()
{
    m_viewMenu->clear();
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        m_viewMenu->addAction(dock->toggleViewAction());
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_tree->action(TreeAction::RefreshAll));
    m_viewMenu->addAction(m_closeTab);
}

void MainWindow::wire()
{
    const auto notice = [this](const QString &message) { statusBar()->showMessage(message, 6000); };
    connect(m_storeActions, &StoreActions::notice, this, notice);
    connect(m_legacyActions, &LegacyStoreActions::notice, this, notice);
    connect(m_legacyActions, &LegacyStoreActions::storeAdded, m_tree,
            [this](Connection *c, const StoreId &store) { m_tree->select(c, store); });
    connect(m_collectionActions, &CollectionActions::notice, this, notice);

    connect(m_tree, &ConnectionTreeWidget::collectionActivated, m_tabs, &CollectionTabWidget::openCollection);
    // The tree's selection follows the current tab; the status bar tells the current row's daemon.
    connect(m_tabs, &CollectionTabWidget::currentCollectionChanged, m_tree,
            [this](Connection *c, const StoreId &store, const QString &collection) {
                if (!c)
                    return;
                m_tree->select(c, store, collection);
                // A collection made elsewhere since the store was listed: list it again.
                const QModelIndex storeRow = m_model->indexOf(c, store);
                if (storeRow.isValid() && !m_model->indexOf(c, store, collection).isValid()
                    && m_model->loadState(storeRow) == ConnectionTreeModel::LoadState::Loaded)
                    m_model->reloadCollections(c, store);
            });
    connect(m_tree->view()->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::updateConnectionState);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &MainWindow::updateConnectionState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateConnectionState);
    connect(m_tree, &ConnectionTreeWidget::actionRequested, this, &MainWindow::dispatch);
    connect(m_tabs, &CollectionTabWidget::editSchemaRequested, m_collectionActions, &CollectionActions::editSchema);
    connect(m_collectionActions, &CollectionActions::collectionChanged, m_tabs,
            &CollectionTabWidget::reloadSchemaViews);
    connect(m_collectionActions, &CollectionActions::collectionDeleted, m_tabs,
            [this](Connection *c, const StoreId &store, const QString &name) { m_tabs->closeTabs(c, store, name); });
    connect(m_collectionActions, &CollectionActions::collectionCreated, m_tree,
            [this](Connection *c, const StoreId &store, const QString &name) { m_tree->select(c, store, name); });
    connect(m_storeActions, &StoreActions::storeDeleted, m_tabs,
            [this](Connection *c, const StoreId &store) { m_tabs->closeTabs(c, store); });
    connect(m_storeActions, &StoreActions::storeAdded, m_tree,
            [this](Connection *c, const StoreId &store) { m_tree->select(c, store); });
    connect(m_connectionActions, &ConnectionActions::connectionAdded, m_tree,
            [this](Connection *c) { m_tree->select(c); });

    // A remembered token that could not go to (or come from) the keychain: said once in a box that
    // does not block, later ones added to it while it is open.
    connect(m_manager, &ConnectionManager::secretProblem, this, [this](const QString &message) {
        statusBar()->showMessage(message, 20000);
        if (m_secretBox) {
            m_secretBox->setInformativeText(m_secretBox->informativeText() + u"\n\n"_s + message);
            return;
        }
        m_secretBox = new QMessageBox(QMessageBox::Warning, tr("Remembered tokens"), message, QMessageBox::Ok, this);
        m_secretBox->setObjectName(u"secretProblemBox"_s);
        m_secretBox->setAttribute(Qt::WA_DeleteOnClose);
        m_secretBox->open();
    });
    connect(m_manager, &ConnectionManager::connectionAboutToBeRemoved, m_tabs,
            [this](Connection *c) { m_tabs->closeTabs(c); });
    const auto updateWelcome = [this] { m_tabs->welcome()->setHasConnections(m_manager->count() > 0); };
    connect(m_manager, &ConnectionManager::connectionAdded, this, updateWelcome);
    connect(m_manager, &ConnectionManager::connectionRemoved, this, updateWelcome);
    connect(m_tabs->welcome(), &WelcomeWidget::connectLocalRequested, m_connectionActions,
            [this] { m_connectionActions->connectLocal(); });
    connect(m_tabs->welcome(), &WelcomeWidget::addConnectionRequested, m_connectionActions,
            [this] { m_connectionActions->addConnection(); });
}

void MainWindow::restoreLayout()
{
    if (!m_settings)
        return;
    restoreGeometry(m_settings->value(u"mainWindow/geometry"_s).toByteArray());
    restoreState(m_settings->value(u"mainWindow/state"_s).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Unsaved edits in a tab: that tab asks first (save, discard or stay).
    if (!m_tabs->confirmCloseAll()) {
        event->ignore();
        return;
    }
    if (m_settings) {
        m_settings->setValue(u"mainWindow/geometry"_s, saveGeometry());
        m_settings->setValue(u"mainWindow/state"_s, saveState());
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::showAbout()
{
    auto *box = new QMessageBox(QMessageBox::Information, tr("About Loom"),
                                tr("<h3>Loom %1</h3><p>A desktop browser and editor for ThreadDB (go-threads v1) "
                                   "daemons.</p><p>Words: a <i>store</i> is the daemon's DB (thread), an "
                                   "<i>entity</i> its instance; a collection has a <i>schema</i>.</p>")
                                    .arg(QCoreApplication::applicationVersion()),
                                QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace loom
