// Data safety: an unsaved edit survives a daemon that goes away. With a daemon of the test's
// own: stop it with an edit pending, try to save (the error is shown, the edit is kept), start it
// again on the same ports and repo, save (it arrives).
#include "browsertestutil.h"
#include "guitestutil.h"

#include "browser/entitybrowserwidget.h"
#include "browser/widgets/entitytreeview.h"
#include "browser/models/entitymodel.h"
#include "widgets/messagebar.h"
#include "subscription.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace loom;
using loom::test::await;

class TestBrowserSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(loom::test::inLoopbackOnlyNamespace());
    }

    void unsavedEditSurvivesADaemonRestart()
    {
        loom::test::TestDaemon daemon;
        QString why;
        QVERIFY2(daemon.start(&why), qPrintable(why));
        ConnectionSettings settings = daemon.settings();
        settings.deadlineMs = 3000;
        ThreadsClient client(settings);
        const QString people = u"People"_s;
        auto created = await(client.newStore(u"safety"_s, {{people, loom::test::peopleSchema(), {}, {}, {}}}));
        LOOM_VERIFY_OK(created);
        const StoreId store = created->result();
        auto made = await(client.create(store, people, {loom::test::person(u"Ada"_s, 36), loom::test::person(u"Bob"_s, 41)}));
        LOOM_VERIFY_OK(made);
        const QString id = made->result().first();

        EntityBrowserWidget browser(BrowserContext{&client, store, people});
        QAbstractItemModelTester tester(browser.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        browser.resize(1100, 650);
        browser.show();
        QVERIFY(QTest::qWaitForWindowExposed(&browser));
        QTRY_COMPARE_WITH_TIMEOUT(browser.model()->loadedCount(), 2, 20000);

        // An edit, not saved yet.
        QJsonObject doc = browser.model()->document(id);
        doc[u"age"_s] = 37;
        doc[u"address"_s] = QJsonObject{{u"city"_s, u"London"_s}};
        browser.model()->edits()->editDocument(id, doc, u"test edit"_s);
        QVERIFY(browser.hasUnsavedChanges());

        // The daemon goes away; saving fails, says why, and keeps the edit.
        QVERIFY(daemon.stop());
        browser.save();
        QTRY_VERIFY_WITH_TIMEOUT(browser.messageBar()->isVisibleTo(&browser), 15000);
        const QString text = browser.messageBar()->message();
        QVERIFY2(text.contains(u"not reachable"_s) || text.contains(u"did not answer"_s), qPrintable(text));
        QVERIFY(text.contains(u"kept"_s));
        QVERIFY(browser.model()->isDirty(id));
        QCOMPARE(browser.model()->document(id)[u"age"_s].toInt(), 37);
        QVERIFY(!browser.model()->edits()->saveError(id).isEmpty());
        QCOMPARE(browser.tabTitle(), people + u"*"_s);
        QTRY_COMPARE_WITH_TIMEOUT(browser.subscription()->state(), Subscription::Retrying, 15000);
        loom::test::screenshot(&browser, u"browser-daemon-down"_s);

        // Back on the same ports and repo: the subscription comes back, the loaded range is read
        // again, the edit is still there, and saving works (the channel may need a few tries).
        QVERIFY2(daemon.start(&why), qPrintable(why));
        QTRY_COMPARE_WITH_TIMEOUT(browser.subscription()->state(), Subscription::Listening, 30000);
        QVERIFY(browser.model()->isDirty(id));
        QCOMPARE(browser.model()->document(id)[u"address"_s].toObject()[u"city"_s].toString(), u"London"_s);
        bool saved = false;
        for (int attempt = 0; attempt < 30 && !saved; ++attempt) {
            browser.save();
            saved = QTest::qWaitFor([&] { return !browser.model()->isDirty(id); }, 1000);
        }
        QVERIFY(saved);
        QVERIFY(!browser.hasUnsavedChanges());
        // The "not reachable" message does not outlive its cause: the save that worked cleared it.
        QTRY_VERIFY_WITH_TIMEOUT(!browser.messageBar()->isVisibleTo(&browser), 5000);
        QVERIFY(browser.messageBar()->message().isEmpty());
        QCOMPARE(browser.tabTitle(), people);
        auto stored = await(client.findById(store, people, id));
        LOOM_VERIFY_OK(stored);
        QCOMPARE(stored->result()[u"age"_s].toInt(), 37);
        QCOMPARE(stored->result()[u"address"_s].toObject()[u"city"_s].toString(), u"London"_s);
        QCOMPARE(stored->result()[u"name"_s].toString(), u"Ada"_s);
    }
};

QTEST_MAIN(TestBrowserSafety)
#include "tst_browser_safety.moc"
