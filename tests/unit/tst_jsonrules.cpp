// The JSON value rules shared by the CLI and the GUI (core/jsonrules.h): whole numbers, the total
// order, paths, and matching a query's criteria against an entity as the daemon does.
#include "jsonrules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace loom;

class tst_JsonRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reservedNames()
    {
        QCOMPARE(QString(json::kIdField), u"_id"_s);
        QCOMPARE(QString(json::kModField), u"_mod"_s);
        const QJsonObject doc{{u"_id"_s, u"x"_s}};
        QCOMPARE(doc.value(json::kIdField).toString(), u"x"_s);
    }

    void wholeNumbers_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<bool>("whole");
        QTest::addColumn<qint64>("number");
        QTest::newRow("5") << QJsonValue(5) << true << qint64(5);
        QTest::newRow("5.0") << QJsonValue(5.0) << true << qint64(5);
        QTest::newRow("-3") << QJsonValue(-3) << true << qint64(-3);
        QTest::newRow("2^60") << QJsonValue(qint64(1) << 60) << true << (qint64(1) << 60);
        QTest::newRow("1.5") << QJsonValue(1.5) << false << qint64(0);
        QTest::newRow("1e300") << QJsonValue(1e300) << false << qint64(0);
        QTest::newRow("string") << QJsonValue(u"5"_s) << false << qint64(0);
        QTest::newRow("bool") << QJsonValue(true) << false << qint64(0);
    }
    void wholeNumbers()
    {
        QFETCH(QJsonValue, value);
        QFETCH(bool, whole);
        QFETCH(qint64, number);
        const auto n = json::wholeNumber(value);
        QCOMPARE(n.has_value(), whole);
        if (whole)
            QCOMPARE(*n, number);
    }

    void codePointOrder()
    {
        // U+1F600 (a surrogate pair in UTF-16) comes after U+FF21 by code point, though its first
        // UTF-16 unit (0xD83D) is smaller: UTF-16 order would put it first.
        const QString emoji = QString::fromUtf8("\xF0\x9F\x98\x80");
        const QString fullwidth = QString::fromUtf8("\xEF\xBC\xA1");
        QVERIFY(QString::compare(emoji, fullwidth) < 0);
        QVERIFY(json::compareCodePoints(emoji, fullwidth) > 0);
        QVERIFY(json::compareCodePoints(u"a", u"ab") < 0);
        QCOMPARE(json::compareCodePoints(u"ab", u"ab"), 0);
        QVERIFY(json::compare(QJsonValue(emoji), QJsonValue(fullwidth)) > 0);
    }

    void totalOrder()
    {
        // One value of each rank, in ascending order.
        const QList<QJsonValue> ascending = {
            QJsonValue(QJsonValue::Undefined), QJsonValue(false), QJsonValue(true), QJsonValue(-2.5), QJsonValue(9),
            QJsonValue(10), QJsonValue(qint64(1700000000000000000)), QJsonValue(qint64(1700000000000000001)),
            QJsonValue(u"a"_s), QJsonValue(u"b"_s), QJsonValue(QJsonArray{1}), QJsonValue(QJsonArray{1, 2}),
            QJsonValue(QJsonObject{{u"a"_s, 1}}), QJsonValue(QJsonObject{{u"a"_s, 1}, {u"b"_s, 2}}),
        };
        for (qsizetype i = 0; i < ascending.size(); ++i) {
            for (qsizetype j = 0; j < ascending.size(); ++j) {
                const int c = json::compare(ascending[i], ascending[j]);
                QVERIFY2(i < j ? c < 0 : i > j ? c > 0 : c == 0, qPrintable(u"%1 vs %2"_s.arg(i).arg(j)));
            }
        }
        QCOMPARE(json::compare(QJsonValue(QJsonValue::Null), QJsonValue(QJsonValue::Undefined)), 0);
        QCOMPARE(json::compare(QJsonValue(5), QJsonValue(5.0)), 0);
        QVERIFY(json::compare(QJsonValue(QJsonArray{1, 3}), QJsonValue(QJsonArray{1, 2})) > 0);
    }

    void paths()
    {
        const QJsonObject doc = QJsonDocument::fromJson(R"({"a":{"b":[10,{"c":"x"}]}})").object();
        QCOMPARE(json::valueAt(doc, {u"a"_s, u"b"_s, u"0"_s}).toInt(), 10);
        QCOMPARE(json::valueAt(doc, {u"a"_s, u"b"_s, u"1"_s, u"c"_s}).toString(), u"x"_s);
        QVERIFY(json::valueAt(doc, {u"a"_s, u"b"_s, u"7"_s}).isUndefined());
        QVERIFY(json::valueAt(doc, {u"a"_s, u"z"_s}).isUndefined());
        QCOMPARE(json::splitDotted(u"address.city"_s), (QStringList{u"address"_s, u"city"_s}));
        QVERIFY(json::splitDotted(QString()).isEmpty());
    }

    void matching()
    {
        const QJsonObject ann = QJsonDocument::fromJson(
            R"({"_id":"1","name":"Ann","age":31,"active":true,"address":{"city":"Oslo"}})").object();
        QVERIFY(json::matches(Query(), ann)); // no criteria
        QVERIFY(json::matches(Query::where(u"age"_s, Op::Gt, 30), ann));
        QVERIFY(!json::matches(Query::where(u"age"_s, Op::Gt, 31), ann));
        QVERIFY(json::matches(Query::where(u"age"_s, Op::Ge, 31.0), ann));
        QVERIFY(json::matches(Query::where(u"address.city"_s, Op::Eq, u"Oslo"_s), ann));
        QVERIFY(json::matches(Query::where(u"name"_s, Op::Lt, u"Bob"_s), ann));
        QVERIFY(json::matches(Query::where(u"active"_s, Op::Eq, true), ann));
        QVERIFY(!json::matches(Query::where(u"active"_s, Op::Gt, false), ann)); // booleans: = and != only
        QVERIFY(!json::matches(Query::where(u"age"_s, Op::Eq, u"31"_s), ann)); // another type: no match
        QVERIFY(!json::matches(Query::where(u"missing"_s, Op::Ne, 1), ann));    // a missing field: no match
        // Strings by code point, as the daemon compares UTF-8 bytes.
        const QJsonObject emoji{{u"s"_s, QString::fromUtf8("\xF0\x9F\x98\x80")}};
        QVERIFY(json::matches(Query::where(u"s"_s, Op::Gt, QString::fromUtf8("\xEF\xBC\xA1")), emoji));
        // Or.
        const Query either = Query::where(u"age"_s, Op::Lt, 18).orWhere(Query::where(u"name"_s, Op::Eq, u"Ann"_s));
        QVERIFY(json::matches(either, ann));
    }
};

QTEST_APPLESS_MAIN(tst_JsonRules)
#include "tst_jsonrules.moc"
