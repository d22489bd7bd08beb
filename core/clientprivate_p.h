#pragma once
// Private to core/: the gRPC side of ThreadsClient. Never include from ui/, app/ or public headers.

#include "query.h"
#include "reply.h"
#include "types.h"

#include "threads.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

namespace loom {

namespace pb = threads::pb;

Error statusError(const grpc::Status &status, const QString &what, const QString &endpoint);

class ClientPrivate;
class ThreadsClient;

// The gRPC side of a ThreadsClient, for core's own code and for bench_core (which compares the
// core with bare stubs on the same channel). Not part of the public API.
struct ClientAccess
{
    static ClientPrivate *of(const ThreadsClient &client);
};

class ClientPrivate
{
public:
    explicit ClientPrivate(const ConnectionSettings &settings);
    ~ClientPrivate();

    ConnectionSettings settings;
    std::shared_ptr<grpc::Channel> channel;
    std::shared_ptr<pb::API::Stub> stub;

    // Deadline and token metadata for a new call.
    void prepare(grpc::ClientContext &context, int deadlineMs = -1) const;
    QString endpoint() const { return settings.endpoint(); }

    // Remembers a call so that the client's destruction can cancel it.
    void track(const std::shared_ptr<detail::CallLink> &link);
    void cancelAll();

    // Starts one unary call. `start(async, ctx, req, resp, callback)` issues it on the stub's
    // callback API; `convert(resp, &error)` turns the reply into T on gRPC's thread.
    template <typename T, typename Req, typename Resp, typename Start, typename Convert>
    Reply<T> *unary(const QString &what, Req request, Start start, Convert convert);

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

template <typename T, typename Req, typename Resp, typename Start, typename Convert>
Reply<T> *ClientPrivate::unary(const QString &what, Req request, Start start, Convert convert)
{
    struct State
    {
        grpc::ClientContext context;
        Req request;
        Resp response;
        std::shared_ptr<pb::API::Stub> stub; // keeps the channel alive until the call ends
    };
    auto *reply = new Reply<T>(what);
    auto state = std::make_shared<State>();
    state->request = std::move(request);
    state->stub = stub;
    prepare(state->context);
    auto link = reply->link();
    {
        std::lock_guard lock(link->mutex);
        link->cancel = [state] { state->context.TryCancel(); };
    }
    track(link);
    start(state->stub->async(), &state->context, &state->request, &state->response,
          [state, link, what, convert, endpoint = endpoint()](grpc::Status status) {
              Error error;
              T value{};
              if (status.ok())
                  value = convert(state->response, &error);
              else
                  error = statusError(status, what, endpoint);
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
