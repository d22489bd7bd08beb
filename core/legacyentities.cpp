// ThreadsClient's entity calls on a legacy v0.1 daemon (api.pb.API's Model* calls; the entity id
// field is "ID"). The rest of the mapping: legacyclient.cpp.
#include "legacyclient_p.h"

#include "legacystores.h"

using namespace Qt::StringLiterals;

namespace loom {

using namespace legacy;

// ---------------------------------------------------------------------------------------------
// Entities (the daemon's model instances, id field "ID")

Reply<QStringList> *LegacyCalls::create(ThreadsClient &c, const StoreId &store, const QString &collection,
                                        const QList<Instance> &entities)
{
    const QString what = u"create the entities"_s;
    QList<Instance> prepared = entities;
    Error e = checkLegacyTarget(store, collection);
    if (!e)
        e = prepareLegacyEntitiesFor(prepared, false, what);
    if (e)
        return c.d->refuse<QStringList>(what, e);
    lpb::ModelCreateRequest request;
    request.set_storeid(toStd(store.toString()));
    request.set_modelname(toStd(collection));
    for (const Instance &entity : std::as_const(prepared))
        request.add_values(toStd(compact(entity)));
    auto *r = legacyUnary<QStringList, lpb::ModelCreateRequest, lpb::ModelCreateReply>(
        *c.d, what, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->ModelCreate(ctx, req, resp, std::move(cb)); },
        [](const lpb::ModelCreateReply &reply, Error *error) {
            // The created entities come back whole; their new IDs are what create() returns.
            return legacyIdsOf(reply.entities(), error);
        });
    return markWrittenAfter(c, r, store);
}

template <typename T>
Reply<T> *LegacyCalls::markWrittenAfter(ThreadsClient &c, Reply<T> *r, const StoreId &store)
{
    QPointer<ThreadsClient> client(&c);
    // Connected before the caller can connect: the book knows of the write when they hear of it.
    QObject::connect(r, &ReplyBase::finished, &c, [r, client, store] {
        if (client && r->ok())
            client->storeBook()->markWritten(store);
    });
    return r;
}

Reply<QStringList> *LegacyCalls::createMany(ThreadsClient &c, const StoreId &store, const QString &collection,
                                            const QList<Instance> &entities, int batchSize)
{
    auto *outer = new Reply<QStringList>(u"create the entities"_s);
    auto *bulk = createEntities(c, store, collection, entities, batchSize);
    bulk->setParent(outer);
    {
        std::lock_guard lock(outer->link()->mutex);
        outer->link()->cancel = [p = QPointer<ReplyBase>(bulk)] {
            if (p)
                p->cancel();
        };
    }
    QObject::connect(bulk, &ReplyBase::progress, outer, &ReplyBase::reportProgress);
    QObject::connect(bulk, &ReplyBase::finished, outer,
                     [outer, bulk] { outer->complete(bulk->result().storedIds(), bulk->error()); });
    return outer;
}

// Bulk create on legacy: one ModelCreate per batch, one batch at a time (the v0.1 daemon writes a
// store under one lock anyway).
Reply<BulkCreateResult> *LegacyCalls::createEntities(ThreadsClient &c, const StoreId &store, const QString &collection,
                                                     const QList<Instance> &entities, int batchSize)
{
    const QString what = u"create the entities"_s;
    Error e = checkLegacyTarget(store, collection);
    if (!e && entities.isEmpty())
        e = Error::invalidInput(u"Could not create the entities: no entities were given."_s);
    if (e)
        return c.d->refuse<BulkCreateResult>(what, e);
    auto *outer = new Reply<BulkCreateResult>(what);
    auto result = std::make_shared<BulkCreateResult>();
    result->total = entities.size();
    const int size = std::max(1, batchSize);
    for (qsizetype first = 0; first < entities.size(); first += size)
        result->batches.append({first, std::min<qsizetype>(size, entities.size() - first), BatchOutcome::NotStored, {}});
    runBatch(c, outer, store, collection, entities, result, 0);
    return outer;
}

void LegacyCalls::runBatch(ThreadsClient &c, Reply<BulkCreateResult> *outer, const StoreId &store, const QString &collection,
                           const QList<Instance> &entities, std::shared_ptr<BulkCreateResult> result, qsizetype index)
{
    if (index >= result->batches.size()) {
        outer->complete(*result, {});
        return;
    }
    BatchOutcome &batch = result->batches[index];
    auto *r = create(c, store, collection, entities.mid(batch.first, batch.count));
    r->setParent(outer);
    {
        std::lock_guard lock(outer->link()->mutex);
        outer->link()->cancel = [p = QPointer<ReplyBase>(r)] {
            if (p)
                p->cancel();
        };
    }
    QPointer<ThreadsClient> client(&c);
    QObject::connect(r, &ReplyBase::finished, outer, [=] {
        BatchOutcome &b = result->batches[index];
        if (r->error()) {
            const ErrorKind k = r->error().kind();
            b.status = (k == ErrorKind::Timeout || k == ErrorKind::Cancelled || k == ErrorKind::Unreachable)
                           && r->error().grpcCode() >= 0
                ? BatchOutcome::Unknown
                : BatchOutcome::NotStored;
            outer->complete(*result, r->error());
            return;
        }
        b.status = BatchOutcome::Stored;
        b.ids = r->result();
        qsizetype done = 0;
        for (qsizetype i = 0; i <= index; ++i)
            done += result->batches[i].count;
        outer->reportProgress(done, result->total);
        if (!client) {
            outer->complete(*result, Error(ErrorKind::Cancelled, u"Could not create the entities: the connection was closed."_s));
            return;
        }
        runBatch(*client, outer, store, collection, entities, result, index + 1);
    });
}

VoidReply *LegacyCalls::save(ThreadsClient &c, const StoreId &store, const QString &collection, const QList<Instance> &entities)
{
    const QString what = u"save the entities"_s;
    QList<Instance> prepared = entities;
    Error e = checkLegacyTarget(store, collection);
    if (!e)
        e = prepareLegacyEntitiesFor(prepared, true, what);
    if (e)
        return c.d->refuse<Done>(what, e);
    lpb::ModelSaveRequest request;
    request.set_storeid(toStd(store.toString()));
    request.set_modelname(toStd(collection));
    for (const Instance &entity : std::as_const(prepared))
        request.add_values(toStd(compact(entity)));
    return markWrittenAfter(c, legacyUnary<Done, lpb::ModelSaveRequest, lpb::ModelSaveReply>(
        *c.d, what, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->ModelSave(ctx, req, resp, std::move(cb)); },
        [](const lpb::ModelSaveReply &, Error *) { return Done(); }), store);
}

VoidReply *LegacyCalls::remove(ThreadsClient &c, const StoreId &store, const QString &collection, const QStringList &ids)
{
    const QString what = u"delete the entities"_s;
    Error e = checkLegacyTarget(store, collection);
    if (!e && ids.isEmpty())
        e = Error::invalidInput(u"Could not delete the entities: no ids were given."_s);
    if (e)
        return c.d->refuse<Done>(what, e);
    // One ModelDelete per id, one after the other: the daemon stops at the first missing id.
    auto *outer = new VoidReply(what);
    removeFrom(c, outer, store, collection, ids, 0);
    return outer;
}

void LegacyCalls::removeFrom(ThreadsClient &c, VoidReply *outer, const StoreId &store, const QString &collection,
                             const QStringList &ids, qsizetype index)
{
    if (index >= ids.size()) {
        outer->complete({}, {});
        return;
    }
    lpb::ModelDeleteRequest request;
    request.set_storeid(toStd(store.toString()));
    request.set_modelname(toStd(collection));
    request.add_entityids(toStd(ids[index]));
    auto *r = markWrittenAfter(c, legacyUnary<Done, lpb::ModelDeleteRequest, lpb::ModelDeleteReply>(
        *c.d, outer->operation(), std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->ModelDelete(ctx, req, resp, std::move(cb)); },
        [](const lpb::ModelDeleteReply &, Error *) { return Done(); }), store);
    QPointer<ThreadsClient> client(&c);
    follow(outer, r, [=](VoidReply *) {
        if (!client) {
            outer->complete({}, Error(ErrorKind::Cancelled, u"Could not delete the entities: the connection was closed."_s));
            return;
        }
        removeFrom(*client, outer, store, collection, ids, index + 1);
    });
}

Reply<bool> *LegacyCalls::has(ThreadsClient &c, const StoreId &store, const QString &collection, const QStringList &ids)
{
    const QString what = u"check the ids"_s;
    if (Error e = checkLegacyTarget(store, collection))
        return c.d->refuse<bool>(what, e);
    lpb::ModelHasRequest request;
    request.set_storeid(toStd(store.toString()));
    request.set_modelname(toStd(collection));
    for (const QString &id : ids)
        request.add_entityids(toStd(id));
    return legacyUnary<bool, lpb::ModelHasRequest, lpb::ModelHasReply>(
        *c.d, what, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->ModelHas(ctx, req, resp, std::move(cb)); },
        [](const lpb::ModelHasReply &reply, Error *) { return reply.exists(); });
}

Reply<QList<Instance>> *LegacyCalls::find(ThreadsClient &c, const StoreId &store, const QString &collection, const Query &query)
{
    return runFind<QList<Instance>>(c, store, collection, query, [](QList<Instance> list) { return list; });
}

Reply<QList<PackedInstance>> *LegacyCalls::findPacked(ThreadsClient &c, const StoreId &store, const QString &collection,
                                                      const Query &query)
{
    return runFind<QList<PackedInstance>>(c, store, collection, query,
                                          [](QList<Instance> list) { return packedjson::packAll(list, u"ID"); });
}

template <typename T, typename Finish>
Reply<T> *LegacyCalls::runFind(ThreadsClient &c, const StoreId &store, const QString &collection, const Query &query,
                               Finish finish)
{
    const QString what = u"run the query"_s;
    Error e = checkLegacyTarget(store, collection);
    if (!e)
        e = checkQuery(query);
    if (e)
        return c.d->refuse<T>(what, e);
    lpb::ModelFindRequest request;
    request.set_storeid(toStd(store.toString()));
    request.set_modelname(toStd(collection));
    request.set_queryjson(toStd(legacyWireQuery(query)));
    // The daemon returns every match; the page (sort, seek, skip, limit) is cut here, on gRPC's thread.
    return legacyUnary<T, lpb::ModelFindRequest, lpb::ModelFindReply>(
        *c.d, what, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->ModelFind(ctx, req, resp, std::move(cb)); },
        [query, finish](const lpb::ModelFindReply &reply, Error *error) {
            QList<Instance> all = parseInstances(reply.entities(), error);
            return finish(legacyPage(std::move(all), query));
        });
}

Reply<Instance> *LegacyCalls::findById(ThreadsClient &c, const StoreId &store, const QString &collection, const QString &id)
{
    const QString what = u"read the entity"_s;
    Error e = checkLegacyTarget(store, collection);
    if (!e && id.isEmpty())
        e = Error::invalidInput(u"No entity id was given."_s);
    if (e)
        return c.d->refuse<Instance>(what, e);
    lpb::ModelFindByIDRequest request;
    request.set_storeid(toStd(store.toString()));
    request.set_modelname(toStd(collection));
    request.set_entityid(toStd(id));
    return legacyUnary<Instance, lpb::ModelFindByIDRequest, lpb::ModelFindByIDReply>(
        *c.d, what, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->ModelFindByID(ctx, req, resp, std::move(cb)); },
        [](const lpb::ModelFindByIDReply &reply, Error *error) {
            return parseInstance(reply.entity(), error).value_or(Instance());
        });
}

} // namespace loom
