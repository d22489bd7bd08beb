#pragma once

#include "browser/browserparts.h"

#include <QObject>

class QAction;
class QLabel;
class QStackedWidget;

namespace loom {

class BrowserActions;
class EntityColumnModel;
class EntityModel;
class EntityTableView;
class EntityTreeView;
struct SchemaField;

// The entity browser's two ways of showing entities and what joins them: the table (fields as
// columns, EntityTableView over EntityColumnModel; the default) and the key-value tree
// (EntityTreeView: one entity's deep structure), in a stack, switched by the "Table" action
// (Ctrl+Shift+T, remembered). Whichever is shown, the key-value tree's current row and selection
// follow the table's (the entity, and the field of the current cell), so every action, the form
// and the tests that address the tree keep working in both modes. It also keeps the sort note
// in the status line: a sort by a field covers only the loaded entities (the daemon sorts only
// by _id across a collection), and "Load all and sort" loads the rest first, up to
// EntityPager::kLoadAllLimit entities.
class BrowserTable final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrowserTable)

public:
    BrowserTable(EntityModel *model, EntityTreeView *tree, QWidget *parent);

    QStackedWidget *stack() const { return m_stack; }
    EntityTableView *view() const { return m_table; }
    EntityColumnModel *columnModel() const { return m_columns; }
    QAction *modeAction() const { return m_mode; }       // checked: the table
    QAction *columnsAction() const { return m_chooser; } // the column chooser
    QLabel *sortNote() const { return m_note; }          // for the status line

    // After the browser's actions exist: shortcuts, the context menu, the status line.
    void attach(const BrowserParts &parts, BrowserActions *actions);
    void setSettingsKey(const QString &key);
    void setSchema(const SchemaField &schema);
    bool isTableMode() const;
    void setTableMode(bool on);
    // A query's sort on a field is shown sorted in the table too (empty: the query's order).
    void sortLikeQuery(const QString &field, bool descending);
    void loadAllAndSort();

Q_SIGNALS:
    void currentEntityChanged();

private:
    void tableToTree();
    void treeToTable();
    void updateNote();

    EntityModel *m_model;
    EntityTreeView *m_tree;
    EntityColumnModel *m_columns;
    EntityTableView *m_table;
    QStackedWidget *m_stack;
    QAction *m_mode;
    QAction *m_chooser;
    QLabel *m_note;
    BrowserParts m_parts;
    bool m_syncing = false;
    bool m_stoppedAtLimit = false;
};

} // namespace loom
