#pragma once
// Private to core/: ThreadsClient's calls on a legacy v0.1 daemon (api.pb.API), legacyclient.cpp.

#include "clientprivate_p.h"
#include "invitelink.h"
#include "packedjson.h"
#include "threadsclient.h"

#include <QPointer>

namespace loom {

namespace legacy {
using namespace Qt::StringLiterals;

inline Error unsupported(const QString &what)
{
    return Error(ErrorKind::Unsupported, unavailableOnLegacy(what) + QLatin1Char('.'));
}

// `inner` (one step of `outer`) finishes: an error ends `outer` with it, success runs onOk(inner).
// Cancelling or destroying `outer` cancels the step in flight.
template <typename T, typename U, typename F>
void follow(Reply<T> *outer, Reply<U> *inner, F onOk)
{
    inner->setParent(outer); // destroyed with outer: its RPC is cancelled
    {
        std::lock_guard lock(outer->link()->mutex);
        outer->link()->cancel = [p = QPointer<ReplyBase>(inner)] {
            if (p)
                p->cancel();
        };
    }
    QObject::connect(inner, &ReplyBase::finished, outer, [outer, inner, onOk]() mutable {
        if (inner->error()) {
            outer->complete(T{}, inner->error());
            return;
        }
        onOk(inner);
    });
}

// Completes a reply on the caller's thread (queued: the caller connects first).
template <typename T>
Reply<T> *ready(const QString &what, T value, const Error &error = {})
{
    auto *reply = new Reply<T>(what);
    deliver<T>(reply->link(), std::move(value), error);
    return reply;
}

template <typename T, typename Req, typename Resp, typename Start, typename Convert>
Reply<T> *legacyUnary(ClientPrivate &d, const QString &what, Req request, Start start, Convert convert)
{
    return d.unaryOn<T, Req, Resp>(d.legacyStub, what, std::move(request), std::move(start), std::move(convert));
}

inline Error checkLegacyStore(const StoreId &store)
{
    if (!store.isValid())
        return Error::invalidInput(u"No valid store id was given."_s);
    if (!store.isLegacy())
        return Error::invalidInput(u"The store id %1 is not a legacy v0.1 store id (a UUID)."_s.arg(store.toString()));
    return {};
}

inline Error checkLegacyTarget(const StoreId &store, const QString &collection)
{
    if (Error e = checkLegacyStore(store))
        return e;
    if (collection.isEmpty())
        return Error::invalidInput(u"No collection was given."_s);
    return {};
}

} // namespace legacy

// Legacy queries (no seek/limit/skip on the daemon): the criteria the daemon runs, and the page
// cut from all its matches on the client (sort, else by ID; seek, skip, limit as v1 does).
QByteArray legacyWireQuery(const Query &query);
QList<Instance> legacyPage(QList<Instance> all, const Query &query);
// Entities for ModelCreate/ModelSave: a v0.1.10 daemon exits on an entity without "ID" or with a
// non-UUID one; a missing/null ID becomes "" (create: the daemon generates one), save needs a UUID.
Error prepareLegacyEntitiesFor(QList<Instance> &entities, bool needId, const QString &what);
// The "ID"s of ModelCreate's returned entities.
QStringList legacyIdsOf(const google::protobuf::RepeatedPtrField<std::string> &entities, Error *error);

struct LegacyCalls
{
    static Reply<ApiGeneration> *detectGeneration(ThreadsClient &c);

    static Reply<StoreId> *newStore(ThreadsClient &c, const QString &name, const QList<CollectionConfig> &collections);
    static Reply<StoreId> *joinStore(ThreadsClient &c, const InviteLink &link, const QList<CollectionConfig> &collections,
                                     const QString &name);
    static Reply<QList<StoreInfo>> *listStores(ThreadsClient &c);
    static Reply<StoreInfo> *storeInfo(ThreadsClient &c, const StoreId &store);
    static VoidReply *startStore(ThreadsClient &c, const StoreId &store);
    static Reply<StoreInfo> *openStore(ThreadsClient &c, const StoreId &store);

    static VoidReply *newCollection(ThreadsClient &c, const StoreId &store, const CollectionConfig &config);
    static Reply<QList<CollectionConfig>> *listCollections(ThreadsClient &c, const StoreId &store);
    static Reply<CollectionConfig> *collectionInfo(ThreadsClient &c, const StoreId &store, const QString &collection);
    static Reply<QList<IndexSpec>> *collectionIndexes(ThreadsClient &c, const StoreId &store, const QString &collection);

    static Reply<QStringList> *create(ThreadsClient &c, const StoreId &store, const QString &collection,
                                      const QList<Instance> &entities);
    static Reply<BulkCreateResult> *createEntities(ThreadsClient &c, const StoreId &store, const QString &collection,
                                                   const QList<Instance> &entities, int batchSize);
    static Reply<QStringList> *createMany(ThreadsClient &c, const StoreId &store, const QString &collection,
                                          const QList<Instance> &entities, int batchSize);
    static VoidReply *save(ThreadsClient &c, const StoreId &store, const QString &collection, const QList<Instance> &entities);
    static VoidReply *remove(ThreadsClient &c, const StoreId &store, const QString &collection, const QStringList &ids);
    static Reply<bool> *has(ThreadsClient &c, const StoreId &store, const QString &collection, const QStringList &ids);
    static Reply<QList<Instance>> *find(ThreadsClient &c, const StoreId &store, const QString &collection, const Query &query);
    static Reply<QList<PackedInstance>> *findPacked(ThreadsClient &c, const StoreId &store, const QString &collection,
                                                    const Query &query);
    static Reply<Instance> *findById(ThreadsClient &c, const StoreId &store, const QString &collection, const QString &id);

    // Fails at once with ErrorKind::Unsupported: "<feature> is not available on a v0.1 daemon."
    template <typename T>
    static Reply<T> *unavailable(ThreadsClient &c, const QString &what, const QString &feature)
    {
        return c.d->template refuse<T>(what, Error(ErrorKind::Unsupported, unavailableOnLegacy(feature) + u'.'));
    }

    static ClientPrivate &priv(ThreadsClient &c) { return *c.d; }

private:
    template <typename T, typename Then>
    static void registerThen(ThreadsClient &c, Reply<T> *outer, const StoreId &store,
                             const QList<CollectionConfig> &collections, qsizetype index, Then next);
    template <typename T>
    static Reply<T> *markWrittenAfter(ThreadsClient &c, Reply<T> *r, const StoreId &store);
    static void runBatch(ThreadsClient &c, Reply<BulkCreateResult> *outer, const StoreId &store, const QString &collection,
                         const QList<Instance> &entities, std::shared_ptr<BulkCreateResult> result, qsizetype index);
    static void removeFrom(ThreadsClient &c, VoidReply *outer, const StoreId &store, const QString &collection,
                           const QStringList &ids, qsizetype index);
    template <typename T, typename Finish>
    static Reply<T> *runFind(ThreadsClient &c, const StoreId &store, const QString &collection, const Query &query,
                             Finish finish);
};

} // namespace loom
