#pragma once

#include "jsonrules.h"
#include "reply.h"
#include "session/activitytracker.h"
#include "session/connection.h"
#include "storeid.h"
#include "threadsclient.h"

#include <QPointer>
#include <QString>

#include <utility>

namespace loom {

class Connection;
class ThreadsClient;

// What every part of an entity browser works on: the daemon's client, the store and the
// collection, and where the calls people start are shown (the status bar's ActivityTracker, with
// its Stop). Passed by value to the parts, so none of them reaches through another for it.
struct BrowserContext
{
    BrowserContext() = default;
    BrowserContext(ThreadsClient *client, const StoreId &store, const QString &collection,
                   ActivityTracker *tracker = nullptr, Connection *connection = nullptr)
        : client(client), store(store), collection(collection), tracker(tracker), connection(connection)
    {
    }

    ThreadsClient *client = nullptr;
    StoreId store;
    QString collection;
    QPointer<ActivityTracker> tracker;  // may be null (tests, the benchmark)
    QPointer<Connection> connection;    // for the tracker: which daemon the call runs on

    // The entity id field of the daemon's generation: "_id" (go-threads v1) or "ID" (legacy v0.1).
    QString idField() const;

    // Shows `reply` in the status bar while it runs ("save entity 01… on local"); returns it.
    template <typename R>
    R *track(R *reply, const QString &description) const
    {
        if (tracker)
            tracker->track(reply, connection,
                           connection ? description + QStringLiteral(" on ") + connection->displayName() : description);
        return reply;
    }
};

inline QString BrowserContext::idField() const
{
    return client ? client->idField() : QString(json::kIdField);
}

} // namespace loom
