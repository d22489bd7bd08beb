#pragma once
// The daemon's network API (threads.net.pb.API, threads-net-api.md), served on the same port as
// the DB API: only its read-only and pull methods. DeleteThread, CreateRecord, AddRecord,
// AddReplicator, CreateThread and AddThread can damage a store (§8): Loom's proto does not even
// declare them.

#include "replication.h"
#include "reply.h"
#include "storeid.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace loom {

class ThreadsClient;
class ClientPrivate;

// Calls on a ThreadsClient's channel, with its token, deadline, call log and shutdown (the same
// Reply / deadline / cancel conventions). The client must outlive the NetClient's calls' start;
// replies started before the client is shut down finish Cancelled.
//
// Secrets: GetThread returns the store key and the private keys of the daemon's own logs. They are
// dropped when the reply is decoded (on gRPC's thread), never logged: a ThreadState holds the
// key's SHA-256 digest and "own" flags only.
class NetClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetClient)

public:
    explicit NetClient(ThreadsClient *client, QObject *parent = nullptr); // shares the client's channel + token
    ~NetClient() override;

    ThreadsClient *client() const;

    // GetHostID: the daemon's peer id, base58 ("12D3KooW…").
    Reply<QString> *hostId();
    // GetHostID (cached after the first answer) + GetThread. A daemon that does not hold the store
    // answers "thread not found": the state has present == false and the reply is OK.
    Reply<ThreadState> *threadState(const StoreId &store);
    // PullThread: the daemon asks its peers for new records of the store and applies them. OK
    // even when no peer answered (re-read threadState to see the effect).
    VoidReply *pullThread(const StoreId &store, int deadlineMs = 20000);
    // GetRecord: the sizes of a record's blocks. The daemon may look for an absent record on the
    // network until the deadline.
    Reply<RecordSummary> *record(const StoreId &store, const QByteArray &cid, int deadlineMs = 5000);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace loom
