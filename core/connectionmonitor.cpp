#include "connectionmonitor.h"

#include "threadsclient.h"

namespace loom {

namespace {
constexpr int kFirstRetryMs = 500;
constexpr int kMaxRetryMs = 30000;
} // namespace

ConnectionMonitor::ConnectionMonitor(ThreadsClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionMonitor::probeNow);
}

ConnectionMonitor::~ConnectionMonitor()
{
    stop();
}

void ConnectionMonitor::start()
{
    probeNow();
}

void ConnectionMonitor::stop()
{
    m_timer.stop();
    if (m_probe)
        m_probe->cancel();
}

void ConnectionMonitor::probeNow()
{
    m_timer.stop();
    if (m_probe)
        return; // one probe at a time
    VoidReply *reply = m_client->ping();
    m_probe = reply;
    connect(reply, &ReplyBase::finished, this, [this, reply] { onProbeDone(reply->error()); });
}

void ConnectionMonitor::onProbeDone(const Error &error)
{
    m_probe = nullptr;
    if (error.kind() == ErrorKind::Cancelled)
        return;
    // Up after being down (or at first): find out which API the daemon speaks, once per
    // up-transition (a daemon may have been replaced while it was away), then say Connected.
    if (!error && m_state != Connected) {
        Reply<ApiGeneration> *detect = m_client->detectGeneration();
        m_probe = detect;
        connect(detect, &ReplyBase::finished, this, [this, detect] {
            m_probe = nullptr;
            const Error e = detect->error();
            // Unsupported is an answer (the daemon is up; its calls say why they cannot work).
            onUp(e.kind() == ErrorKind::Unsupported ? Error() : e);
        });
        return;
    }
    onUp(error);
}

void ConnectionMonitor::onUp(const Error &error)
{
    if (error.kind() == ErrorKind::Cancelled)
        return;
    State next;
    if (!error) {
        m_failures = 0;
        next = Connected;
        m_timer.start(m_healthyMs);
    } else {
        ++m_failures;
        next = Unreachable;
        m_timer.start(std::min(kMaxRetryMs, kFirstRetryMs << std::min(m_failures - 1, 6)));
    }
    const bool changed = next != m_state || error.message() != m_error.message();
    m_state = next;
    m_error = error;
    if (changed)
        Q_EMIT stateChanged(m_state, m_error);
}

} // namespace loom
