// The entity browser, offscreen, against the fixture's daemon A: create through the form, edit
// in place and save, schema errors at the field, delete, live changes from outside, the query
// builder, closing with unsaved changes.
#include "browsertestutil.h"
#include "guitestutil.h"

#include "browser/entitybrowserwidget.h"
#include "browser/widgets/entitytreeview.h"
#include "browser/widgets/entityeditorpanel.h"
#include "browser/models/entitymodel.h"
#include "browser/models/entitysortmodel.h"
#include "browser/models/eventlogmodel.h"
#include "browser/widgets/eventlogwidget.h"
#include "widgets/messagebar.h"
#include "browser/widgets/querybarwidget.h"
#include "browser/widgets/querybuilderwidget.h"
#include "browser/schema/schemaformwidget.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace loom;
using loom::test::await;

class TestBrowserGui : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ThreadsClient> client;
    std::unique_ptr<ThreadsClient> other;
    StoreId store;
    const QString people = u"People"_s;
    QStringList ids;
    std::unique_ptr<EntityBrowserWidget> browser;
    std::unique_ptr<QAbstractItemModelTester> tester;

    Instance daemonVersion(const QString &id)
    {
        auto r = await(client->findById(store, people, id));
        if (!r->ok())
            qWarning() << r->error().toString();
        return r->result();
    }

    QModelIndex viewIndexOf(const QString &key, const QStringList &path = {}, int column = 0)
    {
        QModelIndex source = browser->model()->indexForKey(key);
        for (const QString &k : path) {
            QModelIndex found;
            for (int r = 0; r < browser->model()->rowCount(source); ++r) {
                const QModelIndex child = browser->model()->index(r, 0, source);
                if (browser->model()->pathAt(child).last() == k)
                    found = child;
            }
            source = found;
        }
        return browser->view()->toView(source.siblingAtColumn(column));
    }

    void waitLoaded()
    {
        QTRY_VERIFY_WITH_TIMEOUT(!browser->model()->pager()->isLoading() && browser->model()->loadedCount() > 0, 20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        LOOM_REQUIRE_FIXTURE();
        // These tests drive the key-value tree (the browser's second mode; tst_browser_columns
        // drives the table, the default).
        QSettings().setValue(u"browser/view"_s, u"tree"_s);
        client = std::make_unique<ThreadsClient>(loom::test::fixtureDaemon(u"A"_s));
        other = std::make_unique<ThreadsClient>(loom::test::fixtureDaemon(u"A"_s));
        LOOM_NEW_PEOPLE_STORE(client, "bgui", people, store);
        QList<Instance> list;
        for (int i = 1; i <= 30; ++i)
            list.append(loom::test::person(u"Person %1"_s.arg(i), i, i % 2 ? u"Lyon"_s : u"Oslo"_s));
        auto made = await(client->create(store, people, list));
        LOOM_VERIFY_OK(made);
        ids = made->result();

        browser = std::make_unique<EntityBrowserWidget>(BrowserContext{client.get(), store, people});
        tester = std::make_unique<QAbstractItemModelTester>(browser->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        browser->resize(1280, 760);
        browser->show();
        browser->activateWindow();
        QVERIFY(QTest::qWaitForWindowExposed(browser.get()));
        waitLoaded();
        QTRY_VERIFY_WITH_TIMEOUT(browser->schemaLoaded(), 10000);
        QCOMPARE(browser->model()->loadedCount(), 30);
        QVERIFY2(browser->countText().contains(u"30 loaded"_s), qPrintable(browser->countText()));
    }

    void treeShowsNestedRows()
    {
        const QModelIndex first = viewIndexOf(ids.first());
        browser->view()->expand(first);
        browser->view()->expand(viewIndexOf(ids.first(), {u"address"_s}));
        browser->view()->expand(viewIndexOf(ids.first(), {u"tags"_s}));
        browser->view()->expand(viewIndexOf(ids[1]));
        browser->view()->setCurrentIndex(viewIndexOf(ids.first(), {u"address"_s, u"city"_s}, 1));
        QCOMPARE(viewIndexOf(ids.first(), {u"address"_s, u"city"_s}, 1).data().toString(), u"Lyon"_s);
        QCOMPARE(viewIndexOf(ids.first(), {u"address"_s}, 2).data().toString(), u"object"_s);
        QCOMPARE(browser->editorPanel()->entityKey(), ids.first());
        loom::test::screenshot(browser.get(), u"browser-tree"_s);
    }

    void createThroughTheForm()
    {
        browser->action(BrowserActions::New)->trigger();
        const QString key = browser->editorPanel()->entityKey();
        QVERIFY(key.startsWith(u"new:"_s));
        QVERIFY(browser->model()->isNew(key));
        QCOMPARE(browser->tabTitle(), people + u"*"_s);
        SchemaFormWidget *form = browser->editorPanel()->form();
        QTRY_VERIFY(form->editorFor(u"name"_s));
        QTest::keyClicks(form->editorFor(u"name"_s), u"Zoe Form"_s);
        QTest::keyClicks(form->editorFor(u"age"_s), u"42"_s);
        QTest::keyClicks(form->editorFor(u"address.city"_s), u"Nice"_s);
        auto *role = qobject_cast<QComboBox *>(form->editorFor(u"role"_s));
        QVERIFY(role);
        role->setCurrentText(u"editor"_s);
        Q_EMIT role->activated(role->currentIndex());
        // Add a tag through the array editor.
        auto *addTag = form->findChild<QPushButton *>(u"add:tags"_s);
        QVERIFY(addTag);
        addTag->click();
        QTRY_VERIFY(form->editorFor(u"tags.0"_s));
        QTest::keyClicks(form->editorFor(u"tags.0"_s), u"vip"_s);
        const QJsonObject doc = browser->model()->document(key);
        QCOMPARE(doc[u"name"_s].toString(), u"Zoe Form"_s);
        QCOMPARE(doc[u"age"_s].toInt(), 42);
        QCOMPARE(doc[u"address"_s].toObject()[u"city"_s].toString(), u"Nice"_s);
        QCOMPARE(doc[u"role"_s].toString(), u"editor"_s);
        QCOMPARE(doc[u"tags"_s].toArray(), QJsonArray{u"vip"_s});
        QTRY_COMPARE_WITH_TIMEOUT(browser->editorPanel()->verifier()->state(), EntityVerifier::Valid, 10000);

        browser->action(BrowserActions::Save)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!browser->model()->isNew(key) && browser->model()->resolveKey(key) != key, 10000);
        const QString id = browser->model()->resolveKey(key);
        QVERIFY(browser->model()->contains(id));
        QVERIFY(viewIndexOf(id).isValid());
        QVERIFY(!browser->hasUnsavedChanges());
        QCOMPARE(browser->tabTitle(), people);
        const Instance stored = daemonVersion(id);
        QCOMPARE(stored[u"name"_s].toString(), u"Zoe Form"_s);
        QCOMPARE(stored[u"address"_s].toObject()[u"city"_s].toString(), u"Nice"_s);
        QCOMPARE(stored[u"tags"_s].toArray(), QJsonArray{u"vip"_s});
        ids.append(id);
    }

    void editNestedValueInPlaceAndSave()
    {
        const QString id = ids[2];
        browser->view()->expand(viewIndexOf(id));
        browser->view()->expand(viewIndexOf(id, {u"address"_s}));
        const QModelIndex city = viewIndexOf(id, {u"address"_s, u"city"_s}, EntityModel::ValueColumn);
        QVERIFY(city.isValid());
        browser->view()->setFocus();
        browser->view()->setCurrentIndex(city);
        browser->view()->edit(city);
        auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, u"Paris"_s);
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY(browser->model()->isDirty(id));
        QCOMPARE(viewIndexOf(id, {u"address"_s, u"city"_s}, EntityModel::ValueColumn).data().toString(), u"Paris"_s);
        QVERIFY(viewIndexOf(id).data(Qt::FontRole).value<QFont>().bold());
        QCOMPARE(browser->tabTitle(), people + u"*"_s);
        QCOMPARE(daemonVersion(id)[u"address"_s].toObject()[u"city"_s].toString(), u"Lyon"_s); // nothing sent yet

        // Undo and redo the local edit.
        browser->undoStack()->undo();
        QVERIFY(!browser->model()->isDirty(id));
        browser->undoStack()->redo();
        QVERIFY(browser->model()->isDirty(id));

        // Ctrl+S, as a person would.
        browser->view()->setFocus();
        QTest::keySequence(browser->view(), QKeySequence::Save);
        QTRY_VERIFY_WITH_TIMEOUT(!browser->model()->isDirty(id), 10000);
        const Instance stored = daemonVersion(id);
        QCOMPARE(stored[u"address"_s].toObject()[u"city"_s].toString(), u"Paris"_s);
        QCOMPARE(stored[u"name"_s].toString(), u"Person 3"_s); // the whole entity was saved
        QCOMPARE(stored[u"tags"_s].toArray().size(), 1);
    }

    void schemaViolationShownAtTheField()
    {
        const QString id = ids[4];
        browser->selectKey(id);
        browser->editorPanel()->showForm();
        SchemaFormWidget *form = browser->editorPanel()->form();
        auto *age = qobject_cast<QLineEdit *>(form->editorFor(u"age"_s));
        QVERIFY(age);
        age->selectAll();
        QTest::keyClicks(age, u"0"_s); // minimum is 1
        QTRY_COMPARE_WITH_TIMEOUT(browser->editorPanel()->verifier()->state(), EntityVerifier::Invalid, 10000);
        QTRY_VERIFY(!form->errorTextFor(u"age"_s).isEmpty());
        qInfo() << "error at age:" << form->errorTextFor(u"age"_s);
        // The tree shows it too.
        browser->view()->expand(viewIndexOf(id));
        QVERIFY(!viewIndexOf(id, {u"age"_s}, EntityModel::ValueColumn).data(EntityModel::FieldErrorRole).toString().isEmpty());
        // Remove a required field in the JSON text: the error lands on it in the form.
        browser->editorPanel()->showJson();
        QPlainTextEdit *json = browser->editorPanel()->jsonEditor();
        QJsonObject withoutName = browser->model()->document(id);
        withoutName.remove(u"name"_s);
        json->setFocus();
        json->setPlainText(QString::fromUtf8(QJsonDocument(withoutName).toJson()));
        QTRY_VERIFY_WITH_TIMEOUT(!browser->model()->document(id).contains(u"name"_s), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!form->errorTextFor(u"name"_s).isEmpty(), 10000);
        QVERIFY(!form->errorTextFor(u"age"_s).isEmpty());
        browser->editorPanel()->showForm();
        loom::test::screenshot(browser.get(), u"browser-form-error"_s);

        browser->action(BrowserActions::Save)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(browser->messageBar()->isVisibleTo(browser.get()), 10000);
        QVERIFY2(browser->messageBar()->message().contains(u"schema"_s), qPrintable(browser->messageBar()->message()));
        // Said once, as sentences (it was "Could not save: Could not save the entities: … 1 Your changes").
        QVERIFY2(!browser->messageBar()->message().contains(u"Could not save: Could not save"_s), qPrintable(browser->messageBar()->message()));
        QVERIFY2(browser->messageBar()->message().contains(u". Your changes are kept"_s), qPrintable(browser->messageBar()->message()));
        loom::test::screenshot(browser.get(), u"browser-save-error"_s);
        QVERIFY(browser->model()->isDirty(id)); // the edit is kept
        QCOMPARE(browser->model()->document(id)[u"age"_s].toInt(), 0);
        QCOMPARE(daemonVersion(id)[u"age"_s].toInt(), 5); // nothing saved
        QCOMPARE(daemonVersion(id)[u"name"_s].toString(), u"Person 5"_s);

        // Fixing it and saving works.
        auto *name = qobject_cast<QLineEdit *>(form->editorFor(u"name"_s));
        name->setFocus();
        QTest::keyClicks(name, u"Person Five"_s);
        age->selectAll();
        QTest::keyClicks(age, u"55"_s);
        QTRY_COMPARE_WITH_TIMEOUT(browser->editorPanel()->verifier()->state(), EntityVerifier::Valid, 10000);
        QTRY_VERIFY(form->errorTextFor(u"age"_s).isEmpty());
        browser->save();
        QTRY_VERIFY_WITH_TIMEOUT(!browser->model()->isDirty(id), 10000);
        QCOMPARE(daemonVersion(id)[u"age"_s].toInt(), 55);
    }

    void liveChangesFromOutside()
    {
        EventLogWidget log;
        browser->attachLog(&log);
        // The daemon sends nothing until the first event: change until one shows (bounded).
        QStringList made;
        bool seen = false;
        for (int attempt = 0; attempt < 20 && !seen; ++attempt) {
            auto r = await(other->create(store, people, {loom::test::person(u"Outsider %1"_s.arg(attempt), 77)}));
            LOOM_VERIFY_OK(r);
            made += r->result();
            seen = QTest::qWaitFor([&] {
                return std::any_of(made.begin(), made.end(), [&](const QString &id) { return browser->model()->contains(id); });
            }, 750);
        }
        QVERIFY(seen);
        const QString id = *std::find_if(made.begin(), made.end(), [&](const QString &id) { return browser->model()->contains(id); });
        QVERIFY(viewIndexOf(id).isValid());
        // A change to an entity shown, and a new one: at once, highlighted.
        browser->view()->collapseAll();
        Instance changed = daemonVersion(ids[6]);
        changed[u"name"_s] = u"Changed outside"_s;
        LOOM_VERIFY_OK(await(other->save(store, people, {changed})));
        auto another = await(other->create(store, people, {loom::test::person(u"Newcomer"_s, 64)}));
        LOOM_VERIFY_OK(another);
        made += another->result();
        QTRY_COMPARE_WITH_TIMEOUT(browser->model()->document(ids[6])[u"name"_s].toString(), u"Changed outside"_s, 10000);
        QVERIFY(viewIndexOf(ids[6]).data(EntityModel::HighlightRole).toReal() > 0.3);
        if (QTest::qWaitFor([&] { return browser->model()->contains(another->result().first()); }, 3000)) {
            browser->view()->scrollTo(viewIndexOf(another->result().first()));
        }
        loom::test::screenshot(browser.get(), u"browser-live"_s);
        QTRY_VERIFY_WITH_TIMEOUT(viewIndexOf(ids[6]).data(EntityModel::HighlightRole).toReal() == 0, 5000);
        QTRY_VERIFY(log.model()->rowCount() >= 2);
        for (const QString &m : made)
            ids.append(m);
    }

    void conflictWithAnEditInProgress()
    {
        const QString id = ids[7];
        browser->selectKey(id);
        auto *name = qobject_cast<QLineEdit *>(browser->editorPanel()->form()->editorFor(u"name"_s));
        name->selectAll();
        QTest::keyClicks(name, u"Mine"_s);
        QVERIFY(browser->model()->isDirty(id));
        Instance theirs = daemonVersion(id);
        theirs[u"name"_s] = u"Theirs"_s;
        LOOM_VERIFY_OK(await(other->save(store, people, {theirs})));
        QTRY_VERIFY_WITH_TIMEOUT(browser->model()->edits()->hasConflict(id), 10000);
        QVERIFY(browser->messageBar()->message().contains(u"changed on the daemon"_s));
        QCOMPARE(browser->model()->document(id)[u"name"_s].toString(), u"Mine"_s);
        auto *keep = browser->messageBar()->findChild<QPushButton *>(u"keepMine"_s);
        QVERIFY(keep);
        keep->click();
        QVERIFY(!browser->model()->edits()->hasConflict(id));
        browser->save();
        QTRY_VERIFY_WITH_TIMEOUT(!browser->model()->isDirty(id), 10000);
        QCOMPARE(daemonVersion(id)[u"name"_s].toString(), u"Mine"_s);
    }

    void deleteWithConfirmation()
    {
        const QString id = ids[8];
        browser->selectKey(id);
        browser->view()->setFocus();
        loom::test::answerNextDialog(u"Delete"_s);
        browser->action(BrowserActions::Delete)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!browser->model()->contains(id), 10000);
        auto has = await(client->has(store, people, {id}));
        LOOM_VERIFY_OK(has);
        QVERIFY(!has->result());
        // Cancel keeps it.
        const QString kept = ids[9];
        browser->selectKey(kept);
        loom::test::answerNextDialog(u"Cancel"_s);
        browser->action(BrowserActions::Delete)->trigger();
        QTest::qWait(200);
        QVERIFY(browser->model()->contains(kept));
        ids.removeOne(id);
    }

    void queryWithTheBuilder()
    {
        QueryBarWidget *bar = browser->queryBar();
        bar->setBuilderVisible(true);
        QueryBuilderWidget *builder = bar->builder();
        builder->addCondition(u"age"_s, Op::Ge, u"20"_s);
        builder->addCondition(u"address.city"_s, Op::Eq, u"Oslo"_s);
        builder->setSort(u"age"_s, true);
        QVERIFY(bar->isValid());
        QCOMPARE(bar->text(), u"age >= 20 and address.city = \"Oslo\" sort age desc"_s); // the builder writes the language
        QVERIFY2(bar->hintText().contains(u"incomplete"_s), qPrintable(bar->hintText()));
        auto *run = builder->findChild<QPushButton *>(u"builderRun"_s);
        QVERIFY(run);
        run->click();
        QTRY_VERIFY_WITH_TIMEOUT(!browser->model()->pager()->isLoading() && browser->model()->pager()->atEnd(), 10000);
        // ages 20..30 with an even age live in Oslo (20, 22, ..., 30), sorted by age descending.
        QList<int> ages;
        for (int r = 0; r < browser->view()->model()->rowCount(); ++r) {
            const QModelIndex index = browser->view()->model()->index(r, 0);
            ages << index.data(EntityModel::ValueJsonRole).toJsonValue().toObject()[u"age"_s].toInt();
        }
        QCOMPARE(ages, (QList<int>{30, 28, 26, 24, 22, 20}));
        browser->view()->expand(browser->view()->model()->index(0, 0));
        loom::test::screenshot(browser.get(), u"browser-query"_s);
        QVERIFY(bar->history().contains(bar->text()));
        // A broken query is not sent, and says why.
        bar->setText(u"{\"ands\":[{\"fieldPath\":\"age\",\"operation\":9,\"value\":{\"float\":1}}]}"_s);
        QVERIFY(!bar->isValid());
        QVERIFY(bar->errorText().contains(u"operation"_s));
        bar->setText(QString());
        bar->run();
        QTRY_VERIFY_WITH_TIMEOUT(browser->model()->pager()->atEnd() && browser->model()->loadedCount() >= 30, 10000);
        bar->setBuilderVisible(false);
    }

    void closingAsksAboutUnsavedChanges()
    {
        for (const QString &key : browser->model()->edits()->dirtyKeys()) // (left by a failed test above)
            browser->model()->edits()->revert(key);
        QVERIFY(browser->maybeClose());
        const QString id = ids[10];
        QJsonObject doc = browser->model()->document(id);
        doc.insert(u"score"_s, 1.5);
        browser->model()->edits()->setDocument(id, doc);
        QVERIFY(browser->hasUnsavedChanges());
        QSignalSpy cancelled(browser.get(), &EntityBrowserWidget::closeCancelled);
        loom::test::answerNextDialog(u"Cancel"_s);
        QVERIFY(!browser->maybeClose()); // asks without blocking
        QVERIFY(cancelled.wait(10000));
        QVERIFY(browser->hasUnsavedChanges());
        QSignalSpy ready(browser.get(), &EntityBrowserWidget::closeReady);
        loom::test::answerNextDialog(u"Save"_s);
        QVERIFY(!browser->maybeClose());
        QVERIFY(ready.wait(10000));
        QCOMPARE(daemonVersion(id)[u"score"_s].toDouble(), 1.5);
        browser->model()->edits()->setDocument(id, browser->model()->storedDocument(id));
    }

    void cleanupTestCase()
    {
        tester.reset();
        browser.reset();
    }
};

QTEST_MAIN(TestBrowserGui)
#include "tst_browser_gui.moc"
