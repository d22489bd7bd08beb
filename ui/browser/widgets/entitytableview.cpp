#include "entitytableview.h"

#include "browser/delegates/entitycelldelegate.h"
#include "browser/models/entitycolumnmodel.h"
#include "browser/models/entitycolumnsortmodel.h"
#include "browser/widgets/entitytablecolumns.h"
#include "jsonrules.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QScrollBar>

#include <functional>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

// The rows of `changed` a view shows now (top-level rows; a shown element row counts as its
// entity's). QTreeView::dataChanged visits every row of a range (its height, whether it has
// children): a Listen batch is one range that may span 100,000 rows, and rows off screen are
// read again when they are drawn.
std::pair<int, int> shownRows(const QTreeView *view, int first, int last)
{
    const auto topLevel = [](QModelIndex i) {
        while (i.parent().isValid())
            i = i.parent();
        return i.row();
    };
    const QModelIndex top = view->indexAt(QPoint(1, 1));
    const QModelIndex bottom = view->indexAt(QPoint(1, view->viewport()->height() - 2));
    const int from = top.isValid() ? topLevel(top) : 0;
    const int to = bottom.isValid() ? topLevel(bottom) : view->model()->rowCount() - 1;
    return {std::max(first, from), std::min(last, to)};
}

void dataChangedShown(QTreeView *view, const QModelIndex &topLeft, const QModelIndex &bottomRight,
                      const QList<int> &roles, const std::function<void(const QModelIndex &, const QModelIndex &)> &base)
{
    if (topLeft.parent().isValid() || bottomRight.row() - topLeft.row() < 64) {
        base(topLeft, bottomRight);
        return;
    }
    Q_UNUSED(roles);
    const auto [first, last] = shownRows(view, topLeft.row(), bottomRight.row());
    if (first <= last)
        base(topLeft.siblingAtRow(first), bottomRight.siblingAtRow(last));
}

// The frozen _id column's view: large ranges of changes only for the rows it shows, as the table.
class FrozenView final : public QTreeView
{
public:
    using QTreeView::QTreeView;

protected:
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles) override
    {
        dataChangedShown(this, topLeft, bottomRight, roles, [this, &roles](const QModelIndex &a, const QModelIndex &b) {
            QTreeView::dataChanged(a, b, roles);
        });
    }
};

} // namespace

EntityTableView::EntityTableView(EntityColumnModel *model, QWidget *parent)
    : QTreeView(parent)
    , m_columns(model)
    , m_proxy(new EntityColumnSortModel(this))
    , m_frozen(new FrozenView(this))
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
    watchSelection();

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
    m_layout = new EntityTableColumns(this, m_columns); // (after the header is set up)
    connect(h, &QHeaderView::sectionResized, this, [this](int logical) {
        if (logical == 0)
            updateFrozenGeometry();
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
            sortByName(m_columns->columns().idField(), ascending ? Qt::DescendingOrder : Qt::AscendingOrder);
    });
    connect(m_frozen, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        Q_EMIT customContextMenuRequested(viewport()->mapFromGlobal(m_frozen->viewport()->mapToGlobal(pos)));
    });
    connect(m_frozen->verticalScrollBar(), &QScrollBar::valueChanged, verticalScrollBar(), &QScrollBar::setValue);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, m_frozen->verticalScrollBar(), &QScrollBar::setValue);
    connect(horizontalScrollBar(), &QScrollBar::valueChanged, this, &EntityTableView::updateFrozenGeometry);
    connect(this, &QTreeView::expanded, m_frozen, &QTreeView::expand);
    connect(this, &QTreeView::collapsed, m_frozen, &QTreeView::collapse);
    connect(m_frozen, &QTreeView::expanded, this, &QTreeView::expand);
    connect(m_frozen, &QTreeView::collapsed, this, &QTreeView::collapse);
    attachFrozen();

    // (EntityTableColumns applies the saved columns and fits new ones as they come.)
    connect(m_columns, &EntityColumnModel::columnsAdded, this, &EntityTableView::attachFrozen);
    connect(m_columns, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_resetState = saveState(); });
    connect(m_columns, &QAbstractItemModel::modelReset, this, [this] {
        m_layout->apply();
        m_fittedWithRows = m_columns->rowCount() > 0; // (a new query: fit again to its first rows)
        m_layout->fit();
        restoreState(m_resetState);
        attachFrozen();
    });
    connect(m_columns, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent) {
        if (!parent.isValid() && !m_fittedWithRows) {
            m_fittedWithRows = true;
            m_layout->fit();
        }
    });
    m_layout->apply();
    m_layout->fit();
    attachFrozen();
}

void EntityTableView::watchSelection()
{
    connect(selectionModel(), &QItemSelectionModel::currentChanged, this, &EntityTableView::currentEntityChanged);
    connect(selectionModel(), &QItemSelectionModel::selectionChanged, this, &EntityTableView::currentEntityChanged);
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
    // Only while the table is scrolled sideways: unscrolled, its own _id column is in place, and
    // a hidden view does not lay its 100,000 rows out again with every page.
    m_frozen->setVisible(horizontalScrollBar()->value() > 0);
    m_frozen->setColumnWidth(0, columnWidth(0));
    m_frozen->header()->setFixedHeight(header()->height());
    m_frozen->setGeometry(frameWidth(), frameWidth(), columnWidth(0),
                          viewport()->height() + (header()->isHidden() ? 0 : header()->height()));
    m_frozen->verticalScrollBar()->setValue(verticalScrollBar()->value());
}

void EntityTableView::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    dataChangedShown(this, topLeft, bottomRight, roles, [this, &roles](const QModelIndex &a, const QModelIndex &b) {
        QTreeView::dataChanged(a, b, roles);
    });
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
    const bool wasQuiet = m_layout->isQuiet();
    m_layout->setQuiet(true); // (the header's restored state is not the person's choice)
    if (on)
        m_proxy->setSourceModel(m_columns);
    QItemSelectionModel *old = selectionModel();
    setModel(target);
    header()->restoreState(headerState);
    header()->setFirstSectionMovable(false);
    delete old;
    if (!on)
        m_proxy->setSourceModel(nullptr); // a detached proxy costs nothing on every change
    watchSelection();
    attachFrozen();
    m_layout->setQuiet(wasQuiet);
    restoreState(state);
}

} // namespace loom
