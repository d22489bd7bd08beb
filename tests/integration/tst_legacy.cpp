// The core against REAL legacy go-threads v0.1.10 daemons (fixture legacy_daemons: LA, LB) and,
// for detection, a v1 daemon (fixture daemons: A): every legacy call through ThreadsClient, the
// generation detection (v1, legacy, a closed port), the guards against the two v0.1.10 bugs, a store
// made on LA joined on LB from its seed-form link, and the remembered stores.
#include "testdaemon.h"

#include "api_legacy.grpc.pb.h"
#include "connectionmonitor.h"
#include "invitelink.h"
#include "legacystores.h"
#include "subscription.h"
#include "threadsclient.h"
#include "transaction.h"

#include <grpcpp/grpcpp.h>

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace loom;
using loom::test::await;

namespace {

QByteArray personSchema()
{
    // The legacy daemon's entity id is "ID" (a UUIDv4 it generates).
    return R"({"$schema": "http://json-schema.org/draft-04/schema#", "title": "Person", "type": "object", "properties": {"ID": {"type": "string"}, "name": {"type": "string"}, "age": {"type": "integer", "minimum": 1}}, "required": ["name"]})";
}

CollectionConfig people()
{
    CollectionConfig c;
    c.name = u"Person"_s;
    c.schema = personSchema();
    c.indexes = {{u"name"_s, false}};
    return c;
}

Instance person(const QString &name, int age)
{
    return Instance{{u"name"_s, name}, {u"age"_s, age}};
}

bool pidAlive(const QString &pidText)
{
    const qint64 pid = pidText.toLongLong();
    return pid > 0 && ::kill(pid_t(pid), 0) == 0;
}

} // namespace

class TestLegacy : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir settingsDir;
    std::unique_ptr<QSettings> settings;
    std::unique_ptr<LegacyStoreBook> bookA;
    std::unique_ptr<LegacyStoreBook> bookB;
    std::unique_ptr<ThreadsClient> a;
    std::unique_ptr<ThreadsClient> b;
    StoreId store;

    std::unique_ptr<ThreadsClient> legacyClient(const QString &name, std::unique_ptr<LegacyStoreBook> *book)
    {
        auto client = std::make_unique<ThreadsClient>(loom::test::legacyFixtureDaemon(name));
        *book = std::make_unique<LegacyStoreBook>(client->endpoint(), settings.get());
        client->setStoreBook(book->get());
        return client;
    }

private Q_SLOTS:
    void initTestCase()
    {
        LOOM_REQUIRE_FIXTURE();
        QVERIFY2(loom::test::haveLegacyFixture(), "the legacy_daemons fixture did not start");
        settings = std::make_unique<QSettings>(settingsDir.filePath(u"loom.ini"_s), QSettings::IniFormat);
        a = legacyClient(u"LA"_s, &bookA);
        b = legacyClient(u"LB"_s, &bookB);
    }

    void detectLegacy()
    {
        QCOMPARE(a->generation(), ApiGeneration::Unknown);
        QSignalSpy changed(a.get(), &ThreadsClient::generationChanged);
        auto reply = await(a->detectGeneration());
        LOOM_VERIFY_OK(reply);
        QCOMPARE(reply->result(), ApiGeneration::Legacy);
        QCOMPARE(a->generation(), ApiGeneration::Legacy);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(generationName(a->generation()), u"legacy v0.1"_s);
        QCOMPARE(a->idField(), u"ID"_s);
        QVERIFY(a->capabilities().needsStart);
        QVERIFY(!a->capabilities().listStores);
        QVERIFY(!a->capabilities().queryPaging);
        auto rb = await(b->detectGeneration());
        LOOM_VERIFY_OK(rb);
        QCOMPARE(rb->result(), ApiGeneration::Legacy);
    }

    void detectV1()
    {
        ThreadsClient v1(loom::test::fixtureDaemon(u"A"_s));
        auto reply = await(v1.detectGeneration());
        LOOM_VERIFY_OK(reply);
        QCOMPARE(reply->result(), ApiGeneration::V1);
        QCOMPARE(v1.generation(), ApiGeneration::V1);
        QCOMPARE(v1.idField(), u"_id"_s);
        QVERIFY(v1.capabilities().listStores);
    }

    void detectClosedPort()
    {
        ConnectionSettings s;
        s.port = loom::test::freeLoopbackPort();
        ThreadsClient closed(s);
        auto reply = await(closed.detectGeneration());
        QVERIFY(reply->isFinished());
        QCOMPARE(reply->error().kind(), ErrorKind::Unreachable);
        QCOMPARE(closed.generation(), ApiGeneration::Unknown);
    }

    void monitorSeesLegacyUp()
    {
        // Before issue 13 the monitor's probe (GetDBInfo) marked a legacy daemon unreachable.
        ThreadsClient client(loom::test::legacyFixtureDaemon(u"LA"_s));
        ConnectionMonitor monitor(&client);
        QSignalSpy state(&monitor, &ConnectionMonitor::stateChanged);
        monitor.start();
        QTRY_COMPARE_WITH_TIMEOUT(monitor.state(), ConnectionMonitor::Connected, 10000);
        QCOMPARE(client.generation(), ApiGeneration::Legacy);
        QVERIFY(!monitor.lastError());
    }

    void newStoreAndEntities()
    {
        auto made = await(a->newStore(loom::test::uniqueName("legacy"), {people()}));
        LOOM_VERIFY_OK(made);
        store = made->result();
        QVERIFY(store.isLegacy());
        QCOMPARE(store.toString().size(), 36);

        // Remembered: the daemon cannot list stores.
        auto list = await(a->listStores());
        LOOM_VERIFY_OK(list);
        const auto it = std::find_if(list->result().begin(), list->result().end(),
                                     [this](const StoreInfo &s) { return s.id == store; });
        QVERIFY(it != list->result().end());
        QVERIFY(it->remembered);
        QVERIFY(it->started);
        auto models = await(a->listCollections(store));
        LOOM_VERIFY_OK(models);
        QCOMPARE(models->result().size(), 1);
        QCOMPARE(models->result().first().name, u"Person"_s);
        QCOMPARE(models->result().first().schema, personSchema());
        auto info = await(a->collectionInfo(store, u"Person"_s));
        LOOM_VERIFY_OK(info);
        QCOMPARE(info->result().indexes, (QList<IndexSpec>{{u"name"_s, false}}));

        // Create returns the new IDs (the daemon returns whole entities with a generated UUIDv4).
        auto created = await(a->create(store, u"Person"_s, {person(u"Ann"_s, 30), person(u"Bob"_s, 40), person(u"Cy"_s, 50)}));
        LOOM_VERIFY_OK(created);
        QCOMPARE(created->result().size(), 3);
        const QString annId = created->result().first();
        QCOMPARE(annId.size(), 36);

        auto byId = await(a->findById(store, u"Person"_s, annId));
        LOOM_VERIFY_OK(byId);
        QCOMPARE(byId->result().value(u"name"_s).toString(), u"Ann"_s);
        QCOMPARE(byId->result().value(u"ID"_s).toString(), annId);

        auto has = await(a->has(store, u"Person"_s, {annId}));
        LOOM_VERIFY_OK(has);
        QVERIFY(has->result());

        Instance ann = byId->result();
        ann.insert(u"age"_s, 31);
        LOOM_VERIFY_OK(await(a->save(store, u"Person"_s, {ann})));
        auto saved = await(a->findById(store, u"Person"_s, annId));
        LOOM_VERIFY_OK(saved);
        QCOMPARE(saved->result().value(u"age"_s).toInt(), 31);

        // Queries: criteria on the daemon, sort/skip/limit on the client.
        auto all = await(a->find(store, u"Person"_s, Query()));
        LOOM_VERIFY_OK(all);
        QCOMPARE(all->result().size(), 3);
        auto older = await(a->find(store, u"Person"_s, Query::where(u"age"_s, Op::Gt, 35)));
        LOOM_VERIFY_OK(older);
        QCOMPARE(older->result().size(), 2);
        auto page = await(a->find(store, u"Person"_s, Query().orderBy(u"name"_s).withSkip(1).withLimit(1)));
        LOOM_VERIFY_OK(page);
        QCOMPARE(page->result().size(), 1);
        QCOMPARE(page->result().first().value(u"name"_s).toString(), u"Bob"_s);
        auto packed = await(a->findPacked(store, u"Person"_s, Query().withLimit(2)));
        LOOM_VERIFY_OK(packed);
        QCOMPARE(packed->result().size(), 2);

        // Errors of the legacy daemon, classified.
        auto noModel = await(a->find(store, u"Nobody"_s, Query()));
        QCOMPARE(noModel->error().kind(), ErrorKind::CollectionNotFound);
        auto noEntity = await(a->findById(store, u"Person"_s, u"00000000-0000-4000-8000-000000000000"_s));
        QCOMPARE(noEntity->error().kind(), ErrorKind::InstanceNotFound);
        auto bad = await(a->create(store, u"Person"_s, {Instance{{u"age"_s, 3}}}));
        QCOMPARE(bad->error().kind(), ErrorKind::SchemaViolation);

        auto removed = await(a->remove(store, u"Person"_s, {created->result().at(2)}));
        LOOM_VERIFY_OK(removed);
        auto after = await(a->find(store, u"Person"_s, Query()));
        LOOM_VERIFY_OK(after);
        QCOMPARE(after->result().size(), 2);

        // Bulk creates, one at a time in batches.
        QList<Instance> many;
        for (int i = 0; i < 25; ++i)
            many.append(person(u"bulk-%1"_s.arg(i), i + 1));
        auto bulk = await(a->createMany(store, u"Person"_s, many, 10));
        LOOM_VERIFY_OK(bulk);
        QCOMPARE(bulk->result().size(), 25);
    }

    void unavailableOnLegacy()
    {
        QVERIFY(store.isValid());
        auto del = await(a->deleteStore(store));
        QCOMPARE(del->error().kind(), ErrorKind::Unsupported);
        QVERIFY2(del->error().message().contains(u"not available on a v0.1 daemon"_s), qPrintable(del->error().message()));
        auto upd = await(a->updateCollection(store, people()));
        QCOMPARE(upd->error().kind(), ErrorKind::Unsupported);
        auto dc = await(a->deleteCollection(store, u"Person"_s));
        QCOMPARE(dc->error().kind(), ErrorKind::Unsupported);
        auto ver = await(a->verify(store, u"Person"_s, {person(u"x"_s, 1)}));
        QCOMPARE(ver->error().kind(), ErrorKind::Unsupported);
    }

    void storeInfoAndLink()
    {
        QVERIFY(store.isValid());
        auto info = await(a->storeInfo(store));
        LOOM_VERIFY_OK(info);
        QVERIFY(info->result().legacyKeys.has_value());
        QVERIFY(info->result().legacyKeys->isValid());
        QVERIFY2(!info->result().addresses.isEmpty(), qPrintable(info->result().unreadableAddresses.isEmpty()
                                                                     ? u"no address"_s
                                                                     : info->result().unreadableAddresses.first().problem));
        const QList<InviteLink> links = InviteLink::fromStoreInfo(info->result());
        QVERIFY(!links.isEmpty());
        const InviteLink link = links.first();
        QCOMPARE(link.form(), InviteLink::Legacy);
        QCOMPARE(link.generation(), ApiGeneration::Legacy);
        // The seed form parses back to the same link; the masked form hides both keys.
        QString why;
        const auto parsed = InviteLink::parse(link.toSeedString(), &why);
        QVERIFY2(parsed, qPrintable(why));
        QCOMPARE(*parsed, link);
        QVERIFY(!link.maskedString().contains(link.toSeedString().section(u'?', 1)));
    }

    void guardUnstartedStore()
    {
        // A store made by NewStore alone (as another client may leave it): GetStoreLink on it would
        // kill a v0.1.10 daemon. The core refuses, and the daemon lives.
        auto channel = grpc::CreateChannel(loom::test::legacyFixtureValue(u"LA"_s).toStdString(),
                                           grpc::InsecureChannelCredentials());
        auto stub = ::api::pb::API::NewStub(channel);
        grpc::ClientContext ctx;
        ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
        ::api::pb::NewStoreRequest request;
        ::api::pb::NewStoreReply response;
        QVERIFY(stub->NewStore(&ctx, request, &response).ok());
        const auto id = StoreId::fromLegacyUuid(QString::fromStdString(response.id()));
        QVERIFY(id);

        auto opened = await(a->openStore(*id));
        LOOM_VERIFY_OK(opened);
        QVERIFY(opened->result().remembered);
        QVERIFY(!opened->result().started);
        auto info = await(a->storeInfo(*id));
        QVERIFY(info->error());
        QVERIFY2(info->error().message().contains(u"start the store first"_s), qPrintable(info->error().message()));
        QVERIFY(pidAlive(loom::test::legacyFixtureValue(u"LA_PID"_s)));
        auto ping = await(a->ping());
        LOOM_VERIFY_OK(ping);

        // Started through the core, its details can be read.
        LOOM_VERIFY_OK(await(a->startStore(*id)));
        QVERIFY(bookA->find(*id)->started);
        auto started = await(a->storeInfo(*id));
        LOOM_VERIFY_OK(started);
        QVERIFY(pidAlive(loom::test::legacyFixtureValue(u"LA_PID"_s)));

        LOOM_VERIFY_OK(await(a->forgetStore(*id)));
        QVERIFY(!bookA->find(*id));
    }

    void openUnknownStore()
    {
        auto opened = await(a->openStore(*StoreId::fromLegacyUuid(u"0badc0de-0000-4000-8000-000000000000"_s)));
        QCOMPARE(opened->error().kind(), ErrorKind::StoreNotFound);
    }

    void transactions()
    {
        QVERIFY(store.isValid());
        Transaction *write = a->writeTransaction(store, u"Person"_s, this);
        auto created = await(write->create({person(u"Txn"_s, 7)}));
        LOOM_VERIFY_OK(created);
        QCOMPARE(created->result().size(), 1);
        auto commit = await(write->commit());
        LOOM_VERIFY_OK(commit);
        auto found = await(a->findById(store, u"Person"_s, created->result().first()));
        LOOM_VERIFY_OK(found);

        Transaction *read = a->readTransaction(store, u"Person"_s, this);
        auto readFind = await(read->find(Query::where(u"name"_s, Op::Eq, u"Txn"_s)));
        LOOM_VERIFY_OK(readFind);
        QCOMPARE(readFind->result().size(), 1);
        auto readHas = await(read->has({created->result().first()}));
        LOOM_VERIFY_OK(readHas);
        QVERIFY(readHas->result());
        LOOM_VERIFY_OK(await(read->commit()));

        // A refused operation ends a legacy transaction: it gets the daemon's error.
        Transaction *failing = a->writeTransaction(store, u"Person"_s, this);
        QSignalSpy finished(failing, &Transaction::finished);
        auto bad = await(failing->create({Instance{{u"age"_s, 2}}}));
        QVERIFY(bad->error());
        QCOMPARE(bad->error().kind(), ErrorKind::SchemaViolation);
        QTRY_VERIFY(!failing->isOpen());
        QCOMPARE(finished.size(), 1);

        // No discard on legacy (cancel ends a transaction without committing).
        Transaction *open = a->writeTransaction(store, u"Person"_s, this);
        auto discard = await(open->discard());
        QCOMPARE(discard->error().kind(), ErrorKind::Unsupported);
        open->cancel();
    }

    void listen()
    {
        QVERIFY(store.isValid());
        Subscription *sub = a->listen(store, {{u"Person"_s, {}, ListenFilter::All}}, this);
        QList<ChangeEvent> events;
        connect(sub, &Subscription::changes, this, [&events](const QList<ChangeEvent> &batch) { events += batch; });
        // The stream says nothing until a change: create until one is heard (the first create may
        // come before the daemon has the subscription).
        QStringList ids;
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
            auto created = await(a->create(store, u"Person"_s, {person(u"Heard"_s, 9)}));
            if (created->ok())
                ids += created->result();
            return !events.isEmpty();
        })(), 10000);
        QCOMPARE(events.first().action, ChangeAction::Create);
        QCOMPARE(events.first().collection, u"Person"_s);
        QVERIFY(ids.contains(events.first().instanceId));
        QCOMPARE(events.first().instance.value(u"name"_s).toString(), u"Heard"_s);
        delete sub; // its lambda writes into `events`, which ends here
    }

    void joinOnSecondDaemon()
    {
        QVERIFY(store.isValid());
        auto info = await(a->storeInfo(store));
        LOOM_VERIFY_OK(info);
        const QString seed = InviteLink::fromStoreInfo(info->result()).first().toSeedString();
        QString why;
        const auto link = InviteLink::parse(seed, &why);
        QVERIFY2(link, qPrintable(why));

        // A v1 daemon cannot use it: said at once.
        ThreadsClient v1(loom::test::fixtureDaemon(u"A"_s));
        auto refused = await(v1.joinStore(*link));
        QCOMPARE(refused->error().kind(), ErrorKind::InvalidInput);
        QVERIFY2(refused->error().message().contains(u"legacy v0.1"_s), qPrintable(refused->error().message()));

        LOOM_VERIFY_OK(await(b->detectGeneration()));
        auto joined = await(b->joinStore(*link, {people()}, u"joined"_s));
        LOOM_VERIFY_OK(joined);
        const StoreId joinedId = joined->result();
        QVERIFY(joinedId.isLegacy());
        QVERIFY(joinedId != store); // the joiner's own store id
        QVERIFY(b->needsFirstWriteWarning(joinedId));
        QVERIFY(!a->needsFirstWriteWarning(store));
        QVERIFY(bookB->find(joinedId)->started);

        // B pulls A's log every 10 s until it has written itself.
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
            auto r = await(b->find(joinedId, u"Person"_s, Query::where(u"name"_s, Op::Eq, u"Ann"_s)), 5000);
            return r->ok() && r->result().size() == 1;
        })(), 20000);
        QVERIFY(pidAlive(loom::test::legacyFixtureValue(u"LB_PID"_s)));
        b->acknowledgeFirstWrite(joinedId);
        QVERIFY(!b->needsFirstWriteWarning(joinedId));
    }

    void firstWriteOnJoinerThenRestart()
    {
        // Bug 2 of v0.1.10: on a store joined with StartFromAddress the first local write is stored,
        // then the daemon exits. The core says so before (needsFirstWriteWarning); after a restart on
        // the same repo the write is there and the store goes on.
        QVERIFY(store.isValid());
        loom::test::TestDaemon joiner(loom::test::TestDaemon::Kind::Legacy);
        QString why;
        QVERIFY2(joiner.start(&why), qPrintable(why));
        ThreadsClient c(joiner.settings());
        LegacyStoreBook book(c.endpoint(), settings.get());
        c.setStoreBook(&book);
        auto detected = await(c.detectGeneration());
        LOOM_VERIFY_OK(detected);
        auto info = await(a->storeInfo(store));
        LOOM_VERIFY_OK(info);
        auto joined = await(c.joinStore(InviteLink::fromStoreInfo(info->result()).first(), {people()}));
        LOOM_VERIFY_OK(joined);
        const StoreId id = joined->result();
        QVERIFY(c.needsFirstWriteWarning(id));
        c.acknowledgeFirstWrite(id);
        QVERIFY(!c.needsFirstWriteWarning(id));
        auto created = await(c.create(id, u"Person"_s, {person(u"FromJoiner"_s, 5)}));
        // Answered OK just before the exit (or the exit came first: the connection dropped).
        QVERIFY2(created->ok() || created->error().kind() == ErrorKind::Unreachable, qPrintable(created->error().toString()));
        QCOMPARE(joiner.waitForExit(20000), 1);
        QVERIFY2(joiner.start(&why), qPrintable(why));
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
            auto r = await(c.find(id, u"Person"_s, Query::where(u"name"_s, Op::Eq, u"FromJoiner"_s)), 5000);
            return r->ok() && r->result().size() == 1;
        })(), 20000);
        // Restarted, the joiner takes further writes.
        auto again = await(c.create(id, u"Person"_s, {person(u"SecondWrite"_s, 6)}));
        LOOM_VERIFY_OK(again);
        QVERIFY(joiner.isRunning());
    }

    void rememberedAcrossClients()
    {
        QVERIFY(store.isValid());
        // A new client with the same settings file sees the same stores.
        ThreadsClient again(loom::test::legacyFixtureDaemon(u"LA"_s));
        LegacyStoreBook book(again.endpoint(), settings.get());
        again.setStoreBook(&book);
        again.setGeneration(ApiGeneration::Legacy);
        auto list = await(again.listStores());
        LOOM_VERIFY_OK(list);
        QVERIFY(std::any_of(list->result().begin(), list->result().end(), [this](const StoreInfo &s) { return s.id == store; }));
        auto models = await(again.listCollections(store));
        LOOM_VERIFY_OK(models);
        QCOMPARE(models->result().size(), 1);

        // The default book: QSettings("Loom", "loom"), as the GUI and loom-cli share it.
        {
            ThreadsClient first(loom::test::legacyFixtureDaemon(u"LA"_s));
            first.setGeneration(ApiGeneration::Legacy);
            LOOM_VERIFY_OK(await(first.openStore(store)));
        }
        ThreadsClient second(loom::test::legacyFixtureDaemon(u"LA"_s));
        second.setGeneration(ApiGeneration::Legacy);
        auto remembered = await(second.listStores());
        LOOM_VERIFY_OK(remembered);
        QVERIFY(std::any_of(remembered->result().begin(), remembered->result().end(),
                            [this](const StoreInfo &s) { return s.id == store; }));
        LOOM_VERIFY_OK(await(second.forgetStore(store)));
    }
};

QTEST_GUILESS_MAIN(TestLegacy)
#include "tst_legacy.moc"
