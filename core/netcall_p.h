#pragma once
// Private to core/: one unary call on any stub of a ThreadsClient's channel (the net API's, or the
// DB API's with a deadline of its own), with ClientPrivate's conventions: CallGuard, deadline and
// token, cancel, shutdown tracking, call log. ClientPrivate::unary is the same for its own stub.

#include "clientprivate_p.h"

namespace loom {

// `start(async, ctx, req, resp, callback)` issues the call on `async` (a stub's async()).
// `convert(resp, &error)` turns the reply into T on gRPC's thread; `onError(status, &value)` may
// turn a failed status into a value (returns true: the reply is OK with *value).
template <typename T, typename Req, typename Resp, typename Async, typename Start, typename Convert, typename OnError>
Reply<T> *unaryVia(ClientPrivate *d, Async *async, const QString &what, int deadlineMs, Req request,
                   Start start, Convert convert, OnError onError)
{
    struct State
    {
        explicit State(std::shared_ptr<LiveCalls> calls) : guard(std::move(calls)) {}
        CallGuard guard; // first: released after the context
        grpc::ClientContext context;
        Req request;
        Resp response;
    };
    auto state = std::make_shared<State>(d->live);
    if (!state->guard.isOpen() || !async)
        return d->refuse<T>(what, d->closedError(what));
    auto *reply = new Reply<T>(what);
    state->request = std::move(request);
    auto recorder = detail::CallRecorder::begin(d->callLog, d->endpoint(), state->request);
    const int effectiveMs = deadlineMs > 0 ? deadlineMs : d->settings.deadlineMs;
    d->prepare(state->context, effectiveMs);
    auto link = reply->link();
    {
        std::lock_guard lock(link->mutex);
        link->cancel = [state] { state->context.TryCancel(); };
    }
    d->track(link);
    start(async, &state->context, &state->request, &state->response,
          [state, link, what, convert, onError, effectiveMs, endpoint = d->endpoint(), recorder](grpc::Status status) {
              Error error;
              T value{};
              bool handled = false;
              if (status.ok())
                  value = convert(state->response, &error);
              else if (onError(status, &value))
                  handled = true;
              else
                  error = statusError(status, what, endpoint, effectiveMs);
              if (recorder) {
                  if (handled)
                      recorder->finish(QStringLiteral("not on this daemon"), Error());
                  else
                      recorder->finish(status.ok() ? &state->response : nullptr, error);
              }
              deliver<T>(link, std::move(value), error);
          });
    return reply;
}

template <typename T>
bool noErrorValue(const grpc::Status &, T *)
{
    return false;
}

} // namespace loom
