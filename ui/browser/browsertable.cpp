#include "browsertable.h"

#include "browser/browseractions.h"
#include "browser/models/counttext.h"
#include "browser/models/entitycolumnmodel.h"
#include "browser/models/entitymodel.h"
#include "browser/models/entitysortmodel.h"
#include "browser/models/jsonvalues.h"
#include "browser/widgets/entitytablecolumns.h"
#include "browser/widgets/entitytableview.h"
#include "browser/widgets/entitytreeview.h"

#include <QAction>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QStackedWidget>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

const QString kModeKey = u"browser/view"_s;

} // namespace

BrowserTable::BrowserTable(EntityModel *model, EntityTreeView *tree, QWidget *parent)
    : QObject(parent)
    , m_model(model)
    , m_tree(tree)
    , m_columns(new EntityColumnModel(model, this))
    , m_table(nullptr)
    , m_stack(new QStackedWidget(parent))
    , m_mode(new QAction(tr("Table"), this))
    , m_chooser(new QAction(tr("Columns…"), this))
    , m_note(new QLabel(parent))
{
    m_stack->setObjectName(u"entityViews"_s);
    m_table = new EntityTableView(m_columns, m_stack);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_tree);

    m_mode->setObjectName(u"TableMode"_s);
    m_mode->setCheckable(true);
    m_mode->setShortcut(QKeySequence(u"Ctrl+Shift+T"_s));
    m_mode->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_mode->setToolTip(tr("Entities as a table, one column per field; off: as a key-value tree, for one "
                          "entity's deep structure (Ctrl+Shift+T)"));
    m_chooser->setObjectName(u"ChooseColumns"_s);
    m_chooser->setShortcut(QKeySequence(u"Ctrl+Shift+L"_s));
    m_chooser->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_chooser->setToolTip(tr("Show, hide and order the table's columns (Ctrl+Shift+L)"));
    connect(m_chooser, &QAction::triggered, m_table->columnLayout(), &EntityTableColumns::choose);
    connect(m_mode, &QAction::toggled, this, [this](bool on) {
        setTableMode(on);
        QSettings().setValue(kModeKey, on ? u"table"_s : u"tree"_s);
    });

    m_note->setObjectName(u"sortNote"_s);
    m_note->setTextFormat(Qt::RichText);
    m_note->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    m_note->setFocusPolicy(Qt::TabFocus);
    m_note->setStyleSheet(u"color: #555;"_s);
    m_note->hide();
    connect(m_note, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link == u"load-all")
            loadAllAndSort();
    });

    connect(m_table, &EntityTableView::currentEntityChanged, this, &BrowserTable::tableToTree);
    connect(m_table, &EntityTableView::sortChanged, this, &BrowserTable::updateNote);
    connect(m_tree, &EntityTreeView::currentEntityChanged, this, &BrowserTable::treeToTable);
    EntityPager *pager = m_model->pager();
    connect(m_model, &EntityModel::countChanged, this, &BrowserTable::updateNote);
    connect(pager, &EntityPager::loadingChanged, this, &BrowserTable::updateNote);
    connect(pager, &EntityPager::loadAllFinished, this, [this](bool complete) {
        m_stoppedAtLimit = !complete && m_model->loadedCount() >= EntityPager::kLoadAllLimit;
        updateNote();
    });
    connect(m_columns, &EntityColumnModel::editRefused, this, [this](const QString &message) {
        if (m_parts.status)
            m_parts.status(message);
    });

    const bool table = QSettings().value(kModeKey, u"table"_s).toString() != u"tree";
    m_mode->setChecked(table);
    setTableMode(table);
}

void BrowserTable::attach(const BrowserParts &parts, BrowserActions *actions)
{
    m_parts = parts;
    // The tree's shortcuts (copy, delete, duplicate) act in the table too: they act on the
    // tree's current row and selection, which follow the table's.
    m_table->addActions(m_tree->actions());
    connect(m_table, &QWidget::customContextMenuRequested, this, [this, actions](const QPoint &pos) {
        const QModelIndex cell = m_table->indexAt(pos);
        if (cell.isValid() && !m_table->selectionModel()->isSelected(cell))
            m_table->selectionModel()->setCurrentIndex(cell, QItemSelectionModel::ClearAndSelect);
        actions->showContextMenuFor(m_table->viewport(), pos, m_tree->currentSourceIndex(), [this, cell] {
            if (cell.isValid() && (cell.flags() & Qt::ItemIsEditable))
                m_table->edit(cell);
        });
    });
    // "Sort entities by this field" sorts what is shown: after the tree (BrowserActions), the table.
    connect(actions->action(BrowserActions::SortByField), &QAction::triggered, this, [this] {
        const QString field = json::dottedPath(m_tree->sortModel()->entitySortPath());
        if (isTableMode() && m_tree->isSorted() && m_columns->columnOf(field) >= 0)
            m_table->sortByName(field, m_tree->sortModel()->sortOrder());
    });
}

void BrowserTable::setSettingsKey(const QString &key)
{
    m_table->columnLayout()->setSettingsKey(key);
}

void BrowserTable::setSchema(const SchemaField &schema)
{
    m_columns->setSchema(schema);
}

bool BrowserTable::isTableMode() const
{
    return m_stack->currentWidget() == m_table;
}

void BrowserTable::setTableMode(bool on)
{
    const bool hadFocus = m_stack->currentWidget() && m_stack->currentWidget()->hasFocus();
    if (on)
        treeToTable();
    m_stack->setCurrentWidget(on ? static_cast<QWidget *>(m_table) : m_tree);
    if (m_mode->isChecked() != on)
        m_mode->setChecked(on);
    if (hadFocus)
        m_stack->currentWidget()->setFocus();
    m_chooser->setEnabled(on);
    updateNote();
}

// --- The tree follows the table (and back) -------------------------------------------------------

void BrowserTable::tableToTree()
{
    if (m_syncing)
        return;
    m_syncing = true;
    const QStringList keys = m_table->selectedKeys();
    const QString current = m_table->currentKey();
    QItemSelection selection;
    for (const QString &key : keys) {
        const QModelIndex row = m_tree->toView(m_model->indexForKey(key));
        if (row.isValid())
            selection.select(row, row.siblingAtColumn(EntityModel::ColumnCount - 1));
    }
    QItemSelectionModel *treeSelection = m_tree->selectionModel();
    treeSelection->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (!current.isEmpty()) {
        // The field of the current cell, so that "copy value" and "sort by this field" mean it.
        const QStringList path = m_table->currentPath();
        QModelIndex target = path.isEmpty() ? QModelIndex() : m_model->indexForPath(current, path);
        if (!target.isValid())
            target = m_model->indexForKey(current);
        treeSelection->setCurrentIndex(m_tree->toView(target), QItemSelectionModel::NoUpdate);
    }
    m_syncing = false;
    Q_EMIT currentEntityChanged();
}

void BrowserTable::treeToTable()
{
    if (m_syncing)
        return;
    const QString key = m_tree->currentKey();
    if (key.isEmpty() || key == m_table->currentKey())
        return;
    m_syncing = true;
    m_table->selectKey(key);
    m_syncing = false;
}

// --- Sorting ------------------------------------------------------------------------------------

void BrowserTable::sortLikeQuery(const QString &field, bool descending)
{
    m_stoppedAtLimit = false;
    if (field.isEmpty() || m_columns->columnOf(field) < 0)
        m_table->sortByName({});
    else
        m_table->sortByName(field, descending ? Qt::DescendingOrder : Qt::AscendingOrder);
}

void BrowserTable::loadAllAndSort()
{
    m_stoppedAtLimit = false;
    m_model->pager()->loadAll();
    updateNote();
}

void BrowserTable::updateNote()
{
    const QString column = m_table->sortedColumnName();
    if (!isTableMode() || column.isEmpty()) {
        m_note->clear();
        m_note->hide();
        return;
    }
    const EntityPager *pager = m_model->pager();
    const int loaded = m_model->loadedCount();
    const QString order = m_table->sortedOrder() == Qt::DescendingOrder ? tr(", descending") : QString();
    QString text;
    QString tip;
    if (column == m_model->idField()) {
        text = tr("Sorted by id%1: the daemon's order").arg(order);
    } else if (pager->isLoadingAll()) {
        text = tr("Loading all entities to sort them by %1: %2 loaded…").arg(column.toHtmlEscaped(), numberText(loaded));
    } else if (pager->atEnd()) {
        text = tr("Sorted all %1 by %2%3").arg(entityCount(loaded), column.toHtmlEscaped(), order);
    } else {
        text = tr("Sorted %1 loaded by %2%3 — the daemon sorts only by id across a collection, and more entities "
                  "are not loaded")
                   .arg(entityCount(loaded), column.toHtmlEscaped(), order);
        if (m_stoppedAtLimit)
            text += tr(" (loading all stopped at %1: narrow the query to sort within it)")
                        .arg(numberText(EntityPager::kLoadAllLimit));
        else
            text += u". <a href=\"load-all\">"_s + tr("Load all and sort") + u"</a>"_s;
        tip = tr("Loads the rest of the query's entities (up to %1), then sorts them all")
                  .arg(numberText(EntityPager::kLoadAllLimit));
    }
    m_note->setText(text);
    m_note->setToolTip(tip);
    m_note->show();
}

} // namespace loom
