// Entities kept as compact JSON text (core/packedjson.h): packing and parsing again gives back
// exactly the object (key order, numbers as core parses them, unicode), and the quick reads of a
// top-level field agree with the parsed object.
#include "packedjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace loom;

namespace {

// As core parses what the daemon sends (conversions.cpp: parseInstance).
QJsonObject parsed(const char *json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &error);
    if (!doc.isObject())
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

const char *const kDocs[] = {
    "{\"_id\":\"01fz3q8m5v9d2k7x0c4b6n1p8r\",\"_mod\":1764752400123456789,\"n\":42,\"name\":\"Bob\",\"flag\":true}",
    "{\"zeta\":1,\"alpha\":2,\"Mid\":3,\"_id\":\"a\",\"nested\":{\"z\":1,\"a\":[1,2,{\"y\":null,\"b\":false}]}}",
    "{\"big\":9223372036854775807,\"small\":-9223372036854775808,\"over\":18446744073709551616,\"d\":1.5,\"e\":-2.5e-300,\"f\":1e300,\"g\":0.1,\"h\":-0}",
    "{\"unicode\":\"Grüße, 東京 😀\",\"esc\":\"a\\\"b\\\\c\\nd\\te\\u0001\",\"k\\\"ey\":1,\"ключ\":\"значение\",\"\":\"empty key\"}",
    "{\"arr\":[],\"obj\":{},\"null\":null,\"t\":true,\"f\":false,\"s\":\"\",\"n\":0}",
    "{\"n17\":12345678901234567,\"n18\":123456789012345678,\"n19\":1234567890123456789,\"neg18\":-123456789012345678}",
};

} // namespace

class tst_PackedJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("json");
        for (const char *doc : kDocs)
            QTest::newRow(doc) << QByteArray(doc);
    }
    void roundTrip()
    {
        QFETCH(QByteArray, json);
        const QJsonObject object = parsed(json.constData());
        const QByteArray packed = packedjson::pack(object);
        const QJsonObject back = packedjson::unpack(packed);
        QCOMPARE(back, object);
        QCOMPARE(back.keys(), object.keys()); // the same keys in the same order
        for (const QString &key : object.keys()) {
            // Same type too (an integer stays an integer: == alone would let 1 == 1.0 pass).
            QCOMPARE(back.value(key).toVariant().metaType(), object.value(key).toVariant().metaType());
            QCOMPARE(back.value(key), object.value(key));
        }
        // Packing is stable: what was packed once packs to the same text.
        QCOMPARE(packedjson::pack(back), packed);
        QCOMPARE(packedjson::fieldCount(packed), object.size());
    }

    void fields_data() { roundTrip_data(); }
    void fields()
    {
        QFETCH(QByteArray, json);
        const QJsonObject object = parsed(json.constData());
        const QByteArray packed = packedjson::pack(object);
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QJsonValue quick = packedjson::field(packed, it.key());
            QCOMPARE(quick, it.value());
            QCOMPARE(quick.toVariant().metaType(), it.value().toVariant().metaType());
        }
        QVERIFY(packedjson::field(packed, u"no such field"_s).isUndefined());
        QVERIFY(packedjson::field(packed, u"n"_s.repeated(3)).isUndefined());
    }

    void largeIntegers()
    {
        // _mod is nanoseconds since 1970: above 2^53, exact only as an integer.
        const QJsonObject object = parsed("{\"_mod\":1764752400123456789}");
        const QByteArray packed = packedjson::pack(object);
        QVERIFY(packed.contains("1764752400123456789"));
        QCOMPARE(packedjson::unpack(packed).value(u"_mod"_s).toInteger(), 1764752400123456789LL);
        QCOMPARE(packedjson::field(packed, u"_mod"_s).toInteger(), 1764752400123456789LL);
    }

    void emptyAndInvalid()
    {
        QVERIFY(packedjson::pack(QJsonObject()).isEmpty());
        QCOMPARE(packedjson::unpack(QByteArray()), QJsonObject());
        QCOMPARE(packedjson::fieldCount(QByteArray()), 0);
        QVERIFY(packedjson::field(QByteArray(), u"a"_s).isUndefined());
        QCOMPARE(packedjson::unpack("not json"), QJsonObject());
        QVERIFY(packedjson::field("{\"a\":", u"a"_s).isUndefined());
    }

    void packAllKeepsIds()
    {
        const QList<QJsonObject> objects{parsed(kDocs[0]), parsed(kDocs[1]), QJsonObject{{u"x"_s, 1}}};
        const QList<PackedInstance> packed = packedjson::packAll(objects);
        QCOMPARE(packed.size(), 3);
        QCOMPARE(packed[0].id, u"01fz3q8m5v9d2k7x0c4b6n1p8r"_s);
        QCOMPARE(packed[1].id, u"a"_s);
        QVERIFY(packed[2].id.isEmpty());
        for (qsizetype i = 0; i < objects.size(); ++i)
            QCOMPARE(packedjson::unpack(packed[i].json), objects[i]);
    }
};

QTEST_GUILESS_MAIN(tst_PackedJson)
#include "tst_packedjson.moc"
