#include "replicationwatcher.h"

#include "session/activitytracker.h"
#include "session/connection.h"
#include "session/connectionmanager.h"
#include "netclient.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace loom {

ReplicationWatcher::ReplicationWatcher(ConnectionManager *manager, const StoreId &store, QObject *parent)
    : QObject(parent)
    , m_manager(manager)
    , m_store(store)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ReplicationWatcher::refreshNow);
    connect(manager, &ConnectionManager::connectionAboutToBeRemoved, this, &ReplicationWatcher::forget);
    // A daemon that comes back (or goes) changes the columns: read at once.
    const auto watch = [this](Connection *c) {
        connect(c, &Connection::stateChanged, this, [this](ConnectionMonitor::State state) {
            if (m_polling && state != ConnectionMonitor::Connecting)
                refreshNow();
        });
    };
    for (Connection *c : manager->connections())
        watch(c);
    connect(manager, &ConnectionManager::connectionAdded, this, watch);
}

ReplicationWatcher::~ReplicationWatcher()
{
    // Replies in flight are children of their NetClient's caller side: cancel them with it.
    qDeleteAll(m_clients);
}

void ReplicationWatcher::setTracker(ActivityTracker *tracker)
{
    m_tracker = tracker;
}

int ReplicationWatcher::daemonIndex(const Connection *connection) const
{
    for (int i = 0; i < m_daemons.size(); ++i)
        if (m_daemons[i].connection == connection)
            return i;
    return -1;
}

NetClient *ReplicationWatcher::netClient(Connection *connection)
{
    NetClient *&client = m_clients[connection];
    if (!client)
        client = new NetClient(connection->client());
    return client;
}

void ReplicationWatcher::forget(Connection *connection)
{
    delete m_clients.take(connection);
    const int i = daemonIndex(connection);
    if (i >= 0) {
        m_daemons.removeAt(i);
        QList<ThreadState> states;
        for (const Daemon &d : std::as_const(m_daemons))
            states << d.state;
        m_report = compareReplication(states);
        Q_EMIT updated();
    }
}

void ReplicationWatcher::start()
{
    if (m_polling)
        return;
    m_polling = true;
    m_intervalMs = kFirstIntervalMs;
    refreshNow();
}

void ReplicationWatcher::stop()
{
    m_polling = false;
    m_timer->stop();
    m_nextAtMs = 0;
}

void ReplicationWatcher::storeChanged(Connection *connection, const StoreId &store)
{
    Q_UNUSED(connection)
    if (store != m_store)
        return;
    m_intervalMs = kFirstIntervalMs;
    refreshNow();
}

void ReplicationWatcher::refreshNow()
{
    if (m_pending > 0) {
        m_again = true; // one more round once this one is in
        return;
    }
    m_timer->stop();
    m_nextAtMs = 0;
    const quint64 round = ++m_roundId;
    m_round.clear();
    for (Connection *c : m_manager->connections()) {
        if (!c->isConnected())
            continue;
        Pending p;
        p.connection = c;
        p.label = c->displayName();
        m_round << p;
    }
    m_pending = int(m_round.size());
    if (m_pending == 0) {
        finishRead(round);
        return;
    }
    Q_EMIT readingChanged(true);
    for (int i = 0; i < m_round.size(); ++i) {
        Connection *c = m_round[i].connection;
        netClient(c)->threadState(m_store)->then(this, [this, round, i](Reply<ThreadState> *r) {
            if (round != m_roundId || i >= m_round.size())
                return;
            Pending &p = m_round[i];
            p.done = true;
            p.ok = r->ok();
            if (r->ok())
                p.state = r->result();
            else
                p.error = r->error().message();
            if (--m_pending == 0)
                finishRead(round);
        });
    }
}

void ReplicationWatcher::finishRead(quint64 round)
{
    if (round != m_roundId)
        return;
    QList<Daemon> daemons;
    QStringList without;
    QStringList unreadable;
    for (const Pending &p : std::as_const(m_round)) {
        if (!p.connection)
            continue;
        if (!p.ok)
            unreadable << tr("%1 (%2)").arg(p.label, p.error);
        else if (!p.state.present)
            without << p.label;
        else
            daemons << Daemon{p.connection, p.label, p.state};
    }
    m_daemons = daemons;
    m_without = without;
    m_unreadable = unreadable;
    QList<ThreadState> states;
    for (const Daemon &d : std::as_const(m_daemons))
        states << d.state;
    m_report = compareReplication(states);
    ++m_reads;
    const QByteArray now = signature();
    const bool changed = now != m_lastSignature;
    m_lastSignature = now;
    m_intervalMs = changed ? kFirstIntervalMs : std::min(m_intervalMs * 2, kMaxIntervalMs);
    Q_EMIT readingChanged(false);
    Q_EMIT updated();
    if (m_syncAwaitsRead && m_syncing == 0 && round > m_syncReadAfter) {
        m_syncAwaitsRead = false;
        const bool differs = now != m_beforeSync;
        QString message;
        if (!m_syncErrors.isEmpty())
            message = tr("Sync now: %1.").arg(m_syncErrors.join(u"; "_s));
        else if (differs)
            message = m_report.inSync() ? tr("Sync now: %1 caught up; the store is in sync.").arg(m_syncLabels.join(u", "_s))
                                        : tr("Sync now: %1 received new records.").arg(m_syncLabels.join(u", "_s));
        else
            message = tr("Sync now: nothing changed. %1 answered, but no peer had newer records for it "
                         "(or none could be reached).").arg(m_syncLabels.join(u", "_s));
        Q_EMIT syncFinished(differs, message);
    }
    if (m_again) {
        m_again = false;
        refreshNow();
        return;
    }
    scheduleNext();
}

void ReplicationWatcher::scheduleNext()
{
    if (!m_polling)
        return;
    m_timer->start(m_intervalMs);
    m_nextAtMs = QDateTime::currentMSecsSinceEpoch() + m_intervalMs;
}

// What a change is: the daemons, and every log's head and count on each.
QByteArray ReplicationWatcher::signature() const
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const Daemon &d : m_daemons) {
        hash.addData(d.label.toUtf8());
        hash.addData("\x01");
        for (const LogState &log : d.state.logs) {
            hash.addData(log.id);
            hash.addData(log.head);
            hash.addData(QByteArray::number(log.counter));
            hash.addData("\x02");
        }
    }
    return hash.result();
}

void ReplicationWatcher::syncNow()
{
    if (m_syncing > 0)
        return;
    // The daemons behind, or missing a log another one has records of.
    QList<int> behind;
    for (int d = 0; d < m_daemons.size(); ++d) {
        bool lagging = m_report.behindTotal(d) > 0;
        for (int row = 0; row < m_report.cells.size() && !lagging; ++row) {
            const LogVerdict v = m_report.cells[row].value(d).verdict;
            lagging = v == LogVerdict::Behind || v == LogVerdict::NotYetSeen || v == LogVerdict::CountUnknown
                      || v == LogVerdict::Inconsistent;
        }
        if (lagging)
            behind << d;
    }
    // Nothing known to be behind: ask every daemon (a write may not have been read yet).
    if (behind.isEmpty())
        for (int d = 0; d < m_daemons.size(); ++d)
            behind << d;
    m_beforeSync = signature();
    m_syncLabels.clear();
    m_syncErrors.clear();
    m_syncAwaitsRead = true;
    for (int d : std::as_const(behind)) {
        Connection *c = m_daemons[d].connection;
        if (!c)
            continue;
        m_syncLabels << m_daemons[d].label;
        ++m_syncing;
        const QString label = m_daemons[d].label;
        VoidReply *reply = netClient(c)->pullThread(m_store);
        reply->then(this, [this, label](VoidReply *r) {
            if (!r->ok())
                m_syncErrors << tr("%1 did not pull (%2)").arg(label, r->error().message());
            if (--m_syncing == 0) {
                m_syncReadAfter = m_roundId; // a read started before the pulls ended does not tell
                refreshNow();
            }
        });
        if (m_tracker)
            m_tracker->track(reply, c, tr("pull the store on %1").arg(label));
    }
    Q_EMIT syncStarted(m_syncLabels);
    if (m_syncing == 0) {
        m_syncReadAfter = m_roundId;
        refreshNow();
    }
}

} // namespace loom
