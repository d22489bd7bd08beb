// The query bar, offscreen, against the fixture's daemon A: a query typed in the language loads
// exactly the matching entities; a mistake is shown with its column and nothing is sent; the
// builder follows the bar and the bar follows the builder; field names complete from the schema.
#include "browsertestutil.h"
#include "guitestutil.h"

#include "browser/entitybrowserwidget.h"
#include "browser/models/entitymodel.h"
#include "browser/models/entitypager.h"
#include "browser/widgets/querybarwidget.h"
#include "browser/widgets/querybuilderwidget.h"
#include "browser/widgets/entitytreeview.h"
#include "browser/widgets/querylineedit.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace loom;
using loom::test::await;

class TestBrowserQuery : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ThreadsClient> client;
    StoreId store;
    const QString people = u"People"_s;
    QStringList bobsOver30; // ids
    int total = 0;
    std::unique_ptr<EntityBrowserWidget> browser;

    QueryBarWidget *bar() const { return browser->queryBar(); }
    QueryLineEdit *edit() const { return bar()->queryEdit(); }

    QStringList loadedIds() const
    {
        QStringList ids;
        const EntityModel *model = browser->model();
        for (int r = 0; r < model->rowCount(); ++r)
            ids << model->index(r, 0).data(EntityModel::EntityKeyRole).toString();
        ids.sort();
        return ids;
    }

    // Types `text` into the emptied bar, key by key.
    void type(const QString &text)
    {
        edit()->setFocus();
        edit()->selectAll();
        QTest::keyClick(edit(), Qt::Key_Delete);
        QCOMPARE(edit()->text(), QString());
        QTest::keyClicks(edit(), text);
        QCOMPARE(edit()->text(), text);
    }

    QStringList completions() const
    {
        QStringList list;
        QAbstractItemModel *m = edit()->fieldCompleter()->completionModel();
        for (int r = 0; r < m->rowCount(); ++r)
            list << m->index(r, 0).data().toString();
        return list;
    }

    void choose(const QString &completion)
    {
        QAbstractItemModel *m = edit()->fieldCompleter()->completionModel();
        for (int r = 0; r < m->rowCount(); ++r) {
            if (m->index(r, 0).data().toString() == completion)
                edit()->fieldCompleter()->popup()->setCurrentIndex(m->index(r, 0));
        }
        QCOMPARE(edit()->fieldCompleter()->popup()->currentIndex().data().toString(), completion);
    }

    // The window with the completion list (a popup window of its own) drawn where it stands.
    void screenshotWithPopup(const QString &name)
    {
        if (qEnvironmentVariableIsEmpty("LOOM_BROWSER_SCREENSHOTS"))
            return;
        const QString path = loom::test::screenshot(browser.get(), name);
        QPixmap picture(path);
        QWidget *popup = edit()->fieldCompleter()->popup();
        QPainter painter(&picture);
        painter.drawPixmap(browser->mapFromGlobal(popup->mapToGlobal(QPoint(0, 0))), popup->grab());
        painter.end();
        picture.save(path);
    }

private Q_SLOTS:
    void initTestCase()
    {
        LOOM_REQUIRE_FIXTURE();
        client = std::make_unique<ThreadsClient>(loom::test::fixtureDaemon(u"A"_s));
        LOOM_NEW_PEOPLE_STORE(client, "bquery", people, store);
        const QList<std::pair<QString, int>> rows{{u"Bob"_s, 25},  {u"Bob"_s, 35},  {u"Ann"_s, 35}, {u"Bob"_s, 30},
                                                  {u"Bob"_s, 41},  {u"Carl"_s, 50}, {u"Dora"_s, 31}, {u"Bobby"_s, 60},
                                                  {u"bob"_s, 44},  {u"Eve"_s, 20}};
        QList<Instance> list;
        for (const auto &[name, age] : rows)
            list.append(loom::test::person(name, age, age % 2 ? u"Lyon"_s : u"Oslo"_s));
        auto made = await(client->create(store, people, list));
        LOOM_VERIFY_OK(made);
        const QStringList ids = made->result();
        for (qsizetype i = 0; i < rows.size(); ++i) {
            if (rows[i].first == u"Bob" && rows[i].second > 30)
                bobsOver30 << ids[i];
        }
        bobsOver30.sort();
        QCOMPARE(bobsOver30.size(), 2);
        total = int(rows.size());

        browser = std::make_unique<EntityBrowserWidget>(BrowserContext{client.get(), store, people});
        browser->resize(1280, 800);
        browser->show();
        browser->activateWindow();
        QVERIFY(QTest::qWaitForWindowExposed(browser.get()));
        QTRY_VERIFY_WITH_TIMEOUT(browser->schemaLoaded(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(browser->model()->loadedCount(), total, 20000);
    }

    void typedQueryLoadsExactlyTheMatches()
    {
        // Ctrl+L takes the keyboard to the bar.
        browser->setFocus();
        QTest::keyClick(browser.get(), Qt::Key_L, Qt::ControlModifier);
        QTRY_VERIFY(edit()->hasFocus());
        const QString text = u"age > 30 and name = \"Bob\""_s;
        type(text);
        QVERIFY2(bar()->isValid(), qPrintable(bar()->errorText()));
        QVERIFY(!edit()->isCompletionVisible()); // (nothing to complete after a value in quotes)
        QSignalSpy requested(bar(), &QueryBarWidget::queryRequested);
        QTest::keyClick(edit(), Qt::Key_Return);
        QCOMPARE(requested.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(loadedIds(), bobsOver30, 10000);
        QTRY_VERIFY(!browser->model()->pager()->isLoading() && browser->model()->pager()->atEnd());
        QCOMPARE(loadedIds(), bobsOver30);
        QCOMPARE(bar()->history().value(0), text); // as typed
        QVERIFY2(bar()->hintText().contains(u"age > 30 AND name = \"Bob\""_s), qPrintable(bar()->hintText()));

        // or: alternatives as the daemon has them; and binds tighter.
        type(u"name = \"Ann\" or name = 'x' OR age >= 50 AND name != \"Carl\" sort -age"_s);
        QTest::keyClick(edit(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(browser->model()->loadedCount(), 2, 10000); // Ann 35, Bobby 60
        QTRY_VERIFY(!browser->model()->pager()->isLoading() && browser->model()->pager()->atEnd());
        QStringList names;
        for (int r = 0; r < browser->view()->model()->rowCount(); ++r) {
            names << browser->view()->model()->index(r, 0).data(EntityModel::ValueJsonRole).toJsonValue()
                         .toObject()[u"name"_s].toString();
        }
        QCOMPARE(names, (QStringList{u"Bobby"_s, u"Ann"_s})); // sorted by age, descending
    }

    void mistakeShowsTheColumn()
    {
        QSignalSpy requested(bar(), &QueryBarWidget::queryRequested);
        type(u"age > 30 and name >"_s);
        QVERIFY(!bar()->isValid());
        QCOMPARE(bar()->errorText(), u"Not sent: column 20: expected a value after '>'"_s);
        QCOMPARE(bar()->caretText(), u"age > 30 and name >\n"_s + QString(19, u' ') + u'^');
        // Stopping short is said quietly while typing, and in red once Enter is pressed.
        auto *error = bar()->findChild<QLabel *>(u"queryError"_s);
        QVERIFY(error->styleSheet().contains(u"#666"_s));
        QTest::keyClick(edit(), Qt::Key_Return);
        QCOMPARE(requested.size(), 0);
        QVERIFY(error->styleSheet().contains(u"#c62828"_s));
        QCOMPARE(edit()->cursorPosition(), 19); // taken to the mistake

        type(u"age > 30 and name = Bob"_s);
        QCOMPARE(bar()->errorText(), u"Not sent: column 21: 'Bob' is not a value: write text in quotes, \"Bob\""_s);
        QCOMPARE(bar()->caretText().section(u'\n', 1), QString(20, u' ') + u"^~~"_s);
        QVERIFY(error->styleSheet().contains(u"#c62828"_s)); // a mistake inside: red at once
        QTest::keyClick(edit(), Qt::Key_Return);
        QCOMPARE(requested.size(), 0);
        QCOMPARE(edit()->selectedText(), u"Bob"_s);
        loom::test::screenshot(browser.get(), u"query-error"_s);

        // Raw JSON is still taken, and its problems still said.
        type(u"{\"ands\":[{\"fieldPath\":\"age\",\"operation\":9,\"value\":{\"float\":1}}]}"_s);
        QVERIFY(!bar()->isValid());
        QVERIFY2(bar()->errorText().contains(u"operation"_s), qPrintable(bar()->errorText()));
        type(u"{\"ands\":[{\"fieldPath\":\"age\",\"operation\":2,\"value\":{\"float\":30}}]}"_s);
        QVERIFY(bar()->isValid());
        QCOMPARE(bar()->query(), Query::where(u"age"_s, Op::Gt, 30));
    }

    void builderAndBarFollowEachOther()
    {
        bar()->setBuilderVisible(true);
        QueryBuilderWidget *builder = bar()->builder();
        type(u"age > 30 and name = \"Bob\" sort -age limit 20"_s);
        // The bar → the builder.
        QCOMPARE(builder->conditionCount(), 2);
        QCOMPARE(builder->query(), bar()->query());
        QCOMPARE(builder->note(), QString());
        // The builder → the bar, in the language.
        builder->addCondition(u"age"_s, Op::Lt, u"50"_s);
        QCOMPARE(bar()->text(), u"age > 30 and name = \"Bob\" and age < 50 sort age desc limit 20"_s);
        builder->setMatchAny(true);
        QCOMPARE(bar()->text(), u"age > 30 or name = \"Bob\" or age < 50 sort age desc limit 20"_s);
        QVERIFY(bar()->isValid());
        loom::test::screenshot(browser.get(), u"query-builder"_s);
        // What the builder cannot show: it says so, takes no edits, and the bar keeps the text.
        const QString mixed = u"age > 1 and age < 5 or name = \"Bob\""_s;
        type(mixed);
        QVERIFY(bar()->isValid());
        QVERIFY2(builder->note().contains(u"mixes and with or"_s), qPrintable(builder->note()));
        QVERIFY(!builder->findChild<QPushButton *>(u"builderAdd"_s)->isEnabled());
        QCOMPARE(bar()->text(), mixed);
        // A query it can show again: it follows once more.
        type(u"active = true"_s);
        QCOMPARE(builder->note(), QString());
        QVERIFY(builder->findChild<QPushButton *>(u"builderAdd"_s)->isEnabled());
        QCOMPARE(builder->conditionCount(), 1);
        QCOMPARE(builder->query(), Query::where(u"active"_s, Op::Eq, true));
        bar()->setBuilderVisible(false);
    }

    void completionOffersSchemaFields()
    {
        QSignalSpy requested(bar(), &QueryBarWidget::queryRequested);
        type(u"addr"_s);
        QTRY_VERIFY(edit()->isCompletionVisible());
        QVERIFY2(completions().contains(u"address.city"_s), qPrintable(completions().join(u", "_s)));
        QVERIFY(completions().contains(u"address.zip"_s));
        QVERIFY(!completions().contains(u"age"_s));
        screenshotWithPopup(u"query-completion"_s);
        choose(u"address.city"_s);
        QTest::keyClick(edit(), Qt::Key_Return); // takes the entry, runs nothing
        QCOMPARE(edit()->text(), u"address.city "_s);
        QVERIFY(!edit()->isCompletionVisible());
        QCOMPARE(requested.size(), 0);

        // After a value: the keywords; Tab takes one.
        QTest::keyClicks(edit(), u"!= \"Oslo\" a"_s);
        QTRY_VERIFY(edit()->isCompletionVisible());
        QCOMPARE(completions(), QStringList{u"and"_s});
        choose(u"and"_s);
        QTest::keyClick(edit(), Qt::Key_Tab);
        QCOMPARE(edit()->text(), u"address.city != \"Oslo\" and "_s);
        // Tab completed rather than moved on. (The offscreen platform leaves no window active once
        // a popup has closed, so ask the window which of its widgets has the focus.)
        QCOMPARE(browser->focusWidget(), edit());

        // After and: field names again; Escape closes the list and keeps the text.
        QTest::keyClicks(edit(), u"ag"_s);
        QTRY_VERIFY(edit()->isCompletionVisible());
        QCOMPARE(completions(), QStringList{u"age"_s});
        QTest::keyClick(edit(), Qt::Key_Escape);
        QVERIFY(!edit()->isCompletionVisible());
        QCOMPARE(edit()->text(), u"address.city != \"Oslo\" and ag"_s);

        // Ctrl+Space opens the list anywhere; Enter with nothing chosen runs the query.
        QTest::keyClicks(edit(), u"e > 40 or name = \"Carl\" or age = 35 "_s);
        QVERIFY(!edit()->isCompletionVisible());
        QTest::keyClick(edit(), Qt::Key_Space, Qt::ControlModifier);
        QTRY_VERIFY(edit()->isCompletionVisible());
        QCOMPARE(completions(), (QStringList{u"and"_s, u"or"_s, u"sort"_s, u"limit"_s, u"skip"_s}));
        QTest::keyClick(edit(), Qt::Key_Return);
        QVERIFY(!edit()->isCompletionVisible());
        QCOMPARE(requested.size(), 1);
        QCOMPARE(bar()->query().ors().size(), 2);
        // Bob 41 (Lyon), Carl 50, Bob 35 and Ann 35.
        QTRY_COMPARE_WITH_TIMEOUT(browser->model()->loadedCount(), 4, 10000);
        QTRY_VERIFY(!browser->model()->pager()->isLoading() && browser->model()->pager()->atEnd());
        QCOMPARE(browser->model()->loadedCount(), 4);
    }

    void cleanupTestCase()
    {
        browser.reset();
    }
};

QTEST_MAIN(TestBrowserQuery)
#include "tst_browser_query.moc"
