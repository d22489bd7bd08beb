#include "threadsclient.h"

#include "clientprivate_p.h"
#include "identity.h"
#include "legacyclient_p.h"
#include "legacystores.h"
#include "schemacheck.h"
#include "subscription.h"
#include "transaction.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <algorithm>
#include <atomic>

using namespace Qt::StringLiterals;

namespace loom {

// ---------------------------------------------------------------------------------------------
// ClientPrivate

namespace {

// How long the last owner waits for cancelled calls to end before it releases the channel.
constexpr int kReleaseWaitMs = 10000;

// TLS credentials; with a CA file, only its certificates are trusted. A CA file that cannot be
// read or holds no certificate is an error (never a fall-back to the system's roots).
std::shared_ptr<grpc::ChannelCredentials> credentials(const ConnectionSettings &settings, Error *error)
{
    if (!settings.tls)
        return grpc::InsecureChannelCredentials();
    grpc::SslCredentialsOptions options;
    if (!settings.caFile.isEmpty()) {
        QByteArray pem;
        *error = readCaFile(settings.caFile, &pem);
        if (*error)
            return nullptr;
        options.pem_root_certs = pem.toStdString();
    }
    return grpc::SslCredentials(options);
}

} // namespace

Error readCaFile(const QString &path, QByteArray *pem)
{
    auto fail = [&path](const QString &why) {
        return Error(ErrorKind::InvalidInput, u"Cannot read the CA file \u201c%1\u201d: %2."_s.arg(path, why));
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.errorString());
    // Bounded: a CA bundle is some hundred KiB; a path to something else should not fill memory.
    constexpr qint64 kMaxCaFile = 16 << 20;
    const QByteArray text = file.read(kMaxCaFile + 1);
    if (file.error() != QFileDevice::NoError)
        return fail(file.errorString());
    if (text.size() > kMaxCaFile)
        return fail(u"it is larger than 16 MiB"_s);
    // Every PEM block must be a certificate OpenSSL can parse, and there must be at least one.
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(text.constData(), int(text.size())), &BIO_free);
    int certificates = 0;
    while (bio) {
        X509 *cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
        if (!cert)
            break;
        X509_free(cert);
        ++certificates;
    }
    const unsigned long last = ERR_peek_last_error();
    ERR_clear_error();
    // Reading stops with "no start line" at the end of the text; any other error is a broken block.
    const bool cleanEnd = last == 0 || (ERR_GET_LIB(last) == ERR_LIB_PEM && ERR_GET_REASON(last) == PEM_R_NO_START_LINE);
    if (!cleanEnd)
        return fail(u"a certificate in it cannot be parsed"_s);
    if (certificates == 0)
        return fail(u"it holds no PEM certificate"_s);
    if (pem)
        *pem = text;
    return {};
}

ClientPrivate::ClientPrivate(const ConnectionSettings &s)
    : settings(s)
{
    Error credentialsError;
    const std::shared_ptr<grpc::ChannelCredentials> creds = credentials(settings, &credentialsError);
    if (credentialsError) {
        // No channel: the client refuses every call at once with this error (closedError).
        settingsError = credentialsError;
        live->close();
        return;
    }
    grpc::ChannelArguments args;
    // Find and ListDBs replies may be large, but not without bound: a reply over kMaxReceiveBytes
    // fails (RESOURCE_EXHAUSTED, "received message larger than max") instead of filling memory.
    args.SetMaxReceiveMessageSize(kMaxReceiveBytes);
    args.SetMaxSendMessageSize(-1);    // the daemon enforces its own 4 MiB; we check before sending
    // Reconnects back off: 250 ms doubling up to 10 s. GRPC_ARG_MIN_RECONNECT_BACKOFF_MS is left
    // alone: gRPC also takes it as the connect timeout, and 250 ms there made a paused daemon
    // (SIGSTOP: it accepts TCP but never completes the handshake) "unreachable" after 250 ms
    // whatever the call's deadline. With gRPC's 20 s default, a call waits for the connection up to
    // its deadline (a timeout, "did not answer within N s"), while a closed port still fails at once
    // (connection refused, the call fails fast: unreachable).
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 250);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 10000);
    // The daemon (gRPC-Go defaults) closes connections that ping more often than every 5 minutes.
    args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 6 * 60 * 1000);
    args.SetString(GRPC_ARG_PRIMARY_USER_AGENT_STRING, "loom/" LOOM_VERSION);
    channel = grpc::CreateCustomChannel(settings.endpoint().toStdString(), creds, args);
    stub = std::shared_ptr<pb::API::Stub>(pb::API::NewStub(channel));
    legacyStub = std::shared_ptr<lpb::API::Stub>(lpb::API::NewStub(channel));
}

std::atomic<int> ClientPrivate::releasedOnOtherThread{0};

ClientPrivate::~ClientPrivate()
{
    if (QThread::currentThread() != ownerThread)
        ++releasedOnOtherThread;
    // The last owner on the caller's side is gone; calls and streams may still end on gRPC's threads.
    if (!shutdown(kReleaseWaitMs)) {
        // Never release the channel under a call gRPC still runs (see LiveCalls): keep it for good.
        qWarning("loom: calls to %s did not end within %d ms; their channel is kept until exit",
                 qPrintable(endpoint()), kReleaseWaitMs);
        new std::shared_ptr<grpc::Channel>(channel);
        new std::shared_ptr<pb::API::Stub>(stub);
        new std::shared_ptr<lpb::API::Stub>(legacyStub);
    }
}

bool ClientPrivate::shutdown(int timeoutMs)
{
    live->close();
    cancelAll();
    return live->waitIdle(std::chrono::milliseconds(std::max(timeoutMs, 0)));
}

Error ClientPrivate::closedError(const QString &what) const
{
    if (settingsError) { // the settings were refused: there never was a connection
        QString reason = settingsError.message();
        reason[0] = reason[0].toLower();
        return Error(settingsError.kind(), u"Could not %1: %2"_s.arg(what, reason));
    }
    return Error(ErrorKind::Cancelled, u"Could not %1: the connection to %2 was closed."_s.arg(what, endpoint()));
}

bool LiveCalls::enter()
{
    std::lock_guard lock(m_mutex);
    ++m_count;
    return !m_closed;
}

void LiveCalls::leave()
{
    std::lock_guard lock(m_mutex);
    if (--m_count == 0)
        m_idle.notify_all(); // under the lock: the waiter cannot go (and destroy us) before
}

void LiveCalls::close()
{
    std::lock_guard lock(m_mutex);
    m_closed = true;
}

bool LiveCalls::isClosed() const
{
    std::lock_guard lock(m_mutex);
    return m_closed;
}

int LiveCalls::count() const
{
    std::lock_guard lock(m_mutex);
    return m_count;
}

bool LiveCalls::waitIdle(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    return m_idle.wait_for(lock, timeout, [this] { return m_count == 0; });
}

void ClientPrivate::prepare(grpc::ClientContext &context, int deadlineMs) const
{
    const int ms = deadlineMs > 0 ? deadlineMs : settings.deadlineMs;
    if (ms > 0)
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(ms));
    if (!settings.token.isEmpty())
        context.AddMetadata("authorization", "bearer " + settings.token.toStdString());
}

Error statusError(const grpc::Status &status, const QString &what, const QString &endpoint, int deadlineMs)
{
    if (status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
        // Our own receive bound ("Received message larger than max (N vs. 67108864)"), not the
        // daemon's 4 MiB limit on requests.
        const QString text = QString::fromStdString(status.error_message());
        static const auto *ours = new QRegularExpression(
            u"larger than max \\((\\d+) vs\\. %1\\)"_s.arg(kMaxReceiveBytes));
        const QRegularExpressionMatch match = ours->match(text);
        if (match.hasMatch())
            return Error(ErrorKind::TooLarge,
                         u"Could not %1: the daemon's reply (%2 MiB) is larger than Loom accepts (%3 MiB); ask for less at once (a smaller page)."_s
                             .arg(what, QString::number(match.captured(1).toDouble() / (1 << 20), 'f', 1),
                                  QString::number(kMaxReceiveBytes >> 20)),
                         int(status.error_code()), text);
    }
    return Error::fromStatus(int(status.error_code()), QString::fromStdString(status.error_message()),
                             what, endpoint, deadlineMs);
}

void ClientPrivate::track(const std::shared_ptr<detail::CallLink> &link)
{
    std::lock_guard lock(m_trackMutex);
    if (m_calls.size() > 256) {
        std::erase_if(m_calls, [](const std::weak_ptr<detail::CallLink> &w) {
            auto l = w.lock();
            if (!l)
                return true;
            std::lock_guard inner(l->mutex);
            return l->done;
        });
    }
    m_calls.push_back(link);
}

std::shared_ptr<detail::CallLink> ClientPrivate::trackStream(std::function<void()> cancel)
{
    auto link = std::make_shared<detail::CallLink>();
    link->cancel = std::move(cancel);
    track(link);
    return link;
}

void ClientPrivate::streamOver(const std::shared_ptr<detail::CallLink> &link)
{
    std::lock_guard lock(link->mutex);
    link->done = true;
    link->cancel = nullptr;
}

void ClientPrivate::cancelAll()
{
    std::vector<std::weak_ptr<detail::CallLink>> calls;
    {
        std::lock_guard lock(m_trackMutex);
        calls.swap(m_calls);
    }
    for (const auto &weak : calls) {
        if (auto link = weak.lock())
            link->requestCancel();
    }
}

// ---------------------------------------------------------------------------------------------
// ThreadsClient

ClientPrivate *ClientAccess::of(const ThreadsClient &client)
{
    return client.d.get();
}

ThreadsClient::ThreadsClient(const ConnectionSettings &settings, QObject *parent)
    : QObject(parent)
    , d(std::make_shared<ClientPrivate>(settings))
{
}

ThreadsClient::~ThreadsClient()
{
    // Its calls and streams end (cancelled). The channel goes with the last owner on this side
    // (this client, or a Subscription or Transaction that outlives it), which first waits until
    // gRPC is done with them (ClientPrivate::~ClientPrivate, LiveCalls).
    d->live->close();
    d->cancelAll();
}

bool ThreadsClient::shutdown(int timeoutMs)
{
    return d->shutdown(timeoutMs);
}

bool ThreadsClient::isShutDown() const
{
    return d->isClosed();
}

Error ThreadsClient::settingsError() const
{
    return d->settingsError;
}

const ConnectionSettings &ThreadsClient::settings() const
{
    return d->settings;
}

QString ThreadsClient::endpoint() const
{
    return d->endpoint();
}

void ThreadsClient::setToken(const QString &token)
{
    d->settings.token = token;
}

void ThreadsClient::setCallLog(CallLog *log)
{
    d->callLog = log;
}

void ThreadsClient::setDeadline(int milliseconds)
{
    d->settings.deadlineMs = milliseconds;
}

VoidReply *ThreadsClient::ping()
{
    // GetDBInfo with an empty id: any v1 daemon answers at once with INVALID_ARGUMENT.
    const QString what = u"reach the daemon"_s;
    auto *reply = new VoidReply(what);
    struct State
    {
        explicit State(std::shared_ptr<LiveCalls> calls) : guard(std::move(calls)) {}
        CallGuard guard; // first: released after the context
        grpc::ClientContext context;
        pb::GetDBInfoRequest request;
        pb::GetDBInfoReply response;
    };
    auto state = std::make_shared<State>(d->live);
    if (!state->guard.isOpen()) {
        reply->failLater(d->closedError(what));
        return reply;
    }
    d->prepare(state->context);
    auto link = reply->link();
    {
        std::lock_guard lock(link->mutex);
        link->cancel = [state] { state->context.TryCancel(); };
    }
    d->track(link);
    d->stub->async()->GetDBInfo(&state->context, &state->request, &state->response,
                                [state, link, what, endpoint = d->endpoint(), deadlineMs = d->settings.deadlineMs](grpc::Status status) {
                                    Error error;
                                    // UNIMPLEMENTED: a gRPC server answers that has no v1 API (a
                                    // legacy v0.1 daemon): up; detectGeneration() tells which.
                                    if (status.error_code() != grpc::StatusCode::INVALID_ARGUMENT
                                        && status.error_code() != grpc::StatusCode::NOT_FOUND
                                        && status.error_code() != grpc::StatusCode::UNIMPLEMENTED)
                                        error = status.ok() ? Error::protocol(u"Unexpected answer to a probe."_s)
                                                            : statusError(status, what, endpoint, deadlineMs);
                                    deliver<Done>(link, {}, error);
                                });
    return reply;
}

Reply<StoreId> *ThreadsClient::newStore(const QString &name, const QList<CollectionConfig> &collections,
                                        const StoreId &id)
{
    if (isLegacy())
        return LegacyCalls::newStore(*this, name, collections);
    const QString what = u"create the store"_s;
    if (!name.isEmpty() && !schemacheck::isValidName(name))
        return d->refuse<StoreId>(what, Error::invalidInput(u"Store name \u201c%1\u201d: %2"_s.arg(name, schemacheck::nameProblem(name))));
    for (const CollectionConfig &c : collections)
        if (Error e = checkCollectionConfig(c))
            return d->refuse<StoreId>(what, e);
    const StoreId storeId = id.isValid() ? id : StoreId::generate();
    pb::NewDBRequest request;
    request.set_dbid(toStd(storeId.bytes()));
    request.set_name(toStd(name));
    for (const CollectionConfig &c : collections)
        toPb(c, request.add_collections());
    return d->unary<StoreId, pb::NewDBRequest, pb::NewDBReply>(
        what, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->NewDB(ctx, req, resp, std::move(cb)); },
        [storeId](const pb::NewDBReply &, Error *) { return storeId; });
}

Reply<StoreId> *ThreadsClient::joinStore(const InviteLink &link, const QList<CollectionConfig> &collections,
                                         const QString &name, bool block, bool newLogKey)
{
    if (isLegacy())
        return LegacyCalls::joinStore(*this, link, collections, name);
    if (link.form() == InviteLink::Legacy)
        return d->refuse<StoreId>(u"join the store"_s, Error::invalidInput(
            u"This invitation link is from a legacy v0.1 store (44-byte follow and read keys): only a legacy v0.1 "
            u"daemon can join it, not a go-threads v1 daemon."_s));
    const QString what = u"join the store"_s;
    if (!link.storeId().isValid())
        return d->refuse<StoreId>(what, Error::invalidInput(u"The invitation link names no store."_s));
    if (!link.key().hasReadKey())
        return d->refuse<StoreId>(what, Error::invalidInput(u"The invitation link's key has no read key."_s));
    if (!name.isEmpty() && !schemacheck::isValidName(name))
        return d->refuse<StoreId>(what, Error::invalidInput(u"Store name \u201c%1\u201d: %2"_s.arg(name, schemacheck::nameProblem(name))));
    for (const CollectionConfig &c : collections)
        if (Error e = checkCollectionConfig(c))
            return d->refuse<StoreId>(what, e);
    const StoreId storeId = link.storeId();
    pb::NewDBFromAddrRequest request;
    request.set_addr(toStd(link.address().toBinary()));
    request.set_key(toStd(link.key().bytes()));
    request.set_name(toStd(name));
    request.set_block(block);
    if (newLogKey)
        request.set_logkey(toStd(Identity::generate().privateKeyBytes())); // secret, sent only here
    for (const CollectionConfig &c : collections)
        toPb(c, request.add_collections());
    return d->unary<StoreId, pb::NewDBFromAddrRequest, pb::NewDBReply>(
        what, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->NewDBFromAddr(ctx, req, resp, std::move(cb)); },
        [storeId](const pb::NewDBReply &, Error *) { return storeId; });
}

Reply<QList<StoreInfo>> *ThreadsClient::listStores()
{
    if (isLegacy())
        return LegacyCalls::listStores(*this);
    return d->unary<QList<StoreInfo>, pb::ListDBsRequest, pb::ListDBsReply>(
        u"list the stores"_s, pb::ListDBsRequest(),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->ListDBs(ctx, req, resp, std::move(cb)); },
        [](const pb::ListDBsReply &reply, Error *error) {
            QList<StoreInfo> stores;
            for (const auto &db : reply.dbs()) {
                auto info = fromPb(toBytes(db.dbid()), db.info(), error);
                if (!info)
                    return QList<StoreInfo>();
                stores.append(std::move(*info));
            }
            std::sort(stores.begin(), stores.end(), [](const StoreInfo &a, const StoreInfo &b) {
                return a.name == b.name ? a.id.toString() < b.id.toString() : a.name < b.name;
            });
            return stores;
        });
}

Reply<StoreInfo> *ThreadsClient::storeInfo(const StoreId &store)
{
    if (isLegacy())
        return LegacyCalls::storeInfo(*this, store);
    const QString what = u"read the store's details"_s;
    if (Error e = checkStore(store))
        return d->refuse<StoreInfo>(what, e);
    pb::GetDBInfoRequest request;
    request.set_dbid(toStd(store.bytes()));
    return d->unary<StoreInfo, pb::GetDBInfoRequest, pb::GetDBInfoReply>(
        what, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->GetDBInfo(ctx, req, resp, std::move(cb)); },
        [store](const pb::GetDBInfoReply &reply, Error *error) {
            return fromPb(store.bytes(), reply, error).value_or(StoreInfo());
        });
}

VoidReply *ThreadsClient::deleteStore(const StoreId &store)
{
    if (isLegacy())
        return LegacyCalls::unavailable<Done>(*this, u"delete the store"_s, u"Deleting a store"_s);
    const QString what = u"delete the store"_s;
    if (Error e = checkStore(store))
        return d->refuse<Done>(what, e);
    pb::DeleteDBRequest request;
    request.set_dbid(toStd(store.bytes()));
    return d->unary<Done, pb::DeleteDBRequest, pb::DeleteDBReply>(
        what, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->DeleteDB(ctx, req, resp, std::move(cb)); },
        [](const pb::DeleteDBReply &, Error *) { return Done(); });
}

VoidReply *ThreadsClient::newCollection(const StoreId &store, const CollectionConfig &config)
{
    if (isLegacy())
        return LegacyCalls::newCollection(*this, store, config);
    const QString what = u"create the collection"_s;
    Error e = checkStore(store);
    if (!e)
        e = checkCollectionConfig(config);
    if (e)
        return d->refuse<Done>(what, e);
    pb::NewCollectionRequest request;
    request.set_dbid(toStd(store.bytes()));
    toPb(config, request.mutable_config()); // always present: an absent config crashes the daemon
    return d->unary<Done, pb::NewCollectionRequest, pb::NewCollectionReply>(
        what, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->NewCollection(ctx, req, resp, std::move(cb)); },
        [](const pb::NewCollectionReply &, Error *) { return Done(); });
}

VoidReply *ThreadsClient::updateCollection(const StoreId &store, const CollectionConfig &config)
{
    if (isLegacy())
        return LegacyCalls::unavailable<Done>(*this, u"update the collection"_s, u"Changing a collection's schema"_s);
    const QString what = u"update the collection"_s;
    Error e = checkStore(store);
    if (!e)
        e = checkCollectionConfig(config);
    if (e)
        return d->refuse<Done>(what, e);
    pb::UpdateCollectionRequest request;
    request.set_dbid(toStd(store.bytes()));
    toPb(config, request.mutable_config());
    return d->unary<Done, pb::UpdateCollectionRequest, pb::UpdateCollectionReply>(
        what, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->UpdateCollection(ctx, req, resp, std::move(cb)); },
        [](const pb::UpdateCollectionReply &, Error *) { return Done(); });
}

VoidReply *ThreadsClient::deleteCollection(const StoreId &store, const QString &collection)
{
    if (isLegacy())
        return LegacyCalls::unavailable<Done>(*this, u"delete the collection"_s, u"Deleting a collection"_s);
    const QString what = u"delete the collection"_s;
    Error e = checkTarget(store, collection);
    if (e)
        return d->refuse<Done>(what, e);
    pb::DeleteCollectionRequest request;
    request.set_dbid(toStd(store.bytes()));
    request.set_name(toStd(collection));
    return d->unary<Done, pb::DeleteCollectionRequest, pb::DeleteCollectionReply>(
        what, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->DeleteCollection(ctx, req, resp, std::move(cb)); },
        [](const pb::DeleteCollectionReply &, Error *) { return Done(); });
}

Reply<CollectionConfig> *ThreadsClient::collectionInfo(const StoreId &store, const QString &collection)
{
    if (isLegacy())
        return LegacyCalls::collectionInfo(*this, store, collection);
    const QString what = u"read the collection's schema"_s;
    Error e = checkTarget(store, collection);
    if (e)
        return d->refuse<CollectionConfig>(what, e);
    pb::GetCollectionInfoRequest request;
    request.set_dbid(toStd(store.bytes()));
    request.set_name(toStd(collection));
    return d->unary<CollectionConfig, pb::GetCollectionInfoRequest, pb::GetCollectionInfoReply>(
        what, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->GetCollectionInfo(ctx, req, resp, std::move(cb)); },
        [](const pb::GetCollectionInfoReply &reply, Error *) { return fromPb(reply); });
}

Reply<QList<IndexSpec>> *ThreadsClient::collectionIndexes(const StoreId &store, const QString &collection)
{
    if (isLegacy())
        return LegacyCalls::collectionIndexes(*this, store, collection);
    const QString what = u"read the collection's indexes"_s;
    Error e = checkTarget(store, collection);
    if (e)
        return d->refuse<QList<IndexSpec>>(what, e);
    pb::GetCollectionIndexesRequest request;
    request.set_dbid(toStd(store.bytes()));
    request.set_name(toStd(collection));
    return d->unary<QList<IndexSpec>, pb::GetCollectionIndexesRequest, pb::GetCollectionIndexesReply>(
        what, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->GetCollectionIndexes(ctx, req, resp, std::move(cb)); },
        [](const pb::GetCollectionIndexesReply &reply, Error *) {
            QList<IndexSpec> indexes;
            for (const auto &index : reply.indexes())
                indexes.append({QString::fromStdString(index.path()), index.unique()});
            return indexes;
        });
}

Reply<QList<CollectionConfig>> *ThreadsClient::listCollections(const StoreId &store)
{
    if (isLegacy())
        return LegacyCalls::listCollections(*this, store);
    const QString what = u"list the collections"_s;
    if (Error e = checkStore(store))
        return d->refuse<QList<CollectionConfig>>(what, e);
    pb::ListCollectionsRequest request;
    request.set_dbid(toStd(store.bytes()));
    return d->unary<QList<CollectionConfig>, pb::ListCollectionsRequest, pb::ListCollectionsReply>(
        what, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->ListCollections(ctx, req, resp, std::move(cb)); },
        [](const pb::ListCollectionsReply &reply, Error *) {
            QList<CollectionConfig> list;
            for (const auto &info : reply.collections())
                list.append(fromPb(info));
            std::sort(list.begin(), list.end(),
                      [](const CollectionConfig &a, const CollectionConfig &b) { return a.name < b.name; });
            return list;
        });
}

Reply<QStringList> *ThreadsClient::create(const StoreId &store, const QString &collection,
                                          const QList<Instance> &entities)
{
    if (isLegacy())
        return LegacyCalls::create(*this, store, collection, entities);
    const QString what = u"create the entities"_s;
    Error e = checkTarget(store, collection);
    if (!e)
        e = checkEntities(entities, false, what);
    if (e)
        return d->refuse<QStringList>(what, e);
    pb::CreateRequest request;
    request.set_dbid(toStd(store.bytes()));
    request.set_collectionname(toStd(collection));
    addInstances(request, entities);
    return d->unary<QStringList, pb::CreateRequest, pb::CreateReply>(
        what, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->Create(ctx, req, resp, std::move(cb)); },
        [](const pb::CreateReply &reply, Error *) {
            QStringList ids;
            ids.reserve(reply.instanceids_size());
            for (const std::string &id : reply.instanceids())
                ids.append(QString::fromStdString(id));
            return ids;
        });
}

// Verify and Save: the same request shape, entities that must carry their _id.
template <typename Req, typename Resp, typename Start>
VoidReply *ClientPrivate::sendEntities(const QString &what, const StoreId &store, const QString &collection,
                                       const QList<Instance> &entities, Start start)
{
    Error e = checkTarget(store, collection);
    if (!e)
        e = checkEntities(entities, true, what);
    if (e)
        return refuse<Done>(what, e);
    Req request;
    request.set_dbid(toStd(store.bytes()));
    request.set_collectionname(toStd(collection));
    addInstances(request, entities);
    return unary<Done, Req, Resp>(what, std::move(request), start, [](const Resp &, Error *) { return Done(); });
}

VoidReply *ThreadsClient::verify(const StoreId &store, const QString &collection, const QList<Instance> &entities)
{
    if (isLegacy())
        return LegacyCalls::unavailable<Done>(*this, u"verify the entities"_s, u"Checking entities against the schema without saving (Verify)"_s);
    return d->sendEntities<pb::VerifyRequest, pb::VerifyReply>(
        u"verify the entities"_s, store, collection, entities,
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->Verify(ctx, req, resp, std::move(cb)); });
}

VoidReply *ThreadsClient::save(const StoreId &store, const QString &collection, const QList<Instance> &entities)
{
    if (isLegacy())
        return LegacyCalls::save(*this, store, collection, entities);
    return d->sendEntities<pb::SaveRequest, pb::SaveReply>(
        u"save the entities"_s, store, collection, entities,
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->Save(ctx, req, resp, std::move(cb)); });
}

Reply<bool> *ThreadsClient::has(const StoreId &store, const QString &collection, const QStringList &ids)
{
    if (isLegacy())
        return LegacyCalls::has(*this, store, collection, ids);
    const QString what = u"check the ids"_s;
    Error e = checkTarget(store, collection);
    if (e)
        return d->refuse<bool>(what, e);
    pb::HasRequest request;
    request.set_dbid(toStd(store.bytes()));
    request.set_collectionname(toStd(collection));
    for (const QString &id : ids)
        request.add_instanceids(toStd(id));
    return d->unary<bool, pb::HasRequest, pb::HasReply>(
        what, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->Has(ctx, req, resp, std::move(cb)); },
        [](const pb::HasReply &reply, Error *) { return reply.exists(); });
}

namespace {

// Find, and what becomes of the page on gRPC's thread: parsed (checked), sorted when the sort is
// on a field other than _id (applied here to the returned page exactly as the daemon would, which
// sorts only the page, without its crash on mixed types, §8), then `finish` (kept, or packed).
template <typename T, typename Finish>
Reply<T> *runFind(ClientPrivate &d, const StoreId &store, const QString &collection, const Query &query,
                  Finish finish)
{
    const QString what = u"run the query"_s;
    Error e = checkTarget(store, collection);
    if (!e)
        e = checkQuery(query);
    if (e)
        return d.refuse<T>(what, e);
    pb::FindRequest request;
    request.set_dbid(toStd(store.bytes()));
    request.set_collectionname(toStd(collection));
    request.set_queryjson(toStd(query.toWireJson()));
    const std::optional<Sort> clientSort = query.sortsOnClient() ? query.sort() : std::nullopt;
    return d.unary<T, pb::FindRequest, pb::FindReply>(
        what, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->Find(ctx, req, resp, std::move(cb)); },
        [clientSort, finish](const pb::FindReply &reply, Error *error) {
            QList<Instance> list = parseInstances(reply.instances(), error);
            if (clientSort)
                Query::sortPage(list, *clientSort);
            return finish(std::move(list));
        });
}

} // namespace

Reply<QList<Instance>> *ThreadsClient::find(const StoreId &store, const QString &collection, const Query &query)
{
    if (isLegacy())
        return LegacyCalls::find(*this, store, collection, query);
    return runFind<QList<Instance>>(*d, store, collection, query, [](QList<Instance> list) { return list; });
}

Reply<QList<PackedInstance>> *ThreadsClient::findPacked(const StoreId &store, const QString &collection,
                                                       const Query &query)
{
    if (isLegacy())
        return LegacyCalls::findPacked(*this, store, collection, query);
    return runFind<QList<PackedInstance>>(*d, store, collection, query,
                                          [](QList<Instance> list) { return packedjson::packAll(list); });
}

Reply<Instance> *ThreadsClient::findById(const StoreId &store, const QString &collection, const QString &id)
{
    if (isLegacy())
        return LegacyCalls::findById(*this, store, collection, id);
    const QString what = u"read the entity"_s;
    Error e = checkTarget(store, collection);
    if (!e && id.isEmpty())
        e = Error::invalidInput(u"No entity id was given."_s);
    if (e)
        return d->refuse<Instance>(what, e);
    pb::FindByIDRequest request;
    request.set_dbid(toStd(store.bytes()));
    request.set_collectionname(toStd(collection));
    request.set_instanceid(toStd(id));
    return d->unary<Instance, pb::FindByIDRequest, pb::FindByIDReply>(
        what, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->FindByID(ctx, req, resp, std::move(cb)); },
        [](const pb::FindByIDReply &reply, Error *error) {
            return parseInstance(reply.instance(), error).value_or(Instance());
        });
}

Subscription *ThreadsClient::listen(const StoreId &store, const QList<ListenFilter> &filters, QObject *parent)
{
    return new Subscription(d, store, filters, parent);
}

Transaction *ThreadsClient::readTransaction(const StoreId &store, const QString &collection, QObject *parent)
{
    return new Transaction(d, Transaction::Read, store, collection, parent);
}

Transaction *ThreadsClient::writeTransaction(const StoreId &store, const QString &collection, QObject *parent,
                                             int deadlineMs)
{
    return new Transaction(d, Transaction::Write, store, collection, parent, deadlineMs);
}

// ---------------------------------------------------------------------------------------------
// Generations (legacy v0.1 daemons: legacyclient.cpp)

bool ThreadsClient::isLegacy() const
{
    return d->isLegacy();
}

ApiGeneration ThreadsClient::generation() const
{
    return static_cast<ApiGeneration>(d->generation.load());
}

Reply<ApiGeneration> *ThreadsClient::detectGeneration()
{
    return LegacyCalls::detectGeneration(*this);
}

void ThreadsClient::setGeneration(ApiGeneration generation)
{
    if (d->generation.exchange(static_cast<int>(generation)) != static_cast<int>(generation))
        Q_EMIT generationChanged(generation);
}

Capabilities ThreadsClient::capabilities() const
{
    return Capabilities::of(generation());
}

QString ThreadsClient::idField() const
{
    return isLegacy() ? u"ID"_s : u"_id"_s;
}

VoidReply *ThreadsClient::startStore(const StoreId &store)
{
    if (isLegacy())
        return LegacyCalls::startStore(*this, store);
    auto *reply = new VoidReply(u"start the store"_s);
    deliver<Done>(reply->link(), {}, {}); // v1 stores are live at once
    return reply;
}

Reply<StoreInfo> *ThreadsClient::openStore(const StoreId &store)
{
    if (isLegacy())
        return LegacyCalls::openStore(*this, store);
    return storeInfo(store);
}

VoidReply *ThreadsClient::forgetStore(const StoreId &store)
{
    if (store.isLegacy())
        storeBook()->forget(store);
    auto *reply = new VoidReply(u"forget the store"_s);
    deliver<Done>(reply->link(), {}, {});
    return reply;
}

bool ThreadsClient::needsFirstWriteWarning(const StoreId &store) const
{
    if (!isLegacy() || !store.isLegacy())
        return false;
    const auto s = storeBook()->find(store);
    return s && s->how == RememberedStore::Joined && !s->written;
}

void ThreadsClient::acknowledgeFirstWrite(const StoreId &store)
{
    // The user was warned and goes on: the write is about to happen (the daemon keeps it even
    // when it exits), so the store counts as written from now on.
    if (store.isLegacy())
        storeBook()->markWritten(store);
}

LegacyStoreBook *ThreadsClient::storeBook() const
{
    if (!m_book) {
        auto *self = const_cast<ThreadsClient *>(this);
        self->m_ownBook = std::make_unique<LegacyStoreBook>(endpoint());
        self->m_book = self->m_ownBook.get();
    }
    return m_book;
}

void ThreadsClient::setStoreBook(LegacyStoreBook *book)
{
    m_book = book;
    if (!book)
        m_ownBook.reset();
}

} // namespace loom
