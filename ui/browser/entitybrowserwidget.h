#pragma once

#include "error.h"
#include "query.h"
#include "schemafield.h"
#include "storeid.h"
#include "types.h"

#include <QPersistentModelIndex>
#include <QSet>
#include <QTimer>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QSplitter;
class QTreeView;
class QUndoStack;

namespace loom {

class EntityEditorPanel;
class EntityModel;
class EntitySaver;
class EntitySortModel;
class EntityTransfer;
class InfoBarWidget;
class QueryBarWidget;
class Subscription;
class ThreadsClient;

// Browses, queries and edits the entities of one collection, live. Plugs into the main window's
// central tab area (see createEntityBrowser below):
//  - a tree-table (EntityModel through EntitySortModel, EntityDelegate): one row per entity,
//    its JSON as child rows; loaded in pages as you scroll; sortable;
//  - a query bar (JSON with checks, a builder, recent queries), "go to id", "check ids";
//  - editing in place, in a form generated from the schema, or as JSON, with Verify as you type;
//    nothing is sent until Save (Ctrl+S); undo/redo; new, duplicate, delete, import, export;
//  - a Listen subscription that keeps the view current and tells when an entity you edit changed.
class EntityBrowserWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityBrowserWidget)

public:
    EntityBrowserWidget(ThreadsClient *client, const StoreId &store, const QString &collection,
                        QWidget *parent = nullptr);
    ~EntityBrowserWidget() override;

    ThreadsClient *client() const { return m_client; }
    StoreId store() const { return m_store; }
    QString collection() const { return m_collection; }

    // Unsaved edits or new entities in this browser.
    bool hasUnsavedChanges() const;
    // Asks what to do with unsaved changes: Discard (true: close now), Cancel (false), or Save
    // (false now; closeReady() follows once everything saved; a failed save keeps the tab).
    // True at once when nothing is unsaved.
    bool maybeClose();
    // The collection's name, with '*' while something is unsaved.
    QString tabTitle() const;

    EntityModel *model() const { return m_model; }
    EntitySortModel *sortModel() const { return m_proxy; }
    QTreeView *view() const { return m_view; }
    QueryBarWidget *queryBar() const { return m_queryBar; }
    EntityEditorPanel *editorPanel() const { return m_editor; }
    InfoBarWidget *infoBar() const { return m_infoBar; }
    QUndoStack *undoStack() const { return m_undo; }
    Subscription *subscription() const { return m_subscription; }
    EntityTransfer *transfer() const { return m_transfer; }
    const SchemaField &schema() const { return m_schema; }
    bool schemaLoaded() const { return m_schemaLoaded; }
    QString countText() const;
    QString statusText() const;
    // The key (id, or "new:<n>") of the entity the current row belongs to.
    QString currentKey() const;
    // The tree shows the model itself while no sort is active (the sort proxy triples the cost of
    // the tree's relayouts, which a 100,000-row view does on every page), and the sort proxy
    // while one is. These map between the model and whatever the tree shows.
    QModelIndex toView(const QModelIndex &source) const;
    QModelIndex toSource(const QModelIndex &viewIndex) const;
    bool isSorted() const;
    QAction *action(const QString &name) const; // "save", "new", "delete", ... (see the .cpp)

public Q_SLOTS:
    void runQuery(const loom::Query &query);
    void refresh();
    void save();
    void newEntity();
    void duplicateCurrent();
    void deleteSelected();
    void revertCurrent();
    void goToId(const QString &id);
    void selectKey(const QString &key);
    void checkIds();
    void importFile(const QString &path = {});
    void exportResults(const QString &path = {});
    void copyValue();
    void copyPath();
    void copyId();
    void copyEntityJson();
    void sortByCurrentField();
    // Sorts the loaded rows by a column (-1: the query's order), or the entities by a field.
    void sortBy(int column, Qt::SortOrder order = Qt::AscendingOrder);
    void sortByField(const QStringList &path, Qt::SortOrder order = Qt::AscendingOrder);

Q_SIGNALS:
    // Listen events of this collection as they were applied (for EventLogWidget::attach).
    void changesSeen(const QList<loom::ChangeEvent> &events);
    void tabTitleChanged(const QString &title);
    void unsavedChangesChanged(bool unsaved);
    void statusMessage(const QString &text); // for the main window's status bar
    void closeReady();                       // maybeClose() chose Save, and all is saved

private:
    // entitybrowserwidget.cpp
    void buildUi();
    void createActions();
    void wireModel();
    void startListening();
    void loadSchema();
    void updateCount();
    void updateTitle();
    void updateActions();
    void setStatus(const QString &text);
    void onCurrentChanged();
    void onChanges(const QList<ChangeEvent> &events);
    void repaintHighlights();
    void showConflict(const QString &key);
    // entitybrowsersort.cpp
    void useProxy(bool on);
    void onSortIndicatorChanged(int section, Qt::SortOrder order);
    // entitybrowseractions.cpp
    void showContextMenu(const QPoint &pos);
    void onSaveFinished(int saved, const QStringList &failed, const Error &error);
    bool confirm(const QString &title, const QString &text, const QString &yes);
    QModelIndex currentSourceIndex() const;
    QStringList selectedKeys() const;

    ThreadsClient *m_client;
    StoreId m_store;
    QString m_collection;
    EntityModel *m_model;
    EntitySortModel *m_proxy;
    QUndoStack *m_undo;
    EntitySaver *m_saver;
    EntityTransfer *m_transfer;
    Subscription *m_subscription = nullptr;
    SchemaField m_schema;
    bool m_schemaLoaded = false;

    QueryBarWidget *m_queryBar = nullptr;
    QLineEdit *m_goTo = nullptr;
    InfoBarWidget *m_infoBar = nullptr;
    QSplitter *m_splitter = nullptr;
    QTreeView *m_view = nullptr;
    EntityEditorPanel *m_editor = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_more = nullptr;
    QLabel *m_live = nullptr;
    QLabel *m_status = nullptr;
    QHash<QString, QAction *> m_actions;
    QTimer m_fade;
    QSet<QPersistentModelIndex> m_fadeRows; // glowing at the last repaint
    bool m_closeAfterSave = false;
    bool m_applyingSort = false;
    QString m_lastTitle;
};

// The factory the main window's central tab area calls.
QWidget *createEntityBrowser(ThreadsClient *client, const StoreId &store, const QString &collection,
                             QWidget *parent);

} // namespace loom
