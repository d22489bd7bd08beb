#pragma once
// Joining a store from an invitation that has several addresses (one link per address of the
// inviting daemon): each address is tried in turn with a short deadline, and the report says what
// happened at each.

#include "invitelink.h"
#include "reply.h"
#include "types.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace loom {

class ThreadsClient;

enum class JoinOutcome { Joined, Refused, Unreachable, TimedOut, NotTried };

struct JoinAttempt
{
    InviteLink link; // show maskedString() only: the link holds the store key
    JoinOutcome outcome = JoinOutcome::NotTried;
    QString message; // the daemon's answer in words (keys scrubbed)
    qint64 elapsedMs = 0;
};

struct JoinReport
{
    QList<JoinAttempt> attempts; // in the order tried, then those not tried
    StoreId store;
    int joinedIndex = -1; // the attempt that joined
    bool joined() const { return joinedIndex >= 0; }
};

// "joined", "refused", "unreachable", "timed out", "not tried".
QString joinOutcomeText(JoinOutcome outcome);

// The order to try the links in: the given order, except that when the joining daemon is not on
// this machine (joiningDaemonIsLocal false), loopback and private/link-local addresses go last (the
// join runs on the joining daemon, for which another machine's 127.0.0.1 is itself). Stable.
QList<InviteLink> orderForJoin(QList<InviteLink> links, bool joiningDaemonIsLocal);

// Links from a text: one per line, or the "copy all links" output of Loom's store details and of
// loom-cli (lines may carry a label before the link, e.g. "loopback: /ip4/…?b…"; blank lines and
// lines starting with '#' are skipped). Each unreadable line adds a message to *errors (never the
// key text). Duplicate links are kept once.
QList<InviteLink> parseInviteLinks(QStringView text, QStringList *errors);

// Tries each link in order on `client`'s daemon with a deadline of perAddressDeadlineMs each,
// stopping at the first that joins. After a failed attempt the next uses a fresh log key (a failed
// join can leave a log behind, and the daemon then refuses with "log already exists"; see
// docs/architecture.md "Errors"). The reply fails only when nothing was tried (no link, the links
// name different stores); otherwise its result says what happened and the reply carries the last
// attempt's error when none joined. `name` is the store's name on the joining daemon (empty: the
// daemon's default); with newLogKeyFirst even the first attempt uses a fresh log key.
Reply<JoinReport> *joinFromAny(ThreadsClient *client, const QList<InviteLink> &links,
                               const QList<CollectionConfig> &collections = {},
                               int perAddressDeadlineMs = 8000, const QString &name = {},
                               bool newLogKeyFirst = false);

} // namespace loom

Q_DECLARE_METATYPE(loom::JoinReport)
