#pragma once

#include "error.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <mutex>
#include <variant>

namespace loom {

class ReplyBase;

namespace detail {
// Shared between a reply (on its own thread) and the gRPC thread that completes its call. The
// reply's destructor detaches itself under the mutex, so a completion never posts to a dead reply.
struct CallLink
{
    std::mutex mutex;
    ReplyBase *reply = nullptr;
    std::function<void()> cancel; // TryCancel of the RPC(s); set by the call
    bool done = false;

    // Runs `deliver` on the reply's thread if the reply still exists. Thread-safe.
    void post(std::function<void(ReplyBase *)> deliver);
    void requestCancel();
    // Runs `deliver` on the reply's thread without completing the call (e.g. progress).
    void notify(std::function<void(ReplyBase *)> deliver);
};
} // namespace detail

// The result of one asynchronous call (the QNetworkReply convention): the call starts at once, and
// finished() is emitted on the thread that made the call. Then error() or the typed result() is
// there to read. Replies delete themselves after finished() unless setAutoDelete(false).
// Destroying or cancel()ing a running reply cancels its RPC.
class ReplyBase : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplyBase)

public:
    ~ReplyBase() override;

    QString operation() const { return m_operation; } // e.g. "list stores"
    bool isFinished() const { return m_finished; }
    bool isRunning() const { return !m_finished; }
    bool ok() const { return m_finished && !m_error.isError(); }
    const Error &error() const { return m_error; }
    qint64 elapsedMs() const { return m_elapsedMs; }

    void setAutoDelete(bool on) { m_autoDelete = on; }
    bool autoDelete() const { return m_autoDelete; }

    // Cancels the RPC; finished() follows with a Cancelled error (unless it had already ended).
    void cancel();

    std::shared_ptr<detail::CallLink> link() const { return m_link; }

    // Completes the reply with an error without any RPC (e.g. input refused before sending).
    void failLater(const Error &error);

    // For calls made of several RPCs (batches): called on the reply's thread.
    void reportProgress(qint64 done, qint64 total) { Q_EMIT progress(done, total); }

    // The one way replies are consumed: run f(reply) on finished(), in context's thread, only
    // while context lives. Reply<T>::then passes the typed reply.
    template <typename F>
    void then(QObject *context, F &&f)
    {
        connect(this, &ReplyBase::finished, context, [this, f = std::forward<F>(f)]() mutable { f(this); });
    }

Q_SIGNALS:
    void finished();
    void progress(qint64 done, qint64 total);

protected:
    explicit ReplyBase(const QString &operation, QObject *parent);
    void finish(const Error &error);

private:
    QString m_operation;
    Error m_error;
    bool m_finished = false;
    bool m_autoDelete = true;
    qint64 m_elapsedMs = 0;
    QElapsedTimer m_timer;
    std::shared_ptr<detail::CallLink> m_link;
};

template <typename T>
class Reply final : public ReplyBase
{
public:
    explicit Reply(const QString &operation, QObject *parent = nullptr)
        : ReplyBase(operation, parent)
    {
    }

    const T &result() const { return m_result; }
    T takeResult() { return std::move(m_result); }

    // Called on the reply's thread by the call that owns it.
    void complete(T value, const Error &error)
    {
        m_result = std::move(value);
        finish(error);
    }

    // Runs f(reply) on finished(), in context's thread, only while context lives.
    template <typename F>
    void then(QObject *context, F &&f)
    {
        connect(this, &ReplyBase::finished, context,
                [this, f = std::forward<F>(f)]() mutable { f(this); });
    }

private:
    T m_result{};
};

using Done = std::monostate;
using VoidReply = Reply<Done>;

} // namespace loom
