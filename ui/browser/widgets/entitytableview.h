#pragma once

#include <QTreeView>

namespace loom {

class EntityColumnModel;
class EntityColumnSortModel;
class EntityTableColumns;

// The entity browser's table: one row per entity, one column per field (EntityColumnModel),
// arrays expanding into element rows. The _id column is frozen: a second, focus-less tree view
// over the same model and selection lies over the left edge and shows only that column, so ids
// stay in sight when the table scrolls sideways (the Qt "frozen column" technique; shown only
// while the table is scrolled sideways); keyboard and
// wheel act on this view, which keeps the frozen view's scroll and expanded rows in step.
// Header clicks sort the loaded entities by that field (ascending, descending, the query's
// order); the sort proxy is shown only while a sort is on (as EntityTreeView does). Which
// columns it shows, in what order and how wide is EntityTableColumns' (remembered per collection).
class EntityTableView final : public QTreeView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityTableView)

public:
    explicit EntityTableView(EntityColumnModel *model, QWidget *parent = nullptr);

    EntityColumnModel *columnModel() const { return m_columns; }
    EntityColumnSortModel *sortModel() const { return m_proxy; }
    EntityTableColumns *columnLayout() const { return m_layout; } // shown columns, order, widths
    QTreeView *frozenView() const { return m_frozen; }
    QModelIndex toView(const QModelIndex &columnIndex) const;
    QModelIndex toColumns(const QModelIndex &viewIndex) const;
    bool isSorted() const;
    QString sortedColumnName() const; // empty while the query's order is shown
    Qt::SortOrder sortedOrder() const;

    QString currentKey() const;
    QStringList currentPath() const; // the field of the current cell (empty on _id)
    QStringList selectedKeys() const;
    bool selectKey(const QString &key); // keeps the current column
    QModelIndex viewIndexFor(const QString &key, const QString &column) const; // (tests)

    // Sorts the loaded entities by a column's field (empty: the query's order).
    void sortByName(const QString &column, Qt::SortOrder order = Qt::AscendingOrder);

Q_SIGNALS:
    void currentEntityChanged(); // the current cell or the selection changed
    void sortChanged();

protected:
    // A large range of changes (a Listen batch) is passed on for the rows shown only.
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles = {}) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollTo(const QModelIndex &index, ScrollHint hint = EnsureVisible) override;
    void updateGeometries() override;

private:
    struct State
    {
        QString currentKey;
        int currentColumn = 0;
        int currentElement = -1;
        QStringList expanded;
        QString topKey;
    };
    State saveState() const;
    void restoreState(const State &state);
    void useProxy(bool on);
    void watchSelection();
    void attachFrozen();
    void updateFrozenGeometry();
    void onSortIndicatorChanged(int section, Qt::SortOrder order);

    EntityColumnModel *m_columns;
    EntityColumnSortModel *m_proxy;
    QTreeView *m_frozen;
    EntityTableColumns *m_layout = nullptr;
    State m_resetState;
    bool m_applyingSort = false;
    bool m_fittedWithRows = false;
};

} // namespace loom
