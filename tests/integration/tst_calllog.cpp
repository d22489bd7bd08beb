// The call log (issue 16 item 1) against the real daemon A: a session of every kind of call
// (unary, bulk create, Listen, a write transaction, GetToken) is written by the core itself, one
// record per call with its store, shape, duration and result; the store key and the token appear
// in no record; entity bodies only when asked for.
#include "testdaemon.h"

#include "calllog.h"
#include "identity.h"
#include "subscription.h"
#include "threadsclient.h"
#include "transaction.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace loom;
using loom::test::await;

namespace {

QByteArray schema()
{
    return R"({"type": "object", "properties": {"_id": {"type": "string"}, "name": {"type": "string"}, "age": {"type": "integer"}}})";
}

// Every text of every record, for grepping.
QString allText(const QList<CallRecord> &records)
{
    QStringList lines;
    for (const CallRecord &r : records)
        lines << r.toLine() << r.store << r.request << r.result;
    return lines.join(u'\n');
}

const CallRecord *lastOf(const QList<CallRecord> &records, const QString &operation)
{
    for (auto it = records.crbegin(); it != records.crend(); ++it)
        if (it->operation == operation)
            return &*it;
    return nullptr;
}

} // namespace

class TestCallLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { LOOM_REQUIRE_FIXTURE(); }

    void aSessionIsLoggedWithoutSecrets()
    {
        CallLog log;
        QSignalSpy recorded(&log, &CallLog::recorded);
        ThreadsClient client(loom::test::fixtureDaemon(u"A"_s));
        client.setCallLog(&log);

        // A token, so that calls carry one (it must never be in the log).
        auto token = await(client.getToken(Identity::generate()));
        LOOM_VERIFY_OK(token);
        client.setToken(token->result());

        auto created = await(client.newStore(loom::test::uniqueName("calllog"), {{u"People"_s, schema(), {}, {}, {}}}));
        LOOM_VERIFY_OK(created);
        const StoreId store = created->result();
        auto info = await(client.storeInfo(store));
        LOOM_VERIFY_OK(info);
        const QString key = info->result().key.toString();
        QVERIFY(key.size() > 20);

        auto ids = await(client.create(store, u"People"_s,
                                       {QJsonObject{{u"name"_s, u"Ann"_s}, {u"age"_s, 31}},
                                        QJsonObject{{u"name"_s, u"Bob"_s}, {u"age"_s, 40}},
                                        QJsonObject{{u"_id"_s, u"cara"_s}, {u"name"_s, u"Cara"_s}, {u"age"_s, 22}}}));
        LOOM_VERIFY_OK(ids);
        auto found = await(client.find(store, u"People"_s, Query::where(u"age"_s, Op::Gt, 30)));
        LOOM_VERIFY_OK(found);
        QCOMPARE(found->result().size(), 2);
        LOOM_VERIFY_OK(await(client.has(store, u"People"_s, {u"cara"_s})));
        LOOM_VERIFY_OK(await(client.findById(store, u"People"_s, u"cara"_s)));
        auto bad = await(client.create(store, u"People"_s, {QJsonObject{{u"name"_s, 7}}}));
        QVERIFY(!bad->ok());
        auto bulk = await(client.createEntities(store, u"People"_s,
                                                {QJsonObject{{u"name"_s, u"D"_s}}, QJsonObject{{u"name"_s, u"E"_s}}}, 1, 2));
        LOOM_VERIFY_OK(bulk);

        Subscription *listen = client.listen(store);
        QTRY_VERIFY(lastOf(log.records(), u"Listen"_s));
        Transaction *txn = client.writeTransaction(store, u"People"_s);
        auto inTxn = await(txn->create({QJsonObject{{u"name"_s, u"F"_s}}}));
        LOOM_VERIFY_OK(inTxn);
        LOOM_VERIFY_OK(await(txn->commit()));
        listen->stop();
        QTRY_VERIFY(log.records().size() >= 13);

        const QList<CallRecord> records = log.records();
        // One record per call, in the order they ended (the serials count up).
        for (qsizetype i = 1; i < records.size(); ++i)
            QCOMPARE(records[i].serial, records[i - 1].serial + 1);
        QTRY_VERIFY(recorded.size() >= records.size()); // and each was announced on this thread

        const CallRecord *getToken = lastOf(records, u"GetToken"_s);
        QVERIFY(getToken && getToken->ok);
        const CallRecord *newDb = lastOf(records, u"NewDB"_s);
        QVERIFY(newDb && newDb->ok);
        QCOMPARE(newDb->store, store.toString());
        QVERIFY2(newDb->request.contains(u"collections=[People]"_s), qPrintable(newDb->request));
        const CallRecord *getInfo = lastOf(records, u"GetDBInfo"_s);
        QVERIFY(getInfo && getInfo->result.contains(u"addresses"_s));

        const CallRecord *find = lastOf(records, u"Find"_s);
        QVERIFY(find && find->ok);
        QCOMPARE(find->store, store.toString());
        QVERIFY2(find->request.contains(u"collection=People"_s) && find->request.contains(u"\"fieldPath\":\"age\""_s),
                 qPrintable(find->request));
        QVERIFY2(find->result.startsWith(u"2 entities"_s), qPrintable(find->result));
        QVERIFY(find->durationUs > 0);
        QVERIFY(find->started.isValid());
        QCOMPARE(find->endpoint, loom::test::fixtureDaemon(u"A"_s).endpoint());

        // Creates: three entities, by count and size, with the one id given; the refused one.
        QList<const CallRecord *> creates;
        for (const CallRecord &r : records)
            if (r.operation == u"Create"_s)
                creates << &r;
        QCOMPARE(creates.size(), 4); // 3 at once, the refused one, 2 batches of 1
        QVERIFY2(creates[0]->request.contains(u"3 entities"_s) && creates[0]->request.contains(u"ids=[cara]"_s),
                 qPrintable(creates[0]->request));
        QVERIFY2(creates[0]->result.startsWith(u"3 ids"_s), qPrintable(creates[0]->result));
        QVERIFY(!creates[1]->ok);
        QVERIFY(!creates[1]->result.isEmpty());
        QVERIFY(lastOf(records, u"Has"_s)->result == u"exists"_s);
        QVERIFY(lastOf(records, u"FindByID"_s)->request.contains(u"id=cara"_s));
        QVERIFY(lastOf(records, u"WriteTransaction/Create"_s));
        QVERIFY(lastOf(records, u"WriteTransaction/StartTransaction"_s));

        // Listen: opened, then closed by us, with the events it brought.
        QTRY_VERIFY(lastOf(log.records(), u"Listen"_s)->result.contains(u"closed by Loom"_s));

        // No body (the names are not there), no key, no token.
        const QString text = allText(log.records());
        QVERIFY(!text.contains(u"Ann"_s));
        QVERIFY2(!text.contains(key), "the store key is in the call log");
        QVERIFY2(!text.contains(token->result()), "the token is in the call log");
        QVERIFY(!text.contains(key.left(16)));
    }

    void bodiesWhenAskedNeverKeys()
    {
        CallLog log;
        log.setShowBodies(true);
        ThreadsClient client(loom::test::fixtureDaemon(u"A"_s));
        client.setCallLog(&log);
        auto created = await(client.newStore(loom::test::uniqueName("calllog"), {{u"People"_s, schema(), {}, {}, {}}}));
        LOOM_VERIFY_OK(created);
        LOOM_VERIFY_OK(await(client.create(created->result(), u"People"_s, {QJsonObject{{u"name"_s, u"Zoe"_s}}})));
        auto info = await(client.storeInfo(created->result()));
        LOOM_VERIFY_OK(info);
        auto found = await(client.find(created->result(), u"People"_s, Query()));
        LOOM_VERIFY_OK(found);
        const QList<CallRecord> records = log.records();
        QVERIFY2(lastOf(records, u"Create"_s)->request.contains(u"\"name\":\"Zoe\""_s),
                 qPrintable(lastOf(records, u"Create"_s)->request));
        QVERIFY(lastOf(records, u"Find"_s)->result.contains(u"Zoe"_s));
        QVERIFY(!allText(records).contains(info->result().key.toString()));

        // The capacity holds: the oldest go first.
        log.setCapacity(2);
        QCOMPARE(log.records().size(), 2);
        QCOMPARE(log.records().last().operation, u"Find"_s);
    }
};

QTEST_GUILESS_MAIN(TestCallLog)
#include "tst_calllog.moc"
