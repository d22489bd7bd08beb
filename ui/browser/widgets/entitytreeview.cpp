#include "entitytreeview.h"

#include "browser/delegates/entitydelegate.h"
#include "browser/models/entitymodel.h"
#include "browser/models/entitysortmodel.h"

#include <QHeaderView>
#include <QItemSelectionModel>

#include <functional>

using namespace Qt::StringLiterals;

namespace loom {

EntityTreeView::EntityTreeView(EntityModel *model, QWidget *parent)
    : QTreeView(parent)
    , m_model(model)
    , m_proxy(new EntitySortModel(this))
{
    setObjectName(u"entityTree"_s);
    setModel(m_model); // the sort proxy comes in when a sort is asked for
    setItemDelegate(new EntityDelegate(this));
    setUniformRowHeights(true); // a must for 100,000 rows
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                    | QAbstractItemView::AnyKeyPressed);
    setContextMenuPolicy(Qt::CustomContextMenu);
    setExpandsOnDoubleClick(true);
    // Header clicks cycle ascending / descending / the query's order (handled here, not by
    // QTreeView's own sorting, which would sort the model directly).
    header()->setSectionsClickable(true);
    header()->setSortIndicatorShown(true);
    header()->setSortIndicatorClearable(true);
    header()->setSortIndicator(-1, Qt::AscendingOrder);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(EntityModel::ValueColumn, QHeaderView::Stretch);
    setColumnWidth(EntityModel::KeyColumn, fontMetrics().horizontalAdvance(u"0"_s) * 34 + 40);
    setColumnWidth(EntityModel::TypeColumn, fontMetrics().horizontalAdvance(u"boolean__"_s) + 16);
    connect(header(), &QHeaderView::sortIndicatorChanged, this, &EntityTreeView::onSortIndicatorChanged);
    watchSelection();
}

void EntityTreeView::watchSelection()
{
    connect(selectionModel(), &QItemSelectionModel::currentChanged, this, &EntityTreeView::currentEntityChanged);
}

bool EntityTreeView::isSorted() const
{
    return model() == m_proxy;
}

QModelIndex EntityTreeView::toView(const QModelIndex &source) const
{
    return isSorted() ? m_proxy->mapFromSource(source) : source;
}

QModelIndex EntityTreeView::toSource(const QModelIndex &viewIndex) const
{
    return isSorted() ? m_proxy->mapToSource(viewIndex) : viewIndex;
}

QModelIndex EntityTreeView::currentSourceIndex() const
{
    return toSource(currentIndex());
}

QString EntityTreeView::currentKey() const
{
    return m_model->keyAt(currentSourceIndex());
}

QStringList EntityTreeView::selectedKeys() const
{
    QStringList keys;
    const QModelIndexList rows = selectionModel()->selectedRows();
    for (const QModelIndex &row : rows) {
        const QString key = m_model->keyAt(toSource(row));
        if (!key.isEmpty() && !keys.contains(key))
            keys.append(key);
    }
    if (keys.isEmpty() && !currentKey().isEmpty())
        keys.append(currentKey());
    return keys;
}

bool EntityTreeView::selectKey(const QString &key)
{
    const QModelIndex index = toView(m_model->indexForKey(key));
    if (!index.isValid())
        return false;
    selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollTo(index);
    return true;
}

void EntityTreeView::sortBy(int column, Qt::SortOrder order)
{
    m_applyingSort = true;
    if (column < 0) {
        m_proxy->setEntitySortPath({});
        useProxy(false);
        header()->setSortIndicator(-1, Qt::AscendingOrder);
    } else {
        useProxy(true);
        m_proxy->sort(column, order);
        header()->setSortIndicator(column, order);
    }
    m_applyingSort = false;
}

void EntityTreeView::sortByField(const QStringList &path, Qt::SortOrder order)
{
    m_applyingSort = true;
    useProxy(true);
    m_proxy->sortByField(path, order);
    header()->setSortIndicator(EntityModel::ValueColumn, order);
    m_applyingSort = false;
}

void EntityTreeView::onSortIndicatorChanged(int section, Qt::SortOrder order)
{
    if (m_applyingSort)
        return;
    // A click on a header sorts by that column (entities by their id for the key column).
    m_proxy->setEntitySortPath({});
    sortBy(section, order);
}

void EntityTreeView::useProxy(bool on)
{
    QAbstractItemModel *target = on ? static_cast<QAbstractItemModel *>(m_proxy) : m_model;
    if (model() == target)
        return;
    // What the person sees survives the swap: the current row, the expanded rows, the scroll.
    const QModelIndex current = currentSourceIndex();
    const QString currentKey = m_model->keyAt(current);
    const QStringList currentPath = m_model->pathAt(current);
    const int currentColumn = current.column();
    QList<QPair<QString, QStringList>> expanded;
    const std::function<void(const QModelIndex &)> collect = [&](const QModelIndex &parent) {
        const QAbstractItemModel *shown = model();
        for (int r = 0; r < shown->rowCount(parent); ++r) {
            const QModelIndex index = shown->index(r, 0, parent);
            if (!isExpanded(index))
                continue;
            const QModelIndex source = toSource(index);
            expanded.append({m_model->keyAt(source), m_model->pathAt(source)});
            collect(index);
        }
    };
    collect({});
    const QString topKey = m_model->keyAt(toSource(indexAt(QPoint(0, 0))));

    if (on)
        m_proxy->setSourceModel(m_model);
    QItemSelectionModel *old = selectionModel();
    setModel(target);
    delete old;
    if (!on)
        m_proxy->setSourceModel(nullptr); // a detached proxy costs nothing on every change
    watchSelection();

    for (const auto &[key, path] : std::as_const(expanded))
        expand(toView(m_model->indexForPath(key, path)));
    if (!currentKey.isEmpty()) {
        const QModelIndex index = toView(m_model->indexForPath(currentKey, currentPath, std::max(0, currentColumn)));
        selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    if (!topKey.isEmpty())
        scrollTo(toView(m_model->indexForKey(topKey)), QAbstractItemView::PositionAtTop);
}

} // namespace loom
