// Issue 11 item 1: every way out of a tab with unsaved edits asks, against the fixture's real
// daemon A and the app's own wiring (entityBrowserTabs): Ctrl+W, the tab's ×, a middle click,
// quitting (Ctrl+Q), removing the connection, editing it (it is made anew), deleting the
// collection, deleting the store. For each, and each answer: the question appears (the unsaved
// changes box); Cancel keeps the tab, its edit and what the action would have removed; Discard
// closes the tab and the action goes on; Save saves, then closes, then the action goes on.
#include "browsertestutil.h"
#include "guitestutil.h"

#include "actions/collectionactions.h"
#include "actions/connectionactions.h"
#include "actions/storeactions.h"
#include "browser/browsertabs.h"
#include "browser/entitybrowserwidget.h"
#include "browser/models/entitymodel.h"
#include "browser/widgets/entitytreeview.h"
#include "dialogs/connectiondialog.h"
#include "widgets/collectiontabwidget.h"

#include <QAction>
#include <QMessageBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace loom;
using loom::test::await;

namespace {

enum Way { CtrlW, CloseButton, MiddleClick, Quit, RemoveConnection, EditConnection, DeleteCollection, DeleteStore };
const char *const kWayNames[] = {"Ctrl+W", "tab x", "middle click", "Ctrl+Q", "remove connection",
                                 "edit connection", "delete collection", "delete store"};

// The "unsaved changes" question, once it is the active modal window.
QMessageBox *unsavedQuestion()
{
    QMessageBox *box = nullptr;
    const bool appeared = QTest::qWaitFor([&] {
        box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        return box && box->objectName() == u"unsavedChangesBox"_s;
    }, 15000);
    return appeared ? box : nullptr;
}

QAbstractButton *buttonLabelled(QWidget *box, const QString &text)
{
    for (QAbstractButton *b : box->findChildren<QAbstractButton *>())
        if (b->text().remove(u'&') == text)
            return b;
    return nullptr;
}

} // namespace

class TestBrowserClosing : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ThreadsClient> client;
    const QString people = u"People"_s;

private Q_SLOTS:
    void initTestCase()
    {
        LOOM_REQUIRE_FIXTURE();
        client = std::make_unique<ThreadsClient>(loom::test::fixtureDaemon(u"A"_s));
    }

    void everyWayOutAsks_data()
    {
        QTest::addColumn<int>("way");
        QTest::addColumn<QString>("answer");
        for (int way = CtrlW; way <= DeleteStore; ++way)
            for (const char *answer : {"Cancel", "Discard", "Save"})
                QTest::addRow("%s, %s", kWayNames[way], answer) << way << QString::fromLatin1(answer);
    }

    void everyWayOutAsks()
    {
        QFETCH(int, way);
        QFETCH(QString, answer);
        StoreId store;
        LOOM_NEW_PEOPLE_STORE(client, "closing", people, store);
        auto made = await(client->create(store, people, {loom::test::person(u"Ada"_s, 36), loom::test::person(u"Bob"_s, 41)}));
        LOOM_VERIFY_OK(made);
        const QString id = made->result().first();

        loom::test::Gui gui;
        gui.window->resize(1280, 800);
        CollectionTabWidget *tabs = gui.window->collectionTabs();
        gui.window->setCollectionTabFactory(entityBrowserTabs(tabs, gui.tracker.get(), nullptr));
        Connection *c = gui.manager->add(loom::test::fixtureDaemon(u"A"_s), false, false);
        const QPointer<Connection> connection(c);
        QPointer<EntityBrowserWidget> browser =
            qobject_cast<EntityBrowserWidget *>(tabs->openCollection(c, store, u"closing"_s, people));
        QVERIFY(browser);
        gui.window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(gui.window.get()));
        QTRY_VERIFY_WITH_TIMEOUT(!browser->model()->pager()->isLoading() && browser->model()->loadedCount() == 2, 20000);

        // The edit: a new score, unsaved ("People*").
        QJsonObject doc = browser->model()->document(id);
        doc.insert(u"score"_s, 7.25);
        browser->model()->edits()->editDocument(id, doc, u"edit score"_s);
        QVERIFY(browser->hasUnsavedChanges());
        QCOMPARE(tabs->tabs()->tabText(0), u"People*"_s);
        QSignalSpy cancelled(browser.data(), &EntityBrowserWidget::closeCancelled);
        QSignalSpy status(browser.data(), &EntityBrowserWidget::statusMessage);

        // The way out.
        QTabBar *bar = tabs->tabs()->tabBar();
        switch (Way(way)) {
        case CtrlW:
            // The platform's Close keys (Ctrl+W on Linux desktops; offscreen uses the Windows
            // scheme: Ctrl+F4), as a person presses them in the tab.
            browser->view()->setFocus();
            QVERIFY(!QKeySequence(QKeySequence::Close).isEmpty());
            QTest::keySequence(browser->view(), QKeySequence(QKeySequence::Close));
            break;
        case CloseButton: {
            auto *x = qobject_cast<QAbstractButton *>(bar->tabButton(0, QTabBar::RightSide));
            if (!x)
                x = qobject_cast<QAbstractButton *>(bar->tabButton(0, QTabBar::LeftSide));
            QVERIFY(x);
            x->click();
            break;
        }
        case MiddleClick:
            QTest::mouseClick(bar, Qt::MiddleButton, {}, bar->tabRect(0).center());
            break;
        case Quit:
            // Quit (Ctrl+Q on Linux desktops; the offscreen platform binds no Quit key, so the
            // File menu's Quit is triggered as a click would).
            browser->view()->setFocus();
            if (!QKeySequence(QKeySequence::Quit).isEmpty()) {
                QTest::keySequence(browser->view(), QKeySequence(QKeySequence::Quit));
            } else {
                QAction *quit = nullptr;
                for (QAction *a : gui.window->findChildren<QAction *>())
                    if (a->text().remove(u'&') == u"Quit"_s)
                        quit = a;
                QVERIFY(quit);
                quit->trigger();
            }
            break;
        case RemoveConnection:
            loom::test::answerNextDialog(u"Remove"_s);
            gui.window->connectionActions()->removeConnection(c);
            break;
        case EditConnection: {
            ConnectionDialog *dialog = gui.window->connectionActions()->editConnection(c);
            ConnectionSettings renamed = c->settings();
            renamed.name = u"renamed"_s;
            dialog->setSettings(renamed, false);
            dialog->accept();
            break;
        }
        case DeleteCollection:
            loom::test::answerNextDialog(u"Delete collection"_s);
            gui.window->collectionActions()->deleteCollection(c, store, u"closing"_s, people);
            break;
        case DeleteStore:
            loom::test::answerNextDialog(u"Delete store"_s);
            gui.window->storeActions()->deleteStore(c, store, u"closing"_s);
            break;
        }

        // The question appears, naming what is unsaved.
        QMessageBox *box = unsavedQuestion();
        QVERIFY2(box, "the unsaved changes question did not appear");
        QVERIFY2(box->text().contains(u"1 entity in People has unsaved changes"_s), qPrintable(box->text()));
        QAbstractButton *button = buttonLabelled(box, answer);
        QVERIFY(button);
        button->click();

        const auto storeExists = [&] { return await(client->storeInfo(store))->ok(); };
        const auto collectionExists = [&] { return await(client->collectionInfo(store, people))->ok(); };
        if (answer == u"Cancel"_s) {
            // The tab, its edit and everything the action would have removed stay.
            QTRY_COMPARE(cancelled.count(), 1);
            QVERIFY(browser);
            QCOMPARE(tabs->count(), 1);
            QVERIFY(browser->hasUnsavedChanges());
            QCOMPARE(browser->model()->document(id)[u"score"_s].toDouble(), 7.25);
            QVERIFY(gui.window->isVisible());
            QVERIFY(connection);
            QCOMPARE(connection->settings().name, loom::test::fixtureDaemon(u"A"_s).name);
            QVERIFY(storeExists());
            QVERIFY(collectionExists());
            QVERIFY(await(client->findById(store, people, id))->result()[u"score"_s].isUndefined());
            browser->model()->edits()->revert(id); // (so that it leaves no draft behind)
            return;
        }
        // Discard and Save close the tab (Save once saved), then the action goes on.
        QTRY_VERIFY_WITH_TIMEOUT(!browser, 15000);
        const bool saved = std::any_of(status.begin(), status.end(), [](const QList<QVariant> &args) {
            return args.first().toString().startsWith(u"Saved 1 entity"_s);
        });
        QCOMPARE(saved, answer == u"Save"_s);
        switch (Way(way)) {
        case Quit:
            QTRY_VERIFY(!gui.window->isVisible());
            break;
        case RemoveConnection:
            QTRY_VERIFY(!connection);
            QCOMPARE(gui.manager->count(), 0);
            break;
        case EditConnection:
            QTRY_VERIFY(!connection); // made anew with the new settings
            QCOMPARE(gui.manager->count(), 1);
            QCOMPARE(gui.manager->at(0)->settings().name, u"renamed"_s);
            break;
        case DeleteCollection:
            QTRY_VERIFY_WITH_TIMEOUT(!collectionExists(), 10000);
            break;
        case DeleteStore:
            QTRY_VERIFY_WITH_TIMEOUT(!storeExists(), 10000);
            break;
        default:
            QCOMPARE(tabs->count(), 0);
            QVERIFY(gui.window->isVisible());
            break;
        }
        if (way != DeleteCollection && way != DeleteStore) {
            const QJsonValue score = await(client->findById(store, people, id))->result()[u"score"_s];
            if (answer == u"Save"_s)
                QCOMPARE(score.toDouble(), 7.25);
            else
                QVERIFY(score.isUndefined());
        }
    }

    // Two tabs of one store, both with edits: deleting the store asks both, one at a time; when
    // the second is declined, the store is not deleted and the second tab stays with its edit.
    void aDeclinedTabStopsTheAction()
    {
        StoreId store;
        const CollectionConfig second{u"Others"_s, loom::test::peopleSchema(), {}, {}, {}};
        LOOM_NEW_PEOPLE_STORE(client, "closing2", people, store);
        LOOM_VERIFY_OK(await(client->newCollection(store, second)));
        auto a = await(client->create(store, people, {loom::test::person(u"Ada"_s, 36)}));
        auto b = await(client->create(store, u"Others"_s, {loom::test::person(u"Bob"_s, 41)}));
        LOOM_VERIFY_OK(a);
        LOOM_VERIFY_OK(b);

        loom::test::Gui gui;
        CollectionTabWidget *tabs = gui.window->collectionTabs();
        gui.window->setCollectionTabFactory(entityBrowserTabs(tabs, gui.tracker.get(), nullptr));
        Connection *c = gui.manager->add(loom::test::fixtureDaemon(u"A"_s), false, false);
        QPointer<EntityBrowserWidget> first = qobject_cast<EntityBrowserWidget *>(tabs->openCollection(c, store, {}, people));
        QPointer<EntityBrowserWidget> other = qobject_cast<EntityBrowserWidget *>(tabs->openCollection(c, store, {}, u"Others"_s));
        for (EntityBrowserWidget *browser : {first.data(), other.data()}) {
            QTRY_VERIFY_WITH_TIMEOUT(browser->model()->loadedCount() == 1, 20000);
            const QString id = browser->model()->keyAt(browser->model()->index(0, 0));
            QJsonObject doc = browser->model()->document(id);
            doc.insert(u"score"_s, 1.5);
            browser->model()->edits()->editDocument(id, doc, u"edit"_s);
        }
        QSignalSpy notices(gui.window->storeActions(), &StoreActions::notice);
        loom::test::answerNextDialog(u"Delete store"_s);
        gui.window->storeActions()->deleteStore(c, store, u"closing2"_s);
        QMessageBox *box = unsavedQuestion();
        QVERIFY(box);
        QVERIFY2(box->text().contains(people), qPrintable(box->text()));
        buttonLabelled(box, u"Discard"_s)->click();
        QTRY_VERIFY(!first);
        box = unsavedQuestion(); // then the second, not both at once
        QVERIFY(box);
        QVERIFY2(box->text().contains(u"Others"_s), qPrintable(box->text()));
        buttonLabelled(box, u"Cancel"_s)->click();
        QTRY_COMPARE(notices.count(), 1);
        QVERIFY2(notices.first().first().toString().contains(u"was not deleted"_s),
                 qPrintable(notices.first().first().toString()));
        QVERIFY(other);
        QVERIFY(other->hasUnsavedChanges());
        QVERIFY(await(client->storeInfo(store))->ok());
        for (const QString &key : other->model()->edits()->dirtyKeys())
            other->model()->edits()->revert(key);
    }
};

QTEST_MAIN(TestBrowserClosing)
#include "tst_browser_closing.moc"
