#include "input.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace loom;
namespace input = loom::cli::input;

// loom-cli's --where parser (app/cli/input.cpp), without a daemon.
class tst_CliInput : public QObject
{
    Q_OBJECT

private slots:
    void where_data();
    void where();
    void badWhere_data();
    void badWhere();
};

void tst_CliInput::where_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("op");
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("number") << u"age>=18"_s << u"age"_s << int(Op::Ge) << QJsonValue(18);
    QTest::newRow("text") << u"name=Ann"_s << u"name"_s << int(Op::Eq) << QJsonValue(u"Ann"_s);
    QTest::newRow("double equals") << u"name==Ann"_s << u"name"_s << int(Op::Eq) << QJsonValue(u"Ann"_s);
    QTest::newRow("spaces") << u" age > 5 "_s << u"age"_s << int(Op::Gt) << QJsonValue(5);
    QTest::newRow("bool") << u"ok!=true"_s << u"ok"_s << int(Op::Ne) << QJsonValue(true);
    QTest::newRow("quoted operator") << u"tag=\">5\""_s << u"tag"_s << int(Op::Eq) << QJsonValue(u">5"_s);
    QTest::newRow("operator inside") << u"eq=a=b"_s << u"eq"_s << int(Op::Eq) << QJsonValue(u"a=b"_s);
}

void tst_CliInput::where()
{
    QFETCH(QString, expression);
    QFETCH(QString, field);
    QFETCH(int, op);
    QFETCH(QJsonValue, value);
    cli::Problem problem;
    const auto c = input::parseWhere(expression, &problem);
    QVERIFY2(c, qPrintable(problem.message));
    QCOMPARE(c->fieldPath, field);
    QCOMPARE(int(c->op), op);
    QCOMPARE(c->value, value);
}

void tst_CliInput::badWhere_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("message");
    // Once read as age > ">5".
    QTest::newRow(">>") << u"age>>5"_s
                        << u"--where “age>>5”: “>” at character 5 follows the operator “>”; an operator is one of "
                           "= != > < >= <=, and a value that starts with > is written quoted (age>\">5\")"_s;
    QTest::newRow("=<") << u"age=<5"_s << u"“<” at character 5 follows the operator “=”"_s;
    QTest::newRow("!==") << u"a!==5"_s << u"“=” at character 4 follows the operator “!=”"_s;
    QTest::newRow(">= >") << u"a >= >5"_s << u"“>” at character 6 follows the operator “>=”"_s;
    QTest::newRow("no field") << u">5"_s << u"expected FIELD OP VALUE"_s;
}

void tst_CliInput::badWhere()
{
    QFETCH(QString, expression);
    QFETCH(QString, message);
    cli::Problem problem;
    QVERIFY(!input::parseWhere(expression, &problem));
    QCOMPARE(problem.code, int(cli::ExitRefused));
    QVERIFY2(problem.message.contains(message), qPrintable(problem.message));
}

QTEST_APPLESS_MAIN(tst_CliInput)

#include "tst_cliinput.moc"
