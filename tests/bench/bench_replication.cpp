// Replication benchmark (issue 15): how long from a write on daemon A until the replication view
// (NetClient::threadState on A and B + compareReplication) shows B "in sync": without "Sync now"
// (B gets the record by A's push or its own periodic pull; the view polls every --poll ms), and
// with it (PullThread on B right after the write, then one read). Figures are printed, not judged.
//   scripts/bench.sh build bench_replication [--rounds N] [--poll MS]   (starts two daemons)
//   bench_replication --port <A's API port> --other-port <B's API port>
#include "benchutil.h"

#include "joinattempts.h"
#include "netclient.h"
#include "replication.h"
#include "threadsclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace loom;
using loom::bench::wait;

namespace {

void pause(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

bool inSync(NetClient &a, NetClient &b, const StoreId &store)
{
    auto sa = wait(a.threadState(store));
    auto sb = wait(b.threadState(store));
    return sa->ok() && sb->ok() && compareReplication({sa->result(), sb->result()}).inSync();
}

void report(const char *what, QList<double> ms, int reads)
{
    std::sort(ms.begin(), ms.end());
    const double median = ms[ms.size() / 2];
    double sum = 0;
    for (double v : ms)
        sum += v;
    std::printf("%-48s n=%2lld  median %8.1f ms  mean %8.1f ms  min %8.1f ms  max %8.1f ms  (%d state reads)\n",
                what, qlonglong(ms.size()), median, sum / double(ms.size()), ms.first(), ms.last(), reads);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({u"port"_s, u"daemon A's API port"_s, u"PORT"_s});
    parser.addOption({u"other-port"_s, u"daemon B's API port"_s, u"PORT"_s});
    parser.addOption({u"rounds"_s, u"writes per mode (default 10)"_s, u"N"_s, u"10"_s});
    parser.addOption({u"poll"_s, u"the view's polling interval in ms (default 250)"_s, u"MS"_s, u"250"_s});
    parser.process(app);
    if (!parser.isSet(u"port"_s) || !parser.isSet(u"other-port"_s)) {
        std::fprintf(stderr, "bench_replication needs --port A --other-port B (scripts/bench.sh starts both)\n");
        return 2;
    }
    ConnectionSettings sa, sb;
    sa.port = quint16(parser.value(u"port"_s).toUInt());
    sb.port = quint16(parser.value(u"other-port"_s).toUInt());
    sa.deadlineMs = sb.deadlineMs = 30000;
    const int rounds = std::max(1, parser.value(u"rounds"_s).toInt());
    const int poll = std::max(1, parser.value(u"poll"_s).toInt());
    ThreadsClient a(sa), b(sb);
    NetClient netA(&a), netB(&b);

    const QByteArray schema = R"({"type":"object","properties":{"_id":{"type":"string"},"n":{"type":"integer"}}})";
    const QList<CollectionConfig> configs{{u"Items"_s, schema, {}, {}, {}}};
    auto created = wait(a.newStore(u"bench-replication"_s, configs));
    if (!created->ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(created->error().toString()));
        return 1;
    }
    const StoreId store = created->result();
    auto info = wait(a.storeInfo(store));
    auto joined = wait(joinFromAny(&b, InviteLink::fromStoreInfo(info->result().addresses, info->result().key), configs));
    if (!joined->ok()) {
        std::fprintf(stderr, "join: %s\n", qPrintable(joined->error().toString()));
        return 1;
    }
    wait(netB.pullThread(store));
    std::printf("store %s on A (:%u) and B (:%u); %d writes per mode, one entity each; the view polls every %d ms\n",
                qPrintable(store.toString()), sa.port, sb.port, rounds, poll);

    QList<double> withoutPull, withPull, pullOnly;
    int readsWithout = 0, readsWith = 0;
    for (int mode = 0; mode < 2; ++mode) {
        for (int i = 0; i < rounds; ++i) {
            QElapsedTimer clock;
            clock.start();
            auto w = wait(a.create(store, u"Items"_s, {Instance{{u"n"_s, i}}}));
            if (!w->ok()) {
                std::fprintf(stderr, "write: %s\n", qPrintable(w->error().toString()));
                return 1;
            }
            if (mode == 0) {
                // As the panel does without "Sync now": read both, compare, wait, again.
                ++readsWithout;
                while (!inSync(netA, netB, store)) {
                    pause(poll);
                    ++readsWithout;
                }
                withoutPull << double(clock.nsecsElapsed()) / 1e6;
            } else {
                QElapsedTimer pullClock;
                pullClock.start();
                auto pulled = wait(netB.pullThread(store));
                pullOnly << double(pullClock.nsecsElapsed()) / 1e6;
                if (!pulled->ok())
                    std::fprintf(stderr, "pull: %s\n", qPrintable(pulled->error().toString()));
                ++readsWith;
                while (!inSync(netA, netB, store)) {
                    pause(poll);
                    ++readsWith;
                }
                withPull << double(clock.nsecsElapsed()) / 1e6;
            }
        }
    }
    report("write on A -> B in sync, no Sync now", withoutPull, readsWithout);
    report("write on A -> B in sync, Sync now (PullThread)", withPull, readsWith);
    report("  of which PullThread on B", pullOnly, 0);
    a.shutdown();
    b.shutdown();
    return 0;
}
