// The entity table (issue 11, items 2 and 3), offscreen against the fixture's daemon A: fields as
// columns in the schema's order plus fields the schema lacks, _id first and frozen, _mod hidden,
// the column chooser remembered across browsers, typed in-cell edits that refuse with a word,
// sorting by a field's value with core's order, the status line's note and "Load all and sort",
// and the key-value tree as the second mode.
#include "browsertestutil.h"
#include "guitestutil.h"

#include "browser/browsertable.h"
#include "browser/delegates/entitycelldelegate.h"
#include "browser/dialogs/columnchooserdialog.h"
#include "browser/entitybrowserwidget.h"
#include "browser/widgets/querybarwidget.h"
#include "browser/models/entitycolumnmodel.h"
#include "browser/models/entitycolumnsortmodel.h"
#include "browser/models/entitymodel.h"
#include "browser/widgets/entitytablecolumns.h"
#include "browser/widgets/entitytableview.h"
#include "browser/widgets/entitytreeview.h"
#include "browser/widgets/entityeditorpanel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStackedWidget>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace loom;
using loom::test::await;

class TestBrowserColumns : public QObject
{
    Q_OBJECT

private:
    static constexpr int kPeople = 150;
    static constexpr int kPage = 40;
    std::unique_ptr<ThreadsClient> client;
    StoreId store;
    const QString people = u"People"_s;
    QStringList ids;          // in creation order
    QHash<QString, int> ages; // id -> age
    std::unique_ptr<EntityBrowserWidget> browser;
    std::unique_ptr<QAbstractItemModelTester> tester;

    EntityTableView *table() const { return browser->tableView(); }
    // The id of the n-th loaded entity (which entities a page holds depends on their ids).
    QString loaded(int n) const { return browser->model()->keyAt(browser->model()->index(n, 0)); }
    EntityColumnModel *columns() const { return table()->columnModel(); }

    // A browser on the collection (shown if asked).
    std::unique_ptr<EntityBrowserWidget> openBrowser(int page = kPage, bool show = false)
    {
        auto b = std::make_unique<EntityBrowserWidget>(BrowserContext{client.get(), store, people});
        b->model()->pager()->setPageSize(page, page);
        b->model()->pager()->reload();
        b->resize(1280, 800);
        if (show)
            b->show();
        return b;
    }

    static void waitLoaded(EntityBrowserWidget *b)
    {
        QTRY_VERIFY_WITH_TIMEOUT(!b->model()->pager()->isLoading() && b->model()->loadedCount() > 0
                                     && b->schemaLoaded(), 20000);
    }

    // The values of a column down the table's rows (entity rows only).
    QList<QJsonValue> columnValues(const QString &name) const
    {
        QList<QJsonValue> values;
        const QAbstractItemModel *shown = table()->model();
        const int column = columns()->columnOf(name);
        for (int r = 0; r < shown->rowCount(); ++r)
            values.append(shown->index(r, column).data(EntityModel::ValueJsonRole).value<QJsonValue>());
        return values;
    }

    QPoint headerPoint(int column) const
    {
        QHeaderView *h = table()->header();
        return QPoint(h->sectionViewportPosition(column) + h->sectionSize(column) / 2, h->height() / 2);
    }

private Q_SLOTS:
    void initTestCase()
    {
        LOOM_REQUIRE_FIXTURE();
        QSettings().setValue(u"browser/view"_s, u"table"_s);
        client = std::make_unique<ThreadsClient>(loom::test::fixtureDaemon(u"A"_s));
        LOOM_NEW_PEOPLE_STORE(client, "bcols", people, store);
        // Ages whose text order is not their number order (100 < 40 < 5 as text). The first
        // entity is created alone, before the others: the smallest id, so the first row.
        QList<Instance> list;
        for (int i = 0; i < kPeople; ++i) {
            const int age = 1 + (i * 37) % 120;
            QJsonObject p = loom::test::person(u"Person %1"_s.arg(i), age, i % 2 ? u"Lyon"_s : u"Oslo"_s);
            if (i == 0) {
                p.insert(u"nickname"_s, u"nick%1"_s.arg(i)); // not in the schema
                p.insert(u"tags"_s, QJsonArray{u"a"_s, u"b"_s, u"c"_s});
            }
            list.append(p);
        }
        auto first = await(client->create(store, people, list.mid(0, 1)));
        LOOM_VERIFY_OK(first);
        auto made = await(client->create(store, people, list.mid(1)));
        LOOM_VERIFY_OK(made);
        ids = first->result() + made->result();
        for (int i = 0; i < kPeople; ++i)
            ages.insert(ids[i], list[i][u"age"_s].toInt());

        browser = openBrowser(kPage, true);
        browser->activateWindow();
        QVERIFY(QTest::qWaitForWindowExposed(browser.get()));
        waitLoaded(browser.get());
        QTRY_VERIFY_WITH_TIMEOUT(browser->model()->pager()->atEnd() && !browser->model()->pager()->isLoading(), 20000);
        QCOMPARE(browser->model()->loadedCount(), kPeople);
        QVERIFY(browser->tables()->isTableMode());
        QVERIFY(table()->isVisible());
        QVERIFY(!table()->frozenView()->isVisible()); // (until the table is scrolled sideways)
        QVERIFY(!browser->view()->isVisible());
    }

    // A sort covers the loaded entities and says so; "Load all and sort" loads the rest first.
    // A daemon of the test's own, paused as soon as the first page is in, holds the rest back
    // (a tree view asks for more pages whenever it lays its rows out, shown or not).
    void sortCoversTheLoadedEntitiesAndLoadAllLoadsTheRest()
    {
        loom::test::TestDaemon daemon;
        QString error;
        QVERIFY2(daemon.start(&error), qPrintable(error));
        ConnectionSettings settings = daemon.settings();
        settings.deadlineMs = 60000; // (the daemon is paused for a moment)
        ThreadsClient own(settings);
        StoreId ownStore;
        LOOM_NEW_PEOPLE_STORE((&own), "bcolsnote", people, ownStore);
        // Many pages: a page or two may still come in while the daemon is being paused.
        constexpr int kMany = 1000;
        QList<Instance> list;
        QList<int> allAges;
        for (int i = 0; i < kMany; ++i) {
            allAges.append(1 + (i * 37) % 120);
            list.append(loom::test::person(u"Person %1"_s.arg(i), allAges.last()));
        }
        LOOM_VERIFY_OK(await(own.create(ownStore, people, list)));

        EntityBrowserWidget b(BrowserContext{&own, ownStore, people});
        bool paused = false;
        // (pageArrived: before the rows go in, and so before a view asks for the next page)
        QObject::connect(b.model()->pager(), &EntityPager::pageArrived, &b, [&daemon, &paused] {
            if (!paused)
                paused = daemon.pause();
        });
        b.model()->pager()->setPageSize(kPage, kPage);
        b.model()->pager()->reload();
        b.resize(1280, 800);
        b.show();
        QTRY_VERIFY_WITH_TIMEOUT(daemon.isPaused(), 20000);
        const int partly = b.model()->loadedCount();
        QVERIFY2(partly >= kPage && partly < kMany / 2, qPrintable(QString::number(partly)));
        EntityTableView *t = b.tableView();
        t->sortByName(u"age"_s, Qt::AscendingOrder);
        const auto ageColumn = [t] {
            QList<int> numbers;
            const int column = t->columnModel()->columnOf(u"age"_s);
            for (int r = 0; r < t->model()->rowCount(); ++r)
                numbers.append(t->model()->index(r, column).data(EntityModel::ValueJsonRole).value<QJsonValue>().toInt());
            return numbers;
        };
        QList<int> expected;
        for (int r = 0; r < b.model()->rowCount(); ++r)
            expected.append(b.model()->document(b.model()->keyAt(b.model()->index(r, 0)))[u"age"_s].toInt());
        std::sort(expected.begin(), expected.end());
        QCOMPARE(ageColumn(), expected);
        QLabel *note = b.tables()->sortNote();
        QVERIFY(note->isVisible());
        QVERIFY2(note->text().contains(u"Sorted %1 entities loaded by age"_s.arg(partly)), qPrintable(note->text()));
        QVERIFY(note->text().contains(u"the daemon sorts only by id across a collection"_s));
        QVERIFY(note->text().contains(u"Load all and sort"_s));

        QSignalSpy finished(b.model()->pager(), &EntityPager::loadAllFinished);
        Q_EMIT note->linkActivated(u"load-all"_s);
        QVERIFY2(note->text().contains(u"Loading all entities to sort them by age: %1 loaded"_s.arg(partly)),
                 qPrintable(note->text()));
        QVERIFY(daemon.resume());
        QVERIFY2(finished.wait(30000), qPrintable(u"%1 loaded, loading %2, failed %3 (%4), at end %5"_s.arg(b.model()->loadedCount())
            .arg(b.model()->pager()->isLoading()).arg(b.model()->pager()->loadFailedState())
            .arg(b.model()->pager()->lastError().toString()).arg(b.model()->pager()->atEnd())));
        QCOMPARE(finished.first().first().toBool(), true); // the query's end
        QCOMPARE(b.model()->loadedCount(), kMany);
        QVERIFY2(note->text().contains(u"Sorted all 1,000 entities by age"_s), qPrintable(note->text()));
        QVERIFY(!note->text().contains(u"Load all"_s));
        std::sort(allAges.begin(), allAges.end());
        QCOMPARE(ageColumn(), allAges);
        QVERIFY(allAges.first() < 10 && allAges.last() >= 100); // (as text, 100 would come before 20)
    }

    void columnsInSchemaOrderThenExtraFields()
    {
        const QStringList order = table()->columnLayout()->visualOrder();
        QCOMPARE(order.first(), u"_id"_s);
        // (The daemon keeps schemas with their keys sorted: the schema's order is alphabetical.)
        const QStringList expected{u"_id"_s, u"_mod"_s, u"active"_s, u"address.city"_s, u"address.zip"_s, u"age"_s,
                                   u"name"_s, u"role"_s, u"score"_s, u"tags"_s};
        QVERIFY2(order.mid(0, expected.size()) == expected, qPrintable(order.join(u", ") + u" / model: "_s + [this] {
            QStringList names;
            for (const auto &c : columns()->columns().list())
                names << c.name;
            return names.join(u", ");
        }()));
        QVERIFY2(order.indexOf(u"nickname"_s) >= expected.size(), qPrintable(order.join(u", ")));
        QVERIFY(!columns()->columns().at(columns()->columnOf(u"nickname"_s)).fromSchema);
        QVERIFY(!table()->columnLayout()->isColumnShown(u"_mod"_s));
        QVERIFY(table()->columnLayout()->isColumnShown(u"age"_s));
        QVERIFY(table()->columnLayout()->isColumnShown(u"nickname"_s));
        QCOMPARE(table()->header()->visualIndex(0), 0);
    }

    void cellsShowFieldValuesAndArraysExpand()
    {
        const QString id = loaded(0);
        QCOMPARE(id, ids[0]);
        const QModelIndex ageCell = table()->viewIndexFor(id, u"age"_s);
        QCOMPARE(ageCell.data().toString(), QString::number(ages[id]));
        QCOMPARE(table()->viewIndexFor(id, u"_id"_s).data().toString(), id);
        QCOMPARE(table()->viewIndexFor(id, u"address.city"_s).data().toString(), u"Oslo"_s);
        QCOMPARE(table()->viewIndexFor(id, u"tags"_s).data().toString(), u"[3] a, b, c"_s);
        QCOMPARE(table()->viewIndexFor(id, u"nickname"_s).data().toString(), u"nick0"_s);
        QCOMPARE(table()->viewIndexFor(loaded(1), u"nickname"_s).data().toString(), QString()); // not set
        // The array's elements as rows of their own.
        const QModelIndex row = table()->viewIndexFor(id, u"_id"_s);
        QVERIFY(table()->model()->hasChildren(row));
        table()->expand(row);
        QVERIFY(table()->frozenView()->isExpanded(row));
        QCOMPARE(table()->model()->rowCount(row), 3);
        const int tags = columns()->columnOf(u"tags"_s);
        QCOMPARE(table()->model()->index(2, tags, row).data().toString(), u"c"_s);
        QCOMPARE(table()->model()->index(2, 0, row).data().toString(), u"[2]"_s);
        QCOMPARE(columns()->pathAt(table()->toColumns(table()->model()->index(2, tags, row))),
                 (QStringList{u"tags"_s, u"2"_s}));
        table()->collapse(row);
    }

    void idColumnIsFrozen()
    {
        QTreeView *frozen = table()->frozenView();
        QCOMPARE(frozen->selectionModel(), table()->selectionModel());
        QCOMPARE(frozen->width(), table()->columnWidth(0));
        for (int c = 1; c < columns()->columnCount(); ++c)
            QVERIFY(frozen->isColumnHidden(c));
        auto *splitter = browser->findChild<QSplitter *>();
        QVERIFY(splitter);
        const QList<int> sizes = splitter->sizes();
        splitter->setSizes({500, 780}); // narrower than its columns
        QScrollBar *bar = table()->horizontalScrollBar();
        QTRY_VERIFY(bar->maximum() > 0);
        QVERIFY(!frozen->isVisible());
        bar->setValue(bar->maximum());
        QVERIFY(frozen->isVisible());
        const QModelIndex first = table()->model()->index(0, 0);
        QVERIFY(table()->visualRect(first).left() < 0); // scrolled away under the frozen view...
        QCOMPARE(frozen->indexAt(QPoint(5, frozen->visualRect(first).center().y())), first); // ...which shows it
        QCOMPARE(frozen->geometry().left(), table()->frameWidth());
        // By keyboard: moving left from the last column never hides a cell under the frozen column.
        table()->setFocus();
        const int last = table()->header()->logicalIndex(table()->header()->count() - 1);
        table()->setCurrentIndex(table()->model()->index(0, last));
        for (int i = 0; i < columns()->columnCount(); ++i) {
            QTest::keyClick(table(), Qt::Key_Left);
            const QModelIndex current = table()->currentIndex();
            if (current.column() == 0)
                break;
            QVERIFY2(table()->visualRect(current).left() >= table()->columnWidth(0) - 1,
                     qPrintable(u"column %1 under the frozen one"_s.arg(current.column())));
        }
        // Vertical scrolling moves both.
        table()->verticalScrollBar()->setValue(table()->verticalScrollBar()->maximum());
        QCOMPARE(frozen->verticalScrollBar()->value(), table()->verticalScrollBar()->value());
        table()->scrollToTop();
        bar->setValue(0);
        QVERIFY(!frozen->isVisible());
        splitter->setSizes(sizes);
    }

    void chooserHidesAndReordersAndIsRemembered()
    {
        // The header's menu: uncheck "score".
        QMenu *menu = table()->columnLayout()->makeMenu(table());
        QAction *score = nullptr;
        for (QAction *a : menu->actions())
            if (a->text() == u"score")
                score = a;
        QVERIFY(score && score->isChecked());
        score->trigger();
        QVERIFY(!table()->columnLayout()->isColumnShown(u"score"_s));
        delete menu;
        // The chooser, by keyboard: "name" up four times (before active), "role" hidden.
        table()->columnLayout()->choose();
        auto *dialog = loom::test::waitForModal<ColumnChooserDialog>();
        QVERIFY(dialog);
        QListWidget *list = dialog->list();
        dialog->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        QCOMPARE(QApplication::focusWidget(), list); // the list has the keyboard
        const auto rowOf = [list](const QString &name) {
            for (int i = 0; i < list->count(); ++i)
                if (list->item(i)->text() == name)
                    return i;
            return -1;
        };
        QCOMPARE(list->item(0)->text(), u"_mod"_s);
        QCOMPARE(list->item(0)->checkState(), Qt::Unchecked);
        list->setCurrentRow(rowOf(u"name"_s));
        for (int i = 0; i < 4; ++i)
            QTest::keyClick(list, Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(rowOf(u"name"_s), 1);
        QCOMPARE(rowOf(u"active"_s), 2);
        list->setCurrentRow(rowOf(u"role"_s));
        QTest::keyClick(list, Qt::Key_Space);
        QCOMPARE(list->item(rowOf(u"role"_s))->checkState(), Qt::Unchecked);
        dialog->accept();
        QVERIFY(!table()->columnLayout()->isColumnShown(u"role"_s));
        QStringList order = table()->columnLayout()->visualOrder();
        QVERIFY(order.indexOf(u"name"_s) < order.indexOf(u"active"_s));
        QVERIFY(order.indexOf(u"active"_s) < order.indexOf(u"age"_s));

        // A new browser on the collection remembers it.
        auto again = openBrowser();
        waitLoaded(again.get());
        EntityTableView *t = again->tableView();
        QVERIFY(!t->columnLayout()->isColumnShown(u"score"_s));
        QVERIFY(!t->columnLayout()->isColumnShown(u"role"_s));
        QVERIFY(!t->columnLayout()->isColumnShown(u"_mod"_s));
        QVERIFY(t->columnLayout()->isColumnShown(u"age"_s));
        order = t->columnLayout()->visualOrder();
        QVERIFY2(order.indexOf(u"name"_s) < order.indexOf(u"active"_s), qPrintable(order.join(u", ")));
        QCOMPARE(order.first(), u"_id"_s);
        again.reset();

        table()->columnLayout()->reset();
        QVERIFY(table()->columnLayout()->isColumnShown(u"score"_s));
        QVERIFY(table()->columnLayout()->isColumnShown(u"role"_s));
        QVERIFY(!table()->columnLayout()->isColumnShown(u"_mod"_s));
        QVERIFY(table()->columnLayout()->visualOrder().indexOf(u"active"_s) < table()->columnLayout()->visualOrder().indexOf(u"name"_s));
    }

    void cellEditsAreTypedAndRefuseWithAWord()
    {
        const QString id = loaded(4);
        const QString city = browser->model()->document(id)[u"address"_s].toObject()[u"city"_s].toString();
        QSignalSpy refused(columns(), &EntityColumnModel::editRefused);
        browser->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(browser.get()));
        const QModelIndex age = table()->viewIndexFor(id, u"age"_s);
        QCOMPARE(age.data(EntityColumnModel::EditTypeRole).toString(), u"integer"_s); // the schema's type
        QVERIFY(age.flags() & Qt::ItemIsEditable);
        QVERIFY(!(table()->viewIndexFor(id, u"_id"_s).flags() & Qt::ItemIsEditable));
        QVERIFY(!(table()->viewIndexFor(id, u"_mod"_s).flags() & Qt::ItemIsEditable));

        table()->setFocus();
        table()->setCurrentIndex(age);
        QCOMPARE(browser->editorPanel()->entityKey(), id); // the form follows the table
        table()->edit(age);
        auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, u"4x"_s);
        const QString problem = editor->property(EntityCellDelegate::kProblemProperty).toString();
        QVERIFY2(problem.contains(u"not a number"_s), qPrintable(problem)); // said as it is typed
        QTest::keyClick(editor, Qt::Key_Return);
        QCOMPARE(QApplication::focusWidget(), editor); // Enter does not take it
        QVERIFY(!browser->model()->isDirty(id));
        editor->selectAll();
        QTest::keyClicks(editor, u"4.5"_s);
        QVERIFY(editor->property(EntityCellDelegate::kProblemProperty).toString().contains(u"whole number"_s));
        editor->selectAll();
        QTest::keyClicks(editor, u"41"_s);
        QVERIFY(editor->property(EntityCellDelegate::kProblemProperty).toString().isEmpty());
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY(browser->model()->isDirty(id));
        QCOMPARE(browser->model()->document(id)[u"age"_s].toInt(), 41);
        QCOMPARE(browser->model()->document(id)[u"age"_s].toDouble(), 41.0);
        QCOMPARE(table()->viewIndexFor(id, u"age"_s).data().toString(), u"41"_s);

        // A typed text that is not a value of the field's type changes nothing, and says so.
        QVERIFY(!table()->model()->setData(table()->viewIndexFor(id, u"age"_s), u"abc"_s));
        QCOMPARE(refused.count(), 1);
        QVERIFY(refused.first().first().toString().contains(u"age not changed"_s));
        QVERIFY(browser->statusText().contains(u"not a number"_s));
        QCOMPARE(browser->model()->document(id)[u"age"_s].toInt(), 41);
        // Strings take any text; a field the entity lacks can be set in its cell.
        QVERIFY(table()->model()->setData(table()->viewIndexFor(id, u"address.zip"_s), u"69001"_s));
        QCOMPARE(browser->model()->document(id)[u"address"_s].toObject()[u"zip"_s].toString(), u"69001"_s);
        QCOMPARE(browser->model()->document(id)[u"address"_s].toObject()[u"city"_s].toString(), city);
        // Undo takes both back.
        browser->undoStack()->undo();
        browser->undoStack()->undo();
        QVERIFY(!browser->model()->isDirty(id));
        QCOMPARE(browser->model()->document(id)[u"age"_s].toInt(), ages[id]);
    }

    void headerClickSortsByTheFieldsValue()
    {
        const int age = columns()->columnOf(u"age"_s);
        QSignalSpy sorted(table(), &EntityTableView::sortChanged);
        QTest::mouseClick(table()->header()->viewport(), Qt::LeftButton, {}, headerPoint(age));
        QCOMPARE(sorted.count(), 1);
        QVERIFY(table()->isSorted());
        QCOMPARE(table()->sortedColumnName(), u"age"_s);
        QList<QJsonValue> values = columnValues(u"age"_s);
        QCOMPARE(values.size(), kPeople);
        QList<int> numbers;
        for (const QJsonValue &v : values)
            numbers.append(v.toInt());
        for (int i = 1; i < numbers.size(); ++i)
            QVERIFY2(numbers[i - 1] <= numbers[i], qPrintable(u"%1 before %2"_s.arg(numbers[i - 1]).arg(numbers[i])));
        // Numerically, not as text: as text "100" would come before "20".
        QList<int> expected;
        for (int r = 0; r < browser->model()->rowCount(); ++r)
            expected.append(ages[browser->model()->keyAt(browser->model()->index(r, 0))]);
        std::sort(expected.begin(), expected.end());
        QCOMPARE(numbers, expected);

        QLabel *note = browser->tables()->sortNote();
        QVERIFY(note->isVisible());
        QVERIFY2(note->text().contains(u"Sorted all 150 entities by age"_s), qPrintable(note->text()));

        // Again: descending.
        QTest::mouseClick(table()->header()->viewport(), Qt::LeftButton, {}, headerPoint(age));
        values = columnValues(u"age"_s);
        QCOMPARE(values.first().toInt(), expected.last());
        QCOMPARE(values.last().toInt(), expected.first());
        QVERIFY(note->text().contains(u"descending"_s));
        // The current entity and the form stay with the entity across sorts.
        const QString id = loaded(7);
        QVERIFY(table()->selectKey(id));
        QCOMPARE(browser->currentKey(), id);
        QTest::mouseClick(table()->header()->viewport(), Qt::LeftButton, {}, headerPoint(age));
        QVERIFY(!table()->isSorted()); // the third click: the query's order
        QVERIFY(note->isHidden());
        QCOMPARE(table()->currentKey(), id);
    }

    void selectionInTheTableIsWhatActionsActOn()
    {
        table()->setFocus();
        table()->setCurrentIndex(table()->viewIndexFor(loaded(2), u"age"_s));
        table()->selectionModel()->select(table()->viewIndexFor(loaded(5), u"name"_s), QItemSelectionModel::Select);
        QStringList keys = browser->view()->selectedKeys();
        keys.sort();
        QStringList expected{loaded(2), loaded(5)};
        expected.sort();
        QCOMPARE(keys, expected);
        QCOMPARE(browser->currentKey(), loaded(2));
        // The tree's current row is the current cell's field: "copy value" copies the age.
        QCOMPARE(browser->model()->pathAt(browser->view()->currentSourceIndex()), QStringList{u"age"_s});
        QCOMPARE(browser->editorPanel()->entityKey(), loaded(2));
    }

    void sortingByIdIsTheDaemonsOrder()
    {
        table()->sortByName(u"_id"_s, Qt::AscendingOrder);
        QVERIFY(table()->isSorted());
        // The model holds the rows in the daemon's order (pages by _id).
        QCOMPARE(table()->model()->rowCount(), browser->model()->rowCount());
        for (int r = 0; r < table()->model()->rowCount(); ++r)
            QCOMPARE(table()->model()->index(r, 0).data().toString(), browser->model()->keyAt(browser->model()->index(r, 0)));
        QVERIFY(browser->tables()->sortNote()->text().contains(u"the daemon's order"_s));
        QStringList sortedIds = ids;
        std::sort(sortedIds.begin(), sortedIds.end());
        QCOMPARE(table()->model()->index(0, 0).data().toString(), sortedIds.first());
        table()->sortByName({});
    }

    void keyValueTreeIsTheSecondMode()
    {
        const QString id = loaded(9);
        QVERIFY(table()->selectKey(id));
        QAction *mode = browser->tables()->modeAction();
        QVERIFY(mode->isChecked());
        mode->trigger();
        QVERIFY(!browser->tables()->isTableMode());
        QVERIFY(browser->view()->isVisible());
        QVERIFY(!table()->isVisible());
        QCOMPARE(browser->view()->currentKey(), id);
        // The tree still shows an entity's fields as rows.
        const QModelIndex row = browser->view()->toView(browser->model()->indexForKey(id));
        browser->view()->expand(row);
        QVERIFY(browser->view()->model()->rowCount(row) >= 5);
        // Remembered: a new browser opens as a tree.
        {
            auto again = openBrowser();
            waitLoaded(again.get());
            QVERIFY(!again->tables()->isTableMode());
            QCOMPARE(again->tables()->stack()->currentWidget(), again->view());
        }
        // Ctrl+Shift+T brings the table back, on the same entity.
        browser->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(browser.get()));
        browser->view()->setFocus();
        QTest::keySequence(browser->view(), QKeySequence(u"Ctrl+Shift+T"_s));
        QVERIFY(browser->tables()->isTableMode());
        QCOMPARE(table()->currentKey(), id);
    }

    void picture()
    {
        // A query typed in the bar, as a person would, then a header click's sort.
        browser->queryBar()->setText(u"age > 30 and address.city = \"Oslo\""_s);
        browser->queryBar()->run();
        QTRY_VERIFY_WITH_TIMEOUT(browser->model()->pager()->atEnd() && !browser->model()->pager()->isLoading()
                                     && browser->model()->loadedCount() > 0,
                                 20000);
        for (int row = 0; row < browser->model()->loadedCount(); ++row) {
            const QJsonObject doc = browser->model()->document(browser->model()->keyAt(browser->model()->index(row, 0)));
            QVERIFY(doc[u"age"_s].toInt() > 30 && doc[u"address"_s].toObject()[u"city"_s].toString() == u"Oslo"_s);
        }
        table()->sortByName(u"age"_s, Qt::DescendingOrder);
        table()->setCurrentIndex(table()->model()->index(2, columns()->columnOf(u"name"_s)));
        table()->expand(table()->viewIndexFor(ids[0], u"_id"_s));
        // Widths fit the rows of the new query (ids whole, as the first page had them).
        const QFontMetrics fm = table()->fontMetrics();
        QVERIFY(table()->columnWidth(0) >= fm.horizontalAdvance(ids[0]));
        QVERIFY(table()->columnWidth(columns()->columnOf(u"name"_s)) >= fm.horizontalAdvance(u"Person 100"_s));
        QVERIFY(table()->columnWidth(columns()->columnOf(u"name"_s)) <= EntityTableColumns::kMaxColumnWidth);
        loom::test::screenshot(browser.get(), u"browser-columns"_s);
        table()->sortByName({});
        browser->queryBar()->setText(QString());
        browser->queryBar()->run();
    }

    // QAbstractItemModelTester over the table's model and its sort proxy while rows come in pages,
    // arrays grow and shrink (element rows), cells are edited and undone, and entities are
    // sorted and unsorted. (A browser of its own: the tester fetches every page.)
    void modelTesterOverChanges()
    {
        auto b = openBrowser(25, true);
        EntityColumnModel *model = b->tableView()->columnModel();
        tester = std::make_unique<QAbstractItemModelTester>(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(b->model()->pager()->atEnd() && !b->model()->pager()->isLoading(), 30000);
        QCOMPARE(b->model()->loadedCount(), kPeople);
        QTRY_VERIFY_WITH_TIMEOUT(b->schemaLoaded(), 10000);
        const QString id = ids[0];
        const QModelIndex row = model->indexForKey(id);
        QCOMPARE(model->rowCount(row), 3);
        // An array that grows and shrinks, in the working copy.
        const int tags = model->columnOf(u"tags"_s);
        QJsonObject doc = b->model()->document(id);
        doc[u"tags"_s] = QJsonArray{1, 2, 3, 4, 5};
        b->model()->edits()->editDocument(id, doc, u"grow"_s);
        QCOMPARE(model->rowCount(model->indexForKey(id)), 5);
        QCOMPARE(model->index(4, tags, model->indexForKey(id)).data().toString(), u"5"_s);
        doc[u"tags"_s] = QJsonArray{u"x"_s};
        b->model()->edits()->editDocument(id, doc, u"shrink"_s);
        QCOMPARE(model->rowCount(model->indexForKey(id)), 1);
        b->undoStack()->undo();
        QCOMPARE(model->rowCount(model->indexForKey(id)), 5);
        // A new field in an edit adds a column at the end.
        const int before = model->columnCount();
        doc[u"brandNew"_s] = true;
        b->model()->edits()->editDocument(id, doc, u"new field"_s);
        QCOMPARE(model->columnCount(), before + 1);
        QCOMPARE(model->columns().list().last().name, u"brandNew"_s);
        // Sorted through the proxy, with its own tester.
        QAbstractItemModelTester proxyTester(b->tableView()->sortModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        b->tableView()->sortByName(u"age"_s, Qt::DescendingOrder);
        QVERIFY(b->tableView()->isSorted());
        b->tableView()->expand(b->tableView()->viewIndexFor(id, u"_id"_s));
        doc[u"tags"_s] = QJsonArray{};
        doc[u"age"_s] = 1000;
        b->model()->edits()->editDocument(id, doc, u"oldest"_s);
        QCOMPARE(b->tableView()->model()->index(0, 0).data().toString(), id); // re-sorted
        QVERIFY(!b->tableView()->model()->hasChildren(b->tableView()->model()->index(0, 0)));
        b->tableView()->sortByName({});
        b->model()->edits()->revert(id);
        QVERIFY(!b->model()->isDirty(id));
        tester.reset();
    }

    void cleanupTestCase()
    {
        tester.reset();
        browser.reset();
        QSettings().remove(u"browser/view"_s);
    }
};

QTEST_MAIN(TestBrowserColumns)
#include "tst_browser_columns.moc"
