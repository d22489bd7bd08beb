// store replication | store sync, and joins from several links (issue 15): the net API
// (threads.net.pb.API) through the core's NetClient. Keys are never printed: the core drops them
// when GetThread's reply is decoded.
#include "cli.h"
#include "command.h"

#include "joinattempts.h"
#include "netclient.h"
#include "replication.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>

#include <memory>

using namespace Qt::StringLiterals;

namespace loom::cli {

namespace {

// The daemons named by --host/--port (repeatable, paired by position; one --host serves every
// --port); just the connection's daemon when --port is given at most once.
std::optional<QList<ConnectionSettings>> daemonsToCompare(Cli &cli)
{
    const QStringList ports = cli.values(u"port"_s);
    const QStringList hosts = cli.values(u"host"_s);
    if (ports.size() <= 1 && hosts.size() <= 1)
        return QList<ConnectionSettings>{cli.settings()};
    if (hosts.size() > 1 && ports.size() > 1 && hosts.size() != ports.size()) {
        cli.usageError(u"give one --host for every --port, or a single --host for all"_s);
        return std::nullopt;
    }
    QList<ConnectionSettings> list;
    const qsizetype n = std::max(ports.size(), hosts.size());
    for (qsizetype i = 0; i < n; ++i) {
        ConnectionSettings s = cli.settings();
        s.name.clear();
        if (!ports.isEmpty()) {
            bool ok = false;
            const uint port = ports.value(i, ports.last()).trimmed().toUInt(&ok);
            if (!ok || port == 0 || port > 65535) {
                cli.usageError(u"--port must be a port number from 1 to 65535, not \u201c%1\u201d"_s.arg(ports.value(i)));
                return std::nullopt;
            }
            s.port = quint16(port);
        }
        if (!hosts.isEmpty())
            s.host = hosts.value(i, hosts.last()).trimmed();
        if (s.endpoint() != cli.settings().endpoint())
            s.token.clear(); // a token is only valid on the daemon that issued it
        if (std::none_of(list.cbegin(), list.cend(), [&s](const ConnectionSettings &o) { return o.endpoint() == s.endpoint(); }))
            list << s;
    }
    return list;
}

QString cellText(const LogCell &c)
{
    if (c.verdict == LogVerdict::StoreMissing)
        return u"-"_s;
    const QString count = c.counter >= 0 ? QString::number(c.counter) : u"?"_s;
    if (c.verdict == LogVerdict::NotYetSeen || c.verdict == LogVerdict::NothingToCopy)
        return c.text();
    return count + u" · "_s + c.text();
}

void printReport(Cli &cli, const StoreId &store, const QList<ConnectionSettings> &daemons,
                 const QList<ThreadState> &states, const ReplicationReport &r)
{
    if (cli.out().isTable()) {
        QStringList headers{u"LOG"_s, u"WRITER"_s};
        for (const ConnectionSettings &d : daemons)
            headers << d.endpoint();
        QList<QStringList> rows;
        for (int row = 0; row < r.logIds.size(); ++row) {
            QStringList cells{r.logIdTexts[row], r.ownerDaemon[row] >= 0 ? daemons[r.ownerDaemon[row]].endpoint() : u"-"_s};
            for (const LogCell &c : r.cells[row])
                cells << cellText(c);
            rows << cells;
        }
        cli.out().table(headers, rows);
        QList<QPair<QString, QString>> summary{{u"store"_s, store.toString()}};
        for (int i = 0; i < daemons.size(); ++i)
            summary.append({daemons[i].endpoint() + u" ("_s + states[i].hostPeerId + u')', r.summary(i)});
        if (r.keysDiffer)
            summary.append({u"warning"_s, u"the daemons hold the store under different keys"_s});
        summary.append({u"verdict"_s, r.inSync() ? u"in sync"_s : u"not in sync"_s});
        cli.out().keyValues(summary);
        return;
    }
    QJsonArray ds;
    for (int i = 0; i < daemons.size(); ++i)
        ds.append(QJsonObject{{u"endpoint"_s, daemons[i].endpoint()},
                              {u"peerId"_s, states[i].hostPeerId},
                              {u"present"_s, states[i].present},
                              {u"behind"_s, r.behindTotal(i)},
                              {u"summary"_s, r.summary(i)}});
    QJsonArray logs;
    for (int row = 0; row < r.logIds.size(); ++row) {
        QJsonArray cells;
        for (int i = 0; i < r.cells[row].size(); ++i) {
            const LogCell &c = r.cells[row][i];
            QJsonObject o{{u"verdict"_s, verdictName(c.verdict)}, {u"text"_s, c.text()}};
            if (c.counter >= 0)
                o.insert(u"counter"_s, c.counter);
            if (c.behindBy > 0)
                o.insert(u"behindBy"_s, c.behindBy);
            if (const LogState *l = states[i].log(r.logIds[row])) {
                o.insert(u"head"_s, l->headText);
                o.insert(u"own"_s, l->own);
            }
            cells.append(o);
        }
        logs.append(QJsonObject{{u"id"_s, r.logIdTexts[row]},
                                {u"writer"_s, r.ownerDaemon[row] >= 0 ? QJsonValue(r.ownerDaemon[row]) : QJsonValue()},
                                {u"cells"_s, cells}});
    }
    cli.out().json(QJsonObject{{u"id"_s, store.toString()}, {u"inSync"_s, r.inSync()},
                               {u"keysDiffer"_s, r.keysDiffer}, {u"daemons"_s, ds}, {u"logs"_s, logs}});
}

// Reads the store's state on every daemon, then runs done(states) (or fails the command).
void readStates(Cli &cli, const QList<ConnectionSettings> &daemons, const StoreId &store,
                std::function<void(QList<ThreadState>)> done)
{
    struct Gather
    {
        QList<ThreadState> states;
        int pending = 0;
    };
    auto gather = std::make_shared<Gather>();
    gather->states.resize(daemons.size());
    gather->pending = int(daemons.size());
    for (int i = 0; i < daemons.size(); ++i) {
        ThreadsClient &client = daemons[i] == cli.settings() ? cli.client() : cli.otherClient(daemons[i]);
        auto *net = new NetClient(&client, &cli);
        cli.call(net->threadState(store), [gather, i, done](ThreadState s) {
            gather->states[i] = std::move(s);
            if (--gather->pending == 0)
                done(gather->states);
        }, u"the daemon %1"_s.arg(daemons[i].endpoint()));
    }
}

void storeReplication(Cli &cli)
{
    const auto daemons = daemonsToCompare(cli);
    if (!daemons)
        return;
    auto compareOn = [&cli, daemons = *daemons](const StoreId &store) {
        readStates(cli, daemons, store, [&cli, daemons, store](const QList<ThreadState> &states) {
            printReport(cli, store, daemons, states, compareReplication(states));
            cli.finish();
        });
    };
    // A store id is used as it is (a daemon may not hold it); a name is looked up on the connection's daemon.
    if (const auto id = StoreId::fromString(cli.args().first()))
        return compareOn(*id);
    cli.resolveStore(cli.args().first(), compareOn);
}

void storeSync(Cli &cli)
{
    cli.resolveStore(cli.args().first(), [&cli](const StoreId &store) {
        auto *net = new NetClient(&cli.client(), &cli);
        cli.call(net->threadState(store), [&cli, net, store](const ThreadState &before) {
            if (!before.present)
                return cli.fail(Error(ErrorKind::StoreNotFound, u"The store does not exist on this daemon."_s));
            const int deadline = cli.isSet(u"deadline"_s) ? cli.settings().deadlineMs : 20000;
            cli.call(net->pullThread(store, deadline), [&cli, net, store, before](Done) {
                cli.call(net->threadState(store), [&cli, store, before](const ThreadState &after) {
                    qint64 added = 0;
                    QList<QStringList> rows;
                    QJsonArray logs;
                    for (const LogState &l : after.logs) {
                        const LogState *was = before.log(l.id);
                        if (was && was->head == l.head)
                            continue;
                        const qint64 from = was ? std::max<qint64>(was->counter, 0) : 0;
                        if (l.counter >= 0)
                            added += l.counter - from;
                        rows << QStringList{l.idText, was ? QString::number(was->counter) : u"(new)"_s,
                                            l.counter >= 0 ? QString::number(l.counter) : u"?"_s};
                        logs.append(QJsonObject{{u"id"_s, l.idText},
                                                {u"before"_s, was ? QJsonValue(was->counter) : QJsonValue()},
                                                {u"after"_s, l.counter}, {u"head"_s, l.headText}});
                    }
                    const bool changed = !rows.isEmpty();
                    const QString result = changed
                        ? u"pulled %1 new record(s) on %2 log(s)"_s.arg(added).arg(rows.size())
                        : u"nothing changed: the peers had nothing new, or none answered (the daemon says OK either way)"_s;
                    if (cli.out().isTable()) {
                        if (changed)
                            cli.out().table({u"LOG"_s, u"BEFORE"_s, u"AFTER"_s}, rows);
                        cli.out().keyValues({{u"store"_s, store.toString()}, {u"result"_s, result}});
                    } else {
                        cli.out().json(QJsonObject{{u"id"_s, store.toString()}, {u"changed"_s, changed},
                                                   {u"newRecords"_s, added}, {u"logs"_s, logs},
                                                   {u"result"_s, result}});
                    }
                    cli.finish();
                });
            });
        });
    });
}

bool isLocalHost(const QString &host)
{
    return host == u"localhost"_s || host.startsWith(u"127."_s) || host == u"::1"_s || host == u"[::1]"_s;
}

} // namespace

void joinSeveral(Cli &cli, const QList<InviteLink> &given, const QList<CollectionConfig> &configs, const QString &name)
{
    const bool local = isLocalHost(cli.settings().host);
    const QList<InviteLink> links = orderForJoin(given, local);
    const int perAddress = cli.isSet(u"deadline"_s) ? cli.settings().deadlineMs : 8000;
    auto *reply = joinFromAny(&cli.client(), links, configs, perAddress, name, cli.isSet(u"new-log-key"_s));
    QStringList names;
    for (const CollectionConfig &c : configs)
        names << c.name;
    reply->then(&cli, [&cli, names](Reply<JoinReport> *r) {
        if (cli.isFinished())
            return;
        const JoinReport report = r->result();
        QJsonArray attempts;
        QList<QStringList> rows;
        for (const JoinAttempt &a : report.attempts) {
            // The address only: the link's key is a secret.
            rows << QStringList{a.link.address().toString(), joinOutcomeText(a.outcome),
                                a.outcome == JoinOutcome::NotTried ? QString() : u"%1 ms"_s.arg(a.elapsedMs), a.message};
            attempts.append(QJsonObject{{u"address"_s, a.link.address().toString()},
                                        {u"outcome"_s, joinOutcomeText(a.outcome)},
                                        {u"elapsedMs"_s, a.elapsedMs}, {u"message"_s, a.message}});
        }
        if (!report.joined()) {
            // What happened at each address, then the failure.
            if (cli.out().isTable())
                cli.out().table({u"ADDRESS"_s, u"OUTCOME"_s, u"TIME"_s, u"MESSAGE"_s}, rows);
            else
                cli.out().json(QJsonObject{{u"joined"_s, false}, {u"attempts"_s, attempts}});
            cli.fail(r->error().isError() ? r->error()
                                          : Error(ErrorKind::Other, u"Could not join the store from any address."_s));
            return;
        }
        cli.call(cli.client().storeInfo(report.store), [&cli, names, rows, attempts](const StoreInfo &info) {
            if (cli.out().isTable()) {
                cli.out().table({u"ADDRESS"_s, u"OUTCOME"_s, u"TIME"_s, u"MESSAGE"_s}, rows);
                printStore(cli, info, false);
                cli.out().keyValues({{u"collections"_s, names.join(u", "_s)}});
            } else {
                QJsonObject o = Output::storeJson(info, false);
                o.insert(u"collections"_s, QJsonArray::fromStringList(names));
                o.insert(u"attempts"_s, attempts);
                cli.out().json(o);
            }
            cli.finish();
        });
    });
}

QList<Command> replicationCommands()
{
    return {
        {u"store"_s, u"replication"_s, u"STORE"_s, u"Compare a store's replication across daemons"_s,
         u"Reads the store's logs on every daemon given with --port (repeat it: --port 6006 --port 6016;\n"
         "--host likewise, or one --host for all) through the daemon's network API, and compares them:\n"
         "per log (one per writer; its id is the writer's peer id) the record count on each daemon and\n"
         "a verdict: in sync, behind by N, not yet seen (the daemon does not know the log yet), nothing\n"
         "to copy, differs (count unknown), inconsistent, or \"-\" when the daemon does not hold the\n"
         "store. Short lags are normal: daemons push new records at once and pull every 10 s.\n"
         "STORE is a store id (or the name of one store on the last --port's daemon). Keys are never\n"
         "read into the output."_s,
         u"{\"id\", \"inSync\", \"keysDiffer\", \"daemons\": [{\"endpoint\", \"peerId\", \"present\", \"behind\", \"summary\"}],\n"
         "\"logs\": [{\"id\", \"writer\": daemon index or null, \"cells\": [{\"verdict\", \"text\", \"counter\", \"behindBy\",\n"
         "\"head\", \"own\"}]}]}; --table: LOG, WRITER, one column per daemon (count · verdict), then a summary."_s,
         {}, 1, 1, storeReplication},
        {u"store"_s, u"sync"_s, u"STORE"_s, u"Pull a store from its peers now"_s,
         u"Asks the daemon to pull the store from its peers now (PullThread) instead of at its next\n"
         "periodic pull, then reads the store's logs again and says what changed. The daemon answers OK\n"
         "even when no peer answered: \"nothing changed\" then means the peers had nothing new or could\n"
         "not be reached. The default deadline is 20 s (--deadline)."_s,
         u"{\"id\", \"changed\", \"newRecords\", \"logs\": [{\"id\", \"before\", \"after\", \"head\"}], \"result\"};\n"
         "--table: the logs that changed, then the result."_s,
         {}, 1, 1, storeSync},
    };
}

} // namespace loom::cli
