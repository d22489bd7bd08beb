#pragma once

#include "widgets/collectiontabwidget.h"
#include "widgets/connectiontreewidget.h"

#include <QMainWindow>
#include <QPointer>

class QDockWidget;
class QLabel;
class QMenu;
class QMessageBox;
class QSettings;

namespace loom {

class ActivityTracker;
class ActivityWidget;
class CollectionActions;
class ConnectionActions;
class ConnectionManager;
class ConnectionTreeModel;
class ConnectionTreeWidget;
class StoreActions;
class LegacyStoreActions;

// Loom's main window. It only assembles: the connection tree (a dock), the collection tabs in the
// centre, the menus (the tree's actions), the status bar (running calls) and any docks added
// from outside (listed in the View menu). Features live in their own widgets and controllers.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    // `settings` (may be null) keeps the window's geometry and dock layout.
    MainWindow(ConnectionManager *manager, ActivityTracker *tracker, QSettings *settings,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    // What a collection's tab shows (the entity browser plugs in here); without a factory, the
    // collection's schema view.
    void setCollectionTabFactory(CollectionTabFactory factory);
    // Adds a dock; it is listed in the View menu (as is any dock added with addDockWidget()). A
    // dock added on the left goes under the Connections dock, with 40 % of its height (so that a
    // collection's tab keeps the window's full height for rows and its full width for the form).
    void addDock(QDockWidget *dock, Qt::DockWidgetArea area = Qt::RightDockWidgetArea);

    ConnectionManager *connectionManager() const { return m_manager; }
    ActivityTracker *activityTracker() const { return m_tracker; }
    ConnectionTreeModel *treeModel() const { return m_model; }
    ConnectionTreeWidget *tree() const { return m_tree; }
    CollectionTabWidget *collectionTabs() const { return m_tabs; }
    ConnectionActions *connectionActions() const { return m_connectionActions; }
    StoreActions *storeActions() const { return m_storeActions; }
    LegacyStoreActions *legacyActions() const { return m_legacyActions; }
    CollectionActions *collectionActions() const { return m_collectionActions; }
    ActivityWidget *activityWidget() const { return m_activity; }
    QMenu *viewMenu() const { return m_viewMenu; }
    // The status bar's words for the current connection (the tree's current row's, which follows
    // the current tab): "local: connected".
    QLabel *connectionStateLabel() const { return m_connectionState; }

    void restoreLayout();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void wire();
    void rebuildViewMenu();
    void showAbout();
    void dispatch(ConnectionTreeWidget::Action which, const ConnectionTreeWidget::Target &target);
    void updateConnectionState();

    ConnectionManager *m_manager;
    ActivityTracker *m_tracker;
    QSettings *m_settings;
    ConnectionTreeModel *m_model;
    ConnectionActions *m_connectionActions;
    StoreActions *m_storeActions;
    CollectionActions *m_collectionActions;
    ConnectionTreeWidget *m_tree;
    QDockWidget *m_treeDock;
    CollectionTabWidget *m_tabs;
    ActivityWidget *m_activity;
    QLabel *m_connectionState;
    QMenu *m_viewMenu = nullptr;
    QPointer<QMessageBox> m_secretBox;
    QAction *m_closeTab = nullptr;
    LegacyStoreActions *m_legacyActions = nullptr; // open by id, start, forget (v0.1 daemons)
};

} // namespace loom
