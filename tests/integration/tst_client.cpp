// Every RPC of the client core against the real threadsd of the fixture (daemon A).
#include "testdaemon.h"

#include "identity.h"
#include "subscription.h"
#include "threadsclient.h"
#include "transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace loom;
using loom::test::await;

namespace {

QByteArray personSchema()
{
    // One line: moc does not read multi-line raw strings.
    return R"({"$schema": "http://json-schema.org/draft-04/schema#", "title": "Person", "type": "object", "properties": {"_id": {"type": "string"}, "_mod": {"type": "integer"}, "name": {"type": "string"}, "age": {"type": "integer", "minimum": 1}, "address": {"type": "object", "properties": {"city": {"type": "string"}}}}, "required": ["name"]})";
}


} // namespace

class TestClient : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ThreadsClient> client;
    StoreId store;
    const QString people = u"People"_s;

    QStringList createPeople(const QList<Instance> &list)
    {
        auto reply = await(client->create(store, people, list));
        if (!reply->ok())
            qWarning() << reply->error().toString();
        return reply->result();
    }

private Q_SLOTS:
    void initTestCase()
    {
        LOOM_REQUIRE_FIXTURE();
        client = std::make_unique<ThreadsClient>(loom::test::fixtureDaemon(u"A"_s));
        auto reply = await(client->newStore(loom::test::uniqueName("client"), {{people, personSchema(), {{u"name"_s, false}}, {}, {}}}));
        LOOM_VERIFY_OK(reply);
        store = reply->result();
        QVERIFY(store.isValid());
    }

    void ping()
    {
        auto reply = await(client->ping());
        LOOM_VERIFY_OK(reply);
    }

    void listAndInfo()
    {
        auto list = await(client->listStores());
        LOOM_VERIFY_OK(list);
        const auto it = std::find_if(list->result().begin(), list->result().end(),
                                     [this](const StoreInfo &s) { return s.id == store; });
        QVERIFY(it != list->result().end());
        QVERIFY(it->name.startsWith(u"client-"_s));

        auto info = await(client->storeInfo(store));
        LOOM_VERIFY_OK(info);
        QCOMPARE(info->result().id, store);
        QCOMPARE(info->result().name, it->name);
        QVERIFY(info->result().key.hasReadKey());
        QVERIFY(!info->result().addresses.isEmpty());
        for (const Multiaddr &addr : info->result().addresses) {
            QCOMPARE(addr.storeId().value_or(StoreId()), store);
            QVERIFY(!addr.peerId().isEmpty());
        }
        // Invitation links parse back to the same store and key.
        const auto links = InviteLink::fromStoreInfo(info->result().addresses, info->result().key);
        QCOMPARE(links.size(), info->result().addresses.size());
        QString why;
        const auto parsed = InviteLink::parse(links.first().toString(), &why);
        QVERIFY2(parsed, qPrintable(why));
        QCOMPARE(parsed->storeId(), store);
        QCOMPARE(parsed->key(), info->result().key);
    }

    void collections()
    {
        auto list = await(client->listCollections(store));
        LOOM_VERIFY_OK(list);
        QCOMPARE(list->result().size(), 1);
        QCOMPARE(list->result().first().name, people);
        QCOMPARE(list->result().first().indexes, (QList<IndexSpec>{{u"name"_s, false}}));

        const QString pets = u"Pets"_s;
        const QByteArray petSchema = R"({"type":"object","properties":{"_id":{"type":"string"},"kind":{"type":"string"}}})";
        LOOM_VERIFY_OK(await(client->newCollection(store, {pets, petSchema, {}, {}, {}})));

        auto dup = await(client->newCollection(store, {pets, petSchema, {}, {}, {}}));
        QVERIFY(dup->isFinished());
        QCOMPARE(dup->error().kind(), ErrorKind::AlreadyExists);

        // Update: add a property and an index, and see GetCollectionInfo change.
        const QByteArray updated = R"({"type":"object","properties":{"_id":{"type":"string"},"kind":{"type":"string"},"legs":{"type":"integer"}}})";
        LOOM_VERIFY_OK(await(client->updateCollection(store, {pets, updated, {{u"kind"_s, true}}, {}, {}})));
        auto info = await(client->collectionInfo(store, pets));
        LOOM_VERIFY_OK(info);
        const QJsonObject schema = QJsonDocument::fromJson(info->result().schema).object();
        QVERIFY(schema[u"properties"_s].toObject().contains(u"legs"_s));
        QCOMPARE(info->result().indexes, (QList<IndexSpec>{{u"kind"_s, true}}));

        auto indexes = await(client->collectionIndexes(store, pets));
        LOOM_VERIFY_OK(indexes);
        QCOMPARE(indexes->result(), (QList<IndexSpec>{{u"kind"_s, true}}));

        LOOM_VERIFY_OK(await(client->deleteCollection(store, pets)));
        auto gone = await(client->collectionInfo(store, pets));
        QCOMPARE(gone->error().kind(), ErrorKind::CollectionNotFound);
    }

    void badSchemaRefusedBeforeSending()
    {
        // No _id property: refused by the core with a clear message, nothing sent.
        auto reply = await(client->newCollection(store, {u"Bad"_s, R"({"type":"object","properties":{}})", {}, {}, {}}));
        QCOMPARE(reply->error().kind(), ErrorKind::BadSchema);
        QCOMPARE(reply->error().grpcCode(), -1);
        QVERIFY2(reply->error().message().contains(u"_id"_s), qPrintable(reply->error().message()));
        auto bad = await(client->newCollection(store, {u"Bad"_s, "{not json", {}, {}, {}}));
        QCOMPARE(bad->error().kind(), ErrorKind::BadSchema);
        auto badName = await(client->newCollection(store, {u"bad name"_s, personSchema(), {}, {}, {}}));
        QCOMPARE(badName->error().kind(), ErrorKind::InvalidInput);
    }

    void entityLifecycle()
    {
        const QStringList ids = createPeople({QJsonObject{{u"name"_s, u"Ann"_s}, {u"age"_s, 31}}});
        QCOMPARE(ids.size(), 1);
        const QString id = ids.first();
        QCOMPARE(id.size(), 26); // a ULID

        auto found = await(client->find(store, people, Query::where(u"name"_s, Op::Eq, u"Ann"_s)));
        LOOM_VERIFY_OK(found);
        QCOMPARE(found->result().size(), 1);
        Instance ann = found->result().first();
        QCOMPARE(ann[u"_id"_s].toString(), id);
        QVERIFY(ann[u"_mod"_s].toInteger() > 1'600'000'000'000'000'000LL); // ns since 1970, exact

        ann[u"age"_s] = 32;
        ann[u"address"_s] = QJsonObject{{u"city"_s, u"Lyon"_s}};
        LOOM_VERIFY_OK(await(client->verify(store, people, {ann})));
        LOOM_VERIFY_OK(await(client->save(store, people, {ann})));

        auto byId = await(client->findById(store, people, id));
        LOOM_VERIFY_OK(byId);
        QCOMPARE(byId->result()[u"age"_s].toInt(), 32);
        QCOMPARE(byId->result()[u"address"_s].toObject()[u"city"_s].toString(), u"Lyon"_s);

        auto has = await(client->has(store, people, {id}));
        LOOM_VERIFY_OK(has);
        QVERIFY(has->result());

        LOOM_VERIFY_OK(await(client->remove(store, people, {id})));
        auto hasNot = await(client->has(store, people, {id}));
        LOOM_VERIFY_OK(hasNot);
        QVERIFY(!hasNot->result());

        auto missing = await(client->findById(store, people, id));
        QCOMPARE(missing->error().kind(), ErrorKind::InstanceNotFound);
    }

    void deleteManySkipsNothing()
    {
        // The daemon's own Delete stops at the first missing id; the core's does not.
        const QStringList ids = createPeople({QJsonObject{{u"name"_s, u"D1"_s}}, QJsonObject{{u"name"_s, u"D2"_s}}});
        QCOMPARE(ids.size(), 2);
        LOOM_VERIFY_OK(await(client->remove(store, people, {ids[0], u"01nonexistent0000000000000"_s, ids[1]})));
        auto has0 = await(client->has(store, people, {ids[0]}));
        auto has1 = await(client->has(store, people, {ids[1]}));
        QVERIFY(!has0->result());
        QVERIFY(!has1->result());
    }

    void schemaViolationIsClear()
    {
        auto reply = await(client->create(store, people, {QJsonObject{{u"name"_s, u"Bob"_s}, {u"age"_s, u"old"_s}}}));
        QVERIFY(reply->isFinished());
        QCOMPARE(reply->error().kind(), ErrorKind::SchemaViolation);
        QVERIFY2(reply->error().message().contains(u"age"_s), qPrintable(reply->error().message()));
        QCOMPARE(reply->error().grpcCode(), 2);
    }

    void queries()
    {
        QList<Instance> batch;
        for (int i = 1; i <= 12; ++i)
            batch.append(QJsonObject{{u"name"_s, u"Q%1"_s.arg(i, 2, 10, QChar(u'0'))}, {u"age"_s, i}});
        QCOMPARE(createPeople(batch).size(), 12);

        auto older = await(client->find(store, people,
                                         Query::where(u"age"_s, Op::Gt, 9).andWhere(u"name"_s, Op::Ne, u"Q11"_s)));
        LOOM_VERIFY_OK(older);
        QStringList names;
        for (const Instance &i : older->result())
            names << i[u"name"_s].toString();
        names.sort();
        QCOMPARE(names, (QStringList{u"Q10"_s, u"Q12"_s}));

        // A sort on a non-_id field is applied to the page, descending.
        auto sorted = await(client->find(store, people, Query::where(u"age"_s, Op::Le, 5).orderBy(u"age"_s, true)));
        LOOM_VERIFY_OK(sorted);
        QCOMPARE(sorted->result().size(), 5);
        QCOMPARE(sorted->result().first()[u"age"_s].toInt(), 5);
        QCOMPARE(sorted->result().last()[u"age"_s].toInt(), 1);

        // Paging with seek/skip/limit walks _id order without overlap.
        auto page1 = await(client->find(store, people, Query().withLimit(5)));
        LOOM_VERIFY_OK(page1);
        QCOMPARE(page1->result().size(), 5);
        const QString last = page1->result().last()[u"_id"_s].toString();
        auto page2 = await(client->find(store, people, Query().seekTo(last).withSkip(1).withLimit(5)));
        LOOM_VERIFY_OK(page2);
        QCOMPARE(page2->result().size(), 5);
        QVERIFY(page2->result().first()[u"_id"_s].toString() > last);

        // A skip without a limit is refused before sending (the daemon would return nothing).
        auto refused = await(client->find(store, people, Query().withSkip(3)));
        QCOMPARE(refused->error().kind(), ErrorKind::BadQuery);
        // A raw query with an operation the daemon would crash on is refused by the parser.
        QString why;
        QVERIFY(!Query::fromJson(R"({"ands":[{"fieldPath":"age","operation":9,"value":{"float":1}}]})", &why));
        QVERIFY(why.contains(u"operation"_s));
    }

    void createManyInBatches()
    {
        QList<Instance> many;
        for (int i = 0; i < 1200; ++i)
            many.append(QJsonObject{{u"name"_s, u"bulk-%1"_s.arg(i)}, {u"age"_s, 1 + i % 90}});
        auto reply = client->createMany(store, people, many, 250, 3);
        QSignalSpy progress(reply, &ReplyBase::progress);
        auto done = await(reply, 60000);
        LOOM_VERIFY_OK(done);
        QCOMPARE(done->result().size(), 1200);
        QCOMPARE(QSet<QString>(done->result().begin(), done->result().end()).size(), 1200);
        QVERIFY(progress.size() >= 4); // one per batch at least (signals may coalesce none)
        QCOMPARE(progress.last().at(0).toLongLong(), 1200);
        auto has = await(client->has(store, people, {done->result().first(), done->result().last()}));
        QVERIFY(has->result());
    }

    // Issue 12 item 3: 600 entities of 8 KiB (4.8 MB) in one createMany. 3 MiB batches were more
    // than the daemon's store takes in one transaction ("Txn is too big to fit into one request").
    void createManyFitsTheDaemonsTransactionLimit()
    {
        const QString blobs = u"Blobs"_s;
        const QByteArray schema = R"({"type":"object","properties":{"_id":{"type":"string"},"text":{"type":"string"},"n":{"type":"integer"}}})";
        LOOM_VERIFY_OK(await(client->newCollection(store, {blobs, schema, {}, {}, {}})));
        QList<Instance> many;
        const QString text(8192, u'b');
        for (int i = 0; i < 600; ++i)
            many.append(QJsonObject{{u"text"_s, text}, {u"n"_s, i}});
        auto done = await(client->createMany(store, blobs, many), 120000);
        LOOM_VERIFY_OK(done);
        QCOMPARE(done->result().size(), 600);
    }

    // Issue 12 item 3: a batch refused in the middle (batch 3 of 5) leaves the batches before it
    // stored; the result says exactly which (ids, positions) and how many were not stored.
    void createEntitiesReportsWhatWasStored()
    {
        const QString tagged = u"Tagged"_s;
        const QByteArray schema = R"({"type":"object","properties":{"_id":{"type":"string"},"tag":{"type":"string"},"n":{"type":"integer"}}})";
        LOOM_VERIFY_OK(await(client->newCollection(store, {tagged, schema, {}, {}, {}})));
        for (const int inFlight : {1, 4}) {
            const QString tag = u"mid-%1"_s.arg(inFlight);
            QList<Instance> many;
            for (int i = 0; i < 500; ++i)
                many.append(QJsonObject{{u"tag"_s, tag}, {u"n"_s, i == 250 ? QJsonValue(u"x"_s) : QJsonValue(i)}}); // 250: batch 3
            auto reply = await(client->createEntities(store, tagged, many, 100, inFlight), 60000);
            QVERIFY(reply->isFinished());
            QCOMPARE(reply->error().kind(), ErrorKind::SchemaViolation);
            const BulkCreateResult &result = reply->result();
            QCOMPARE(result.total, 500);
            QCOMPARE(result.batches.size(), 5);
            QCOMPARE(result.batches[2].status, BatchOutcome::NotStored);
            QCOMPARE(result.batches[2].first, 200);
            QCOMPARE(result.count(BatchOutcome::Unknown), 0);
            QCOMPARE(result.count(BatchOutcome::Stored) + result.count(BatchOutcome::NotStored), 500);
            QCOMPARE(result.batches[0].status, BatchOutcome::Stored);
            QCOMPARE(result.batches[1].status, BatchOutcome::Stored);
            if (inFlight == 1) { // in order: nothing after the refused batch was sent
                QCOMPARE(result.count(BatchOutcome::Stored), 200);
                QCOMPARE(result.count(BatchOutcome::NotStored), 300);
            }
            // Exactly the reported entities are on the daemon.
            const QStringList ids = result.storedIds();
            QCOMPARE(ids.size(), result.count(BatchOutcome::Stored));
            for (const BatchOutcome &b : result.batches)
                QCOMPARE(b.ids.size(), b.status == BatchOutcome::Stored ? b.count : 0);
            auto found = await(client->find(store, tagged, Query::where(u"tag"_s, Op::Eq, tag)));
            LOOM_VERIFY_OK(found);
            QStringList onDaemon;
            for (const Instance &e : found->result())
                onDaemon << e.value(u"_id"_s).toString();
            onDaemon.sort();
            QStringList reported = ids;
            reported.sort();
            QCOMPARE(onDaemon, reported);

            // createMany: the same stored ids alongside the error.
            for (QJsonObject &e : many)
                e[u"tag"_s] = QString(tag + u"-m"_s);
            auto ids2 = await(client->createMany(store, tagged, many, 100, 1), 60000);
            QCOMPARE(ids2->error().kind(), ErrorKind::SchemaViolation);
            QCOMPARE(ids2->result().size(), 200);
        }
    }

    void writeTransactionCommitsAtomically()
    {
        Transaction *txn = client->writeTransaction(store, people, this);
        QSignalSpy finished(txn, &Transaction::finished);
        auto created = await(txn->create({QJsonObject{{u"name"_s, u"T1"_s}}, QJsonObject{{u"name"_s, u"T2"_s}}}));
        LOOM_VERIFY_OK(created);
        QCOMPARE(created->result().size(), 2);
        // Reads inside see the stored state, not the transaction's own creates.
        auto inside = await(txn->has(created->result()));
        LOOM_VERIFY_OK(inside);
        QVERIFY(!inside->result());
        auto outside = await(client->has(store, people, created->result()), 1);
        // (the store is locked by the open write transaction: the outside call waits)
        auto commit = await(txn->commit());
        LOOM_VERIFY_OK(commit);
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(!finished.first().first().value<Error>().isError());
        auto after = await(client->has(store, people, created->result()));
        LOOM_VERIFY_OK(after);
        QVERIFY(after->result());
        QSignalSpy outsideDone(outside.get(), &ReplyBase::finished);
        if (!outside->isFinished())
            QVERIFY(outsideDone.wait(10000));
        LOOM_VERIFY_OK(outside);
        QVERIFY(outside->result());
        delete txn;
    }

    void discardedTransactionLeavesNothing()
    {
        std::unique_ptr<Transaction> txn(client->writeTransaction(store, people));
        auto created = await(txn->create({QJsonObject{{u"name"_s, u"Gone"_s}}}));
        LOOM_VERIFY_OK(created);
        LOOM_VERIFY_OK(await(txn->discard()));
        LOOM_VERIFY_OK(await(txn->commit()));
        auto has = await(client->has(store, people, created->result()));
        LOOM_VERIFY_OK(has);
        QVERIFY(!has->result());
    }

    void transactionErrorsKeepTheStream()
    {
        std::unique_ptr<Transaction> txn(client->writeTransaction(store, people));
        auto bad = await(txn->create({QJsonObject{{u"age"_s, 3}}})); // "name" is required
        QCOMPARE(bad->error().kind(), ErrorKind::SchemaViolation);
        auto good = await(txn->create({QJsonObject{{u"name"_s, u"AfterError"_s}}}));
        LOOM_VERIFY_OK(good);
        LOOM_VERIFY_OK(await(txn->commit()));
        auto has = await(client->has(store, people, good->result()));
        QVERIFY(has->result());
    }

    void readTransaction()
    {
        const QStringList ids = createPeople({QJsonObject{{u"name"_s, u"R1"_s}}});
        std::unique_ptr<Transaction> txn(client->readTransaction(store, people));
        auto has = await(txn->has(ids));
        LOOM_VERIFY_OK(has);
        QVERIFY(has->result());
        auto byId = await(txn->findById(ids.first()));
        LOOM_VERIFY_OK(byId);
        QCOMPARE(byId->result()[u"name"_s].toString(), u"R1"_s);
        auto found = await(txn->find(Query::where(u"name"_s, Op::Eq, u"R1"_s)));
        LOOM_VERIFY_OK(found);
        QCOMPARE(found->result().size(), 1);
        auto write = await(txn->create({QJsonObject{{u"name"_s, u"no"_s}}}));
        QCOMPARE(write->error().kind(), ErrorKind::InvalidInput);
        LOOM_VERIFY_OK(await(txn->commit()));
    }

    void listenSeesChanges()
    {
        Subscription *sub = client->listen(store, {{people, {}, ListenFilter::All}}, this);
        QList<ChangeEvent> events;
        connect(sub, &Subscription::changes, this, [&events](const QList<ChangeEvent> &batch) { events += batch; });
        // The daemon sends nothing until the first change, so nobody can tell when the
        // subscription is registered: make a change, and another if none arrived yet.
        QStringList created;
        for (int attempt = 0; attempt < 20 && events.isEmpty(); ++attempt) {
            created += createPeople({QJsonObject{{u"name"_s, u"L%1"_s.arg(attempt)}}});
            if (QTest::qWaitFor([&events] { return !events.isEmpty(); }, 500))
                break;
        }
        QVERIFY(!events.isEmpty());
        QCOMPARE(events.first().action, ChangeAction::Create);
        QCOMPARE(events.first().collection, people);
        QVERIFY(created.contains(events.first().instanceId));
        QCOMPARE(events.first().instance[u"_id"_s].toString(), events.first().instanceId);

        events.clear();
        Instance changed = QJsonObject{{u"_id"_s, created.last()}, {u"name"_s, u"Changed"_s}};
        LOOM_VERIFY_OK(await(client->save(store, people, {changed})));
        QTRY_VERIFY_WITH_TIMEOUT(!events.isEmpty(), 10000);
        QCOMPARE(events.last().action, ChangeAction::Save);
        QCOMPARE(events.last().instanceId, created.last());
        QCOMPARE(events.last().instance[u"name"_s].toString(), u"Changed"_s);

        events.clear();
        LOOM_VERIFY_OK(await(client->remove(store, people, {created.last()})));
        QTRY_VERIFY_WITH_TIMEOUT(!events.isEmpty(), 10000);
        QCOMPARE(events.last().action, ChangeAction::Delete);
        QCOMPARE(events.last().instanceId, created.last());
        QVERIFY(events.last().instance.isEmpty());

        QSignalSpy ended(sub, &Subscription::ended);
        sub->stop();
        QCOMPARE(sub->state(), Subscription::Stopped);
        QCOMPARE(ended.size(), 1);
        delete sub;
    }

    void token()
    {
        const Identity identity = Identity::generate();
        QVERIFY(identity.publicKeyText().startsWith(u"bbaarei"_s));
        auto reply = await(client->getToken(identity));
        LOOM_VERIFY_OK(reply);
        const QString token = reply->result();
        QCOMPARE(token.count(u'.'), 2); // a JWT
        // Calls with the token work; a forged one is refused with a clear error.
        ThreadsClient withToken(client->settings());
        withToken.setToken(token);
        LOOM_VERIFY_OK(await(withToken.has(store, people, {})));
        ThreadsClient forged(client->settings());
        forged.setToken(u"eyJhbGciOiJFZDI1NTE5In0.eyJzdWIiOiJ4In0.c2ln"_s);
        auto refused = await(forged.has(store, people, {}));
        QCOMPARE(refused->error().kind(), ErrorKind::Unauthenticated);
        QVERIFY(!refused->error().toString().contains(u"c2ln"_s));
    }

    void cancelCancels()
    {
        auto *reply = client->listStores();
        reply->cancel();
        auto done = await(reply);
        QVERIFY(done->isFinished());
        // Either it was cancelled in flight, or it had already finished: never a hang.
        QVERIFY(done->ok() || done->error().kind() == ErrorKind::Cancelled);
    }

    void deleteStore()
    {
        auto reply = await(client->newStore(loom::test::uniqueName("gone")));
        LOOM_VERIFY_OK(reply);
        LOOM_VERIFY_OK(await(client->deleteStore(reply->result())));
        auto info = await(client->storeInfo(reply->result()));
        QCOMPARE(info->error().kind(), ErrorKind::StoreNotFound);
    }
};

QTEST_GUILESS_MAIN(TestClient)
#include "tst_client.moc"
