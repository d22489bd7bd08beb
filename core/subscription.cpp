#include "subscription.h"

#include "clientprivate_p.h"

#include <QDateTime>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace loom {

// Connects one Listen stream (gRPC threads) to its Subscription (the caller's thread).
struct ListenLink
{
    std::mutex mutex;
    Subscription *target = nullptr;

    void postEvent(ChangeEvent event)
    {
        std::lock_guard lock(mutex);
        if (!target)
            return;
        Subscription *t = target;
        QMetaObject::invokeMethod(
            t, [t, event = std::move(event)]() mutable { t->onEvent(std::move(event)); }, Qt::QueuedConnection);
    }

    void postEnd(const Error &error, bool byUs)
    {
        std::lock_guard lock(mutex);
        if (!target)
            return;
        Subscription *t = target;
        QMetaObject::invokeMethod(t, [t, error, byUs] { t->onStreamEnd(error, byUs); }, Qt::QueuedConnection);
    }
};

namespace {

// What differs between the two generations' Listen (threads.pb and the legacy api.pb): the request's
// description for the call log, the stub, and the reply's fields.
QString describeFilters(const pb::ListenRequest &request, QString *store)
{
    QStringList filters;
    for (const auto &f : request.filters())
        filters << u"%1/%2/%3"_s.arg(QString::fromStdString(f.collectionname()),
                                    f.instanceid().empty() ? u"*"_s : QString::fromStdString(f.instanceid()),
                                    QString::fromStdString(pb::ListenRequest::Filter::Action_Name(f.action())).toLower());
    *store = StoreId::fromBinary(QByteArrayView(request.dbid().data(), qsizetype(request.dbid().size())))
                 .value_or(StoreId())
                 .toString();
    return filters.isEmpty() ? QString() : u"filters=["_s + filters.join(u", "_s) + u']';
}

QString describeFilters(const lpb::ListenRequest &request, QString *store)
{
    QStringList filters;
    for (const auto &f : request.filters())
        filters << u"%1/%2/%3"_s.arg(QString::fromStdString(f.modelname()),
                                    f.entityid().empty() ? u"*"_s : QString::fromStdString(f.entityid()),
                                    QString::fromStdString(lpb::ListenRequest::Filter::Action_Name(f.action())).toLower());
    *store = QString::fromStdString(request.storeid());
    return filters.isEmpty() ? QString() : u"filters=["_s + filters.join(u", "_s) + u']';
}

void startListen(ClientPrivate *client, grpc::ClientContext *context, const pb::ListenRequest *request,
                 grpc::ClientReadReactor<pb::ListenReply> *reactor)
{
    client->stub->async()->Listen(context, request, reactor);
}

void startListen(ClientPrivate *client, grpc::ClientContext *context, const lpb::ListenRequest *request,
                 grpc::ClientReadReactor<lpb::ListenReply> *reactor)
{
    client->legacyStub->async()->Listen(context, request, reactor);
}

template <typename R>
ChangeAction actionOf(const R &reply)
{
    switch (reply.action()) {
    case R::CREATE: return ChangeAction::Create;
    case R::SAVE: return ChangeAction::Save;
    case R::DELETE: return ChangeAction::Delete;
    default: return ChangeAction::Save;
    }
}

ChangeEvent eventOf(const pb::ListenReply &reply)
{
    ChangeEvent event;
    event.action = actionOf(reply);
    event.collection = QString::fromStdString(reply.collectionname());
    event.instanceId = QString::fromStdString(reply.instanceid());
    if (!reply.instance().empty()) {
        Error ignored;
        if (auto instance = parseInstance(reply.instance(), &ignored))
            event.instance = std::move(*instance);
    }
    return event;
}

ChangeEvent eventOf(const lpb::ListenReply &reply)
{
    ChangeEvent event;
    event.action = actionOf(reply);
    event.collection = QString::fromStdString(reply.modelname());
    event.instanceId = QString::fromStdString(reply.entityid());
    if (!reply.entity().empty()) {
        Error ignored;
        if (auto instance = parseInstance(reply.entity(), &ignored))
            event.instance = std::move(*instance);
    }
    return event;
}

// A Listen stream's state on gRPC's threads, for either generation.
class ListenReactorBase
{
public:
    virtual ~ListenReactorBase() = default;
    virtual void cancel() = 0;
    std::atomic<bool> m_cancelledByUs{false};
};

// Holds no reference to the client (see LiveCalls): its guard keeps the client waiting for it.
template <typename Request, typename ReplyMessage>
class ListenReactor final : public grpc::ClientReadReactor<ReplyMessage>, public ListenReactorBase
{
public:
    ListenReactor(ClientPrivate *client, std::shared_ptr<ListenLink> link, Request request)
        : m_guard(client->live), m_client(client), m_link(std::move(link)), m_request(std::move(request))
    {
        // No deadline: a subscription lasts until it is cancelled. Token metadata as for any call.
        m_client->prepare(m_context, std::numeric_limits<int>::max() / 2);
        m_context.set_deadline(std::chrono::system_clock::time_point::max());
    }

    void start(std::shared_ptr<ListenReactor> self)
    {
        if (!m_guard.isOpen()) {
            m_link->postEnd(m_client->closedError(what()), false);
            return;
        }
        std::weak_ptr<ListenReactor> weak = self;
        m_tracked = m_client->trackStream([weak] {
            if (auto r = weak.lock())
                r->cancel();
        });
        m_self = std::move(self);
        if (m_client->callLog) {
            QString store;
            const QString shape = describeFilters(m_request, &store);
            // One line when the stream opens, one when it ends (with what it delivered).
            detail::CallRecorder::begin(m_client->callLog, m_client->endpoint(), u"Listen"_s, store, shape)
                ->finish(u"stream opened"_s, Error());
            m_recorder = detail::CallRecorder::begin(m_client->callLog, m_client->endpoint(), u"Listen"_s, store, shape);
        }
        startListen(m_client, &m_context, &m_request, this);
        this->StartRead(&m_reply);
        this->StartCall();
    }

    void cancel() override { m_context.TryCancel(); }

    void OnReadDone(bool ok) override
    {
        if (!ok)
            return; // OnDone follows
        ChangeEvent event = eventOf(m_reply);
        event.receivedMs = QDateTime::currentMSecsSinceEpoch();
        m_link->postEvent(std::move(event));
        ++m_events;
        this->StartRead(&m_reply);
    }

    void OnDone(const grpc::Status &status) override
    {
        const bool byUs = m_cancelledByUs.load();
        Error error;
        if (!status.ok() && !byUs)
            error = m_client->isClosed() ? m_client->closedError(what()) : statusError(status, what(), m_client->endpoint());
        ClientPrivate::streamOver(m_tracked);
        if (m_recorder)
            m_recorder->finish(u"stream closed%1 after %2 events"_s.arg(byUs ? u" by Loom"_s : QString()).arg(m_events),
                               error);
        m_link->postEnd(error, byUs);
        auto keep = std::move(m_self); // may destroy this at the end of scope
    }

private:
    static QString what() { return u"listen to the store's changes"_s; }
    CallGuard m_guard; // first: released last
    ClientPrivate *m_client;
    std::shared_ptr<detail::CallLink> m_tracked;
    std::shared_ptr<ListenLink> m_link;
    grpc::ClientContext m_context;
    Request m_request;
    ReplyMessage m_reply;
    std::shared_ptr<ListenReactor> m_self;
    std::shared_ptr<detail::CallRecorder> m_recorder;
    qint64 m_events = 0; // gRPC's thread only
};

constexpr int kFirstRetryMs = 250;
constexpr int kMaxRetryMs = 15000;

} // namespace

Subscription::Subscription(std::shared_ptr<ClientPrivate> client, const StoreId &store,
                           const QList<ListenFilter> &filters, QObject *parent)
    : QObject(parent)
    , m_client(std::move(client))
    , m_store(store)
    , m_filters(filters)
{
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(50);
    connect(&m_coalesce, &QTimer::timeout, this, &Subscription::flush);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, [this] {
        start();
        Q_EMIT resubscribed();
    });
    if (!m_store.isValid()) {
        m_state = Stopped;
        m_lastError = Error::invalidInput(u"No valid store id was given."_s);
        QMetaObject::invokeMethod(this, [this] { Q_EMIT ended(m_lastError); }, Qt::QueuedConnection);
        return;
    }
    start();
}

Subscription::~Subscription()
{
    // No signals from a dying object: receivers may be half torn down themselves.
    blockSignals(true);
    stop();
}

void Subscription::start()
{
    if (m_link) {
        std::lock_guard lock(m_link->mutex);
        m_link->target = nullptr;
    }
    m_link = std::make_shared<ListenLink>();
    m_link->target = this;
    m_gotEventSinceStart = false;

    std::weak_ptr<ListenReactorBase> weak;
    if (m_store.isLegacy()) {
        // A legacy v0.1 store: api.pb.API's Listen (model/entity instead of collection/instance;
        // the same action numbers).
        lpb::ListenRequest request;
        request.set_storeid(toStd(m_store.toString()));
        for (const ListenFilter &f : std::as_const(m_filters)) {
            auto *filter = request.add_filters();
            filter->set_modelname(toStd(f.collection));
            filter->set_entityid(toStd(f.instanceId));
            filter->set_action(static_cast<lpb::ListenRequest::Filter::Action>(f.action));
        }
        auto reactor = std::make_shared<ListenReactor<lpb::ListenRequest, lpb::ListenReply>>(m_client.get(), m_link,
                                                                                            std::move(request));
        weak = reactor;
        reactor->start(reactor);
    } else {
        pb::ListenRequest request;
        request.set_dbid(toStd(m_store.bytes()));
        for (const ListenFilter &f : std::as_const(m_filters)) {
            auto *filter = request.add_filters();
            filter->set_collectionname(toStd(f.collection));
            filter->set_instanceid(toStd(f.instanceId));
            switch (f.action) {
            case ListenFilter::All: filter->set_action(pb::ListenRequest::Filter::ALL); break;
            case ListenFilter::Create: filter->set_action(pb::ListenRequest::Filter::CREATE); break;
            case ListenFilter::Save: filter->set_action(pb::ListenRequest::Filter::SAVE); break;
            case ListenFilter::Delete: filter->set_action(pb::ListenRequest::Filter::DELETE); break;
            }
        }
        auto reactor = std::make_shared<ListenReactor<pb::ListenRequest, pb::ListenReply>>(m_client.get(), m_link,
                                                                                          std::move(request));
        weak = reactor;
        reactor->start(reactor);
    }
    m_cancelStream = [weak] {
        if (auto r = weak.lock()) {
            r->m_cancelledByUs = true;
            r->cancel();
        }
    };
    setState(Listening);
}

void Subscription::stop()
{
    m_retry.stop();
    if (m_cancelStream)
        std::exchange(m_cancelStream, nullptr)();
    if (m_link) {
        std::lock_guard lock(m_link->mutex);
        m_link->target = nullptr;
    }
    m_link.reset();
    flush();
    if (m_state != Stopped) {
        setState(Stopped);
        Q_EMIT ended({});
    }
}

void Subscription::onEvent(ChangeEvent event)
{
    if (m_state == Stopped) // posted before stop() cut the link: nobody expects it any more
        return;
    m_gotEventSinceStart = true;
    m_attempt = 0;
    m_pending.append(std::move(event));
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

void Subscription::flush()
{
    if (m_pending.isEmpty())
        return;
    const QList<ChangeEvent> batch = std::exchange(m_pending, {});
    Q_EMIT changes(batch);
}

void Subscription::onStreamEnd(const Error &error, bool byUs)
{
    flush();
    if (byUs || m_state == Stopped)
        return;
    m_lastError = error;
    // The store is gone, the request is refused, or the client was shut down: retrying cannot help.
    if (error.kind() == ErrorKind::StoreNotFound || error.kind() == ErrorKind::InvalidInput
        || error.kind() == ErrorKind::Protocol || error.kind() == ErrorKind::Unauthenticated
        || error.kind() == ErrorKind::Cancelled) {
        m_link.reset();
        setState(Stopped);
        Q_EMIT ended(error);
        return;
    }
    // OK (the store was closed, e.g. the daemon is shutting down), a race on a deleted entity, or
    // the daemon went away: try again, backing off.
    const int base = std::min(kMaxRetryMs, kFirstRetryMs << std::min(m_attempt, 6));
    const int delay = base / 2 + int(QRandomGenerator::global()->bounded(base / 2 + 1));
    ++m_attempt;
    setState(Retrying);
    Q_EMIT interrupted(error, delay);
    m_retry.start(delay);
}

void Subscription::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace loom
