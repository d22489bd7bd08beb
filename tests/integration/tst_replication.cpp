// Replication you can see (issue 15), against real daemons: the fixture's A and B plus a daemon of
// the test's own (C, stopped and restarted on the same repo). The net API's GetThread/PullThread
// through NetClient, compareReplication's verdicts as the daemons really move, joins that try
// several addresses, and no key in any output (the call log is checked against the secrets that a
// raw GetThread returns).
#include "testdaemon.h"

#include "calllog.h"
#include "encoding.h"
#include "joinattempts.h"
#include "netclient.h"
#include "replication.h"
#include "threadsclient.h"

#include "threadsnet.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace loom;
using loom::test::await;

namespace {

const QByteArray kSchema = R"({"type":"object","properties":{"_id":{"type":"string"},"n":{"type":"integer"}}})";

QList<Instance> entities(int count, int from = 0)
{
    QList<Instance> list;
    for (int i = 0; i < count; ++i)
        list << Instance{{u"n"_s, from + i}};
    return list;
}

// Every text form a secret could take in output.
QStringList textForms(const QByteArray &secret)
{
    return {encoding::toHex(secret), encoding::toBase32(secret), encoding::toBase58(secret),
            encoding::toBase64(secret), encoding::toBase64(secret, encoding::Base64Variant::Url),
            encoding::multibaseEncode(secret, u'b')};
}

} // namespace

class TestReplicationNet : public QObject
{
    Q_OBJECT

private:
    CallLog callLog;
    std::unique_ptr<ThreadsClient> a, b, c;
    std::unique_ptr<NetClient> netA, netB, netC;
    loom::test::TestDaemon daemonC;
    StoreId store;
    QList<InviteLink> links;     // A's links for the store
    QList<QByteArray> secrets;   // the thread key and A's log private key, from a raw GetThread

    ThreadState state(NetClient &net)
    {
        auto r = await(net.threadState(store));
        if (!r->ok())
            qWarning("threadState: %s", qPrintable(r->error().toString()));
        return r->ok() ? r->result() : ThreadState();
    }
    ReplicationReport compare(QList<NetClient *> nets)
    {
        QList<ThreadState> states;
        for (NetClient *n : nets)
            states << state(*n);
        return compareReplication(states);
    }
    // The row of A's own log in a report over (A, …).
    static int rowOfOwner(const ReplicationReport &r, int daemon)
    {
        for (int i = 0; i < r.ownerDaemon.size(); ++i)
            if (r.ownerDaemon[i] == daemon && r.cells[i][daemon].counter > 0)
                return i;
        return -1;
    }
    bool writeOnA(int count, int from)
    {
        auto r = await(a->createMany(store, u"Items"_s, entities(count, from), 10));
        return r->ok() && r->result().size() == count;
    }

private Q_SLOTS:
    void initTestCase()
    {
        LOOM_REQUIRE_FIXTURE();
        QString why;
        QVERIFY2(daemonC.start(&why), qPrintable(why));
        a = std::make_unique<ThreadsClient>(loom::test::fixtureDaemon(u"A"_s));
        b = std::make_unique<ThreadsClient>(loom::test::fixtureDaemon(u"B"_s));
        c = std::make_unique<ThreadsClient>(daemonC.settings());
        for (ThreadsClient *cl : {a.get(), b.get(), c.get()})
            cl->setCallLog(&callLog);
        netA = std::make_unique<NetClient>(a.get());
        netB = std::make_unique<NetClient>(b.get());
        netC = std::make_unique<NetClient>(c.get());
    }

    void cleanupTestCase()
    {
        netA.reset(), netB.reset(), netC.reset();
        for (auto *cl : {a.get(), b.get(), c.get()})
            if (cl)
                cl->shutdown();
    }

    void hostIdsAndMissingStore()
    {
        auto ha = await(netA->hostId());
        auto hb = await(netB->hostId());
        LOOM_VERIFY_OK(ha);
        LOOM_VERIFY_OK(hb);
        QVERIFY2(ha->result().startsWith(u"12D3KooW"_s), qPrintable(ha->result()));
        QCOMPARE(ha->result().size(), 52);
        QVERIFY(ha->result() != hb->result());
        // A store no daemon holds: "thread not found" is an answer, not an error.
        auto missing = await(netA->threadState(StoreId::generate()));
        LOOM_VERIFY_OK(missing);
        QVERIFY(!missing->result().present);
        QCOMPARE(missing->result().hostPeerId, ha->result());
    }

    void createAndJoinThreeDaemons()
    {
        auto created = await(a->newStore(loom::test::uniqueName("repl"), {CollectionConfig{u"Items"_s, kSchema, {}, {}, {}}}));
        LOOM_VERIFY_OK(created);
        store = created->result();
        auto info = await(a->storeInfo(store));
        LOOM_VERIFY_OK(info);
        links = InviteLink::fromStoreInfo(info->result().addresses, info->result().key);
        QVERIFY(!links.isEmpty());

        // The secrets as the daemon hands them out, to look for them in every output later.
        auto channel = grpc::CreateChannel(a->endpoint().toStdString(), grpc::InsecureChannelCredentials());
        auto raw = threads::net::pb::API::NewStub(channel);
        grpc::ClientContext ctx;
        ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
        threads::net::pb::GetThreadRequest req;
        req.set_threadid(store.bytes().toStdString());
        threads::net::pb::ThreadInfoReply rep;
        QVERIFY(raw->GetThread(&ctx, req, &rep).ok());
        QCOMPARE(rep.threadkey().size(), size_t(64));
        secrets << QByteArray::fromStdString(rep.threadkey());
        for (const auto &l : rep.logs())
            if (!l.privkey().empty())
                secrets << QByteArray::fromStdString(l.privkey());
        QCOMPARE(secrets.size(), 2);

        // A alone: one own log, no record yet.
        ThreadState sa = state(*netA);
        QVERIFY(sa.present);
        QCOMPARE(sa.logs.size(), 1);
        QVERIFY(sa.logs[0].own);
        QVERIFY(!sa.addresses.isEmpty());
        QCOMPARE(sa.serviceKeyDigest.size(), 32);

        // B and C join with every link A has (loopback ones in the namespace).
        auto configs = await(a->listCollections(store));
        LOOM_VERIFY_OK(configs);
        for (ThreadsClient *joiner : {b.get(), c.get()}) {
            auto joined = await(joinFromAny(joiner, links, configs->result()), 60000);
            LOOM_VERIFY_OK(joined);
            QVERIFY(joined->result().joined());
            QCOMPARE(joined->result().store, store);
        }
        const auto r = compare({netA.get(), netB.get(), netC.get()});
        QCOMPARE(r.daemonCount, 3);
        QVERIFY(r.present.count(true) == 3);
        QVERIFY(!r.keysDiffer);
    }

    void writeThenPullIsInSyncAtOnce()
    {
        QVERIFY(store.isValid());
        QVERIFY(writeOnA(100, 0));
        // Whatever arrived already: the comparison is consistent with the counters.
        ReplicationReport r = compare({netA.get(), netB.get()});
        const int row = rowOfOwner(r, 0);
        QVERIFY(row >= 0);
        QCOMPARE(r.cells[row][0].counter, 10); // 100 entities in batches of 10: 10 records
        const LogCell &bCell = r.cells[row][1];
        QVERIFY2(bCell.verdict == LogVerdict::InSync || bCell.verdict == LogVerdict::Behind
                     || bCell.verdict == LogVerdict::NotYetSeen, qPrintable(bCell.text()));
        if (bCell.verdict == LogVerdict::Behind)
            QCOMPARE(bCell.behindBy, 10 - bCell.counter);
        // A pull on B: B holds every record of A's log when it returns.
        auto pulled = await(netB->pullThread(store), 30000);
        LOOM_VERIFY_OK(pulled);
        r = compare({netA.get(), netB.get()});
        QVERIFY2(r.inSync(), qPrintable(r.summary(1)));
        QCOMPARE(r.summary(1), u"in sync"_s);
        // And B really has the entities.
        auto found = await(b->find(store, u"Items"_s, Query()));
        LOOM_VERIFY_OK(found);
        QCOMPARE(found->result().size(), 100);
    }

    void restartedDaemonIsBehindThenCatchesUp()
    {
        QVERIFY(store.isValid());
        // C misses writes while it is stopped ...
        QVERIFY(daemonC.stop());
        QVERIFY(writeOnA(30, 100));
        QString why;
        QVERIFY2(daemonC.start(&why), qPrintable(why));
        // ... and right after it starts (it first pulls after about a second), it is behind on A's
        // log by the records it missed (or more: pushes to it may have been missed before).
        ReplicationReport r = compare({netA.get(), netC.get()});
        int row = rowOfOwner(r, 0);
        QVERIFY(row >= 0);
        QCOMPARE(r.cells[row][0].counter, 13);
        QCOMPARE(r.cells[row][1].verdict, LogVerdict::Behind);
        QVERIFY(r.cells[row][1].behindBy >= 3);
        QVERIFY(r.summary(1).startsWith(u"behind by "_s));
        QCOMPARE(r.behindTotal(1), r.cells[row][1].behindBy);
        // Without any pull from us: in sync within the daemon's pull interval (10 s; three of them
        // at most), waiting on the condition.
        QTRY_VERIFY_WITH_TIMEOUT(compare({netA.get(), netC.get()}).inSync(), 40000);

        // Again, and this time "Sync now": a pull on C makes it in sync at once.
        QVERIFY(daemonC.stop());
        QVERIFY(writeOnA(20, 130));
        QVERIFY2(daemonC.start(&why), qPrintable(why));
        r = compare({netA.get(), netC.get()});
        row = rowOfOwner(r, 0);
        QCOMPARE(r.cells[row][1].verdict, LogVerdict::Behind);
        auto pulled = await(netC->pullThread(store), 30000);
        LOOM_VERIFY_OK(pulled);
        r = compare({netA.get(), netC.get()});
        QVERIFY2(r.inSync(), qPrintable(r.summary(1)));
        QCOMPARE(r.cells[row][1].counter, 15);
    }

    void joinTriesEachAddressAndLogUnknownToOneSide()
    {
        QVERIFY(store.isValid());
        // C is stopped while a new daemon D joins and writes: C cannot have heard of D's log.
        QVERIFY(daemonC.stop());
        // D has never met A (a fresh repo); three links: two dead ports first.
        loom::test::TestDaemon d;
        QString why;
        QVERIFY2(d.start(&why), qPrintable(why));
        ThreadsClient joiner(d.settings());
        joiner.setCallLog(&callLog);
        const auto loopback = std::find_if(links.cbegin(), links.cend(), [](const InviteLink &l) {
            return l.address().scope() == Multiaddr::Scope::Loopback;
        });
        QVERIFY(loopback != links.cend());
        QList<InviteLink> three;
        for (int i = 0; i < 2; ++i) {
            const QString dead = u"/ip4/127.0.0.1/tcp/%1/p2p/%2/thread/%3"_s.arg(loom::test::freeLoopbackPort())
                                     .arg(loopback->address().peerId(), store.toString());
            three << InviteLink(*Multiaddr::fromString(dead), loopback->key());
        }
        three << *loopback;
        auto configs = await(a->listCollections(store));
        LOOM_VERIFY_OK(configs);
        auto joined = await(joinFromAny(&joiner, three, configs->result(), 8000), 60000);
        LOOM_VERIFY_OK(joined);
        const JoinReport report = joined->result();
        QCOMPARE(report.attempts.size(), 3);
        QCOMPARE(report.joinedIndex, 2);
        for (int i = 0; i < 2; ++i) {
            const JoinAttempt &at = report.attempts[i];
            QVERIFY2(at.outcome == JoinOutcome::Unreachable || at.outcome == JoinOutcome::TimedOut,
                     qPrintable(joinOutcomeText(at.outcome) + u": "_s + at.message));
            QVERIFY(!at.message.isEmpty());
            QCOMPARE(at.link.address().port(), three[i].address().port());
        }
        QCOMPARE(report.attempts[2].outcome, JoinOutcome::Joined);
        auto listed = await(joiner.storeInfo(store));
        LOOM_VERIFY_OK(listed);

        // D writes into its own log; C starts again: D's log is unknown to C ("not yet seen").
        auto written = await(joiner.createMany(store, u"Items"_s, entities(3, 1000), 10));
        LOOM_VERIFY_OK(written);
        QVERIFY2(daemonC.start(&why), qPrintable(why));
        NetClient netD(&joiner);
        const ThreadState sd = state(netD);
        // D writes into the log of its successful join; the failed attempts left own logs without
        // records behind (shown as "nothing to copy" elsewhere).
        const LogState *dLog = nullptr;
        int ownLogs = 0;
        for (const LogState &l : sd.logs) {
            ownLogs += l.own;
            if (l.own && l.counter > 0)
                dLog = &l;
        }
        QVERIFY(dLog);
        QVERIFY(ownLogs >= 1);
        QCOMPARE(dLog->counter, 1);
        ReplicationReport r = compareReplication({sd, state(*netC)});
        const int row = int(r.logIds.indexOf(dLog->id));
        QVERIFY(row >= 0);
        QCOMPARE(r.ownerDaemon[row], 0);
        QCOMPARE(r.cells[row][1].verdict, LogVerdict::NotYetSeen);
        QCOMPARE(r.cells[row][1].behindBy, 1);
        QCOMPARE(r.cells[row][1].text(), u"not yet seen (1 record)"_s);
        // Once C has pulled (from A, which D pushed to), the log is there, in sync.
        auto pulled = await(netC->pullThread(store), 30000);
        LOOM_VERIFY_OK(pulled);
        QTRY_VERIFY_WITH_TIMEOUT(compareReplication({state(netD), state(*netC), state(*netA)}).inSync(), 40000);
        const ThreadState sc = state(*netC);
        QVERIFY(sc.log(dLog->id));
        QCOMPARE(sc.log(dLog->id)->headText, dLog->headText);
        // The record itself: sizes of its blocks, from C.
        auto record = await(netC->record(store, dLog->head));
        LOOM_VERIFY_OK(record);
        QVERIFY(record->result().recordBytes > 0);
        QVERIFY(record->result().bodyBytes > 0);
        joiner.shutdown();
    }

    void keysNeverInTheCallLog()
    {
        QVERIFY(secrets.size() == 2);
        QStringList forms;
        for (const QByteArray &s : secrets) {
            forms << textForms(s);
            if (s.size() == 64)
                forms << textForms(s.left(32)) << textForms(s.mid(32));
            if (s.size() == 68)
                forms << textForms(s.mid(4)) << textForms(s.mid(4, 32));
        }
        for (const InviteLink &l : links)
            forms << l.key().toString() << l.toSeedString().section(u'?', 1);
        const QList<CallRecord> records = callLog.records();
        QVERIFY(records.size() > 20);
        bool sawGetThread = false, sawPull = false;
        for (const CallRecord &r : records) {
            sawGetThread = sawGetThread || r.operation == u"GetThread"_s;
            sawPull = sawPull || r.operation == u"PullThread"_s;
            const QString line = r.toLine() + r.request + r.result + r.store;
            for (const QString &f : forms)
                QVERIFY2(!line.contains(f.left(24)), qPrintable(u"a key in the call log: "_s + r.operation));
        }
        QVERIFY(sawGetThread);
        QVERIFY(sawPull);
    }
};

QTEST_GUILESS_MAIN(TestReplicationNet)
#include "tst_replication.moc"
