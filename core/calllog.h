#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

#include <deque>
#include <functional>
#include <mutex>

namespace loom {

// One call Loom sent to a daemon, as the call log shows it. Written by the core itself
// (ThreadsClient's unary calls, bulk creates, streams, transactions, GetToken), never by callers.
// `request` and `result` never hold a store key, a log key, a token or a private key; entity
// bodies only when CallLog::showBodies() (otherwise their count, sizes and ids).
struct CallRecord
{
    quint64 serial = 0;     // order of completion (1, 2, ...)
    QDateTime started;      // local time the call was sent
    QString endpoint;       // "127.0.0.1:6006"
    QString store;          // the store id, when the call names one
    QString operation;      // the daemon's method: "Find", "Create", "Listen", ...
    QString request;        // its shape: collection, ids, query JSON, sizes
    qint64 durationUs = 0;  // until the answer (a stream: until it ended)
    bool ok = false;
    QString result;         // "12 entities, 1.4 KiB", "exists", or the error in words

    // One line for loom-cli --verbose: time, endpoint, operation, request, duration, result.
    QString toLine() const;
};

// The calls of every client it is given to (ThreadsClient::setCallLog), newest last, at most
// capacity() of them. Thread-safe: clients add records from gRPC's threads; recorded() is
// emitted on the log's own thread. It must outlive the clients that write to it.
class CallLog final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallLog)

public:
    explicit CallLog(QObject *parent = nullptr);
    ~CallLog() override;

    // Entity bodies in requests and results (never keys or tokens). Off by default.
    void setShowBodies(bool show);
    bool showBodies() const;
    void setCapacity(int records);
    int capacity() const;

    QList<CallRecord> records() const; // oldest first
    void clear();

    // From any thread.
    void add(CallRecord record);
    // Also called for each record, at once, on the thread that adds it (loom-cli --verbose writes
    // the line to stderr before the call's answer is handled). Set before any client writes.
    void setSink(std::function<void(const CallRecord &)> sink) { m_sink = std::move(sink); }

Q_SIGNALS:
    void recorded(const loom::CallRecord &record);
    void cleared();

private:
    mutable std::mutex m_mutex;
    std::deque<CallRecord> m_records;
    int m_capacity = 10000;
    quint64 m_serial = 0;
    bool m_showBodies = false;
    std::function<void(const CallRecord &)> m_sink;
};

} // namespace loom

Q_DECLARE_METATYPE(loom::CallRecord)
