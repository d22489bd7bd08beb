#pragma once

#include "calllog.h"
#include "error.h"

#include <QElapsedTimer>

#include <memory>

namespace google::protobuf {
class Message;
}

namespace loom::detail {

// Writes one call into a CallLog: begun on the caller's thread when the call is sent, finished on
// whichever thread gets the answer. The request and the answer are described from the protobuf
// messages by field name, from an allow-list: the store id, collection, names, ids, query JSON,
// addresses, counts and sizes. Keys (key, logKey, threadKey), tokens, identities and signatures
// are never read; entity bodies only when the log shows bodies.
class CallRecorder
{
public:
    // Null when there is no log (the common case: nothing is described, nothing allocated).
    static std::shared_ptr<CallRecorder> begin(CallLog *log, const QString &endpoint,
                                               const google::protobuf::Message &request);
    // For calls whose request is described by hand (streams' options).
    static std::shared_ptr<CallRecorder> begin(CallLog *log, const QString &endpoint, const QString &operation,
                                               const QString &store, const QString &request);

    // A unary answer (null when the call failed).
    void finish(const google::protobuf::Message *response, const Error &error);
    // A stream or transaction that ended: what it did, in words.
    void finish(const QString &result, const Error &error);

private:
    CallLog *m_log = nullptr;
    CallRecord m_record;
    QElapsedTimer m_timer;
    bool m_bodies = false;
};

// "1.4 KiB", "120 bytes".
QString byteSize(qint64 bytes);

} // namespace loom::detail
