// Joining a store across daemons: create on A, invite, join on B, and see A's changes on B.
#include "testdaemon.h"

#include "subscription.h"
#include "threadsclient.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace loom;
using loom::test::await;

class TestTwoDaemons : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ThreadsClient> a;
    std::unique_ptr<ThreadsClient> b;

private Q_SLOTS:
    void initTestCase()
    {
        LOOM_REQUIRE_FIXTURE();
        a = std::make_unique<ThreadsClient>(loom::test::fixtureDaemon(u"A"_s));
        b = std::make_unique<ThreadsClient>(loom::test::fixtureDaemon(u"B"_s));
        QVERIFY(a->settings().port != b->settings().port);
    }

    void joinFromLinkAndReplicate()
    {
        const QByteArray schema = R"({"type":"object","properties":{"_id":{"type":"string"},"text":{"type":"string"}}})";
        const CollectionConfig notes{u"Notes"_s, schema, {}, {}, {}};
        auto created = await(a->newStore(u"shared-"_s + QString::number(QRandomGenerator::global()->bounded(100000)), {notes}));
        LOOM_VERIFY_OK(created);
        const StoreId store = created->result();

        // The inviter's side: its links (one per address) and its collection configs.
        auto info = await(a->storeInfo(store));
        LOOM_VERIFY_OK(info);
        const QList<InviteLink> links = InviteLink::fromStoreInfo(info->result().addresses, info->result().key);
        QVERIFY(!links.isEmpty());
        const auto loopback = std::find_if(links.begin(), links.end(), [](const InviteLink &l) {
            return l.address().scope() == Multiaddr::Scope::Loopback;
        });
        QVERIFY(loopback != links.end());
        QString why;
        const auto link = InviteLink::parse(loopback->toString(), &why); // as a user would paste it
        QVERIFY2(link, qPrintable(why));
        auto configs = await(a->listCollections(store));
        LOOM_VERIFY_OK(configs);

        auto joined = await(b->joinStore(*link, configs->result(), u"joined"_s, true), 30000);
        LOOM_VERIFY_OK(joined);
        QCOMPARE(joined->result(), store);

        auto listed = await(b->listStores());
        LOOM_VERIFY_OK(listed);
        QVERIFY(std::any_of(listed->result().begin(), listed->result().end(),
                            [&](const StoreInfo &s) { return s.id == store && s.name == u"joined"_s; }));
        auto bCollections = await(b->listCollections(store));
        LOOM_VERIFY_OK(bCollections);
        QCOMPARE(bCollections->result().size(), 1);
        QCOMPARE(bCollections->result().first().name, u"Notes"_s);

        // Joining the same store twice is refused in words.
        auto again = await(b->joinStore(*link, configs->result()), 30000);
        QCOMPARE(again->error().kind(), ErrorKind::AlreadyExists);

        // A change on A reaches B: poll B's Find, bounded (replication pushes, or pulls every 10 s).
        auto ids = await(a->create(store, u"Notes"_s, {QJsonObject{{u"text"_s, u"hello from A"_s}}}));
        LOOM_VERIFY_OK(ids);
        const QString id = ids->result().first();
        bool seen = false;
        QElapsedTimer clock;
        clock.start();
        while (!seen && clock.elapsed() < 45000) {
            auto found = await(b->findById(store, u"Notes"_s, id));
            seen = found->ok() && found->result()[u"text"_s].toString() == u"hello from A"_s;
            if (!seen)
                QTest::qWait(250); // between polls of a bounded wait for replication
        }
        QVERIFY2(seen, "the entity created on A did not reach B within 45 s");
    }

    void joinRefusesBadInput()
    {
        // A link to a store that A does not have: B dials A, which answers that it has no such thread.
        auto info = await(a->newStore());
        LOOM_VERIFY_OK(info);
        auto details = await(a->storeInfo(info->result()));
        LOOM_VERIFY_OK(details);
        const auto links = InviteLink::fromStoreInfo(details->result().addresses, details->result().key);
        QVERIFY(!links.isEmpty());
        // A key without its read part cannot join.
        auto serviceOnly = StoreKey::fromBinary(details->result().key.serviceKey());
        QVERIFY(serviceOnly);
        auto refused = await(b->joinStore(InviteLink(links.first().address(), *serviceOnly)));
        QCOMPARE(refused->error().kind(), ErrorKind::InvalidInput);
        QCOMPARE(refused->error().grpcCode(), -1);
    }
};

QTEST_GUILESS_MAIN(TestTwoDaemons)
#include "tst_twodaemons.moc"
