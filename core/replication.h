#pragma once
// A store's replication state on each daemon (threads.net.pb.API GetThread) and the comparison of
// those states (threads-net-api.md §7.2). Types and pure functions only: no I/O (NetClient reads
// the states). A ThreadState never holds the store key or a log's private key: they are dropped
// when the daemon's reply is decoded; only a digest of the service key part is kept, to tell
// whether two daemons hold the same key.

#include "storeid.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace loom {

// One log of a store (thread) as one daemon knows it. A log has a single writer.
struct LogState
{
    QByteArray id;        // log id = peer id bytes
    QString idText;       // base58btc "12D3KooW…"
    QByteArray head;      // binary CID; empty = no record yet
    QString headText;     // multibase base32 "bafyrei…", empty when no head
    qint64 counter = -1;  // records up to head; -1 = unknown (field absent, or 0 with a non-empty head)
    bool own = false;     // this daemon writes the log (privKey non-empty; the key itself is NEVER kept)
    QStringList peers;    // LogInfo.addrs as text ("/p2p/<peer>")
};

// A store as one daemon holds it.
struct ThreadState
{
    StoreId store;
    QString hostPeerId;          // the daemon's peer id (GetHostID), base58
    bool present = false;        // false: the daemon does not hold the store ("thread not found")
    QList<LogState> logs;        // sorted by id bytes (the daemon sends them in random order)
    QStringList addresses;       // ThreadInfoReply.addrs as text
    QByteArray serviceKeyDigest; // SHA-256 of the service key part, to compare daemons; never the key
    qint64 readAtMs = 0;         // QDateTime::currentMSecsSinceEpoch() when the reply arrived

    const LogState *log(const QByteArray &id) const; // null when this daemon does not know the log
    const LogState *ownLog() const;                  // the first log this daemon writes, or null
};

// What one daemon holds of one log, against the reference (the largest counter for that log over
// all daemons; its head).
enum class LogVerdict {
    InSync,        // same head as the reference
    Behind,        // fewer records than the reference (behindBy)
    NotYetSeen,    // the daemon does not know the log, which has records elsewhere
    NothingToCopy, // the daemon does not know the log, which has no records anywhere
    CountUnknown,  // heads differ and a count is unknown (counter 0 with a head, or a v1.0 daemon)
    Inconsistent,  // heads differ with equal counts: should not happen (a log has one writer)
    StoreMissing,  // the daemon does not hold the store
};

struct LogCell
{
    LogVerdict verdict = LogVerdict::InSync;
    qint64 behindBy = 0;  // Behind: records missing; NotYetSeen: the reference count when known
    qint64 counter = -1;  // this daemon's counter for the log (-1: unknown or log absent)
    QString text() const; // "in sync", "behind by 12", "not yet seen", …
};

struct ReplicationReport
{
    QList<QByteArray> logIds;    // rows: union of logs over all daemons, sorted by id
    QStringList logIdTexts;
    QList<int> ownerDaemon;      // per row: index of the connected daemon that writes the log, or -1
    QList<QList<LogCell>> cells; // cells[row][daemon]
    int daemonCount = 0;         // columns (also when there is no row)
    QList<bool> present;         // per daemon: holds the store
    bool keysDiffer = false;     // two daemons hold the store under different service keys

    bool inSync() const;         // every cell InSync/NothingToCopy
    qint64 behindTotal(int daemon) const;
    QString summary(int daemon) const; // "in sync", "behind by 12 records on 1 log", "does not hold the store"
};

// threads-net-api.md §7.2: reference per log = largest counter; heads compared when counts are
// unknown (then the log's writer, when connected, is the reference).
ReplicationReport compareReplication(const QList<ThreadState> &daemons);

// A log's counter field (§4.7): a zig-zag varint at the start of (normally) 8 bytes. -1 when
// absent (empty), unreadable, negative, or 0 with a non-empty head (count unknown).
qint64 decodeLogCounter(QByteArrayView counter, bool hasHead);

// "in-sync", "behind", "not-yet-seen", "nothing-to-copy", "count-unknown", "inconsistent",
// "store-missing" (JSON of loom-cli store replication).
QString verdictName(LogVerdict verdict);

// The sizes of a record's blocks (GetRecord); the blocks themselves (encrypted) are not kept.
struct RecordSummary
{
    QByteArray cid;
    qint64 recordBytes = 0, eventBytes = 0, headerBytes = 0, bodyBytes = 0;
};

} // namespace loom

Q_DECLARE_METATYPE(loom::LogState)
Q_DECLARE_METATYPE(loom::ThreadState)
Q_DECLARE_METATYPE(loom::ReplicationReport)
Q_DECLARE_METATYPE(loom::RecordSummary)
