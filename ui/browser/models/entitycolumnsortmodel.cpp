#include "entitycolumnsortmodel.h"

#include "browser/models/entitycolumnmodel.h"
#include "jsonrules.h"

namespace loom {

EntityColumnSortModel::EntityColumnSortModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void EntityColumnSortModel::setSourceModel(QAbstractItemModel *source)
{
    if (sourceModel())
        disconnect(sourceModel(), nullptr, this, nullptr);
    m_keysColumn = -1;
    if (source) {
        // Connected before the base class's own handlers, so that the keys are current when it
        // re-sorts.
        connect(source, &QAbstractItemModel::dataChanged, this, &EntityColumnSortModel::sourceDataChanged);
        const auto drop = [this] { m_keysColumn = -1; };
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            connect(source, signal, this, [this](const QModelIndex &parent) {
                if (!parent.isValid())
                    m_keysColumn = -1;
            });
        connect(source, &QAbstractItemModel::rowsMoved, this, drop);
        connect(source, &QAbstractItemModel::modelReset, this, drop);
        connect(source, &QAbstractItemModel::layoutChanged, this, drop);
        connect(source, &QAbstractItemModel::columnsInserted, this, drop);
    }
    QSortFilterProxyModel::setSourceModel(source);
}

void EntityColumnSortModel::sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    if (m_keysColumn < 0 || topLeft.parent().isValid())
        return;
    const auto *model = static_cast<const EntityColumnModel *>(sourceModel());
    for (int row = topLeft.row(); row <= bottomRight.row() && size_t(row) < m_keys.size(); ++row)
        m_keys[size_t(row)] = model->valueAt(model->index(row, m_keysColumn));
}

const QJsonValue &EntityColumnSortModel::key(int sourceRow) const
{
    const auto *model = static_cast<const EntityColumnModel *>(sourceModel());
    const int rows = model->rowCount();
    if (m_keysColumn != sortColumn() || m_keys.size() != size_t(rows)) {
        m_keys.clear();
        m_keys.reserve(size_t(rows));
        for (int row = 0; row < rows; ++row)
            m_keys.push_back(model->valueAt(model->index(row, sortColumn())));
        m_keysColumn = sortColumn();
    }
    return m_keys[size_t(sourceRow)];
}

bool EntityColumnSortModel::hasChildren(const QModelIndex &parent) const
{
    if (!sourceModel())
        return false;
    if (!parent.isValid())
        return sourceModel()->rowCount() > 0;
    return sourceModel()->hasChildren(mapToSource(parent));
}

bool EntityColumnSortModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.parent().isValid()) // element rows keep their order, whichever way entities go
        return sortOrder() == Qt::AscendingOrder ? left.row() < right.row() : left.row() > right.row();
    if (const int c = json::compare(key(left.row()), key(right.row())))
        return c < 0;
    return sortOrder() == Qt::AscendingOrder ? left.row() < right.row() : left.row() > right.row();
}

} // namespace loom
