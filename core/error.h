#pragma once

#include <QMetaType>
#include <QString>

namespace loom {

// What went wrong, in the user's words. The daemon reports most failures as gRPC UNKNOWN with a Go
// error text, so the kind is classified from the code *and* the text (threads-api.md §3.0).
enum class ErrorKind {
    None,
    Unreachable,        // no daemon answers at the address (UNAVAILABLE)
    Timeout,            // the call's deadline passed
    Cancelled,          // the caller cancelled
    InvalidInput,       // refused before sending: the request would be wrong or crash the daemon
    StoreNotFound,      // thread / db not found
    CollectionNotFound,
    InstanceNotFound,
    AlreadyExists,      // db already exists, collection already registered, instance exists
    SchemaViolation,    // instance doesn't correspond to schema
    BadSchema,          // schema or index refused by the daemon
    BadQuery,
    Denied,             // the write validator said no
    Unauthenticated,    // token problems
    TooLarge,           // message over the 4 MiB limit
    Protocol,           // the daemon answered something we cannot understand
    Unsupported,        // the daemon's API generation cannot do this (unavailableOnLegacy)
    Other,
};

class Error
{
public:
    Error() = default;
    Error(ErrorKind kind, QString message, int grpcCode = -1, QString daemonMessage = {});

    // Builds an error from a gRPC status; `what` names the action for the sentence ("list stores"),
    // `deadlineMs` (when > 0) the call's deadline for a timeout's sentence.
    static Error fromStatus(int grpcCode, const QString &daemonMessage, const QString &what,
                            const QString &endpoint, int deadlineMs = -1);
    static Error invalidInput(const QString &message);
    static Error protocol(const QString &message);

    bool isError() const { return m_kind != ErrorKind::None; }
    explicit operator bool() const { return isError(); }
    ErrorKind kind() const { return m_kind; }
    int grpcCode() const { return m_grpcCode; }              // -1 when the error is our own
    QString daemonMessage() const { return m_daemonMessage; } // the daemon's own text (keys scrubbed)
    QString message() const { return m_message; }             // a sentence a person understands
    QString codeName() const;                                 // e.g. "UNKNOWN", "UNAVAILABLE"
    QString details() const;                                  // code + daemon text, for tooltips/logs
    QString toString() const;                                 // message, then details when they add
    static QString kindName(ErrorKind kind);

    // Replaces anything that looks like a store key or token in text meant for logs or screens.
    static QString scrubSecrets(const QString &text);

private:
    ErrorKind m_kind = ErrorKind::None;
    int m_grpcCode = -1;
    QString m_message;
    QString m_daemonMessage;
};

} // namespace loom

Q_DECLARE_METATYPE(loom::Error)
