#include "connectionmanager.h"

#include "session/connection.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

// The settings file may hold a remembered token: only its owner may read or write it (0600). A
// missing file is created empty with 0600 before the first write, so the token is never in a
// file others can read; QSettings replaces the file on sync and keeps the old one's permissions,
// and they are set again after each sync all the same (e.g. for a file made 0644 before).
void keepPrivate(const QSettings &settings)
{
    const QString path = settings.fileName();
    if (path.isEmpty() || !QFileInfo(path).isAbsolute()) // not a file (another platform's registry)
        return;
    constexpr QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (!QFileInfo::exists(path)) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        if (file.open(QIODevice::WriteOnly | QIODevice::NewOnly, ownerOnly))
            file.close();
    }
    if (QFileInfo::exists(path) && !QFile::setPermissions(path, ownerOnly))
        qWarning("loom: cannot make %s private (0600)", qPrintable(path));
}

} // namespace

ConnectionManager::ConnectionManager(QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
{
}

ConnectionManager::~ConnectionManager()
{
    qDeleteAll(m_connections);
}

int ConnectionManager::indexOf(const Connection *connection) const
{
    return int(m_connections.indexOf(connection));
}

Connection *ConnectionManager::findById(const QString &id) const
{
    for (Connection *c : m_connections)
        if (c->id() == id)
            return c;
    return nullptr;
}

Connection *ConnectionManager::insert(int position, const QString &id, const ConnectionSettings &settings,
                                      bool rememberToken, bool persistent)
{
    auto *connection = new Connection(id, settings, rememberToken, persistent, this);
    m_connections.insert(position, connection);
    Q_EMIT connectionAdded(connection);
    connection->start();
    return connection;
}

Connection *ConnectionManager::add(const ConnectionSettings &settings, bool rememberToken, bool persistent)
{
    Connection *c = insert(count(), QUuid::createUuid().toString(QUuid::WithoutBraces), settings,
                           rememberToken, persistent);
    if (persistent)
        save();
    return c;
}

Connection *ConnectionManager::replace(Connection *old, const ConnectionSettings &settings, bool rememberToken)
{
    const int position = indexOf(old);
    if (position < 0)
        return nullptr;
    const QString id = old->id();
    const bool persistent = old->isPersistent();
    remove(old);
    Connection *c = insert(position, id, settings, rememberToken, persistent);
    save();
    return c;
}

void ConnectionManager::remove(Connection *connection)
{
    const int position = indexOf(connection);
    if (position < 0)
        return;
    Q_EMIT connectionAboutToBeRemoved(connection);
    m_connections.removeAt(position);
    Q_EMIT connectionRemoved(connection);
    delete connection;
    save();
}

int ConnectionManager::load()
{
    if (!m_settings)
        return 0;
    const int size = m_settings->beginReadArray(u"connections"_s);
    struct Saved { QString id; ConnectionSettings settings; bool remember; };
    QList<Saved> saved;
    for (int i = 0; i < size; ++i) {
        m_settings->setArrayIndex(i);
        Saved s;
        s.id = m_settings->value(u"id"_s).toString();
        s.settings.name = m_settings->value(u"name"_s).toString();
        s.settings.host = m_settings->value(u"host"_s, s.settings.host).toString();
        s.settings.port = quint16(m_settings->value(u"port"_s, s.settings.port).toUInt());
        s.settings.tls = m_settings->value(u"tls"_s, false).toBool();
        s.settings.caFile = m_settings->value(u"caFile"_s).toString();
        s.settings.deadlineMs = m_settings->value(u"deadlineMs"_s, s.settings.deadlineMs).toInt();
        s.remember = m_settings->value(u"rememberToken"_s, false).toBool();
        if (s.remember)
            s.settings.token = m_settings->value(u"token"_s).toString();
        if (s.id.isEmpty())
            s.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (!s.settings.host.isEmpty() && s.settings.port != 0)
            saved.append(s);
    }
    m_settings->endArray();
    for (const Saved &s : saved)
        insert(count(), s.id, s.settings, s.remember, true);
    return int(saved.size());
}

void ConnectionManager::save() const
{
    if (!m_settings)
        return;
    keepPrivate(*m_settings);
    m_settings->remove(u"connections"_s);
    m_settings->beginWriteArray(u"connections"_s);
    int i = 0;
    for (const Connection *c : m_connections) {
        if (!c->isPersistent())
            continue;
        m_settings->setArrayIndex(i++);
        const ConnectionSettings &s = c->settings();
        m_settings->setValue(u"id"_s, c->id());
        m_settings->setValue(u"name"_s, s.name);
        m_settings->setValue(u"host"_s, s.host);
        m_settings->setValue(u"port"_s, s.port);
        m_settings->setValue(u"tls"_s, s.tls);
        m_settings->setValue(u"caFile"_s, s.caFile);
        m_settings->setValue(u"deadlineMs"_s, s.deadlineMs);
        m_settings->setValue(u"rememberToken"_s, c->rememberToken());
        // The token is a secret: written only when the person ticked "remember token".
        if (c->rememberToken() && !s.token.isEmpty())
            m_settings->setValue(u"token"_s, s.token);
    }
    m_settings->endArray();
    m_settings->setValue(u"connectionsSaved"_s, true);
    m_settings->sync();
    keepPrivate(*m_settings);
}

bool ConnectionManager::isFirstStart() const
{
    return !m_settings || !m_settings->value(u"connectionsSaved"_s, false).toBool();
}

} // namespace loom
