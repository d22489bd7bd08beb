#include "netclient.h"

#include "encoding.h"
#include "multiaddr.h"
#include "netcall_p.h"
#include "netclient_p.h"
#include "threadsclient.h"

#include "threadsnet.grpc.pb.h"

#include <QCryptographicHash>
#include <QDateTime>

#include <algorithm>
#include <mutex>

using namespace Qt::StringLiterals;

namespace loom {

namespace net {

namespace {

QByteArray bytesOf(const std::string &s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

void wipe(std::string *secret)
{
    std::fill(secret->begin(), secret->end(), '\0');
    secret->clear();
    secret->shrink_to_fit();
}

QString addressText(const std::string &bytes)
{
    const auto a = Multiaddr::fromBinary(QByteArrayView(bytes.data(), qsizetype(bytes.size())));
    return a ? a->toString() : u"0x"_s + encoding::toHex(bytesOf(bytes));
}

} // namespace

QString peerIdText(const std::string &bytes)
{
    return encoding::toBase58(bytesOf(bytes));
}

QString cidText(const std::string &bytes)
{
    return bytes.empty() ? QString() : encoding::multibaseEncode(bytesOf(bytes), u'b');
}

ThreadState decodeThreadInfo(npb::ThreadInfoReply &reply, const StoreId &store, const QString &hostPeerId)
{
    ThreadState state;
    state.store = store;
    state.hostPeerId = hostPeerId;
    state.present = true;
    state.readAtMs = QDateTime::currentMSecsSinceEpoch();
    if (!reply.threadkey().empty()) {
        const std::string &key = reply.threadkey();
        state.serviceKeyDigest = QCryptographicHash::hash(
            QByteArrayView(key.data(), qsizetype(std::min<size_t>(key.size(), 32))), QCryptographicHash::Sha256);
    }
    wipe(reply.mutable_threadkey());
    for (auto &log : *reply.mutable_logs()) {
        LogState l;
        l.id = bytesOf(log.id());
        l.idText = peerIdText(log.id());
        l.head = bytesOf(log.head());
        l.headText = cidText(log.head());
        l.counter = decodeLogCounter(QByteArrayView(log.counter().data(), qsizetype(log.counter().size())),
                                     !log.head().empty());
        l.own = !log.privkey().empty();
        wipe(log.mutable_privkey());
        for (const std::string &a : log.addrs())
            l.peers << addressText(a);
        state.logs << l;
    }
    std::sort(state.logs.begin(), state.logs.end(), [](const LogState &a, const LogState &b) { return a.id < b.id; });
    for (const std::string &a : reply.addrs())
        state.addresses << addressText(a);
    return state;
}

} // namespace net

namespace npb = threads::net::pb;

struct NetClient::Private
{
    QPointer<ThreadsClient> client;
    std::unique_ptr<npb::API::Stub> stub; // on the client's channel
    QString hostId;                       // cached after the first GetHostID

    ClientPrivate *cp() const { return client ? ClientAccess::of(*client) : nullptr; }
};

NetClient::NetClient(ThreadsClient *client, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->client = client;
    if (ClientPrivate *cp = d->cp(); cp && cp->channel)
        d->stub = npb::API::NewStub(cp->channel);
}

NetClient::~NetClient() = default;

ThreadsClient *NetClient::client() const
{
    return d->client;
}

namespace {

template <typename T>
Reply<T> *gone(const QString &what)
{
    auto *reply = new Reply<T>(what);
    reply->failLater(Error(ErrorKind::Cancelled, u"Could not %1: the connection was closed."_s.arg(what)));
    return reply;
}

bool threadNotFound(const grpc::Status &status)
{
    return status.error_code() == grpc::StatusCode::UNKNOWN
        && status.error_message().find("thread not found") != std::string::npos;
}

} // namespace

Reply<QString> *NetClient::hostId()
{
    const QString what = u"read the daemon's peer id"_s;
    ClientPrivate *cp = d->cp();
    if (!cp)
        return gone<QString>(what);
    if (!d->hostId.isEmpty()) {
        auto *reply = new Reply<QString>(what);
        const QString id = d->hostId;
        auto link = reply->link();
        link->post([id](ReplyBase *r) { static_cast<Reply<QString> *>(r)->complete(id, Error()); });
        return reply;
    }
    auto *reply = unaryVia<QString, npb::GetHostIDRequest, npb::GetHostIDReply>(
        cp, d->stub ? d->stub->async() : nullptr, what, -1, npb::GetHostIDRequest(),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->GetHostID(ctx, req, resp, std::move(cb)); },
        [](npb::GetHostIDReply &r, Error *error) {
            if (r.peerid().empty())
                *error = Error::protocol(u"The daemon sent an empty peer id."_s);
            return net::peerIdText(r.peerid());
        },
        noErrorValue<QString>);
    reply->then(this, [this](Reply<QString> *r) {
        if (r->ok())
            d->hostId = r->result();
    });
    return reply;
}

Reply<ThreadState> *NetClient::threadState(const StoreId &store)
{
    const QString what = u"read the store's replication state"_s;
    ClientPrivate *cp = d->cp();
    if (!cp)
        return gone<ThreadState>(what);
    if (!store.isValid())
        return cp->refuse<ThreadState>(what, Error::invalidInput(u"No store id was given."_s));
    auto *outer = new Reply<ThreadState>(what);
    auto link = outer->link();
    // The two calls, one after the other; cancelling the outer reply cancels the running one.
    auto startThread = [self = QPointer<NetClient>(this), store, what, link, outer](const QString &host) {
        ClientPrivate *cp = self ? self->d->cp() : nullptr;
        if (!cp) {
            outer->complete({}, Error(ErrorKind::Cancelled, u"Could not %1: the connection was closed."_s.arg(what)));
            return;
        }
        npb::GetThreadRequest request;
        request.set_threadid(toStd(store.bytes()));
        auto *inner = unaryVia<ThreadState, npb::GetThreadRequest, npb::ThreadInfoReply>(
            cp, self->d->stub ? self->d->stub->async() : nullptr, what, -1, std::move(request),
            [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->GetThread(ctx, req, resp, std::move(cb)); },
            [store, host](npb::ThreadInfoReply &r, Error *) { return net::decodeThreadInfo(r, store, host); },
            [store, host](const grpc::Status &status, ThreadState *value) {
                if (!threadNotFound(status))
                    return false;
                value->store = store;
                value->hostPeerId = host;
                value->present = false;
                value->readAtMs = QDateTime::currentMSecsSinceEpoch();
                return true;
            });
        {
            std::lock_guard lock(link->mutex);
            link->cancel = [innerLink = inner->link()] { innerLink->requestCancel(); };
        }
        inner->then(outer, [outer](Reply<ThreadState> *r) { outer->complete(r->takeResult(), r->error()); });
    };
    auto *host = hostId();
    {
        std::lock_guard lock(link->mutex);
        link->cancel = [hostLink = host->link()] { hostLink->requestCancel(); };
    }
    host->then(outer, [outer, startThread](Reply<QString> *r) {
        if (!r->ok()) {
            outer->complete({}, r->error());
            return;
        }
        startThread(r->result());
    });
    return outer;
}

VoidReply *NetClient::pullThread(const StoreId &store, int deadlineMs)
{
    const QString what = u"pull the store from its peers"_s;
    ClientPrivate *cp = d->cp();
    if (!cp)
        return gone<Done>(what);
    if (!store.isValid())
        return cp->refuse<Done>(what, Error::invalidInput(u"No store id was given."_s));
    npb::PullThreadRequest request;
    request.set_threadid(toStd(store.bytes()));
    return unaryVia<Done, npb::PullThreadRequest, npb::PullThreadReply>(
        cp, d->stub ? d->stub->async() : nullptr, what, deadlineMs, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->PullThread(ctx, req, resp, std::move(cb)); },
        [](npb::PullThreadReply &, Error *) { return Done(); }, noErrorValue<Done>);
}

Reply<RecordSummary> *NetClient::record(const StoreId &store, const QByteArray &cid, int deadlineMs)
{
    const QString what = u"read a record"_s;
    ClientPrivate *cp = d->cp();
    if (!cp)
        return gone<RecordSummary>(what);
    if (!store.isValid() || cid.isEmpty())
        return cp->refuse<RecordSummary>(what, Error::invalidInput(u"A store id and a record id are needed."_s));
    npb::GetRecordRequest request;
    request.set_threadid(toStd(store.bytes()));
    request.set_recordid(toStd(cid));
    return unaryVia<RecordSummary, npb::GetRecordRequest, npb::GetRecordReply>(
        cp, d->stub ? d->stub->async() : nullptr, what, deadlineMs, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->GetRecord(ctx, req, resp, std::move(cb)); },
        [cid](npb::GetRecordReply &r, Error *) {
            RecordSummary s;
            s.cid = cid;
            s.recordBytes = qint64(r.record().recordnode().size());
            s.eventBytes = qint64(r.record().eventnode().size());
            s.headerBytes = qint64(r.record().headernode().size());
            s.bodyBytes = qint64(r.record().bodynode().size());
            return s;
        },
        noErrorValue<RecordSummary>);
}

} // namespace loom
