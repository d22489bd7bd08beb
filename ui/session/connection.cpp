#include "connection.h"

#include "threadsclient.h"

#include <QPointer>
#include <QTimer>

namespace loom {

Connection::Connection(const QString &id, const ConnectionSettings &settings, bool rememberToken,
                       bool persistent, QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_settings(settings)
    , m_rememberToken(rememberToken)
    , m_persistent(persistent)
    , m_client(std::make_unique<ThreadsClient>(settings))
    , m_monitor(std::make_unique<ConnectionMonitor>(m_client.get()))
{
    connect(m_monitor.get(), &ConnectionMonitor::stateChanged, this, &Connection::monitorStateChanged);
}

void Connection::monitorStateChanged(ConnectionMonitor::State state, const Error &error)
{
    if (state != ConnectionMonitor::Connected) {
        m_detected = false; // after a reconnect the daemon may be another one
        m_detectError = {};
        Q_EMIT stateChanged(state, error);
        return;
    }
    if (m_detected) {
        Q_EMIT stateChanged(state, error);
        return;
    }
    detectGeneration();
}

void Connection::detectGeneration()
{
    if (m_detecting)
        return;
    m_detecting = true;
    m_client->detectGeneration()->then(this, [this](Reply<ApiGeneration> *r) {
        m_detecting = false;
        if (m_monitor->state() != ConnectionMonitor::Connected)
            return; // went away meanwhile: the monitor's own change was passed on
        if (!r->ok()) {
            // Answered the monitor but not the probe: try again shortly, unreachable till then.
            m_detectError = r->error();
            Q_EMIT stateChanged(state(), m_detectError);
            QTimer::singleShot(2000, this, [this] {
                if (!m_detected && m_monitor->state() == ConnectionMonitor::Connected)
                    detectGeneration();
            });
            return;
        }
        if (r->result() == ApiGeneration::Unsupported) {
            m_detectError = Error(ErrorKind::Unsupported,
                                  tr("This daemon speaks an API Loom does not support: %1. Loom works with "
                                     "go-threads v1 and with legacy v0.1 (v0.1.3–v0.1.10) daemons.")
                                      .arg(generationName(ApiGeneration::Unsupported)));
            Q_EMIT stateChanged(state(), m_detectError);
            return;
        }
        m_detected = true;
        m_detectError = {};
        Q_EMIT stateChanged(state(), {});
    });
}

Connection::~Connection()
{
    // The monitor (and its probe) goes first; the client then cancels what is left and releases
    // its channel safely by itself (~ThreadsClient).
    m_monitor.reset();
}

ConnectionMonitor::State Connection::state() const
{
    const ConnectionMonitor::State s = m_monitor->state();
    if (s != ConnectionMonitor::Connected || m_detected)
        return s;
    return m_detectError.isError() ? ConnectionMonitor::Unreachable : ConnectionMonitor::Connecting;
}

ApiGeneration Connection::generation() const
{
    return m_client->generation();
}

QString Connection::generationText() const
{
    const ApiGeneration g = generation();
    return g == ApiGeneration::Unknown ? QString() : generationName(g);
}

Error Connection::lastError() const
{
    if (m_monitor->state() == ConnectionMonitor::Connected && m_detectError.isError())
        return m_detectError;
    return m_monitor->lastError();
}

QString Connection::stateText() const
{
    switch (state()) {
    case ConnectionMonitor::Connected:
        // The badge in the tree: a legacy daemon says so ("connected · legacy v0.1").
        return generation() == ApiGeneration::Legacy ? tr("connected · %1").arg(generationName(ApiGeneration::Legacy))
                                                      : tr("connected");
    case ConnectionMonitor::Connecting:
        return tr("connecting…");
    case ConnectionMonitor::Unreachable:
        if (m_monitor->state() == ConnectionMonitor::Connected && generation() == ApiGeneration::Unsupported)
            return tr("unsupported version");
        return tr("unreachable");
    }
    return {};
}

void Connection::start()
{
    m_monitor->start();
}

void Connection::setToken(const QString &token)
{
    m_settings.token = token;
    m_client->setToken(token);
}

void Connection::probeNow()
{
    m_monitor->probeNow();
}

} // namespace loom
