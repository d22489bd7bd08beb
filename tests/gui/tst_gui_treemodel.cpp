// The side tree's model (connections → stores → collections) fed by the fixture's real daemons,
// under QAbstractItemModelTester the whole time: lazy loading, merges on refresh, removals.
#include "guitestutil.h"
#include "testdaemon.h"

#include "threadsclient.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>

using namespace Qt::StringLiterals;
using namespace loom;
using loom::test::await;
using Kind = ConnectionTreeModel::Kind;
using LoadState = ConnectionTreeModel::LoadState;

namespace {
const QByteArray kSchema = R"({"type":"object","properties":{"_id":{"type":"string"},"name":{"type":"string"}}})";
}

class TestGuiTreeModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ActivityTracker> tracker;
    std::unique_ptr<ConnectionManager> manager;
    std::unique_ptr<ConnectionTreeModel> model;
    std::unique_ptr<QAbstractItemModelTester> tester;
    std::unique_ptr<ThreadsClient> a; // the test's own client, to change things behind the model's back
    Connection *connA = nullptr;
    Connection *connB = nullptr;

    QStringList childNames(const QModelIndex &parent) const
    {
        QStringList names;
        for (int row = 0; row < model->rowCount(parent); ++row)
            names << model->index(row, 0, parent).data(ConnectionTreeModel::NameRole).toString();
        return names;
    }

private Q_SLOTS:
    void initTestCase()
    {
        LOOM_REQUIRE_FIXTURE();
        tracker = std::make_unique<ActivityTracker>();
        manager = std::make_unique<ConnectionManager>(nullptr);
        model = std::make_unique<ConnectionTreeModel>(manager.get(), tracker.get());
        tester = std::make_unique<QAbstractItemModelTester>(model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        a = std::make_unique<ThreadsClient>(loom::test::fixtureDaemon(u"A"_s));
    }

    void connectionsAppearAndLoadStores()
    {
        ConnectionSettings sa = loom::test::fixtureDaemon(u"A"_s);
        sa.name = u"daemon-a"_s;
        ConnectionSettings sb = loom::test::fixtureDaemon(u"B"_s);
        sb.name = u"daemon-b"_s;
        QSignalSpy loaded(model.get(), &ConnectionTreeModel::storesLoaded);
        connA = manager->add(sa, false, false);
        connB = manager->add(sb, false, false);
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->connection(model->index(0, 0)), connA);
        QCOMPARE(model->kind(model->index(1, 0)), Kind::Connection);
        // Stores are listed once the daemon is connected, without anyone expanding the row.
        QTRY_COMPARE_WITH_TIMEOUT(connA->state(), ConnectionMonitor::Connected, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(model->loadState(model->indexOf(connA)), LoadState::Loaded, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(model->loadState(model->indexOf(connB)), LoadState::Loaded, 15000);
        QVERIFY(loaded.size() >= 2);
        QCOMPARE(model->index(0, 0).data(ConnectionTreeModel::NameRole).toString(), u"daemon-a"_s);
        QVERIFY(model->index(0, 0).data(Qt::ToolTipRole).toString().contains(sa.endpoint()));
    }

    void storesAndCollectionsLoadLazily()
    {
        const QString first = loom::test::uniqueName("zeta");
        const QString second = loom::test::uniqueName("alpha");
        auto s1 = await(a->newStore(first, {{u"People"_s, kSchema, {{u"name"_s, false}}, {}, {}},
                                            {u"Animals"_s, kSchema, {}, {}, {}}}));
        LOOM_VERIFY_OK(s1);
        auto s2 = await(a->newStore(second));
        LOOM_VERIFY_OK(s2);

        QSignalSpy loaded(model.get(), &ConnectionTreeModel::storesLoaded);
        model->refresh(model->indexOf(connA));
        QTRY_VERIFY_WITH_TIMEOUT(model->indexOf(connA, s2->result()).isValid(), 15000);
        const QModelIndex store1 = model->indexOf(connA, s1->result());
        QVERIFY(store1.isValid());
        QCOMPARE(model->kind(store1), Kind::Store);
        QCOMPARE(store1.data(ConnectionTreeModel::NameRole).toString(), first);
        QCOMPARE(model->storeName(store1), first);
        QVERIFY(store1.data(Qt::ToolTipRole).toString().contains(s1->result().toString()));
        // Sorted by name: alpha-… before zeta-….
        const QStringList names = childNames(model->indexOf(connA));
        QVERIFY(names.indexOf(second) < names.indexOf(first));

        // Collections wait until the store is expanded (fetchMore). (The tester above fetches
        // everything it walks, so laziness is checked on a second model without one.)
        ConnectionTreeModel lazy(manager.get(), nullptr);
        QTRY_VERIFY_WITH_TIMEOUT(lazy.indexOf(connA, s1->result()).isValid(), 15000);
        const QModelIndex lazyStore = lazy.indexOf(connA, s1->result());
        QCOMPARE(lazy.loadState(lazyStore), LoadState::NotLoaded);
        QCOMPARE(lazy.rowCount(lazyStore), 0);
        QVERIFY(lazy.hasChildren(lazyStore));
        QVERIFY(lazy.canFetchMore(lazyStore));
        QSignalSpy lazyLoaded(&lazy, &ConnectionTreeModel::collectionsLoaded);
        lazy.fetchMore(lazyStore);
        QVERIFY(!lazy.canFetchMore(lazyStore));
        QTRY_VERIFY_WITH_TIMEOUT(lazyLoaded.size() >= 1, 15000);
        QCOMPARE(lazy.rowCount(lazy.indexOf(connA, s1->result())), 2);

        QSignalSpy collections(model.get(), &ConnectionTreeModel::collectionsLoaded);
        QTRY_VERIFY_WITH_TIMEOUT(model->indexOf(connA, s1->result(), u"People"_s).isValid(), 15000);
        const QModelIndex storeNow = model->indexOf(connA, s1->result());
        QCOMPARE(childNames(storeNow), (QStringList{u"Animals"_s, u"People"_s}));
        const QModelIndex people = model->indexOf(connA, s1->result(), u"People"_s);
        QCOMPARE(model->kind(people), Kind::Collection);
        QCOMPARE(model->collectionName(people), u"People"_s);
        QCOMPARE(model->storeId(people), s1->result());
        QCOMPARE(model->collectionConfig(people).indexes, (QList<IndexSpec>{{u"name"_s, false}}));
        QVERIFY(!model->hasChildren(people));
        QCOMPARE(model->connection(people), connA);

        // Changes behind the model's back show on refresh; rows that stay keep their place.
        LOOM_VERIFY_OK(await(a->deleteCollection(s1->result(), u"Animals"_s)));
        LOOM_VERIFY_OK(await(a->newCollection(s1->result(), {u"Birds"_s, kSchema, {}, {}, {}})));
        const QPersistentModelIndex keep(people);
        collections.clear();
        model->refresh(storeNow);
        QTRY_VERIFY_WITH_TIMEOUT(collections.size() >= 1, 15000);
        QCOMPARE(childNames(model->indexOf(connA, s1->result())), (QStringList{u"Birds"_s, u"People"_s}));
        QVERIFY(keep.isValid());
        QCOMPARE(keep.data(ConnectionTreeModel::NameRole).toString(), u"People"_s);

        // A deleted store disappears on refresh (and with it its collections).
        LOOM_VERIFY_OK(await(a->deleteStore(s1->result())));
        loaded.clear();
        model->refreshAll();
        QTRY_VERIFY_WITH_TIMEOUT(!model->indexOf(connA, s1->result()).isValid(), 15000);
        QVERIFY(!keep.isValid());
        QVERIFY(model->indexOf(connA, s2->result()).isValid());
        LOOM_VERIFY_OK(await(a->deleteStore(s2->result())));
    }

    void unreachableConnection()
    {
        ConnectionSettings nowhere;
        nowhere.port = loom::test::freeLoopbackPort();
        nowhere.deadlineMs = 1000;
        Connection *c = manager->add(nowhere, false, false);
        QTRY_COMPARE_WITH_TIMEOUT(c->state(), ConnectionMonitor::Unreachable, 15000);
        const QModelIndex index = model->indexOf(c);
        // Said in words beside the name (a badge), not in the name itself.
        QCOMPARE(index.data(ConnectionTreeModel::StateTextRole).toString(), u"unreachable"_s);
        QCOMPARE(index.data().toString(), c->displayName());
        QVERIFY(index.data(Qt::AccessibleTextRole).toString().contains(u"unreachable"_s));
        QVERIFY2(index.data(Qt::ToolTipRole).toString().contains(u"not reachable"_s),
                 qPrintable(index.data(Qt::ToolTipRole).toString()));
        manager->remove(c);
        QVERIFY(!model->indexOf(c).isValid());
    }

    void removingAConnectionRemovesItsRows()
    {
        QCOMPARE(model->rowCount(), 2);
        manager->remove(connB);
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->connection(model->index(0, 0)), connA);
    }

    void cleanupTestCase()
    {
        tester.reset();
        model.reset();
        manager.reset();
    }
};

QTEST_MAIN(TestGuiTreeModel)
#include "tst_gui_treemodel.moc"
