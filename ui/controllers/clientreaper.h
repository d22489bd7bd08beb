#pragma once

#include <memory>

namespace loom {

class ThreadsClient;

// Destroys a client that is no longer used once none of its calls can still be running: after
// its call deadline and a margin, on this (the GUI) thread. Until then its calls finish as usual
// (their replies are simply no longer listened to); when the application quits first, the client
// is left to the end of the process.
//
// Why not at once: a ThreadsClient destroyed while a call is in flight leaves its gRPC channel
// alive in the call's state, so the channel's last reference is dropped on a gRPC completion
// thread. gRPC 1.51 (Debian 12) shuts its shared callback completion queue down when the last
// channel that used it goes, and doing so from one of the queue's own threads aborts the process
// ("grpc_cq_internal_unref: prior > 0") as soon as another client starts a call. (The proper fix
// belongs in the client core; see the report of issue 4.)
void retireClient(std::unique_ptr<ThreadsClient> client);

} // namespace loom
