#include "indexlistmodel.h"

namespace loom {

IndexListModel::IndexListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void IndexListModel::setIndexes(const QList<IndexSpec> &indexes)
{
    beginResetModel();
    m_indexes = indexes;
    endResetModel();
    Q_EMIT indexesChanged();
}

QModelIndex IndexListModel::appendIndex(const QString &path, bool unique)
{
    const int row = int(m_indexes.size());
    beginInsertRows({}, row, row);
    m_indexes.append({path, unique});
    endInsertRows();
    Q_EMIT indexesChanged();
    return index(row, PathColumn);
}

int IndexListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_indexes.size());
}

int IndexListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IndexListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const IndexSpec &spec = m_indexes.at(index.row());
    if (index.column() == PathColumn) {
        if (role == Qt::DisplayRole || role == Qt::EditRole)
            return spec.path;
        if (role == Qt::ToolTipRole)
            return tr("Dot-separated path of a string, number, integer or boolean field, e.g. address.city");
    } else if (index.column() == UniqueColumn) {
        if (role == Qt::CheckStateRole)
            return spec.unique ? Qt::Checked : Qt::Unchecked;
        if (role == Qt::ToolTipRole)
            return tr("Unique: no two entities may share a value of this field");
    }
    return {};
}

bool IndexListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    IndexSpec &spec = m_indexes[index.row()];
    if (index.column() == PathColumn && role == Qt::EditRole) {
        const QString path = value.toString().trimmed();
        if (path == spec.path)
            return true;
        spec.path = path;
    } else if (index.column() == UniqueColumn && role == Qt::CheckStateRole) {
        const bool unique = value.toInt() == Qt::Checked;
        if (unique == spec.unique)
            return true;
        spec.unique = unique;
    } else {
        return false;
    }
    Q_EMIT dataChanged(index, index, {role, Qt::DisplayRole});
    Q_EMIT indexesChanged();
    return true;
}

QVariant IndexListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PathColumn:
        return tr("Field path");
    case UniqueColumn:
        return tr("Unique");
    default:
        return {};
    }
}

Qt::ItemFlags IndexListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == PathColumn)
        f |= Qt::ItemIsEditable;
    else
        f |= Qt::ItemIsUserCheckable;
    return f;
}

bool IndexListModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_indexes.size())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_indexes.remove(row, count);
    endRemoveRows();
    Q_EMIT indexesChanged();
    return true;
}

} // namespace loom
