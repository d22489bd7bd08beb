// EntityBrowserWidget: sorting the loaded rows, with the sort proxy in the view only while needed.
#include "entitybrowserwidget.h"

#include "entitymodel.h"
#include "entitysortmodel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QScrollBar>
#include <QTreeView>

namespace loom {

bool EntityBrowserWidget::isSorted() const
{
    return m_view->model() == m_proxy;
}

QModelIndex EntityBrowserWidget::toView(const QModelIndex &source) const
{
    return isSorted() ? m_proxy->mapFromSource(source) : source;
}

QModelIndex EntityBrowserWidget::toSource(const QModelIndex &viewIndex) const
{
    return isSorted() ? m_proxy->mapToSource(viewIndex) : viewIndex;
}

void EntityBrowserWidget::sortBy(int column, Qt::SortOrder order)
{
    m_applyingSort = true;
    if (column < 0) {
        m_proxy->setEntitySortPath({});
        useProxy(false);
        m_view->header()->setSortIndicator(-1, Qt::AscendingOrder);
    } else {
        useProxy(true);
        m_proxy->sort(column, order);
        m_view->header()->setSortIndicator(column, order);
    }
    m_applyingSort = false;
}

void EntityBrowserWidget::sortByField(const QStringList &path, Qt::SortOrder order)
{
    m_applyingSort = true;
    useProxy(true);
    m_proxy->sortByField(path, order);
    m_view->header()->setSortIndicator(EntityModel::ValueColumn, order);
    m_applyingSort = false;
}

void EntityBrowserWidget::onSortIndicatorChanged(int section, Qt::SortOrder order)
{
    if (m_applyingSort)
        return;
    // A click on a header sorts by that column (entities by their id for the key column).
    m_proxy->setEntitySortPath({});
    sortBy(section, order);
}

void EntityBrowserWidget::useProxy(bool on)
{
    QAbstractItemModel *target = on ? static_cast<QAbstractItemModel *>(m_proxy) : m_model;
    if (m_view->model() == target)
        return;
    // What the person sees survives the swap: the current row, the expanded rows, the scroll.
    const QModelIndex current = currentSourceIndex();
    const QString currentKey = m_model->keyAt(current);
    const QStringList currentPath = m_model->pathAt(current);
    const int currentColumn = current.column();
    QList<QPair<QString, QStringList>> expanded;
    const std::function<void(const QModelIndex &)> collect = [&](const QModelIndex &parent) {
        const QAbstractItemModel *model = m_view->model();
        for (int r = 0; r < model->rowCount(parent); ++r) {
            const QModelIndex index = model->index(r, 0, parent);
            if (!m_view->isExpanded(index))
                continue;
            const QModelIndex source = toSource(index);
            expanded.append({m_model->keyAt(source), m_model->pathAt(source)});
            collect(index);
        }
    };
    collect({});
    const QString topKey = m_model->keyAt(toSource(m_view->indexAt(QPoint(0, 0))));

    if (on)
        m_proxy->setSourceModel(m_model);
    QItemSelectionModel *old = m_view->selectionModel();
    m_view->setModel(target);
    delete old;
    if (!on)
        m_proxy->setSourceModel(nullptr); // a detached proxy costs nothing on every change
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &EntityBrowserWidget::onCurrentChanged);

    for (const auto &[key, path] : std::as_const(expanded))
        m_view->expand(toView(m_model->indexForPath(key, path)));
    if (!currentKey.isEmpty()) {
        const QModelIndex index = toView(m_model->indexForPath(currentKey, currentPath, std::max(0, currentColumn)));
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    if (!topKey.isEmpty())
        m_view->scrollTo(toView(m_model->indexForKey(topKey)), QAbstractItemView::PositionAtTop);
}

} // namespace loom
