#include "joinattempts.h"

#include "identity.h"
#include "netcall_p.h"
#include "schemacheck.h"
#include "threadsclient.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QRegularExpression>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace loom {

QString joinOutcomeText(JoinOutcome outcome)
{
    switch (outcome) {
    case JoinOutcome::Joined:
        return u"joined"_s;
    case JoinOutcome::Refused:
        return u"refused"_s;
    case JoinOutcome::Unreachable:
        return u"unreachable"_s;
    case JoinOutcome::TimedOut:
        return u"timed out"_s;
    case JoinOutcome::NotTried:
        return u"not tried"_s;
    }
    return {};
}

QList<InviteLink> orderForJoin(QList<InviteLink> links, bool joiningDaemonIsLocal)
{
    if (joiningDaemonIsLocal)
        return links;
    auto rank = [](const InviteLink &l) {
        switch (l.address().scope()) {
        case Multiaddr::Scope::Loopback:
            return 3;
        case Multiaddr::Scope::LinkLocal:
            return 2;
        case Multiaddr::Scope::Private:
            return 1;
        default:
            return 0; // public addresses and host names first
        }
    };
    std::stable_sort(links.begin(), links.end(),
                     [&rank](const InviteLink &a, const InviteLink &b) { return rank(a) < rank(b); });
    return links;
}

QList<InviteLink> parseInviteLinks(QStringView text, QStringList *errors)
{
    QList<InviteLink> links;
    const QStringList lines = text.toString().split(u'\n');
    static const QRegularExpression space(u"\\s+"_s);
    for (int n = 0; n < lines.size(); ++n) {
        const QString line = lines[n].trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        std::optional<InviteLink> link;
        QString firstError;
        // The link itself, or a label before it ("loopback: /ip4/…"): try from each word that
        // starts like a multiaddr.
        const QStringList words = line.split(space, Qt::SkipEmptyParts);
        for (int w = 0; w < words.size() && !link; ++w) {
            if (!words[w].startsWith(u'/'))
                continue;
            QString why;
            link = InviteLink::parse(QStringList(words.mid(w)).join(u' '), &why);
            if (!link && firstError.isEmpty())
                firstError = why;
        }
        if (!link) {
            if (errors)
                errors->append(u"Line %1: %2"_s.arg(n + 1).arg(
                    firstError.isEmpty() ? u"no invitation link (it should start with an address such as /ip4/…)"_s
                                         : Error::scrubSecrets(firstError)));
            continue;
        }
        if (!links.contains(*link))
            links << *link;
    }
    return links;
}

namespace {

JoinOutcome outcomeOf(const Error &error)
{
    switch (error.kind()) {
    case ErrorKind::None:
        return JoinOutcome::Joined;
    case ErrorKind::Timeout:
        return JoinOutcome::TimedOut;
    case ErrorKind::Unreachable:
        return JoinOutcome::Unreachable;
    default:
        return JoinOutcome::Refused;
    }
}

// Whether the next address is worth trying after this error: not when the joining daemon itself
// cannot be reached, the caller cancelled, or the daemon already has the store.
bool worthGoingOn(const Error &error)
{
    if (error.kind() == ErrorKind::Cancelled || error.kind() == ErrorKind::InvalidInput)
        return false;
    if (error.grpcCode() == 14) // UNAVAILABLE: Loom cannot reach the joining daemon
        return false;
    if (error.daemonMessage().contains(u"db already exists"_s))
        return false;
    return true;
}

bool leftALog(const Error &error)
{
    return error.daemonMessage().contains(u"log already exists"_s)
        || error.daemonMessage().contains(u"thread already exists"_s);
}

// Runs the attempts one after the other; lives as long as the reply.
class JoinRun : public QObject
{
public:
    JoinRun(Reply<JoinReport> *reply, ThreadsClient *client, QList<CollectionConfig> collections, int deadlineMs,
            QString name, bool freshKey)
        : QObject(reply), m_reply(reply), m_client(client), m_collections(std::move(collections)),
          m_deadlineMs(deadlineMs), m_name(std::move(name)), m_freshKey(freshKey)
    {
    }

    JoinReport report;

    void next()
    {
        if (m_index >= report.attempts.size()) {
            finish();
            return;
        }
        ClientPrivate *cp = m_client ? ClientAccess::of(*m_client) : nullptr;
        if (!cp) {
            m_lastError = Error(ErrorKind::Cancelled, u"Could not join the store: the connection was closed."_s);
            finish();
            return;
        }
        const InviteLink link = report.attempts[m_index].link;
        pb::NewDBFromAddrRequest request;
        request.set_addr(toStd(link.address().toBinary()));
        request.set_key(toStd(link.key().bytes()));     // secret, sent only here; never logged
        request.set_name(toStd(m_name));
        if (m_freshKey)
            request.set_logkey(toStd(Identity::generate().privateKeyBytes())); // secret, sent only here
        for (const CollectionConfig &c : m_collections)
            toPb(c, request.add_collections());
        m_timer.start();
        auto *call = unaryVia<Done, pb::NewDBFromAddrRequest, pb::NewDBReply>(
            cp, cp->stub ? cp->stub->async() : nullptr, u"join the store at %1"_s.arg(link.address().toString()),
            m_deadlineMs, std::move(request),
            [](auto *async, auto *ctx, auto *req, auto *resp, auto cb) { async->NewDBFromAddr(ctx, req, resp, std::move(cb)); },
            [](pb::NewDBReply &, Error *) { return Done(); }, noErrorValue<Done>);
        m_call = call;
        {
            auto link = m_reply->link();
            std::lock_guard lock(link->mutex);
            link->cancel = [callLink = call->link()] { callLink->requestCancel(); };
        }
        call->then(this, [this](VoidReply *r) { attempted(r->error()); });
    }

private:
    void attempted(const Error &error)
    {
        JoinAttempt &a = report.attempts[m_index];
        a.elapsedMs += m_timer.elapsed();
        if (!error) {
            a.outcome = JoinOutcome::Joined;
            a.message = m_freshKey ? u"joined (with a new log key)"_s : u"joined"_s;
            report.joinedIndex = int(m_index);
            m_lastError = {};
            finish();
            return;
        }
        m_lastError = error;
        // A log left behind by an earlier failed join: the same address once more with a new key.
        if (leftALog(error) && !m_freshKey) {
            m_freshKey = true;
            next();
            return;
        }
        a.outcome = outcomeOf(error);
        a.message = error.message();
        m_freshKey = true; // a failed join may have left this daemon's log behind
        if (!worthGoingOn(error)) {
            finish();
            return;
        }
        ++m_index;
        next();
    }

    void finish()
    {
        Error error = report.joined() ? Error() : m_lastError;
        if (!report.joined() && !error)
            error = Error(ErrorKind::Other, u"Could not join the store from any of its addresses."_s);
        m_reply->complete(report, error);
    }

    Reply<JoinReport> *m_reply;
    QPointer<ThreadsClient> m_client;
    QList<CollectionConfig> m_collections;
    int m_deadlineMs;
    QString m_name;
    bool m_freshKey = false;
    qsizetype m_index = 0;
    Error m_lastError;
    QElapsedTimer m_timer;
    QPointer<VoidReply> m_call;
};

} // namespace

Reply<JoinReport> *joinFromAny(ThreadsClient *client, const QList<InviteLink> &links,
                               const QList<CollectionConfig> &collections, int perAddressDeadlineMs,
                               const QString &name, bool newLogKeyFirst)
{
    const QString what = u"join the store"_s;
    auto *reply = new Reply<JoinReport>(what);
    auto refuse = [reply](const QString &why) {
        reply->failLater(Error::invalidInput(why));
        return reply;
    };
    if (!client)
        return refuse(u"No daemon to join on."_s);
    if (links.isEmpty())
        return refuse(u"No invitation link was given."_s);
    const StoreId store = links.first().storeId();
    for (const InviteLink &l : links) {
        if (!l.isValid())
            return refuse(u"The invitation link %1 is not complete (it needs /p2p/, /thread/ and a key with a read key)."_s
                              .arg(l.maskedString()));
        if (l.storeId() != store)
            return refuse(u"The invitation links name different stores (%1 and %2)."_s
                              .arg(store.toString(), l.storeId().toString()));
    }
    for (const CollectionConfig &c : collections)
        if (Error e = checkCollectionConfig(c))
            return refuse(e.message());
    if (!name.isEmpty() && !schemacheck::isValidName(name))
        return refuse(u"Store name \u201c%1\u201d: %2"_s.arg(name, schemacheck::nameProblem(name)));
    auto *run = new JoinRun(reply, client, collections, perAddressDeadlineMs, name, newLogKeyFirst);
    run->report.store = store;
    for (const InviteLink &l : links)
        run->report.attempts << JoinAttempt{l, JoinOutcome::NotTried, {}, 0};
    QMetaObject::invokeMethod(run, [run] { run->next(); }, Qt::QueuedConnection);
    return reply;
}

} // namespace loom
