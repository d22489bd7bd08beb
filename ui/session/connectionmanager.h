#pragma once

#include "session/connection.h"
#include "types.h"

#include <QList>
#include <QObject>

class QSettings;

namespace loom {


// The open connections, in the order the person added them, and their saved form in QSettings
// (group "connections"). A token is saved only when the person asked to remember it; store keys
// are never saved.
class ConnectionManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionManager)

public:
    // `settings` may be null: then nothing is loaded or saved.
    explicit ConnectionManager(QSettings *settings, QObject *parent = nullptr);
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
    void remove(Connection *connection);

    // Reads the saved connections and adds them; returns how many.
    int load();
    void save() const;
    // True until a connection has been saved once (used to offer the local daemon).
    bool isFirstStart() const;

Q_SIGNALS:
    void connectionAdded(loom::Connection *connection);
    void connectionAboutToBeRemoved(loom::Connection *connection);
    void connectionRemoved(loom::Connection *connection);

private:
    Connection *insert(int position, const QString &id, const ConnectionSettings &settings,
                       bool rememberToken, bool persistent);

    QSettings *m_settings;
    QList<Connection *> m_connections;
};

} // namespace loom
