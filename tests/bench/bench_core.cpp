// bench_core: the client core's cost over bare grpc++ stubs, and bulk create throughput.
//   bench_core --port <api port> [--calls N] [--entities N] [--legacy-port <api port>]
// With --legacy-port, the bulk create also runs on a legacy go-threads v0.1.10 daemon (printed after
// the v1 figures; scripts/bench.sh starts one when LOOM_BENCH_LEGACY=1).
// Prints figures; run inside scripts/netns.sh against a daemon on 127.0.0.1 (scripts/bench.sh).
#include "benchutil.h"
#include "clientprivate_p.h"
#include "threadsclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>

#include <algorithm>
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
// there): the same entities, one at a time and batched.
int runLegacy(quint16 port, int entities)
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
    {
        QElapsedTimer t;
        t.start();
        for (const Instance &e : std::as_const(batch))
            wait(client.create(store, collection, {e}));
        const double s = double(t.elapsed()) / 1000.0;
        std::printf("  %-44s %8.0f entities/s  (%.2f s)\n", "one call at a time, one entity per call", entities / s, s);
    }
    for (const int batchSize : {100, 500, 1000}) {
        QElapsedTimer t;
        t.start();
        auto reply = wait(client.createMany(store, collection, batch, batchSize, 1));
        const double s = double(t.elapsed()) / 1000.0;
        if (reply->result().size() != entities) {
            std::fprintf(stderr, "bench_core: legacy createMany returned %lld ids\n", qlonglong(reply->result().size()));
            return 1;
        }
        char label[80];
        std::snprintf(label, sizeof label, "createMany, batches of %d (one at a time)", batchSize);
        std::printf("  %-44s %8.0f entities/s  (%.2f s)\n", label, entities / s, s);
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
    parser.addOption({u"calls"_s, u"calls per latency series"_s, u"n"_s, u"2000"_s});
    parser.addOption({u"entities"_s, u"entities for the bulk create"_s, u"n"_s, u"10000"_s});
    parser.addOption({u"legacy-port"_s, u"API port of a legacy v0.1 daemon on 127.0.0.1 (bulk create there too)"_s,
                      u"port"_s});
    parser.process(app);
    const int calls = parser.value(u"calls"_s).toInt();
    const int entities = parser.value(u"entities"_s).toInt();

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

    std::printf("Per-call latency, %d sequential calls each, daemon 127.0.0.1:%u\n", calls, settings.port);
    for (int round = 0; round < 2; ++round) { // round 0 warms up both paths
        std::vector<double> bareFind, coreFind, bareHas, coreHas;
        for (int i = 0; i < calls; ++i) {
            bareFind.push_back(bareCall([&](grpc::ClientContext &ctx) {
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
            coreFind.push_back(double(t.nsecsElapsed()) / 1000.0);

            bareHas.push_back(bareCall([&](grpc::ClientContext &ctx) {
                pb::HasRequest req;
                req.set_dbid(toStd(store.bytes()));
                req.set_collectionname(collection.toStdString());
                req.add_instanceids(id.toStdString());
                pb::HasReply rep;
                return stub->Has(&ctx, req, &rep);
            }));
            t.restart();
            wait(client.has(store, collection, {id}));
            coreHas.push_back(double(t.nsecsElapsed()) / 1000.0);
        }
        if (round == 0)
            continue;
        const Stats bf = stats(bareFind), cf = stats(coreFind), bh = stats(bareHas), ch = stats(coreHas);
        printRow("FindByID, bare grpc++ stub (sync)", bf);
        printRow("FindByID, Loom core (async reply)", cf);
        printRow("Has, bare grpc++ stub (sync)", bh);
        printRow("Has, Loom core (async reply)", ch);
        std::printf("  core overhead (median): FindByID %+.1f us, Has %+.1f us\n", cf.median - bf.median,
                    ch.median - bh.median);
    }

    QList<Instance> batch;
    for (int i = 0; i < entities; ++i)
        batch.append(QJsonObject{{u"n"_s, i}, {u"label"_s, u"entity-%1"_s.arg(i)}});
    std::printf("\nBulk create of %d small entities\n", entities);
    {
        QElapsedTimer t;
        t.start();
        for (const Instance &e : std::as_const(batch))
            wait(client.create(store, collection, {e}));
        const double s = double(t.elapsed()) / 1000.0;
        std::printf("  %-44s %8.0f entities/s  (%.2f s)\n", "one call at a time, one entity per call", entities / s, s);
    }
    struct Shape
    {
        int batchSize, inFlight;
    };
    for (const Shape shape : {Shape{1, 8}, Shape{100, 1}, Shape{500, 1}, Shape{500, 4}, Shape{1000, 2}}) {
        QElapsedTimer t;
        t.start();
        auto reply = wait(client.createMany(store, collection, batch, shape.batchSize, shape.inFlight));
        const double s = double(t.elapsed()) / 1000.0;
        if (reply->result().size() != entities) {
            std::fprintf(stderr, "bench_core: createMany returned %lld ids\n", qlonglong(reply->result().size()));
            return 1;
        }
        char label[80];
        std::snprintf(label, sizeof label, "createMany, batches of %d, %d in flight", shape.batchSize, shape.inFlight);
        std::printf("  %-44s %8.0f entities/s  (%.2f s)\n", label, entities / s, s);
    }
    // The store (70,000 entities) goes with the benchmark's daemon and its temporary repo.
    if (parser.isSet(u"legacy-port"_s))
        return runLegacy(parser.value(u"legacy-port"_s).toUShort(), entities);
    return 0;
}
