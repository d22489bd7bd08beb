// The query language of the query bar (core/queryexpr.h): what each piece of text compiles to,
// the mistakes it refuses and the column it names, and the way back from a Query to text.
#include "queryexpr.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using loom::Op;
using loom::Query;

Q_DECLARE_METATYPE(loom::Query)
Q_DECLARE_METATYPE(loom::Op)

namespace {

Query parsed(const QString &text)
{
    loom::QueryExprError error;
    const auto q = loom::parseQueryExpression(text, &error);
    if (!q) {
        qWarning("not parsed: %s: %s", qPrintable(text), qPrintable(error.toString()));
        return Query().withLimit(-1); // matches no expected query
    }
    return *q;
}

QByteArray json(const Query &q)
{
    return q.toJson();
}

} // namespace

class tst_QueryExpr : public QObject
{
    Q_OBJECT

private slots:
    void operators_data();
    void operators();
    void compiles_data();
    void compiles();
    void strings_data();
    void strings();
    void numbers_data();
    void numbers();
    void numbersRefused_data();
    void numbersRefused();
    void booleans();
    void nullRefused_data();
    void nullRefused();
    void errors_data();
    void errors();
    void groupOverAlternativesIsWrittenOut();
    void errorText();
    void roundTripFromQuery_data();
    void roundTripFromQuery();
    void roundTripFromText_data();
    void roundTripFromText();
    void notExpressible_data();
    void notExpressible();
    void quoting();
    void jsonIsRecognised();
    void completion_data();
    void completion();
};

void tst_QueryExpr::operators_data()
{
    QTest::addColumn<QString>("symbol");
    QTest::addColumn<Op>("op");
    QTest::newRow("=") << u"="_s << Op::Eq;
    QTest::newRow("==") << u"=="_s << Op::Eq;
    QTest::newRow("!=") << u"!="_s << Op::Ne;
    QTest::newRow(">") << u">"_s << Op::Gt;
    QTest::newRow("<") << u"<"_s << Op::Lt;
    QTest::newRow(">=") << u">="_s << Op::Ge;
    QTest::newRow("<=") << u"<="_s << Op::Le;
}

void tst_QueryExpr::operators()
{
    QFETCH(QString, symbol);
    QFETCH(Op, op);
    QCOMPARE(json(parsed(u"age "_s + symbol + u" 30"_s)), json(Query::where(u"age"_s, op, 30)));
    // Without spaces, too.
    QCOMPARE(json(parsed(u"age"_s + symbol + u"30"_s)), json(Query::where(u"age"_s, op, 30)));
    QCOMPARE(json(parsed(u"name"_s + symbol + u"\"M\""_s)), json(Query::where(u"name"_s, op, u"M"_s)));
}

void tst_QueryExpr::compiles_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Query>("expected");

    const auto a = [](int n) { return Query::where(u"a"_s, Op::Eq, n); };
    QTest::newRow("empty") << QString() << Query();
    QTest::newRow("blank") << u"   "_s << Query();
    QTest::newRow("issue example 1") << u"age > 30 and name = \"Bob\""_s
                                     << Query::where(u"age"_s, Op::Gt, 30).andWhere(u"name"_s, Op::Eq, u"Bob"_s);
    QTest::newRow("issue example 2")
        << u"address.city != \"Oslo\" or tags = \"x\""_s
        << Query::where(u"address.city"_s, Op::Ne, u"Oslo"_s).orWhere(Query::where(u"tags"_s, Op::Eq, u"x"_s));
    QTest::newRow("and binds tighter than or")
        << u"a = 1 and b = 2 or c = 3 and d = 4"_s
        << Query::where(u"a"_s, Op::Eq, 1).andWhere(u"b"_s, Op::Eq, 2)
               .orWhere(Query::where(u"c"_s, Op::Eq, 3).andWhere(u"d"_s, Op::Eq, 4));
    QTest::newRow("or then and")
        << u"a = 1 or b = 2 and c = 3"_s
        << Query::where(u"a"_s, Op::Eq, 1).orWhere(Query::where(u"b"_s, Op::Eq, 2).andWhere(u"c"_s, Op::Eq, 3));
    QTest::newRow("three alternatives") << u"a = 1 or a = 2 or a = 3"_s << a(1).orWhere(a(2)).orWhere(a(3));
    QTest::newRow("group of ands") << u"(a = 1 and b = 2) or c = 3"_s
                                   << Query::where(u"a"_s, Op::Eq, 1).andWhere(u"b"_s, Op::Eq, 2)
                                          .orWhere(Query::where(u"c"_s, Op::Eq, 3));
    QTest::newRow("group of ors flattens") << u"a = 1 or (a = 2 or a = 3)"_s << a(1).orWhere(a(2)).orWhere(a(3));
    QTest::newRow("nested parentheses") << u"((a = 1))"_s << a(1);
    QTest::newRow("whole group") << u"(a = 1 or a = 2)"_s << a(1).orWhere(a(2));
    QTest::newRow("and of groups of ands") << u"(a = 1 and b = 2) and (c = 3)"_s
                                           << Query::where(u"a"_s, Op::Eq, 1).andWhere(u"b"_s, Op::Eq, 2).andWhere(u"c"_s, Op::Eq, 3);
    QTest::newRow("sort -age") << u"sort -age"_s << Query().orderBy(u"age"_s, true);
    QTest::newRow("sort age") << u"sort age"_s << Query().orderBy(u"age"_s, false);
    QTest::newRow("sort +age") << u"sort +age"_s << Query().orderBy(u"age"_s, false);
    QTest::newRow("sort name desc") << u"sort name desc"_s << Query().orderBy(u"name"_s, true);
    QTest::newRow("sort name asc") << u"sort name asc"_s << Query().orderBy(u"name"_s, false);
    QTest::newRow("sort nested") << u"sort address.city"_s << Query().orderBy(u"address.city"_s);
    QTest::newRow("limit 50") << u"limit 50"_s << Query().withLimit(50);
    QTest::newRow("limit 0 is no limit") << u"limit 0"_s << Query();
    QTest::newRow("skip 10 limit 5") << u"skip 10 limit 5"_s << Query().withSkip(10).withLimit(5);
    QTest::newRow("seek") << u"seek \"01abc\" limit 2"_s << Query().seekTo(u"01abc"_s).withLimit(2);
    QTest::newRow("index") << u"age > 3 index age"_s << Query::where(u"age"_s, Op::Gt, 3).useIndex(u"age"_s);
    QTest::newRow("everything") << u"age >= 18 and name <= \"M\" sort name desc limit 50 skip 1"_s
                                << Query::where(u"age"_s, Op::Ge, 18).andWhere(u"name"_s, Op::Le, u"M"_s)
                                       .orderBy(u"name"_s, true).withLimit(50).withSkip(1);
    QTest::newRow("keywords in any case")
        << u"AGE > 1 AND name = \"x\" Or ok = TRUE SORT age DESC LIMIT 5"_s
        << Query::where(u"AGE"_s, Op::Gt, 1).andWhere(u"name"_s, Op::Eq, u"x"_s)
               .orWhere(Query::where(u"ok"_s, Op::Eq, true)).orderBy(u"age"_s, true).withLimit(5);
    QTest::newRow("keyword-named field before an operator") << u"limit = 5 and sort.x = \"a\""_s
                                                            << Query::where(u"limit"_s, Op::Eq, 5).andWhere(u"sort.x"_s, Op::Eq, u"a"_s);
    QTest::newRow("backticked names") << u"`first name` = \"Ann\" and `and`.`2x` = 1"_s
                                      << Query::where(u"first name"_s, Op::Eq, u"Ann"_s).andWhere(u"and.2x"_s, Op::Eq, 1);
    QTest::newRow("backtick in a name") << u"`a``b` = 1"_s << Query::where(u"a`b"_s, Op::Eq, 1);
    QTest::newRow("a field named not") << u"not = 1"_s << Query::where(u"not"_s, Op::Eq, 1);
    QTest::newRow("_id and $ names") << u"_id = \"x\" and $v = 1"_s
                                     << Query::where(u"_id"_s, Op::Eq, u"x"_s).andWhere(u"$v"_s, Op::Eq, 1);
    QTest::newRow("letters beyond ASCII") << u"größe > 2 and ville = \"Zürich\""_s
                                          << Query::where(u"größe"_s, Op::Gt, 2).andWhere(u"ville"_s, Op::Eq, u"Zürich"_s);
}

void tst_QueryExpr::compiles()
{
    QFETCH(QString, text);
    QFETCH(Query, expected);
    loom::QueryExprError error{u"stale"_s, 3, 3};
    const auto q = loom::parseQueryExpression(text, &error);
    QVERIFY2(q, qPrintable(error.toString()));
    QVERIFY2(error.message.isEmpty() && error.column == 0, "the error is cleared");
    QCOMPARE(json(*q), json(expected));
    QVERIFY(*q == expected);
    QCOMPARE(q->validate(), QString());
}

void tst_QueryExpr::strings_data()
{
    QTest::addColumn<QString>("literal");
    QTest::addColumn<QString>("value");
    QTest::newRow("double quotes") << uR"("Bob")"_s << u"Bob"_s;
    QTest::newRow("single quotes") << uR"('Bob')"_s << u"Bob"_s;
    QTest::newRow("empty") << uR"("")"_s << QString();
    QTest::newRow("escaped double quote") << uR"("say \"hi\"")"_s << u"say \"hi\""_s;
    QTest::newRow("escaped single quote") << uR"('it\'s')"_s << u"it's"_s;
    QTest::newRow("other quote inside") << uR"("it's")"_s << u"it's"_s;
    QTest::newRow("double inside single") << uR"('say "hi"')"_s << u"say \"hi\""_s;
    QTest::newRow("backslash") << uR"("a\\b")"_s << u"a\\b"_s;
    QTest::newRow("slash") << uR"("a\/b")"_s << u"a/b"_s;
    QTest::newRow("newline, tab") << uR"("a\nb\tc\r")"_s << u"a\nb\tc\r"_s;
    QTest::newRow("backspace, form feed") << uR"("\b\f")"_s << u"\b\f"_s;
    QTest::newRow("\\u") << uR"("caf\u00e9")"_s << u"café"_s;
    QTest::newRow("\\u upper case hex") << uR"("\u00C9")"_s << u"É"_s;
    QTest::newRow("\\u pair") << uR"("\uD83D\uDE00")"_s << u"😀"_s;
    QTest::newRow("as typed") << uR"("😀 ö")"_s << u"😀 ö"_s;
    QTest::newRow("keywords inside") << uR"("a and b or sort")"_s << u"a and b or sort"_s;
    QTest::newRow("spaces kept") << uR"("  x  ")"_s << u"  x  "_s;
}

void tst_QueryExpr::strings()
{
    QFETCH(QString, literal);
    QFETCH(QString, value);
    QCOMPARE(json(parsed(u"name = "_s + literal)), json(Query::where(u"name"_s, Op::Eq, value)));
}

void tst_QueryExpr::numbers_data()
{
    QTest::addColumn<QString>("literal");
    QTest::addColumn<double>("value");
    QTest::newRow("int") << u"30"_s << 30.0;
    QTest::newRow("zero") << u"0"_s << 0.0;
    QTest::newRow("negative") << u"-5"_s << -5.0;
    QTest::newRow("float") << u"2.5"_s << 2.5;
    QTest::newRow("negative float") << u"-0.25"_s << -0.25;
    QTest::newRow("exponent") << u"1e3"_s << 1000.0;
    QTest::newRow("exponent upper case, negative") << u"1E-3"_s << 0.001;
    QTest::newRow("exponent with plus") << u"2.5e+2"_s << 250.0;
    QTest::newRow("large") << u"1e300"_s << 1e300;
    QTest::newRow("2^53") << u"9007199254740992"_s << 9007199254740992.0;
    QTest::newRow("large and exact") << u"100000000000000000000"_s << 1e20;
    QTest::newRow("smallest normal") << u"2.2250738585072014e-308"_s << 2.2250738585072014e-308;
}

void tst_QueryExpr::numbers()
{
    QFETCH(QString, literal);
    QFETCH(double, value);
    const Query q = parsed(u"n > "_s + literal);
    QCOMPARE(q.ands().size(), 1);
    QVERIFY(q.ands().first().value.isDouble());
    QCOMPARE(q.ands().first().value.toDouble(), value);
}

void tst_QueryExpr::numbersRefused_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("overflow") << u"n > 1e400"_s << u"too large"_s;
    QTest::newRow("underflow") << u"n > 1e-400"_s << u"too close to 0"_s;
    QTest::newRow("not exact") << u"n = 123456789012345678901"_s << u"cannot be compared exactly"_s;
    QTest::newRow("trailing letters") << u"n = 30abc"_s << u"not a number"_s;
    QTest::newRow("no digits after point") << u"n = 1."_s << u"decimal point"_s;
    QTest::newRow("no exponent digits") << u"n = 1e"_s << u"exponent"_s;
    QTest::newRow("space after minus") << u"n = - 5"_s << u"without a space"_s;
}

void tst_QueryExpr::numbersRefused()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    loom::QueryExprError error;
    QVERIFY(!loom::parseQueryExpression(text, &error));
    QVERIFY2(error.message.contains(message), qPrintable(error.toString()));
    QCOMPARE(error.column, 5);
}

void tst_QueryExpr::booleans()
{
    QCOMPARE(json(parsed(u"active = true"_s)), json(Query::where(u"active"_s, Op::Eq, true)));
    QCOMPARE(json(parsed(u"active != false"_s)), json(Query::where(u"active"_s, Op::Ne, false)));
    QCOMPARE(json(parsed(u"active == TRUE"_s)), json(Query::where(u"active"_s, Op::Eq, true)));
    QCOMPARE(json(parsed(u"active = False"_s)), json(Query::where(u"active"_s, Op::Eq, false)));
    // The value is a boolean, not the text "true".
    QVERIFY(parsed(u"active = true"_s).ands().first().value.isBool());
    QVERIFY(parsed(u"active = \"true\""_s).ands().first().value.isString());
}

void tst_QueryExpr::nullRefused_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("column");
    QTest::newRow("= null") << u"x = null"_s << 5;
    QTest::newRow("!= NULL") << u"x != NULL"_s << 6;
    QTest::newRow("in an alternative") << u"a = 1 or b = Null"_s << 14;
}

void tst_QueryExpr::nullRefused()
{
    QFETCH(QString, text);
    QFETCH(int, column);
    loom::QueryExprError error;
    QVERIFY(!loom::parseQueryExpression(text, &error));
    QVERIFY2(error.message.startsWith(u"null cannot be compared"_s), qPrintable(error.message));
    QCOMPARE(error.column, column);
    QCOMPARE(error.length, 4);
}

void tst_QueryExpr::errors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("length");
    QTest::addColumn<QString>("message");
    QTest::newRow("no value") << u"age >"_s << 6 << 0 << u"expected a value after '>'"_s;
    QTest::newRow("no value before and") << u"age > and b = 1"_s << 7 << 3 << u"expected a value after '>', not 'and'"_s;
    QTest::newRow("nothing after and") << u"age > 30 and"_s << 13 << 0 << u"expected a condition after 'and'"_s;
    QTest::newRow("nothing after OR") << u"age > 30 OR "_s << 13 << 0 << u"expected a condition after 'OR'"_s;
    QTest::newRow("starts with and") << u"and age > 1"_s << 1 << 3 << u"expected a condition, like age > 30, not 'and'"_s;
    QTest::newRow("no operator") << u"age 30"_s << 5 << 2 << u"expected an operator (=, !=, >, <, >=, <=) after 'age', not '30'"_s;
    QTest::newRow("no operator at end") << u"address.city"_s << 13 << 0 << u"expected an operator (=, !=, >, <, >=, <=) after 'address.city'"_s;
    QTest::newRow("bare word value") << u"name = Bob"_s << 8 << 3 << u"'Bob' is not a value: write text in quotes, \"Bob\""_s;
    QTest::newRow("unclosed string") << u"name = \"Bob"_s << 8 << 1 << u"the text that starts here has no closing \""_s;
    QTest::newRow("unclosed single quote") << u"name = 'Bob"_s << 8 << 1 << u"the text that starts here has no closing '"_s;
    QTest::newRow("unknown escape") << u"name = \"B\\qb\""_s << 10 << 2 << u"unknown escape \\q (write \\\\ for a backslash)"_s;
    QTest::newRow("short \\u") << u"name = \"\\u12\""_s << 9 << 5 << u"\\u needs four hex digits, like \\u00e9"_s;
    QTest::newRow("half a surrogate pair") << u"name = \"\\uD83Dx\""_s << 9 << 6 << u"\\uD83D is the first half of a character: follow it with its second half, \\uDC00 to \\uDFFF"_s;
    QTest::newRow("unmatched )") << u"age > 30)"_s << 9 << 1 << u"')' without a matching '('"_s;
    QTest::newRow("unclosed (") << u"(age > 30"_s << 10 << 0 << u"expected ')' to close the '(' at column 1"_s;
    QTest::newRow("empty ()") << u"()"_s << 2 << 1 << u"expected a condition after '(', not ')'"_s;
    QTest::newRow("<>") << u"age <> 3"_s << 5 << 2 << u"'<>' is not an operator: write != for not equal"_s;
    QTest::newRow("=>") << u"age => 3"_s << 5 << 2 << u"'=>' is not an operator: write >="_s;
    QTest::newRow("!") << u"age ! 3"_s << 5 << 1 << u"'!' is not an operator: write != for not equal"_s;
    QTest::newRow("not") << u"a = 1 and not b = 2"_s << 11 << 3 << u"there is no not: write the opposite comparison (!= for =, <= for >, ...)"_s;
    QTest::newRow("&&") << u"a = 1 && b = 2"_s << 7 << 2 << u"write and instead of &&"_s;
    QTest::newRow("||") << u"a = 1 || b = 2"_s << 7 << 2 << u"write or instead of ||"_s;
    QTest::newRow("two conditions without and") << u"age = 30 name = \"x\""_s << 10 << 4 << u"expected and, or, sort, limit or skip, not 'name'"_s;
    QTest::newRow("boolean ordered") << u"active > true"_s << 8 << 1 << u"true and false can only be compared with = or !=, not >"_s;
    QTest::newRow("quoted field") << u"\"name\" = 1"_s << 1 << 6 << u"a field name goes without quotes (or in backticks, `name`)"_s;
    QTest::newRow("field compared with field") << u"a = `b`"_s << 5 << 3 << u"a field cannot be compared with another field: give a value (text in double quotes)"_s;
    QTest::newRow("empty path part") << u"a..b = 1"_s << 3 << 1 << u"expected a field name after '.', not '.'"_s;
    QTest::newRow("dot at end") << u"a. = 1"_s << 4 << 1 << u"expected a field name after '.', not '='"_s;
    QTest::newRow("dot in backticks") << u"`a.b` = 1"_s << 1 << 5 << u"a name with a dot cannot be reached: the daemon splits field paths at dots"_s;
    QTest::newRow("empty backticks") << u"`` = 1"_s << 1 << 2 << u"an empty name"_s;
    QTest::newRow("unclosed backtick") << u"`ab = 1"_s << 1 << 1 << u"the name that starts here has no closing `"_s;
    QTest::newRow("stray character") << u"age > 3 # x"_s << 9 << 1 << u"unexpected character '#'"_s;
    QTest::newRow("curly quotes") << u"name = “Bob”"_s << 8 << 1 << u"curly quotes do not start text: use straight quotes, \"…\""_s;
    QTest::newRow("sort without a field") << u"sort"_s << 5 << 0 << u"expected a field name after 'sort'"_s;
    QTest::newRow("sort by two fields") << u"sort a, b"_s << 7 << 1 << u"the daemon sorts by one field only"_s;
    QTest::newRow("sort direction twice") << u"sort -a desc"_s << 9 << 4 << u"give the direction once: -field, or field desc"_s;
    QTest::newRow("limit negative") << u"limit -1"_s << 7 << 2 << u"limit takes a whole number, like limit 50"_s;
    QTest::newRow("limit fraction") << u"limit 1.5"_s << 7 << 3 << u"limit takes a whole number, like limit 50"_s;
    QTest::newRow("limit word") << u"limit all"_s << 7 << 3 << u"limit takes a whole number, like limit 50"_s;
    QTest::newRow("limit huge") << u"limit 3000000000"_s << 7 << 10 << u"'3000000000' is too large for limit"_s;
    QTest::newRow("limit twice") << u"limit 5 limit 6"_s << 9 << 5 << u"'limit' is given twice"_s;
    QTest::newRow("condition after a clause") << u"limit 5 age > 3"_s << 9 << 3 << u"expected sort, limit, skip, seek or index, not 'age'"_s;
    QTest::newRow("skip without limit") << u"age > 1 skip 10"_s << 9 << 7 << u"skip without limit finds nothing on the daemon: add a limit, like limit 50"_s;
    QTest::newRow("seek without quotes") << u"seek abc"_s << 6 << 3 << u"seek takes an entity id in quotes, like seek \"01h…\""_s;
    QTest::newRow("index _id") << u"index _id"_s << 1 << 9 << u"_id is always indexed and cannot be named: leave index out"_s;
    QTest::newRow("index on another field") << u"age > 1 and name = \"x\" index age"_s << 13 << 4
                                            << u"with index age every condition must be on age (the daemon sees only the indexed field)"_s;
}

void tst_QueryExpr::errors()
{
    QFETCH(QString, text);
    QFETCH(int, column);
    QFETCH(int, length);
    QFETCH(QString, message);
    loom::QueryExprError error;
    const auto q = loom::parseQueryExpression(text, &error);
    QVERIFY2(!q, q ? q->toJson().constData() : "");
    QCOMPARE(error.message, message);
    QCOMPARE(error.column, column);
    QCOMPARE(error.length, length);
    // The mistake lies within the text (or just after it).
    QVERIFY(error.column >= 1 && error.column - 1 + error.length <= text.size());
}

void tst_QueryExpr::groupOverAlternativesIsWrittenOut()
{
    loom::QueryExprError error;
    QVERIFY(!loom::parseQueryExpression(u"(a = 1 or b = 2) and c = 3"_s, &error));
    QCOMPARE(error.column, 1);
    QCOMPARE(error.length, 16);
    QCOMPARE(error.message, u"the daemon cannot combine alternatives (or) with and; write them out: "
                            "a = 1 and c = 3 or b = 2 and c = 3"_s);
    // What it suggests means the same and is accepted.
    QCOMPARE(json(parsed(u"a = 1 and c = 3 or b = 2 and c = 3"_s)),
             json(Query::where(u"a"_s, Op::Eq, 1).andWhere(u"c"_s, Op::Eq, 3)
                      .orWhere(Query::where(u"b"_s, Op::Eq, 2).andWhere(u"c"_s, Op::Eq, 3))));
    // The group is found wherever it stands.
    QVERIFY(!loom::parseQueryExpression(u"x = 0 or c = 3 and (a = 1 or b = 2)"_s, &error));
    QCOMPARE(error.column, 20);
    QCOMPARE(error.length, 16);
    QVERIFY2(error.message.endsWith(u"x = 0 or c = 3 and a = 1 or c = 3 and b = 2"_s), qPrintable(error.message));
    // Too many alternatives to write out: the advice without the example.
    QVERIFY(!loom::parseQueryExpression(u"(a=1 or a=2 or a=3) and (b=1 or b=2 or b=3) and (c=1 or c=2)"_s, &error));
    QVERIFY2(error.message.endsWith(u"write each alternative out in full"_s), qPrintable(error.message));
}

void tst_QueryExpr::errorText()
{
    loom::QueryExprError error;
    QVERIFY(!loom::parseQueryExpression(u"age > 30 and name >"_s, &error));
    QCOMPARE(error.toString(), u"column 20: expected a value after '>'"_s);
}

void tst_QueryExpr::roundTripFromQuery_data()
{
    QTest::addColumn<Query>("query");
    QTest::addColumn<QString>("text");
    // As the builder makes them: all conditions, or one condition and single-condition ors.
    QTest::newRow("empty") << Query() << QString();
    QTest::newRow("all") << Query::where(u"age"_s, Op::Ge, 20).andWhere(u"address.city"_s, Op::Eq, u"Oslo"_s).orderBy(u"age"_s, true)
                         << u"age >= 20 and address.city = \"Oslo\" sort age desc"_s;
    QTest::newRow("any") << Query::where(u"a"_s, Op::Lt, 1.5).orWhere(Query::where(u"b"_s, Op::Ne, true)).orWhere(Query::where(u"c"_s, Op::Le, -3)).withLimit(20)
                         << u"a < 1.5 or b != true or c <= -3 limit 20"_s;
    QTest::newRow("every operator") << Query::where(u"a"_s, Op::Eq, 1).andWhere(u"a"_s, Op::Ne, 2).andWhere(u"a"_s, Op::Gt, 3)
                                           .andWhere(u"a"_s, Op::Lt, 4).andWhere(u"a"_s, Op::Ge, 5).andWhere(u"a"_s, Op::Le, 6)
                                    << u"a = 1 and a != 2 and a > 3 and a < 4 and a >= 5 and a <= 6"_s;
    QTest::newRow("strings to escape") << Query::where(u"s"_s, Op::Eq, u"say \"hi\" \\ \n\t\u0001 é"_s)
                                       << u"s = \"say \\\"hi\\\" \\\\ \\n\\t\\u0001 é\""_s;
    QTest::newRow("odd names") << Query::where(u"first name.and.2x"_s, Op::Eq, u"A"_s).orderBy(u"a`b"_s)
                               << u"`first name`.`and`.`2x` = \"A\" sort `a``b`"_s;
    QTest::newRow("numbers") << Query::where(u"n"_s, Op::Gt, 1e300).andWhere(u"n"_s, Op::Lt, 0.1).andWhere(u"n"_s, Op::Ne, 0)
                                    .andWhere(u"n"_s, Op::Ne, 1e-7).andWhere(u"_mod"_s, Op::Gt, qint64(1700000000000000001))
                             << u"n > 1e+300 and n < 0.1 and n != 0 and n != 1e-07 and _mod > 1700000000000000001"_s;
    QTest::newRow("booleans") << Query::where(u"ok"_s, Op::Eq, false) << u"ok = false"_s;
    QTest::newRow("nested ors") << Query::where(u"a"_s, Op::Eq, 1).orWhere(Query::where(u"b"_s, Op::Eq, 2).andWhere(u"c"_s, Op::Eq, 3))
                                << u"a = 1 or b = 2 and c = 3"_s;
    QTest::newRow("clauses") << Query().orderBy(u"_id"_s, true).withLimit(5).withSkip(2).seekTo(u"01x"_s)
                             << u"sort _id desc skip 2 limit 5 seek \"01x\""_s;
    QTest::newRow("index") << Query::where(u"age"_s, Op::Gt, 1).useIndex(u"age"_s) << u"age > 1 index age"_s;
}

void tst_QueryExpr::roundTripFromQuery()
{
    QFETCH(Query, query);
    QFETCH(QString, text);
    const auto written = loom::toQueryExpression(query);
    QVERIFY(written);
    QCOMPARE(*written, text);
    const Query back = parsed(*written);
    QCOMPARE(json(back), json(query));
    QVERIFY(back == query);
}

void tst_QueryExpr::roundTripFromText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("spacing and case") << u"  AGE>30   AND name='Bob'  SORT -age  LIMIT 5"_s << u"AGE > 30 and name = \"Bob\" sort age desc limit 5"_s;
    QTest::newRow("parentheses dropped") << u"(a = 1 and b = 2) or (c = 3)"_s << u"a = 1 and b = 2 or c = 3"_s;
    QTest::newRow("== is =") << u"a == 1"_s << u"a = 1"_s;
    QTest::newRow("exponent") << u"a = 1e3 or b = 1.50"_s << u"a = 1000 or b = 1.5"_s;
}

void tst_QueryExpr::roundTripFromText()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    const Query q = parsed(text);
    QCOMPARE(loom::toQueryExpression(q).value_or(u"(none)"_s), canonical);
    QVERIFY(parsed(canonical) == q);
}

void tst_QueryExpr::notExpressible_data()
{
    QTest::addColumn<Query>("query");
    QTest::newRow("ors without ands") << Query().orWhere(Query::where(u"a"_s, Op::Eq, 1));
    QTest::newRow("alternative without conditions") << Query::where(u"a"_s, Op::Eq, 1).orWhere(Query().withLimit(1));
    QTest::newRow("alternative with a sort") << Query::where(u"a"_s, Op::Eq, 1).orWhere(Query::where(u"b"_s, Op::Eq, 1).orderBy(u"b"_s));
    QTest::newRow("null value") << Query::where(u"a"_s, Op::Eq, QJsonValue());
    QTest::newRow("object value") << Query::where(u"a"_s, Op::Eq, QJsonObject());
    QTest::newRow("empty path part") << Query::where(u"a..b"_s, Op::Eq, 1);
    QTest::newRow("operation 7") << Query::where(u"a"_s, static_cast<Op>(7), 1);
}

void tst_QueryExpr::notExpressible()
{
    QFETCH(Query, query);
    QCOMPARE(loom::toQueryExpression(query), std::nullopt);
}

void tst_QueryExpr::quoting()
{
    QCOMPARE(loom::quoteFieldPath(u"address.city"_s), u"address.city"_s);
    QCOMPARE(loom::quoteFieldPath(u"first name"_s), u"`first name`"_s);
    QCOMPARE(loom::quoteFieldPath(u"Limit.x-y"_s), u"`Limit`.`x-y`"_s);
    QCOMPARE(loom::quoteFieldPath(u"_id"_s), u"_id"_s);
}

void tst_QueryExpr::jsonIsRecognised()
{
    QVERIFY(loom::looksLikeJsonQuery(u"{}"));
    QVERIFY(loom::looksLikeJsonQuery(u"  {\"ands\": []}"));
    QVERIFY(!loom::looksLikeJsonQuery(u"age > 1"));
    QVERIFY(!loom::looksLikeJsonQuery(u""));
    // The language itself refuses a brace, pointing at it.
    loom::QueryExprError error;
    QVERIFY(!loom::parseQueryExpression(u"{}", &error));
    QCOMPARE(error.column, 1);
}

void tst_QueryExpr::completion_data()
{
    QTest::addColumn<QString>("text"); // | marks the cursor
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<bool>("fields");
    QTest::addColumn<QStringList>("keywords");
    const QStringList afterValue{u"and"_s, u"or"_s, u"sort"_s, u"limit"_s, u"skip"_s};
    QTest::newRow("start") << u"ag|"_s << u"ag"_s << true << QStringList{u"sort"_s, u"limit"_s};
    QTest::newRow("empty") << u"|"_s << QString() << true << QStringList{u"sort"_s, u"limit"_s};
    QTest::newRow("after and") << u"age > 3 and na|"_s << u"na"_s << true << QStringList();
    QTest::newRow("after OR") << u"age > 3 OR |"_s << QString() << true << QStringList();
    QTest::newRow("after (") << u"(ad|"_s << u"ad"_s << true << QStringList();
    QTest::newRow("dotted") << u"address.ci|"_s << u"address.ci"_s << true << QStringList{u"sort"_s, u"limit"_s};
    QTest::newRow("middle of a word") << u"ag|e > 3"_s << u"ag"_s << true << QStringList{u"sort"_s, u"limit"_s};
    QTest::newRow("after a value") << u"age > 3 a|"_s << u"a"_s << false << afterValue;
    QTest::newRow("after a string") << u"name = \"x\" |"_s << QString() << false << afterValue;
    QTest::newRow("after a boolean") << u"ok = true |"_s << QString() << false << afterValue;
    QTest::newRow("after )") << u"(a = 1) o|"_s << u"o"_s << false << afterValue;
    QTest::newRow("after an operator") << u"ok = t|"_s << u"t"_s << false << QStringList{u"true"_s, u"false"_s};
    QTest::newRow("after sort") << u"age > 1 sort a|"_s << u"a"_s << true << QStringList();
    QTest::newRow("after sort -") << u"sort -a|"_s << u"a"_s << true << QStringList();
    QTest::newRow("after the sort field") << u"sort age d|"_s << u"d"_s << false
                                          << QStringList{u"asc"_s, u"desc"_s, u"limit"_s, u"skip"_s};
    QTest::newRow("after a field") << u"age |"_s << QString() << false << QStringList();
    QTest::newRow("inside text") << u"name = \"ab|"_s << u"ab"_s << false << QStringList();
    QTest::newRow("in a number") << u"age > 3|"_s << u"3"_s << false << QStringList();
}

void tst_QueryExpr::completion()
{
    QFETCH(QString, text);
    QFETCH(QString, prefix);
    QFETCH(bool, fields);
    QFETCH(QStringList, keywords);
    const qsizetype cursor = text.indexOf(u'|');
    const QString plain = QString(text).remove(u'|');
    const loom::QueryExprCompletion c = loom::queryExprCompletionAt(plain, cursor);
    QCOMPARE(c.prefix, prefix);
    QCOMPARE(c.start, cursor - prefix.size());
    QCOMPARE(c.fields, fields);
    QCOMPARE(c.keywords, keywords);
}

QTEST_APPLESS_MAIN(tst_QueryExpr)
#include "tst_queryexpr.moc"
