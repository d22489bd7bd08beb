#pragma once
// Private to core/: the gRPC side of ThreadsClient. Never include from ui/, app/ or public headers.

#include "callrecorder_p.h"
#include "query.h"
#include "reply.h"
#include "types.h"

#include "api_legacy.grpc.pb.h"
#include "threads.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <QThread>

#include <atomic>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

namespace loom {

namespace pb = threads::pb;
namespace lpb = ::api::pb; // the legacy v0.1 "store" API (api_legacy.proto)

// `deadlineMs` (> 0) names the call's deadline in a timeout's sentence.
Error statusError(const grpc::Status &status, const QString &what, const QString &endpoint,
                  int deadlineMs = -1);

class ClientPrivate;
class ThreadsClient;

// The gRPC side of a ThreadsClient, for core's own code and for bench_core (which compares the
// core with bare stubs on the same channel). Not part of the public API.
struct ClientAccess
{
    static ClientPrivate *of(const ThreadsClient &client);
};

// Counts what of one client still lives on gRPC's threads: the state of every unary call, batch
// and stream (its ClientContext holds the channel). The client releases the channel only when the
// count is zero, so the channel's last reference never goes on a gRPC callback thread, where gRPC
// 1.51 aborts ("prior > 0"). Shared with the guards; holds no channel itself.
class LiveCalls
{
public:
    // Counts one more; false when the client is shut down (start no RPC then).
    bool enter();
    void leave();
    void close();
    bool isClosed() const;
    int count() const;
    // Waits until nothing is left; false on timeout.
    bool waitIdle(std::chrono::milliseconds timeout);

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_idle;
    int m_count = 0;
    bool m_closed = false;
};

// Held by the state of one call or stream on gRPC's threads, as its FIRST member (destroyed last,
// after the ClientContext).
class CallGuard
{
public:
    explicit CallGuard(std::shared_ptr<LiveCalls> calls)
        : m_calls(std::move(calls)), m_open(m_calls->enter())
    {
    }
    ~CallGuard() { m_calls->leave(); }
    Q_DISABLE_COPY_MOVE(CallGuard)
    bool isOpen() const { return m_open; } // false: the client was shut down, start nothing

private:
    std::shared_ptr<LiveCalls> m_calls;
    bool m_open;
};

// Owned only by objects on the caller's threads (ThreadsClient, Subscription, Transaction): state on
// gRPC's threads points at it raw and holds a CallGuard, and the destructor waits for those.
class ClientPrivate
{
public:
    explicit ClientPrivate(const ConnectionSettings &settings);
    ~ClientPrivate();

    ConnectionSettings settings;
    // Where every call is written (ThreadsClient::setCallLog); null: nowhere.
    CallLog *callLog = nullptr;
    // Set when the settings cannot work (an unreadable CA file): there is no channel, and every
    // call fails at once with this error.
    Error settingsError;
    // How many clients were released on a thread other than the one that made them (a gRPC
    // thread): never, when lifetimes are right. For tests.
    static std::atomic<int> releasedOnOtherThread;
    QThread *const ownerThread = QThread::currentThread();
    std::shared_ptr<grpc::Channel> channel;
    std::shared_ptr<pb::API::Stub> stub;
    // The legacy v0.1 API on the same channel, and the generation the daemon speaks (ApiGeneration;
    // set by ThreadsClient::detectGeneration/setGeneration, read by streams on any thread).
    std::shared_ptr<lpb::API::Stub> legacyStub;
    std::atomic<int> generation{0};
    bool isLegacy() const { return generation.load() == 2; } // ApiGeneration::Legacy

    // Deadline and token metadata for a new call.
    void prepare(grpc::ClientContext &context, int deadlineMs = -1) const;
    QString endpoint() const { return settings.endpoint(); }

    // Remembers a call or stream so that shutdown can cancel it.
    void track(const std::shared_ptr<detail::CallLink> &link);
    void cancelAll();
    // A stream's entry in that list: `cancel` runs on shutdown until streamOver(link).
    std::shared_ptr<detail::CallLink> trackStream(std::function<void()> cancel);
    static void streamOver(const std::shared_ptr<detail::CallLink> &link);

    const std::shared_ptr<LiveCalls> live = std::make_shared<LiveCalls>();
    // Refuses new calls, cancels all, waits (at most timeoutMs) until gRPC is done with them.
    bool shutdown(int timeoutMs);
    bool isClosed() const { return live->isClosed(); }
    Error closedError(const QString &what) const;

    // Starts one unary call. `start(async, ctx, req, resp, callback)` issues it on the stub's
    // callback API; `convert(resp, &error)` turns the reply into T on gRPC's thread.
    template <typename T, typename Req, typename Resp, typename Start, typename Convert>
    Reply<T> *unary(const QString &what, Req request, Start start, Convert convert)
    {
        return unaryOn<T, Req, Resp>(stub, what, std::move(request), std::move(start), std::move(convert));
    }
    // The same on another stub of the channel (the legacy API: legacyStub).
    template <typename T, typename Req, typename Resp, typename StubPtr, typename Start, typename Convert>
    Reply<T> *unaryOn(const StubPtr &onStub, const QString &what, Req request, Start start, Convert convert);

    template <typename Req, typename Resp, typename Start>
    VoidReply *sendEntities(const QString &what, const StoreId &store, const QString &collection,
                            const QList<Instance> &entities, Start start);

    // Completes a reply with an error on the caller's thread without any RPC.
    template <typename T>
    Reply<T> *refuse(const QString &what, const Error &error)
    {
        auto *reply = new Reply<T>(what);
        reply->failLater(error);
        return reply;
    }

private:
    std::mutex m_trackMutex;
    std::vector<std::weak_ptr<detail::CallLink>> m_calls;
};

template <typename T>
void deliver(const std::shared_ptr<detail::CallLink> &link, T value, const Error &error)
{
    link->post([value = std::move(value), error](ReplyBase *r) mutable {
        static_cast<Reply<T> *>(r)->complete(std::move(value), error);
    });
}

template <typename T, typename Req, typename Resp, typename StubPtr, typename Start, typename Convert>
Reply<T> *ClientPrivate::unaryOn(const StubPtr &onStub, const QString &what, Req request, Start start,
                                 Convert convert)
{
    struct State
    {
        explicit State(std::shared_ptr<LiveCalls> calls) : guard(std::move(calls)) {}
        CallGuard guard; // first: released after the context
        grpc::ClientContext context;
        Req request;
        Resp response;
    };
    auto state = std::make_shared<State>(live);
    if (!state->guard.isOpen())
        return refuse<T>(what, closedError(what));
    auto *reply = new Reply<T>(what);
    state->request = std::move(request);
    auto recorder = detail::CallRecorder::begin(callLog, endpoint(), state->request);
    const int deadlineMs = settings.deadlineMs;
    prepare(state->context);
    auto link = reply->link();
    {
        std::lock_guard lock(link->mutex);
        link->cancel = [state] { state->context.TryCancel(); };
    }
    track(link);
    start(onStub->async(), &state->context, &state->request, &state->response,
          [state, link, what, convert, deadlineMs, endpoint = endpoint(), recorder](grpc::Status status) {
              Error error;
              T value{};
              if (status.ok())
                  value = convert(state->response, &error);
              else
                  error = statusError(status, what, endpoint, deadlineMs);
              if (recorder)
                  recorder->finish(status.ok() ? &state->response : nullptr, error);
              deliver<T>(link, std::move(value), error);
          });
    return reply;
}

// Conversions shared by the client and the transactions.
QByteArray toBytes(const std::string &s);
std::string toStd(const QByteArray &bytes);
std::string toStd(const QString &text);
std::optional<Instance> parseInstance(const std::string &json, Error *error);
QList<Instance> parseInstances(const google::protobuf::RepeatedPtrField<std::string> &list, Error *error);
CollectionConfig fromPb(const pb::GetCollectionInfoReply &info);
void toPb(const CollectionConfig &config, pb::CollectionConfig *out);
std::optional<StoreInfo> fromPb(const QByteArray &id, const pb::GetDBInfoReply &info, Error *error);

// Checks done before anything is sent (threads-api.md §8: inputs that crash the daemon).
Error checkStore(const StoreId &store);
Error checkCollectionName(const QString &name);
Error checkTarget(const StoreId &store, const QString &collection); // both of the above
Error checkCollectionConfig(const CollectionConfig &config);
Error checkEntities(const QList<Instance> &entities, bool needId, const QString &what);
Error checkQuery(const Query &query);
QByteArray compact(const Instance &instance); // compact JSON text

template <typename Req>
void addInstances(Req &request, const QList<Instance> &entities)
{
    for (const Instance &e : entities)
        request.add_instances(toStd(compact(e)));
}

} // namespace loom
