#include "connectionmanager.h"

#include "session/connection.h"
#include "session/secretstore.h"
#include "threadsclient.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
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

ConnectionManager::ConnectionManager(QSettings *settings, SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_secrets(secrets)
{
}

QString ConnectionManager::tokenKey(const QString &connectionId)
{
    return u"connection/%1/token"_s.arg(connectionId);
}

// After a connection was added or edited: its token goes to the keychain when it is to be
// remembered, and any token remembered before is forgotten when it is not.
void ConnectionManager::keepToken(Connection *connection)
{
    m_legacyTokens.remove(connection->id()); // edited: what the person gave now counts
    if (!connection->isPersistent())
        return;
    if (!m_secrets) {
        if (connection->rememberToken() && !connection->settings().token.isEmpty())
            Q_EMIT secretProblem(tr("The token of %1 is kept only until Loom quits: there is no keychain.")
                                     .arg(connection->displayName()));
        return;
    }
    const QString token = connection->settings().token;
    const QString name = connection->displayName();
    if (connection->rememberToken() && !token.isEmpty()) {
        m_secrets->write(tokenKey(connection->id()), token, this, [this, name](const SecretStore::Result &r) {
            if (r.sessionOnly)
                Q_EMIT secretProblem(tr("The token of %1 is kept only until Loom quits: %2.").arg(name, r.error));
            else if (!r.ok)
                Q_EMIT secretProblem(tr("The token of %1 could not be saved in the keychain: %2.").arg(name, r.error));
        });
    } else {
        m_secrets->remove(tokenKey(connection->id()), this);
    }
}

// A saved connection with a remembered token: read it from the keychain, then start. A token an
// older Loom wrote into the settings file is used at once and moved to the keychain; it leaves
// the file only once the keychain holds it.
void ConnectionManager::restoreToken(Connection *connection, const QString &legacyToken)
{
    const QPointer<Connection> guard(connection);
    const QString name = connection->displayName();
    if (!legacyToken.isEmpty()) {
        connection->start();
        m_secrets->write(tokenKey(connection->id()), legacyToken, this,
                         [this, id = connection->id(), name](const SecretStore::Result &r) {
            if (r.ok && !r.sessionOnly) {
                m_legacyTokens.remove(id);
                save(); // without the plain-text token
                return;
            }
            Q_EMIT secretProblem(tr("The token of %1 stays in Loom's settings file (readable by you only) until a "
                                    "keychain is available: %2.")
                                     .arg(name, r.error));
        });
        return;
    }
    m_secrets->read(tokenKey(connection->id()), this, [this, guard, name](const SecretStore::Result &r) {
        if (!guard)
            return;
        if (r.value)
            guard->setToken(*r.value);
        else
            Q_EMIT secretProblem(r.sessionOnly || !r.error.isEmpty()
                                     ? tr("The remembered token of %1 could not be read from the keychain: %2.")
                                           .arg(name, r.error)
                                     : tr("The keychain holds no token for %1: it connects without one.").arg(name));
        guard->start();
    });
}

void ConnectionManager::setCallLog(CallLog *log)
{
    m_callLog = log;
    for (Connection *c : std::as_const(m_connections))
        c->client()->setCallLog(log);
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
    connection->client()->setCallLog(m_callLog);
    m_connections.insert(position, connection);
    Q_EMIT connectionAdded(connection);
    return connection;
}

Connection *ConnectionManager::add(const ConnectionSettings &settings, bool rememberToken, bool persistent)
{
    Connection *c = insert(count(), QUuid::createUuid().toString(QUuid::WithoutBraces), settings,
                           rememberToken, persistent);
    c->start();
    if (persistent) {
        save();
        keepToken(c);
    }
    return c;
}

Connection *ConnectionManager::replace(Connection *old, const ConnectionSettings &settings, bool rememberToken)
{
    const int position = indexOf(old);
    if (position < 0)
        return nullptr;
    const QString id = old->id();
    const bool persistent = old->isPersistent();
    remove(old, false);
    Connection *c = insert(position, id, settings, rememberToken, persistent);
    c->start();
    save();
    keepToken(c);
    return c;
}

void ConnectionManager::remove(Connection *connection, bool forgetToken)
{
    const int position = indexOf(connection);
    if (position < 0)
        return;
    if (forgetToken) {
        m_legacyTokens.remove(connection->id());
        if (m_secrets && connection->isPersistent() && connection->rememberToken())
            m_secrets->remove(tokenKey(connection->id()), this);
    }
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
    struct Saved { QString id; ConnectionSettings settings; bool remember; QString legacyToken; };
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
        // Tokens live in the keychain; one here was written by an older Loom (moved below).
        if (s.remember)
            s.legacyToken = m_settings->value(u"token"_s).toString();
        if (s.id.isEmpty())
            s.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (!s.settings.host.isEmpty() && s.settings.port != 0)
            saved.append(s);
    }
    m_settings->endArray();
    for (const Saved &s : saved) {
        ConnectionSettings settings = s.settings;
        settings.token = s.legacyToken; // used at once; moved to the keychain below
        if (!s.legacyToken.isEmpty())
            m_legacyTokens.insert(s.id, s.legacyToken);
        Connection *c = insert(count(), s.id, settings, s.remember, true);
        if (s.remember && m_secrets) {
            restoreToken(c, s.legacyToken);
            continue;
        }
        if (s.remember && s.legacyToken.isEmpty())
            Q_EMIT secretProblem(tr("The remembered token of %1 could not be read: there is no keychain.")
                                     .arg(c->displayName()));
        c->start();
    }
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
        // The token is a secret: never here (in the keychain when remembered), except one an
        // older Loom wrote that could not be moved to a keychain yet: it stays where it was.
        if (c->rememberToken() && m_legacyTokens.contains(c->id()))
            m_settings->setValue(u"token"_s, m_legacyTokens.value(c->id()));
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
