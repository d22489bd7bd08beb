// CollectionTabWidget::closeTabsAsking (issue 11 item 1), without a daemon: the tabs an action
// takes away are asked one at a time; the action's `then` runs once, with true only when every
// one agreed; a declined tab and those not yet asked stay open; requests wait their turn. (The
// real browser and daemon: tests/browser/tst_browser_closing.)
#include "testdaemon.h"

#include "session/connectionmanager.h"
#include "widgets/collectiontabwidget.h"

#include <QPointer>
#include <QSet>
#include <QTabWidget>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace loom;

class TestGuiCloseTabs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void closeTabsAskingWaitsForEveryTab()
    {
        ConnectionManager manager(nullptr);
        ConnectionSettings s;
        s.port = loom::test::freeLoopbackPort();
        Connection *c = manager.add(s, false, false);
        CollectionTabWidget tabs;
        tabs.setFactory([](Connection *, const StoreId &, const QString &, QWidget *parent) { return new QWidget(parent); });
        QSet<QWidget *> unsaved;
        QStringList asked; // the collections of the tabs that asked, in order
        tabs.setCloseGuard([&](QWidget *page) {
            if (!unsaved.contains(page))
                return true;
            asked << page->objectName();
            return false; // it asks, and answers later
        });
        const StoreId one = StoreId::generate();
        const StoreId two = StoreId::generate();
        const QPointer<QWidget> a = tabs.openCollection(c, one, u"one"_s, u"A"_s);
        const QPointer<QWidget> b = tabs.openCollection(c, one, u"one"_s, u"B"_s);
        const QPointer<QWidget> clean = tabs.openCollection(c, one, u"one"_s, u"C"_s);
        const QPointer<QWidget> other = tabs.openCollection(c, two, u"two"_s, u"A"_s);
        a->setObjectName(u"A"_s);
        b->setObjectName(u"B"_s);
        unsaved = {a.data(), b.data()};
        QList<bool> results;
        const auto then = [&results](bool closed) { results << closed; };

        // A asks first; nothing closes meanwhile.
        tabs.closeTabsAsking(c, one, {}, &tabs, then);
        QCOMPARE(asked, QStringList{u"A"_s});
        QCOMPARE(tabs.tabs()->currentWidget(), a.data());
        QVERIFY(results.isEmpty());
        QCOMPARE(tabs.count(), 4);
        // A request made meanwhile waits its turn.
        tabs.closeTabsAsking(c, two, {}, &tabs, then);
        QCOMPARE(asked.size(), 1);
        // A answers Discard (it closes), then B is asked and answers Cancel: the action does not
        // go on, B and the clean tab C stay. Then the waiting request runs (nothing to ask).
        unsaved.remove(a);
        tabs.closePage(a);
        QVERIFY(!a);
        QCOMPARE(asked, (QStringList{u"A"_s, u"B"_s}));
        QVERIFY(results.isEmpty());
        tabs.closeDeclined();
        QCOMPARE(results, (QList<bool>{false, true}));
        QVERIFY(b);
        QVERIFY(clean);
        QVERIFY(!other);
        QCOMPARE(tabs.count(), 2);

        // Again, and B agrees (Save): all of the store's tabs close, then the action goes on.
        results.clear();
        tabs.closeTabsAsking(c, one, {}, &tabs, then);
        QCOMPARE(asked, (QStringList{u"A"_s, u"B"_s, u"B"_s}));
        unsaved.remove(b);
        tabs.closePage(b);
        QCOMPARE(results, (QList<bool>{true}));
        QCOMPARE(tabs.count(), 0);

        // Nothing to ask: at once. And a context that is gone drops `then`.
        const QPointer<QWidget> d = tabs.openCollection(c, one, u"one"_s, u"D"_s);
        results.clear();
        tabs.closeTabsAsking(c, {}, {}, &tabs, then);
        QCOMPARE(results, (QList<bool>{true}));
        QVERIFY(!d);
        const QPointer<QWidget> e = tabs.openCollection(c, one, u"one"_s, u"E"_s);
        unsaved = {e.data()};
        auto *context = new QObject;
        results.clear();
        tabs.closeTabsAsking(c, {}, {}, context, then);
        delete context;
        unsaved.clear();
        tabs.closePage(e);
        QVERIFY(results.isEmpty());
        QVERIFY(!tabs.isAsking());
    }

    // Quitting: confirmCloseAll asks, and closeAllResumed follows only once all agreed.
    void quittingWaitsForEveryTab()
    {
        ConnectionManager manager(nullptr);
        ConnectionSettings s;
        s.port = loom::test::freeLoopbackPort();
        Connection *c = manager.add(s, false, false);
        CollectionTabWidget tabs;
        tabs.setFactory([](Connection *, const StoreId &, const QString &, QWidget *parent) { return new QWidget(parent); });
        QSet<QWidget *> unsaved;
        tabs.setCloseGuard([&](QWidget *page) { return !unsaved.contains(page); });
        const QPointer<QWidget> a = tabs.openCollection(c, StoreId::generate(), {}, u"A"_s);
        const QPointer<QWidget> b = tabs.openCollection(c, StoreId::generate(), {}, u"B"_s);
        QVERIFY(tabs.confirmCloseAll()); // nothing unsaved: the window may close now
        unsaved = {a.data(), b.data()};
        QSignalSpy resumed(&tabs, &CollectionTabWidget::closeAllResumed);
        QVERIFY(!tabs.confirmCloseAll());
        unsaved.remove(a);
        tabs.closePage(a);
        QCOMPARE(resumed.count(), 0); // B still asks
        tabs.closeDeclined();
        QCOMPARE(resumed.count(), 0);
        QVERIFY(b);
        QVERIFY(!tabs.confirmCloseAll());
        unsaved.clear();
        tabs.closePage(b);
        QCOMPARE(resumed.count(), 1);
        QCOMPARE(tabs.count(), 0);
    }
};

QTEST_MAIN(TestGuiCloseTabs)
#include "tst_gui_closetabs.moc"
