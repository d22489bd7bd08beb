// Calls made of several RPCs: bulk create in batches with several in flight, and delete by id.
#include "clientprivate_p.h"
#include "threadsclient.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

// Runs `count` RPCs with at most `window` in flight; results are kept in order. The first error
// cancels what is still running and completes the reply; a cancel of the reply cancels them all.
template <typename Req, typename Resp>
class Pipeline : public std::enable_shared_from_this<Pipeline<Req, Resp>>
{
public:
    using Start = std::function<void(pb::API::StubInterface::async_interface *, grpc::ClientContext *,
                                     const Req *, Resp *, std::function<void(grpc::Status)>)>;
    using Collect = std::function<QStringList(const Resp &)>;

    Pipeline(std::shared_ptr<ClientPrivate> d, std::shared_ptr<detail::CallLink> link, QString what,
             std::vector<Req> requests, std::vector<qint64> weights, int window, Start start, Collect collect)
        : m_d(std::move(d)), m_link(std::move(link)), m_what(std::move(what)),
          m_requests(std::move(requests)), m_weights(std::move(weights)), m_window(std::max(1, window)),
          m_start(std::move(start)), m_collect(std::move(collect)), m_results(m_requests.size())
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
        if (m_requests.empty()) {
            deliver<QStringList>(m_link, {}, {});
            return;
        }
        pump();
    }

private:
    struct Call
    {
        grpc::ClientContext context;
        Req request;
        Resp response;
    };

    void pump()
    {
        std::vector<std::pair<size_t, std::shared_ptr<Call>>> toStart;
        {
            std::lock_guard lock(m_mutex);
            while (!m_failed && m_inFlight < m_window && m_next < m_requests.size()) {
                auto call = std::make_shared<Call>();
                call->request = std::move(m_requests[m_next]);
                m_d->prepare(call->context);
                m_active[m_next] = call;
                toStart.emplace_back(m_next, call);
                ++m_next;
                ++m_inFlight;
            }
        }
        auto self = this->shared_from_this();
        for (auto &[index, call] : toStart) {
            m_start(m_d->stub->async(), &call->context, &call->request, &call->response,
                    [self, index = index, call = call](grpc::Status status) { self->done(index, status, call->response); });
        }
    }

    void done(size_t index, const grpc::Status &status, const Resp &response)
    {
        bool finish = false;
        Error error;
        qint64 progressed = 0;
        {
            std::lock_guard lock(m_mutex);
            m_active.erase(index);
            --m_inFlight;
            if (status.ok()) {
                m_results[index] = m_collect(response);
                m_done += m_weights[index];
                progressed = m_done;
            } else if (!m_failed) {
                m_failed = true;
                m_error = statusError(status, m_what, m_d->endpoint());
                for (auto &[i, call] : m_active)
                    call->context.TryCancel();
            }
            finish = m_inFlight == 0 && (m_failed || m_next == m_requests.size());
            error = m_error;
        }
        if (progressed > 0) {
            const qint64 total = m_total;
            m_link->notify([progressed, total](ReplyBase *r) { r->reportProgress(progressed, total); });
        }
        if (finish) {
            QStringList all;
            if (!error) {
                for (const QStringList &ids : m_results)
                    all += ids;
            }
            deliver<QStringList>(m_link, std::move(all), error);
        } else {
            pump();
        }
    }

    void cancelAll()
    {
        std::lock_guard lock(m_mutex);
        if (!m_failed) {
            m_failed = true;
            m_error = Error(ErrorKind::Cancelled, u"Could not %1: cancelled."_s.arg(m_what), 1);
        }
        for (auto &[i, call] : m_active)
            call->context.TryCancel();
    }

    std::shared_ptr<ClientPrivate> m_d;
    std::shared_ptr<detail::CallLink> m_link;
    QString m_what;
    std::vector<Req> m_requests;
    std::vector<qint64> m_weights;
    int m_window;
    Start m_start;
    Collect m_collect;

    std::mutex m_mutex;
    std::vector<QStringList> m_results;
    std::map<size_t, std::shared_ptr<Call>> m_active;
    size_t m_next = 0;
    int m_inFlight = 0;
    bool m_failed = false;
    Error m_error;
    qint64 m_done = 0;
    qint64 m_total = 0;
};

constexpr qsizetype kBatchBytes = 3 * 1024 * 1024; // under the daemon's 4 MiB per message

} // namespace

Reply<QStringList> *ThreadsClient::createMany(const StoreId &store, const QString &collection,
                                              const QList<Instance> &entities, int batchSize, int inFlight)
{
    const QString what = u"create the entities"_s;
    Error e = checkStore(store);
    if (!e)
        e = checkCollectionName(collection);
    if (e)
        return d->refuse<QStringList>(what, e);

    std::vector<pb::CreateRequest> requests;
    std::vector<qint64> weights;
    pb::CreateRequest current;
    qsizetype bytes = 0;
    auto flush = [&] {
        if (current.instances_size() == 0)
            return;
        weights.push_back(current.instances_size());
        requests.push_back(std::move(current));
        current = pb::CreateRequest();
        bytes = 0;
    };
    for (qsizetype i = 0; i < entities.size(); ++i) {
        const QJsonValue id = entities[i].value(u"_id"_s);
        if (!id.isUndefined() && !id.isNull() && !id.isString())
            return d->refuse<QStringList>(what, Error::invalidInput(
                u"Could not create the entities: entity %1 has an _id that is not a string."_s.arg(i + 1)));
        const QByteArray json = QJsonDocument(entities[i]).toJson(QJsonDocument::Compact);
        if (json.size() > kBatchBytes)
            return d->refuse<QStringList>(what, Error(ErrorKind::TooLarge,
                u"Could not create the entities: entity %1 is larger than the daemon accepts (4 MiB)."_s.arg(i + 1)));
        if (current.instances_size() >= std::max(1, batchSize) || bytes + json.size() > kBatchBytes)
            flush();
        if (current.instances_size() == 0) {
            current.set_dbid(toStd(store.bytes()));
            current.set_collectionname(toStd(collection));
        }
        current.add_instances(toStd(json));
        bytes += json.size();
    }
    flush();

    auto *reply = new Reply<QStringList>(what);
    d->track(reply->link());
    auto pipeline = std::make_shared<Pipeline<pb::CreateRequest, pb::CreateReply>>(
        d, reply->link(), what, std::move(requests), std::move(weights), inFlight,
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->Create(ctx, req, resp, std::move(cb)); },
        [](const pb::CreateReply &r) {
            QStringList ids;
            for (const std::string &id : r.instanceids())
                ids.append(QString::fromStdString(id));
            return ids;
        });
    pipeline->run();
    return reply;
}

VoidReply *ThreadsClient::remove(const StoreId &store, const QString &collection, const QStringList &ids)
{
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
    // The pipeline reports a QStringList; adapt it to a VoidReply through an inner reply.
    auto *reply = new VoidReply(what);
    auto *inner = new Reply<QStringList>(what);
    inner->setAutoDelete(true);
    QObject::connect(inner, &ReplyBase::progress, reply, &ReplyBase::progress);
    QObject::connect(inner, &ReplyBase::finished, reply, [reply, inner] { reply->complete({}, inner->error()); });
    {
        std::weak_ptr<detail::CallLink> innerLink = inner->link();
        std::lock_guard lock(reply->link()->mutex);
        reply->link()->cancel = [innerLink] {
            if (auto l = innerLink.lock())
                l->requestCancel();
        };
    }
    d->track(inner->link());
    auto pipeline = std::make_shared<Pipeline<pb::DeleteRequest, pb::DeleteReply>>(
        d, inner->link(), what, std::move(requests), std::move(weights), 8,
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->Delete(ctx, req, resp, std::move(cb)); },
        [](const pb::DeleteReply &) { return QStringList(); });
    pipeline->run();
    return reply;
}

} // namespace loom
