#include "connection.h"

#include "threadsclient.h"

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
    connect(m_monitor.get(), &ConnectionMonitor::stateChanged, this, &Connection::stateChanged);
}

Connection::~Connection()
{
    // The monitor (and its probe) goes first; the client then cancels what is left and releases
    // its channel safely by itself (~ThreadsClient).
    m_monitor.reset();
}

ConnectionMonitor::State Connection::state() const
{
    return m_monitor->state();
}

Error Connection::lastError() const
{
    return m_monitor->lastError();
}

QString Connection::stateText() const
{
    switch (state()) {
    case ConnectionMonitor::Connected:
        return tr("connected");
    case ConnectionMonitor::Connecting:
        return tr("connecting…");
    case ConnectionMonitor::Unreachable:
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
