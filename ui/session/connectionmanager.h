#pragma once

#include "session/connection.h"
#include "types.h"

#include <QHash>
#include <QList>
#include <QObject>

class QSettings;

namespace loom {

class CallLog;
class SecretStore;

// The open connections, in the order the person added them, and their saved form in QSettings
// (group "connections"). A token is remembered only when the person asked, and then in the
// system keychain (SecretStore), never in the settings file; a connection with a remembered token
// starts once the keychain has answered. A token an older Loom left in the settings file is moved
// to the keychain on the first start (and left where it is, with a word, when there is none).
// Store keys are never saved.
class ConnectionManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionManager)

public:
    // `settings` may be null: then nothing is loaded or saved.
    // `secrets` may be null: then remembered tokens are kept for the session only.
    explicit ConnectionManager(QSettings *settings, SecretStore *secrets = nullptr, QObject *parent = nullptr);
    ~ConnectionManager() override;

    QList<Connection *> connections() const { return m_connections; }
    int count() const { return int(m_connections.size()); }
    Connection *at(int i) const { return m_connections.value(i); }
    int indexOf(const Connection *connection) const;
    Connection *findById(const QString &id) const;

    // Adds a connection and starts watching its daemon. Persistent connections are saved at once.
    Connection *add(const ConnectionSettings &settings, bool rememberToken, bool persistent = true);
    // Replaces a connection by one with new settings, at the same position (edit).
    Connection *replace(Connection *old, const ConnectionSettings &settings, bool rememberToken);
    // Removes the connection (and forgets its remembered token, unless it is being replaced).
    void remove(Connection *connection, bool forgetToken = true);

    // Every connection's calls go into `log` (it must outlive the connections); null: nowhere.
    void setCallLog(CallLog *log);

    // Reads the saved connections and adds them; returns how many.
    int load();
    void save() const;
    // True until a connection has been saved once (used to offer the local daemon).
    bool isFirstStart() const;

Q_SIGNALS:
    void connectionAdded(loom::Connection *connection);
    void connectionAboutToBeRemoved(loom::Connection *connection);
    void connectionRemoved(loom::Connection *connection);
    // A remembered token could not be kept or read as asked (no keychain, the keychain refused).
    void secretProblem(const QString &message);

private:
    Connection *insert(int position, const QString &id, const ConnectionSettings &settings,
                       bool rememberToken, bool persistent);

    static QString tokenKey(const QString &connectionId);
    void keepToken(Connection *connection);
    void restoreToken(Connection *connection, const QString &legacyToken);

    QSettings *m_settings;
    SecretStore *m_secrets;
    CallLog *m_callLog = nullptr;
    QHash<QString, QString> m_legacyTokens; // connection id -> token still in the settings file
    QList<Connection *> m_connections;
};

} // namespace loom
