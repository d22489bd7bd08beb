// loom-cli against real go-threads v0.1.10 daemons (the legacy_daemons fixture: LA and LB): each
// call of the seed client (py-threads-client) through loom-cli, with the same commands and JSON
// shapes as on a v1 daemon (the entity keeps its "ID"). The remembered stores live in a settings
// directory of the test's own (XDG_CONFIG_HOME), shared by every loom-cli run of the test.
#include "clitestutil.h"
#include "testdaemon.h"

#include "invitelink.h"
#include "storeid.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace loom;

namespace {

using Result = loom::test::CliResult;

// One line: moc does not read multi-line raw strings.
const QByteArray kPersonSchema = R"({"$schema": "http://json-schema.org/draft-04/schema#", "type": "object", "properties": {"ID": {"type": "string"}, "name": {"type": "string"}, "age": {"type": "integer", "minimum": 1}}, "required": ["name"]})";
const QByteArray kNoteSchema = R"({"type": "object", "properties": {"ID": {"type": "string"}, "title": {"type": "string"}}})";

} // namespace

class TestCliLegacy : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir config; // XDG_CONFIG_HOME of every run: where loom-cli remembers legacy stores
    QTemporaryDir files;
    ConnectionSettings la;
    ConnectionSettings lb;
    QString store;
    QString annId;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = loom::test::cleanCliEnvironment();
        env.insert(u"XDG_CONFIG_HOME"_s, config.path());
        return env;
    }

    Result run(const ConnectionSettings &daemon, const QStringList &args, const QByteArray &input = {})
    {
        return loom::test::runCli(QStringList{u"--host"_s, daemon.host, u"--port"_s, QString::number(daemon.port)} + args,
                                  input, environment());
    }
    Result run(const QStringList &args, const QByteArray &input = {}) { return run(la, args, input); }

    QString writeFile(const QString &name, const QByteArray &data)
    {
        QFile f(files.filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(data);
        return f.fileName();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(loom::test::inLoopbackOnlyNamespace(), "not in the loopback-only namespace");
        QVERIFY2(loom::test::haveLegacyFixture(), "the legacy_daemons fixture did not start");
        QVERIFY(config.isValid() && files.isValid());
        la = loom::test::legacyFixtureDaemon(u"LA"_s);
        lb = loom::test::legacyFixtureDaemon(u"LB"_s);
    }

    void pingSaysLegacy()
    {
        const Result r = run({u"ping"_s});
        CLI_EXPECT(r, 0);
        QCOMPARE(r.object().value(u"generation"_s).toString(), u"legacy v0.1"_s);
    }

    // newStore + registerSchema + start, in one command.
    void newStore()
    {
        const QString schema = writeFile(u"person.json"_s, kPersonSchema);
        const Result r = run({u"store"_s, u"new"_s, u"seednotes"_s, u"--schema"_s, u"Person="_s + schema});
        CLI_EXPECT(r, 0);
        store = r.object().value(u"id"_s).toString();
        const auto id = StoreId::fromString(store);
        QVERIFY2(id && id->isLegacy(), qPrintable(r.describe())); // the daemon's UUID
        QCOMPARE(r.object().value(u"name"_s).toString(), u"seednotes"_s);
        QVERIFY(!r.object().contains(u"key"_s)); // keys only where asked for
    }

    // The daemon cannot list its stores: loom-cli lists those it remembers, and says so.
    void storeListIsRemembered()
    {
        const Result r = run({u"store"_s, u"list"_s});
        CLI_EXPECT(r, 0);
        QVERIFY2(r.err.contains("cannot list its stores"), qPrintable(r.describe()));
        bool found = false;
        for (const QJsonValue &v : r.array())
            found = found || v.toObject().value(u"id"_s).toString() == store;
        QVERIFY2(found, qPrintable(r.describe()));
        // By name too.
        const Result info = run({u"store"_s, u"info"_s, u"seednotes"_s});
        CLI_EXPECT(info, 0);
        QCOMPARE(info.object().value(u"id"_s).toString(), store);
    }

    void startIsHarmlessOnAStartedStore()
    {
        const Result r = run({u"store"_s, u"start"_s, store});
        CLI_EXPECT(r, 0);
        QCOMPARE(r.object().value(u"id"_s).toString(), store);
    }

    // registerSchema: a second model; listed as the store's collections.
    void registerSchema()
    {
        const QString schema = writeFile(u"note.json"_s, kNoteSchema);
        const Result r = run({u"collection"_s, u"new"_s, u"Note"_s, schema, u"-s"_s, store});
        CLI_EXPECT(r, 0);
        const Result list = run({u"collection"_s, u"list"_s, u"-s"_s, store});
        CLI_EXPECT(list, 0);
        QStringList names;
        for (const QJsonValue &v : list.array())
            names << (v.isObject() ? v.toObject().value(u"name"_s).toString() : v.toString());
        QVERIFY2(names.contains(u"Person"_s) && names.contains(u"Note"_s), qPrintable(list.describe()));
    }

    // modelCreate, modelFindByID, modelSave, modelHas, modelFind, modelDelete.
    void entities()
    {
        const Result made = run({u"instance"_s, u"create"_s, uR"({"name": "Ann", "age": 3})"_s, u"-s"_s, store,
                                 u"-c"_s, u"Person"_s});
        CLI_EXPECT(made, 0);
        const QJsonArray ids = made.object().value(u"ids"_s).toArray();
        QCOMPARE(ids.size(), 1);
        annId = ids.first().toString();
        QVERIFY2(QUuid::fromString(annId).version() == QUuid::Random, qPrintable(annId)); // UUIDv4

        const Result got = run({u"instance"_s, u"get"_s, annId, u"-s"_s, store, u"-c"_s, u"Person"_s});
        CLI_EXPECT(got, 0);
        QCOMPARE(got.object().value(u"ID"_s).toString(), annId); // the entity keeps its ID
        QVERIFY(!got.object().contains(u"_id"_s));
        QCOMPARE(got.object().value(u"age"_s).toInt(), 3);

        const Result saved = run({u"instance"_s, u"save"_s,
                                  uR"({"ID": "%1", "name": "Ann", "age": 4})"_s.arg(annId), u"-s"_s, store,
                                  u"-c"_s, u"Person"_s});
        CLI_EXPECT(saved, 0);
        const Result again = run({u"instance"_s, u"get"_s, annId, u"-s"_s, store, u"-c"_s, u"Person"_s});
        QCOMPARE(again.object().value(u"age"_s).toInt(), 4);

        const Result has = run({u"instance"_s, u"has"_s, annId, u"-s"_s, store, u"-c"_s, u"Person"_s});
        CLI_EXPECT(has, 0);
        QVERIFY2(has.out.contains("true"), qPrintable(has.describe()));

        CLI_EXPECT(run({u"instance"_s, u"create"_s, uR"({"name": "Bob", "age": 30})"_s, u"-s"_s, store, u"-c"_s,
                        u"Person"_s}), 0);
        const Result found = run({u"instance"_s, u"find"_s, u"-s"_s, store, u"-c"_s, u"Person"_s, u"--where"_s,
                                  u"age>10"_s});
        CLI_EXPECT(found, 0);
        QCOMPARE(found.array().size(), 1);
        QCOMPARE(found.array().first().toObject().value(u"name"_s).toString(), u"Bob"_s);
        QVERIFY(found.array().first().toObject().contains(u"ID"_s));
        const Result table = run({u"--table"_s, u"instance"_s, u"find"_s, u"-s"_s, store, u"-c"_s, u"Person"_s});
        CLI_EXPECT(table, 0);
        QVERIFY2(table.out.startsWith("ID"), qPrintable(table.describe())); // the id column is ID

        const QString bob = found.array().first().toObject().value(u"ID"_s).toString();
        CLI_EXPECT(run({u"instance"_s, u"delete"_s, bob, u"-s"_s, store, u"-c"_s, u"Person"_s}), 0);
        const Result gone = run({u"instance"_s, u"has"_s, bob, u"-s"_s, store, u"-c"_s, u"Person"_s});
        CLI_EXPECT(gone, 0);
        QVERIFY2(gone.out.contains("false"), qPrintable(gone.describe()));
    }

    // readTransaction / writeTransaction.
    void transactions()
    {
        const QByteArray ops = R"([{"op": "create", "entities": [{"name": "Cy", "age": 7}]}, {"op": "has", "ids": ["%1"]}])";
        const Result write = run({u"transaction"_s, u"-s"_s, store, u"-c"_s, u"Person"_s},
                                 QByteArray(ops).replace("%1", annId.toUtf8()));
        CLI_EXPECT(write, 0);
        QCOMPARE(write.object().value(u"committed"_s).toBool(), true);
        const Result read = run({u"transaction"_s, u"--read"_s, u"-s"_s, store, u"-c"_s, u"Person"_s},
                                R"([{"op": "find", "query": {}}])");
        CLI_EXPECT(read, 0);
        const QJsonArray results = read.object().value(u"results"_s).toArray();
        QCOMPARE(results.size(), 1);
        QCOMPARE(results.first().toObject().value(u"entities"_s).toArray().size(), 2); // Ann and Cy
    }

    // listen with filters: one change of one model and action, then exit.
    void listen()
    {
        QProcess listener;
        listener.setProcessEnvironment(environment());
        listener.start(QStringLiteral(LOOM_CLI),
                       {u"--host"_s, la.host, u"--port"_s, QString::number(la.port), u"listen"_s, u"-s"_s, store,
                        u"-c"_s, u"Person"_s, u"--action"_s, u"save"_s, u"--count"_s, u"1"_s});
        QVERIFY(listener.waitForStarted(10000));
        // The subscription starts asynchronously: save until the listener reports one change.
        QElapsedTimer clock;
        clock.start();
        int age = 10;
        while (listener.state() == QProcess::Running && clock.elapsed() < 20000) {
            CLI_EXPECT(run({u"instance"_s, u"save"_s, uR"({"ID": "%1", "name": "Ann", "age": %2})"_s.arg(annId).arg(age++),
                            u"-s"_s, store, u"-c"_s, u"Person"_s}), 0);
            listener.waitForFinished(1000);
        }
        QVERIFY2(listener.state() == QProcess::NotRunning, "listen did not see a save");
        QCOMPARE(listener.exitCode(), 0);
        const QJsonObject event = QJsonDocument::fromJson(listener.readAllStandardOutput().split('\n').first()).object();
        QVERIFY2(event.value(u"id"_s).toString() == annId || event.value(u"ID"_s).toString() == annId
                     || QJsonDocument(event).toJson().contains(annId.toUtf8()),
                 QJsonDocument(event).toJson().constData());
    }

    // getStoreLink: the seed form; then LB starts from that address (NewStore + RegisterSchema of
    // LA's models + StartFromAddress) and sees LA's entities. Nothing is written on LB (a v0.1.10
    // daemon exits after its first write to a joined store).
    void linkAndJoin()
    {
        const Result link = run({u"store"_s, u"link"_s, store});
        CLI_EXPECT(link, 0);
        const QString first = QString::fromUtf8(link.out).split(u'\n', Qt::SkipEmptyParts).value(0);
        QString why;
        const auto parsed = InviteLink::parse(first, &why);
        QVERIFY2(parsed, qPrintable(why));
        QCOMPARE(parsed->generation(), ApiGeneration::Legacy);
        QVERIFY(first.contains(u'&'));
        // No key text in what else is printed.
        const Result info = run({u"store"_s, u"info"_s, store});
        QVERIFY(!info.out.contains(first.section(u'?', 1).left(20).toUtf8()));

        const Result joined = run(lb, {u"store"_s, u"join"_s, u"--link-file"_s, u"-"_s, u"--from-host"_s, la.host,
                                       u"--from-port"_s, QString::number(la.port)},
                                  first.toUtf8());
        CLI_EXPECT(joined, 0);
        // LB's store has an id of its own (a v0.1 daemon's NewStore), and LA's models.
        const QString joinedStore = joined.object().value(u"id"_s).toString();
        QVERIFY2(StoreId::fromString(joinedStore), qPrintable(joined.describe()));
        QVERIFY2(QJsonDocument(joined.object().value(u"collections"_s).toArray()).toJson().contains("Person"),
                 qPrintable(joined.describe()));
        QElapsedTimer clock;
        clock.start();
        Result seen;
        do {
            seen = run(lb, {u"instance"_s, u"get"_s, annId, u"-s"_s, joinedStore, u"-c"_s, u"Person"_s});
        } while (seen.exitCode != 0 && clock.elapsed() < 20000 && (QTest::qWait(500), true));
        CLI_EXPECT(seen, 0);
        QCOMPARE(seen.object().value(u"ID"_s).toString(), annId);
        const Result listed = run(lb, {u"store"_s, u"list"_s});
        QVERIFY2(listed.out.contains(joinedStore.toUtf8()), qPrintable(listed.describe()));
    }

    // What a v0.1 daemon cannot do ends with a clear sentence (exit 4), changing nothing.
    void unavailableCommands()
    {
        const Result del = run({u"store"_s, u"delete"_s, store});
        CLI_EXPECT(del, 4);
        QVERIFY2(del.err.contains("not available on a v0.1 daemon"), qPrintable(del.describe()));
        const Result token = run({u"token"_s});
        CLI_EXPECT(token, 4);
        QVERIFY2(token.err.contains("not available on a v0.1 daemon"), qPrintable(token.describe()));
        CLI_EXPECT(run({u"store"_s, u"info"_s, store}), 0); // still there
    }

    // Forget, then open by id: the memory follows; the daemon keeps the store.
    void forgetAndOpen()
    {
        CLI_EXPECT(run({u"store"_s, u"forget"_s, store}), 0);
        QVERIFY(!run({u"store"_s, u"list"_s}).out.contains(store.toUtf8()));
        const Result opened = run({u"store"_s, u"open"_s, store});
        CLI_EXPECT(opened, 0);
        QCOMPARE(opened.object().value(u"id"_s).toString(), store);
        QVERIFY(run({u"store"_s, u"list"_s}).out.contains(store.toUtf8()));
        // An id the daemon does not have: refused, not remembered.
        const QString unknown = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const Result missing = run({u"store"_s, u"open"_s, unknown});
        QVERIFY2(missing.exitCode != 0, qPrintable(missing.describe()));
        QVERIFY(!run({u"store"_s, u"list"_s}).out.contains(unknown.toUtf8()));
    }
};

QTEST_GUILESS_MAIN(TestCliLegacy)
#include "tst_cli_legacy.moc"
