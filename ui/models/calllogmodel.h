#pragma once

#include "calllog.h"

#include <QAbstractTableModel>
#include <QPointer>

#include <vector>

namespace loom {

// The call log as a table, newest first: time, daemon, store, operation, request, duration,
// result (failed calls in red). Follows the log as calls end; keeps at most the log's capacity.
class CallLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallLogModel)

public:
    enum Column { TimeColumn, DaemonColumn, StoreColumn, OperationColumn, RequestColumn, DurationColumn,
                  ResultColumn, ColumnCount };
    enum Role { RecordLineRole = Qt::UserRole + 1, OkRole };

    explicit CallLogModel(CallLog *log, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const CallRecord &record(int row) const { return m_records[m_records.size() - 1 - size_t(row)]; }
    CallLog *log() const { return m_log; }

private:
    void append(const CallRecord &record);
    void reset();

    QPointer<CallLog> m_log;
    std::vector<CallRecord> m_records; // oldest first; row 0 is the newest
    quint64 m_readUpTo = 0;            // the newest serial reset() read from the log
};

} // namespace loom
