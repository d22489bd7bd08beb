// The legacy v0.1 "store" API (api.pb.API, go-threads v0.1.3–v0.1.10) behind ThreadsClient's one
// API: generation detection and the call mapping of threads-api.md §7.3 (docs/architecture.md,
// "Legacy v0.1 daemons"). Calls made of several RPCs (newStore, joinStore, remove, bulk creates)
// run them one after the other on the caller's thread, each reply chained to the next.
#include "legacyclient_p.h"

#include "legacystores.h"
#include "schemacheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace loom {

using namespace legacy;

namespace {

const QString kLegacyId = u"ID"_s;

bool isUuid(const QString &text)
{
    return StoreId::fromLegacyUuid(text).has_value();
}

// Entities for ModelCreate/ModelSave. A v0.1.10 daemon EXITS (log.Fatal) on an entity without an
// "ID" attribute (absent or null) and on a non-empty ID that is not a UUID: a missing or null ID
// becomes "" (the daemon then generates a UUIDv4) for create; save needs a UUID.
Error prepareLegacyEntities(QList<Instance> &entities, bool needId, const QString &what)
{
    if (entities.isEmpty())
        return Error::invalidInput(u"Could not %1: no entities were given."_s.arg(what));
    qsizetype total = 0;
    for (qsizetype i = 0; i < entities.size(); ++i) {
        const QJsonValue id = entities[i].value(kLegacyId);
        if (id.isUndefined() || id.isNull()) {
            if (needId)
                return Error::invalidInput(u"Could not %1: entity %2 has no ID."_s.arg(what).arg(i + 1));
            entities[i].insert(kLegacyId, QString());
        } else if (!id.isString()) {
            return Error::invalidInput(u"Could not %1: entity %2 has an ID that is not a string."_s.arg(what).arg(i + 1));
        } else if (id.toString().isEmpty() ? needId : !isUuid(id.toString())) {
            return Error::invalidInput(u"Could not %1: entity %2 has the ID \u201c%3\u201d, which is not a UUID; a v0.1 "
                                       u"daemon needs UUID ids (it generates one when the ID is empty)."_s
                                           .arg(what).arg(i + 1).arg(id.toString()));
        }
        total += compact(entities[i]).size();
    }
    if (total > 4 * 1024 * 1024 - 64 * 1024)
        return Error(ErrorKind::TooLarge,
                     u"Could not %1: %2 bytes of entities exceed the daemon's 4 MiB message limit; send smaller batches."_s
                         .arg(what).arg(total));
    return {};
}

Error checkLegacyConfig(const CollectionConfig &config)
{
    if (Error e = checkCollectionName(config.name))
        return e;
    if (!config.writeValidator.isEmpty() || !config.readFilter.isEmpty())
        return unsupported(u"A write validator or read filter"_s);
    if (config.schema.trimmed().isEmpty())
        return Error::invalidInput(u"The collection \u201c%1\u201d has no schema."_s.arg(config.name));
    return {};
}

lpb::RegisterSchemaRequest registerRequest(const StoreId &store, const CollectionConfig &config)
{
    lpb::RegisterSchemaRequest request;
    request.set_storeid(toStd(store.toString()));
    request.set_name(toStd(config.name));
    request.set_schema(toStd(config.schema));
    for (const IndexSpec &index : config.indexes) {
        auto *i = request.add_indexes();
        i->set_path(toStd(index.path));
        i->set_unique(index.unique);
    }
    return request;
}

RememberedModel modelOf(const CollectionConfig &config)
{
    return {config.name, config.schema, config.indexes};
}

CollectionConfig configOf(const RememberedModel &model)
{
    CollectionConfig c;
    c.name = model.name;
    c.schema = model.schema;
    c.indexes = model.indexes;
    return c;
}

StoreInfo infoOf(const RememberedStore &s)
{
    StoreInfo info;
    info.id = s.id;
    info.name = s.name;
    info.started = s.started;
    info.remembered = true;
    return info;
}

} // namespace

// The query the legacy daemon can run: criteria (and index) only. Sort, seek, skip and limit are
// applied by the client to the whole result (legacy daemons have no seek/limit/skip).
QByteArray legacyWireQuery(const Query &query)
{
    Query q = query;
    q.setSort(std::nullopt);
    q.withLimit(0).withSkip(0).seekTo(QString());
    return q.toWireJson();
}

// Sort (by the query's sort, else by ID: the storage order v1 pages in), then seek (first ID ≥
// seek, ≤ when sorting IDs descending), skip and limit, as a v1 daemon would.
QList<Instance> legacyPage(QList<Instance> all, const Query &query)
{
    Sort sort = query.sort().value_or(Sort{kLegacyId, false});
    if (sort.fieldPath == u"_id")
        sort.fieldPath = kLegacyId;
    Query::sortPage(all, sort);
    qsizetype start = 0;
    if (!query.seek().isEmpty() && sort.fieldPath == kLegacyId) {
        while (start < all.size()) {
            const QString id = all[start].value(kLegacyId).toString();
            if (sort.desc ? id <= query.seek() : id >= query.seek())
                break;
            ++start;
        }
    }
    start += std::max(0, query.skip());
    if (start >= all.size())
        return {};
    const qsizetype count = query.limit() > 0 ? std::min<qsizetype>(query.limit(), all.size() - start) : all.size() - start;
    return all.mid(start, count);
}

Error prepareLegacyEntitiesFor(QList<Instance> &entities, bool needId, const QString &what)
{
    return prepareLegacyEntities(entities, needId, what);
}

QStringList legacyIdsOf(const google::protobuf::RepeatedPtrField<std::string> &entities, Error *error)
{
    QStringList ids;
    ids.reserve(entities.size());
    for (const std::string &json : entities) {
        auto entity = parseInstance(json, error);
        if (!entity)
            return {};
        ids.append(entity->value(kLegacyId).toString());
    }
    return ids;
}

// ---------------------------------------------------------------------------------------------
// Detection

Reply<ApiGeneration> *LegacyCalls::detectGeneration(ThreadsClient &c)
{
    const QString what = u"find out which go-threads API the daemon speaks"_s;
    ClientPrivate &d = *c.d;
    auto *outer = new Reply<ApiGeneration>(what);
    QPointer<ThreadsClient> client(&c);
    auto finishWith = [outer, client](ApiGeneration g, const Error &error = {}) {
        if (client)
            client->setGeneration(g);
        outer->complete(g, error);
    };
    const QString endpoint = d.endpoint();
    // 1. ListDBs: answered by every v1 daemon (and v0.1.19–v0.1.23).
    auto *listDbs = d.unary<Done, pb::ListDBsRequest, pb::ListDBsReply>(
        what, pb::ListDBsRequest(),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->ListDBs(ctx, req, resp, std::move(cb)); },
        [](const pb::ListDBsReply &, Error *) { return Done(); });
    auto unsupportedError = [endpoint] {
        return Error(ErrorKind::Unsupported,
                     u"The daemon at %1 speaks a go-threads API Loom does not support (one of v0.1.11\u2013v0.1.23). "
                     u"Loom works with go-threads v1 (v1.0.2\u2013v1.1.5) and legacy v0.1.3\u2013v0.1.10 daemons."_s
                         .arg(endpoint));
    };
    // Failures that say nothing about the API (nothing answers, too slow, cancelled) end detection.
    auto inconclusive = [](const Error &e) {
        return e.kind() == ErrorKind::Unreachable || e.kind() == ErrorKind::Timeout || e.kind() == ErrorKind::Cancelled
            || e.grpcCode() < 0;
    };
    constexpr int kUnimplemented = 12;
    listDbs->setParent(outer);
    {
        std::lock_guard lock(outer->link()->mutex);
        outer->link()->cancel = [p = QPointer<ReplyBase>(listDbs)] {
            if (p)
                p->cancel();
        };
    }
    QObject::connect(listDbs, &ReplyBase::finished, outer, [=, &d]() {
        const Error e = listDbs->error();
        if (e && e.grpcCode() != kUnimplemented) {
            if (inconclusive(e)) {
                outer->complete(ApiGeneration::Unknown, e);
                return;
            }
            finishWith(ApiGeneration::V1); // e.g. a token is needed: still the v1 service
            return;
        }
        if (!e) {
            // 2. v1 or v0.1.19–v0.1.23: Verify (new in v1.0.0) with no store is refused by v1 with
            // a store error, by the older ones as UNIMPLEMENTED.
            auto *verify = d.unary<Done, pb::VerifyRequest, pb::VerifyReply>(
                what, pb::VerifyRequest(),
                [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->Verify(ctx, req, resp, std::move(cb)); },
                [](const pb::VerifyReply &, Error *) { return Done(); });
            QObject::connect(verify, &ReplyBase::finished, outer, [=]() {
                const Error ve = verify->error();
                if (ve && inconclusive(ve))
                    outer->complete(ApiGeneration::Unknown, ve);
                else if (ve.grpcCode() == kUnimplemented)
                    finishWith(ApiGeneration::Unsupported, unsupportedError());
                else
                    finishWith(ApiGeneration::V1);
            });
            verify->setParent(outer);
            return;
        }
        // 3. No v1 service: GetStoreLink("") on the legacy service. A legacy daemon refuses the empty
        // id (UNKNOWN "invalid UUID length: 0", or NOT_FOUND); v0.1.11–v0.1.18 have no such method.
        lpb::GetStoreLinkRequest request; // empty storeID: harmless (bug 1 is about unstarted stores)
        auto *probe = legacyUnary<Done, lpb::GetStoreLinkRequest, lpb::GetStoreLinkReply>(
            d, what, request,
            [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->GetStoreLink(ctx, req, resp, std::move(cb)); },
            [](const lpb::GetStoreLinkReply &, Error *) { return Done(); });
        probe->setParent(outer);
        QObject::connect(probe, &ReplyBase::finished, outer, [=]() {
            const Error pe = probe->error();
            if (pe && inconclusive(pe))
                outer->complete(ApiGeneration::Unknown, pe);
            else if (pe.grpcCode() == kUnimplemented)
                finishWith(ApiGeneration::Unsupported, unsupportedError());
            else
                finishWith(ApiGeneration::Legacy);
        });
    });
    return outer;
}

// ---------------------------------------------------------------------------------------------
// Stores

Reply<StoreId> *LegacyCalls::newStore(ThreadsClient &c, const QString &name, const QList<CollectionConfig> &collections)
{
    const QString what = u"create the store"_s;
    for (const CollectionConfig &config : collections)
        if (Error e = checkLegacyConfig(config))
            return c.d->refuse<StoreId>(what, e);
    auto *outer = new Reply<StoreId>(what);
    auto *first = legacyUnary<StoreId, lpb::NewStoreRequest, lpb::NewStoreReply>(
        *c.d, what, lpb::NewStoreRequest(),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->NewStore(ctx, req, resp, std::move(cb)); },
        [](const lpb::NewStoreReply &reply, Error *error) {
            QString why;
            auto id = StoreId::fromLegacyUuid(QString::fromStdString(reply.id()), &why);
            if (!id)
                *error = Error::protocol(u"The daemon returned a store id that is not a UUID: "_s + why);
            return id.value_or(StoreId());
        });
    QPointer<ThreadsClient> client(&c);
    follow(outer, first, [outer, client, name, collections](Reply<StoreId> *r) {
        const StoreId id = r->result();
        if (!client) {
            outer->complete(id, Error(ErrorKind::Cancelled, u"Could not create the store: the connection was closed."_s));
            return;
        }
        client->storeBook()->remember({id, name, RememberedStore::Created, false, false, {}});
        registerThen(*client, outer, id, collections, 0, [outer, client, id] {
            auto *start = client->startStore(id);
            follow(outer, start, [outer, id](VoidReply *) { outer->complete(id, {}); });
        });
    });
    return outer;
}

Reply<StoreId> *LegacyCalls::joinStore(ThreadsClient &c, const InviteLink &link, const QList<CollectionConfig> &collections,
                                       const QString &name)
{
    const QString what = u"join the store"_s;
    if (link.form() != InviteLink::Legacy)
        return c.d->refuse<StoreId>(what, Error::invalidInput(
            u"This invitation link is for a go-threads v1 store; a legacy v0.1 daemon cannot join it."_s));
    if (!link.isValid())
        return c.d->refuse<StoreId>(what, Error::invalidInput(u"The invitation link is not complete."_s));
    for (const CollectionConfig &config : collections)
        if (Error e = checkLegacyConfig(config))
            return c.d->refuse<StoreId>(what, e);
    auto *outer = new Reply<StoreId>(what);
    auto *made = legacyUnary<StoreId, lpb::NewStoreRequest, lpb::NewStoreReply>(
        *c.d, what, lpb::NewStoreRequest(),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->NewStore(ctx, req, resp, std::move(cb)); },
        [](const lpb::NewStoreReply &reply, Error *error) {
            auto id = StoreId::fromLegacyUuid(QString::fromStdString(reply.id()));
            if (!id)
                *error = Error::protocol(u"The daemon returned a store id that is not a UUID."_s);
            return id.value_or(StoreId());
        });
    QPointer<ThreadsClient> client(&c);
    follow(outer, made, [outer, client, name, collections, link, what](Reply<StoreId> *r) {
        const StoreId id = r->result();
        if (!client) {
            outer->complete(id, Error(ErrorKind::Cancelled, u"Could not join the store: the connection was closed."_s));
            return;
        }
        client->storeBook()->remember({id, name, RememberedStore::Joined, false, false, {}});
        registerThen(*client, outer, id, collections, 0, [outer, client, id, link, what] {
            lpb::StartFromAddressRequest request;
            request.set_storeid(toStd(id.toString()));
            request.set_address(toStd(link.address().toString()));
            request.set_followkey(toStd(link.legacyKeys().followKey)); // secret, sent only here
            request.set_readkey(toStd(link.legacyKeys().readKey));
            auto *start = legacyUnary<Done, lpb::StartFromAddressRequest, lpb::StartFromAddressReply>(
                *client->d, what, std::move(request),
                [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->StartFromAddress(ctx, req, resp, std::move(cb)); },
                [](const lpb::StartFromAddressReply &, Error *) { return Done(); });
            follow(outer, start, [outer, client, id](VoidReply *) {
                if (client)
                    client->storeBook()->markStarted(id);
                outer->complete(id, {});
            });
        });
    });
    return outer;
}

template <typename T, typename Then>
void LegacyCalls::registerThen(ThreadsClient &c, Reply<T> *outer, const StoreId &store,
                               const QList<CollectionConfig> &collections, qsizetype index, Then next)
{
    if (index >= collections.size()) {
        next();
        return;
    }
    auto *r = c.newCollection(store, collections[index]);
    QPointer<ThreadsClient> client(&c);
    follow(outer, r, [outer, client, store, collections, index, next](VoidReply *) {
        if (!client) {
            outer->complete(T{}, Error(ErrorKind::Cancelled, u"The connection was closed."_s));
            return;
        }
        registerThen(*client, outer, store, collections, index + 1, next);
    });
}

Reply<QList<StoreInfo>> *LegacyCalls::listStores(ThreadsClient &c)
{
    QList<StoreInfo> list;
    for (const RememberedStore &s : c.storeBook()->stores())
        list.append(infoOf(s));
    return ready(u"list the stores"_s, list);
}

Reply<StoreInfo> *LegacyCalls::storeInfo(ThreadsClient &c, const StoreId &store)
{
    const QString what = u"read the store's details"_s;
    if (Error e = checkLegacyStore(store))
        return c.d->refuse<StoreInfo>(what, e);
    const auto known = c.storeBook()->find(store);
    // Bug 1 of v0.1.10: GetStoreLink on a store that was never started kills the daemon.
    if (!known || !known->started)
        return c.d->refuse<StoreInfo>(what, Error::invalidInput(
            u"Could not read the store's details: the store is not known to be started; start the store first "
            u"(a v0.1 daemon exits when asked for the link of a store that was never started)."_s));
    lpb::GetStoreLinkRequest request;
    request.set_storeid(toStd(store.toString()));
    const RememberedStore s = *known;
    return legacyUnary<StoreInfo, lpb::GetStoreLinkRequest, lpb::GetStoreLinkReply>(
        *c.d, what, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->GetStoreLink(ctx, req, resp, std::move(cb)); },
        [s](const lpb::GetStoreLinkReply &reply, Error *error) {
            StoreInfo info = infoOf(s);
            for (const std::string &text : reply.addresses()) {
                QString why;
                const QString address = QString::fromStdString(text);
                if (auto a = Multiaddr::fromString(address, &why))
                    info.addresses.append(*a);
                else
                    info.unreadableAddresses.append({toBytes(text), why});
            }
            LegacyKeys keys{toBytes(reply.followkey()), toBytes(reply.readkey())};
            if (!keys.isValid()) {
                *error = Error::protocol(u"The daemon returned keys of %1 and %2 bytes; a legacy store has two 44-byte keys."_s
                                             .arg(keys.followKey.size()).arg(keys.readKey.size()));
                return StoreInfo();
            }
            info.legacyKeys = keys;
            return info;
        });
}

VoidReply *LegacyCalls::startStore(ThreadsClient &c, const StoreId &store)
{
    const QString what = u"start the store"_s;
    if (Error e = checkLegacyStore(store))
        return c.d->refuse<Done>(what, e);
    // Start on a started store makes v0.1.10 run a second adapter on the same thread: only stores
    // not known to be started are started.
    if (const auto known = c.storeBook()->find(store); known && known->started)
        return ready<Done>(what, {});
    lpb::StartRequest request;
    request.set_storeid(toStd(store.toString()));
    auto *outer = new VoidReply(what);
    auto *start = legacyUnary<Done, lpb::StartRequest, lpb::StartReply>(
        *c.d, what, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->Start(ctx, req, resp, std::move(cb)); },
        [](const lpb::StartReply &, Error *) { return Done(); });
    QPointer<ThreadsClient> client(&c);
    follow(outer, start, [outer, client, store](VoidReply *) {
        if (client)
            client->storeBook()->markStarted(store);
        outer->complete({}, {});
    });
    return outer;
}

Reply<StoreInfo> *LegacyCalls::openStore(ThreadsClient &c, const StoreId &store)
{
    const QString what = u"open the store"_s;
    if (Error e = checkLegacyStore(store))
        return c.d->refuse<StoreInfo>(what, e);
    // Does the daemon have it? ModelFind of a model no one registers: "model not found" means the
    // store exists, "store not found" that it does not. (GetStoreLink is not safe: bug 1.)
    lpb::ModelFindRequest request;
    request.set_storeid(toStd(store.toString()));
    request.set_modelname("loom-probe-no-such-model");
    request.set_queryjson("{}");
    auto *probe = legacyUnary<Done, lpb::ModelFindRequest, lpb::ModelFindReply>(
        *c.d, what, std::move(request),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->ModelFind(ctx, req, resp, std::move(cb)); },
        [](const lpb::ModelFindReply &, Error *) { return Done(); });
    auto *outer = new Reply<StoreInfo>(what);
    QPointer<ThreadsClient> client(&c);
    probe->setParent(outer);
    QObject::connect(probe, &ReplyBase::finished, outer, [outer, probe, client, store]() {
        const Error e = probe->error();
        if (e && e.kind() != ErrorKind::CollectionNotFound) {
            outer->complete({}, e);
            return;
        }
        if (!client) {
            outer->complete({}, Error(ErrorKind::Cancelled, u"Could not open the store: the connection was closed."_s));
            return;
        }
        LegacyStoreBook *book = client->storeBook();
        if (!book->find(store))
            book->remember({store, {}, RememberedStore::Opened, false, false, {}});
        outer->complete(infoOf(*book->find(store)), {});
    });
    return outer;
}

// ---------------------------------------------------------------------------------------------
// Collections (the daemon's models)

VoidReply *LegacyCalls::newCollection(ThreadsClient &c, const StoreId &store, const CollectionConfig &config)
{
    const QString what = u"create the collection"_s;
    Error e = checkLegacyStore(store);
    if (!e)
        e = checkLegacyConfig(config);
    if (e)
        return c.d->refuse<Done>(what, e);
    auto *outer = new VoidReply(what);
    auto *r = legacyUnary<Done, lpb::RegisterSchemaRequest, lpb::RegisterSchemaReply>(
        *c.d, what, registerRequest(store, config),
        [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->RegisterSchema(ctx, req, resp, std::move(cb)); },
        [](const lpb::RegisterSchemaReply &, Error *) { return Done(); });
    QPointer<ThreadsClient> client(&c);
    const RememberedModel model = modelOf(config);
    follow(outer, r, [outer, client, store, model](VoidReply *) {
        if (client)
            client->storeBook()->addModel(store, model);
        outer->complete({}, {});
    });
    return outer;
}

Reply<QList<CollectionConfig>> *LegacyCalls::listCollections(ThreadsClient &c, const StoreId &store)
{
    const QString what = u"list the collections"_s;
    if (Error e = checkLegacyStore(store))
        return c.d->refuse<QList<CollectionConfig>>(what, e);
    QList<CollectionConfig> list;
    if (const auto s = c.storeBook()->find(store))
        for (const RememberedModel &m : s->models)
            list.append(configOf(m));
    std::sort(list.begin(), list.end(), [](const CollectionConfig &a, const CollectionConfig &b) { return a.name < b.name; });
    return ready(what, list);
}

Reply<CollectionConfig> *LegacyCalls::collectionInfo(ThreadsClient &c, const StoreId &store, const QString &collection)
{
    const QString what = u"read the collection's schema"_s;
    if (Error e = checkLegacyTarget(store, collection))
        return c.d->refuse<CollectionConfig>(what, e);
    if (const auto s = c.storeBook()->find(store))
        for (const RememberedModel &m : s->models)
            if (m.name == collection)
                return ready(what, configOf(m));
    return c.d->refuse<CollectionConfig>(
        what, Error(ErrorKind::CollectionNotFound,
                    u"Could not read the collection's schema: Loom did not register \u201c%1\u201d in this store, and a "
                    u"v0.1 daemon cannot tell its models' schemas."_s.arg(collection)));
}

Reply<QList<IndexSpec>> *LegacyCalls::collectionIndexes(ThreadsClient &c, const StoreId &store, const QString &collection)
{
    const QString what = u"read the collection's indexes"_s;
    if (Error e = checkLegacyTarget(store, collection))
        return c.d->refuse<QList<IndexSpec>>(what, e);
    if (const auto s = c.storeBook()->find(store))
        for (const RememberedModel &m : s->models)
            if (m.name == collection)
                return ready(what, m.indexes);
    return c.d->refuse<QList<IndexSpec>>(
        what, Error(ErrorKind::CollectionNotFound,
                    u"Could not read the collection's indexes: Loom did not register \u201c%1\u201d in this store."_s.arg(collection)));
}

} // namespace loom
