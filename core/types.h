#pragma once

#include "multiaddr.h"
#include "storeid.h"
#include "storekey.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace loom {

// Which API a daemon speaks (threads-api.md §7.1). Unknown until ThreadsClient::detectGeneration()
// (or setGeneration()); Unknown behaves like V1.
enum class ApiGeneration {
    Unknown,
    V1,          // go-threads v1.0.2–v1.1.5: threads.pb.API
    Legacy,      // go-threads v0.1.3–v0.1.10: the "store" API api.pb.API (py-threads-client's)
    Unsupported, // the in-between releases v0.1.11–v0.1.23: neither
};
// "go-threads v1", "legacy v0.1", "unsupported (go-threads v0.1.11–v0.1.23)", "unknown".
QString generationName(ApiGeneration g);

// What a daemon of one generation can do.
struct Capabilities
{
    bool listStores = true;       // ListDBs (legacy: Loom lists the stores it remembers instead)
    bool deleteStore = true;      // DeleteDB
    bool collectionInfo = true;   // GetCollectionInfo, ListCollections, indexes (legacy: remembered)
    bool updateCollection = true; // UpdateCollection
    bool deleteCollection = true; // DeleteCollection
    bool tokens = true;           // GetToken
    bool verify = true;           // Verify
    bool queryPaging = true;      // seek, limit, skip in the query (legacy: paged on the client)
    bool needsStart = false;      // legacy: NewStore → RegisterSchema → Start lifecycle
    static Capabilities of(ApiGeneration g); // Unknown behaves like V1
};

// A legacy v0.1 store's keys: 44 bytes each (32-byte AES key + 12-byte nonce). SECRET: never log them.
struct LegacyKeys
{
    static constexpr qsizetype KeySize = 44;
    QByteArray followKey;
    QByteArray readKey;
    bool isValid() const { return followKey.size() == KeySize && readKey.size() == KeySize; }
    bool operator==(const LegacyKeys &) const = default;
};

// "<what> is not available on a v0.1 daemon" (what: "Deleting a store", …).
QString unavailableOnLegacy(const QString &what);

// How to reach one daemon. Insecure loopback is the default; TLS is for daemons behind a proxy.
struct ConnectionSettings
{
    QString name;                      // shown in the UI; defaults to host:port
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 6006;
    bool tls = false;
    QString caFile;                    // PEM roots for TLS; empty = system roots
    QString token;                     // sent as "authorization: bearer <token>" when set (secret)
    int deadlineMs = 5000;             // per unary call
    int transactionDeadlineMs = 60000; // for a whole read/write transaction stream

    QString endpoint() const;          // "host:port" (IPv6 hosts in brackets)
    QString displayName() const;
    bool operator==(const ConnectionSettings &) const = default;
};

// A secondary index of a collection (the implicit _id index is never listed).
struct IndexSpec
{
    QString path;
    bool unique = false;
    bool operator==(const IndexSpec &) const = default;
};

// A collection's configuration: name, JSON schema (UTF-8 JSON text as the daemon stores it),
// indexes and the optional JavaScript hooks.
struct CollectionConfig
{
    QString name;
    QByteArray schema;
    QList<IndexSpec> indexes;
    QString writeValidator;
    QString readFilter;
    bool operator==(const CollectionConfig &) const = default;
};

// An address the daemon reported that Loom cannot read (a protocol it does not know, a value it
// cannot decode): kept as the daemon sent it, so that one such address does not hide the others.
struct UnreadableAddress
{
    QByteArray bytes;  // the binary multiaddr
    QString problem;   // why Multiaddr::fromBinary() refused it
    QString text() const; // "0x" and the bytes in hex
    bool operator==(const UnreadableAddress &) const = default;
};

// A store (the daemon's thread DB) as GetDBInfo/ListDBs report it.
struct StoreInfo
{
    StoreId id;
    QString name;
    QList<Multiaddr> addresses; // one per address of the daemon, ending in /p2p/<peer>/thread/<id>
    QList<UnreadableAddress> unreadableAddresses; // not in `addresses`
    StoreKey key;               // secret
    // Legacy v0.1 stores: the follow and read keys (secret; the store key above is empty), the
    // addresses are those GetStoreLink gave. `started`: false for a store created or joined but not
    // started (the daemon forgets it on restart); `remembered`: listed from Loom's memory of the
    // daemon's stores (LegacyStoreBook), not by the daemon.
    std::optional<LegacyKeys> legacyKeys;
    bool started = true;
    bool remembered = false;
};

// An entity (the daemon's instance) is a JSON object with a string "_id" (and "_mod" once stored).
using Instance = QJsonObject;

enum class ChangeAction { Create, Save, Delete };

struct ChangeEvent
{
    ChangeAction action = ChangeAction::Create;
    QString collection;
    QString instanceId;
    Instance instance; // the current version for Create/Save; empty for Delete
    qint64 receivedMs = 0; // QDateTime::currentMSecsSinceEpoch() when it arrived
};

struct ListenFilter
{
    enum Action { All, Create, Save, Delete };
    QString collection; // empty = any
    QString instanceId; // empty = any
    Action action = All;
};

QString actionName(ChangeAction action);

// One batch of a bulk create (ThreadsClient::createEntities): one Create, one daemon transaction,
// so it is stored whole or not at all.
struct BatchOutcome
{
    enum Status {
        Stored,    // the daemon created it: `ids` are the new ids, in input order
        NotStored, // surely not: the daemon refused it, or it was never sent
        Unknown,   // sent but not answered (deadline passed, connection lost, cancelled in
                   // flight): the daemon may or may not have stored it
    };
    qsizetype first = 0; // position of the batch's first entity in the input
    qsizetype count = 0;
    Status status = NotStored;
    QStringList ids;
};

// What a bulk create did, complete or not: every input entity is in exactly one batch.
struct BulkCreateResult
{
    qsizetype total = 0;
    QList<BatchOutcome> batches; // in input order
    QStringList storedIds() const; // the ids of every stored batch, in input order
    qsizetype count(BatchOutcome::Status status) const; // entities, not batches
    bool isComplete() const { return total == count(BatchOutcome::Stored); }
};
QString statusName(BatchOutcome::Status status); // "stored", "not-stored", "unknown"

} // namespace loom

Q_DECLARE_METATYPE(loom::ApiGeneration)
Q_DECLARE_METATYPE(loom::ConnectionSettings)
Q_DECLARE_METATYPE(loom::IndexSpec)
Q_DECLARE_METATYPE(loom::CollectionConfig)
Q_DECLARE_METATYPE(loom::StoreInfo)
Q_DECLARE_METATYPE(loom::ChangeEvent)
