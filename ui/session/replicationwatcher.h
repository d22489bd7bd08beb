#pragma once

#include "replication.h"
#include "storeid.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class QTimer;

namespace loom {

class ActivityTracker;
class Connection;
class ConnectionManager;
class NetClient;

// A store's replication state on every connected daemon (issue 15), read with the net API's
// GetThread (NetClient::threadState) on each connection of the ConnectionManager, the store found
// by its id. Polls while started: every 2 s, doubling up to 30 s while nothing changes, back to
// 2 s on a change; never Subscribe (a slow stream can make the daemon's writes fail,
// threads-net-api.md §8). storeChanged() (the store's Listen events, when a browser listens) reads
// again at once. Nothing here waits: each read is a reply on the GUI thread's event loop.
// The daemons' keys are never kept (ThreadState holds none).
class ReplicationWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplicationWatcher)

public:
    static constexpr int kFirstIntervalMs = 2000;
    static constexpr int kMaxIntervalMs = 30000;

    // A daemon that holds the store: a column of the report.
    struct Daemon
    {
        QPointer<Connection> connection;
        QString label; // the connection's name
        ThreadState state;
    };

    ReplicationWatcher(ConnectionManager *manager, const StoreId &store, QObject *parent = nullptr);
    ~ReplicationWatcher() override;

    StoreId store() const { return m_store; }
    // The daemons that hold the store, in the manager's order (the report's columns).
    const QList<Daemon> &daemons() const { return m_daemons; }
    const ReplicationReport &report() const { return m_report; }
    // Connected daemons without the store, and connections that could not be read (with why).
    QStringList without() const { return m_without; }
    QStringList unreadable() const { return m_unreadable; }
    bool hasRead() const { return m_reads > 0; }
    int reads() const { return m_reads; }
    bool isReading() const { return m_pending > 0; }
    bool isPolling() const { return m_polling; }
    int intervalMs() const { return m_intervalMs; }
    qint64 nextReadAtMs() const { return m_nextAtMs; }
    bool isSyncing() const { return m_syncing > 0; }
    // The index of `connection` among daemons(), or -1.
    int daemonIndex(const Connection *connection) const;

    // Sync now's pulls are shown in the status bar (with Stop); the polling reads are not.
    void setTracker(ActivityTracker *tracker);

    // Polling on/off (a panel starts it when shown and stops it when hidden).
    void start();
    void stop();
    // Reads every daemon now (once; also while not polling). Coalesced with a read in progress.
    void refreshNow();
    // PullThread on each daemon that is behind, then a read; syncFinished() tells what came of it.
    void syncNow();

public Q_SLOTS:
    // A Listen event of some store on `connection`: reads again at once if it is this store.
    void storeChanged(loom::Connection *connection, const loom::StoreId &store);

Q_SIGNALS:
    void updated();
    void readingChanged(bool reading);
    void syncStarted(const QStringList &daemonLabels);
    // `changed`: the re-read differs from before the sync. `message` says it in words.
    void syncFinished(bool changed, const QString &message);

private:
    NetClient *netClient(Connection *connection);
    void forget(Connection *connection);
    void finishRead(quint64 round);
    void scheduleNext();
    QByteArray signature() const;

    struct Pending
    {
        QPointer<Connection> connection;
        QString label;
        bool done = false;
        bool ok = false;
        ThreadState state;
        QString error;
    };

    ConnectionManager *m_manager;
    StoreId m_store;
    QTimer *m_timer;
    QHash<Connection *, NetClient *> m_clients;
    QList<Daemon> m_daemons;
    ReplicationReport m_report;
    QStringList m_without;
    QStringList m_unreadable;
    QList<Pending> m_round;
    quint64 m_roundId = 0;
    int m_pending = 0;
    bool m_again = false;
    bool m_polling = false;
    int m_intervalMs = kFirstIntervalMs;
    qint64 m_nextAtMs = 0;
    int m_reads = 0;
    QByteArray m_lastSignature;
    // Sync now: pulls in flight, then the read that tells.
    int m_syncing = 0;
    QByteArray m_beforeSync;
    QStringList m_syncLabels;
    QStringList m_syncErrors;
    bool m_syncAwaitsRead = false;
    quint64 m_syncReadAfter = 0;
    QPointer<ActivityTracker> m_tracker;
};

} // namespace loom
