#pragma once

#include "error.h"
#include "types.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace loom {

class ClientPrivate;
struct ListenLink;

// A Listen subscription to one store's changes. It starts at once, delivers changes in batches
// (coalesced for about 50 ms, so a burst reaches a model as one signal), re-subscribes with
// back-off when the stream fails (daemon restarted, network error), and stops when asked to or
// when the store is gone.
//
// The daemon's Listen drops events under bursts and sends nothing until the first change, so treat
// changes() as "these entities changed" and re-query after resubscribed().
class Subscription final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Subscription)

public:
    enum State { Listening, Retrying, Stopped };
    Q_ENUM(State)

    Subscription(std::shared_ptr<ClientPrivate> client, const StoreId &store,
                 const QList<ListenFilter> &filters, QObject *parent = nullptr);
    ~Subscription() override;

    State state() const { return m_state; }
    StoreId store() const { return m_store; }
    int retryCount() const { return m_attempt; }
    Error lastError() const { return m_lastError; }
    void setCoalesceInterval(int ms) { m_coalesce.setInterval(ms); }

    // Ends the stream (cancels the RPC); stateChanged(Stopped) follows at once.
    void stop();

Q_SIGNALS:
    void changes(const QList<loom::ChangeEvent> &events);
    void stateChanged(loom::Subscription::State state);
    // The stream broke; a new one starts after `retryInMs`.
    void interrupted(const loom::Error &error, int retryInMs);
    // A new stream was started after an interruption: events may have been missed, re-query.
    void resubscribed();
    // The subscription ended for good (stopped, store deleted, or refused); error is empty on stop.
    void ended(const loom::Error &error);

private:
    friend struct ListenLink;
    void start();
    void onEvent(ChangeEvent event);
    void onStreamEnd(const Error &error, bool byUs);
    void flush();
    void setState(State state);

    std::shared_ptr<ClientPrivate> m_client;
    StoreId m_store;
    QList<ListenFilter> m_filters;
    std::shared_ptr<ListenLink> m_link;
    std::function<void()> m_cancelStream; // cancels the current stream's RPC
    State m_state = Listening;
    QList<ChangeEvent> m_pending;
    QTimer m_coalesce;
    QTimer m_retry;
    int m_attempt = 0;
    bool m_gotEventSinceStart = false;
    Error m_lastError;
};

} // namespace loom
