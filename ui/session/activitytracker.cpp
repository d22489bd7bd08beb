#include "activitytracker.h"

#include "session/connection.h"
#include "reply.h"

namespace loom {

ActivityTracker::ActivityTracker(QObject *parent)
    : QObject(parent)
{
}

ActivityTracker::~ActivityTracker() = default;

void ActivityTracker::track(ReplyBase *reply, Connection *connection, const QString &description)
{
    if (!reply || reply->isFinished())
        return;
    Call call;
    call.reply = reply;
    call.connection = connection;
    call.description = description.isEmpty() ? reply->operation() : description;
    if (connection && description.isEmpty())
        call.description = tr("%1 on %2").arg(call.description, connection->displayName());
    m_calls.append(call);
    reply->then(this, [this](ReplyBase *r) { finished(r); });
    connect(reply, &QObject::destroyed, this, [this, reply] { finished(reply); });
    connect(reply, &ReplyBase::progress, this, [this, reply](qint64 done, qint64 total) {
        for (Call &c : m_calls) {
            if (c.reply == reply) {
                c.done = done;
                c.total = total;
            }
        }
        Q_EMIT changed();
    });
    Q_EMIT changed();
}

void ActivityTracker::finished(ReplyBase *reply)
{
    Connection *connection = nullptr;
    bool unreachable = false;
    const auto it = std::find_if(m_calls.begin(), m_calls.end(),
                                 [reply](const Call &c) { return c.reply.data() == reply; });
    const bool found = it != m_calls.end();
    if (found) {
        connection = it->connection;
        unreachable = reply->isFinished() && reply->error().kind() == ErrorKind::Unreachable;
        m_calls.erase(it);
    }
    // Replies destroyed before they finished (their QPointer is already null).
    const qsizetype gone = m_calls.removeIf([](const Call &c) { return c.reply.isNull(); });
    if (!found && gone == 0)
        return;
    if (unreachable && connection)
        connection->probeNow();
    Q_EMIT changed();
}

QString ActivityTracker::currentDescription() const
{
    return m_calls.isEmpty() ? QString() : m_calls.last().description;
}

qint64 ActivityTracker::progressDone() const
{
    for (auto it = m_calls.rbegin(); it != m_calls.rend(); ++it)
        if (it->total > 0)
            return it->done;
    return 0;
}

qint64 ActivityTracker::progressTotal() const
{
    for (auto it = m_calls.rbegin(); it != m_calls.rend(); ++it)
        if (it->total > 0)
            return it->total;
    return 0;
}

void ActivityTracker::cancelAll()
{
    const QList<Call> calls = m_calls;
    for (const Call &c : calls)
        if (c.reply)
            c.reply->cancel();
}

} // namespace loom
