#pragma once
// Shared by the benchmark programs (not tests): waiting for a reply outside Qt Test.

#include "reply.h"

#include <QEventLoop>

#include <memory>

namespace loom::bench {

// Runs the event loop until `reply` finishes; the caller owns it then.
template <typename R>
std::unique_ptr<R> wait(R *reply)
{
    reply->setAutoDelete(false);
    std::unique_ptr<R> owned(reply);
    if (!reply->isFinished()) {
        QEventLoop loop;
        QObject::connect(reply, &ReplyBase::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return owned;
}

} // namespace loom::bench
