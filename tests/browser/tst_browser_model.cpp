// EntityModel and its sort proxy against the fixture's daemon A: QAbstractItemModelTester over
// paging, lazy children, live changes, re-reading, edits, undo and conflicts.
#include "browsertestutil.h"

#include "browser/controllers/entitysaver.h"
#include "browser/models/entitymodel.h"
#include "browser/models/entitysortmodel.h"
#include "subscription.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace Qt::StringLiterals;
using namespace loom;
using loom::test::await;

namespace {

QModelIndex childByKey(const QAbstractItemModel &model, const QModelIndex &parent, const QString &key)
{
    for (int r = 0; r < model.rowCount(parent); ++r) {
        const QModelIndex i = model.index(r, 0, parent);
        if (i.data(Qt::EditRole).toString() == key || i.data().toString() == key)
            return i;
    }
    return {};
}

} // namespace

class TestBrowserModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ThreadsClient> client;
    std::unique_ptr<ThreadsClient> other; // "someone else" changing the store
    StoreId store;
    const QString people = u"People"_s;
    QStringList ids; // in _id order

    void loadAll(EntityModel &model)
    {
        for (int guard = 0; guard < 200 && !model.pager()->atEnd(); ++guard) {
            model.fetchMore({});
            QTRY_VERIFY_WITH_TIMEOUT(!model.pager()->isLoading(), 20000);
            QVERIFY2(!model.pager()->loadFailedState(), qPrintable(model.pager()->lastError().toString()));
        }
        QVERIFY(model.pager()->atEnd());
    }

    // The daemon sends nothing until the first event: repeat an outside change until the model
    // shows it (bounded).
    template <typename Change, typename Seen>
    bool changeUntilSeen(Change change, Seen seen)
    {
        for (int attempt = 0; attempt < 20; ++attempt) {
            change(attempt);
            if (QTest::qWaitFor(seen, 750))
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        LOOM_REQUIRE_FIXTURE();
        client = std::make_unique<ThreadsClient>(loom::test::fixtureDaemon(u"A"_s));
        other = std::make_unique<ThreadsClient>(loom::test::fixtureDaemon(u"A"_s));
        LOOM_NEW_PEOPLE_STORE(client, "bmodel", people, store);
        QList<Instance> many;
        for (int i = 0; i < 450; ++i)
            many.append(loom::test::person(u"P%1"_s.arg(i, 3, 10, QChar(u'0')), 1 + i % 90));
        auto made = await(client->createMany(store, people, many), 60000);
        LOOM_VERIFY_OK(made);
        ids = made->result();
        ids.sort();
        QCOMPARE(ids.size(), 450);
    }

    void pagingLazyChildrenAndLive()
    {
        EntityModel model(BrowserContext{client.get(), store, people});
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        EntitySortModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

        model.pager()->setPageSize(100);
        model.pager()->setQuery(Query());
        QSignalSpy pages(model.pager(), &EntityPager::pageLoaded);
        QTRY_VERIFY_WITH_TIMEOUT(model.loadedCount() >= 100, 20000);
        loadAll(model);
        QCOMPARE(pages.size(), 5); // 100, 100, 100, 100, 50
        QCOMPARE(model.loadedCount(), 450);
        QCOMPARE(model.rowCount(), 450);
        for (int r = 0; r < 450; ++r)
            QCOMPARE(model.index(r, 0).data().toString(), ids[r]); // _id order, no gaps, no repeats

        // Children: the fields, then nested ones.
        const QModelIndex first = model.index(0, 0);
        QVERIFY(model.hasChildren(first));
        const QModelIndex address = childByKey(model, first, u"address"_s);
        QVERIFY(address.isValid());
        QCOMPARE(address.siblingAtColumn(EntityModel::TypeColumn).data().toString(), u"object"_s);
        const QModelIndex city = childByKey(model, address, u"city"_s);
        QCOMPARE(city.siblingAtColumn(EntityModel::ValueColumn).data().toString(), u"Lyon"_s);
        QCOMPARE(model.pathAt(city), (QStringList{u"address"_s, u"city"_s}));
        const QModelIndex tags = childByKey(model, first, u"tags"_s);
        QCOMPARE(model.index(0, 0, tags).data().toString(), u"[0]"_s);

        // Sorting the loaded rows through the proxy.
        proxy.sort(EntityModel::KeyColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), ids.last());
        proxy.setEntitySortPath({u"age"_s});
        proxy.sort(EntityModel::ValueColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data(EntityModel::ValueJsonRole).toJsonValue().toObject()[u"age"_s].toInt(), 1);

        // Live: create, change, delete from another client.
        Subscription *sub = client->listen(store, {{people, {}, ListenFilter::All}}, this);
        connect(sub, &Subscription::changes, model.live(), &LiveMerger::applyChanges);
        QStringList made;
        const bool seen = changeUntilSeen(
            [&](int attempt) {
                auto r = await(other->create(store, people, {loom::test::person(u"Live%1"_s.arg(attempt), 33)}));
                made += r->result();
            },
            [&] { return std::any_of(made.begin(), made.end(), [&](const QString &id) { return model.contains(id); }); });
        QVERIFY(seen);
        QString liveId;
        for (const QString &id : std::as_const(made)) {
            if (model.contains(id))
                liveId = id;
        }
        QVERIFY(model.indexForKey(liveId).data(EntityModel::HighlightRole).toReal() > 0);
        QCOMPARE(model.indexForKey(liveId).data(EntityModel::HighlightKindRole).toInt(), 1);

        // A change to an expanded entity updates its child rows in place.
        const QModelIndex liveRow = model.indexForKey(liveId);
        const QModelIndex liveCity = childByKey(model, childByKey(model, liveRow, u"address"_s), u"city"_s);
        QVERIFY(liveCity.isValid());
        QPersistentModelIndex keepCity(liveCity);
        Instance changed = model.document(liveId);
        changed[u"address"_s] = QJsonObject{{u"city"_s, u"Oslo"_s}, {u"zip"_s, u"0150"_s}};
        changed[u"tags"_s] = QJsonArray{u"x"_s, u"y"_s};
        LOOM_VERIFY_OK(await(other->save(store, people, {changed})));
        QTRY_COMPARE_WITH_TIMEOUT(QModelIndex(keepCity).siblingAtColumn(EntityModel::ValueColumn).data().toString(), u"Oslo"_s, 10000);
        QVERIFY(keepCity.isValid());
        QCOMPARE(model.rowCount(childByKey(model, liveRow, u"address"_s)), 2);
        QCOMPARE(model.rowCount(childByKey(model, liveRow, u"tags"_s)), 2);

        LOOM_VERIFY_OK(await(other->remove(store, people, made)));
        QTRY_VERIFY_WITH_TIMEOUT(!model.contains(liveId), 10000);
        QCOMPARE(model.loadedCount(), 450);
        delete sub;
    }

    void childrenAreLazy()
    {
        // No tester here: it walks every row's children on every change.
        EntityModel model(BrowserContext{client.get(), store, people});
        EntitySortModel proxy;
        proxy.setSourceModel(&model);
        model.pager()->setPageSize(200, 1000);
        model.pager()->setQuery(Query());
        loadAll(model);
        QCOMPARE(model.loadedCount(), 450);
        QCOMPARE(model.builtEntityCount(), 0);
        QVERIFY(proxy.hasChildren(proxy.index(0, 0)));
        QCOMPARE(model.builtEntityCount(), 0);

        // Fields added and removed while nobody looked at an entity's children: the counts are
        // announced, and a proxy that counted them follows.
        const QString id = model.keyAt(model.index(440, 0));
        const QModelIndex proxyRow = proxy.mapFromSource(model.indexForKey(id));
        const int before = proxy.rowCount(proxyRow);
        QCOMPARE(before, model.document(id).size());
        Instance more = model.document(id);
        more[u"score"_s] = 2.5;
        more[u"role"_s] = u"viewer"_s;
        model.live()->applyChanges({{ChangeAction::Save, people, id, more, 0}});
        QCOMPARE(model.rowCount(model.indexForKey(id)), more.size());
        QCOMPARE(proxy.rowCount(proxyRow), more.size());
        Instance fewer = more;
        fewer.remove(u"score"_s);
        fewer.remove(u"role"_s);
        fewer.remove(u"tags"_s);
        model.live()->applyChanges({{ChangeAction::Save, people, id, fewer, 0}});
        QCOMPARE(model.rowCount(model.indexForKey(id)), fewer.size());
        QCOMPARE(proxy.rowCount(proxyRow), fewer.size());
        QCOMPARE(proxy.index(fewer.size() - 1, 0, proxyRow).data().toString(), fewer.keys().last());
        QVERIFY(model.builtEntityCount() <= 1);
    }

    void queryPaging()
    {
        EntityModel model(BrowserContext{client.get(), store, people});
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.pager()->setPageSize(20);
        model.pager()->setQuery(Query::where(u"age"_s, Op::Ge, 40).withLimit(50));
        loadAll(model);
        QCOMPARE(model.loadedCount(), 50);
        for (int r = 0; r < model.rowCount(); ++r)
            QVERIFY(model.document(model.keyAt(model.index(r, 0)))[u"age"_s].toInt() >= 40);

        // _id descending, paged.
        model.pager()->setQuery(Query().orderBy(u"_id"_s, true));
        loadAll(model);
        QCOMPARE(model.loadedCount(), 450);
        QCOMPARE(model.index(0, 0).data().toString(), ids.last());
        QCOMPARE(model.index(449, 0).data().toString(), ids.first());
    }

    void refreshReconciles()
    {
        EntityModel model(BrowserContext{client.get(), store, people});
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.pager()->setPageSize(100);
        model.pager()->setQuery(Query().withLimit(150)); // (the tester fetches more pages: bound them)
        QTRY_VERIFY_WITH_TIMEOUT(model.loadedCount() >= 150, 20000);
        QCOMPARE(model.loadedCount(), 150);
        const QString gone1 = model.index(3, 0).data().toString();
        const QString gone2 = model.index(90, 0).data().toString();
        const QString beyond = model.index(149, 0).data().toString();
        Instance edited = model.document(model.index(10, 0).data().toString());
        edited[u"name"_s] = u"Renamed"_s;
        LOOM_VERIFY_OK(await(other->remove(store, people, {gone1, gone2})));
        LOOM_VERIFY_OK(await(other->save(store, people, {edited})));
        QSignalSpy done(model.pager(), &EntityPager::refreshFinished);
        model.pager()->refreshLoaded();
        QVERIFY(done.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(!model.contains(gone1) && !model.contains(gone2), 5000);
        QCOMPARE(model.document(edited[u"_id"_s].toString())[u"name"_s].toString(), u"Renamed"_s);
        QVERIFY(model.contains(beyond));
        QCOMPARE(model.loadedCount(), 148);
        ids.removeOne(gone1);
        ids.removeOne(gone2);
    }

    void editsUndoAndConflicts()
    {
        EntityModel model(BrowserContext{client.get(), store, people});
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QUndoStack undo;
        model.edits()->setUndoStack(&undo);
        QSignalSpy unsaved(model.edits(), &EntityEdits::unsavedChangesChanged);
        model.pager()->setQuery(Query());
        QTRY_VERIFY_WITH_TIMEOUT(model.loadedCount() > 0, 20000);
        // The model tester fetches more on every insertion: let the pages come in first, or the
        // events applied below wait for the page in flight (LiveMerger defers them) and the
        // conflict comes later than the test looks for it.
        QTRY_VERIFY_WITH_TIMEOUT(model.pager()->atEnd() && !model.pager()->isLoading(), 20000);
        const QModelIndex row = model.index(5, 0);
        const QString id = model.keyAt(row);
        const QModelIndex city = childByKey(model, childByKey(model, row, u"address"_s), u"city"_s);
        QVERIFY(model.setData(city.siblingAtColumn(EntityModel::ValueColumn), u"Paris"_s));
        QVERIFY(model.isDirty(id));
        QCOMPARE(unsaved.size(), 1);
        QCOMPARE(model.document(id)[u"address"_s].toObject()[u"city"_s].toString(), u"Paris"_s);
        QVERIFY(model.data(row, EntityModel::DirtyRole).toBool());
        QVERIFY(model.data(row, Qt::FontRole).value<QFont>().bold());
        undo.undo();
        QVERIFY(!model.isDirty(id));
        undo.redo();
        QVERIFY(model.isDirty(id));

        // Type changes convert the value.
        const QModelIndex age = childByKey(model, row, u"age"_s);
        QVERIFY(model.setData(age.siblingAtColumn(EntityModel::TypeColumn), u"string"_s));
        QVERIFY(model.document(id)[u"age"_s].isString());
        QVERIFY(!model.setData(childByKey(model, row, u"_id"_s).siblingAtColumn(EntityModel::ValueColumn), u"x"_s));

        // Someone else changes the entity being edited: a conflict, and both ways out.
        Instance theirs = model.storedDocument(id);
        theirs[u"name"_s] = u"Theirs"_s;
        QSignalSpy conflict(model.edits(), &EntityEdits::conflictDetected);
        ChangeEvent event{ChangeAction::Save, people, id, theirs, 0};
        model.live()->applyChanges({event});
        QCOMPARE(conflict.size(), 1);
        QVERIFY(model.edits()->hasConflict(id));
        QCOMPARE(model.document(id)[u"address"_s].toObject()[u"city"_s].toString(), u"Paris"_s);
        model.edits()->resolveConflict(id, false);
        QVERIFY(!model.edits()->hasConflict(id));
        QCOMPARE(model.storedDocument(id)[u"name"_s].toString(), u"Theirs"_s);
        QVERIFY(model.isDirty(id));
        theirs[u"name"_s] = u"Theirs again"_s;
        model.live()->applyChanges({{ChangeAction::Save, people, id, theirs, 0}});
        QVERIFY(model.edits()->hasConflict(id));
        model.edits()->resolveConflict(id, true);
        QVERIFY(!model.isDirty(id));
        QCOMPARE(model.document(id)[u"name"_s].toString(), u"Theirs again"_s);

        // New entities: on top, renamed when created.
        const QString key = model.edits()->addNewEntity(QJsonObject{{u"name"_s, u"Fresh"_s}});
        QCOMPARE(model.index(0, 0).data(EntityModel::EntityKeyRole).toString(), key);
        QVERIFY(model.isNew(key));
        QSignalSpy renamed(model.edits(), &EntityEdits::keyRenamed);
        model.edits()->markSaved(key, QJsonObject{{u"name"_s, u"Fresh"_s}}, u"zzzzzzzzzzzzzzzzzzzzzzzzzz"_s);
        QCOMPARE(renamed.size(), 1);
        QVERIFY(model.contains(u"zzzzzzzzzzzzzzzzzzzzzzzzzz"_s));
        QVERIFY(!model.isDirty(key));
        QCOMPARE(model.resolveKey(key), u"zzzzzzzzzzzzzzzzzzzzzzzzzz"_s);
        model.edits()->revert(id);
        QVERIFY(!model.edits()->hasUnsavedChanges());
    }

    // Issue 16 item 2: the pending changes of a collection are saved in one write transaction.
    // One invalid entity among valid ones: nothing is saved, every edit is kept, the invalid one
    // is marked at its field; once it is fixed, all go together.
    void saveIsAllOrNothing()
    {
        StoreId own;
        LOOM_NEW_PEOPLE_STORE(client, "batomic", people, own);
        auto made = await(client->create(own, people, {loom::test::person(u"Ann"_s, 30), loom::test::person(u"Bob"_s, 40)}));
        LOOM_VERIFY_OK(made);
        const QString ann = made->result().at(0);
        const QString bob = made->result().at(1);
        EntityModel model(BrowserContext{client.get(), own, people});
        EntitySaver saver(model.context(), &model);
        model.pager()->setQuery(Query());
        QTRY_VERIFY_WITH_TIMEOUT(model.loadedCount() == 2, 20000);

        QJsonObject annDoc = model.document(ann);
        annDoc[u"name"_s] = u"Ann B."_s;
        model.edits()->editDocument(ann, annDoc, u"rename"_s);
        QJsonObject bobDoc = model.document(bob);
        bobDoc[u"age"_s] = u"old"_s; // the schema wants an integer
        model.edits()->editDocument(bob, bobDoc, u"age"_s);
        const QString fresh = model.edits()->addNewEntity(loom::test::person(u"Cleo"_s, 22));
        QCOMPARE(model.edits()->dirtyKeys().size(), 3);

        QSignalSpy finished(&saver, &EntitySaver::finished);
        saver.save();
        QVERIFY(finished.wait(20000));
        QVERIFY(saver.lastRoundWasAtomic());
        QCOMPARE(finished.first().at(0).toInt(), 0); // saved
        QCOMPARE(finished.first().at(1).toStringList().size(), 3);
        QCOMPARE(finished.first().at(2).value<Error>().kind(), ErrorKind::SchemaViolation);
        // Nothing reached the daemon.
        auto stored = await(other->find(own, people, Query()));
        LOOM_VERIFY_OK(stored);
        QCOMPARE(stored->result().size(), 2);
        for (const Instance &e : stored->result())
            QVERIFY(e[u"name"_s].toString() == u"Ann"_s || e[u"name"_s].toString() == u"Bob"_s);
        // Every edit kept; the invalid entity marked at its field, the others told why.
        QCOMPARE(model.edits()->dirtyKeys().size(), 3);
        QCOMPARE(model.document(ann)[u"name"_s].toString(), u"Ann B."_s);
        QVERIFY2(model.edits()->fieldErrors(bob).contains(u"age"_s), qPrintable(model.edits()->saveError(bob)));
        QVERIFY(model.edits()->fieldErrors(ann).isEmpty());
        QVERIFY2(model.edits()->saveError(ann).contains(u"all or nothing"_s), qPrintable(model.edits()->saveError(ann)));
        QVERIFY(model.edits()->saveError(fresh).contains(u"all or nothing"_s));

        // Fixed: all three in one go.
        bobDoc[u"age"_s] = 41;
        model.edits()->editDocument(bob, bobDoc, u"age"_s);
        finished.clear();
        saver.save();
        QVERIFY(finished.wait(20000));
        QVERIFY(saver.lastRoundWasAtomic());
        QCOMPARE(finished.first().at(0).toInt(), 3);
        QVERIFY(finished.first().at(1).toStringList().isEmpty());
        QVERIFY(!model.edits()->hasUnsavedChanges());
        auto after = await(other->find(own, people, Query()));
        LOOM_VERIFY_OK(after);
        QCOMPARE(after->result().size(), 3);
        QStringList names;
        for (const Instance &e : after->result())
            names << e[u"name"_s].toString() + u'/' + QString::number(e[u"age"_s].toInt());
        names.sort();
        QCOMPARE(names, (QStringList{u"Ann B./30"_s, u"Bob/41"_s, u"Cleo/22"_s}));
    }
};

QTEST_MAIN(TestBrowserModel)
#include "tst_browser_model.moc"
