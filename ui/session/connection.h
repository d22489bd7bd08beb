#pragma once

#include "connectionmonitor.h"
#include "error.h"
#include "types.h"

#include <QObject>
#include <QString>

#include <memory>

namespace loom {

class ThreadsClient;

// One daemon connection as the UI sees it: the settings it was made from, the client core object
// that talks to the daemon, and the monitor that tells whether the daemon answers (retrying with
// back-off while it does not).
class Connection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Connection)

public:
    // `id` identifies the connection in the settings; `persistent` connections are saved (those
    // opened from the command line are not); the token is saved only when `rememberToken`.
    Connection(const QString &id, const ConnectionSettings &settings, bool rememberToken,
               bool persistent, QObject *parent = nullptr);
    ~Connection() override;

    QString id() const { return m_id; }
    const ConnectionSettings &settings() const { return m_settings; }
    QString displayName() const { return m_settings.displayName(); }
    QString endpoint() const { return m_settings.endpoint(); }
    bool rememberToken() const { return m_rememberToken; }
    bool isPersistent() const { return m_persistent; }

    ThreadsClient *client() const { return m_client.get(); }
    ConnectionMonitor *monitor() const { return m_monitor.get(); }
    // The monitor's state (Connected once the daemon's API generation is known: the monitor
    // detects it each time the daemon comes up), except that a daemon of an unsupported
    // generation counts as Unreachable, with a clear error.
    ConnectionMonitor::State state() const;
    ApiGeneration generation() const;
    // "go-threads v1", "legacy v0.1" (empty while unknown).
    QString generationText() const;
    bool isConnected() const { return state() == ConnectionMonitor::Connected; }
    Error lastError() const;
    // "connected", "connecting…", "unreachable": the state in words.
    QString stateText() const;

    // Starts watching the daemon (the first probe runs at once).
    void start();
    // The token sent with every later call (a remembered one arrives from the keychain after the
    // connection was made).
    void setToken(const QString &token);
    // Probes the daemon now (refresh, or after a call found it unreachable).
    void probeNow();

Q_SIGNALS:
    void stateChanged(loom::ConnectionMonitor::State state, const loom::Error &error);

private:
    bool isUnsupported() const;

    QString m_id;
    ConnectionSettings m_settings;
    bool m_rememberToken = false;
    bool m_persistent = true;
    std::unique_ptr<ThreadsClient> m_client;
    std::unique_ptr<ConnectionMonitor> m_monitor;
};

} // namespace loom
