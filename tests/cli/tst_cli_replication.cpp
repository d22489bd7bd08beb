// loom-cli's replication commands end to end (issue 15): `store join` from several links (two dead
// ports first), `store replication` across daemons (behind, then in sync), `store sync`; and no
// store key in anything loom-cli printed. Daemons: the fixture's A and one of the test's own (C),
// stopped and restarted on the same repo.
#include "clitestutil.h"
#include "testdaemon.h"

#include "invitelink.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace loom;

namespace {

using Result = loom::test::CliResult;

const QByteArray kSchema = R"({"type":"object","properties":{"_id":{"type":"string"},"n":{"type":"integer"}}})";

} // namespace

class TestCliReplication : public QObject
{
    Q_OBJECT

private:
    ConnectionSettings a;
    loom::test::TestDaemon c;
    QByteArray everything; // every byte loom-cli wrote, for the key check
    QTemporaryDir dir;

    Result run(const QStringList &args, const QByteArray &input = {})
    {
        Result r = loom::test::runCli(args, input, loom::test::cleanCliEnvironment(), 90000);
        everything += r.out + r.err;
        return r;
    }
    QStringList on(quint16 port, QStringList args) { return QStringList{u"--port"_s, QString::number(port)} + args; }

private Q_SLOTS:
    void initTestCase()
    {
        LOOM_REQUIRE_FIXTURE();
        a = loom::test::fixtureDaemon(u"A"_s);
        QString why;
        QVERIFY2(c.start(&why), qPrintable(why));
        QVERIFY(dir.isValid());
    }

    void joinReplicationAndSync()
    {
        QFile schema(dir.filePath(u"items.json"_s));
        QVERIFY(schema.open(QIODevice::WriteOnly));
        schema.write(kSchema);
        schema.close();
        Result created = run(on(a.port, {u"store"_s, u"new"_s, loom::test::uniqueName("clirepl"), u"--schema"_s,
                                         u"Items="_s + schema.fileName()}));
        CLI_EXPECT(created, 0);
        const QString store = created.object().value(u"id"_s).toString();
        QVERIFY(!store.isEmpty());
        Result links = run(on(a.port, {u"store"_s, u"link"_s, store}));
        CLI_EXPECT(links, 0);
        const QString link = QString::fromUtf8(links.out).split(u'\n', Qt::SkipEmptyParts).first();
        const auto parsed = InviteLink::parse(link);
        QVERIFY(parsed);

        // Three links, two of them to dead ports first, as "copy all links" lines on stdin.
        QStringList lines;
        for (int i = 0; i < 2; ++i) {
            const QString dead = u"/ip4/127.0.0.1/tcp/%1/p2p/%2/thread/%3"_s.arg(loom::test::freeLoopbackPort())
                                     .arg(parsed->address().peerId(), store);
            lines << InviteLink(*Multiaddr::fromString(dead), parsed->key()).toString();
        }
        lines << link;
        Result joined = run(on(c.apiPort(), {u"store"_s, u"join"_s, u"--link-file"_s, u"-"_s, u"--from-port"_s,
                                             QString::number(a.port)}),
                            lines.join(u'\n').toUtf8() + '\n');
        CLI_EXPECT(joined, 0);
        const QJsonArray attempts = joined.object().value(u"attempts"_s).toArray();
        QCOMPARE(attempts.size(), 3);
        for (int i = 0; i < 2; ++i) {
            const QString outcome = attempts[i][u"outcome"_s].toString();
            QVERIFY2(outcome == u"unreachable"_s || outcome == u"timed out"_s, qPrintable(joined.describe()));
            QVERIFY(attempts[i][u"address"_s].toString().contains(u"/tcp/%1/"_s.arg(InviteLink::parse(lines[i])->address().port())));
        }
        QCOMPARE(attempts[2][u"outcome"_s].toString(), u"joined"_s);
        QCOMPARE(joined.object().value(u"id"_s).toString(), store);

        // C misses writes while it is stopped; right after it starts, it is behind.
        QVERIFY(c.stop());
        Result written = run(on(a.port, {u"instance"_s, u"create"_s, u"-s"_s, store, u"-c"_s, u"Items"_s}),
                             "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n");
        QVERIFY2(written.exitCode == 0, qPrintable(written.describe()));
        QString why;
        QVERIFY2(c.start(&why), qPrintable(why));
        const QStringList both{u"--port"_s, QString::number(a.port), u"--port"_s, QString::number(c.apiPort())};
        Result behind = run(both + QStringList{u"store"_s, u"replication"_s, store});
        CLI_EXPECT(behind, 0);
        QJsonObject report = behind.object();
        QCOMPARE(report.value(u"inSync"_s).toBool(), false);
        const QJsonArray daemons = report.value(u"daemons"_s).toArray();
        QCOMPARE(daemons.size(), 2);
        QCOMPARE(daemons[0][u"summary"_s].toString(), u"in sync"_s);
        QVERIFY2(daemons[1][u"summary"_s].toString().startsWith(u"behind by "_s), qPrintable(behind.describe()));
        QVERIFY(daemons[1][u"behind"_s].toInt() >= 1);
        bool sawBehindCell = false;
        for (const QJsonValue &log : report.value(u"logs"_s).toArray())
            sawBehindCell = sawBehindCell || log[u"cells"_s][1][u"verdict"_s].toString() == u"behind"_s;
        QVERIFY(sawBehindCell);

        // "Sync now" on C: it pulls what it missed, and says so.
        Result synced = run(on(c.apiPort(), {u"-v"_s, u"store"_s, u"sync"_s, store}));
        CLI_EXPECT(synced, 0);
        // -v writes the call log to stderr: the net API's calls, described without keys (checked below).
        QVERIFY2(synced.err.contains("GetThread") && synced.err.contains("PullThread"), qPrintable(synced.describe()));
        QCOMPARE(synced.object().value(u"changed"_s).toBool(), true);
        QVERIFY(synced.object().value(u"newRecords"_s).toInt() >= 1);
        Result again = run(on(c.apiPort(), {u"--table"_s, u"store"_s, u"sync"_s, store}));
        CLI_EXPECT(again, 0);
        QVERIFY2(again.out.contains("nothing changed"), qPrintable(again.describe()));

        Result inSync = run(both + QStringList{u"--table"_s, u"store"_s, u"replication"_s, store});
        CLI_EXPECT(inSync, 0);
        QVERIFY2(inSync.out.contains("verdict") && inSync.out.contains("in sync") && !inSync.out.contains("not in sync"),
                 qPrintable(inSync.describe()));
        QVERIFY(inSync.out.contains(QByteArray::number(c.apiPort())));

        // A store C does not hold: replication says so per daemon; sync fails as "not found".
        const QString other = StoreId::generate().toString();
        Result missing = run(both + QStringList{u"store"_s, u"replication"_s, other});
        CLI_EXPECT(missing, 0);
        QCOMPARE(missing.object().value(u"daemons"_s).toArray()[1][u"summary"_s].toString(), u"does not hold the store"_s);
        CLI_EXPECT(run(on(c.apiPort(), {u"store"_s, u"sync"_s, other})), 3);

        // The key, in every form it has, never in loom-cli's output (store link printed it on purpose: left out).
        everything.replace(links.out, QByteArray());
        Result info = run(on(a.port, {u"store"_s, u"info"_s, store, u"--show-key"_s}));
        const QString key = info.object().value(u"key"_s).toString();
        QVERIFY(key.size() > 40);
        everything.replace(info.out, QByteArray());
        const auto k = StoreKey::fromString(key);
        QVERIFY(k);
        for (const QString &form : {key, parsed->toSeedString().section(u'?', 1).section(u'&', 0, 0),
                                    parsed->toSeedString().section(u'&', 1)})
            QVERIFY2(!everything.contains(form.left(24).toUtf8()), "the store key in loom-cli's output");
    }

    void help()
    {
        Result h = run({u"store"_s, u"replication"_s, u"--help"_s});
        CLI_EXPECT(h, 0);
        QVERIFY(h.out.contains("--port 6006 --port 6016"));
        Result j = run({u"store"_s, u"join"_s, u"--help"_s});
        QVERIFY(j.out.contains("Several links"));
        Result s = run({u"store"_s, u"sync"_s, u"--help"_s});
        QVERIFY(s.out.contains("PullThread"));
    }
};

QTEST_GUILESS_MAIN(TestCliReplication)
#include "tst_cli_replication.moc"
