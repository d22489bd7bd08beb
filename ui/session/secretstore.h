#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

namespace loom {

// Where Loom keeps the secrets a person asks it to remember (a connection's token, an identity's
// private key): the system keychain (the Secret Service of GNOME Keyring or KWallet, through
// qtkeychain), never the settings file. When there is no keychain (no session bus, no Secret
// Service, or it refuses), a secret is kept in memory for this session only, and
// keychainUnavailable() says so once, in words. Calls are asynchronous (a keychain may ask the
// person to unlock it); each callback runs on the GUI thread, and not at all once `context` is
// gone.
class SecretStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    // `service` names Loom's entries in the keychain ("Loom"; tests use their own).
    explicit SecretStore(const QString &service = QStringLiteral("Loom"), QObject *parent = nullptr);
    ~SecretStore() override;

    struct Result
    {
        bool ok = false;               // written or deleted; for a read: found
        std::optional<QString> value;  // read: the secret, when found
        bool sessionOnly = false;      // no keychain: kept for this session only
        QString error;                 // what went wrong, in words (never the secret)
    };
    using Callback = std::function<void(const Result &)>;

    void read(const QString &key, QObject *context, Callback done);
    void write(const QString &key, const QString &secret, QObject *context, Callback done = {});
    void remove(const QString &key, QObject *context, Callback done = {});

    // Known after the first call: whether the keychain answered (true until it failed once).
    bool keychainAvailable() const { return m_available; }
    QString service() const { return m_service; }
    QString unavailableReason() const { return m_reason; }

Q_SIGNALS:
    void keychainUnavailable(const QString &reason);

private:
    enum class Kind { Read, Write, Remove };
    void start(Kind kind, const QString &key, const QString &secret, QObject *context, Callback done);
    void fallBack(const QString &reason);
    Result sessionOnly(Kind kind, const QString &key, const QString &secret);

    QString m_service;
    bool m_available = true;
    bool m_checked = false;
    QString m_reason;
    QHash<QString, QString> m_session; // secrets kept for this session when there is no keychain
};

} // namespace loom
