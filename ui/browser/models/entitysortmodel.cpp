#include "entitysortmodel.h"

#include "browser/models/entitymodel.h"
#include "browser/models/jsonvalues.h"

#include <QJsonValue>

namespace loom {

EntitySortModel::EntitySortModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(EntityModel::RawValueRole);
}

void EntitySortModel::setEntitySortPath(const QStringList &path)
{
    if (m_path == path)
        return;
    m_path = path;
    m_keysValid = false;
    invalidate();
}

void EntitySortModel::sortByField(const QStringList &path, Qt::SortOrder order)
{
    const bool same = sortColumn() == EntityModel::ValueColumn && sortOrder() == order;
    m_path = path;
    m_keysValid = false;
    if (same)
        invalidate();
    else
        sort(EntityModel::ValueColumn, order);
}

void EntitySortModel::setSourceModel(QAbstractItemModel *source)
{
    if (sourceModel())
        disconnect(sourceModel(), nullptr, this, nullptr);
    m_keysValid = false;
    if (source) {
        // Connected before the base class connects its own handlers, so that the keys are
        // current when it re-sorts.
        connect(source, &QAbstractItemModel::dataChanged, this, &EntitySortModel::sourceDataChanged);
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
            connect(source, signal, this, [this](const QModelIndex &parent) {
                if (!parent.isValid())
                    m_keysValid = false;
            });
        connect(source, &QAbstractItemModel::rowsMoved, this, [this] { m_keysValid = false; });
        connect(source, &QAbstractItemModel::modelReset, this, [this] { m_keysValid = false; });
        connect(source, &QAbstractItemModel::layoutChanged, this, [this] { m_keysValid = false; });
    }
    QSortFilterProxyModel::setSourceModel(source);
}

void EntitySortModel::sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    if (!m_keysValid || m_path.isEmpty())
        return;
    const auto *model = static_cast<const EntityModel *>(sourceModel());
    if (topLeft.parent().isValid()) {
        const QModelIndex entity = model->entityIndex(topLeft);
        if (size_t(entity.row()) < m_keys.size())
            m_keys[size_t(entity.row())] = model->fieldValue(entity, m_path);
        return;
    }
    for (int row = topLeft.row(); row <= bottomRight.row() && size_t(row) < m_keys.size(); ++row)
        m_keys[size_t(row)] = model->fieldValue(model->index(row, 0), m_path);
}

const QJsonValue &EntitySortModel::key(const QModelIndex &entity) const
{
    const auto *model = static_cast<const EntityModel *>(sourceModel());
    if (!m_keysValid || m_keys.size() != size_t(model->rowCount())) {
        m_keys.clear();
        m_keys.reserve(size_t(model->rowCount()));
        for (int row = 0; row < model->rowCount(); ++row)
            m_keys.push_back(model->fieldValue(model->index(row, 0), m_path));
        m_keysValid = true;
    }
    return m_keys[size_t(entity.row())];
}

bool EntitySortModel::hasChildren(const QModelIndex &parent) const
{
    if (!sourceModel())
        return false;
    if (!parent.isValid())
        return sourceModel()->rowCount() > 0;
    return sourceModel()->hasChildren(mapToSource(parent));
}

bool EntitySortModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const bool entities = !left.parent().isValid();
    if (!entities && !m_path.isEmpty()) {
        // Entities are sorted by a field: their fields keep their own order.
        return sortOrder() == Qt::AscendingOrder ? left.row() < right.row() : left.row() > right.row();
    }
    if (entities && !m_path.isEmpty()) {
        if (const int c = json::compare(key(left), key(right)))
            return c < 0;
        return left.row() < right.row(); // (the model's own order: by id)
    }
    const QVariant a = left.data(EntityModel::RawValueRole);
    const QVariant b = right.data(EntityModel::RawValueRole);
    if (a.metaType() == QMetaType::fromType<QJsonValue>() && b.metaType() == QMetaType::fromType<QJsonValue>())
        return json::compare(a.value<QJsonValue>(), b.value<QJsonValue>()) < 0;
    if (a.metaType() == QMetaType::fromType<int>() && b.metaType() == QMetaType::fromType<int>())
        return a.toInt() < b.toInt();
    return a.toString() < b.toString();
}

} // namespace loom
