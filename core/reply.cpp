#include "reply.h"

#include <QMetaObject>

namespace loom {

namespace detail {

void CallLink::post(std::function<void(ReplyBase *)> deliver)
{
    std::lock_guard lock(mutex);
    done = true;
    cancel = nullptr;
    if (!reply)
        return;
    ReplyBase *target = reply;
    // Posted while the lock is held: the reply cannot be destroyed in between. If it is destroyed
    // before the event runs, Qt drops the event with it.
    QMetaObject::invokeMethod(
        target, [target, deliver = std::move(deliver)] { deliver(target); }, Qt::QueuedConnection);
}

void CallLink::notify(std::function<void(ReplyBase *)> deliver)
{
    std::lock_guard lock(mutex);
    if (!reply || done)
        return;
    ReplyBase *target = reply;
    QMetaObject::invokeMethod(
        target, [target, deliver = std::move(deliver)] { deliver(target); }, Qt::QueuedConnection);
}

void CallLink::requestCancel()
{
    std::function<void()> fn;
    {
        std::lock_guard lock(mutex);
        if (done)
            return;
        fn = cancel;
    }
    if (fn)
        fn();
}

} // namespace detail

ReplyBase::ReplyBase(const QString &operation, QObject *parent)
    : QObject(parent)
    , m_operation(operation)
    , m_link(std::make_shared<detail::CallLink>())
{
    m_link->reply = this;
    m_timer.start();
}

ReplyBase::~ReplyBase()
{
    {
        std::lock_guard lock(m_link->mutex);
        m_link->reply = nullptr;
    }
    if (!m_finished)
        m_link->requestCancel();
}

void ReplyBase::cancel()
{
    if (!m_finished)
        m_link->requestCancel();
}

void ReplyBase::failLater(const Error &error)
{
    m_link->post([error](ReplyBase *reply) { reply->finish(error); });
}

void ReplyBase::finish(const Error &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    m_elapsedMs = m_timer.elapsed();
    Q_EMIT finished();
    if (m_autoDelete)
        deleteLater();
}

} // namespace loom
