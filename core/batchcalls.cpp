// Calls made of several RPCs: bulk create in batches with several in flight, and delete by id.
#include "clientprivate_p.h"
#include "legacyclient_p.h"
#include "threadsclient.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

// Whether a failed RPC may have been carried out by the daemon: it was sent and no answer came
// (deadline, connection lost, cancelled in flight). An answer with an error means the daemon's
// handler failed, and so its transaction was not committed; a refused connection means nothing
// was sent.
BatchOutcome::Status failedStatus(const grpc::Status &status)
{
    switch (status.error_code()) {
    case grpc::StatusCode::DEADLINE_EXCEEDED:
    case grpc::StatusCode::CANCELLED:
    case grpc::StatusCode::INTERNAL:
        return BatchOutcome::Unknown;
    case grpc::StatusCode::UNAVAILABLE:
        return status.error_message().find("failed to connect") != std::string::npos ? BatchOutcome::NotStored
                                                                                     : BatchOutcome::Unknown;
    default:
        return BatchOutcome::NotStored;
    }
}

// Runs `count` RPCs with at most `window` in flight. The first error stops new RPCs from starting;
// those in flight finish, so that each request ends Stored (answered), NotStored or Unknown. A
// cancel of the reply cancels them all. `finish` runs once, on a gRPC thread (or the caller's, when
// nothing was started), with every request's outcome and the first error.
template <typename Req, typename Resp>
class Pipeline : public std::enable_shared_from_this<Pipeline<Req, Resp>>
{
public:
    using Start = std::function<void(pb::API::StubInterface::async_interface *, grpc::ClientContext *,
                                     const Req *, Resp *, std::function<void(grpc::Status)>)>;
    using Collect = std::function<QStringList(const Resp &)>;
    struct Outcome
    {
        BatchOutcome::Status status = BatchOutcome::NotStored;
        QStringList ids;
    };
    using Finish = std::function<void(std::vector<Outcome> outcomes, const Error &error)>;

    // Holds no reference to the client (see LiveCalls): its guards keep the client waiting for it.
    Pipeline(ClientPrivate *d, std::shared_ptr<detail::CallLink> link, QString what, std::vector<Req> requests,
             std::vector<qint64> weights, int window, Start start, Collect collect, Finish finish)
        : m_guard(d->live), m_d(d), m_link(std::move(link)), m_what(std::move(what)),
          m_requests(std::move(requests)), m_weights(std::move(weights)), m_window(std::max(1, window)),
          m_start(std::move(start)), m_collect(std::move(collect)), m_finish(std::move(finish)),
          m_outcomes(m_requests.size())
    {
        for (qint64 w : m_weights)
            m_total += w;
    }

    void run()
    {
        {
            std::weak_ptr<Pipeline> weak = this->shared_from_this();
            std::lock_guard lock(m_link->mutex);
            m_link->cancel = [weak] {
                if (auto self = weak.lock())
                    self->cancelAll();
            };
        }
        pump();
    }

private:
    struct Call
    {
        explicit Call(std::shared_ptr<LiveCalls> calls) : guard(std::move(calls)) {}
        CallGuard guard; // first: released after the context
        grpc::ClientContext context;
        Req request;
        Resp response;
        std::shared_ptr<detail::CallRecorder> recorder; // one log line per batch
    };

    // Starts what the window allows; finishes when nothing runs and nothing more will start.
    void pump()
    {
        std::vector<std::pair<size_t, std::shared_ptr<Call>>> toStart;
        bool finishNow = false;
        {
            std::lock_guard lock(m_mutex);
            while (!m_failed && m_inFlight < m_window && m_next < m_requests.size()) {
                auto call = std::make_shared<Call>(m_d->live);
                if (!call->guard.isOpen()) { // the client was shut down
                    fail(m_d->closedError(m_what));
                    break;
                }
                call->request = std::move(m_requests[m_next]);
                call->recorder = detail::CallRecorder::begin(m_d->callLog, m_d->endpoint(), call->request);
                m_d->prepare(call->context);
                m_active[m_next] = call;
                toStart.emplace_back(m_next, call);
                ++m_next;
                ++m_inFlight;
            }
            finishNow = m_inFlight == 0 && !m_finished;
            m_finished = m_finished || finishNow;
        }
        if (finishNow) {
            m_finish(std::move(m_outcomes), m_error);
            return;
        }
        auto self = this->shared_from_this();
        // Named copies, not structured bindings, in the capture: clang before 16 refuses those.
        for (const auto &entry : toStart) {
            const size_t index = entry.first;
            const std::shared_ptr<Call> call = entry.second;
            m_start(m_d->stub->async(), &call->context, &call->request, &call->response,
                    [self, index = index, call = call](grpc::Status status) {
                        if (call->recorder)
                            call->recorder->finish(status.ok() ? &call->response : nullptr,
                                                   status.ok() ? Error() : statusError(status, self->m_what,
                                                                                        self->m_d->endpoint(),
                                                                                        self->m_d->settings.deadlineMs));
                        self->done(index, status, call->response);
                    });
        }
    }

    void done(size_t index, const grpc::Status &status, const Resp &response)
    {
        qint64 progressed = 0;
        {
            std::lock_guard lock(m_mutex);
            m_active.erase(index);
            --m_inFlight;
            if (status.ok()) {
                m_outcomes[index] = {BatchOutcome::Stored, m_collect(response)};
                m_done += m_weights[index];
                progressed = m_done;
            } else {
                m_outcomes[index].status = m_cancelled ? BatchOutcome::Unknown : failedStatus(status);
                if (!m_failed)
                    fail(statusError(status, m_what, m_d->endpoint(), m_d->settings.deadlineMs));
            }
        }
        if (progressed > 0) {
            const qint64 total = m_total;
            m_link->notify([progressed, total](ReplyBase *r) { r->reportProgress(progressed, total); });
        }
        pump();
    }

    void fail(const Error &error) // under m_mutex
    {
        m_failed = true;
        m_error = error;
    }

    void cancelAll()
    {
        std::lock_guard lock(m_mutex);
        if (!m_failed)
            fail(Error(ErrorKind::Cancelled, u"Could not %1: cancelled."_s.arg(m_what), 1));
        m_cancelled = true;
        for (const auto &entry : m_active)
            entry.second->context.TryCancel();
    }

    CallGuard m_guard; // first: released last
    ClientPrivate *m_d;
    std::shared_ptr<detail::CallLink> m_link;
    QString m_what;
    std::vector<Req> m_requests;
    std::vector<qint64> m_weights;
    int m_window;
    Start m_start;
    Collect m_collect;
    Finish m_finish;

    std::mutex m_mutex;
    std::vector<Outcome> m_outcomes;
    std::map<size_t, std::shared_ptr<Call>> m_active;
    size_t m_next = 0;
    int m_inFlight = 0;
    bool m_failed = false;
    bool m_cancelled = false;
    bool m_finished = false;
    Error m_error;
    qint64 m_done = 0;
    qint64 m_total = 0;
};

// Batch sizing (docs/architecture.md): one Create is one transaction of the daemon's Badger store,
// which refuses a transaction over 15 % of its 16 MiB table size (2,516,582 B) with "Txn is too
// big to fit into one request". Measured with bench_txnlimit, each entity costs its JSON text plus
// about 437 B there (keys, indexes, the event). Batches are cut at 60 % of it.
constexpr qsizetype kTxnBudget = 1536 * 1024;
constexpr qsizetype kEntityOverhead = 512;
constexpr qsizetype kMaxEntityBytes = 3 * 1024 * 1024; // one entity: under the 4 MiB message limit

} // namespace

Reply<BulkCreateResult> *ThreadsClient::createEntities(const StoreId &store, const QString &collection,
                                                      const QList<Instance> &entities, int batchSize, int inFlight)
{
    if (isLegacy()) // legacyclient.cpp
        return LegacyCalls::createEntities(*this, store, collection, entities, batchSize);
    const QString what = u"create the entities"_s;
    Error e = checkStore(store);
    if (!e)
        e = checkCollectionName(collection);
    if (e)
        return d->refuse<BulkCreateResult>(what, e);

    std::vector<pb::CreateRequest> requests;
    std::vector<qint64> weights;
    BulkCreateResult plan;
    plan.total = entities.size();
    pb::CreateRequest current;
    qsizetype cost = 0;
    auto flush = [&] {
        if (current.instances_size() == 0)
            return;
        BatchOutcome batch;
        batch.count = current.instances_size();
        batch.first = plan.batches.isEmpty() ? 0 : plan.batches.last().first + plan.batches.last().count;
        plan.batches.append(batch);
        weights.push_back(current.instances_size());
        requests.push_back(std::move(current));
        current = pb::CreateRequest();
        cost = 0;
    };
    for (qsizetype i = 0; i < entities.size(); ++i) {
        const QJsonValue id = entities[i].value(u"_id"_s);
        if (!id.isUndefined() && !id.isNull() && !id.isString())
            return d->refuse<BulkCreateResult>(what, Error::invalidInput(
                u"Could not create the entities: entity %1 has an _id that is not a string."_s.arg(i + 1)));
        const QByteArray json = QJsonDocument(entities[i]).toJson(QJsonDocument::Compact);
        if (json.size() > kMaxEntityBytes)
            return d->refuse<BulkCreateResult>(what, Error(ErrorKind::TooLarge,
                u"Could not create the entities: entity %1 is larger than the daemon accepts (4 MiB)."_s.arg(i + 1)));
        const qsizetype entityCost = json.size() + kEntityOverhead;
        if (current.instances_size() >= std::max(1, batchSize) || cost + entityCost > kTxnBudget)
            flush();
        if (current.instances_size() == 0) {
            current.set_dbid(toStd(store.bytes()));
            current.set_collectionname(toStd(collection));
        }
        current.add_instances(toStd(json));
        cost += entityCost;
    }
    flush();

    auto *reply = new Reply<BulkCreateResult>(what);
    d->track(reply->link());
    using CreatePipeline = Pipeline<pb::CreateRequest, pb::CreateReply>;
    auto pipeline = std::make_shared<CreatePipeline>(
        d.get(), reply->link(), what, std::move(requests), std::move(weights), inFlight,
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->Create(ctx, req, resp, std::move(cb)); },
        [](const pb::CreateReply &r) {
            QStringList ids;
            for (const std::string &id : r.instanceids())
                ids.append(QString::fromStdString(id));
            return ids;
        },
        [link = reply->link(), plan](std::vector<CreatePipeline::Outcome> outcomes, const Error &error) {
            BulkCreateResult result = plan;
            for (qsizetype i = 0; i < result.batches.size(); ++i) {
                result.batches[i].status = outcomes[size_t(i)].status;
                result.batches[i].ids = std::move(outcomes[size_t(i)].ids);
            }
            deliver<BulkCreateResult>(link, std::move(result), error);
        });
    pipeline->run();
    return reply;
}

Reply<QStringList> *ThreadsClient::createMany(const StoreId &store, const QString &collection,
                                              const QList<Instance> &entities, int batchSize, int inFlight)
{
    if (isLegacy())
        return LegacyCalls::createMany(*this, store, collection, entities, batchSize);
    // An adapter over createEntities: the stored ids, also alongside an error.
    auto *inner = createEntities(store, collection, entities, batchSize, inFlight);
    auto *reply = new Reply<QStringList>(inner->operation());
    QObject::connect(inner, &ReplyBase::progress, reply, &ReplyBase::progress);
    QObject::connect(inner, &ReplyBase::finished, reply,
                     [reply, inner] { reply->complete(inner->result().storedIds(), inner->error()); });
    {
        std::weak_ptr<detail::CallLink> innerLink = inner->link();
        std::lock_guard lock(reply->link()->mutex);
        reply->link()->cancel = [innerLink] {
            if (auto l = innerLink.lock())
                l->requestCancel();
        };
    }
    return reply;
}

VoidReply *ThreadsClient::remove(const StoreId &store, const QString &collection, const QStringList &ids)
{
    if (isLegacy())
        return LegacyCalls::remove(*this, store, collection, ids);
    const QString what = u"delete the entities"_s;
    Error e = checkStore(store);
    if (!e)
        e = checkCollectionName(collection);
    if (!e && ids.isEmpty())
        e = Error::invalidInput(u"No entity ids were given."_s);
    if (e)
        return d->refuse<Done>(what, e);

    // One id per request: the daemon's Delete stops at the first id that does not exist.
    std::vector<pb::DeleteRequest> requests;
    std::vector<qint64> weights;
    for (const QString &id : ids) {
        pb::DeleteRequest request;
        request.set_dbid(toStd(store.bytes()));
        request.set_collectionname(toStd(collection));
        request.add_instanceids(toStd(id));
        requests.push_back(std::move(request));
        weights.push_back(1);
    }
    auto *reply = new VoidReply(what);
    d->track(reply->link());
    using DeletePipeline = Pipeline<pb::DeleteRequest, pb::DeleteReply>;
    auto pipeline = std::make_shared<DeletePipeline>(
        d.get(), reply->link(), what, std::move(requests), std::move(weights), 8,
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->Delete(ctx, req, resp, std::move(cb)); },
        [](const pb::DeleteReply &) { return QStringList(); },
        [link = reply->link()](std::vector<DeletePipeline::Outcome>, const Error &error) {
            deliver<Done>(link, {}, error);
        });
    pipeline->run();
    return reply;
}

} // namespace loom
