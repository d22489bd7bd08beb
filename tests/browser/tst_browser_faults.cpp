// Issue 11, item 5: the faults found by trying the entity browser as a new user, in the main
// window as Loom assembles it (app/gui/application.cpp: the browser in the collection tabs, the
// Live changes dock), against the fixture's real daemons A and B. Each test failed before its fix.
#include "browsertestutil.h"
#include "guitestutil.h"

#include "actions/collectionactions.h"
#include "browser/browsertabs.h"
#include "browser/entitybrowserwidget.h"
#include "browser/models/entitymodel.h"
#include "browser/models/eventlogmodel.h"
#include "browser/models/schemafield.h"
#include "browser/schema/schemaformwidget.h"
#include "browser/widgets/emptyhint.h"
#include "browser/widgets/entityeditorpanel.h"
#include "browser/widgets/entitytableview.h"
#include "browser/widgets/entitytreeview.h"
#include "browser/widgets/eventlogwidget.h"
#include "delegates/connectionstatedelegate.h"
#include "dialogs/collectiondialog.h"
#include "models/calllogmodel.h"
#include "widgets/calllogwidget.h"
#include "calllog.h"
#include "dialogs/schemadiffdialog.h"
#include "subscription.h"
#include "widgets/collectioneditor.h"
#include "widgets/schemaeditor.h"

#include <QAction>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QLineEdit>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTest>
#include <QUndoStack>

using namespace Qt::StringLiterals;
using namespace loom;
using loom::test::await;

namespace {

// What Application::installEntityBrowser does, with the same wiring (entityBrowserTabs).
EventLogWidget *installBrowser(MainWindow *window, ActivityTracker *tracker)
{
    auto *dock = new QDockWidget(u"Live changes"_s, window);
    dock->setObjectName(u"eventLogDock"_s);
    auto *log = new EventLogWidget(dock);
    dock->setWidget(log);
    window->addDock(dock, Qt::LeftDockWidgetArea);
    window->setCollectionTabFactory(entityBrowserTabs(window->collectionTabs(), tracker, log));
    return log;
}

} // namespace

class TestBrowserFaults : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ThreadsClient> coreA;
    std::unique_ptr<ThreadsClient> coreB;
    std::unique_ptr<CallLog> calls = std::make_unique<CallLog>(); // outlives the GUI's clients
    std::unique_ptr<loom::test::Gui> gui;
    EventLogWidget *log = nullptr;
    Connection *a = nullptr;
    Connection *b = nullptr;
    const QString people = u"People"_s;
    StoreId storeA;
    StoreId storeB;
    QString nameA;
    QString nameB;
    QStringList idsA;

    CollectionTabWidget *tabs() const { return gui->window->collectionTabs(); }
    EntityBrowserWidget *open(Connection *c, const StoreId &store, const QString &storeName, const QString &collection)
    {
        return qobject_cast<EntityBrowserWidget *>(tabs()->openCollection(c, store, storeName, collection));
    }
    static bool loaded(const EntityBrowserWidget *browser)
    {
        return browser->schemaLoaded() && !browser->model()->pager()->isLoading()
               && browser->model()->pager()->atEnd();
    }

private Q_SLOTS:
    void initTestCase()
    {
        LOOM_REQUIRE_FIXTURE();
        coreA = std::make_unique<ThreadsClient>(loom::test::fixtureDaemon(u"A"_s));
        coreB = std::make_unique<ThreadsClient>(loom::test::fixtureDaemon(u"B"_s));
        LOOM_NEW_PEOPLE_STORE(coreA, "faultsA", people, storeA);
        LOOM_NEW_PEOPLE_STORE(coreB, "faultsB", people, storeB);
        for (const auto &[core, store, name] : {std::tuple{coreA.get(), storeA, &nameA}, std::tuple{coreB.get(), storeB, &nameB}}) {
            auto listed = await(core->listStores());
            LOOM_VERIFY_OK(listed);
            for (const StoreInfo &s : listed->result())
                if (s.id == store)
                    *name = s.name;
        }
        QList<Instance> list;
        for (int i = 1; i <= 40; ++i)
            list.append(loom::test::person(u"Person %1"_s.arg(i), i));
        auto made = await(coreA->create(storeA, people, list));
        LOOM_VERIFY_OK(made);
        idsA = made->result();

        gui = std::make_unique<loom::test::Gui>();
        log = installBrowser(gui->window.get(), gui->tracker.get());
        QVERIFY(QTest::qWaitForWindowExposed(gui->window.get()));
        a = gui->manager->add(loom::test::fixtureDaemon(u"A"_s), false, false);
        b = gui->manager->add(loom::test::fixtureDaemon(u"B"_s), false, false);
        QTRY_COMPARE_WITH_TIMEOUT(a->state(), ConnectionMonitor::Connected, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(b->state(), ConnectionMonitor::Connected, 15000);
    }

    // At 1280×800 the default window shows at least 25 entity rows and the whole form; the Live
    // changes dock is under the connections, not a third of the height under the tab.
    void defaultLayout()
    {
        QCOMPARE(gui->window->size(), QSize(1280, 800));
        auto *browser = open(a, storeA, nameA, people);
        QVERIFY(browser);
        QTRY_VERIFY_WITH_TIMEOUT(loaded(browser) && browser->model()->loadedCount() >= 40, 20000);
        browser->selectKey(idsA.first());
        QTRY_COMPARE(browser->editorPanel()->entityKey(), idsA.first());
        loom::test::screenshot(gui->window.get(), u"default-window-1280x800"_s);
        auto *dock = gui->window->findChild<QDockWidget *>(u"eventLogDock"_s);
        QCOMPARE(gui->window->dockWidgetArea(dock), Qt::LeftDockWidgetArea);
        QVERIFY2(dock->height() < gui->window->height() / 2, qPrintable(QString::number(dock->height())));
        QCoreApplication::processEvents();
        QTreeView *view = browser->tableView(); // the default view: fields as columns
        QVERIFY(view->isVisible());
        const int rows = view->viewport()->height() / view->sizeHintForRow(0);
        QVERIFY2(rows >= 25, qPrintable(u"%1 rows of %2 px in %3 px"_s.arg(rows).arg(view->sizeHintForRow(0)).arg(view->viewport()->height())));
        auto *scroll = browser->editorPanel()->findChild<QScrollArea *>();
        QVERIFY(scroll);
        QVERIFY2(scroll->horizontalScrollBar()->maximum() == 0,
                 qPrintable(u"the form is %1 px too wide"_s.arg(scroll->horizontalScrollBar()->maximum())));
        // The id field, the widest of the form's, shows whole.
        auto *id = browser->editorPanel()->form()->findChild<QLineEdit *>(u"field:_id"_s);
        QVERIFY(id);
        const QRect shown = QRect(id->mapTo(scroll->viewport(), QPoint()), id->size());
        QVERIFY2(scroll->viewport()->rect().contains(shown), qPrintable(u"%1,%2 %3×%4 in %5×%6"_s.arg(shown.x()).arg(shown.y())
                     .arg(shown.width()).arg(shown.height()).arg(scroll->viewport()->width()).arg(scroll->viewport()->height())));
        QVERIFY2(id->width() >= id->fontMetrics().horizontalAdvance(idsA.first()) + 8, qPrintable(QString::number(id->width())));
    }

    // Two tabs of collections named alike (here People on daemon A and on daemon B) name their
    // store and daemon; one alone does not. The tree's selection follows the current tab, and
    // the status bar names the current connection's state; Live changes names the source.
    void twoDaemonsTellApart()
    {
        auto *first = open(a, storeA, nameA, people);
        QCOMPARE(tabs()->tabs()->tabText(tabs()->tabs()->indexOf(first)), people);
        auto *second = open(b, storeB, nameB, people);
        QVERIFY(second);
        QTRY_VERIFY_WITH_TIMEOUT(loaded(second), 20000);
        const QString sourceA = u"%1 (%2)"_s.arg(nameA, a->displayName());
        const QString sourceB = u"%1 (%2)"_s.arg(nameB, b->displayName());
        QCOMPARE(tabs()->tabs()->tabText(tabs()->tabs()->indexOf(first)), people + u" — "_s + sourceA);
        QCOMPARE(tabs()->tabs()->tabText(tabs()->tabs()->indexOf(second)), people + u" — "_s + sourceB);
        QVERIFY(tabs()->tabs()->tabToolTip(tabs()->tabs()->indexOf(second)).contains(nameB));

        // The tree follows the current tab (the collections are listed on the way if need be).
        QTRY_COMPARE_WITH_TIMEOUT(gui->window->tree()->currentIndex(), QModelIndex(gui->model()->indexOf(b, storeB, people)), 15000);
        tabs()->tabs()->setCurrentWidget(first);
        QTRY_COMPARE_WITH_TIMEOUT(gui->window->tree()->currentIndex(), QModelIndex(gui->model()->indexOf(a, storeA, people)), 15000);
        QTRY_COMPARE(gui->window->connectionStateLabel()->text(), u"%1: connected"_s.arg(a->displayName()));
        QVERIFY(gui->window->connectionStateLabel()->isVisible());

        // Live changes: one change on each daemon, each named by its source.
        QTRY_VERIFY_WITH_TIMEOUT(first->subscription() && first->subscription()->state() == Subscription::Listening
                                     && second->subscription() && second->subscription()->state() == Subscription::Listening,
                                 15000);
        log->clear();
        LOOM_VERIFY_OK(await(coreA->create(storeA, people, {loom::test::person(u"From A"_s, 70)})));
        QTRY_COMPARE_WITH_TIMEOUT(log->model()->rowCount(), 1, 15000);
        // One source so far: the collection alone.
        QCOMPARE(log->model()->index(0, EventLogModel::CollectionColumn).data().toString(), people);
        LOOM_VERIFY_OK(await(coreB->create(storeB, people, {loom::test::person(u"From B"_s, 71)})));
        QTRY_COMPARE_WITH_TIMEOUT(log->model()->rowCount(), 2, 15000);
        QCOMPARE(log->model()->index(0, EventLogModel::CollectionColumn).data().toString(), people + u" — "_s + sourceA);
        QCOMPARE(log->model()->index(1, EventLogModel::CollectionColumn).data().toString(), people + u" — "_s + sourceB);

        // Back to one tab of that name: the plain title again.
        tabs()->closeTabs(b, storeB, people);
        QCOMPARE(tabs()->tabs()->tabText(tabs()->tabs()->indexOf(first)), people);
    }

    // The connection's state in words beside its name, and in the status bar.
    void connectionStateInWords()
    {
        const QModelIndex row = gui->model()->indexOf(a);
        QCOMPARE(row.data(ConnectionTreeModel::StateTextRole).toString(), u"connected"_s);
        QCOMPARE(row.data().toString(), a->displayName());
        QStyleOptionViewItem option;
        option.initFrom(gui->view());
        auto *delegate = gui->view()->itemDelegateForIndex(row);
        QVERIFY(qobject_cast<ConnectionStateDelegate *>(delegate));
        const int badge = QFontMetrics(option.font).horizontalAdvance(u"connected"_s) / 2;
        QVERIFY(delegate->sizeHint(option, row).width()
                > QStyledItemDelegate().sizeHint(option, row).width() + badge);
        gui->select(row);
        QTRY_COMPARE(gui->window->connectionStateLabel()->text(), u"%1: connected"_s.arg(a->displayName()));
        loom::test::screenshot(gui->window->tree(), u"connection-state-badge"_s);
    }

    // Collection › Edit schema reaches the open tab: the form and the query's fields follow.
    void editedSchemaReachesTheOpenTab()
    {
        auto *browser = open(a, storeA, nameA, people);
        QTRY_VERIFY_WITH_TIMEOUT(loaded(browser), 20000);
        browser->selectKey(idsA.first());
        SchemaFormWidget *form = browser->editorPanel()->form();
        QTRY_VERIFY(form->editorFor(u"name"_s));
        QVERIFY(!form->editorFor(u"nickname"_s));
        QVERIFY(!browser->schemaFields().contains(u"nickname"_s));

        QTRY_VERIFY_WITH_TIMEOUT(gui->model()->indexOf(a, storeA, people).isValid(), 15000);
        gui->select(gui->model()->indexOf(a, storeA, people));
        gui->trigger(ConnectionTreeWidget::EditSchema);
        auto *dialog = loom::test::waitForModal<CollectionDialog>();
        QVERIFY(dialog);
        QJsonObject schema = QJsonDocument::fromJson(loom::test::peopleSchema()).object();
        QJsonObject properties = schema[u"properties"_s].toObject();
        properties.insert(u"nickname"_s, QJsonObject{{u"type"_s, u"string"_s}});
        schema[u"properties"_s] = properties;
        dialog->editor()->schemaEditor()->setPlainText(QString::fromUtf8(QJsonDocument(schema).toJson()));
        QTRY_VERIFY(dialog->okButton()->isEnabled());
        loom::test::click(dialog->okButton());
        auto *diff = loom::test::waitForModal<SchemaDiffDialog>();
        QVERIFY(diff);
        QSignalSpy changed(gui->window->collectionActions(), &CollectionActions::collectionChanged);
        loom::test::click(diff->applyButton());
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, 15000);

        QTRY_VERIFY_WITH_TIMEOUT(form->editorFor(u"nickname"_s), 15000);
        QVERIFY(browser->schemaFields().contains(u"nickname"_s));
        QCOMPARE(browser->editorPanel()->entityKey(), idsA.first()); // the same entity, in the new form
    }

    // Letters typed into a number field are refused with words ("Numbers only"), and a new
    // array item takes the focus.
    void formSaysNumbersOnlyAndFocusesNewItems()
    {
        auto *browser = open(a, storeA, nameA, people);
        gui->window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(gui->window.get()));
        browser->selectKey(idsA.at(1));
        SchemaFormWidget *form = browser->editorPanel()->form();
        QTRY_VERIFY(qobject_cast<QLineEdit *>(form->editorFor(u"age"_s)));
        auto *age = qobject_cast<QLineEdit *>(form->editorFor(u"age"_s));
        const QString before = age->text();
        age->setFocus();
        age->end(false);
        QTest::keyClicks(age, u"x"_s);
        QCOMPARE(age->text(), before); // refused…
        QVERIFY2(form->errorTextFor(u"age"_s).startsWith(u"Numbers only"_s), qPrintable(form->errorTextFor(u"age"_s))); // …with a word
        QTest::keyClick(age, Qt::Key_Backspace);
        QVERIFY(form->errorTextFor(u"age"_s).isEmpty()); // a key it takes: the words go
        QTest::keyClicks(age, u"5"_s);

        const int tags = int(browser->model()->document(idsA.at(1))[u"tags"_s].toArray().size());
        auto *add = form->findChild<QPushButton *>(u"add:tags"_s);
        QVERIFY(add);
        loom::test::click(add);
        QTRY_VERIFY(form->editorFor(u"tags.%1"_s.arg(tags)));
        QTRY_COMPARE(QApplication::focusWidget(), form->editorFor(u"tags.%1"_s.arg(tags)));
        QTest::keyClicks(QApplication::focusWidget(), u"typed"_s);
        QTRY_COMPARE(browser->model()->document(idsA.at(1))[u"tags"_s].toArray().last().toString(), u"typed"_s);
        browser->action(BrowserActions::Revert)->trigger();
        QTRY_VERIFY(!browser->hasUnsavedChanges());
    }

    // The delete question names the entity by its title (the name field here), not only its id;
    // and a delete (sent to the daemon at once) leaves nothing for Undo to pretend about: Undo
    // goes to the edit before it.
    void deleteNamesTheEntityAndUndoIsHonest()
    {
        auto *browser = open(a, storeA, nameA, people);
        QTRY_VERIFY_WITH_TIMEOUT(loaded(browser), 20000);
        browser->undoStack()->clear();
        const QString kept = idsA.at(2);
        const QString gone = idsA.at(3);
        EntityEdits *edits = browser->model()->edits();
        QJsonObject doc = browser->model()->document(kept);
        doc[u"name"_s] = u"Renamed"_s;
        edits->editDocument(kept, doc, u"Edit name"_s);
        doc = browser->model()->document(gone);
        doc[u"name"_s] = u"Doomed"_s;
        edits->editDocument(gone, doc, u"Edit name"_s);
        QCOMPARE(browser->undoStack()->count(), 2);

        QVERIFY(browser->view()->selectKey(gone));
        browser->view()->setFocus();
        browser->action(BrowserActions::Delete)->trigger();
        auto *question = loom::test::waitForModal<QMessageBox>();
        QVERIFY(question);
        QVERIFY2(question->text().contains(u"“Doomed”"_s) && question->text().contains(gone), qPrintable(question->text()));
        loom::test::click(question->findChild<QPushButton *>(u"confirmButton"_s));
        QTRY_VERIFY_WITH_TIMEOUT(browser->statusText().startsWith(u"Deleted"_s), 15000);
        QVERIFY(browser->statusText().contains(u"cannot be undone"_s));
        auto found = await(coreA->findById(storeA, people, gone));
        QVERIFY(!found->ok());

        // Undo now undoes the edit of the entity that is still there.
        QVERIFY(browser->action(BrowserActions::Undo)->isEnabled());
        QVERIFY(browser->model()->isDirty(kept));
        browser->action(BrowserActions::Undo)->trigger();
        QVERIFY(!browser->model()->isDirty(kept));
        QCOMPARE(browser->model()->document(kept)[u"name"_s].toString(), u"Person 3"_s);
        QVERIFY(!browser->action(BrowserActions::Undo)->isEnabled());
        browser->action(BrowserActions::Redo)->trigger();
        QCOMPARE(browser->model()->document(kept)[u"name"_s].toString(), u"Renamed"_s);
        QVERIFY(!browser->action(BrowserActions::Redo)->isEnabled());
        browser->action(BrowserActions::Undo)->trigger();
        QVERIFY(!browser->hasUnsavedChanges());

        // The title rule: name, title, label… else the schema's first required string.
        SchemaField schema = parseSchema(R"({"type": "object", "properties": {"code": {"type": "string"}, "ref": {"type": "string"}}, "required": ["ref"]})");
        QCOMPARE(entityTitle(schema, {{u"code"_s, u"c"_s}, {u"ref"_s, u"r-1"_s}}), u"r-1"_s);
        QCOMPARE(entityTitle(schema, {{u"Title"_s, u"T"_s}, {u"ref"_s, u"r-1"_s}}), u"T"_s);
        QCOMPARE(entityTitle(schema, {{u"label"_s, u"L"_s}, {u"name"_s, u" N "_s}}), u"N"_s);
        QCOMPARE(entityTitle(schema, {{u"code"_s, u"c"_s}}), QString());
    }

    // An empty collection says how to create its first entity, with the shortcut that works.
    void emptyCollectionSaysHowToStart()
    {
        const QString empty = u"Notes"_s;
        LOOM_VERIFY_OK(await(coreA->newCollection(storeA, {empty, loom::test::peopleSchema(), {}, {}, {}})));
        auto *browser = open(a, storeA, nameA, empty);
        QTRY_VERIFY_WITH_TIMEOUT(loaded(browser), 20000);
        gui->window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(gui->window.get()));
        EmptyHint *hint = browser->emptyHint();
        QTRY_VERIFY(hint->isVisible());
        QCOMPARE(hint->text(), u"No entities yet. Press Ctrl+N or click New to create the first one."_s);
        // Made behind the tree's back: the tree lists it to follow the tab.
        QTRY_COMPARE_WITH_TIMEOUT(gui->window->tree()->currentIndex(), QModelIndex(gui->model()->indexOf(a, storeA, empty)), 15000);
        loom::test::screenshot(gui->window.get(), u"empty-collection"_s);
        QTreeView *view = browser->tableView(); // the default view
        view->setFocus();
        QTRY_VERIFY(view->hasFocus());
        QTest::keyClick(view, Qt::Key_N, Qt::ControlModifier);
        QTRY_COMPARE(browser->model()->rowCount(), 1);
        QVERIFY(browser->model()->isNew(browser->editorPanel()->entityKey()));
        QVERIFY(hint->isHidden());
        browser->model()->edits()->revert(browser->editorPanel()->entityKey());
        QTRY_VERIFY(hint->isVisible());
    }

    // The user's layout is remembered: a dock moved elsewhere is there again next time.
    // Issue 16 item 1: the call log beside a browser tab shows the tab's calls as they end.
    void callLogBesideATab()
    {
        gui->manager->setCallLog(calls.get());
        auto *dock = new QDockWidget(u"Call log"_s, gui->window.get());
        dock->setObjectName(u"callLogDock"_s);
        auto *widget = new CallLogWidget(calls.get(), dock);
        dock->setWidget(widget);
        gui->window->addDockWidget(Qt::BottomDockWidgetArea, dock);
        auto *browser = open(a, storeA, nameA, people);
        QVERIFY(browser);
        browser->runQuery(Query()); // the tab reads its entities again: Find
        QTRY_VERIFY_WITH_TIMEOUT(!widget->model()->match(widget->model()->index(0, CallLogModel::OperationColumn),
                                                         Qt::DisplayRole, u"Find"_s, 1, Qt::MatchExactly)
                                      .isEmpty(),
                                 20000);
        const QString text = widget->selectedText();
        QVERIFY2(text.contains(u" Find store="_s + storeA.toString()) && text.contains(u"collection=People"_s),
                 qPrintable(text.left(2000)));
        widget->filterEdit()->setText(u"no call is named so"_s);
        QCOMPARE(widget->proxy()->rowCount(), 0);
        widget->filterEdit()->setText(u"Find"_s);
        QVERIFY(widget->proxy()->rowCount() > 0);
        loom::test::screenshot(gui->window.get(), u"call-log"_s);
        widget->filterEdit()->clear();
        gui->manager->setCallLog(nullptr);
        delete dock;
    }

    void layoutIsRemembered()
    {
        tabs()->closeTabs(a);
        tabs()->closeTabs(b);
        auto *dock = gui->window->findChild<QDockWidget *>(u"eventLogDock"_s);
        gui->window->addDockWidget(Qt::BottomDockWidgetArea, dock);
        QVERIFY(gui->window->close());
        MainWindow again(gui->manager.get(), gui->tracker.get(), gui->settings.get());
        auto *log2 = new QDockWidget(u"Live changes"_s, &again);
        log2->setObjectName(u"eventLogDock"_s);
        log2->setWidget(new QLabel(u"log"_s));
        again.addDock(log2, Qt::LeftDockWidgetArea);
        again.restoreLayout();
        QCOMPARE(again.dockWidgetArea(log2), Qt::BottomDockWidgetArea);
    }

    void cleanupTestCase()
    {
        gui.reset();
    }
};

QTEST_MAIN(TestBrowserFaults)
#include "tst_browser_faults.moc"
