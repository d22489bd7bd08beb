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
    // The monitor's state, except that a daemon that answers counts as Connected only once its
    // API generation is known (detected once per "up" period, again after a reconnect), so what
    // lists its stores speaks its API from the first call. An unsupported generation stays
    // Unreachable with a clear error.
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
    void monitorStateChanged(ConnectionMonitor::State state, const Error &error);
    void detectGeneration();

    QString m_id;
    ConnectionSettings m_settings;
    bool m_rememberToken = false;
    bool m_persistent = true;
    std::unique_ptr<ThreadsClient> m_client;
    std::unique_ptr<ConnectionMonitor> m_monitor;
    bool m_detected = false;  // the generation is known for this "up" period
    bool m_detecting = false;
    Error m_detectError;      // detection failed or found an unsupported daemon
};

} // namespace loom
