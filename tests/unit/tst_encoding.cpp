// Unit tests for loom::encoding and the two multibase value types built on it (StoreId,
// StoreKey): known vectors, round trips and malformed input.
#include "encoding.h"
#include "storeid.h"
#include "storekey.h"

#include <QHash>
#include <QMap>
#include <QTest>
#include <QVariant>

using namespace Qt::StringLiterals;
using namespace loom;

class TestEncoding : public QObject
{
    Q_OBJECT

private slots:
    void base32_data();
    void base32();
    void base32AcceptsUpperCase();
    void base58_data();
    void base58();
    void hex();
    void base64();
    void roundTripRandom();
    void badText_data();
    void badText();
    void multibase_data();
    void multibase();
    void multibaseEncode();
    void ipText();
    void uvarint_data();
    void uvarint();
    void badUvarint_data();
    void badUvarint();

    void storeIdGenerate();
    void storeIdKnown();
    void storeIdHashAndOrder();
    void badStoreId_data();
    void badStoreId();
    void storeKey();
    void badStoreKey_data();
    void badStoreKey();
    void longestTexts();
};

void TestEncoding::base32_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    // RFC 4648 §10, lower case, padding removed.
    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("f") << "f"_ba << u"my"_s;
    QTest::newRow("fo") << "fo"_ba << u"mzxq"_s;
    QTest::newRow("foo") << "foo"_ba << u"mzxw6"_s;
    QTest::newRow("foob") << "foob"_ba << u"mzxw6yq"_s;
    QTest::newRow("fooba") << "fooba"_ba << u"mzxw6ytb"_s;
    QTest::newRow("foobar") << "foobar"_ba << u"mzxw6ytboi"_s;
    QTest::newRow("all ones") << QByteArray(5, '\xff') << u"77777777"_s;
}

void TestEncoding::base32()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QCOMPARE(encoding::toBase32(bytes), text);
    QString error;
    const auto decoded = encoding::fromBase32(text, &error);
    QVERIFY2(decoded, qPrintable(error));
    QCOMPARE(*decoded, bytes);
}

void TestEncoding::base32AcceptsUpperCase()
{
    QCOMPARE(encoding::fromBase32(u"MZXW6YTBOI").value_or(QByteArray()), "foobar"_ba);
    QCOMPARE(encoding::fromBase32(u"MzXw6YtBoI").value_or(QByteArray()), "foobar"_ba);
}

void TestEncoding::base58_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("zero") << QByteArray(1, '\0') << u"1"_s;
    QTest::newRow("hello") << "Hello World!"_ba << u"2NEpo7TZRRrLZSi2U"_s;
    QTest::newRow("leading zeros") << QByteArray::fromHex("0000287fb4cd") << u"11233QC4"_s;
    QTest::newRow("sha256 multihash")
        << QByteArray::fromHex("1220" + QByteArray(64, '0'))
        << u"QmNLei78zWmzUdbeRB3CiUfAizWUrbeeZh5K1rhAQKCh51"_s;
}

void TestEncoding::base58()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QCOMPARE(encoding::toBase58(bytes), text);
    QString error;
    const auto decoded = encoding::fromBase58(text, &error);
    QVERIFY2(decoded, qPrintable(error));
    QCOMPARE(*decoded, bytes);
}

void TestEncoding::hex()
{
    const QByteArray bytes = QByteArray::fromHex("00ff10abcdef");
    QCOMPARE(encoding::toHex(bytes), u"00ff10abcdef"_s);
    QCOMPARE(encoding::fromHex(u"00FF10ABcdef").value_or(QByteArray()), bytes);
}

void TestEncoding::base64()
{
    const QByteArray bytes = QByteArray::fromHex("fbfffe");
    QCOMPARE(encoding::toBase64(bytes), u"+//+"_s);
    QCOMPARE(encoding::toBase64(bytes, encoding::Base64Variant::Url), u"-__-"_s);
    QCOMPARE(encoding::toBase64("foobar"_ba.left(4)), u"Zm9vYg"_s);
    QCOMPARE(encoding::fromBase64(u"Zm9vYg").value_or(QByteArray()), "foob"_ba);
    QCOMPARE(encoding::fromBase64(u"-__-", encoding::Base64Variant::Url).value_or(QByteArray()),
             bytes);
    QVERIFY(!encoding::fromBase64(u"-__-"));
}

void TestEncoding::roundTripRandom()
{
    QByteArray bytes;
    for (int i = 0; i < 200; ++i) {
        bytes.append(static_cast<char>((i * 37 + 11) % 256));
        if (i % 17 == 0)
            bytes.append('\0');
        for (const QChar prefix : {u'b', u'B', u'z', u'f', u'm', u'u'}) {
            const QString text = encoding::multibaseEncode(bytes, prefix);
            QString error;
            const auto decoded = encoding::multibaseDecode(text, &error);
            QVERIFY2(decoded, qPrintable(error));
            QCOMPARE(*decoded, bytes);
        }
    }
}

// Decoders name the problem and where it is; positions count from 1.
void TestEncoding::badText_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("base32 digit 1") << u"base32"_s << u"mzx1"_s
                                    << u"character '1' at position 4 is not in the base32"_s;
    QTest::newRow("base32 padding") << u"base32"_s << u"my======"_s
                                    << u"'=' at position 3"_s;
    QTest::newRow("base32 length") << u"base32"_s << u"mzx"_s << u"truncated"_s;
    QTest::newRow("base32 unused bits") << u"base32"_s << u"mz"_s << u"non-zero unused bits"_s;
    QTest::newRow("base32 space") << u"base32"_s << u"mz xq"_s << u"position 3"_s;
    QTest::newRow("base32 non-ascii") << u"base32"_s << u"mzé"_s << u"U+00E9 at position 3"_s;
    QTest::newRow("base58 zero") << u"base58"_s << u"12D3K0oW"_s
                                 << u"character '0' at position 6 is not in the base58btc"_s;
    QTest::newRow("base58 l") << u"base58"_s << u"abl"_s << u"'l' at position 3"_s;
    // Base58 decoding is quadratic: 60,000 characters took over a second before the bound.
    QTest::newRow("base58 too long") << u"base58"_s << QString(60000, u'2')
                                     << u"the base58btc text has 60000 characters; at most 1024 are accepted"_s;
    QTest::newRow("hex odd") << u"hex"_s << u"abc"_s << u"truncated"_s;
    QTest::newRow("hex g") << u"hex"_s << u"0g"_s << u"'g' at position 2"_s;
    QTest::newRow("base32 percent") << u"base32"_s << u"m%1"_s << u"character '%' at position 2"_s;
    QTest::newRow("base64 bad") << u"base64"_s << u"Zm9*"_s << u"'*' at position 4"_s;
}

void TestEncoding::badText()
{
    QFETCH(QString, base);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QString error;
    std::optional<QByteArray> decoded;
    if (base == "base32"_L1)
        decoded = encoding::fromBase32(text, &error);
    else if (base == "base58"_L1)
        decoded = encoding::fromBase58(text, &error);
    else if (base == "hex"_L1)
        decoded = encoding::fromHex(text, &error);
    else
        decoded = encoding::fromBase64(text, encoding::Base64Variant::Standard, &error);
    QVERIFY(!decoded);
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestEncoding::multibase_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes"); // empty with an error substring = must fail
    QTest::addColumn<QString>("expectedError");
    QTest::newRow("b") << u"bmzxw6ytboi"_s << "foobar"_ba << QString();
    QTest::newRow("B") << u"BMZXW6YTBOI"_s << "foobar"_ba << QString();
    QTest::newRow("c padded") << u"cmzxw6ytboi======"_s << "foobar"_ba << QString();
    QTest::newRow("z") << u"z2NEpo7TZRRrLZSi2U"_s << "Hello World!"_ba << QString();
    QTest::newRow("f") << u"f666f6f626172"_s << "foobar"_ba << QString();
    QTest::newRow("F") << u"F666F6F626172"_s << "foobar"_ba << QString();
    QTest::newRow("m") << u"mZm9vYmFy"_s << "foobar"_ba << QString();
    QTest::newRow("M padded") << u"MZm9vYg=="_s << "foob"_ba << QString();
    QTest::newRow("u") << u"u-__-"_s << QByteArray::fromHex("fbfffe") << QString();
    QTest::newRow("empty") << QString() << QByteArray() << u"empty"_s;
    QTest::newRow("unknown prefix") << u"Qmabc"_s << QByteArray()
                                    << u"unknown multibase prefix 'Q' at position 1"_s;
    QTest::newRow("bad char after prefix") << u"bmzx1"_s << QByteArray()
                                           << u"'1' at position 5"_s;
    QTest::newRow("m no padding") << u"mZm9vYg=="_s << QByteArray() << u"'=' at position 8"_s;
    QTest::newRow("c bad padding") << u"cmy====="_s << QByteArray() << u"blocks of 8"_s;
}

void TestEncoding::multibase()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expectedError);
    QString error;
    const auto decoded = encoding::multibaseDecode(text, &error);
    if (expectedError.isEmpty()) {
        QVERIFY2(decoded, qPrintable(error));
        QCOMPARE(*decoded, bytes);
    } else {
        QVERIFY(!decoded);
        QVERIFY2(error.contains(expectedError), qPrintable(error));
    }
}

void TestEncoding::multibaseEncode()
{
    QCOMPARE(encoding::multibaseEncode("foobar"_ba), u"bmzxw6ytboi"_s);
    QCOMPARE(encoding::multibaseEncode("foobar"_ba, u'z'), u"zt1Zv2yaZ"_s);
    QVERIFY(encoding::multibaseEncode("foobar"_ba, u'x').isEmpty());
    QCOMPARE(encoding::multibaseName(u'b'), u"base32"_s);
    QCOMPARE(encoding::multibaseName(u'z'), u"base58btc"_s);
    QVERIFY(encoding::multibaseName(u'x').isEmpty());
    // Positions can be shifted to point into a larger text.
    QString error;
    QVERIFY(!encoding::multibaseDecode(u"bmzx1", &error, 40));
    QVERIFY2(error.contains(u"position 44"), qPrintable(error));
}

// The text forms are covered in depth by tst_multiaddr; this checks the direct API.
void TestEncoding::ipText()
{
    QCOMPARE(encoding::ip4ToString(QByteArray::fromHex("c0a80001")), u"192.168.0.1"_s);
    QCOMPARE(encoding::ip4FromString(u"10.0.0.255").value_or(QByteArray()),
             QByteArray::fromHex("0a0000ff"));
    QCOMPARE(encoding::ip6ToString(QByteArray::fromHex("fe800000000000000000000000000001")),
             u"fe80::1"_s);
    QCOMPARE(encoding::ip6FromString(u"::ffff:1.2.3.4").value_or(QByteArray()),
             QByteArray::fromHex("00000000000000000000ffff01020304"));
    QVERIFY(encoding::ip4ToString(QByteArray(3, '\0')).isEmpty());
    QVERIFY(encoding::ip6ToString(QByteArray(4, '\0')).isEmpty());
    QString error;
    QVERIFY(!encoding::ip4FromString(u"1.2.3.4.5", &error));
    QVERIFY2(error.contains(u"not a dotted-quad"), qPrintable(error));
    QVERIFY(!encoding::ip6FromString(u"fe80::g", &error));
    QVERIFY2(error.contains(u"'g' is not an IPv6 group"), qPrintable(error));
}

void TestEncoding::uvarint_data()
{
    QTest::addColumn<quint64>("value");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("0") << quint64(0) << QByteArray::fromHex("00");
    QTest::newRow("1") << quint64(1) << QByteArray::fromHex("01");
    QTest::newRow("127") << quint64(127) << QByteArray::fromHex("7f");
    QTest::newRow("128") << quint64(128) << QByteArray::fromHex("8001");
    QTest::newRow("300") << quint64(300) << QByteArray::fromHex("ac02");
    QTest::newRow("udp 0x0111") << quint64(0x0111) << QByteArray::fromHex("9102");
    QTest::newRow("thread 0x0196") << quint64(0x0196) << QByteArray::fromHex("9603");
    QTest::newRow("p2p 0x01a5") << quint64(0x01a5) << QByteArray::fromHex("a503");
    QTest::newRow("max") << std::numeric_limits<quint64>::max()
                         << QByteArray::fromHex("ffffffffffffffffff01");
}

void TestEncoding::uvarint()
{
    QFETCH(quint64, value);
    QFETCH(QByteArray, bytes);
    QCOMPARE(encoding::uvarint(value), bytes);
    QCOMPARE(encoding::uvarintSize(value), bytes.size());
    const QByteArray data = "\x07"_ba + bytes + "\x09"_ba; // read from the middle
    qsizetype pos = 1;
    quint64 out = 0;
    QString error;
    QVERIFY2(encoding::readUvarint(data, &pos, &out, &error), qPrintable(error));
    QCOMPARE(out, value);
    QCOMPARE(pos, 1 + bytes.size());
}

void TestEncoding::badUvarint_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QByteArray() << u"buffer too small"_s;
    QTest::newRow("truncated") << QByteArray::fromHex("8080") << u"buffer too small"_s;
    QTest::newRow("10th byte 2") << QByteArray::fromHex("ffffffffffffffffff02")
                                 << u"bigger than 64 bits"_s;
    QTest::newRow("11 bytes") << QByteArray::fromHex("8080808080808080808001")
                              << u"bigger than 64 bits"_s;
}

void TestEncoding::badUvarint()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    qsizetype pos = 0;
    quint64 out = 0;
    QString error;
    QVERIFY(!encoding::readUvarint(bytes, &pos, &out, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(error.contains(u"byte offset 0"), qPrintable(error));
    QCOMPARE(pos, 0);
}

void TestEncoding::storeIdGenerate()
{
    const StoreId id = StoreId::generate();
    QVERIFY(id.isValid());
    QCOMPARE(id.bytes().size(), 34);
    QCOMPARE(id.bytes().left(2), QByteArray::fromHex("0155"));
    QVERIFY(!id.isAccessControlled());
    const QString text = id.toString();
    QCOMPARE(text.size(), 56); // the daemon's shape: "bafk" + 52 characters
    QVERIFY(text.startsWith(u"bafk"));
    QCOMPARE(StoreId::fromString(text).value_or(StoreId()), id);
    QCOMPARE(StoreId::fromBinary(id.bytes()).value_or(StoreId()), id);
    QVERIFY(StoreId::generate() != id);
    const StoreId acl = StoreId::generate(StoreId::Variant::AccessControlled);
    QVERIFY(acl.isAccessControlled());
    QVERIFY(acl.toString().startsWith(u"bafy"));
}

void TestEncoding::storeIdKnown()
{
    QByteArray bytes = QByteArray::fromHex("0155");
    for (int i = 1; i <= 32; ++i)
        bytes.append(static_cast<char>(i));
    const QString text = u"bafkqcaqdaqcqmbyibefawdanbyhraeiscmkbkfqxdamrugy4dupb6ia"_s;
    QCOMPARE(StoreId::fromBinary(bytes)->toString(), text);
    QCOMPARE(StoreId::fromString(text)->bytes(), bytes);
    // Any multibase prefix is accepted on input.
    QCOMPARE(StoreId::fromString(encoding::multibaseEncode(bytes, u'z'))->bytes(), bytes);
    QCOMPARE(StoreId::fromString(text.toUpper().replace(0, 1, u'B'))->bytes(), bytes);
    // The example in threads-api.md §4.1.
    QVERIFY(StoreId::fromString(u"bafkwwgrwdn35tqvq77amwknlii2tibuclyhgfagtwfuqminmsq3fe5i"));
    QVERIFY(!StoreId().isValid());
    QVERIFY(StoreId().toString().isEmpty());
    QCOMPARE(QVariant::fromValue(*StoreId::fromBinary(bytes)).value<StoreId>().bytes(), bytes);
}

void TestEncoding::storeIdHashAndOrder()
{
    const StoreId a = *StoreId::fromBinary(QByteArray::fromHex("015501"));
    const StoreId b = *StoreId::fromBinary(QByteArray::fromHex("015502"));
    QVERIFY(a < b);
    QMap<StoreId, int> map{{b, 2}, {a, 1}};
    QCOMPARE(map.firstKey(), a);
    QHash<StoreId, int> hash{{a, 1}, {b, 2}};
    QCOMPARE(hash.value(*StoreId::fromString(a.toString())), 1);
}

void TestEncoding::badStoreId_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QByteArray() << u"empty"_s;
    QTest::newRow("version 2") << QByteArray::fromHex("025501") << u"version 2"_s;
    QTest::newRow("variant") << QByteArray::fromHex("015601") << u"variant 0x56 (byte offset 1)"_s;
    QTest::newRow("no random bytes") << QByteArray::fromHex("0155") << u"no random bytes"_s;
    QTest::newRow("truncated varint") << QByteArray::fromHex("0180") << u"buffer too small"_s;
    QTest::newRow("huge version") << QByteArray::fromHex("ffffffffffffffffffff01")
                                  << u"bigger than 64 bits"_s;
}

void TestEncoding::badStoreId()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!StoreId::fromBinary(bytes, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    // The same problems reported for the text form.
    if (!bytes.isEmpty()) {
        error.clear();
        QVERIFY(!StoreId::fromString(encoding::multibaseEncode(bytes), &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }
}

void TestEncoding::storeKey()
{
    QByteArray bytes;
    for (int i = 0; i < 32; ++i)
        bytes.append(static_cast<char>(0xa0 + i % 16));
    for (int i = 0; i < 32; ++i)
        bytes.append(static_cast<char>((7 * i + 3) % 256));
    const QString text = u"bucq2fi5euwtkpkfjvkv2zlnov6qkdivduss2nj5ivgvkxlfnv2xqgcqrdapsmljuhnbesucx"
                         u"lzswy432qgei7fu5usv3fooay7hnlxa"_s;
    const auto key = StoreKey::fromString(text);
    QVERIFY(key);
    QCOMPARE(key->bytes(), bytes);
    QCOMPARE(key->toString(), text);
    QCOMPARE(key->toString().size(), 104);
    QVERIFY(key->hasReadKey());
    QCOMPARE(key->serviceKey(), bytes.left(32));
    QCOMPARE(key->readKey(), bytes.mid(32));
    QCOMPARE(key->masked(), u"bucq…(hidden)"_s);
    QVERIFY(!key->masked().contains(text.mid(4, 8)));

    // The examples in go-threads' key.go.
    const auto full = StoreKey::fromString(
        u"brv7t5l2h55uklz5qwpntcat26csaasfchzof3emmdy6povabcd3a2to2qdkqdkto2prfhizerqqudqsdvwh"
        u"erbiy4nazqxjejgdr4oy");
    QVERIFY(full && full->hasReadKey());
    const auto service = StoreKey::fromString(u"bp2vvqody5zm6yqycsnazb4kpqvycbdosos352zvpsorxce5koh7q");
    QVERIFY(service && service->isValid() && !service->hasReadKey());
    QCOMPARE(service->toString().size(), 53);
    QVERIFY(service->readKey().isEmpty());

    const StoreKey generated = StoreKey::generate();
    QCOMPARE(generated.bytes().size(), 64);
    QCOMPARE(StoreKey::fromString(generated.toString()).value_or(StoreKey()), generated);
    QCOMPARE(StoreKey::fromParts(bytes.left(32), bytes.mid(32)).value_or(StoreKey()), *key);
    QVERIFY(!StoreKey().isValid());
    QCOMPARE(StoreKey().masked(), u"(no key)"_s);
    QCOMPARE(QVariant::fromValue(*key).value<StoreKey>(), *key);
}

void TestEncoding::badStoreKey_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    const QString good = encoding::multibaseEncode(QByteArray(64, '\x5a'));
    QTest::newRow("empty") << QString() << u"empty"_s;
    QTest::newRow("33 bytes") << encoding::multibaseEncode(QByteArray(33, 'k'))
                              << u"not 33 bytes"_s;
    QTest::newRow("bad character")
        << QString(good).replace(10, 1, u'1') << u"base32: character '1' at position 11"_s;
    QTest::newRow("bad prefix") << u'x' + good.mid(1) << u"unknown multibase prefix 'x'"_s;
    QTest::newRow("truncated") << good.left(good.size() - 1) << u"truncated"_s;
    // Refused by length before the (quadratic) base58 decoding: 60,000 characters took 1-3 s.
    QTest::newRow("60k base58") << u'z' + QString(60000, u'2')
                                << u"the key text has 60001 characters; a thread key's text has at most 129"_s;
    QTest::newRow("hex + 1") << encoding::multibaseEncode(QByteArray(64, '\x5a'), u'f') + u'0'
                             << u"has 130 characters"_s;
}

void TestEncoding::longestTexts()
{
    // The longest texts the bounds still accept.
    const QString hexKey = encoding::multibaseEncode(QByteArray(64, '\x5a'), u'f');
    QCOMPARE(hexKey.size(), StoreKey::MaxTextLength);
    QVERIFY(StoreKey::fromString(hexKey));
    QString error;
    const auto decoded = encoding::fromBase58(QString(encoding::MaxBase58Length, u'2'), &error);
    QVERIFY2(decoded, qPrintable(error));
    QCOMPARE(encoding::toBase58(*decoded), QString(encoding::MaxBase58Length, u'2'));
}

void TestEncoding::badStoreKey()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!StoreKey::fromString(text, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    // A key is a secret: the message never quotes it.
    if (text.size() > 8)
        QVERIFY2(!error.contains(text.mid(2, 6)), qPrintable(error));
}

QTEST_APPLESS_MAIN(TestEncoding)

#include "tst_encoding.moc"
