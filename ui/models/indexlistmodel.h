#pragma once

#include "types.h"

#include <QAbstractTableModel>

namespace loom {

// A collection's secondary indexes, editable: path (dot-separated field path) and unique.
class IndexListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IndexListModel)

public:
    enum Column { PathColumn, UniqueColumn, ColumnCount };

    explicit IndexListModel(QObject *parent = nullptr);

    QList<IndexSpec> indexes() const { return m_indexes; }
    void setIndexes(const QList<IndexSpec> &indexes);
    // Appends a row (empty path) and returns its index.
    QModelIndex appendIndex(const QString &path = {}, bool unique = false);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

Q_SIGNALS:
    void indexesChanged();

private:
    QList<IndexSpec> m_indexes;
};

} // namespace loom
