#pragma once

#include "browser/browseractions.h"
#include "browser/browsercontext.h"
#include "query.h"
#include "types.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QMessageBox;
class QSplitter;
class QUndoStack;

namespace loom {

class BrowserDrafts;
class BrowserLive;
class EmptyHint;
class BrowserTable;
class EntityEditorPanel;
class EntityModel;
class EntitySaver;
class EntityTableView;
class EntityTransfer;
class EntityTreeView;
class EventLogWidget;
class MessageBar;
class QueryBarWidget;
class Subscription;

// Browses, queries and edits the entities of one collection, live: the content of a collection's
// tab. It lays out and wires its parts:
//  - the entities in a table, one column per field (EntityTableView over EntityColumnModel; the
//    default) or as a key-value tree (EntityTreeView over EntityModel), switched and kept in step
//    by BrowserTable; loaded in pages as you scroll; sortable;
//  - a query bar (JSON with checks, a builder, recent queries), "go to id";
//  - EntityEditorPanel: a form generated from the schema, or JSON, with Verify as you type;
//  - BrowserActions: what a person can do (nothing is sent until Save, Ctrl+S; undo/redo; new,
//    duplicate, delete, import, export, check ids);
//  - BrowserLive: Listen keeps the rows current and tells when an entity you edit changed;
//  - one MessageBar for what went wrong, cleared when it is put right.
class EntityBrowserWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityBrowserWidget)

public:
    explicit EntityBrowserWidget(const BrowserContext &context, QWidget *parent = nullptr);
    ~EntityBrowserWidget() override;

    const BrowserContext &context() const { return m_context; }
    StoreId store() const { return m_context.store; }
    QString collection() const { return m_context.collection; }

    // Unsaved edits or new entities in this browser.
    bool hasUnsavedChanges() const;
    // Asks (without blocking) what to do with unsaved changes: Discard (closeReady() at once),
    // Save (closeReady() once everything is saved; a failed save keeps the tab) or Cancel
    // (closeCancelled()). Returns true, asking nothing, when nothing is unsaved. When the store or
    // collection is gone, "Keep as draft" replaces Save (closeReady(); the drafts file stays).
    bool maybeClose();
    // The collection's name, with '*' while something is unsaved.
    QString tabTitle() const;

    EntityModel *model() const { return m_model; }
    EmptyHint *emptyHint() const { return m_emptyHint; }
    EntityTreeView *view() const { return m_view; } // the key-value tree (follows the table)
    EntityTableView *tableView() const;                // the table: fields as columns
    BrowserTable *tables() const { return m_tables; }
    QueryBarWidget *queryBar() const { return m_queryBar; }
    EntityEditorPanel *editorPanel() const { return m_editor; }
    MessageBar *messageBar() const { return m_messages; }
    QUndoStack *undoStack() const { return m_undo; }
    BrowserActions *actions() const { return m_actions; }
    QAction *action(BrowserActions::Action which) const { return m_actions->action(which); }
    Subscription *subscription() const;
    EntityTransfer *transfer() const { return m_transfer; }
    BrowserDrafts *drafts() const { return m_drafts; }
    bool schemaLoaded() const { return m_schemaLoaded; }
    // The schema's field paths, as last offered to the query ("address.city").
    QStringList schemaFields() const { return m_schemaFields; }
    QString countText() const;
    QString statusText() const;
    // The key (id, or "new:<n>") of the entity the current row belongs to.
    QString currentKey() const;
    // Logs the Listen events this browser applies in `log` (`source` defaults to the store).
    void attachLog(EventLogWidget *log, const QString &source = {});

public Q_SLOTS:
    void runQuery(const loom::Query &query);
    void save() { m_actions->save(); }
    void goToId(const QString &id) { m_actions->goToId(id); }
    void importFile(const QString &path = {}) { m_actions->importFile(path); }
    void selectKey(const QString &key);
    // Reads the collection's schema again (after Collection › Edit schema): the form, the query's
    // field list and whatever else is built from it follow.
    void reloadSchema() { loadSchema(); }

Q_SIGNALS:
    void changesSeen(const QList<loom::ChangeEvent> &events);
    void tabTitleChanged(const QString &title);
    void unsavedChangesChanged(bool unsaved);
    void statusMessage(const QString &text); // for the main window's status bar
    void closeReady();     // maybeClose() was answered Discard, or Save and all is saved
    void closeCancelled(); // maybeClose() was answered Cancel

private:
    void buildUi();
    void wireModel();
    void loadSchema();
    void updateCount();
    QString emptyText() const;
    void updateTitle();
    void setStatus(const QString &text);
    void onCurrentChanged();
    void discardAll();

    BrowserContext m_context;
    EntityModel *m_model;
    QUndoStack *m_undo;
    EntitySaver *m_saver;
    EntityTransfer *m_transfer;
    bool m_schemaLoaded = false;
    QStringList m_schemaFields;

    QueryBarWidget *m_queryBar = nullptr;
    QLineEdit *m_goTo = nullptr;
    MessageBar *m_messages = nullptr;
    QSplitter *m_splitter = nullptr;
    EntityTreeView *m_view = nullptr;
    EmptyHint *m_emptyHint = nullptr; // over the table
    EmptyHint *m_treeHint = nullptr;  // over the key-value tree
    BrowserTable *m_tables = nullptr;
    EntityEditorPanel *m_editor = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_more = nullptr;
    QLabel *m_live = nullptr;
    QLabel *m_status = nullptr;
    BrowserActions *m_actions = nullptr;
    BrowserLive *m_liveUpdates = nullptr;
    BrowserDrafts *m_drafts = nullptr;
    MessageBar *m_draftBar = nullptr;
    QPointer<QMessageBox> m_closeQuestion;
    QString m_lastTitle;
};

} // namespace loom
