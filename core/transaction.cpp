#include "transaction.h"

#include "clientprivate_p.h"
#include "legacyclient_p.h"

#include <QJsonDocument>

#include <deque>

using namespace Qt::StringLiterals;

namespace loom {

// The stream behind a Transaction; lives on gRPC's threads until OnDone.
class TxnStreamBase
{
public:
    virtual ~TxnStreamBase() = default;
    virtual bool isOpen() const = 0; // false: the client was shut down, nothing was started
    virtual void cancel() = 0;
    virtual void commit(std::shared_ptr<detail::CallLink> link, bool discarded) = 0;

    // Posts the end of the stream to the Transaction, if it still exists.
    std::mutex ownerMutex;
    Transaction *owner = nullptr;
    void notifyOwner(const Error &error)
    {
        std::lock_guard lock(ownerMutex);
        if (!owner)
            return;
        Transaction *t = owner;
        QMetaObject::invokeMethod(t, [t, error] { t->onEnded(error); }, Qt::QueuedConnection);
    }
};

namespace {

template <typename Req, typename Rep>
class TxnStream final : public TxnStreamBase, public grpc::ClientBidiReactor<Req, Rep>
{
public:
    // Called with the reply, or with nullptr and an error when the stream ended first.
    using Completion = std::function<void(const Rep *, const Error &)>;

    // Holds no reference to the client (see LiveCalls): its guard keeps the client waiting for it.
    TxnStream(ClientPrivate *client, QString what, int deadlineMs)
        : m_guard(client->live), m_client(client), m_what(std::move(what))
    {
        m_client->prepare(m_context, deadlineMs > 0 ? deadlineMs : m_client->settings.transactionDeadlineMs);
    }

    bool isOpen() const override { return m_guard.isOpen(); }
    bool m_legacy = false; // set before start()

    template <typename StartFn>
    void start(std::shared_ptr<TxnStream> self, Req first, StartFn startRpc)
    {
        if (!m_guard.isOpen())
            return;
        std::weak_ptr<TxnStream> weak = self;
        m_tracked = m_client->trackStream([weak] {
            if (auto s = weak.lock())
                s->cancel();
        });
        m_self = std::move(self);
        startRpc(m_client, &m_context, this);
        if (auto recorder = detail::CallRecorder::begin(m_client->callLog, m_client->endpoint(), first))
            recorder->finish(u"transaction opened"_s, Error());
        m_outbox.push_back(std::move(first));
        m_writing = true;
        this->StartWrite(&m_outbox.front());
        this->StartRead(&m_reply);
        this->StartCall();
    }

    void send(Req request, Completion completion)
    {
        if (auto recorder = detail::CallRecorder::begin(m_client->callLog, m_client->endpoint(), request)) {
            completion = [recorder, completion = std::move(completion)](const Rep *reply, const Error &error) {
                recorder->finish(reply, error);
                completion(reply, error);
            };
        }
        bool startWrite = false;
        Error endedError;
        {
            std::lock_guard lock(m_mutex);
            if (m_ended || m_writesDoneRequested) {
                endedError = Error::invalidInput(u"The transaction has already ended."_s);
            } else {
                m_outbox.push_back(std::move(request));
                m_waiting.push_back(std::move(completion));
                if (!m_writing)
                    startWrite = m_writing = true;
            }
        }
        if (endedError) {
            completion(nullptr, endedError);
            return;
        }
        if (startWrite)
            this->StartWrite(&m_outbox.front());
    }

    void cancel() override { m_context.TryCancel(); }

    void commit(std::shared_ptr<detail::CallLink> link, bool discarded) override
    {
        bool writesDone = false;
        {
            std::lock_guard lock(m_mutex);
            m_commitLink = std::move(link);
            m_discarded = discarded;
            if (m_ended || m_writesDoneRequested)
                return;
            m_writesDoneRequested = true;
            writesDone = !m_writing;
        }
        if (writesDone)
            this->StartWritesDone();
    }

    void OnWriteDone(bool ok) override
    {
        bool next = false, writesDone = false;
        {
            std::lock_guard lock(m_mutex);
            m_outbox.pop_front();
            if (!ok) {
                m_writing = false;
                return; // the stream is broken; OnDone follows
            }
            next = !m_outbox.empty();
            m_writing = next;
            writesDone = !next && m_writesDoneRequested;
        }
        if (next)
            this->StartWrite(&m_outbox.front());
        else if (writesDone)
            this->StartWritesDone();
    }

    void OnReadDone(bool ok) override
    {
        if (!ok)
            return;
        Completion completion;
        {
            std::lock_guard lock(m_mutex);
            if (!m_waiting.empty()) {
                completion = std::move(m_waiting.front());
                m_waiting.pop_front();
            }
        }
        if (completion)
            completion(&m_reply, {});
        this->StartRead(&m_reply);
    }

    void OnDone(const grpc::Status &status) override
    {
        std::deque<Completion> waiting;
        std::shared_ptr<detail::CallLink> commitLink;
        bool discarded;
        {
            std::lock_guard lock(m_mutex);
            m_ended = true;
            waiting.swap(m_waiting);
            commitLink = m_commitLink;
            discarded = m_discarded;
        }
        Error error;
        if (!status.ok()) {
            const QString message = QString::fromStdString(status.error_message());
            // After discard(), the daemon's refusal to commit is the expected end (§3.20).
            if (m_client->isClosed())
                error = m_client->closedError(m_what);
            else if (!(discarded && message.contains(u"discarded"_s)))
                error = statusError(status, m_what, m_client->endpoint(), m_client->settings.transactionDeadlineMs);
        }
        ClientPrivate::streamOver(m_tracked);
        const Error ended = error ? error
                                  : Error::invalidInput(u"The transaction ended before this operation was answered."_s);
        // Legacy v0.1: a failed operation ends the stream (there is no transactionError): the error
        // is that operation's (the first unanswered one); the ones after it were never run.
        bool first = true;
        for (auto &completion : waiting) {
            if (m_legacy && error && !first)
                completion(nullptr, Error(error.kind(), u"The transaction ended when an earlier operation failed: %1"_s
                                                            .arg(error.message())));
            else
                completion(nullptr, ended);
            first = false;
        }
        if (commitLink)
            deliver<Done>(commitLink, {}, error);
        notifyOwner(error);
        auto keep = std::move(m_self);
    }

private:
    CallGuard m_guard; // first: released last
    ClientPrivate *m_client;
    std::shared_ptr<detail::CallLink> m_tracked;
    QString m_what;
    grpc::ClientContext m_context;
    Rep m_reply;
    std::mutex m_mutex;
    std::deque<Req> m_outbox; // front is being written
    std::deque<Completion> m_waiting;
    bool m_writing = false;
    bool m_writesDoneRequested = false;
    bool m_ended = false;
    bool m_discarded = false;
    std::shared_ptr<detail::CallLink> m_commitLink;
    std::shared_ptr<TxnStream> m_self;
};

using WriteStream = TxnStream<pb::WriteTransactionRequest, pb::WriteTransactionReply>;
using ReadStream = TxnStream<pb::ReadTransactionRequest, pb::ReadTransactionReply>;
// Legacy v0.1 (api.pb.API): the same streams with the model-named messages.
using LegacyWriteStream = TxnStream<lpb::WriteTransactionRequest, lpb::WriteTransactionReply>;
using LegacyReadStream = TxnStream<lpb::ReadTransactionRequest, lpb::ReadTransactionReply>;

// A legacy reply has no transactionError: an operation either answers or ends the stream.
template <typename T, typename Rep, typename Convert>
std::function<void(const Rep *, const Error &)> legacyCompleter(std::shared_ptr<detail::CallLink> link, Convert convert)
{
    return [link, convert](const Rep *reply, const Error &ended) {
        if (!reply) {
            deliver<T>(link, T{}, ended);
            return;
        }
        Error error;
        T value = convert(*reply, &error);
        deliver<T>(link, std::move(value), error);
    };
}

// Sends one legacy operation on a read or write stream; `set` fills the oneof of either request.
template <typename T, typename SetW, typename SetR, typename ConvW, typename ConvR>
void sendLegacy(TxnStreamBase *stream, bool write, const std::shared_ptr<detail::CallLink> &link, SetW setWrite,
                SetR setRead, ConvW convertWrite, ConvR convertRead)
{
    if (write) {
        lpb::WriteTransactionRequest r;
        setWrite(r);
        static_cast<LegacyWriteStream *>(stream)->send(std::move(r),
            legacyCompleter<T, lpb::WriteTransactionReply>(link, convertWrite));
    } else {
        lpb::ReadTransactionRequest r;
        setRead(r);
        static_cast<LegacyReadStream *>(stream)->send(std::move(r),
            legacyCompleter<T, lpb::ReadTransactionReply>(link, convertRead));
    }
}

// Turns a transaction reply into T, honouring the reply's transactionError.
template <typename T, typename Rep, typename Convert>
std::function<void(const Rep *, const Error &)> completer(std::shared_ptr<detail::CallLink> link,
                                                          QString what, Convert convert)
{
    return [link, what, convert](const Rep *reply, const Error &ended) {
        if (!reply) {
            deliver<T>(link, T{}, ended);
            return;
        }
        QString txnError;
        Error error;
        T value = convert(*reply, &txnError, &error);
        if (!txnError.isEmpty())
            error = Error::fromStatus(2, txnError, what, {});
        deliver<T>(link, std::move(value), error);
    };
}

} // namespace

Transaction::Transaction(std::shared_ptr<ClientPrivate> client, Kind kind, const StoreId &store,
                         const QString &collection, QObject *parent, int deadlineMs)
    : QObject(parent), m_client(std::move(client)), m_kind(kind), m_store(store), m_collection(collection)
{
    Error e = checkStore(store);
    if (!e)
        e = checkCollectionName(collection);
    if (e) {
        m_open = false;
        QMetaObject::invokeMethod(this, [this, e] { Q_EMIT finished(e); }, Qt::QueuedConnection);
        return;
    }
    m_legacy = store.isLegacy();
    pb::StartTransactionRequest start;
    start.set_dbid(toStd(store.bytes()));
    start.set_collectionname(toStd(collection));
    lpb::StartTransactionRequest legacyStart;
    legacyStart.set_storeid(toStd(store.toString()));
    legacyStart.set_modelname(toStd(collection));
    if (m_legacy && kind == Write) {
        auto stream = std::make_shared<LegacyWriteStream>(m_client.get(), u"complete the write transaction"_s, deadlineMs);
        lpb::WriteTransactionRequest first;
        *first.mutable_starttransactionrequest() = legacyStart;
        stream->owner = this;
        stream->m_legacy = true;
        m_stream = stream;
        stream->start(stream, std::move(first), [](ClientPrivate *c, auto *ctx, auto *reactor) {
            c->legacyStub->async()->WriteTransaction(ctx, reactor);
        });
    } else if (m_legacy) {
        auto stream = std::make_shared<LegacyReadStream>(m_client.get(), u"complete the read transaction"_s, deadlineMs);
        lpb::ReadTransactionRequest first;
        *first.mutable_starttransactionrequest() = legacyStart;
        stream->owner = this;
        stream->m_legacy = true;
        m_stream = stream;
        stream->start(stream, std::move(first), [](ClientPrivate *c, auto *ctx, auto *reactor) {
            c->legacyStub->async()->ReadTransaction(ctx, reactor);
        });
    } else if (kind == Write) {
        auto stream = std::make_shared<WriteStream>(m_client.get(), u"complete the write transaction"_s, deadlineMs);
        pb::WriteTransactionRequest first;
        *first.mutable_starttransactionrequest() = start;
        stream->owner = this;
        m_stream = stream;
        stream->start(stream, std::move(first), [](ClientPrivate *c, auto *ctx, auto *reactor) {
            c->stub->async()->WriteTransaction(ctx, reactor);
        });
    } else {
        auto stream = std::make_shared<ReadStream>(m_client.get(), u"complete the read transaction"_s, deadlineMs);
        pb::ReadTransactionRequest first;
        *first.mutable_starttransactionrequest() = start;
        stream->owner = this;
        m_stream = stream;
        stream->start(stream, std::move(first), [](ClientPrivate *c, auto *ctx, auto *reactor) {
            c->stub->async()->ReadTransaction(ctx, reactor);
        });
    }
    if (m_stream.expired()) { // the client was shut down: nothing started
        m_open = false;
        const Error closed = m_client->closedError(kind == Write ? u"start the write transaction"_s
                                                                 : u"start the read transaction"_s);
        QMetaObject::invokeMethod(this, [this, closed] { Q_EMIT finished(closed); }, Qt::QueuedConnection);
    }
}

Transaction::~Transaction()
{
    if (const auto stream = m_stream.lock()) {
        {
            std::lock_guard lock(stream->ownerMutex);
            stream->owner = nullptr;
        }
        if (m_open)
            stream->cancel();
    }
}

template <typename T>
Reply<T> *Transaction::refuse(const QString &what, const Error &error)
{
    auto *reply = new Reply<T>(what);
    reply->failLater(error);
    return reply;
}

void Transaction::onEnded(const Error &error)
{
    m_open = false;
    Q_EMIT finished(error);
}

Reply<bool> *Transaction::has(const QStringList &ids)
{
    const QString what = u"check the ids"_s;
    const auto stream = liveStream();
    if (!stream)
        return refuse<bool>(what, Error::invalidInput(u"The transaction has ended."_s));
    auto *reply = new Reply<bool>(what);
    if (m_legacy) {
        lpb::ModelHasRequest has;
        has.set_storeid(toStd(m_store.toString()));
        has.set_modelname(toStd(m_collection));
        for (const QString &id : ids)
            has.add_entityids(toStd(id));
        sendLegacy<bool>(stream.get(), m_kind == Write, reply->link(),
            [&](lpb::WriteTransactionRequest &r) { *r.mutable_modelhasrequest() = has; },
            [&](lpb::ReadTransactionRequest &r) { *r.mutable_modelhasrequest() = has; },
            [](const lpb::WriteTransactionReply &rep, Error *) { return rep.modelhasreply().exists(); },
            [](const lpb::ReadTransactionReply &rep, Error *) { return rep.modelhasreply().exists(); });
        return reply;
    }
    pb::HasRequest has;
    for (const QString &id : ids)
        has.add_instanceids(toStd(id));
    if (m_kind == Write) {
        pb::WriteTransactionRequest r;
        *r.mutable_hasrequest() = has;
        static_cast<WriteStream *>(stream.get())->send(std::move(r),
            completer<bool, pb::WriteTransactionReply>(reply->link(), what,
                [](const pb::WriteTransactionReply &rep, QString *txn, Error *) {
                    *txn = QString::fromStdString(rep.hasreply().transactionerror());
                    return rep.hasreply().exists();
                }));
    } else {
        pb::ReadTransactionRequest r;
        *r.mutable_hasrequest() = has;
        static_cast<ReadStream *>(stream.get())->send(std::move(r),
            completer<bool, pb::ReadTransactionReply>(reply->link(), what,
                [](const pb::ReadTransactionReply &rep, QString *txn, Error *) {
                    *txn = QString::fromStdString(rep.hasreply().transactionerror());
                    return rep.hasreply().exists();
                }));
    }
    return reply;
}

Reply<QList<Instance>> *Transaction::find(const Query &query)
{
    const QString what = u"run the query"_s;
    const auto stream = liveStream();
    if (!stream)
        return refuse<QList<Instance>>(what, Error::invalidInput(u"The transaction has ended."_s));
    if (Error e = checkQuery(query))
        return refuse<QList<Instance>>(what, e);
    auto *reply = new Reply<QList<Instance>>(what);
    if (m_legacy) {
        // No seek/limit/skip on legacy: every match comes back, the page is cut here.
        lpb::ModelFindRequest find;
        find.set_storeid(toStd(m_store.toString()));
        find.set_modelname(toStd(m_collection));
        find.set_queryjson(toStd(legacyWireQuery(query)));
        auto page = [query](const lpb::ModelFindReply &f, Error *error) {
            return legacyPage(parseInstances(f.entities(), error), query);
        };
        sendLegacy<QList<Instance>>(stream.get(), m_kind == Write, reply->link(),
            [&](lpb::WriteTransactionRequest &r) { *r.mutable_modelfindrequest() = find; },
            [&](lpb::ReadTransactionRequest &r) { *r.mutable_modelfindrequest() = find; },
            [page](const lpb::WriteTransactionReply &rep, Error *e) { return page(rep.modelfindreply(), e); },
            [page](const lpb::ReadTransactionReply &rep, Error *e) { return page(rep.modelfindreply(), e); });
        return reply;
    }
    pb::FindRequest find;
    find.set_queryjson(toStd(query.toWireJson()));
    const std::optional<Sort> clientSort = query.sortsOnClient() ? query.sort() : std::nullopt;
    auto convert = [clientSort](const pb::FindReply &f, QString *txn, Error *error) {
        *txn = QString::fromStdString(f.transactionerror());
        QList<Instance> list = parseInstances(f.instances(), error);
        if (clientSort)
            Query::sortPage(list, *clientSort);
        return list;
    };
    if (m_kind == Write) {
        pb::WriteTransactionRequest r;
        *r.mutable_findrequest() = find;
        static_cast<WriteStream *>(stream.get())->send(std::move(r),
            completer<QList<Instance>, pb::WriteTransactionReply>(reply->link(), what,
                [convert](const pb::WriteTransactionReply &rep, QString *txn, Error *e) { return convert(rep.findreply(), txn, e); }));
    } else {
        pb::ReadTransactionRequest r;
        *r.mutable_findrequest() = find;
        static_cast<ReadStream *>(stream.get())->send(std::move(r),
            completer<QList<Instance>, pb::ReadTransactionReply>(reply->link(), what,
                [convert](const pb::ReadTransactionReply &rep, QString *txn, Error *e) { return convert(rep.findreply(), txn, e); }));
    }
    return reply;
}

Reply<Instance> *Transaction::findById(const QString &id)
{
    const QString what = u"read the entity"_s;
    const auto stream = liveStream();
    if (!stream)
        return refuse<Instance>(what, Error::invalidInput(u"The transaction has ended."_s));
    auto *reply = new Reply<Instance>(what);
    if (m_legacy) {
        lpb::ModelFindByIDRequest find;
        find.set_storeid(toStd(m_store.toString()));
        find.set_modelname(toStd(m_collection));
        find.set_entityid(toStd(id));
        auto entity = [](const lpb::ModelFindByIDReply &f, Error *error) {
            return parseInstance(f.entity(), error).value_or(Instance());
        };
        sendLegacy<Instance>(stream.get(), m_kind == Write, reply->link(),
            [&](lpb::WriteTransactionRequest &r) { *r.mutable_modelfindbyidrequest() = find; },
            [&](lpb::ReadTransactionRequest &r) { *r.mutable_modelfindbyidrequest() = find; },
            [entity](const lpb::WriteTransactionReply &rep, Error *e) { return entity(rep.modelfindbyidreply(), e); },
            [entity](const lpb::ReadTransactionReply &rep, Error *e) { return entity(rep.modelfindbyidreply(), e); });
        return reply;
    }
    pb::FindByIDRequest find;
    find.set_instanceid(toStd(id));
    auto convert = [](const pb::FindByIDReply &f, QString *txn, Error *error) {
        *txn = QString::fromStdString(f.transactionerror());
        if (!txn->isEmpty())
            return Instance();
        return parseInstance(f.instance(), error).value_or(Instance());
    };
    if (m_kind == Write) {
        pb::WriteTransactionRequest r;
        *r.mutable_findbyidrequest() = find;
        static_cast<WriteStream *>(stream.get())->send(std::move(r),
            completer<Instance, pb::WriteTransactionReply>(reply->link(), what,
                [convert](const pb::WriteTransactionReply &rep, QString *txn, Error *e) { return convert(rep.findbyidreply(), txn, e); }));
    } else {
        pb::ReadTransactionRequest r;
        *r.mutable_findbyidrequest() = find;
        static_cast<ReadStream *>(stream.get())->send(std::move(r),
            completer<Instance, pb::ReadTransactionReply>(reply->link(), what,
                [convert](const pb::ReadTransactionReply &rep, QString *txn, Error *e) { return convert(rep.findbyidreply(), txn, e); }));
    }
    return reply;
}

std::shared_ptr<TxnStreamBase> Transaction::liveStream() const
{
    return m_open ? m_stream.lock() : nullptr;
}

std::shared_ptr<TxnStreamBase> Transaction::checkWrite(ReplyBase *reply)
{
    auto stream = liveStream();
    if (!stream) {
        reply->failLater(Error::invalidInput(u"The transaction has ended."_s));
        return nullptr;
    }
    if (m_kind != Write) {
        reply->failLater(Error::invalidInput(u"A read transaction cannot change entities."_s));
        return nullptr;
    }
    return stream;
}

Reply<QStringList> *Transaction::create(const QList<Instance> &entities)
{
    const QString what = u"create the entities"_s;
    auto *reply = new Reply<QStringList>(what);
    const auto stream = checkWrite(reply);
    if (!stream)
        return reply;
    if (m_legacy) {
        QList<Instance> prepared = entities;
        if (Error e = prepareLegacyEntitiesFor(prepared, false, what)) {
            reply->failLater(e);
            return reply;
        }
        lpb::WriteTransactionRequest r;
        auto *create = r.mutable_modelcreaterequest();
        create->set_storeid(toStd(m_store.toString()));
        create->set_modelname(toStd(m_collection));
        for (const Instance &e : std::as_const(prepared))
            create->add_values(toStd(compact(e)));
        static_cast<LegacyWriteStream *>(stream.get())->send(std::move(r),
            legacyCompleter<QStringList, lpb::WriteTransactionReply>(reply->link(),
                [](const lpb::WriteTransactionReply &rep, Error *error) {
                    return legacyIdsOf(rep.modelcreatereply().entities(), error);
                }));
        return reply;
    }
    if (Error e = checkEntities(entities, false, what)) {
        reply->failLater(e);
        return reply;
    }
    pb::WriteTransactionRequest r;
    addInstances(*r.mutable_createrequest(), entities);
    static_cast<WriteStream *>(stream.get())->send(std::move(r),
        completer<QStringList, pb::WriteTransactionReply>(reply->link(), what,
            [](const pb::WriteTransactionReply &rep, QString *txn, Error *) {
                *txn = QString::fromStdString(rep.createreply().transactionerror());
                QStringList ids;
                for (const std::string &id : rep.createreply().instanceids())
                    ids.append(QString::fromStdString(id));
                return ids;
            }));
    return reply;
}

VoidReply *Transaction::save(const QList<Instance> &entities)
{
    return sendEntities(u"save the entities"_s, entities, false);
}

VoidReply *Transaction::verify(const QList<Instance> &entities)
{
    return sendEntities(u"verify the entities"_s, entities, true);
}

// Save and Verify (its dry run): entities that carry their _id.
VoidReply *Transaction::sendEntities(const QString &what, const QList<Instance> &entities, bool dryRun)
{
    auto *reply = new VoidReply(what);
    const auto stream = checkWrite(reply);
    if (!stream)
        return reply;
    if (m_legacy) {
        if (dryRun) {
            reply->failLater(Error(ErrorKind::Unsupported,
                                   unavailableOnLegacy(u"Checking entities against the schema without saving (Verify)"_s) + u'.'));
            return reply;
        }
        QList<Instance> prepared = entities;
        if (Error e = prepareLegacyEntitiesFor(prepared, true, what)) {
            reply->failLater(e);
            return reply;
        }
        lpb::WriteTransactionRequest r;
        auto *save = r.mutable_modelsaverequest();
        save->set_storeid(toStd(m_store.toString()));
        save->set_modelname(toStd(m_collection));
        for (const Instance &e : std::as_const(prepared))
            save->add_values(toStd(compact(e)));
        static_cast<LegacyWriteStream *>(stream.get())->send(std::move(r),
            legacyCompleter<Done, lpb::WriteTransactionReply>(reply->link(),
                [](const lpb::WriteTransactionReply &, Error *) { return Done(); }));
        return reply;
    }
    if (Error e = checkEntities(entities, true, what)) {
        reply->failLater(e);
        return reply;
    }
    pb::WriteTransactionRequest r;
    if (dryRun)
        addInstances(*r.mutable_verifyrequest(), entities);
    else
        addInstances(*r.mutable_saverequest(), entities);
    static_cast<WriteStream *>(stream.get())->send(std::move(r),
        completer<Done, pb::WriteTransactionReply>(reply->link(), what,
            [dryRun](const pb::WriteTransactionReply &rep, QString *txn, Error *) {
                *txn = QString::fromStdString(dryRun ? rep.verifyreply().transactionerror()
                                                     : rep.savereply().transactionerror());
                return Done();
            }));
    return reply;
}

VoidReply *Transaction::remove(const QStringList &ids)
{
    const QString what = u"delete the entities"_s;
    auto *reply = new VoidReply(what);
    const auto stream = checkWrite(reply);
    if (!stream)
        return reply;
    if (ids.isEmpty()) {
        reply->failLater(Error::invalidInput(u"No entity ids were given."_s));
        return reply;
    }
    // One request per id (the daemon's Delete stops at the first missing id); the reply finishes
    // with the last answer, carrying the first error.
    struct Tally
    {
        std::mutex mutex;
        int left;
        Error first;
    };
    auto tally = std::make_shared<Tally>();
    tally->left = int(ids.size());
    auto link = reply->link();
    for (const QString &id : ids) {
        if (m_legacy) {
            lpb::WriteTransactionRequest r;
            auto *del = r.mutable_modeldeleterequest();
            del->set_storeid(toStd(m_store.toString()));
            del->set_modelname(toStd(m_collection));
            del->add_entityids(toStd(id));
            static_cast<LegacyWriteStream *>(stream.get())->send(std::move(r),
                [tally, link](const lpb::WriteTransactionReply *, const Error &ended) {
                    std::lock_guard lock(tally->mutex);
                    if (ended && !tally->first)
                        tally->first = ended;
                    if (--tally->left == 0)
                        deliver<Done>(link, {}, tally->first);
                });
            continue;
        }
        pb::WriteTransactionRequest r;
        r.mutable_deleterequest()->add_instanceids(toStd(id));
        static_cast<WriteStream *>(stream.get())->send(std::move(r),
            [tally, link, what](const pb::WriteTransactionReply *rep, const Error &ended) {
                Error error = ended;
                if (rep && !rep->deletereply().transactionerror().empty())
                    error = Error::fromStatus(2, QString::fromStdString(rep->deletereply().transactionerror()), what, {});
                std::lock_guard lock(tally->mutex);
                if (error && !tally->first)
                    tally->first = error;
                if (--tally->left == 0)
                    deliver<Done>(link, {}, tally->first);
            });
    }
    return reply;
}

VoidReply *Transaction::discard()
{
    const QString what = u"discard the transaction"_s;
    auto *reply = new VoidReply(what);
    const auto stream = checkWrite(reply);
    if (!stream)
        return reply;
    if (m_legacy) { // end it with cancel() instead: nothing is committed then
        reply->failLater(Error(ErrorKind::Unsupported, unavailableOnLegacy(u"Discarding a transaction"_s)
                                                           + u"; cancel it to commit nothing."_s));
        return reply;
    }
    pb::WriteTransactionRequest r;
    r.mutable_discardrequest();
    m_discarded = true;
    static_cast<WriteStream *>(stream.get())->send(std::move(r),
        completer<Done, pb::WriteTransactionReply>(reply->link(), what,
            [](const pb::WriteTransactionReply &, QString *, Error *) { return Done(); }));
    return reply;
}

VoidReply *Transaction::commit()
{
    auto *reply = new VoidReply(m_kind == Write ? u"commit the transaction"_s : u"end the transaction"_s);
    const auto stream = liveStream();
    if (!stream || m_committing) {
        reply->failLater(Error::invalidInput(u"The transaction has already ended."_s));
        return reply;
    }
    m_committing = true;
    stream->commit(reply->link(), m_discarded);
    return reply;
}

void Transaction::cancel()
{
    if (const auto stream = liveStream())
        stream->cancel();
}

} // namespace loom
