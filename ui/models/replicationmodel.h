#pragma once

#include "replication.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace loom {

// A store's replication report as a table (issue 15): one row per log of the store (the union
// over the daemons), the log's id (shortened; the full id in the tooltip), which connected daemon
// writes it, then one column per daemon that holds the store with the log's record count there
// and a verdict in words ("in sync", "behind by 12", "not yet seen"). The daemon columns' headers
// carry the daemon's name and its summary ("behind by 12 records on 1 log"). Never a key: the
// report has none.
class ReplicationModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplicationModel)

public:
    enum Column { LogColumn, WriterColumn, FirstDaemonColumn };
    enum Role {
        VerdictRole = Qt::UserRole + 1, // LogVerdict as int (daemon cells)
        BehindRole,                     // records behind (daemon cells)
        CounterRole,                    // records on that daemon, -1 unknown (daemon cells)
        FullIdRole,                     // the log's full id (every cell of the row)
        SummaryRole,                    // the daemon's summary (horizontal header of a daemon)
    };

    explicit ReplicationModel(QObject *parent = nullptr);

    // `states` are the daemons' (the columns, in order; labels name them); `report` compares them.
    void setReport(const QStringList &labels, const QList<ThreadState> &states, const ReplicationReport &report);
    const ReplicationReport &report() const { return m_report; }
    QStringList labels() const { return m_labels; }
    int daemonCount() const { return int(m_labels.size()); }
    // "12D3KooW…x7Qz9a"
    static QString shortId(const QString &idText);
    // The words of a cell: "100 records · in sync", "88 records · behind by 12", "not yet seen".
    static QString cellText(const LogCell &cell);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const LogState *logOn(int daemon, const QByteArray &id) const;
    QVariant daemonCell(int row, int daemon, int role) const;

    QStringList m_labels;
    QList<ThreadState> m_states;
    ReplicationReport m_report;
};

} // namespace loom
