#pragma once

#include <QTreeView>

namespace loom {

class EntityModel;
class EntitySortModel;

// The entity browser's tree-table. It shows the model itself while no sort is active (the sort
// proxy triples the cost of the tree's relayouts, which a 100,000-row view does on every page),
// and the sort proxy while one is; swapping keeps the current row, the expanded rows and the
// scroll. Header clicks cycle ascending / descending / the query's order. Rows are addressed by
// entity key (the _id, or "new:<n>") and field path, whatever the tree shows.
class EntityTreeView final : public QTreeView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityTreeView)

public:
    explicit EntityTreeView(EntityModel *model, QWidget *parent = nullptr);

    EntitySortModel *sortModel() const { return m_proxy; }
    // Map between the model and whatever the tree shows.
    QModelIndex toView(const QModelIndex &source) const;
    QModelIndex toSource(const QModelIndex &viewIndex) const;
    bool isSorted() const;

    QModelIndex currentSourceIndex() const;
    QString currentKey() const; // the entity the current row belongs to
    QStringList selectedKeys() const; // the selected entities (the current one if none)
    bool selectKey(const QString &key); // makes the entity's row current and shows it

    // Sorts the loaded rows by a column (-1: the query's order), or the entities by a field.
    void sortBy(int column, Qt::SortOrder order = Qt::AscendingOrder);
    void sortByField(const QStringList &path, Qt::SortOrder order = Qt::AscendingOrder);

Q_SIGNALS:
    void currentEntityChanged(); // the current row changed (also across a proxy swap)

private:
    void useProxy(bool on);
    void onSortIndicatorChanged(int section, Qt::SortOrder order);
    void watchSelection();

    EntityModel *m_model;
    EntitySortModel *m_proxy;
    bool m_applyingSort = false;
};

} // namespace loom
