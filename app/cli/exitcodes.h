#pragma once

#include "error.h"

namespace loom::cli {

// loom-cli's exit status. Scripts tell failure kinds apart by these numbers; they are documented in
// the help text (helptext.cpp) and must not change meaning.
enum ExitCode : int {
    ExitOk = 0,
    ExitOther = 1,       // anything not listed below (protocol errors, cancelled, I/O)
    ExitUsage = 2,       // bad command line: unknown command or option, missing or malformed argument
    ExitNotFound = 3,    // the store, collection or entity does not exist
    ExitRefused = 4,     // refused by the daemon or invalid input (schema, exists, query, denied, ...)
    ExitUnreachable = 5, // no daemon answers at the address (or the inviting peer is unreachable)
    ExitTimeout = 6,     // the call's deadline passed
    ExitPartial = 7,     // partly done: some of the work is stored, the rest is not (or unknown);
                         // the output says exactly what (instance create)
};

inline int exitCodeFor(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None:
        return ExitOk;
    case ErrorKind::StoreNotFound:
    case ErrorKind::CollectionNotFound:
    case ErrorKind::InstanceNotFound:
        return ExitNotFound;
    case ErrorKind::InvalidInput:
    case ErrorKind::AlreadyExists:
    case ErrorKind::SchemaViolation:
    case ErrorKind::BadSchema:
    case ErrorKind::BadQuery:
    case ErrorKind::Denied:
    case ErrorKind::Unauthenticated:
    case ErrorKind::TooLarge:
    case ErrorKind::Unsupported:
        return ExitRefused;
    case ErrorKind::Unreachable:
        return ExitUnreachable;
    case ErrorKind::Timeout:
        return ExitTimeout;
    case ErrorKind::Cancelled:
    case ErrorKind::Protocol:
    case ErrorKind::Other:
        return ExitOther;
    }
    return ExitOther;
}

} // namespace loom::cli
