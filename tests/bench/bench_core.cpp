// bench_core: the client core's cost over bare grpc++ stubs, and bulk create throughput.
//   bench_core --port <api port> [--calls N] [--series N] [--entities N] [--modes findbyid,has,batch500x4,...]
// Prints figures, and one machine-readable "mode=..." line per mode (scripts/compare.sh reads those); run inside scripts/netns.sh against a daemon on 127.0.0.1 (scripts/bench.sh).
// With --legacy-port, the bulk create also runs on a legacy go-threads v0.1.10 daemon (printed after
// the v1 figures; scripts/bench.sh starts one when LOOM_BENCH_LEGACY=1); with --legacy-port and no
// --port, only there (--legacy-modes, scripts/compare.sh's legacy section).
#include "benchutil.h"
#include "clientprivate_p.h"
#include "threadsclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <ctime>
#include <condition_variable>
#include <mutex>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;
using namespace loom;

namespace {

// Waits, and ends the benchmark on an error.
template <typename R>
std::unique_ptr<R> wait(R *reply)
{
    auto owned = bench::wait(reply);
    if (!owned->ok()) {
        std::fprintf(stderr, "bench_core: %s\n", qPrintable(owned->error().toString()));
        std::exit(1);
    }
    return owned;
}

struct Stats
{
    double mean, median, p99;
};

Stats stats(std::vector<double> us)
{
    std::sort(us.begin(), us.end());
    double sum = 0;
    for (double v : us)
        sum += v;
    return {sum / double(us.size()), us[us.size() / 2], us[std::min(us.size() - 1, us.size() * 99 / 100)]};
}

void printRow(const char *what, const Stats &s)
{
    std::printf("  %-34s mean %8.1f us   median %8.1f us   p99 %8.1f us\n", what, s.mean, s.median, s.p99);
}

// Bulk create on a legacy v0.1 daemon (ModelCreate; the core's createMany sends one batch at a time
// there): the same entities, per mode "batchBx1" (B per ModelCreate; batch1x1 is one create() call per
// entity, sequential). Prints "mode=legacy-batchBx1 ..." lines, the names tools/threadsd-legacy/
// legacybench (the legacy Go client) prints, for scripts/compare.sh.
int runLegacy(quint16 port, int entities, const QStringList &modes)
{
    ConnectionSettings settings;
    settings.port = port;
    settings.deadlineMs = 30000;
    ThreadsClient client(settings);
    if (wait(client.detectGeneration())->result() != ApiGeneration::Legacy) {
        std::fprintf(stderr, "bench_core: 127.0.0.1:%u is not a legacy v0.1 daemon\n", port);
        return 1;
    }
    const QString collection = u"Bench"_s;
    const QByteArray schema = R"({"type":"object","properties":{"ID":{"type":"string"},"n":{"type":"integer"},"label":{"type":"string"}}})";
    const StoreId store = wait(client.newStore(u"bench"_s, {{collection, schema, {}, {}, {}}}))->result();
    QList<Instance> batch;
    for (int i = 0; i < entities; ++i)
        batch.append(QJsonObject{{u"n"_s, i}, {u"label"_s, u"entity-%1"_s.arg(i)}});
    std::printf("\nBulk create of %d small entities, legacy v0.1.10 daemon 127.0.0.1:%u\n", entities, port);
    static const QRegularExpression batchMode(u"^(?:legacy-)?batch(\\d+)x1$"_s);
    for (const QString &mode : modes) {
        const auto m = batchMode.match(mode);
        if (!m.hasMatch() || m.captured(1).toInt() < 1) {
            std::fprintf(stderr, "bench_core: unknown legacy mode %s (batchBx1: one batch at a time)\n", qPrintable(mode));
            return 2;
        }
        const int batchSize = m.captured(1).toInt();
        char label[80];
        QElapsedTimer t;
        t.start();
        if (batchSize == 1) {
            for (const Instance &e : std::as_const(batch))
                wait(client.create(store, collection, {e}));
            std::snprintf(label, sizeof label, "one call at a time, one entity per call");
        } else {
            auto reply = wait(client.createMany(store, collection, batch, batchSize, 1));
            if (reply->result().size() != entities) {
                std::fprintf(stderr, "bench_core: legacy createMany returned %lld ids\n", qlonglong(reply->result().size()));
                return 1;
            }
            std::snprintf(label, sizeof label, "createMany, batches of %d (one at a time)", batchSize);
        }
        const double s = double(t.nsecsElapsed()) / 1e9;
        std::printf("  %-44s %8.0f entities/s  (%.2f s)\n", label, entities / s, s);
        std::printf("mode=legacy-batch%dx1 entities=%d seconds=%.3f rate=%.0f\n", batchSize, entities, s, entities / s);
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"port"_s, u"API port of the daemon on 127.0.0.1"_s, u"port"_s, u"6006"_s});
    parser.addOption({u"calls"_s, u"calls per latency series"_s, u"n"_s, u"1000"_s});
    parser.addOption({u"entities"_s, u"entities for the bulk create"_s, u"n"_s, u"10000"_s});
    parser.addOption({u"series"_s, u"latency series (after one to warm up)"_s, u"n"_s, u"5"_s});
    parser.addOption({u"modes"_s, u"comma-separated: findbyid, has, cpu, batchBxF (B per Create, F in flight)"_s,
                      u"modes"_s, u"findbyid,has,batch1x1,batch1x8,batch100x1,batch500x1,batch500x4,batch1000x2"_s});
    parser.addOption({u"legacy-port"_s, u"API port of a legacy v0.1 daemon on 127.0.0.1 (bulk create there too; "
                                        u"without --port only there)"_s,
                      u"port"_s});
    parser.addOption({u"legacy-modes"_s, u"comma-separated modes on the legacy daemon: batchBx1 (B per ModelCreate)"_s,
                      u"modes"_s, u"batch1x1,batch100x1,batch500x1,batch1000x1"_s});
    parser.process(app);
    const QStringList legacyModes = parser.value(u"legacy-modes"_s).split(u',', Qt::SkipEmptyParts);
    if (parser.isSet(u"legacy-port"_s) && !parser.isSet(u"port"_s))
        return runLegacy(parser.value(u"legacy-port"_s).toUShort(), parser.value(u"entities"_s).toInt(), legacyModes);
    const int calls = parser.value(u"calls"_s).toInt();
    const int entities = parser.value(u"entities"_s).toInt();
    const int series = std::max(1, parser.value(u"series"_s).toInt());

    ConnectionSettings settings;
    settings.port = parser.value(u"port"_s).toUShort();
    settings.deadlineMs = 30000;
    ThreadsClient client(settings);
    const QString collection = u"Bench"_s;
    const QByteArray schema = R"({"type":"object","properties":{"_id":{"type":"string"},"n":{"type":"integer"},"label":{"type":"string"}}})";
    const StoreId store = wait(client.newStore(u"bench"_s, {{collection, schema, {}, {}, {}}}))->result();
    const QString id = wait(client.create(store, collection, {QJsonObject{{u"n"_s, 1}, {u"label"_s, u"x"_s}}}))->result().first();

    // The same channel settings for the bare stub, so only the core's own work differs.
    auto stub = ClientAccess::of(client)->stub;
    auto bareCall = [&](auto &&invoke) {
        QElapsedTimer t;
        t.start();
        grpc::ClientContext ctx;
        ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
        const grpc::Status status = invoke(ctx);
        if (!status.ok()) {
            std::fprintf(stderr, "bench_core: bare call failed: %s\n", status.error_message().c_str());
            std::exit(1);
        }
        return double(t.nsecsElapsed()) / 1000.0;
    };

    // Where the core's extra time goes: the same FindByID on the stub's callback API (the one the
    // core uses), answered on a gRPC thread and waited for with a condition variable; and the same
    // with the answer queued to this thread's Qt event loop (the core's hop), without the core's
    // own work (Reply object, conversions, call tracking).
    auto callbackCall = [&](bool qtHop) {
        QElapsedTimer t;
        t.start();
        grpc::ClientContext ctx;
        ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
        pb::FindByIDRequest req;
        req.set_dbid(toStd(store.bytes()));
        req.set_collectionname(collection.toStdString());
        req.set_instanceid(id.toStdString());
        pb::FindByIDReply rep;
        std::mutex mutex;
        std::condition_variable cv;
        bool done = false;
        QEventLoop loop;
        stub->async()->FindByID(&ctx, &req, &rep, [&](grpc::Status status) {
            if (!status.ok()) {
                std::fprintf(stderr, "bench_core: callback call failed: %s\n", status.error_message().c_str());
                std::exit(1);
            }
            if (qtHop) {
                QMetaObject::invokeMethod(&loop, [&loop] { loop.quit(); }, Qt::QueuedConnection);
                return;
            }
            std::lock_guard lock(mutex);
            done = true;
            cv.notify_one();
        });
        if (qtHop) {
            loop.exec();
        } else {
            std::unique_lock lock(mutex);
            cv.wait(lock, [&] { return done; });
        }
        return double(t.nsecsElapsed()) / 1000.0;
    };

    // Which modes run (the names gobench uses too, so scripts/compare.sh can pair them).
    QStringList modes = parser.value(u"modes"_s).split(u',', Qt::SkipEmptyParts);
    const bool latencyModes = modes.contains(u"findbyid"_s) || modes.contains(u"has"_s);

    if (latencyModes) {
        // Stub and core calls interleaved call by call, in several series (round 0 warms up), so that
        // a slow stretch of the machine falls on both; the ratio compares medians of all samples.
        std::printf("Per-call latency, %d series of %d sequential calls, stub and core interleaved, daemon "
                    "127.0.0.1:%u\n", series, calls, settings.port);
        std::vector<double> bareFind, coreFind, bareHas, coreHas, cbFind, hopFind;
        std::vector<double> seriesRatioFind, seriesRatioHas;
        for (int round = 0; round <= series; ++round) {
            std::vector<double> bf, cf, bh, ch, cb, hop;
            for (int i = 0; i < calls; ++i) {
                cb.push_back(callbackCall(false));
                hop.push_back(callbackCall(true));
                bf.push_back(bareCall([&](grpc::ClientContext &ctx) {
                    pb::FindByIDRequest req;
                    req.set_dbid(toStd(store.bytes()));
                    req.set_collectionname(collection.toStdString());
                    req.set_instanceid(id.toStdString());
                    pb::FindByIDReply rep;
                    return stub->FindByID(&ctx, req, &rep);
                }));
                QElapsedTimer t;
                t.start();
                wait(client.findById(store, collection, id));
                cf.push_back(double(t.nsecsElapsed()) / 1000.0);

                bh.push_back(bareCall([&](grpc::ClientContext &ctx) {
                    pb::HasRequest req;
                    req.set_dbid(toStd(store.bytes()));
                    req.set_collectionname(collection.toStdString());
                    req.add_instanceids(id.toStdString());
                    pb::HasReply rep;
                    return stub->Has(&ctx, req, &rep);
                }));
                t.restart();
                wait(client.has(store, collection, {id}));
                ch.push_back(double(t.nsecsElapsed()) / 1000.0);
            }
            if (round == 0)
                continue;
            seriesRatioFind.push_back(stats(cf).median / stats(bf).median);
            seriesRatioHas.push_back(stats(ch).median / stats(bh).median);
            bareFind.insert(bareFind.end(), bf.begin(), bf.end());
            coreFind.insert(coreFind.end(), cf.begin(), cf.end());
            bareHas.insert(bareHas.end(), bh.begin(), bh.end());
            cbFind.insert(cbFind.end(), cb.begin(), cb.end());
            hopFind.insert(hopFind.end(), hop.begin(), hop.end());
            coreHas.insert(coreHas.end(), ch.begin(), ch.end());
        }
        const Stats bf = stats(bareFind), cf = stats(coreFind), bh = stats(bareHas), ch = stats(coreHas);
        printRow("FindByID, bare grpc++ stub (sync)", bf);
        printRow("FindByID, stub callback API (cv wait)", stats(cbFind));
        printRow("FindByID, callback + Qt queued hop", stats(hopFind));
        printRow("FindByID, Loom core (async reply)", cf);
        printRow("Has, bare grpc++ stub (sync)", bh);
        printRow("Has, Loom core (async reply)", ch);
        auto range = [](std::vector<double> v) {
            std::sort(v.begin(), v.end());
            return std::make_pair(v.front(), v.back());
        };
        const auto rf = range(seriesRatioFind), rh = range(seriesRatioHas);
        std::printf("  core overhead (median): FindByID %+.1f us (%.3fx, series %.3f-%.3f), Has %+.1f us (%.3fx, "
                    "series %.3f-%.3f)\n",
                    cf.median - bf.median, cf.median / bf.median, rf.first, rf.second, ch.median - bh.median,
                    ch.median / bh.median, rh.first, rh.second);
        auto line = [](const char *mode, const std::vector<double> &v) {
            const Stats s = stats(v);
            std::printf("mode=%s calls=%zu median_us=%.1f p99_us=%.1f mean_us=%.1f\n", mode, v.size(), s.median,
                        s.p99, s.mean);
        };
        line("findbyid", coreFind);
        line("findbyid-stub", bareFind);
        line("findbyid-callback", cbFind);
        line("findbyid-callback-qthop", hopFind);
        line("has", coreHas);
        line("has-stub", bareHas);
        std::printf("mode=overhead findbyid_ratio=%.3f has_ratio=%.3f findbyid_p99_ratio=%.3f has_p99_ratio=%.3f\n",
                    cf.median / bf.median, ch.median / bh.median, cf.p99 / bf.p99, ch.p99 / bh.p99);
    }

    if (modes.contains(u"cpu"_s)) {
        // The client's own CPU per call (all its threads: ours, gRPC's), each path in a block of
        // calls: what the core adds in work, apart from waiting (latency above).
        auto cpuNow = [] {
            timespec ts{};
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
            return double(ts.tv_sec) * 1e6 + double(ts.tv_nsec) / 1e3;
        };
        auto block = [&](const char *name, auto &&one) {
            for (int i = 0; i < calls / 10; ++i) // warm up
                one();
            const double c0 = cpuNow();
            QElapsedTimer wall;
            wall.start();
            for (int i = 0; i < calls; ++i)
                one();
            const double cpu = (cpuNow() - c0) / calls, us = double(wall.nsecsElapsed()) / 1e3 / calls;
            std::printf("  %-34s CPU %6.1f us/call   wall %6.1f us/call\n", name, cpu, us);
            std::printf("mode=cpu-%s calls=%d cpu_us=%.1f wall_us=%.1f\n", name, calls, cpu, us);
        };
        std::printf("\nClient CPU per FindByID call (process CPU time, all threads), %d calls per path\n", calls);
        for (int round = 0; round < 2; ++round) {
            block("stub", [&] {
                bareCall([&](grpc::ClientContext &ctx) {
                    pb::FindByIDRequest req;
                    req.set_dbid(toStd(store.bytes()));
                    req.set_collectionname(collection.toStdString());
                    req.set_instanceid(id.toStdString());
                    pb::FindByIDReply rep;
                    return stub->FindByID(&ctx, req, &rep);
                });
            });
            block("callback", [&] { callbackCall(false); });
            block("callback-qthop", [&] { callbackCall(true); });
            block("core", [&] { wait(client.findById(store, collection, id)); });
        }
    }

    QList<Instance> batch;
    for (int i = 0; i < entities; ++i)
        batch.append(QJsonObject{{u"n"_s, i}, {u"label"_s, u"entity-%1"_s.arg(i)}});
    bool printedHeading = false;
    for (const QString &mode : std::as_const(modes)) {
        // batchBxF: B entities per Create, F Creates in flight (createMany, as the GUI and loom-cli use).
        static const QRegularExpression shape(u"^batch(\\d+)x(\\d+)$"_s);
        const QRegularExpressionMatch m = shape.match(mode);
        if (!m.hasMatch())
            continue;
        if (!printedHeading) {
            std::printf("\nBulk create of %d small entities\n", entities);
            printedHeading = true;
        }
        const int batchSize = m.captured(1).toInt(), inFlight = m.captured(2).toInt();
        QElapsedTimer t;
        t.start();
        auto reply = wait(client.createMany(store, collection, batch, batchSize, inFlight));
        const double s = double(t.nsecsElapsed()) / 1e9;
        if (reply->result().size() != entities) {
            std::fprintf(stderr, "bench_core: createMany returned %lld ids\n", qlonglong(reply->result().size()));
            return 1;
        }
        char label[80];
        std::snprintf(label, sizeof label, "createMany, batches of %d, %d in flight", batchSize, inFlight);
        std::printf("  %-44s %8.0f entities/s  (%.2f s)\n", label, entities / s, s);
        std::printf("mode=%s entities=%d seconds=%.3f rate=%.0f\n", qPrintable(mode), entities, s, entities / s);
    }
    // The store goes with the benchmark's daemon and its temporary repo.
    if (parser.isSet(u"legacy-port"_s))
        return runLegacy(parser.value(u"legacy-port"_s).toUShort(), entities, legacyModes);
    return 0;
}
