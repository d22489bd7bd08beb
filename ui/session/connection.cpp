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
    connect(m_monitor.get(), &ConnectionMonitor::stateChanged, this,
            [this](ConnectionMonitor::State, const Error &) { Q_EMIT stateChanged(state(), lastError()); });
}

Connection::~Connection()
{
    // The monitor (and its probe) goes first; the client then cancels what is left and releases
    // its channel safely by itself (~ThreadsClient).
    m_monitor.reset();
}

ConnectionMonitor::State Connection::state() const
{
    // The monitor reports Connected once the daemon's API generation is known; a daemon whose API
    // Loom does not support answers, but nothing can be done with it.
    const ConnectionMonitor::State s = m_monitor->state();
    return s == ConnectionMonitor::Connected && isUnsupported() ? ConnectionMonitor::Unreachable : s;
}

bool Connection::isUnsupported() const
{
    return m_monitor->state() == ConnectionMonitor::Connected && generation() == ApiGeneration::Unsupported;
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
    if (isUnsupported())
        return Error(ErrorKind::Unsupported,
                     tr("This daemon speaks an API Loom does not support: %1. Loom works with go-threads v1 and "
                        "legacy v0.1 (v0.1.3–v0.1.10) daemons.")
                         .arg(generationName(ApiGeneration::Unsupported)));
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
        if (isUnsupported())
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
