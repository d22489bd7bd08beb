#pragma once
// Private to core/ (and its unit tests): decoding of the net API's replies.

#include "replication.h"

#include "threadsnet.pb.h"

namespace loom::net {

namespace npb = threads::net::pb;

// Decodes GetThread's reply and WIPES its secrets in `reply` (threadKey, every log's privKey:
// zeroed, then cleared): the state keeps a SHA-256 digest of the service key part and "own" flags.
ThreadState decodeThreadInfo(npb::ThreadInfoReply &reply, const StoreId &store, const QString &hostPeerId);
// A peer id as text: base58btc.
QString peerIdText(const std::string &bytes);
// A CID as text: multibase base32 ('b').
QString cidText(const std::string &bytes);

} // namespace loom::net
