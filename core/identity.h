#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace loom {

// An Ed25519 identity for the daemon's GetToken flow (threads-api.md §5). The private part is a
// secret: it is never printed; save it only where the user asks (privateKeyBytes()).
class Identity
{
public:
    static Identity generate();
    // From a 32-byte Ed25519 seed, or a libp2p-marshalled private key (08 01 12 40 + 64 bytes).
    static std::optional<Identity> fromPrivateKey(const QByteArray &bytes, QString *error = nullptr);
    // From an identity file's bytes (`loom-cli token --save-identity`): the private key raw, or
    // as base64 text.
    static std::optional<Identity> fromFileContents(const QByteArray &bytes, QString *error = nullptr);

    bool isValid() const { return m_seed.size() == 32; }
    QByteArray publicKey() const { return m_public; }       // 32 raw bytes
    QByteArray libp2pPublicKey() const;                     // 08 01 12 20 ‖ public key
    QString publicKeyText() const;                          // multibase base32 ("bbaarei…")
    QByteArray privateKeyBytes() const;                     // libp2p-marshalled private key (secret)
    QByteArray sign(const QByteArray &message) const;       // 64-byte Ed25519 signature
    static bool verify(const QByteArray &publicKey, const QByteArray &message, const QByteArray &signature);

private:
    QByteArray m_seed;
    QByteArray m_public;
};

} // namespace loom
