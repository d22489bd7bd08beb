// The entity browser's other actions, offscreen, against the fixture's daemon A: go to id, check
// ids (Has), copy, duplicate, import a JSON file (createMany), export the query's results (all
// pages), and the event log.
#include "browsertestutil.h"
#include "guitestutil.h"

#include "browser/entitybrowserwidget.h"
#include "browser/widgets/entitytreeview.h"
#include "browser/widgets/entityeditorpanel.h"
#include "browser/models/entitymodel.h"
#include "browser/models/entitysortmodel.h"
#include "browser/controllers/entitytransfer.h"
#include "browser/models/eventlogmodel.h"
#include "browser/widgets/eventlogwidget.h"
#include "browser/dialogs/hasidsdialog.h"
#include "widgets/messagebar.h"

#include <QAction>
#include <QClipboard>
#include <QDockWidget>
#include <QGuiApplication>
#include <QHeaderView>
#include <QJsonDocument>
#include <QMainWindow>
#include <QTemporaryDir>
#include <QSettings>
#include <QTest>
#include <QTableView>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace loom;
using loom::test::await;

class TestBrowserActions : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ThreadsClient> client;
    StoreId store;
    const QString people = u"People"_s;
    QStringList ids;   // sorted by id
    QStringList byAge; // byAge[i] is the entity of age i + 1 (ids of one Create are not in creation order)
    QTemporaryDir dir;

    std::unique_ptr<EntityBrowserWidget> openBrowser()
    {
        auto browser = std::make_unique<EntityBrowserWidget>(BrowserContext{client.get(), store, people});
        browser->resize(1100, 700);
        browser->show();
        [&] { QTRY_VERIFY_WITH_TIMEOUT(browser->model()->pager()->atEnd() && browser->schemaLoaded(), 20000); }();
        return browser;
    }

private Q_SLOTS:
    void initTestCase()
    {
        LOOM_REQUIRE_FIXTURE();
        // These tests drive the key-value tree (the browser's second mode; tst_browser_columns
        // drives the table, the default).
        QSettings().setValue(u"browser/view"_s, u"tree"_s);
        QVERIFY(dir.isValid());
        client = std::make_unique<ThreadsClient>(loom::test::fixtureDaemon(u"A"_s));
        LOOM_NEW_PEOPLE_STORE(client, "bactions", people, store);
        QList<Instance> list;
        for (int i = 1; i <= 12; ++i)
            list.append(loom::test::person(u"P%1"_s.arg(i), i));
        auto made = await(client->create(store, people, list));
        LOOM_VERIFY_OK(made);
        byAge = made->result();
        ids = byAge;
        ids.sort();
    }

    void goToIdPinsAnEntityOutsideTheQuery()
    {
        auto browser = openBrowser();
        browser->runQuery(Query::where(u"age"_s, Op::Le, 3));
        QTRY_VERIFY_WITH_TIMEOUT(browser->model()->pager()->atEnd() && !browser->model()->pager()->isLoading(), 10000);
        QCOMPARE(browser->model()->loadedCount(), 3);
        const QString far = byAge.last(); // age 12: not in the results
        browser->goToId(far);
        QTRY_VERIFY_WITH_TIMEOUT(browser->model()->contains(far), 10000);
        QCOMPARE(browser->currentKey(), far);
        QCOMPARE(browser->editorPanel()->entityKey(), far);
        QVERIFY(browser->model()->indexForKey(far).data(Qt::FontRole).value<QFont>().italic());
        browser->goToId(u"01nonexistent0000000000000"_s);
        QTRY_VERIFY_WITH_TIMEOUT(browser->statusText().contains(u"No entity"_s), 10000);
    }

    void copyActions()
    {
        auto browser = openBrowser();
        const QString id = ids.first();
        browser->selectKey(id);
        browser->actions()->copyId();
        QCOMPARE(QGuiApplication::clipboard()->text(), id);
        browser->actions()->copyEntityJson();
        const QJsonObject copied = QJsonDocument::fromJson(QGuiApplication::clipboard()->text().toUtf8()).object();
        QCOMPARE(copied[u"_id"_s].toString(), id);
        QCOMPARE(copied[u"address"_s].toObject()[u"city"_s].toString(), u"Lyon"_s);
        // A nested field: its value and its path.
        const QModelIndex entity = browser->model()->indexForKey(id);
        QModelIndex address;
        for (int r = 0; r < browser->model()->rowCount(entity); ++r) {
            if (browser->model()->pathAt(browser->model()->index(r, 0, entity)) == QStringList{u"address"_s})
                address = browser->model()->index(r, 0, entity);
        }
        const QModelIndex city = browser->model()->index(0, EntityModel::ValueColumn, address);
        browser->view()->expand(browser->view()->toView(entity));
        browser->view()->expand(browser->view()->toView(address));
        browser->view()->setCurrentIndex(browser->view()->toView(city));
        browser->view()->setFocus();
        QTest::keySequence(browser->view(), QKeySequence::Copy);
        QCOMPARE(QGuiApplication::clipboard()->text(), u"Lyon"_s);
        browser->actions()->copyPath();
        QCOMPARE(QGuiApplication::clipboard()->text(), u"address.city"_s);
        browser->view()->setCurrentIndex(browser->view()->toView(address.siblingAtColumn(1)));
        browser->actions()->copyValue();
        QCOMPARE(QJsonDocument::fromJson(QGuiApplication::clipboard()->text().toUtf8()).object()[u"city"_s].toString(), u"Lyon"_s);
    }

    void duplicateMakesANewEntity()
    {
        auto browser = openBrowser();
        browser->selectKey(ids[1]);
        const QString name = browser->model()->document(ids[1])[u"name"_s].toString();
        browser->actions()->duplicateCurrent();
        const QString key = browser->currentKey();
        QVERIFY(browser->model()->isNew(key));
        QCOMPARE(browser->model()->document(key)[u"name"_s].toString(), name);
        QVERIFY(!browser->model()->document(key).contains(u"_id"_s));
        browser->save();
        QTRY_VERIFY_WITH_TIMEOUT(!browser->hasUnsavedChanges(), 10000);
        const QString id = browser->model()->resolveKey(key);
        QVERIFY(id != ids[1]);
        auto found = await(client->findById(store, people, id));
        LOOM_VERIFY_OK(found);
        QCOMPARE(found->result()[u"name"_s].toString(), name);
        LOOM_VERIFY_OK(await(client->remove(store, people, {id})));
    }

    void sortingKeepsWhatIsOpen()
    {
        auto browser = openBrowser();
        QVERIFY(!browser->view()->isSorted()); // the tree shows the model itself until a sort is asked for
        const QString id = ids[3];
        browser->view()->expand(browser->view()->toView(browser->model()->indexForKey(id)));
        browser->view()->expand(browser->view()->toView(browser->model()->indexForPath(id, {u"address"_s})));
        browser->selectKey(id);
        // A click on the key column's header: descending ids.
        browser->view()->header()->setSortIndicator(EntityModel::KeyColumn, Qt::DescendingOrder);
        QVERIFY(browser->view()->isSorted());
        QCOMPARE(browser->view()->model()->index(0, 0).data().toString(), ids.last());
        QVERIFY(browser->view()->isExpanded(browser->view()->toView(browser->model()->indexForPath(id, {u"address"_s}))));
        QCOMPARE(browser->currentKey(), id);
        // By a field, through the context action: the ages.
        browser->view()->setCurrentIndex(browser->view()->toView(browser->model()->indexForPath(id, {u"age"_s})));
        browser->actions()->sortByCurrentField();
        QCOMPARE(browser->view()->model()->index(0, 0).data(EntityModel::ValueJsonRole).toJsonValue().toObject()[u"age"_s].toInt(), 1);
        browser->actions()->sortByCurrentField(); // again: descending
        QCOMPARE(browser->view()->model()->index(0, 0).data(EntityModel::ValueJsonRole).toJsonValue().toObject()[u"age"_s].toInt(), 12);
        // Back to the query's order.
        browser->view()->sortBy(-1);
        QVERIFY(!browser->view()->isSorted());
        QCOMPARE(browser->view()->model()->index(0, 0).data().toString(), ids.first());
        QVERIFY(browser->view()->isExpanded(browser->model()->indexForKey(id)));
        QCOMPARE(browser->currentKey(), id);
    }

    void checkIdsInOneGo()
    {
        HasIdsDialog dialog(BrowserContext{client.get(), store, people});
        dialog.setIds({ids[0], ids[1]});
        QSignalSpy checked(&dialog, &HasIdsDialog::checked);
        dialog.check();
        QVERIFY(checked.wait(10000));
        QVERIFY2(dialog.summary().contains(u"All 2 exist"_s), qPrintable(dialog.summary()));
        dialog.setIds({ids[0], u"01nonexistent0000000000000"_s, ids[2]});
        dialog.check();
        QVERIFY(checked.wait(10000));
        QVERIFY2(dialog.summary().contains(u"2 of 3 exist"_s), qPrintable(dialog.summary()));
        QCOMPARE(dialog.results().value(u"01nonexistent0000000000000"_s), false);
        QCOMPARE(dialog.results().value(ids[2]), true);
    }

    void importThenExport()
    {
        auto browser = openBrowser();
        // Import 1,300 entities from a file: createMany in batches, then the view re-reads.
        QJsonArray array;
        for (int i = 0; i < 1300; ++i)
            array.append(QJsonObject{{u"name"_s, u"Imported %1"_s.arg(i)}, {u"age"_s, 20 + i % 50}});
        const QString in = dir.filePath(u"in.json"_s);
        QFile file(in);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(array).toJson());
        file.close();
        QSignalSpy imported(browser->transfer(), &EntityTransfer::importFinished);
        browser->importFile(in);
        QVERIFY(imported.wait(60000));
        QCOMPARE(imported.first().at(0).toInt(), 1300);
        QVERIFY(!imported.first().at(1).value<Error>().isError());
        QTRY_VERIFY_WITH_TIMEOUT(browser->statusText().contains(u"Imported 1,300 entities"_s), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!browser->model()->pager()->isRefreshing(), 20000);
        // A broken file says why and creates nothing.
        const QString bad = dir.filePath(u"bad.json"_s);
        QFile badFile(bad);
        QVERIFY(badFile.open(QIODevice::WriteOnly));
        badFile.write("[{\"name\":\"ok\"}, 3]");
        badFile.close();
        browser->importFile(bad);
        QVERIFY(imported.wait(10000));
        QVERIFY2(imported.last().at(1).value<Error>().message().contains(u"element 2 of the array is not a JSON object"_s),
                 qPrintable(imported.last().at(1).value<Error>().message()));

        // An import cut by a refused batch says exactly what was stored and what was not: one
        // entity breaks the schema (age 0 < minimum 1) in the third batch of 500.
        QJsonArray partial;
        for (int i = 0; i < 1300; ++i)
            partial.append(QJsonObject{{u"name"_s, u"Partial %1"_s.arg(i)}, {u"age"_s, i == 1100 ? 0 : 30}});
        const QString part = dir.filePath(u"partial.json"_s);
        QFile partFile(part);
        QVERIFY(partFile.open(QIODevice::WriteOnly));
        partFile.write(QJsonDocument(partial).toJson());
        partFile.close();
        browser->importFile(part);
        QVERIFY(imported.wait(60000));
        QVERIFY(imported.last().at(1).value<Error>().isError());
        QCOMPARE(imported.last().at(0).toInt(), 1000);
        const BulkCreateResult &outcome = browser->transfer()->lastImport();
        QCOMPARE(outcome.total, 1300);
        QCOMPARE(outcome.count(BatchOutcome::Stored), 1000);
        QCOMPARE(outcome.count(BatchOutcome::NotStored), 300);
        QTRY_VERIFY_WITH_TIMEOUT(browser->messageBar()->message().contains(u"1,000 of 1,300 entities stored, 300 not stored"_s), 5000);
        // The stored ones are on the daemon: each id of the stored batches answers Has.
        auto has = await(client->has(store, people, outcome.storedIds()));
        LOOM_VERIFY_OK(has);
        QVERIFY(has->result());

        // Export the query's results: every page, in order.
        browser->runQuery(Query::where(u"age"_s, Op::Ge, 60));
        const QString out = dir.filePath(u"out.json"_s);
        QSignalSpy exported(browser->transfer(), &EntityTransfer::exportFinished);
        browser->actions()->exportResults(out);
        QVERIFY(exported.wait(60000));
        QVERIFY2(exported.first().at(1).toString().isEmpty(), qPrintable(exported.first().at(1).toString()));
        QFile result(out);
        QVERIFY(result.open(QIODevice::ReadOnly));
        const QJsonArray written = QJsonDocument::fromJson(result.readAll()).array();
        // ages 60..69 of the imported ones: 10 values x 26 entities
        QCOMPARE(written.size(), 260);
        QCOMPARE(exported.first().at(0).toInt(), 260);
        QStringList seen;
        for (const QJsonValue &v : written) {
            QVERIFY(v.toObject()[u"age"_s].toInt() >= 60);
            seen << v.toObject()[u"_id"_s].toString();
        }
        QStringList sorted = seen;
        sorted.sort();
        QCOMPARE(seen, sorted);
        QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), 260);
    }

    void eventLogInADock()
    {
        QMainWindow window;
        auto *browser = new EntityBrowserWidget(BrowserContext{client.get(), store, people});
        window.setCentralWidget(browser);
        auto *dock = new QDockWidget(u"Changes"_s, &window);
        auto *log = new EventLogWidget(dock);
        dock->setWidget(log);
        window.addDockWidget(Qt::BottomDockWidgetArea, dock);
        browser->attachLog(log);
        window.resize(1200, 800);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(browser->model()->pager()->atEnd(), 20000);
        bool seen = false;
        for (int attempt = 0; attempt < 20 && !seen; ++attempt) {
            LOOM_VERIFY_OK(await(client->create(store, people, {loom::test::person(u"Logged %1"_s.arg(attempt), 5)})));
            seen = QTest::qWaitFor([&] { return log->model()->rowCount() > 0; }, 750);
        }
        QVERIFY(seen);
        const QModelIndex first = log->model()->index(0, EventLogModel::ActionColumn);
        QCOMPARE(first.data().toString(), u"created"_s);
        QCOMPARE(first.siblingAtColumn(EventLogModel::CollectionColumn).data().toString(), people);
        QVERIFY(!first.siblingAtColumn(EventLogModel::IdColumn).data().toString().isEmpty());
        QSignalSpy activated(log, &EventLogWidget::entityActivated);
        const QPoint at = log->view()->visualRect(log->view()->model()->index(0, 0)).center();
        QTest::mouseClick(log->view()->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(log->view()->viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().at(0).toString(), people);
        loom::test::screenshot(&window, u"browser-window"_s);
    }
};

QTEST_MAIN(TestBrowserActions)
#include "tst_browser_actions.moc"
