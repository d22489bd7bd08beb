// Unit tests for loom::Multiaddr: known binary vectors, canonical text, accessors, scope and
// malformed text and binary input.
#include "encoding.h"
#include "multiaddr.h"

#include <QTest>
#include <QVariant>

using namespace Qt::StringLiterals;
using namespace loom;

namespace {

// An Ed25519 peer: identity multihash 00 24 ‖ libp2p public key 08 01 12 20 ‖ 32 bytes.
QByteArray peerMultihash()
{
    QByteArray bytes = QByteArray::fromHex("002408011220");
    for (int i = 0x20; i < 0x40; ++i)
        bytes.append(static_cast<char>(i));
    return bytes;
}

const QString kPeer = u"12D3KooWBynX2HaNg73xSLq9TJDQjQKozxCh7MgVqKgGGXWXYzQn"_s;
// The same peer as a CIDv1 (codec libp2p-key), base32 and base58btc.
const QString kPeerCid = u"bafzaajaiaejcaibbeirsijjge4ucskrlfqws4lzqgezdgnbvgy3tqoj2hm6d2pr7"_s;
const QString kPeerCidZ = u"z5AanNVJCxnGzobu245j7kMRskUUyfZ6i41PrnEFrMtBuVLWM5NwgcN"_s;
// A CIDv1 with the wrong codec (raw, 0x55).
const QString kRawCid = u"bafkqajaiaejcaibbeirsijjge4ucskrlfqws4lzqgezdgnbvgy3tqoj2hm6d2pr7"_s;
// 01 55 01 02 … 20
const QString kStore = u"bafkqcaqdaqcqmbyibefawdanbyhraeiscmkbkfqxdamrugy4dupb6ia"_s;

QByteArray storeBytes()
{
    QByteArray bytes = QByteArray::fromHex("0155");
    for (int i = 1; i <= 32; ++i)
        bytes.append(static_cast<char>(i));
    return bytes;
}

} // namespace

class TestMultiaddr : public QObject
{
    Q_OBJECT

private slots:
    void known_data();
    void known();
    void canonical_data();
    void canonical();
    void components();
    void accessors();
    void scope_data();
    void scope();
    void badText_data();
    void badText();
    void badBinary_data();
    void badBinary();
};

void TestMultiaddr::known_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("binary");
    QTest::newRow("ip4 tcp") << u"/ip4/127.0.0.1/tcp/4006"_s
                             << QByteArray::fromHex("047f000001060fa6");
    QTest::newRow("ip6 tcp") << u"/ip6/::1/tcp/4006"_s
                             << QByteArray::fromHex("2900000000000000000000000000000001060fa6");
    QTest::newRow("udp quic") << u"/ip4/1.2.3.4/udp/4006/quic"_s
                              << QByteArray::fromHex("04010203049102" "0fa6cc03");
    QTest::newRow("dns4 wss") << u"/dns4/example.com/tcp/443/wss"_s
                              << QByteArray::fromHex("360b6578616d706c652e636f6d0601bbde03");
    QTest::newRow("dns ws") << u"/dns/a.b/tcp/80/ws"_s
                            << QByteArray::fromHex("3503612e62060050dd03");
    QTest::newRow("dns6 dnsaddr") << u"/dns6/h/dnsaddr/x"_s << QByteArray::fromHex("370168380178");
    QTest::newRow("ip6 full") << u"/ip6/2001:db8:1:2:3:4:5:6"_s
                              << QByteArray::fromHex("2920010db8000100020003000400050006");
    QTest::newRow("p2p thread")
        << u"/ip4/127.0.0.1/tcp/4006/p2p/"_s + kPeer + u"/thread/"_s + kStore
        << QByteArray::fromHex("047f000001060fa6a50326") + peerMultihash()
               + QByteArray::fromHex("960322") + storeBytes();
    QTest::newRow("p2p-circuit") << u"/p2p-circuit"_s << QByteArray::fromHex("a202");
    // A multihash other than sha2-256 or identity: its base58 form ("A…" here) does not parse back
    // (found by fuzz_multiaddr), so it is written as a CIDv1 with codec libp2p-key.
    const QByteArray sha512 = QByteArray::fromHex("1340") + QByteArray(64, '\x5a');
    QTest::newRow("p2p other multihash")
        << u"/p2p/"_s + encoding::multibaseEncode(QByteArray(QByteArray::fromHex("0172") + sha512))
        << QByteArray::fromHex("a50342") + sha512;
}

void TestMultiaddr::known()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, binary);
    QString error;
    const auto fromText = Multiaddr::fromString(text, &error);
    QVERIFY2(fromText, qPrintable(error));
    QCOMPARE(encoding::toHex(fromText->toBinary()), encoding::toHex(binary));
    QCOMPARE(fromText->toString(), text);
    const auto fromBinary = Multiaddr::fromBinary(binary, &error);
    QVERIFY2(fromBinary, qPrintable(error));
    QCOMPARE(fromBinary->toString(), text);
    QCOMPARE(*fromBinary, *fromText);
    QCOMPARE(qHash(*fromBinary), qHash(*fromText));
}

// Input forms the daemon accepts, printed in the one canonical form.
void TestMultiaddr::canonical_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ipfs alias") << u"/ipfs/"_s + kPeer << u"/p2p/"_s + kPeer;
    QTest::newRow("peer as CID b") << u"/p2p/"_s + kPeerCid << u"/p2p/"_s + kPeer;
    QTest::newRow("peer as CID z") << u"/p2p/"_s + kPeerCidZ << u"/p2p/"_s + kPeer;
    QTest::newRow("trailing slash") << u"/ip4/1.2.3.4/tcp/4006/"_s << u"/ip4/1.2.3.4/tcp/4006"_s;
    QTest::newRow("port leading zero") << u"/tcp/04006"_s << u"/tcp/4006"_s;
    QTest::newRow("thread upper case") << u"/thread/B"_s + kStore.mid(1).toUpper()
                                       << u"/thread/"_s + kStore;
    QTest::newRow("ip6 loopback long") << u"/ip6/0:0:0:0:0:0:0:1"_s << u"/ip6/::1"_s;
    QTest::newRow("ip6 upper case") << u"/ip6/2001:DB8::ABCD"_s << u"/ip6/2001:db8::abcd"_s;
    QTest::newRow("ip6 first longest run")
        << u"/ip6/2001:db8:0:0:1:0:0:1"_s << u"/ip6/2001:db8::1:0:0:1"_s;
    QTest::newRow("ip6 longest run wins")
        << u"/ip6/2001:0:0:1:0:0:0:1"_s << u"/ip6/2001:0:0:1::1"_s;
    QTest::newRow("ip6 single zero kept") << u"/ip6/2001:db8:0:1:1:1:1:1"_s
                                          << u"/ip6/2001:db8:0:1:1:1:1:1"_s;
    QTest::newRow("ip6 leading zeros") << u"/ip6/fe80:0000::0001"_s << u"/ip6/fe80::1"_s;
    QTest::newRow("ip6 unspecified") << u"/ip6/0::0"_s << u"/ip6/::"_s;
    QTest::newRow("ip6 trailing run") << u"/ip6/1:0:0:0:0:0:0:0"_s << u"/ip6/1::"_s;
    QTest::newRow("ip6 mapped ip4") << u"/ip6/::FFFF:192.168.0.1"_s << u"/ip6/::ffff:192.168.0.1"_s;
    QTest::newRow("ip6 embedded ip4") << u"/ip6/64:ff9b::1.2.3.4"_s << u"/ip6/64:ff9b::102:304"_s;
    QTest::newRow("ip6 eight with ip4") << u"/ip6/1:2:3:4:5:6:7.8.9.10"_s
                                        << u"/ip6/1:2:3:4:5:6:708:90a"_s;
}

void TestMultiaddr::canonical()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QString error;
    const auto address = Multiaddr::fromString(input, &error);
    QVERIFY2(address, qPrintable(error));
    QCOMPARE(address->toString(), expected);
    QCOMPARE(Multiaddr::fromString(expected)->toBinary(), address->toBinary());
}

void TestMultiaddr::components()
{
    const auto address = Multiaddr::fromString(QString(u"/ip4/10.0.0.2/tcp/4006/ipfs/"_s + kPeer
                                                       + u"/thread/"_s + kStore));
    QVERIFY(address);
    const QList<Multiaddr::Component> parts = address->components();
    QCOMPARE(parts.size(), 4);
    QCOMPARE(parts[0].code, quint32(Multiaddr::Ip4));
    QCOMPARE(parts[0].name, u"ip4"_s);
    QCOMPARE(parts[0].value, u"10.0.0.2"_s);
    QCOMPARE(parts[0].rawValue, QByteArray::fromHex("0a000002"));
    QCOMPARE(parts[1].code, quint32(Multiaddr::Tcp));
    QCOMPARE(parts[1].value, u"4006"_s);
    QCOMPARE(parts[2].code, quint32(0x01a5));
    QCOMPARE(parts[2].name, u"p2p"_s);
    QCOMPARE(parts[2].value, kPeer);
    QCOMPARE(parts[2].rawValue, peerMultihash());
    QCOMPARE(parts[3].code, quint32(406));
    QCOMPARE(parts[3].name, u"thread"_s);
    QCOMPARE(parts[3].value, kStore);
    QCOMPARE(Multiaddr::protocolName(0x01cc), u"quic"_s);
    QVERIFY(Multiaddr::protocolName(0x9999).isEmpty());
}

void TestMultiaddr::accessors()
{
    const auto full = Multiaddr::fromString(QString(u"/ip4/127.0.0.1/tcp/4006/p2p/"_s + kPeer
                                                    + u"/thread/"_s + kStore));
    QVERIFY(full);
    QCOMPARE(full->host(), u"127.0.0.1"_s);
    QCOMPARE(full->port(), 4006);
    QCOMPARE(full->peerId(), kPeer);
    QVERIFY(full->peerId().startsWith(u"12D3KooW"));
    QVERIFY(full->storeId());
    QCOMPARE(full->storeId()->bytes(), storeBytes());
    QCOMPARE(full->storeId()->toString(), kStore);
    QVERIFY(full->hasProtocol(Multiaddr::P2p));
    QCOMPARE(full->valueForProtocol(Multiaddr::Tcp), u"4006"_s);

    const auto dns = Multiaddr::fromString(u"/dns4/node.example.org/udp/5000/quic");
    QCOMPARE(dns->host(), u"node.example.org"_s);
    QCOMPARE(dns->port(), 5000);
    QVERIFY(dns->peerId().isEmpty());
    QVERIFY(!dns->storeId());
    QVERIFY(!dns->isEmpty());

    const Multiaddr empty;
    QVERIFY(empty.isEmpty());
    QCOMPARE(empty.port(), -1);
    QVERIFY(empty.host().isEmpty());
    QVERIFY(empty.toString().isEmpty());
    QCOMPARE(empty.scope(), Multiaddr::Scope::Unknown);
    QCOMPARE(QVariant::fromValue(*full).value<Multiaddr>(), *full);
}

void TestMultiaddr::scope_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Multiaddr::Scope>("scope");
    using S = Multiaddr::Scope;
    QTest::newRow("127.0.0.1") << u"/ip4/127.0.0.1/tcp/1"_s << S::Loopback;
    QTest::newRow("127.5.6.7") << u"/ip4/127.5.6.7"_s << S::Loopback;
    QTest::newRow("10/8") << u"/ip4/10.200.0.1"_s << S::Private;
    QTest::newRow("172.16/12 low") << u"/ip4/172.16.0.1"_s << S::Private;
    QTest::newRow("172.16/12 high") << u"/ip4/172.31.255.255"_s << S::Private;
    QTest::newRow("172.32 public") << u"/ip4/172.32.0.1"_s << S::Public;
    QTest::newRow("172.15 public") << u"/ip4/172.15.0.1"_s << S::Public;
    QTest::newRow("192.168/16") << u"/ip4/192.168.1.20"_s << S::Private;
    QTest::newRow("169.254/16") << u"/ip4/169.254.3.4"_s << S::LinkLocal;
    QTest::newRow("8.8.8.8") << u"/ip4/8.8.8.8"_s << S::Public;
    QTest::newRow("0.0.0.0") << u"/ip4/0.0.0.0/tcp/4006"_s << S::Unknown;
    QTest::newRow("::1") << u"/ip6/::1"_s << S::Loopback;
    QTest::newRow("fc00::/7 fc") << u"/ip6/fc00::1"_s << S::Private;
    QTest::newRow("fc00::/7 fd") << u"/ip6/fd12:3456::1"_s << S::Private;
    QTest::newRow("fe80::/10") << u"/ip6/fe80::1"_s << S::LinkLocal;
    QTest::newRow("fe80::/10 febf") << u"/ip6/febf::1"_s << S::LinkLocal;
    QTest::newRow("fec0 public") << u"/ip6/fec0::1"_s << S::Public;
    QTest::newRow("2001:db8::1") << u"/ip6/2001:db8::1"_s << S::Public;
    QTest::newRow("::") << u"/ip6/::"_s << S::Unknown;
    QTest::newRow("mapped private") << u"/ip6/::ffff:10.0.0.1"_s << S::Private;
    QTest::newRow("dns") << u"/dns4/localhost/tcp/4006"_s << S::Unknown;
    QTest::newRow("p2p only") << u"/p2p/"_s + kPeer << S::Unknown;
}

void TestMultiaddr::scope()
{
    QFETCH(QString, text);
    QFETCH(Multiaddr::Scope, scope);
    QString error;
    const auto address = Multiaddr::fromString(text, &error);
    QVERIFY2(address, qPrintable(error));
    QCOMPARE(address->scope(), scope);
    QVERIFY(!Multiaddr::scopeName(scope).isEmpty());
    QCOMPARE(Multiaddr::scopeName(Multiaddr::Scope::LinkLocal), u"link-local"_s);
    QCOMPARE(Multiaddr::scopeName(Multiaddr::Scope::Loopback), u"loopback"_s);
}

void TestMultiaddr::badText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QString() << u"must start with '/'"_s;
    QTest::newRow("no slash") << u"ip4/1.2.3.4"_s << u"must start with '/'"_s;
    QTest::newRow("only slash") << u"/"_s << u"no components"_s;
    QTest::newRow("no value") << u"/ip4"_s << u"component 1 (ip4) has no value"_s;
    QTest::newRow("no port") << u"/ip4/1.2.3.4/tcp/"_s << u"component 2 (tcp) has no value"_s;
    QTest::newRow("unknown name") << u"/ip4/1.2.3.4/foo/1"_s
                                  << u"unknown protocol 'foo' (component 2)"_s;
    QTest::newRow("placeholder in name") << u"/%2/1"_s << u"unknown protocol '%2' (component 1)"_s;
    QTest::newRow("double slash") << u"/ip4/1.2.3.4//tcp/1"_s << u"component 2 is empty"_s;
    QTest::newRow("ip4 octet") << u"/ip4/256.0.0.1"_s
                               << u"component 1 (ip4) is not valid: '256'"_s;
    QTest::newRow("ip4 short") << u"/ip4/1.2.3"_s << u"not a dotted-quad"_s;
    QTest::newRow("ip4 leading zero") << u"/ip4/01.2.3.4"_s << u"leading zeros"_s;
    QTest::newRow("ip4 sign") << u"/ip4/+1.2.3.4"_s << u"'+1'"_s;
    QTest::newRow("ip6 too few") << u"/ip6/1:2"_s << u"has 2 groups"_s;
    QTest::newRow("ip6 too many") << u"/ip6/1:2:3:4:5:6:7:8:9"_s << u"has 9 groups"_s;
    QTest::newRow("ip6 gap with 8") << u"/ip6/1:2:3:4::5:6:7:8"_s << u"has 8 groups"_s;
    QTest::newRow("ip6 two gaps") << u"/ip6/1::2::3"_s << u"'::' may appear only once"_s;
    QTest::newRow("ip6 triple colon") << u"/ip6/1:::2"_s << u"'::' may appear only once"_s;
    QTest::newRow("ip6 long group") << u"/ip6/12345::"_s << u"'12345' is not an IPv6 group"_s;
    QTest::newRow("ip6 zone") << u"/ip6/fe80::1%eth0"_s << u"'1%eth0' is not an IPv6 group"_s;
    QTest::newRow("ip6 leading colon") << u"/ip6/:1:2:3:4:5:6:7"_s << u"'' is not an IPv6"_s;
    QTest::newRow("ip6 ip4 not last") << u"/ip6/1.2.3.4::"_s << u"'1.2.3.4' is not an IPv6"_s;
    QTest::newRow("port too big") << u"/tcp/65536"_s
                                  << u"component 1 (tcp) is not valid: '65536' is not a port"_s;
    QTest::newRow("port negative") << u"/udp/-1"_s << u"'-1' is not a port"_s;
    QTest::newRow("dns space") << u"/dns4/exa mple.com"_s << u"contains a space"_s;
    QTest::newRow("peer base58") << u"/p2p/QmBad0"_s << u"not valid base58btc: character '0'"_s;
    QTest::newRow("peer short") << u"/p2p/"_s + encoding::toBase58(peerMultihash().left(30))
                                << u"declares 36 digest bytes but has 28"_s;
    QTest::newRow("peer wrong codec") << u"/p2p/"_s + kRawCid << u"codec 0x55"_s;
    QTest::newRow("peer garbage") << u"/p2p/hello"_s << u"neither a base58btc multihash"_s;
    QTest::newRow("thread garbage")
        << u"/thread/bafk1"_s << u"component 1 (thread) is not valid: the store ID text"_s;
    QTest::newRow("thread version")
        << u"/thread/"_s + encoding::multibaseEncode(QByteArray::fromHex("025501"))
        << u"version 2"_s;
}

void TestMultiaddr::badText()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!Multiaddr::fromString(text, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestMultiaddr::badBinary_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QByteArray() << u"empty"_s;
    QTest::newRow("unknown code") << QByteArray::fromHex("047f000001ff01")
                                  << u"unknown protocol code 0xff at byte offset 5"_s;
    QTest::newRow("unknown two-byte code") << QByteArray::fromHex("047f000001060fa6e203")
                                           << u"unknown protocol code 0x1e2 at byte offset 8"_s;
    QTest::newRow("ip4 truncated") << QByteArray::fromHex("047f00")
                                   << u"ip4 value at byte offset 1 is truncated: it needs 4 "
                                      u"bytes, 2 left"_s;
    QTest::newRow("tcp truncated") << QByteArray::fromHex("047f00000106") << u"tcp value"_s;
    QTest::newRow("dns truncated") << QByteArray::fromHex("360b6578") << u"dns4 value"_s;
    QTest::newRow("huge length") << QByteArray::fromHex("36ffffffff0f61")
                                 << u"needs 4294967295 bytes, 1 left"_s;
    QTest::newRow("code truncated") << QByteArray::fromHex("047f00000180")
                                    << u"buffer too small"_s;
    QTest::newRow("code not minimal") << QByteArray::fromHex("8400")
                                      << u"byte offset 0 is not minimally encoded"_s;
    QTest::newRow("length not minimal") << QByteArray::fromHex("36810061")
                                        << u"length at byte offset 1 is not minimally"_s;
    QTest::newRow("dns not utf-8") << QByteArray::fromHex("3601ff") << u"not valid UTF-8"_s;
    QTest::newRow("dns empty") << QByteArray::fromHex("3600") << u"empty"_s;
    QTest::newRow("dns slash") << QByteArray::fromHex("3603612f62") << u"'a/b' contains"_s;
    QTest::newRow("dns newline") << QByteArray::fromHex("3603610a62") << u"control character"_s;
    QTest::newRow("p2p multihash") << QByteArray::fromHex("a50303122001")
                                   << u"declares 32 digest bytes but has 1"_s;
    QTest::newRow("thread version") << QByteArray::fromHex("960303025501")
                                    << u"thread value at byte offset 3 is not valid"_s;
}

void TestMultiaddr::badBinary()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!Multiaddr::fromBinary(bytes, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
}

QTEST_APPLESS_MAIN(TestMultiaddr)

#include "tst_multiaddr.moc"
