#pragma once

#include "invitelink.h"
#include "packedjson.h"
#include "query.h"
#include "reply.h"
#include "types.h"

#include <QObject>
#include <QStringList>

#include <memory>

namespace loom {

class CallLog;
class ClientPrivate;
class LegacyStoreBook;
class Identity;
class Subscription;
class Transaction;

// The largest reply the client accepts: 64 MiB (a page of Find, ListDBs). A larger reply fails
// with a TooLarge error instead of filling memory (docs/architecture.md).
inline constexpr int kMaxReceiveBytes = 64 << 20;

// Reads a PEM file of CA certificates for TLS into `pem`. An InvalidInput error ("Cannot read the
// CA file …") when the file cannot be read or holds no parsable certificate.
Error readCaFile(const QString &path, QByteArray *pem = nullptr);

// One connection to one threadsd daemon: every RPC of the daemon's v1 API, asynchronous.
//
// Two daemon generations (threads-api.md §7): go-threads v1 (threads.pb.API) and the legacy v0.1
// "store" API (api.pb.API, v0.1.3–v0.1.10). detectGeneration() finds out which one answers; every
// method then works on both, the core mapping the calls (docs/architecture.md, "Legacy v0.1
// daemons"), or fails at once with ErrorKind::Unsupported (unavailableOnLegacy()) where a legacy
// daemon cannot do it (capabilities()). On legacy:
//  - store ids are the daemon's UUIDs (StoreId::isLegacy()); entity ids are in "ID" (idField());
//  - listStores() lists the stores Loom remembers for this endpoint (LegacyStoreBook): the daemon
//    cannot list them; listCollections()/collectionInfo() give the models as Loom registered them;
//  - newStore() is NewStore + RegisterSchema for each collection + Start; joinStore() with a Legacy
//    link is NewStore + RegisterSchema each + StartFromAddress;
//  - queries have no seek/limit/skip on the daemon: find() pages on the client (the daemon returns
//    every match; the page is cut from it), so a large collection is read whole for each page;
//  - a transaction's failed operation ends the stream (no transactionError on legacy): that
//    operation gets the error and the transaction ends;
//  - storeInfo() never calls GetStoreLink on a store not known to be started (a v0.1.10 daemon
//    dies of it): it fails with "start the store first".
// Each method returns at once with a Reply that finishes on the calling thread; the RPC itself
// runs on gRPC's threads (callback API), where replies are also decoded, so the caller's thread
// never waits on the network or parses large results. Many calls can be in flight at once. Every
// call has a deadline (ConnectionSettings::deadlineMs); cancelling or destroying a reply cancels
// its RPC. Inputs that the daemon would refuse, or that would crash it (threads-api.md §8), are
// refused before sending with an InvalidInput error.
//
// Words: the daemon's DB/thread is a "store", its instance an "entity"; method names follow the
// users' words, the daemon's names are in the comments.
class ThreadsClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThreadsClient)

public:
    explicit ThreadsClient(const ConnectionSettings &settings, QObject *parent = nullptr);
    // Cancels every call and stream of this client (without waiting). Subscriptions and
    // Transactions may outlive their client, in any order: they end, and the last of them waits
    // for gRPC to finish before the connection is released.
    ~ThreadsClient() override;

    // Ends the connection cleanly: refuses new calls (they fail with Cancelled), cancels every call
    // and stream (replies finish Cancelled, subscriptions and transactions end), and waits until
    // gRPC is done with all of them, at most timeoutMs. True when everything has ended. Blocks
    // the calling thread; use before leaving main() or destroying many clients at once.
    bool shutdown(int timeoutMs = 5000);
    bool isShutDown() const;
    // Why these settings cannot work (TLS with a CA file that cannot be read or holds no
    // certificate: never a fall-back to the system's roots); no error when they can. With one,
    // the client makes no connection and every call and stream fails at once with it.
    Error settingsError() const;

    const ConnectionSettings &settings() const;
    QString endpoint() const;
    void setToken(const QString &token);
    void setDeadline(int milliseconds);
    // Writes every call from now on into `log` (request shape, duration, result; never keys or
    // tokens). The log must outlive this client; null stops it.
    void setCallLog(CallLog *log);

    // A cheap call that tells whether a daemon answers at the endpoint: GetDBInfo on v1 (and while
    // the generation is unknown: an UNIMPLEMENTED answer also means "up"), a harmless legacy call
    // on legacy daemons.
    VoidReply *ping();

    // The daemon's API generation: Unknown until detected (or set).
    ApiGeneration generation() const;
    // ListDBs → OK: V1; UNIMPLEMENTED → GetStoreLink("") on api.pb.API: an invalid-UUID or
    // not-found answer: Legacy; UNIMPLEMENTED again: Unsupported (v0.1.11–v0.1.23, with a clear
    // error). Stores the result (generationChanged). Fails like any call when nothing answers.
    Reply<ApiGeneration> *detectGeneration();
    void setGeneration(ApiGeneration generation); // emits generationChanged when it changes
    Capabilities capabilities() const;            // Capabilities::of(generation())
    QString idField() const;                      // "_id" (V1, Unknown) or "ID" (Legacy)

    // Legacy store lifecycle. V1: startStore succeeds at once (nothing needed), openStore is
    // storeInfo(), forgetStore succeeds (nothing remembered).
    VoidReply *startStore(const StoreId &store);        // legacy Start
    Reply<StoreInfo> *openStore(const StoreId &store);  // legacy: check the id and remember it
    VoidReply *forgetStore(const StoreId &store);       // legacy: drop from the remembered list
    // True for a legacy store joined from an address that this daemon has not written to yet: a
    // v0.1.10 daemon exits after that first write (the write is kept; it replicates after a
    // restart). Warn the user first, then acknowledgeFirstWrite().
    bool needsFirstWriteWarning(const StoreId &store) const;
    void acknowledgeFirstWrite(const StoreId &store);
    // The remembered legacy stores of this endpoint. By default the client has its own book on
    // QSettings("Loom", "loom"); setStoreBook shares one (not owned; must outlive the client).
    LegacyStoreBook *storeBook() const;
    void setStoreBook(LegacyStoreBook *book);

    // Stores (NewDB, NewDBFromAddr, ListDBs, GetDBInfo, DeleteDB).
    Reply<StoreId> *newStore(const QString &name = {}, const QList<CollectionConfig> &collections = {},
                             const StoreId &id = {});
    // With newLogKey, this daemon writes to the store under a new log key (a fresh Ed25519 key)
    // instead of one derived from its identity: the way to join again after a join that failed
    // part-way left the daemon refusing with "log already exists" (ErrorKind::AlreadyExists).
    Reply<StoreId> *joinStore(const InviteLink &link, const QList<CollectionConfig> &collections = {},
                              const QString &name = {}, bool block = false, bool newLogKey = false);
    Reply<QList<StoreInfo>> *listStores();
    Reply<StoreInfo> *storeInfo(const StoreId &store);
    VoidReply *deleteStore(const StoreId &store);

    // Collections (NewCollection, UpdateCollection, DeleteCollection, GetCollectionInfo,
    // GetCollectionIndexes, ListCollections).
    VoidReply *newCollection(const StoreId &store, const CollectionConfig &config);
    VoidReply *updateCollection(const StoreId &store, const CollectionConfig &config);
    VoidReply *deleteCollection(const StoreId &store, const QString &collection);
    Reply<CollectionConfig> *collectionInfo(const StoreId &store, const QString &collection);
    Reply<QList<IndexSpec>> *collectionIndexes(const StoreId &store, const QString &collection);
    Reply<QList<CollectionConfig>> *listCollections(const StoreId &store);

    // Entities (Create, Verify, Save, Delete, Has, Find, FindByID).
    Reply<QStringList> *create(const StoreId &store, const QString &collection,
                               const QList<Instance> &entities);
    // Many entities, in batches of at most `batchSize` sized under what the daemon takes in one
    // transaction (docs/architecture.md, "Batch sizing"), `inFlight` batches at a time. Progress is
    // reported per stored batch. The result is there also when the reply fails: which batches were
    // stored (with their new ids), surely not stored, or unknown (sent, no answer). After the first
    // failed batch no new batch starts; those in flight are let finish so that their fate is known
    // (cancel() cancels them too: they become unknown). error() is the first failure.
    Reply<BulkCreateResult> *createEntities(const StoreId &store, const QString &collection,
                                            const QList<Instance> &entities, int batchSize = 500,
                                            int inFlight = 4);
    // The same, with only the ids: every new id in input order; after a failure, the ids of the
    // batches that were stored (a partial result alongside the error).
    Reply<QStringList> *createMany(const StoreId &store, const QString &collection,
                                   const QList<Instance> &entities, int batchSize = 500,
                                   int inFlight = 4);
    VoidReply *verify(const StoreId &store, const QString &collection, const QList<Instance> &entities);
    VoidReply *save(const StoreId &store, const QString &collection, const QList<Instance> &entities);
    // Deletes each id (one RPC per id: the daemon's Delete stops at the first missing id).
    VoidReply *remove(const StoreId &store, const QString &collection, const QStringList &ids);
    Reply<bool> *has(const StoreId &store, const QString &collection, const QStringList &ids);
    Reply<QList<Instance>> *find(const StoreId &store, const QString &collection, const Query &query);
    // The same results packed (packedjson.h) on gRPC's thread: for large result sets kept in memory.
    Reply<QList<PackedInstance>> *findPacked(const StoreId &store, const QString &collection, const Query &query);
    Reply<Instance> *findById(const StoreId &store, const QString &collection, const QString &id);

    // Streams. The returned objects belong to `parent` (or the caller, when null).
    Subscription *listen(const StoreId &store, const QList<ListenFilter> &filters = {},
                         QObject *parent = nullptr);
    Transaction *readTransaction(const StoreId &store, const QString &collection,
                                 QObject *parent = nullptr);
    // `deadlineMs` bounds the whole transaction (0: ConnectionSettings::transactionDeadlineMs).
    Transaction *writeTransaction(const StoreId &store, const QString &collection,
                                  QObject *parent = nullptr, int deadlineMs = 0);

    // GetToken: proves the identity to the daemon and returns the token it issues. The token is
    // not applied; call setToken() to send it with later calls.
    Reply<QString> *getToken(const Identity &identity);

Q_SIGNALS:
    void generationChanged(loom::ApiGeneration generation);

private:
    friend struct ClientAccess; // clientprivate_p.h: the core's own parts (and its benchmark)
    friend struct LegacyCalls;  // legacyclient.cpp: the legacy v0.1 mapping
    bool isLegacy() const;
    std::shared_ptr<ClientPrivate> d;
    std::unique_ptr<LegacyStoreBook> m_ownBook; // made on first use
    LegacyStoreBook *m_book = nullptr;
};

} // namespace loom
