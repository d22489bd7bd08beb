#pragma once

#include <QJsonValue>
#include <QSortFilterProxyModel>

#include <vector>

namespace loom {

// Sorts an EntityColumnModel's entities by one column's field with core's JSON total order
// (json::compare, as Query::sortPage does); ties keep the model's order (by _id). Sorting by
// the _id column is the daemon's order. Element rows keep their order. The values sorted by are
// read once per sort (one field lookup per entity), not twice per comparison.
class EntityColumnSortModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityColumnSortModel)

public:
    explicit EntityColumnSortModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *source) override;
    // Without filtering, whether a row has children is the source's answer (asking the base
    // class would build a mapping for every entity).
    bool hasChildren(const QModelIndex &parent = {}) const override;

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    const QJsonValue &key(int sourceRow) const;
    void sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);

    mutable std::vector<QJsonValue> m_keys;
    mutable int m_keysColumn = -1;
};

} // namespace loom
