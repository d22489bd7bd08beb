#pragma once

#include "error.h"
#include "query.h"
#include "reply.h"
#include "types.h"

#include <QObject>
#include <QStringList>

#include <memory>

namespace loom {

class ClientPrivate;
class TxnStreamBase;

// A read or write transaction on one collection (the daemon's ReadTransaction/WriteTransaction
// bidirectional streams). Operations are sent in order and each gets its own reply. A write
// transaction is applied only by commit(), atomically; discard() or destroying/cancelling an
// open transaction leaves nothing behind. Reads inside see the stored state, not the
// transaction's own changes. An open write transaction locks the whole store on the daemon:
// keep it short. The whole stream has a deadline (ConnectionSettings::transactionDeadlineMs).
// On a legacy v0.1 store (StoreId::isLegacy()) the legacy streams are used: an operation the daemon
// refuses ends the transaction (that operation gets the error, later ones say so); verify() and
// discard() are not available there (cancel() ends it without committing).
class Transaction final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Transaction)

public:
    enum Kind { Read, Write };
    Q_ENUM(Kind)

    // `deadlineMs` bounds the whole transaction (0: ConnectionSettings::transactionDeadlineMs).
    Transaction(std::shared_ptr<ClientPrivate> client, Kind kind, const StoreId &store,
                const QString &collection, QObject *parent = nullptr, int deadlineMs = 0);
    ~Transaction() override;

    Kind kind() const { return m_kind; }
    bool isOpen() const { return m_open; }

    Reply<bool> *has(const QStringList &ids);
    Reply<QList<Instance>> *find(const Query &query);
    Reply<Instance> *findById(const QString &id);
    // Write transactions only:
    Reply<QStringList> *create(const QList<Instance> &entities);
    VoidReply *save(const QList<Instance> &entities);
    VoidReply *remove(const QStringList &ids);
    VoidReply *verify(const QList<Instance> &entities);
    VoidReply *discard();

    // Ends the transaction: a write transaction commits what it holds (or, after discard(), drops
    // it); the reply carries the commit's result.
    VoidReply *commit();
    // Ends it without committing.
    void cancel();

Q_SIGNALS:
    void finished(const loom::Error &error);

private:
    template <typename T>
    Reply<T> *refuse(const QString &what, const Error &error);
    // The stream while the transaction is open (null once gRPC is done with it).
    std::shared_ptr<TxnStreamBase> liveStream() const;
    std::shared_ptr<TxnStreamBase> checkWrite(ReplyBase *reply); // null after failing the reply
    VoidReply *sendEntities(const QString &what, const QList<Instance> &entities, bool dryRun);
    void onEnded(const Error &error);

    std::shared_ptr<ClientPrivate> m_client;
    Kind m_kind;
    StoreId m_store;
    QString m_collection;
    // Owned by gRPC's side until its end (so that the client's shutdown never waits for this object).
    std::weak_ptr<TxnStreamBase> m_stream;
    bool m_open = true;
    bool m_committing = false;
    bool m_discarded = false;
    bool m_legacy = false; // a legacy v0.1 store: api.pb.API's streams (legacyclient.cpp)
    friend class TxnStreamBase;
};

} // namespace loom
