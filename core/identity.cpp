#include "identity.h"

#include "clientprivate_p.h"
#include "legacyclient_p.h"
#include "encoding.h"
#include "threadsclient.h"

#include <QRandomGenerator>

#include <openssl/evp.h>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

const QByteArray kPublicPrefix = QByteArray::fromHex("08011220");
const QByteArray kPrivatePrefix = QByteArray::fromHex("08011240");

using PKey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

PKey privateKey(const QByteArray &seed)
{
    return PKey(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr,
                                             reinterpret_cast<const unsigned char *>(seed.constData()),
                                             size_t(seed.size())),
                &EVP_PKEY_free);
}

} // namespace

Identity Identity::generate()
{
    QByteArray seed(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(seed.data()),
                                         reinterpret_cast<quint32 *>(seed.data() + seed.size()));
    return *fromPrivateKey(seed);
}

std::optional<Identity> Identity::fromPrivateKey(const QByteArray &bytes, QString *error)
{
    QByteArray seed;
    if (bytes.size() == 32)
        seed = bytes;
    else if (bytes.size() == 68 && bytes.startsWith(kPrivatePrefix))
        seed = bytes.mid(4, 32);
    else {
        if (error)
            *error = u"an Ed25519 private key is 32 bytes, or 68 in libp2p form; got %1"_s.arg(bytes.size());
        return std::nullopt;
    }
    PKey key = privateKey(seed);
    size_t len = 32;
    QByteArray pub(32, Qt::Uninitialized);
    if (!key || EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char *>(pub.data()), &len) != 1) {
        if (error)
            *error = u"the private key was refused by the crypto library"_s;
        return std::nullopt;
    }
    Identity id;
    id.m_seed = seed;
    id.m_public = pub;
    return id;
}

std::optional<Identity> Identity::fromFileContents(const QByteArray &bytes, QString *error)
{
    if (auto raw = fromPrivateKey(bytes, error))
        return raw;
    const auto decoded = QByteArray::fromBase64Encoding(bytes.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (decoded)
        if (auto text = fromPrivateKey(*decoded, nullptr))
            return text;
    return std::nullopt;
}

QByteArray Identity::libp2pPublicKey() const
{
    return kPublicPrefix + m_public;
}

QString Identity::publicKeyText() const
{
    return encoding::multibaseEncode(libp2pPublicKey());
}

QByteArray Identity::privateKeyBytes() const
{
    return kPrivatePrefix + m_seed + m_public;
}

QByteArray Identity::sign(const QByteArray &message) const
{
    PKey key = privateKey(m_seed);
    MdCtx ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    QByteArray signature(64, Qt::Uninitialized);
    size_t len = 64;
    if (!key || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1
        || EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &len,
                          reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size())) != 1)
        return {};
    return signature;
}

bool Identity::verify(const QByteArray &publicKey, const QByteArray &message, const QByteArray &signature)
{
    PKey key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                         reinterpret_cast<const unsigned char *>(publicKey.constData()),
                                         size_t(publicKey.size())),
             &EVP_PKEY_free);
    MdCtx ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    return key && ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1
        && EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                            size_t(signature.size()),
                            reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size())) == 1;
}

// ---------------------------------------------------------------------------------------------
// GetToken: key → challenge → signature → token (a bidirectional stream).

namespace {

class TokenReactor final : public grpc::ClientBidiReactor<pb::GetTokenRequest, pb::GetTokenReply>
{
public:
    // Holds no reference to the client (see LiveCalls): its guard keeps the client waiting for it.
    TokenReactor(ClientPrivate *client, std::shared_ptr<detail::CallLink> link, Identity identity)
        : m_guard(client->live), m_client(client), m_link(std::move(link)), m_identity(std::move(identity))
    {
        m_client->prepare(m_context);
    }

    bool isOpen() const { return m_guard.isOpen(); }

    void start(std::shared_ptr<TokenReactor> self)
    {
        m_self = std::move(self);
        {
            std::weak_ptr<TokenReactor> weak = m_self;
            std::lock_guard lock(m_link->mutex);
            m_link->cancel = [weak] {
                if (auto r = weak.lock())
                    r->m_context.TryCancel();
            };
        }
        // The public key may be shown (it names the writer); the token and signature never are.
        m_recorder = detail::CallRecorder::begin(m_client->callLog, m_client->endpoint(), u"GetToken"_s, QString(),
                                                 u"identity=%1"_s.arg(m_identity.publicKeyText()));
        m_client->stub->async()->GetToken(&m_context, this);
        m_request.set_key(m_identity.publicKeyText().toStdString());
        m_writing = true;
        StartWrite(&m_request);
        StartRead(&m_reply);
        StartCall();
    }

    // One write may be outstanding at a time: the signature waits for the key's write to finish.
    void OnWriteDone(bool ok) override
    {
        bool sendNow = false;
        {
            std::lock_guard lock(m_mutex);
            m_writing = false;
            if (ok && m_signatureReady && !m_signatureSent)
                sendNow = m_signatureSent = m_writing = true;
        }
        if (sendNow)
            StartWrite(&m_signatureRequest);
    }

    void OnReadDone(bool ok) override
    {
        if (!ok)
            return;
        if (m_reply.has_challenge()) {
            const QByteArray challenge = toBytes(m_reply.challenge());
            m_signatureRequest.set_signature(toStd(m_identity.sign(challenge)));
            bool sendNow = false;
            {
                std::lock_guard lock(m_mutex);
                m_signatureReady = true;
                if (!m_writing)
                    sendNow = m_signatureSent = m_writing = true;
            }
            if (sendNow)
                StartWrite(&m_signatureRequest);
            StartRead(&m_reply);
        } else if (m_reply.has_token()) {
            m_token = QString::fromStdString(m_reply.token());
            StartWritesDone();
            StartRead(&m_reply);
        } else {
            StartRead(&m_reply);
        }
    }

    void OnDone(const grpc::Status &status) override
    {
        Error error;
        const QString what = u"get a token"_s;
        if (!status.ok())
            error = statusError(status, what, m_client->endpoint(), m_client->settings.deadlineMs);
        else if (m_token.isEmpty())
            error = Error::protocol(u"The daemon ended the token exchange without a token."_s);
        if (m_recorder)
            m_recorder->finish(u"a token was issued"_s, error);
        deliver<QString>(m_link, m_token, error);
        auto keep = std::move(m_self);
    }

private:
    CallGuard m_guard; // first: released last
    ClientPrivate *m_client;
    std::shared_ptr<detail::CallLink> m_link;
    Identity m_identity;
    grpc::ClientContext m_context;
    pb::GetTokenRequest m_request;
    pb::GetTokenRequest m_signatureRequest;
    std::shared_ptr<detail::CallRecorder> m_recorder;
    std::mutex m_mutex;
    bool m_writing = false;
    bool m_signatureReady = false;
    bool m_signatureSent = false;
    pb::GetTokenReply m_reply;
    QString m_token;
    std::shared_ptr<TokenReactor> m_self;
};

} // namespace

Reply<QString> *ThreadsClient::getToken(const Identity &identity)
{
    if (isLegacy())
        return LegacyCalls::unavailable<QString>(*this, u"get a token"_s, u"Signing in with an identity (tokens)"_s);
    const QString what = u"get a token"_s;
    if (!identity.isValid())
        return d->refuse<QString>(what, Error::invalidInput(u"No valid identity was given."_s));
    auto *reply = new Reply<QString>(what);
    auto reactor = std::make_shared<TokenReactor>(d.get(), reply->link(), identity);
    if (!reactor->isOpen()) {
        reply->failLater(d->closedError(what));
        return reply;
    }
    d->track(reply->link());
    reactor->start(reactor);
    return reply;
}

} // namespace loom
