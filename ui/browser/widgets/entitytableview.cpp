#include "entitytableview.h"

#include "browser/delegates/entitycelldelegate.h"
#include "browser/dialogs/columnchooserdialog.h"
#include "browser/models/entitycolumnmodel.h"
#include "browser/models/entitycolumnsortmodel.h"
#include "jsonrules.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

const QString kSettings = u"browser/columns/"_s;

} // namespace

EntityTableView::EntityTableView(EntityColumnModel *model, QWidget *parent)
    : QTreeView(parent)
    , m_columns(model)
    , m_proxy(new EntityColumnSortModel(this))
    , m_frozen(new QTreeView(this))
{
    setObjectName(u"entityTable"_s);
    auto *delegate = new EntityCellDelegate(this);
    setItemDelegate(delegate);
    setUniformRowHeights(true); // a must for 100,000 rows
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionBehavior(QAbstractItemView::SelectItems); // cells: arrows move between fields
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                    | QAbstractItemView::AnyKeyPressed);
    setExpandsOnDoubleClick(false); // a double click edits; the arrow (or + and -) expands
    setContextMenuPolicy(Qt::CustomContextMenu);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setModel(m_columns);
    connect(selectionModel(), &QItemSelectionModel::currentChanged, this, &EntityTableView::currentEntityChanged);

    QHeaderView *h = header();
    h->setStretchLastSection(false);
    h->setSectionsMovable(true);
    h->setFirstSectionMovable(false); // _id stays first
    h->setSectionsClickable(true);
    h->setSortIndicatorShown(true);
    h->setSortIndicatorClearable(true);
    h->setSortIndicator(-1, Qt::AscendingOrder);
    h->setContextMenuPolicy(Qt::CustomContextMenu);
    h->setToolTip(tr("Click a field to sort the loaded entities by it; right-click to choose columns"));
    connect(h, &QHeaderView::sortIndicatorChanged, this, &EntityTableView::onSortIndicatorChanged);
    connect(h, &QHeaderView::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu *menu = makeColumnMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(header()->viewport()->mapToGlobal(pos));
    });
    connect(h, &QHeaderView::sectionMoved, this, [this] {
        if (!m_applyingSettings && !m_applyingSort)
            saveColumnSettings();
    });
    connect(h, &QHeaderView::sectionResized, this, [this](int logical, int, int) {
        if (logical == 0)
            updateFrozenGeometry();
        if (!m_fitting && !m_applyingSettings && !m_applyingSort && logical < m_columns->columnCount())
            m_userSized.insert(m_columns->columns().at(logical).name);
    });

    // The frozen _id column.
    m_frozen->setObjectName(u"frozenIdColumn"_s);
    m_frozen->setFocusPolicy(Qt::NoFocus);
    m_frozen->setItemDelegate(new EntityCellDelegate(m_frozen)); // (a delegate tells its views of edits)
    m_frozen->setUniformRowHeights(true);
    m_frozen->setAlternatingRowColors(true);
    m_frozen->setFrameShape(QFrame::NoFrame);
    m_frozen->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_frozen->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_frozen->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_frozen->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_frozen->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_frozen->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_frozen->setExpandsOnDoubleClick(true);
    m_frozen->setContextMenuPolicy(Qt::CustomContextMenu);
    m_frozen->header()->setSectionsClickable(true);
    m_frozen->header()->setSortIndicatorShown(true);
    m_frozen->header()->setToolTip(h->toolTip());
    viewport()->stackUnder(m_frozen);
    connect(m_frozen->header(), &QHeaderView::sectionClicked, this, [this] {
        // The frozen header stands over the real one: a click sorts by _id as the real one's would.
        const bool ascending = header()->sortIndicatorSection() == 0 && header()->sortIndicatorOrder() == Qt::AscendingOrder;
        if (header()->sortIndicatorSection() == 0 && !ascending)
            sortByName({});
        else
            sortByName(json::kIdField, ascending ? Qt::DescendingOrder : Qt::AscendingOrder);
    });
    connect(m_frozen, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        Q_EMIT customContextMenuRequested(viewport()->mapFromGlobal(m_frozen->viewport()->mapToGlobal(pos)));
    });
    connect(m_frozen->verticalScrollBar(), &QScrollBar::valueChanged, verticalScrollBar(), &QScrollBar::setValue);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, m_frozen->verticalScrollBar(), &QScrollBar::setValue);
    connect(this, &QTreeView::expanded, m_frozen, &QTreeView::expand);
    connect(this, &QTreeView::collapsed, m_frozen, &QTreeView::collapse);
    connect(m_frozen, &QTreeView::expanded, this, &QTreeView::expand);
    connect(m_frozen, &QTreeView::collapsed, this, &QTreeView::collapse);
    attachFrozen();

    connect(m_columns, &EntityColumnModel::columnsAdded, this, &EntityTableView::onColumnsAdded);
    connect(m_columns, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_resetState = saveState(); });
    connect(m_columns, &QAbstractItemModel::modelReset, this, [this] {
        applyColumnSettings();
        fitColumns();
        restoreState(m_resetState);
        attachFrozen();
    });
    connect(m_columns, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent) {
        if (!parent.isValid() && !m_fittedWithRows) {
            m_fittedWithRows = true;
            fitColumns();
        }
    });
    applyColumnSettings();
    fitColumns();
}

// --- The frozen column --------------------------------------------------------------------------

void EntityTableView::attachFrozen()
{
    // (Expanded rows follow through the expanded/collapsed signals, also after a swap: the
    // state is restored on this view after this.)
    if (m_frozen->model() != model()) {
        m_frozen->setModel(model());
        QItemSelectionModel *own = m_frozen->selectionModel();
        m_frozen->setSelectionModel(selectionModel());
        if (own && own != selectionModel())
            delete own;
    } else if (m_frozen->selectionModel() != selectionModel()) {
        m_frozen->setSelectionModel(selectionModel());
    }
    for (int c = 1; c < model()->columnCount(); ++c)
        m_frozen->setColumnHidden(c, true);
    m_frozen->header()->setSortIndicator(header()->sortIndicatorSection() == 0 ? 0 : -1, header()->sortIndicatorOrder());
    updateFrozenGeometry();
}

void EntityTableView::updateFrozenGeometry()
{
    m_frozen->setColumnWidth(0, columnWidth(0));
    m_frozen->header()->setFixedHeight(header()->height());
    m_frozen->setGeometry(frameWidth(), frameWidth(), columnWidth(0),
                          viewport()->height() + (header()->isHidden() ? 0 : header()->height()));
    m_frozen->verticalScrollBar()->setValue(verticalScrollBar()->value());
}

void EntityTableView::resizeEvent(QResizeEvent *event)
{
    QTreeView::resizeEvent(event);
    updateFrozenGeometry();
}

void EntityTableView::updateGeometries()
{
    QTreeView::updateGeometries();
    updateFrozenGeometry();
}

void EntityTableView::scrollTo(const QModelIndex &index, ScrollHint hint)
{
    QTreeView::scrollTo(index, hint);
    // A cell must not end up under the frozen column.
    if (index.isValid() && index.column() > 0) {
        const QRect rect = visualRect(index);
        const int frozen = columnWidth(0);
        if (rect.left() < frozen)
            horizontalScrollBar()->setValue(horizontalScrollBar()->value() + rect.left() - frozen);
    }
}

// --- Rows, keys, state --------------------------------------------------------------------------

bool EntityTableView::isSorted() const
{
    return model() == m_proxy;
}

QString EntityTableView::sortedColumnName() const
{
    if (!isSorted() || m_proxy->sortColumn() < 0 || m_proxy->sortColumn() >= m_columns->columnCount())
        return {};
    return m_columns->columns().at(m_proxy->sortColumn()).name;
}

Qt::SortOrder EntityTableView::sortedOrder() const
{
    return m_proxy->sortOrder();
}

QModelIndex EntityTableView::toView(const QModelIndex &columnIndex) const
{
    return isSorted() ? m_proxy->mapFromSource(columnIndex) : columnIndex;
}

QModelIndex EntityTableView::toColumns(const QModelIndex &viewIndex) const
{
    return isSorted() ? m_proxy->mapToSource(viewIndex) : viewIndex;
}

QString EntityTableView::currentKey() const
{
    return m_columns->keyAt(toColumns(currentIndex()));
}

QStringList EntityTableView::currentPath() const
{
    return m_columns->pathAt(toColumns(currentIndex()));
}

QStringList EntityTableView::selectedKeys() const
{
    QStringList keys;
    const QModelIndexList cells = selectionModel()->selectedIndexes();
    for (const QModelIndex &cell : cells) {
        const QString key = m_columns->keyAt(toColumns(cell));
        if (!key.isEmpty() && !keys.contains(key))
            keys.append(key);
    }
    if (keys.isEmpty() && !currentKey().isEmpty())
        keys.append(currentKey());
    return keys;
}

bool EntityTableView::selectKey(const QString &key)
{
    const int column = std::max(0, currentIndex().column());
    const QModelIndex index = toView(m_columns->indexForKey(key, column));
    if (!index.isValid())
        return false;
    selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    scrollTo(index);
    return true;
}

QModelIndex EntityTableView::viewIndexFor(const QString &key, const QString &column) const
{
    return toView(m_columns->indexForKey(key, std::max(0, m_columns->columnOf(column))));
}

EntityTableView::State EntityTableView::saveState() const
{
    State state;
    const QModelIndex current = toColumns(currentIndex());
    state.currentKey = m_columns->keyAt(current);
    state.currentColumn = std::max(0, current.column());
    state.currentElement = current.parent().isValid() ? current.row() : -1;
    for (int r = 0; r < model()->rowCount(); ++r) {
        const QModelIndex i = model()->index(r, 0);
        if (isExpanded(i))
            state.expanded.append(m_columns->keyAt(toColumns(i)));
    }
    state.topKey = m_columns->keyAt(toColumns(indexAt(QPoint(0, 0))));
    return state;
}

void EntityTableView::restoreState(const State &state)
{
    for (const QString &key : state.expanded)
        expand(toView(m_columns->indexForKey(key)));
    if (!state.currentKey.isEmpty()) {
        QModelIndex index = m_columns->indexForKey(state.currentKey, std::min(state.currentColumn, m_columns->columnCount() - 1));
        if (state.currentElement >= 0 && index.isValid())
            index = m_columns->index(state.currentElement, index.column(), index.siblingAtColumn(0));
        if (index.isValid())
            selectionModel()->setCurrentIndex(toView(index), QItemSelectionModel::ClearAndSelect);
    }
    if (!state.topKey.isEmpty())
        QTreeView::scrollTo(toView(m_columns->indexForKey(state.topKey)), QAbstractItemView::PositionAtTop);
}

// --- Sorting ------------------------------------------------------------------------------------

void EntityTableView::sortByName(const QString &column, Qt::SortOrder order)
{
    const int section = column.isEmpty() ? -1 : m_columns->columnOf(column);
    m_applyingSort = true;
    if (section < 0) {
        useProxy(false);
        header()->setSortIndicator(-1, Qt::AscendingOrder);
    } else {
        useProxy(true);
        m_proxy->sort(section, order);
        header()->setSortIndicator(section, order);
    }
    m_frozen->header()->setSortIndicator(section == 0 ? 0 : -1, order);
    m_applyingSort = false;
    Q_EMIT sortChanged();
}

void EntityTableView::onSortIndicatorChanged(int section, Qt::SortOrder order)
{
    if (m_applyingSort)
        return;
    sortByName(section < 0 || section >= m_columns->columnCount() ? QString() : m_columns->columns().at(section).name,
               order);
}

void EntityTableView::useProxy(bool on)
{
    QAbstractItemModel *target = on ? static_cast<QAbstractItemModel *>(m_proxy) : m_columns;
    if (model() == target)
        return;
    // What the person sees survives the swap: the current cell, the expanded rows, the scroll,
    // and the header (a new model resets its sections: widths, hidden and moved columns).
    const State state = saveState();
    const QByteArray headerState = header()->saveState();
    const bool wasApplying = m_applyingSettings;
    m_applyingSettings = true;
    if (on)
        m_proxy->setSourceModel(m_columns);
    QItemSelectionModel *old = selectionModel();
    setModel(target);
    header()->restoreState(headerState);
    header()->setFirstSectionMovable(false);
    delete old;
    if (!on)
        m_proxy->setSourceModel(nullptr); // a detached proxy costs nothing on every change
    connect(selectionModel(), &QItemSelectionModel::currentChanged, this, &EntityTableView::currentEntityChanged);
    attachFrozen();
    m_applyingSettings = wasApplying;
    restoreState(state);
}

// --- Columns ------------------------------------------------------------------------------------

void EntityTableView::setSettingsKey(const QString &key)
{
    m_settingsKey = key;
    applyColumnSettings();
}

bool EntityTableView::isColumnShown(const QString &name) const
{
    const int c = m_columns->columnOf(name);
    return c >= 0 && !isColumnHidden(c);
}

void EntityTableView::setColumnShown(const QString &name, bool shown)
{
    const int c = m_columns->columnOf(name);
    if (c <= 0) // (_id is always shown)
        return;
    setColumnHidden(c, !shown);
    if (shown && columnWidth(c) < 20)
        fitColumns(c, c);
    saveColumnSettings();
}

QStringList EntityTableView::visualOrder() const
{
    QStringList names;
    for (int v = 0; v < header()->count(); ++v) {
        const int logical = header()->logicalIndex(v);
        if (logical >= 0 && logical < m_columns->columnCount())
            names.append(m_columns->columns().at(logical).name);
    }
    return names;
}

void EntityTableView::setVisualOrder(const QStringList &names)
{
    const bool was = m_applyingSettings;
    m_applyingSettings = true;
    int target = 1;
    for (const QString &name : names) {
        const int logical = m_columns->columnOf(name);
        if (logical <= 0)
            continue;
        const int from = header()->visualIndex(logical);
        if (from != target)
            header()->moveSection(from, target);
        ++target;
    }
    m_applyingSettings = was;
    if (!was)
        saveColumnSettings();
}

void EntityTableView::applyColumnSettings()
{
    if (model()->columnCount() != m_columns->columnCount())
        return;
    m_applyingSettings = true;
    QSettings settings;
    const QString base = kSettings + m_settingsKey;
    const bool saved = !m_settingsKey.isEmpty() && settings.contains(base + u"/order"_s);
    const QStringList hidden = saved ? settings.value(base + u"/hidden"_s).toStringList() : QStringList{json::kModField};
    for (int c = 1; c < m_columns->columnCount(); ++c)
        setColumnHidden(c, hidden.contains(m_columns->columns().at(c).name));
    if (saved)
        setVisualOrder(settings.value(base + u"/order"_s).toStringList());
    m_applyingSettings = false;
    attachFrozen();
}

void EntityTableView::saveColumnSettings() const
{
    if (m_settingsKey.isEmpty() || m_applyingSettings)
        return;
    QStringList hidden;
    for (int c = 1; c < m_columns->columnCount(); ++c) {
        if (isColumnHidden(c))
            hidden.append(m_columns->columns().at(c).name);
    }
    QSettings settings;
    const QString base = kSettings + m_settingsKey;
    settings.setValue(base + u"/order"_s, visualOrder());
    settings.setValue(base + u"/hidden"_s, hidden);
}

void EntityTableView::resetColumns()
{
    if (!m_settingsKey.isEmpty())
        QSettings().remove(kSettings + m_settingsKey);
    m_applyingSettings = true;
    for (int v = 1; v < header()->count(); ++v) {
        const int logical = header()->logicalIndex(v);
        if (logical != v)
            header()->moveSection(header()->visualIndex(v), v);
    }
    m_applyingSettings = false;
    m_userSized.clear();
    applyColumnSettings();
    fitColumns();
}

void EntityTableView::onColumnsAdded(int first, int last)
{
    // Columns found later: hidden if the saved settings say so, placed where they were, fitted.
    applyColumnSettings();
    fitColumns(first, last);
}

QMenu *EntityTableView::makeColumnMenu(QWidget *parent)
{
    auto *menu = new QMenu(tr("Columns"), parent);
    menu->setObjectName(u"columnMenu"_s);
    menu->setToolTipsVisible(true);
    const QStringList order = visualOrder();
    for (const QString &name : order) {
        if (name == json::kIdField)
            continue;
        QAction *a = menu->addAction(name);
        a->setCheckable(true);
        a->setChecked(isColumnShown(name));
        a->setToolTip(m_columns->headerData(m_columns->columnOf(name), Qt::Horizontal, Qt::ToolTipRole).toString());
        connect(a, &QAction::toggled, this, [this, name](bool on) { setColumnShown(name, on); });
    }
    menu->addSeparator();
    menu->addAction(tr("Choose and order columns…"), this, &EntityTableView::chooseColumns);
    menu->addAction(tr("Fit column widths"), this, [this] {
        m_userSized.clear();
        fitColumns();
    });
    menu->addAction(tr("Reset columns"), this, &EntityTableView::resetColumns);
    return menu;
}

void EntityTableView::chooseColumns()
{
    auto *dialog = new ColumnChooserDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QList<ColumnChooserDialog::Item> items;
    const QStringList order = visualOrder();
    for (const QString &name : order) {
        if (name != json::kIdField)
            items.append({name, isColumnShown(name)});
    }
    dialog->setItems(items);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QList<ColumnChooserDialog::Item> chosen = dialog->items();
        QStringList names;
        m_applyingSettings = true;
        for (const auto &item : chosen) {
            names.append(item.name);
            const int c = m_columns->columnOf(item.name);
            if (c > 0)
                setColumnHidden(c, !item.shown);
        }
        setVisualOrder(names);
        m_applyingSettings = false;
        fitColumns();
        saveColumnSettings();
    });
    dialog->open();
}

void EntityTableView::fitColumns(int first, int last)
{
    const int count = m_columns->columnCount();
    if (last < 0 || last >= count)
        last = count - 1;
    const QFontMetrics fm = fontMetrics();
    const QAbstractItemModel *shown = model();
    const int rows = std::min(shown->rowCount(), kWidthSampleRows);
    m_fitting = true;
    for (int c = std::max(first, 0); c <= last; ++c) {
        const QString name = m_columns->columns().at(c).name;
        if (m_userSized.contains(name))
            continue;
        int width = fm.horizontalAdvance(name) + 28; // room for the sort arrow
        for (int r = 0; r < rows; ++r)
            width = std::max(width, fm.horizontalAdvance(shown->index(r, c).data().toString()) + 14);
        if (c == 0)
            width += indentation() + 24; // the expand arrow and the state icon
        setColumnWidth(c, std::clamp(width, 48, c == 0 ? kMaxColumnWidth - 40 : kMaxColumnWidth));
    }
    m_fitting = false;
    updateFrozenGeometry();
}

} // namespace loom
