#include "query.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using loom::Op;
using loom::Query;
using loom::Sort;

Q_DECLARE_METATYPE(loom::Query)
Q_DECLARE_METATYPE(loom::Sort)

namespace {

QJsonObject parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("bad JSON in test: %s", json.constData());
    return doc.object();
}

QByteArray text(const Query &q)
{
    return q.toJson();
}

} // namespace

class tst_Query : public QObject
{
    Q_OBJECT

private slots:
    void opSymbols_data();
    void opSymbols();
    void opFromSymbolRefuses();
    void builderToJson_data();
    void builderToJson();
    void emptyQueryIsBraces();
    void builderOnNamedQuery();
    void roundTrip_data();
    void roundTrip();
    void fromJsonAccepts_data();
    void fromJsonAccepts();
    void fromJsonRefuses_data();
    void fromJsonRefuses();
    void fromJsonNotJson();
    void fromJsonClearsError();
    void validate_data();
    void validate();
    void warnings_data();
    void warnings();
    void wireJson_data();
    void wireJson();
    void sortPage_data();
    void sortPage();
    void displayString_data();
    void displayString();
};

void tst_Query::opSymbols_data()
{
    QTest::addColumn<Op>("op");
    QTest::addColumn<QString>("symbol");
    QTest::newRow("eq") << Op::Eq << u"="_s;
    QTest::newRow("ne") << Op::Ne << u"!="_s;
    QTest::newRow("gt") << Op::Gt << u">"_s;
    QTest::newRow("lt") << Op::Lt << u"<"_s;
    QTest::newRow("ge") << Op::Ge << u">="_s;
    QTest::newRow("le") << Op::Le << u"<="_s;
}

void tst_Query::opSymbols()
{
    QFETCH(Op, op);
    QFETCH(QString, symbol);
    QCOMPARE(loom::opSymbol(op), symbol);
    QCOMPARE(loom::opFromSymbol(symbol), std::optional<Op>(op));
}

void tst_Query::opFromSymbolRefuses()
{
    QCOMPARE(loom::opFromSymbol(u"=="), std::optional<Op>(Op::Eq));
    QCOMPARE(loom::opFromSymbol(u"=>"), std::nullopt);
    QCOMPARE(loom::opFromSymbol(u""), std::nullopt);
    QCOMPARE(loom::opSymbol(static_cast<Op>(7)), u"?"_s);
}

void tst_Query::builderToJson_data()
{
    QTest::addColumn<Query>("query");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("empty") << Query() << QByteArray("{}");
    QTest::newRow("number") << Query::where(u"age"_s, Op::Ge, 18)
                            << QByteArray(R"({"ands":[{"fieldPath":"age","operation":4,"value":{"float":18}}]})");
    QTest::newRow("fraction") << Query::where(u"score"_s, Op::Lt, 1.5)
                              << QByteArray(R"({"ands":[{"fieldPath":"score","operation":3,"value":{"float":1.5}}]})");
    QTest::newRow("large integer") << Query::where(u"_mod"_s, Op::Gt, qint64(1700000000000000001))
                                   << QByteArray(R"({"ands":[{"fieldPath":"_mod","operation":2,"value":{"float":1700000000000000001}}]})");
    QTest::newRow("string") << Query::where(u"name"_s, Op::Eq, u"Ann"_s)
                            << QByteArray(R"({"ands":[{"fieldPath":"name","operation":0,"value":{"string":"Ann"}}]})");
    QTest::newRow("bool") << Query::where(u"a.b"_s, Op::Ne, true)
                          << QByteArray(R"({"ands":[{"fieldPath":"a.b","operation":1,"value":{"bool":true}}]})");
    QTest::newRow("full") << Query::where(u"age"_s, Op::Ge, 18)
                                 .andWhere(u"name"_s, Op::Le, u"M"_s)
                                 .orderBy(u"name"_s, true)
                                 .withLimit(50)
                                 .withSkip(1)
                                 .seekTo(u"01abc"_s)
                                 .useIndex(u"age"_s)
                          << QByteArray(R"({"ands":[{"fieldPath":"age","operation":4,"value":{"float":18}},
                                                   {"fieldPath":"name","operation":5,"value":{"string":"M"}}],
                                           "sort":{"fieldPath":"name","desc":true},"seek":"01abc",
                                           "limit":50,"skip":1,"index":"age"})");
    QTest::newRow("ors") << Query::where(u"a"_s, Op::Eq, 1).orWhere(Query::where(u"b"_s, Op::Gt, 2).andWhere(u"c"_s, Op::Eq, false))
                         << QByteArray(R"({"ands":[{"fieldPath":"a","operation":0,"value":{"float":1}}],
                                          "ors":[{"ands":[{"fieldPath":"b","operation":2,"value":{"float":2}},
                                                          {"fieldPath":"c","operation":0,"value":{"bool":false}}]}]})");
    QTest::newRow("sort ascending") << Query().orderBy(u"_id"_s)
                                    << QByteArray(R"({"sort":{"fieldPath":"_id","desc":false}})");
}

void tst_Query::builderToJson()
{
    QFETCH(Query, query);
    QFETCH(QByteArray, expected);
    QCOMPARE(parse(query.toJson()), parse(expected));
    QCOMPARE(query.toJsonObject(), parse(expected));
    QVERIFY(!query.toJson().contains('\n'));
}

void tst_Query::emptyQueryIsBraces()
{
    QCOMPARE(Query().toJson(), QByteArray("{}"));
    QVERIFY(Query().isEmpty());
    QVERIFY(!Query().withLimit(1).isEmpty());
    QVERIFY(!Query().orderBy(u"_id"_s).isEmpty());
}

void tst_Query::builderOnNamedQuery()
{
    Query q;
    q.andWhere(u"x"_s, Op::Eq, 1).withLimit(3).orderBy(u"x"_s);
    QCOMPARE(q.ands().size(), 1);
    QCOMPARE(q.ands().first().fieldPath, u"x"_s);
    QCOMPARE(q.ands().first().value, QJsonValue(1));
    QCOMPARE(q.limit(), 3);
    QCOMPARE(q.sort(), std::optional<Sort>(Sort{u"x"_s, false}));
    q.setSort(std::nullopt);
    QCOMPARE(q.sort(), std::nullopt);
    QCOMPARE(q.skip(), 0);
    QCOMPARE(q.seek(), QString());
    QCOMPARE(q.index(), QString());
    QVERIFY(q.ors().isEmpty());
}

void tst_Query::roundTrip_data()
{
    builderToJson_data();
}

void tst_Query::roundTrip()
{
    QFETCH(Query, query);
    QString error = u"stale"_s;
    const auto parsed = Query::fromJson(query.toJson(), &error);
    QVERIFY2(parsed, qPrintable(error));
    QVERIFY2(*parsed == query, text(*parsed).constData());
    QCOMPARE(parse(parsed->toJson()), parse(query.toJson()));
}

void tst_Query::fromJsonAccepts_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<Query>("expected");

    const Query ageSortLimit = Query::where(u"age"_s, Op::Ge, 18).orderBy(u"x"_s, true).withLimit(5);
    QTest::newRow("Go client case")
        << QByteArray(R"({"Ands":[{"FieldPath":"age","Operation":4,"Value":{"Float":18}}],
                         "Sort":{"FieldPath":"x","Desc":true},"Limit":5})")
        << ageSortLimit;
    QTest::newRow("all lower case")
        << QByteArray(R"({"ands":[{"fieldpath":"age","operation":4,"value":{"float":18}}],
                         "sort":{"fieldpath":"x","desc":true},"limit":5})")
        << ageSortLimit;
    QTest::newRow("all upper case")
        << QByteArray(R"({"ANDS":[{"FIELDPATH":"age","OPERATION":4,"VALUE":{"FLOAT":18}}],
                         "SORT":{"FIELDPATH":"x","DESC":true},"LIMIT":5})")
        << ageSortLimit;
    QTest::newRow("whole numbers written as decimals")
        << QByteArray(R"({"ands":[{"fieldPath":"age","operation":4.0,"value":{"float":18}}],
                         "sort":{"fieldPath":"x","desc":true},"limit":5.0})")
        << ageSortLimit;
    QTest::newRow("nulls mean absent")
        << QByteArray(R"({"ands":[{"fieldPath":"a","operation":null,"value":{"string":null,"bool":null,"float":3}}],
                         "ors":null,"sort":null,"seek":null,"limit":null,"skip":null,"index":null})")
        << Query::where(u"a"_s, Op::Eq, 3);
    QTest::newRow("operation omitted is equal")
        << QByteArray(R"({"ands":[{"fieldPath":"a","value":{"bool":true}}]})") << Query::where(u"a"_s, Op::Eq, true);
    QTest::newRow("empty sort") << QByteArray(R"({"sort":{}})") << Query();
    QTest::newRow("sort without field") << QByteArray(R"({"sort":{"fieldPath":"","desc":false}})") << Query();
    QTest::newRow("empty lists") << QByteArray(R"({"ands":[],"ors":[]})") << Query();
    QTest::newRow("nested ors")
        << QByteArray(R"({"ands":[{"fieldPath":"a","operation":0,"value":{"float":1}}],
                         "ors":[{"Ands":[{"fieldPath":"b","operation":1,"value":{"string":"x"}}]}]})")
        << Query::where(u"a"_s, Op::Eq, 1).orWhere(Query::where(u"b"_s, Op::Ne, u"x"_s));
    QTest::newRow("seek skip index")
        << QByteArray(R"({"seek":"01f","skip":1,"limit":10,"index":"age"})")
        << Query().seekTo(u"01f"_s).withSkip(1).withLimit(10).useIndex(u"age"_s);
    QTest::newRow("surrounding space") << QByteArray("  \n{}\n") << Query();
}

void tst_Query::fromJsonAccepts()
{
    QFETCH(QByteArray, json);
    QFETCH(Query, expected);
    QString error;
    const auto parsed = Query::fromJson(json, &error);
    QVERIFY2(parsed, qPrintable(error));
    QVERIFY2(*parsed == expected, text(*parsed).constData());
}

void tst_Query::fromJsonRefuses_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");

    const auto crit = [](const char *operationAndValue) -> QByteArray {
        return QByteArray(R"({"ands":[{"fieldPath":"a",)") + operationAndValue + "}]}";
    };
    QTest::newRow("empty") << QByteArray() << u"the query is empty; {} finds every instance"_s;
    QTest::newRow("blank") << QByteArray(" \n") << u"the query is empty; {} finds every instance"_s;
    QTest::newRow("array") << QByteArray("[1]") << u"the query must be a JSON object"_s;
    QTest::newRow("operation out of range")
        << QByteArray(R"({"ands":[{"fieldPath":"a","operation":0,"value":{"float":1}},
                                   {"fieldPath":"b","operation":5,"value":{"float":1}},
                                   {"fieldPath":"c","operation":7,"value":{"float":1}}]})")
        << u"ands[2].operation: 7 is not an operation (0-5)"_s;
    QTest::newRow("operation negative") << crit(R"("operation":-1,"value":{"float":1})")
                                        << u"ands[0].operation: -1 is not an operation (0-5)"_s;
    QTest::newRow("operation fraction") << crit(R"("operation":2.5,"value":{"float":1})")
                                        << u"ands[0].operation: 2.5 is not an operation (0-5)"_s;
    QTest::newRow("operation string") << crit(R"("operation":"4","value":{"float":1})")
                                      << u"ands[0].operation: \"4\" is not an operation (0-5)"_s;
    QTest::newRow("value missing") << crit(R"("operation":0)")
                                   << u"ands[0].value: missing; give exactly one of string, bool or float"_s;
    QTest::newRow("value null") << crit(R"("value":null)")
                                << u"ands[0].value: missing; give exactly one of string, bool or float"_s;
    QTest::newRow("value empty") << crit(R"("value":{})")
                                 << u"ands[0].value: has none of string, bool or float; give exactly one"_s;
    QTest::newRow("value only nulls") << crit(R"("value":{"string":null,"float":null})")
                                      << u"ands[0].value: has none of string, bool or float; give exactly one"_s;
    QTest::newRow("value two") << crit(R"("value":{"string":"x","float":1})")
                               << u"ands[0].value: has string and float; give exactly one"_s;
    QTest::newRow("value three") << crit(R"("value":{"string":"x","bool":true,"float":1})")
                                 << u"ands[0].value: has string, bool and float; give exactly one"_s;
    QTest::newRow("value plain")
        << crit(R"("value":"x")")
        << u"ands[0].value: must be an object with exactly one of string, bool or float, like {\"float\": 18}"_s;
    QTest::newRow("value.float text") << crit(R"("value":{"float":"1"})")
                                      << u"ands[0].value.float: must be a number, not \"1\""_s;
    QTest::newRow("value.bool number") << crit(R"("value":{"bool":1})")
                                       << u"ands[0].value.bool: must be true or false, not 1"_s;
    QTest::newRow("value.string number") << crit(R"("value":{"String":1})")
                                         << u"ands[0].value.string: must be a string, not 1"_s;
    QTest::newRow("value unknown key")
        << crit(R"("value":{"int":1})")
        << u"ands[0].value.int: unknown key (the daemon would silently ignore it)"_s;
    QTest::newRow("fieldPath in two cases") << crit(R"("fieldpath":3)") << u"ands[0].fieldPath: given twice (as \"fieldPath\" and \"fieldpath\"); the daemon would keep only one of them"_s;
    QTest::newRow("fieldPath type") << QByteArray(R"({"ands":[{"fieldPath":3,"value":{"float":1}}]})")
                                    << u"ands[0].fieldPath: must be a string, not 3"_s;
    QTest::newRow("criterion typo")
        << crit(R"("operaton":1,"value":{"float":1})")
        << u"ands[0].operaton: unknown key (the daemon would silently ignore it); did you mean \"operation\"?"_s;
    QTest::newRow("limit negative") << QByteArray(R"({"limit":-1})") << u"limit: -1 is negative"_s;
    QTest::newRow("limit fraction") << QByteArray(R"({"limit":1.5})") << u"limit: 1.5 is not a whole number"_s;
    QTest::newRow("limit text") << QByteArray(R"({"limit":"5"})") << u"limit: \"5\" is not a whole number"_s;
    QTest::newRow("skip negative") << QByteArray(R"({"Skip":-2})") << u"skip: -2 is negative"_s;
    QTest::newRow("skip huge") << QByteArray(R"({"skip":3000000000})") << u"skip: 3000000000 is too large"_s;
    QTest::newRow("unknown top-level key")
        << QByteArray(R"({"frobnicate":1})") << u"frobnicate: unknown key (the daemon would silently ignore it)"_s;
    QTest::newRow("top-level typo")
        << QByteArray(R"({"limt":5})")
        << u"limt: unknown key (the daemon would silently ignore it); did you mean \"limit\"?"_s;
    QTest::newRow("where instead of ands")
        << QByteArray(R"({"where":[]})") << u"where: unknown key (the daemon would silently ignore it)"_s;
    QTest::newRow("same key in two cases")
        << QByteArray(R"({"limit":1,"Limit":2})")
        << u"limit: given twice (as \"Limit\" and \"limit\"); the daemon would keep only one of them"_s;
    QTest::newRow("ands object") << QByteArray(R"({"ands":{}})") << u"ands: must be an array, not {}"_s;
    QTest::newRow("ands null entry") << QByteArray(R"({"ands":[null]})")
                                     << u"ands[0]: null entry (it would crash the daemon)"_s;
    QTest::newRow("ands number entry") << QByteArray(R"({"ands":[1]})") << u"ands[0]: must be an object, not 1"_s;
    QTest::newRow("ors null entry") << QByteArray(R"({"ors":[{},null]})")
                                    << u"ors[1]: null entry (it would crash the daemon)"_s;
    QTest::newRow("nested operation")
        << QByteArray(R"({"ors":[{},{"ands":[{"fieldPath":"a","operation":9,"value":{"float":1}}]}]})")
        << u"ors[1].ands[0].operation: 9 is not an operation (0-5)"_s;
    QTest::newRow("nested unknown key") << QByteArray(R"({"ors":[{"sortt":1}]})")
                                        << u"ors[0].sortt: unknown key (the daemon would silently ignore it); did you mean \"sort\"?"_s;
    QTest::newRow("sort string")
        << QByteArray(R"({"sort":"name"})")
        << u"sort: must be an object like {\"fieldPath\": \"name\", \"desc\": false}"_s;
    QTest::newRow("sort desc text") << QByteArray(R"({"sort":{"fieldPath":"a","desc":"yes"}})")
                                    << u"sort.desc: must be true or false, not \"yes\""_s;
    QTest::newRow("sort desc without field")
        << QByteArray(R"({"sort":{"desc":true}})")
        << u"sort.fieldPath: missing; the daemon ignores a sort without a field (use \"_id\" for storage order)"_s;
    QTest::newRow("sort unknown key") << QByteArray(R"({"sort":{"field":"a"}})")
                                      << u"sort.field: unknown key (the daemon would silently ignore it)"_s;
    QTest::newRow("seek number") << QByteArray(R"({"seek":5})") << u"seek: must be a string, not 5"_s;
    QTest::newRow("index bool") << QByteArray(R"({"index":true})") << u"index: must be a string, not true"_s;
}

void tst_Query::fromJsonRefuses()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    QString error;
    QCOMPARE(Query::fromJson(json, &error), std::nullopt);
    QCOMPARE(error, message);
    QCOMPARE(Query::fromJson(json), std::nullopt); // error pointer is optional
}

void tst_Query::fromJsonNotJson()
{
    QString error;
    QCOMPARE(Query::fromJson("{\"limit\": }", &error), std::nullopt);
    QVERIFY2(error.startsWith(u"not JSON: "_s), qPrintable(error));
    QVERIFY2(error.contains(u" at offset "_s), qPrintable(error));
}

void tst_Query::fromJsonClearsError()
{
    QString error = u"old"_s;
    QVERIFY(Query::fromJson("{}", &error));
    QVERIFY(error.isEmpty());
}

void tst_Query::validate_data()
{
    QTest::addColumn<Query>("query");
    QTest::addColumn<QString>("problem");

    QTest::newRow("empty") << Query() << QString();
    QTest::newRow("fine") << Query::where(u"age"_s, Op::Ge, 18)
                                 .andWhere(u"ok"_s, Op::Ne, false)
                                 .orWhere(Query::where(u"name"_s, Op::Eq, u"Ann"_s))
                                 .orderBy(u"name"_s)
                                 .withLimit(10)
                                 .withSkip(2)
                          << QString();
    QTest::newRow("skip without limit") << Query().withSkip(5)
                                        << u"skip without limit returns nothing on the daemon — give a limit"_s;
    QTest::newRow("negative limit") << Query().withLimit(-1) << u"limit: must not be negative"_s;
    QTest::newRow("negative skip") << Query().withLimit(1).withSkip(-1) << u"skip: must not be negative"_s;
    QTest::newRow("empty field path") << Query::where(QString(), Op::Eq, 1)
                                      << u"ands[0].fieldPath: empty field path"_s;
    QTest::newRow("empty path part")
        << Query::where(u"a"_s, Op::Eq, 1).andWhere(u"a..b"_s, Op::Eq, 1)
        << u"ands[1].fieldPath: \"a..b\" has an empty part (paths are names separated by single dots)"_s;
    QTest::newRow("trailing dot") << Query::where(u"a."_s, Op::Eq, 1)
                                  << u"ands[0].fieldPath: \"a.\" has an empty part (paths are names separated by single dots)"_s;
    QTest::newRow("bad operation") << Query::where(u"a"_s, static_cast<Op>(7), 1)
                                   << u"ands[0].operation: 7 is not an operation (0-5)"_s;
    QTest::newRow("null value") << Query::where(u"a"_s, Op::Eq, QJsonValue())
                                << u"ands[0].value: must be a string, a boolean or a number, not null"_s;
    QTest::newRow("array value") << Query::where(u"a"_s, Op::Eq, QJsonArray{1})
                                 << u"ands[0].value: must be a string, a boolean or a number, not [1]"_s;
    QTest::newRow("infinite value") << Query::where(u"a"_s, Op::Lt, qInf())
                                    << u"ands[0].value: must be a finite number"_s;
    QTest::newRow("bool greater") << Query::where(u"ok"_s, Op::Gt, true)
                                  << u"ands[0]: booleans can only be compared with = or != (not >)"_s;
    QTest::newRow("bool less or equal") << Query::where(u"ok"_s, Op::Le, false)
                                        << u"ands[0]: booleans can only be compared with = or != (not <=)"_s;
    QTest::newRow("empty sort field") << Query().orderBy(QString()) << u"sort.fieldPath: empty field path"_s;
    QTest::newRow("index on other path")
        << Query::where(u"age"_s, Op::Gt, 1).andWhere(u"name"_s, Op::Eq, u"x"_s).useIndex(u"age"_s)
        << u"ands[1].fieldPath: \"name\" is not the index field \"age\"; with an index every criterion must be on the indexed field"_s;
    QTest::newRow("index on other path in ors")
        << Query::where(u"age"_s, Op::Gt, 1).orWhere(Query::where(u"name"_s, Op::Eq, 1)).useIndex(u"age"_s)
        << u"ors[0].ands[0].fieldPath: \"name\" is not the index field \"age\"; with an index every criterion must be on the indexed field"_s;
    QTest::newRow("index on matching path") << Query::where(u"age"_s, Op::Gt, 1).useIndex(u"age"_s) << QString();
    QTest::newRow("index _id") << Query().useIndex(u"_id"_s)
                               << u"index: _id is always indexed and cannot be named; leave the index empty"_s;
    QTest::newRow("ors without ands")
        << Query().orWhere(Query::where(u"a"_s, Op::Eq, 1))
        << u"ors: without ands the daemon matches every instance and ignores ors; put the first alternative in ands"_s;
    QTest::newRow("empty alternative")
        << Query::where(u"a"_s, Op::Eq, 1).orWhere(Query())
        << u"ors[0]: an alternative without criteria (ands) matches every instance"_s;
    QTest::newRow("alternative with limit")
        << Query::where(u"a"_s, Op::Eq, 1).orWhere(Query::where(u"b"_s, Op::Eq, 1).withLimit(3))
        << u"ors[0]: sort, limit, skip, seek and index only apply to the top-level query"_s;
    QTest::newRow("nested bad op")
        << Query::where(u"a"_s, Op::Eq, 1).orWhere(Query::where(u"b"_s, Op::Eq, 1).andWhere(u"c"_s, static_cast<Op>(-1), 1))
        << u"ors[0].ands[1].operation: -1 is not an operation (0-5)"_s;
}

void tst_Query::validate()
{
    QFETCH(Query, query);
    QFETCH(QString, problem);
    QCOMPARE(query.validate(), problem);
}

void tst_Query::warnings_data()
{
    QTest::addColumn<Query>("query");
    QTest::addColumn<QStringList>("fragments"); // one fragment per expected warning, in order

    const QString truncates = u"stop the daemon's scan at the first instance where the field is missing"_s;
    QTest::newRow("empty") << Query() << QStringList();
    QTest::newRow("_id only") << Query::where(u"_id"_s, Op::Gt, u"01a"_s).orderBy(u"_id"_s, true).withLimit(5)
                              << QStringList();
    QTest::newRow("one field") << Query::where(u"age"_s, Op::Ge, 18)
                               << QStringList{u"other than _id (age) "_s + truncates};
    QTest::newRow("fields listed once")
        << Query::where(u"age"_s, Op::Ge, 18)
               .andWhere(u"name"_s, Op::Eq, u"x"_s)
               .andWhere(u"age"_s, Op::Le, 99)
               .orWhere(Query::where(u"city"_s, Op::Eq, u"Oslo"_s))
        << QStringList{u"(age, name, city)"_s};
    QTest::newRow("page sort") << Query().orderBy(u"name"_s).withLimit(10)
                               << QStringList{u"Sorting by \"name\" orders only the returned page"_s};
    QTest::newRow("sort without limit") << Query().orderBy(u"name"_s) << QStringList();
    QTest::newRow("index") << Query::where(u"age"_s, Op::Gt, 3).useIndex(u"age"_s)
                           << QStringList{truncates, u"With index \"age\", results follow the index's text order"_s};
}

void tst_Query::warnings()
{
    QFETCH(Query, query);
    QFETCH(QStringList, fragments);
    const QStringList actual = query.warnings();
    QCOMPARE(actual.size(), fragments.size());
    for (qsizetype i = 0; i < actual.size(); ++i)
        QVERIFY2(actual.at(i).contains(fragments.at(i)), qPrintable(actual.at(i)));
}

void tst_Query::wireJson_data()
{
    QTest::addColumn<Query>("query");
    QTest::addColumn<bool>("client");
    QTest::addColumn<QByteArray>("wire");

    QTest::newRow("no sort") << Query().withLimit(5) << false << QByteArray(R"({"limit":5})");
    QTest::newRow("_id sort kept") << Query().orderBy(u"_id"_s, true).withLimit(5) << false
                                   << QByteArray(R"({"sort":{"fieldPath":"_id","desc":true},"limit":5})");
    QTest::newRow("field sort removed") << Query::where(u"a"_s, Op::Eq, 1).orderBy(u"name"_s).withLimit(5) << true
                                        << QByteArray(R"({"ands":[{"fieldPath":"a","operation":0,"value":{"float":1}}],"limit":5})");
    QTest::newRow("sort alone removed") << Query().orderBy(u"name"_s, true) << true << QByteArray("{}");
    Query inner = Query::where(u"b"_s, Op::Eq, 2).orderBy(u"x"_s);
    QTest::newRow("nested sort removed")
        << Query::where(u"a"_s, Op::Eq, 1).orWhere(inner) << false
        << QByteArray(R"({"ands":[{"fieldPath":"a","operation":0,"value":{"float":1}}],
                         "ors":[{"ands":[{"fieldPath":"b","operation":0,"value":{"float":2}}]}]})");
}

void tst_Query::wireJson()
{
    QFETCH(Query, query);
    QFETCH(bool, client);
    QFETCH(QByteArray, wire);
    QCOMPARE(query.sortsOnClient(), client);
    QCOMPARE(parse(query.toWireJson()), parse(wire));
    if (!client && query.ors().isEmpty())
        QCOMPARE(query.toWireJson(), query.toJson());
}

void tst_Query::sortPage_data()
{
    QTest::addColumn<QByteArray>("instances");
    QTest::addColumn<Sort>("sort");
    QTest::addColumn<QStringList>("order"); // expected _id order

    const QByteArray mixed = R"([
        {"_id":"str-b","x":"b"}, {"_id":"int-10","x":10}, {"_id":"null","x":null},
        {"_id":"obj","x":{"k":1}}, {"_id":"true","x":true}, {"_id":"big+1","x":1700000000000000001},
        {"_id":"missing"}, {"_id":"frac","x":1.5}, {"_id":"arr","x":[1]}, {"_id":"false","x":false},
        {"_id":"big","x":1700000000000000000}, {"_id":"str-a","x":"a"}, {"_id":"int-9","x":9},
        {"_id":"neg","x":-3.25}])";
    QTest::newRow("mixed ascending")
        << mixed << Sort{u"x"_s, false}
        << QStringList{u"null"_s, u"missing"_s, u"false"_s, u"true"_s, u"neg"_s, u"frac"_s, u"int-9"_s,
                       u"int-10"_s, u"big"_s, u"big+1"_s, u"str-a"_s, u"str-b"_s, u"arr"_s, u"obj"_s};
    // (Arrays before objects: the one total order of jsonrules.h, which the browser's sorting
    // used already; core used to let them tie.)
    QTest::newRow("mixed descending")
        << mixed << Sort{u"x"_s, true}
        << QStringList{u"obj"_s, u"arr"_s, u"str-b"_s, u"str-a"_s, u"big+1"_s, u"big"_s, u"int-10"_s,
                       u"int-9"_s, u"frac"_s, u"neg"_s, u"true"_s, u"false"_s, u"null"_s, u"missing"_s};
    QTest::newRow("stable ties")
        << QByteArray(R"([{"_id":"a","n":2},{"_id":"b","n":1},{"_id":"c","n":2},{"_id":"d","n":1.0}])")
        << Sort{u"n"_s, false} << QStringList{u"b"_s, u"d"_s, u"a"_s, u"c"_s};
    QTest::newRow("dot path")
        << QByteArray(R"([{"_id":"a","p":{"q":3}},{"_id":"b","p":5},{"_id":"c","p":{"q":1}},{"_id":"d"}])")
        << Sort{u"p.q"_s, false} << QStringList{u"b"_s, u"d"_s, u"c"_s, u"a"_s};
    QTest::newRow("code point order")
        << QByteArray(R"([{"_id":"emoji","s":"\ud83d\ude00"},{"_id":"fullwidth","s":"\uff21"},{"_id":"A","s":"A"}])")
        << Sort{u"s"_s, false} << QStringList{u"A"_s, u"fullwidth"_s, u"emoji"_s};
    QTest::newRow("sort by _id") << QByteArray(R"([{"_id":"b"},{"_id":"a"},{"_id":"c"}])") << Sort{u"_id"_s, true}
                                 << QStringList{u"c"_s, u"b"_s, u"a"_s};
    QTest::newRow("empty field is a no-op") << QByteArray(R"([{"_id":"b"},{"_id":"a"}])") << Sort{QString(), false}
                                            << QStringList{u"b"_s, u"a"_s};
}

void tst_Query::sortPage()
{
    QFETCH(QByteArray, instances);
    QFETCH(Sort, sort);
    QFETCH(QStringList, order);
    QList<QJsonObject> page;
    const QJsonArray array = QJsonDocument::fromJson(instances).array();
    for (const QJsonValue &v : array)
        page.append(v.toObject());
    QCOMPARE(page.size(), order.size());
    Query::sortPage(page, sort);
    QStringList ids;
    for (const QJsonObject &o : std::as_const(page))
        ids.append(o.value(u"_id"_s).toString());
    QCOMPARE(ids, order);
}

void tst_Query::displayString_data()
{
    QTest::addColumn<Query>("query");
    QTest::addColumn<QString>("display");

    QTest::newRow("example") << Query::where(u"age"_s, Op::Ge, 18).andWhere(u"name"_s, Op::Eq, u"Ann"_s)
                                    .orderBy(u"name"_s, true).withLimit(50)
                             << u"age >= 18 AND name = \"Ann\" · sort name ↓ · limit 50"_s;
    QTest::newRow("empty") << Query() << u"all instances"_s;
    QTest::newRow("everything else") << Query().orderBy(u"_id"_s).seekTo(u"01f"_s).withSkip(1).withLimit(10).useIndex(u"age"_s)
                                     << u"all instances · sort _id ↑ · from 01f · skip 1 · limit 10 · index age"_s;
    QTest::newRow("ors") << Query::where(u"a"_s, Op::Eq, 1.5).andWhere(u"b"_s, Op::Ne, true)
                                .orWhere(Query::where(u"c"_s, Op::Lt, u"say \"hi\""_s))
                         << u"(a = 1.5 AND b != true) OR c < \"say \\\"hi\\\"\""_s;
    QTest::newRow("big number") << Query::where(u"_mod"_s, Op::Gt, qint64(1700000000000000001))
                                << u"_mod > 1700000000000000001"_s;
}

void tst_Query::displayString()
{
    QFETCH(Query, query);
    QFETCH(QString, display);
    QCOMPARE(query.toDisplayString(), display);
}

QTEST_APPLESS_MAIN(tst_Query)

#include "tst_query.moc"
