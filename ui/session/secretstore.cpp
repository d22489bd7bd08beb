#include "secretstore.h"

#include <QDBusConnection>
#include <QDBusMessage>

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

// Whether there is a session bus with a Secret Service (or KWallet) on it, or one that can be
// started on demand. Asked once, before the first job: without a bus, qtkeychain would fail after
// a D-Bus timeout, or try to autolaunch a bus.
QString missingKeychain()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return SecretStore::tr("there is no D-Bus session bus");
    // Asked with a short timeout: a bus that does not answer must not hold the window.
    constexpr int kTimeoutMs = 1500;
    const auto ask = [&bus](const QString &method, const QVariantList &args) {
        QDBusMessage call = QDBusMessage::createMethodCall(u"org.freedesktop.DBus"_s, u"/org/freedesktop/DBus"_s,
                                                           u"org.freedesktop.DBus"_s, method);
        call.setArguments(args);
        return bus.call(call, QDBus::Block, kTimeoutMs);
    };
    const QDBusMessage activatable = ask(u"ListActivatableNames"_s, {});
    if (activatable.type() != QDBusMessage::ReplyMessage)
        return SecretStore::tr("the D-Bus session bus does not answer");
    const QStringList names = activatable.arguments().value(0).toStringList();
    for (const QString &name : {u"org.freedesktop.secrets"_s, u"org.kde.kwalletd6"_s, u"org.kde.kwalletd5"_s}) {
        if (names.contains(name))
            return {};
        const QDBusMessage owned = ask(u"NameHasOwner"_s, {name});
        if (owned.type() == QDBusMessage::ReplyMessage && owned.arguments().value(0).toBool())
            return {};
    }
    return SecretStore::tr("no Secret Service (GNOME Keyring, KWallet) runs in this session");
}

bool meansNoKeychain(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
    case QKeychain::OtherError:
        return true;
    default:
        return false;
    }
}

} // namespace

SecretStore::SecretStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
}

SecretStore::~SecretStore() = default;

void SecretStore::read(const QString &key, QObject *context, Callback done)
{
    start(Kind::Read, key, QString(), context, std::move(done));
}

void SecretStore::write(const QString &key, const QString &secret, QObject *context, Callback done)
{
    start(Kind::Write, key, secret, context, std::move(done));
}

void SecretStore::remove(const QString &key, QObject *context, Callback done)
{
    start(Kind::Remove, key, QString(), context, std::move(done));
}

void SecretStore::fallBack(const QString &reason)
{
    if (!m_available)
        return;
    m_available = false;
    m_reason = reason;
    Q_EMIT keychainUnavailable(reason);
}

SecretStore::Result SecretStore::sessionOnly(Kind kind, const QString &key, const QString &secret)
{
    Result result;
    result.sessionOnly = true;
    result.error = m_reason;
    switch (kind) {
    case Kind::Read:
        if (const auto it = m_session.constFind(key); it != m_session.cend()) {
            result.ok = true;
            result.value = *it;
        }
        break;
    case Kind::Write:
        m_session.insert(key, secret);
        result.ok = true;
        break;
    case Kind::Remove:
        m_session.remove(key);
        result.ok = true;
        break;
    }
    return result;
}

void SecretStore::start(Kind kind, const QString &key, const QString &secret, QObject *context, Callback done)
{
    const QPointer<QObject> guard(context);
    const auto deliver = [guard, done](const Result &result) {
        if (guard && done)
            done(result);
    };
    if (m_available && !m_checked) {
        m_checked = true;
        if (const QString why = missingKeychain(); !why.isEmpty())
            fallBack(why);
    }
    if (!m_available) {
        // Answered later, like a keychain would: callers have one path.
        const Result result = sessionOnly(kind, key, secret);
        QMetaObject::invokeMethod(this, [deliver, result] { deliver(result); }, Qt::QueuedConnection);
        return;
    }

    QKeychain::Job *job = nullptr;
    switch (kind) {
    case Kind::Read:
        job = new QKeychain::ReadPasswordJob(m_service, this);
        break;
    case Kind::Write: {
        auto *write = new QKeychain::WritePasswordJob(m_service, this);
        write->setTextData(secret);
        job = write;
        break;
    }
    case Kind::Remove:
        job = new QKeychain::DeletePasswordJob(m_service, this);
        break;
    }
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plain-text file behind the person's back
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, kind, key, secret, deliver](QKeychain::Job *finished) {
        Result result;
        const QKeychain::Error error = finished->error();
        if (error == QKeychain::NoError) {
            result.ok = true;
            if (kind == Kind::Read)
                result.value = static_cast<QKeychain::ReadPasswordJob *>(finished)->textData();
        } else if (error == QKeychain::EntryNotFound) {
            result.ok = kind == Kind::Remove; // gone already is what a delete wants
        } else if (meansNoKeychain(error)) {
            fallBack(tr("the keychain refused: %1").arg(finished->errorString()));
            result = sessionOnly(kind, key, secret);
        } else {
            result.error = finished->errorString();
        }
        deliver(result);
    });
    job->start();
}

} // namespace loom
