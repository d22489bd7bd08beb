#include "calllogmodel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace loom {

CallLogModel::CallLogModel(CallLog *log, QObject *parent)
    : QAbstractTableModel(parent)
    , m_log(log)
{
    reset();
    connect(log, &CallLog::recorded, this, &CallLogModel::append);
    connect(log, &CallLog::cleared, this, &CallLogModel::reset);
}

void CallLogModel::reset()
{
    beginResetModel();
    m_records.clear();
    if (m_log) {
        const QList<CallRecord> records = m_log->records();
        m_records.assign(records.begin(), records.end());
    }
    m_readUpTo = m_records.empty() ? 0 : m_records.back().serial;
    endResetModel();
}

void CallLogModel::append(const CallRecord &record)
{
    // recorded() is queued: a record reset() already read from the log comes again.
    if (record.serial <= m_readUpTo)
        return;
    beginInsertRows({}, 0, 0);
    m_records.push_back(record);
    endInsertRows();
    const int capacity = m_log ? m_log->capacity() : 10000;
    if (int(m_records.size()) > capacity) {
        const int extra = int(m_records.size()) - capacity;
        beginRemoveRows({}, capacity, capacity + extra - 1);
        m_records.erase(m_records.begin(), m_records.begin() + extra);
        endRemoveRows();
    }
}

int CallLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int CallLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CallLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const CallRecord &r = record(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn: return r.started.toString(u"HH:mm:ss.zzz"_s);
        case DaemonColumn: return r.endpoint;
        case StoreColumn: return r.store;
        case OperationColumn: return r.operation;
        case RequestColumn: return r.request;
        case DurationColumn:
            return r.durationUs >= 10000 ? tr("%1 ms").arg(QLocale().toString(r.durationUs / 1000))
                                         : tr("%1 ms").arg(QLocale().toString(double(r.durationUs) / 1000.0, 'f', 2));
        case ResultColumn: return r.result;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == RequestColumn || index.column() == ResultColumn || index.column() == StoreColumn)
            return data(index, Qt::DisplayRole);
        if (index.column() == TimeColumn)
            return QLocale().toString(r.started, QLocale::LongFormat);
        break;
    case Qt::ForegroundRole:
        if (!r.ok && index.column() == ResultColumn)
            return QBrush(QColor(0xc0, 0x1c, 0x28));
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == DurationColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case RecordLineRole:
        return r.toLine();
    case OkRole:
        return r.ok;
    }
    return {};
}

QVariant CallLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case DaemonColumn: return tr("Daemon");
    case StoreColumn: return tr("Store");
    case OperationColumn: return tr("Call");
    case RequestColumn: return tr("Request");
    case DurationColumn: return tr("Took");
    case ResultColumn: return tr("Result");
    }
    return {};
}

} // namespace loom
