// Unit tests for the replication view's core (issue 15): the net API's log counter, the comparison
// of daemons' states (every row of threads-net-api.md §7.2), the decoding of GetThread's reply
// (no key byte survives it), and the parsing and ordering of several invitation links.
#include "encoding.h"
#include "joinattempts.h"
#include "netclient_p.h"
#include "replication.h"

#include <QCryptographicHash>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace loom;

namespace {

const QString kPeer = u"12D3KooWBynX2HaNg73xSLq9TJDQjQKozxCh7MgVqKgGGXWXYzQn"_s;
const QString kStore = u"bafkqcaqdaqcqmbyibefawdanbyhraeiscmkbkfqxdamrugy4dupb6ia"_s;
const QString kKey = u"bucq2fi5euwtkpkfjvkv2zlnov6qkdivduss2nj5ivgvkxlfnv2xqgcqrdapsmljuhnbesucx"
                     u"lzswy432qgei7fu5usv3fooay7hnlxa"_s;

QString linkText(const QString &transport)
{
    return transport + u"/p2p/"_s + kPeer + u"/thread/"_s + kStore + u'?' + kKey;
}

QByteArray counterBytes(std::initializer_list<int> bytes)
{
    QByteArray b;
    for (int x : bytes)
        b.append(char(x));
    b.resize(8, '\0');
    return b;
}

LogState log(char id, const QByteArray &head, qint64 counter, bool own = false)
{
    LogState l;
    l.id = QByteArray(1, id);
    l.idText = u"L"_s + QLatin1Char(id);
    l.head = head;
    l.counter = counter;
    l.own = own;
    return l;
}

ThreadState state(QList<LogState> logs, bool present = true)
{
    ThreadState s;
    s.present = present;
    s.logs = std::move(logs);
    return s;
}

// Every text form a key's bytes could take in output.
QStringList textForms(const QByteArray &secret)
{
    return {encoding::toHex(secret), encoding::toBase32(secret), encoding::toBase58(secret),
            encoding::toBase64(secret), encoding::multibaseEncode(secret, u'b')};
}

} // namespace

class TestReplication : public QObject
{
    Q_OBJECT

private slots:
    void counter_data();
    void counter();
    void headsEqualInSync();
    void behindByDifference();
    void equalCountsDifferentHeadsInconsistent();
    void logMissingOnOneSide();
    void countUnknownComparesHeads();
    void storeMissing();
    void rowsSortedOwnerAndKeys();
    void summaries();
    void decodeDropsKeys();
    void parseSeveralLinks();
    void orderForJoinPutsLocalLast();
};

void TestReplication::counter_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("hasHead");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("absent (v1.0 daemon)") << QByteArray() << true << qint64(-1);
    QTest::newRow("0, no head") << counterBytes({0}) << false << qint64(0);
    QTest::newRow("0 with a head = unknown") << counterBytes({0}) << true << qint64(-1);
    QTest::newRow("3") << counterBytes({0x06}) << true << qint64(3);
    QTest::newRow("200") << counterBytes({0x90, 0x03}) << true << qint64(200);
    QTest::newRow("1") << counterBytes({0x02}) << true << qint64(1);
    QTest::newRow("64") << counterBytes({0x80, 0x01}) << true << qint64(64);
    QTest::newRow("100000") << counterBytes({0xc0, 0x9a, 0x0c}) << true << qint64(100000);
    QTest::newRow("negative -1") << counterBytes({0x01}) << true << qint64(-1);
    QTest::newRow("cut inside the varint") << QByteArray("\x80\x80", 2) << true << qint64(-1);
    QTest::newRow("longer than 64 bits") << QByteArray(11, char(0xff)) << true << qint64(-1);
    QTest::newRow("not padded") << QByteArray("\x06", 1) << true << qint64(3);
}

void TestReplication::counter()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, hasHead);
    QFETCH(qint64, expected);
    QCOMPARE(decodeLogCounter(bytes, hasHead), expected);
}

void TestReplication::headsEqualInSync()
{
    const auto r = compareReplication({state({log('a', "H5", 5, true), log('b', {}, 0)}),
                                       state({log('a', "H5", 5), log('b', {}, 0, true)})});
    QCOMPARE(r.logIds.size(), 2);
    for (const auto &row : r.cells)
        for (const LogCell &c : row)
            QCOMPARE(c.verdict, LogVerdict::InSync);
    QVERIFY(r.inSync());
    QCOMPARE(r.summary(0), u"in sync"_s);
    QCOMPARE(r.summary(1), u"in sync"_s);
    QCOMPARE(r.cells[0][0].text(), u"in sync"_s);
}

void TestReplication::behindByDifference()
{
    const auto r = compareReplication({state({log('a', "H100", 100, true)}), state({log('a', "H88", 88)})});
    QCOMPARE(r.cells[0][0].verdict, LogVerdict::InSync);
    QCOMPARE(r.cells[0][1].verdict, LogVerdict::Behind);
    QCOMPARE(r.cells[0][1].behindBy, 12);
    QCOMPARE(r.cells[0][1].counter, 88);
    QCOMPARE(r.cells[0][1].text(), u"behind by 12"_s);
    QVERIFY(!r.inSync());
    QCOMPARE(r.behindTotal(1), 12);
    QCOMPARE(r.behindTotal(0), 0);
    QCOMPARE(r.summary(1), u"behind by 12 records on 1 log"_s);
    // The reference is the largest counter, whichever daemon has it (not the writer).
    const auto r2 = compareReplication({state({log('a', "H3", 3, true)}), state({log('a', "H9", 9)})});
    QCOMPARE(r2.cells[0][0].verdict, LogVerdict::Behind);
    QCOMPARE(r2.cells[0][0].behindBy, 6);
    QCOMPARE(r2.cells[0][1].verdict, LogVerdict::InSync);
}

void TestReplication::equalCountsDifferentHeadsInconsistent()
{
    const auto r = compareReplication({state({log('a', "X", 7)}), state({log('a', "Y", 7)})});
    QCOMPARE(r.cells[0][1].verdict, LogVerdict::Inconsistent);
    QVERIFY(!r.inSync());
    QCOMPARE(r.summary(1), u"inconsistent on 1 log"_s);
}

void TestReplication::logMissingOnOneSide()
{
    // A log with records on A that B does not know: not yet seen, by A's count.
    const auto r = compareReplication({state({log('a', "H4", 4, true), log('b', {}, 0, true)}),
                                       state({log('c', {}, 0, true)})});
    QCOMPARE(r.logIds.size(), 3);
    QCOMPARE(r.cells[0][1].verdict, LogVerdict::NotYetSeen);
    QCOMPARE(r.cells[0][1].behindBy, 4);
    QCOMPARE(r.cells[0][1].text(), u"not yet seen (4 records)"_s);
    // A log with no record anywhere: nothing to copy, in either direction.
    QCOMPARE(r.cells[1][1].verdict, LogVerdict::NothingToCopy);
    QCOMPARE(r.cells[2][0].verdict, LogVerdict::NothingToCopy);
    QCOMPARE(r.summary(1), u"behind by 4 records on 1 log"_s);
    QCOMPARE(r.summary(0), u"in sync"_s);
    QVERIFY(!r.inSync());
    // Not yet seen with an unknown count.
    const auto u = compareReplication({state({log('a', "H", -1)}), state({})});
    QCOMPARE(u.cells[0][1].verdict, LogVerdict::NotYetSeen);
    QCOMPARE(u.cells[0][1].behindBy, 0);
    QCOMPARE(u.summary(1), u"1 log not yet seen"_s);
}

void TestReplication::countUnknownComparesHeads()
{
    // Unknown counts (0 with a head, or a v1.0 daemon): equal heads are in sync ...
    auto r = compareReplication({state({log('a', "H", -1)}), state({log('a', "H", -1)})});
    QCOMPARE(r.cells[0][0].verdict, LogVerdict::InSync);
    QCOMPARE(r.cells[0][1].verdict, LogVerdict::InSync);
    // ... different heads are "count unknown" on both sides when the writer is not connected ...
    r = compareReplication({state({log('a', "H1", -1)}), state({log('a', "H2", -1)})});
    QCOMPARE(r.cells[0][0].verdict, LogVerdict::CountUnknown);
    QCOMPARE(r.cells[0][1].verdict, LogVerdict::CountUnknown);
    QCOMPARE(r.summary(1), u"differs on 1 log (count unknown)"_s);
    // ... and the writer is the reference when it is connected.
    r = compareReplication({state({log('a', "H1", -1, true)}), state({log('a', "H2", -1)})});
    QCOMPARE(r.cells[0][0].verdict, LogVerdict::InSync);
    QCOMPARE(r.cells[0][1].verdict, LogVerdict::CountUnknown);
    // A known count against an unknown one with another head: unknown, not "in sync" or "behind".
    r = compareReplication({state({log('a', "H1", 10)}), state({log('a', "H2", -1)})});
    QCOMPARE(r.cells[0][1].verdict, LogVerdict::CountUnknown);
}

void TestReplication::storeMissing()
{
    const auto r = compareReplication({state({log('a', "H", 2)}), state({}, false)});
    QCOMPARE(r.cells[0][1].verdict, LogVerdict::StoreMissing);
    QCOMPARE(r.summary(1), u"does not hold the store"_s);
    QVERIFY(!r.inSync());
    // No daemon holds it: no rows, and still not in sync.
    const auto none = compareReplication({state({}, false), state({}, false)});
    QCOMPARE(none.logIds.size(), 0);
    QCOMPARE(none.daemonCount, 2);
    QVERIFY(!none.inSync());
}

void TestReplication::rowsSortedOwnerAndKeys()
{
    ThreadState a = state({log('z', "Z", 1, true), log('b', "B", 1)});
    ThreadState b = state({log('m', {}, 0, true), log('b', "B", 1)});
    a.serviceKeyDigest = "d1";
    b.serviceKeyDigest = "d1";
    auto r = compareReplication({a, b});
    QCOMPARE(r.logIds, (QList<QByteArray>{"b", "m", "z"}));
    QCOMPARE(r.logIdTexts, (QStringList{u"Lb"_s, u"Lm"_s, u"Lz"_s}));
    QCOMPARE(r.ownerDaemon, (QList<int>{-1, 1, 0}));
    QVERIFY(!r.keysDiffer);
    b.serviceKeyDigest = "d2";
    r = compareReplication({a, b});
    QVERIFY(r.keysDiffer);
    // ThreadState::log finds a log by id.
    QVERIFY(a.log("b"));
    QVERIFY(!a.log("q"));
    QCOMPARE(a.ownLog()->id, QByteArray("z"));
}

void TestReplication::summaries()
{
    const auto r = compareReplication({state({log('a', "A10", 10), log('b', "B5", 5)}),
                                       state({log('a', "A7", 7), log('b', "B1", 1)}),
                                       state({log('a', "A10", 10), log('b', "B4", 4)})});
    QCOMPARE(r.summary(1), u"behind by 7 records on 2 logs"_s);
    QCOMPARE(r.summary(2), u"behind by 1 record on 1 log"_s);
    QCOMPARE(r.summary(0), u"in sync"_s);
    QCOMPARE(verdictName(LogVerdict::NotYetSeen), u"not-yet-seen"_s);
    QCOMPARE(r.summary(3), QString());
}

void TestReplication::decodeDropsKeys()
{
    // A GetThread reply as the daemon sends it, with a thread key and two logs, one of them own.
    QByteArray threadKey(64, '\0');
    for (int i = 0; i < 64; ++i)
        threadKey[i] = char(0xa0 + i);
    QByteArray privKey("\x08\x01\x12\x40", 4);
    for (int i = 0; i < 64; ++i)
        privKey.append(char(0x31 + i));
    const QByteArray peer = *encoding::fromBase58(kPeer);
    QByteArray otherPeer = peer;
    otherPeer[10] = char(otherPeer[10] ^ 0x55);
    QByteArray cid("\x01\x71\x12\x20", 4);
    cid.append(QByteArray(32, '\x42'));
    const StoreId store = *StoreId::fromString(kStore);

    net::npb::ThreadInfoReply reply;
    reply.set_threadid(store.bytes().toStdString());
    reply.set_threadkey(threadKey.toStdString());
    auto *own = reply.add_logs();
    own->set_id(otherPeer.toStdString()); // sorts after the other log? decided by bytes below
    own->set_pubkey(std::string("\x08\x01\x12\x20", 4) + std::string(32, 'p'));
    own->set_privkey(privKey.toStdString());
    own->set_head(cid.toStdString());
    own->set_counter(counterBytes({0x90, 0x03}).toStdString());
    auto *remote = reply.add_logs();
    remote->set_id(peer.toStdString());
    remote->set_counter(counterBytes({0}).toStdString());
    remote->add_addrs(Multiaddr::fromString(QString(u"/p2p/"_s + kPeer))->toBinary().toStdString());
    reply.add_addrs(Multiaddr::fromString(QString(u"/ip4/127.0.0.1/tcp/4006/p2p/"_s + kPeer + u"/thread/"_s + kStore))
                        ->toBinary().toStdString());

    const ThreadState s = net::decodeThreadInfo(reply, store, kPeer);
    // The secrets are gone from the reply too.
    QVERIFY(reply.threadkey().empty());
    for (const auto &l : reply.logs())
        QVERIFY(l.privkey().empty());

    QVERIFY(s.present);
    QCOMPARE(s.store, store);
    QCOMPARE(s.hostPeerId, kPeer);
    QCOMPARE(s.logs.size(), 2);
    QVERIFY(s.logs[0].id < s.logs[1].id);
    const LogState *o = s.log(otherPeer);
    const LogState *p = s.log(peer);
    QVERIFY(o && p);
    QVERIFY(o->own);
    QVERIFY(!p->own);
    QCOMPARE(o->counter, 200);
    QCOMPARE(p->counter, 0);
    QVERIFY(o->headText.startsWith(u"bafyrei"_s));
    QCOMPARE(o->headText.size(), 59);
    QVERIFY(p->headText.isEmpty());
    QCOMPARE(p->idText, kPeer);
    QCOMPARE(p->peers, QStringList{u"/p2p/"_s + kPeer});
    QCOMPARE(s.addresses.size(), 1);
    QVERIFY(s.addresses[0].endsWith(kStore));
    QCOMPARE(s.serviceKeyDigest, QCryptographicHash::hash(threadKey.left(32), QCryptographicHash::Sha256));

    // No byte sequence of a key, in any text form, anywhere in the state.
    QByteArray all = s.serviceKeyDigest + s.store.bytes() + s.hostPeerId.toUtf8() + s.addresses.join(u' ').toUtf8();
    for (const LogState &l : s.logs)
        all += l.id + l.idText.toUtf8() + l.head + l.headText.toUtf8() + l.peers.join(u' ').toUtf8();
    const QList<QByteArray> secrets{threadKey, threadKey.left(32), threadKey.mid(32), privKey, privKey.mid(4),
                                    privKey.mid(4, 32)};
    for (const QByteArray &secret : secrets) {
        QVERIFY(!all.contains(secret.left(16)));
        for (const QString &form : textForms(secret))
            QVERIFY(!all.contains(form.left(20).toUtf8()));
    }
}

void TestReplication::parseSeveralLinks()
{
    const QString text = u"# Loom: links of store notes\n"_s + linkText(u"/ip4/127.0.0.1/tcp/4006"_s) + u"\n\n  "_s
        + u"private: "_s + linkText(u"/ip4/192.168.1.5/tcp/4006"_s) + u"  \n"_s
        + linkText(u"/ip4/127.0.0.1/tcp/4006"_s) + u"\n"_s // a duplicate
        + u"/ip4/10.0.0.1/tcp/1/p2p/"_s + kPeer + u"/thread/"_s + kStore + u"?bnotakey"_s + u"\n"_s
        + u"hello world\n"_s + linkText(u"/ip4/203.0.113.7/tcp/4006"_s);
    QStringList errors;
    const QList<InviteLink> links = parseInviteLinks(text, &errors);
    QCOMPARE(links.size(), 3);
    QCOMPARE(links[0].address().host(), u"127.0.0.1"_s);
    QCOMPARE(links[1].address().host(), u"192.168.1.5"_s);
    QCOMPARE(links[2].address().host(), u"203.0.113.7"_s);
    QCOMPARE(errors.size(), 2);
    QVERIFY2(errors[0].startsWith(u"Line 6: "_s), qPrintable(errors[0]));
    QVERIFY2(errors[1].startsWith(u"Line 7: "_s), qPrintable(errors[1]));
    for (const QString &e : errors)
        QVERIFY(!e.contains(u"notakey"_s) && !e.contains(kKey.mid(1, 20)));
    QVERIFY(parseInviteLinks(u"\n \n"_s, &errors).isEmpty());
}

void TestReplication::orderForJoinPutsLocalLast()
{
    QStringList errors;
    const QString text = linkText(u"/ip4/127.0.0.1/tcp/4006"_s) + u'\n' + linkText(u"/ip4/192.168.1.5/tcp/4006"_s)
        + u'\n' + linkText(u"/ip4/203.0.113.7/tcp/4006"_s) + u'\n' + linkText(u"/ip4/198.51.100.2/tcp/4006"_s);
    const QList<InviteLink> links = parseInviteLinks(text, &errors);
    QCOMPARE(links.size(), 4);
    QCOMPARE(orderForJoin(links, true), links);
    const QList<InviteLink> remote = orderForJoin(links, false);
    QStringList hosts;
    for (const InviteLink &l : remote)
        hosts << l.address().host();
    QCOMPARE(hosts, (QStringList{u"203.0.113.7"_s, u"198.51.100.2"_s, u"192.168.1.5"_s, u"127.0.0.1"_s}));
    QCOMPARE(joinOutcomeText(JoinOutcome::TimedOut), u"timed out"_s);
}

QTEST_GUILESS_MAIN(TestReplication)
#include "tst_replication.moc"
