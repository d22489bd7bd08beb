#pragma once

#include <QSortFilterProxyModel>
#include <QJsonValue>
#include <QStringList>

#include <vector>

namespace loom {

// Sorts the loaded rows of an EntityModel by its raw-value role (ids, keys, JSON values in a
// total order, type names), or sorts entities by a field ("sort by this field", or a query's sort
// on a field other than _id, which the daemon cannot do across pages).
class EntitySortModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntitySortModel)

public:
    explicit EntitySortModel(QObject *parent = nullptr);

    // Entities are ordered by the value at this path (keys from the entity down); children keep
    // the column order. Empty: entities by the sorted column.
    void setEntitySortPath(const QStringList &path);
    QStringList entitySortPath() const { return m_path; }
    // Entities by the value at `path`, in one sort.
    void sortByField(const QStringList &path, Qt::SortOrder order);

    void setSourceModel(QAbstractItemModel *source) override;

    // Without filtering, whether a row has children is the source's answer; asking the base
    // class would build a mapping (and the source's child rows) for every entity.
    bool hasChildren(const QModelIndex &parent = {}) const override;

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    void sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);
    const QJsonValue &key(const QModelIndex &entity) const;

    QStringList m_path;
    // The values sorted by, one per entity (source row), read once per sort rather than twice
    // per comparison from documents all over the heap.
    mutable std::vector<QJsonValue> m_keys;
    mutable bool m_keysValid = false;
};

} // namespace loom
