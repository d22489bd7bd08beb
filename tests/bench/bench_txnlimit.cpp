// bench_txnlimit: measures how much one Create may hold before the daemon refuses it with
// "Txn is too big to fit into one request" (badger's per-transaction limit), for several entity
// sizes, by bisecting the entity count of a single Create.
//   bench_txnlimit --port <api port>
// Prints figures; run inside scripts/netns.sh against a fresh daemon (scripts/bench.sh).
#include "benchutil.h"
#include "threadsclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace loom;

namespace {

using bench::wait;

QList<Instance> entities(int count, int bytes)
{
    QList<Instance> list;
    const QString text(bytes, u'x');
    for (int i = 0; i < count; ++i)
        list.append(QJsonObject{{u"text"_s, text}, {u"n"_s, i}});
    return list;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({u"port"_s, u"API port"_s, u"PORT"_s});
    parser.process(app);
    ConnectionSettings settings;
    settings.port = quint16(parser.value(u"port"_s).toUInt());
    settings.deadlineMs = 120000;
    ThreadsClient client(settings);
    const QByteArray schema = R"({"type":"object","properties":{"_id":{"type":"string"},"text":{"type":"string"},"n":{"type":"integer"}}})";
    auto store = wait(client.newStore(u"txnlimit"_s, {{u"Blob"_s, schema, {}, {}, {}}}));
    if (!store->ok()) {
        std::fprintf(stderr, "bench_txnlimit: %s\n", qPrintable(store->error().toString()));
        return 1;
    }
    std::printf("entity text  largest Create accepted        smallest refused (\"Txn is too big\")\n");
    for (const int bytes : {64, 1024, 8192, 16384, 32768, 65536}) {
        const qsizetype one = QJsonDocument(entities(1, bytes).first()).toJson(QJsonDocument::Compact).size();
        // Requests stay under the 4 MiB gRPC message limit.
        int low = 0, high = int((4 * 1024 * 1024 - 4096) / (one + 8)) + 1;
        QString refusal;
        while (high - low > 1) {
            const int mid = (low + high) / 2;
            auto reply = wait(client.create(store->result(), u"Blob"_s, entities(mid, bytes)));
            if (reply->ok()) {
                low = mid;
            } else {
                high = mid;
                refusal = reply->error().daemonMessage();
            }
        }
        std::printf("%8d B   %6d x %7lld B = %8lld B     %6d x = %8lld B  %s\n", bytes, low,
                    qlonglong(one), qlonglong(low * one), high, qlonglong(high * one),
                    qPrintable(refusal.left(60)));
        std::fflush(stdout);
    }
    return 0;
}
