#include "error.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

// gRPC status codes (grpc/status.h), kept here so that this header-free file needs no grpc include.
enum GrpcCode {
    Ok = 0, Cancelled = 1, Unknown = 2, InvalidArgument = 3, DeadlineExceeded = 4, NotFound = 5,
    AlreadyExists = 6, PermissionDenied = 7, ResourceExhausted = 8, FailedPrecondition = 9,
    Aborted = 10, OutOfRange = 11, Unimplemented = 12, Internal = 13, Unavailable = 14,
    DataLoss = 15, Unauthenticated = 16,
};

const char *const kCodeNames[] = {
    "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
    "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
    "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
};

const char kHalfJoined[] =
    "This daemon still holds part of this store from an earlier join that did not finish (the "
    "daemon says it already has a log in that thread), but not the store itself, so deleting it "
    "there finds nothing to delete. Join again with a new log key (loom-cli store join ... "
    "--new-log-key).";

struct TextRule {
    const char *needle;
    ErrorKind kind;
    const char *sentence;
};

// Daemon texts (threads-api.md §3) mapped to kinds and sentences; first match wins.
const TextRule kRules[] = {
    // The legacy v0.1 daemon's texts (threads-api.md §7.3, legacy-threadsd-build.md).
    {"store not found", ErrorKind::StoreNotFound, "The store does not exist on this daemon (a legacy daemon forgets stores that were never started when it restarts)."},
    {"model not found", ErrorKind::CollectionNotFound, "The collection (model) is not registered in this store."},
    {"invalid uuid", ErrorKind::InvalidInput, "The store id is not a valid UUID."},
    {"thread not found", ErrorKind::StoreNotFound, "The store does not exist on this daemon."},
    {"db not found", ErrorKind::StoreNotFound, "The store does not exist on this daemon."},
    {"collection not found", ErrorKind::CollectionNotFound, "The collection does not exist in this store."},
    {"instance not found", ErrorKind::InstanceNotFound, "No entity with this id exists in the collection."},
    {"db already exists", ErrorKind::AlreadyExists, "This daemon already has this store."},
    // A join that failed part-way (e.g. the inviting peer could not be reached) leaves the thread and
    // this daemon's log in it, but no store: a retry is refused with these texts, and DeleteDB
    // finds no store to delete ("db not found"). A join with a new log key goes through.
    {"log already exists", ErrorKind::AlreadyExists, kHalfJoined},
    {"thread already exists", ErrorKind::AlreadyExists, kHalfJoined},
    {"collection already registered", ErrorKind::AlreadyExists, "A collection with this name already exists in the store."},
    {"can't create already existing instance", ErrorKind::AlreadyExists, "An entity with this id already exists."},
    // Two entities of one Create with the same new id (the daemon's spelling, typo included).
    {"create already existent instance", ErrorKind::AlreadyExists, "Two of the entities sent together have the same id."},
    {"unique constraint violation", ErrorKind::AlreadyExists, "Another entity already has this value in a unique index."},
    {"doesn't correspond to schema", ErrorKind::SchemaViolation, "The entity does not match the collection's schema"},
    {"missing _id attribute", ErrorKind::InvalidInput, "The entity has no _id."},
    {"unmarshaling json instance", ErrorKind::InvalidInput, "The entity is not a valid JSON object"},
    {"app denied net record body", ErrorKind::Denied, "The collection's write validator refused the change"},
    {"name may only contain", ErrorKind::InvalidInput, "Names may only contain letters, digits and single inner hyphens."},
    {"_id property must be a string", ErrorKind::BadSchema, "The schema must declare _id as a string property."},
    {"compiling js func", ErrorKind::BadSchema, "The write validator or read filter is not valid JavaScript"},
    {"cannot create custom index on _id", ErrorKind::BadSchema, "_id is always indexed; it cannot be named as an index."},
    {"collection schema does not contain path", ErrorKind::BadSchema, "An index names a field the schema does not have."},
    {"value not indexable", ErrorKind::BadSchema, "Only string, number, integer and boolean fields can be indexed."},
    {"can't create unique index", ErrorKind::BadSchema, "A unique index cannot be created: existing entities share a value."},
    {"invalid query", ErrorKind::BadQuery, "The query is not valid"},
    {"sorting field doesn't correspond", ErrorKind::BadQuery, "Some results lack the sort field."},
    {"invalid filter action", ErrorKind::InvalidInput, "The listen filter's action is not valid."},
    {"thread read key is required", ErrorKind::InvalidInput, "The store key has no read key part."},
    {"invalid key", ErrorKind::InvalidInput, "The store key is not valid."},
    {"invalid log-key", ErrorKind::InvalidInput, "The log key is not valid."},
    {"cannot retrieve thread from self", ErrorKind::StoreNotFound, "The link points at this very daemon, which does not have the store."},
    {"invalid thread token", ErrorKind::Unauthenticated, "The token was not issued by this daemon."},
    {"thread token not found", ErrorKind::Unauthenticated, "The token is not a valid thread token."},
    {"received message larger than max", ErrorKind::TooLarge, "The request is larger than the daemon accepts (4 MiB); send it in smaller batches."},
    {"unexpected end of JSON input", ErrorKind::InvalidInput, "A JSON document sent to the daemon was empty or cut short."},
    {"failed to dial", ErrorKind::Unreachable, "The peer in the invitation link could not be reached."},
    {"no addresses", ErrorKind::Unreachable, "The peer in the invitation link could not be reached."},
    {"context deadline exceeded", ErrorKind::Timeout, "The daemon gave up waiting (deadline exceeded)."},
};

} // namespace

Error::Error(ErrorKind kind, QString message, int grpcCode, QString daemonMessage)
    : m_kind(kind)
    , m_grpcCode(grpcCode)
    , m_message(scrubSecrets(message))
    , m_daemonMessage(scrubSecrets(daemonMessage))
{
}

Error Error::invalidInput(const QString &message)
{
    return Error(ErrorKind::InvalidInput, message);
}

Error Error::protocol(const QString &message)
{
    return Error(ErrorKind::Protocol, message);
}

Error Error::fromStatus(int code, const QString &daemonMessage, const QString &what,
                        const QString &endpoint, int deadlineMs)
{
    if (code == Ok)
        return {};
    const QString failed = what.isEmpty() ? u"The request failed"_s : u"Could not "_s + what;
    switch (code) {
    case Unavailable: {
        // gRPC names a failed TLS handshake in its text ("Ssl handshake failed: ...
        // CERTIFICATE_VERIFY_FAILED"): say that, not just "not reachable".
        const QString lower = daemonMessage.toLower();
        if (lower.contains(u"certificate_verify_failed"_s) || lower.contains(u"certificate verify failed"_s))
            return Error(ErrorKind::Unreachable,
                         u"%1: the TLS handshake with %2 failed: its certificate is not signed by a CA "
                         "this connection trusts (the CA file, or the system's roots when no CA file is set)."_s
                             .arg(failed, endpoint),
                         code, daemonMessage);
        if (lower.contains(u"handshake"_s))
            return Error(ErrorKind::Unreachable,
                         u"%1: the TLS handshake with %2 failed (%3)."_s.arg(failed, endpoint, daemonMessage),
                         code, daemonMessage);
        return Error(ErrorKind::Unreachable,
                     u"The daemon at %1 is not reachable."_s.arg(endpoint), code, daemonMessage);
    }
    case DeadlineExceeded:
        // A paused or overloaded daemon (it accepts connections but does not answer), or a slow call.
        return Error(ErrorKind::Timeout,
                     deadlineMs > 0 ? u"%1: the daemon at %2 did not answer within %3 s."_s.arg(
                                          failed, endpoint, QString::number(deadlineMs / 1000.0))
                                    : u"%1: the daemon at %2 did not answer in time."_s.arg(failed, endpoint),
                     code, daemonMessage);
    case Cancelled:
        return Error(ErrorKind::Cancelled, u"%1: cancelled."_s.arg(failed), code, daemonMessage);
    case Unauthenticated:
        return Error(ErrorKind::Unauthenticated,
                     u"%1: the daemon refused the token (%2)."_s.arg(failed, daemonMessage), code,
                     daemonMessage);
    case ResourceExhausted:
        return Error(ErrorKind::TooLarge,
                     u"%1: the message is larger than allowed (4 MiB); send smaller batches."_s.arg(failed),
                     code, daemonMessage);
    case Unimplemented:
        return Error(ErrorKind::Protocol,
                     u"%1: the server at %2 is not a go-threads v1 daemon (%3)."_s.arg(failed, endpoint,
                                                                                    daemonMessage),
                     code, daemonMessage);
    default:
        break;
    }
    const QString lower = daemonMessage.toLower();
    for (const TextRule &rule : kRules) {
        if (lower.contains(QLatin1StringView(rule.needle))) {
            QString sentence = QString::fromLatin1(rule.sentence);
            // Sentences that end without a period take the daemon's details after a colon.
            if (!sentence.endsWith(u'.')) {
                const qsizetype at = lower.indexOf(QLatin1StringView(rule.needle));
                const qsizetype colon = daemonMessage.indexOf(u':', at);
                const QString rest = colon >= 0 ? daemonMessage.mid(colon + 1).trimmed() : QString();
                sentence += rest.isEmpty() ? u"."_s : u": "_s + rest;
            }
            return Error(rule.kind, u"%1: %2"_s.arg(failed, sentence), code, daemonMessage);
        }
    }
    ErrorKind kind = ErrorKind::Other;
    if (code == NotFound)
        kind = ErrorKind::StoreNotFound;
    else if (code == InvalidArgument)
        kind = ErrorKind::InvalidInput;
    else if (code == Internal || code == DataLoss)
        kind = ErrorKind::Protocol;
    return Error(kind, u"%1: the daemon said \u201c%2\u201d."_s.arg(failed, daemonMessage), code,
                 daemonMessage);
}

QString Error::codeName() const
{
    if (m_grpcCode < 0)
        return u"CLIENT"_s;
    if (m_grpcCode < int(std::size(kCodeNames)))
        return QString::fromLatin1(kCodeNames[m_grpcCode]);
    return QString::number(m_grpcCode);
}

QString Error::details() const
{
    if (m_grpcCode < 0)
        return m_message;
    return u"gRPC %1 (%2): %3"_s.arg(codeName()).arg(m_grpcCode).arg(m_daemonMessage);
}

QString Error::toString() const
{
    if (m_grpcCode < 0 || m_daemonMessage.isEmpty() || m_message.contains(m_daemonMessage))
        return m_message;
    return u"%1 [%2: %3]"_s.arg(m_message, codeName(), m_daemonMessage);
}

QString Error::kindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None: return u"none"_s;
    case ErrorKind::Unreachable: return u"unreachable"_s;
    case ErrorKind::Timeout: return u"timeout"_s;
    case ErrorKind::Cancelled: return u"cancelled"_s;
    case ErrorKind::InvalidInput: return u"invalid-input"_s;
    case ErrorKind::StoreNotFound: return u"store-not-found"_s;
    case ErrorKind::CollectionNotFound: return u"collection-not-found"_s;
    case ErrorKind::InstanceNotFound: return u"entity-not-found"_s;
    case ErrorKind::AlreadyExists: return u"already-exists"_s;
    case ErrorKind::SchemaViolation: return u"schema-violation"_s;
    case ErrorKind::BadSchema: return u"bad-schema"_s;
    case ErrorKind::BadQuery: return u"bad-query"_s;
    case ErrorKind::Denied: return u"denied"_s;
    case ErrorKind::Unauthenticated: return u"unauthenticated"_s;
    case ErrorKind::TooLarge: return u"too-large"_s;
    case ErrorKind::Protocol: return u"protocol"_s;
    case ErrorKind::Unsupported: return u"unsupported"_s;
    case ErrorKind::Other: return u"other"_s;
    }
    return u"other"_s;
}

QString Error::scrubSecrets(const QString &text)
{
    // Store keys in text form: multibase base32 of 64 (or 32) bytes, i.e. 'b' + 103 (or 52)
    // base32 characters; base58 keys of the seed form (43-44 characters); JWT tokens.
    // Never destroyed: errors are built on gRPC's threads, which may still run while the process
    // exits and static destructors run.
    static const auto *key = new QRegularExpression(u"\\bb[a-z2-7]{100,}\\b"_s);
    static const auto *jwt = new QRegularExpression(u"\\beyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"_s);
    static const auto *bearer = new QRegularExpression(u"(?i)bearer\\s+\\S+"_s);
    static const auto *seedKeys = new QRegularExpression(u"\\?[1-9A-HJ-NP-Za-km-z]{40,}&[1-9A-HJ-NP-Za-km-z]{40,}"_s);
    QString out = text;
    out.replace(*key, u"<key hidden>"_s);
    out.replace(*jwt, u"<token hidden>"_s);
    out.replace(*bearer, u"bearer <token hidden>"_s);
    out.replace(*seedKeys, u"?<keys hidden>"_s);
    return out;
}

} // namespace loom
