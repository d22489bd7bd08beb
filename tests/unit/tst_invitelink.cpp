// Unit tests for loom::InviteLink: both text forms, the forms users paste, fromStoreInfo, and
// precise errors that never reveal the key.
#include "encoding.h"
#include "invitelink.h"

#include <QTest>
#include <QVariant>

using namespace Qt::StringLiterals;
using namespace loom;

namespace {

const QString kPeer = u"12D3KooWBynX2HaNg73xSLq9TJDQjQKozxCh7MgVqKgGGXWXYzQn"_s;
const QString kPeerCid = u"bafzaajaiaejcaibbeirsijjge4ucskrlfqws4lzqgezdgnbvgy3tqoj2hm6d2pr7"_s;
const QString kStore = u"bafkqcaqdaqcqmbyibefawdanbyhraeiscmkbkfqxdamrugy4dupb6ia"_s;
const QString kAddress = u"/ip4/127.0.0.1/tcp/4006/p2p/"_s + kPeer + u"/thread/"_s + kStore;
// service key a0 a1 … af a0 … af, read key (7i + 3) mod 256
const QString kKey = u"bucq2fi5euwtkpkfjvkv2zlnov6qkdivduss2nj5ivgvkxlfnv2xqgcqrdapsmljuhnbesucx"
                     u"lzswy432qgei7fu5usv3fooay7hnlxa"_s;
// The same two keys in base58btc, as the seed client writes them.
const QString kFollow = u"Bp3BbhbyBNoTt3LgewDgCezdiUAWKxiWq18vdj3PVUiS"_s;
const QString kRead = u"Cs8KY3PiWrCMAytMsBRQo8EdGbticVtdvufLnb2UhXh"_s;
// 44-byte legacy v0.1 follow and read keys.
const QString kLegacyFollow = u"15JkfdNj5rstZ9tyucpAVE72JzKybsHQcXsjSxA1bxmrydHHvtuPkTbcLNe"_s;
const QString kLegacyRead = u"ZeGSjHu95niS2xRgXT4X2APy31BAy2zkpakPxvHd2f4SCgi6K6TREXqiPpuk"_s;

StoreKey key()
{
    return *StoreKey::fromString(kKey);
}

Multiaddr address(const QString &text = kAddress)
{
    return *Multiaddr::fromString(text);
}

} // namespace

class TestInviteLink : public QObject
{
    Q_OBJECT

private slots:
    void parseV1();
    void parseSeed();
    void acceptedForms_data();
    void acceptedForms();
    void fromStoreInfo();
    void construct();
    void badLinks_data();
    void badLinks();
};

void TestInviteLink::parseV1()
{
    const QString text = kAddress + u'?' + kKey;
    QString error;
    const auto link = InviteLink::parse(text, &error);
    QVERIFY2(link, qPrintable(error));
    QVERIFY(link->isValid());
    QCOMPARE(link->form(), InviteLink::V1);
    QCOMPARE(link->address(), address());
    QCOMPARE(link->key(), key());
    QCOMPARE(link->storeId().toString(), kStore);
    QCOMPARE(link->address().peerId(), kPeer);
    QCOMPARE(link->toString(), text);
    QCOMPARE(link->toSeedString(), kAddress + u'?' + kFollow + u'&' + kRead);

    const QString masked = link->maskedString();
    QCOMPARE(masked, kAddress + u"?bucq…(hidden)"_s);
    QVERIFY(!masked.contains(kKey.mid(4, 10)));
}

void TestInviteLink::parseSeed()
{
    const QString text = kAddress + u'?' + kFollow + u'&' + kRead;
    QString error;
    const auto link = InviteLink::parse(text, &error);
    QVERIFY2(link, qPrintable(error));
    QCOMPARE(link->form(), InviteLink::Seed);
    QCOMPARE(link->key(), key());
    QCOMPARE(link->key().serviceKey(), *encoding::fromBase58(kFollow));
    QCOMPARE(link->key().readKey(), *encoding::fromBase58(kRead));
    QCOMPARE(link->toSeedString(), text);
    QCOMPARE(link->toString(), kAddress + u'?' + kKey);
    // The same store either way.
    QCOMPARE(*link, *InviteLink::parse(link->toString()));
}

void TestInviteLink::acceptedForms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("form");
    QTest::newRow("v1") << kAddress + u'?' + kKey << int(InviteLink::V1);
    QTest::newRow("surrounding whitespace")
        << u"  \n\t"_s + kAddress + u'?' + kKey + u" \r\n"_s << int(InviteLink::V1);
    QTest::newRow("space instead of ?") << kAddress + u' ' + kKey << int(InviteLink::V1);
    QTest::newRow("newline instead of ?") << kAddress + u"\n\n"_s + kKey << int(InviteLink::V1);
    QTest::newRow("spaces around ?") << kAddress + u" ? "_s + kKey << int(InviteLink::V1);
    QTest::newRow("trailing slash") << kAddress + u"/?"_s + kKey << int(InviteLink::V1);
    QTest::newRow("ipfs alias and CID peer")
        << u"/ip4/127.0.0.1/tcp/4006/ipfs/"_s + kPeerCid + u"/thread/"_s + kStore + u'?' + kKey
        << int(InviteLink::V1);
    QTest::newRow("upper-case key") << kAddress + u'?' + kKey.toUpper() << int(InviteLink::V1);
    QTest::newRow("key in base58btc multibase")
        << kAddress + u'?' + encoding::multibaseEncode(key().bytes(), u'z') << int(InviteLink::V1);
    QTest::newRow("seed") << kAddress + u'?' + kFollow + u'&' + kRead << int(InviteLink::Seed);
    QTest::newRow("seed with space") << u" "_s + kAddress + u' ' + kFollow + u'&' + kRead
                                     << int(InviteLink::Seed);
}

void TestInviteLink::acceptedForms()
{
    QFETCH(QString, text);
    QFETCH(int, form);
    QString error;
    const auto link = InviteLink::parse(text, &error);
    QVERIFY2(link, qPrintable(error));
    QCOMPARE(int(link->form()), form);
    QCOMPARE(link->address().toString(), kAddress);
    QCOMPARE(link->key(), key());
    QCOMPARE(link->toString(), kAddress + u'?' + kKey);
}

void TestInviteLink::fromStoreInfo()
{
    const QList<Multiaddr> addresses = {
        address(u"/ip4/192.168.1.7/tcp/4006/p2p/"_s + kPeer + u"/thread/"_s + kStore),
        address(u"/ip4/127.0.0.1/tcp/4006"_s), // not a link: no peer and store
        address(),
        address(u"/ip6/::1/tcp/4006/p2p/"_s + kPeer + u"/thread/"_s + kStore),
    };
    const QList<InviteLink> links = InviteLink::fromStoreInfo(addresses, key());
    QCOMPARE(links.size(), 3);
    QCOMPARE(links[0].address(), addresses[0]);
    QCOMPARE(links[1].address(), addresses[2]);
    QCOMPARE(links[2].address(), addresses[3]);
    for (const InviteLink &link : links) {
        QVERIFY(link.isValid());
        QCOMPARE(link.form(), InviteLink::V1);
        QCOMPARE(link.storeId().toString(), kStore);
        QString error;
        const auto parsed = InviteLink::parse(link.toString(), &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(*parsed, link);
        QCOMPARE(*InviteLink::parse(link.toSeedString()), link);
    }
    QCOMPARE(links[0].address().scope(), Multiaddr::Scope::Private);
    QCOMPARE(links[2].address().scope(), Multiaddr::Scope::Loopback);
}

void TestInviteLink::construct()
{
    QVERIFY(!InviteLink().isValid());
    QVERIFY(!InviteLink().storeId().isValid());
    const StoreKey serviceOnly = *StoreKey::fromBinary(key().serviceKey());
    QVERIFY(!InviteLink(address(), serviceOnly).isValid());
    QVERIFY(!InviteLink(address(u"/ip4/1.2.3.4/tcp/1"_s), key()).isValid());
    const InviteLink link(address(), key());
    QVERIFY(link.isValid());
    QCOMPARE(QVariant::fromValue(link).value<InviteLink>(), link);
}

// Every row: the error names the problem; and no error ever quotes the key.
void TestInviteLink::badLinks_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    const qsizetype keyPosition = kAddress.size() + 2; // counting from 1
    const QString noThread = u"/ip4/127.0.0.1/tcp/4006/p2p/"_s + kPeer;
    const QString noPeer = u"/ip4/127.0.0.1/tcp/4006/thread/"_s + kStore;

    QTest::newRow("empty") << QString() << u"the invitation link is empty"_s;
    QTest::newRow("blank") << u" \n "_s << u"the invitation link is empty"_s;
    QTest::newRow("address only") << kAddress << u"missing '?' between address and key"_s;
    QTest::newRow("key only") << kKey << u"missing '?' between address and key"_s;
    QTest::newRow("nothing after ?") << kAddress + u'?'
                                     << u"the key part after '?' (position %1) is empty"_s
                                            .arg(keyPosition - 1);
    QTest::newRow("nothing before ?") << u'?' + kKey << u"no address"_s;
    QTest::newRow("no thread") << noThread + u'?' + kKey
                               << u"the address has no /thread/ component"_s;
    QTest::newRow("no p2p") << noPeer + u'?' + kKey << u"the address has no /p2p/ component"_s;
    QTest::newRow("bad address") << u"/ip4/127.0.0/tcp/4006?"_s + kKey
                                 << u"the address is not valid: component 1 (ip4)"_s;
    QTest::newRow("unknown protocol") << u"/ip4/1.2.3.4/tpc/4006?"_s + kKey
                                      << u"unknown protocol 'tpc' (component 2)"_s;
    QTest::newRow("key bad character")
        << kAddress + u'?' + QString(kKey).replace(20, 1, u'1')
        << u"the key part at position %1 is not valid base32: character '1' at position %2"_s
               .arg(keyPosition).arg(keyPosition + 20);
    QTest::newRow("key bad character after whitespace")
        << u"  "_s + kAddress + u"  "_s + QString(kKey).replace(3, 1, u'0')
        << u"the key part at position %1 is not valid base32: character '0' at position %2"_s
               .arg(keyPosition + 3).arg(keyPosition + 6);
    QTest::newRow("key truncated") << kAddress + u'?' + kKey.left(97)
                                   << u"the key part at position %1 is not a thread key"_s
                                          .arg(keyPosition);
    QTest::newRow("key cut mid-character") << kAddress + u'?' + kKey.left(103)
                                           << u"not valid base32: the base32 text is truncated"_s;
    QTest::newRow("key unknown prefix") << kAddress + u"?x"_s + kKey.mid(1)
                                        << u"not valid multibase: unknown multibase prefix 'x'"_s;
    QTest::newRow("service-only key")
        << kAddress + u'?' + encoding::multibaseEncode(key().serviceKey())
        << u"service-only key"_s;
    // Legacy v0.1 links parse (tst_legacyids); their address is checked like any other.
    QTest::newRow("legacy with a bad address")
        << u"/ip4/1.2.3.4/tcp/4006?"_s + kLegacyFollow + u'&' + kLegacyRead
        << u"no /p2p/ component"_s;
    QTest::newRow("mixed key sizes")
        << kAddress + u'?' + kLegacyFollow + u'&' + kRead
        << u"the follow and read keys are 44 and 32 bytes"_s;
    QTest::newRow("seed bad follow")
        << kAddress + u'?' + QString(kFollow).replace(5, 1, u'0') + u'&' + kRead
        << u"the follow key at position %1 is not valid base58btc: character '0' at position %2"_s
               .arg(keyPosition).arg(keyPosition + 5);
    QTest::newRow("seed bad read")
        << kAddress + u'?' + kFollow + u'&' + QString(kRead).replace(2, 1, u'I')
        << u"the read key at position %1 is not valid base58btc: character 'I' at position %2"_s
               .arg(keyPosition + kFollow.size() + 1).arg(keyPosition + kFollow.size() + 3);
    QTest::newRow("seed short keys")
        << kAddress + u'?' + encoding::toBase58(QByteArray(31, '\x11')) + u'&' + kRead
        << u"the follow and read keys are 31 and 32 bytes; a link for a go-threads v1 daemon has two "
           u"32-byte keys, one for a legacy v0.1 daemon two 44-byte keys"_s;
    QTest::newRow("seed two &") << kAddress + u'?' + kFollow + u'&' + kRead + u'&' + kRead
                                << u"more than one '&'"_s;
    QTest::newRow("seed no follow") << kAddress + u"?&"_s + kRead
                                    << u"the follow key before '&' (position %1) is empty"_s
                                           .arg(keyPosition);
    QTest::newRow("seed no read") << kAddress + u'?' + kFollow + u'&'
                                  << u"the read key after '&'"_s;
}

void TestInviteLink::badLinks()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!InviteLink::parse(text, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    for (const QString &secret : {kKey, kFollow, kRead, kLegacyFollow, kLegacyRead}) {
        for (qsizetype i = 1; i + 8 <= secret.size(); i += 8)
            QVERIFY2(!error.contains(secret.mid(i, 8)), qPrintable(error));
    }
}

QTEST_APPLESS_MAIN(TestInviteLink)

#include "tst_invitelink.moc"
