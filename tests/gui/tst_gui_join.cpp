// Joining a store of daemon A on daemon B by pasting A's invitation link into the join dialog,
// with both daemons connected in Loom: the collections are taken from A and show up under B.
#include "guitestutil.h"
#include "testdaemon.h"

#include "actions/storeactions.h"
#include "dialogs/joinstoredialog.h"
#include "threadsclient.h"

#include <QClipboard>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>

using namespace Qt::StringLiterals;
using namespace loom;
using namespace loom::test;
using Action = ConnectionTreeWidget::Action;

class TestGuiJoin : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Gui> gui;
    std::unique_ptr<ThreadsClient> coreA;
    std::unique_ptr<ThreadsClient> coreB;
    Connection *connA = nullptr;
    Connection *connB = nullptr;

    // A store on A with two collections; returns its loopback invitation link.
    InviteLink makeStoreOnA(const QString &name)
    {
        const QByteArray schema = R"({"type":"object","properties":{"_id":{"type":"string"},"text":{"type":"string"},"stars":{"type":"integer"}}})";
        auto created = await(coreA->newStore(name, {{u"Notes"_s, schema, {{u"text"_s, false}}, {}, {}},
                                                    {u"Reviews"_s, schema, {{u"stars"_s, false}}, {}, {}}}));
        if (!created->ok())
            qWarning() << created->error().toString();
        auto info = await(coreA->storeInfo(created->result()));
        const auto links = InviteLink::fromStoreInfo(info->result().addresses, info->result().key);
        for (const InviteLink &link : links)
            if (link.address().scope() == Multiaddr::Scope::Loopback)
                return link;
        return links.value(0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        LOOM_REQUIRE_FIXTURE();
        coreA = std::make_unique<ThreadsClient>(fixtureDaemon(u"A"_s));
        coreB = std::make_unique<ThreadsClient>(fixtureDaemon(u"B"_s));
        gui = std::make_unique<Gui>();
        ConnectionSettings a = fixtureDaemon(u"A"_s);
        a.name = u"inviter"_s;
        ConnectionSettings b = fixtureDaemon(u"B"_s);
        b.name = u"joiner"_s;
        connA = gui->manager->add(a, false);
        connB = gui->manager->add(b, false);
        QTRY_VERIFY_WITH_TIMEOUT(connA->isConnected() && connB->isConnected(), 15000);
    }

    void joinByPastingTheLink()
    {
        const QString name = uniqueName("shared");
        const InviteLink link = makeStoreOnA(name);
        QVERIFY(link.isValid());
        const StoreId store = link.storeId();

        // The person copied the link somewhere else and pastes it into the dialog.
        QGuiApplication::clipboard()->setText(link.toString());
        QTRY_VERIFY(gui->model()->indexOf(connB).isValid());
        gui->select(gui->model()->indexOf(connB));
        QSignalSpy added(gui->window->storeActions(), &StoreActions::storeAdded);
        gui->trigger(Action::JoinStore);
        auto *dialog = waitForModal<JoinStoreDialog>();
        QVERIFY(dialog);
        QVERIFY(!dialog->okButton()->isEnabled());
        QVERIFY(!dialog->linkProblem().isEmpty()); // "paste a link"
        dialog->linkEdit()->setFocus();
        QTest::keyClick(dialog->linkEdit(), Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(dialog->linkEdit()->text(), link.toString());
        QVERIFY2(dialog->linkProblem().isEmpty(), qPrintable(dialog->linkProblem()));
        // The inviting daemon is connected too: its collections are taken, and the dialog says so.
        QTRY_COMPARE_WITH_TIMEOUT(dialog->collectionSource(), connA, 15000);
        QVERIFY2(dialog->collectionsStatus().contains(u"inviter"_s), qPrintable(dialog->collectionsStatus()));
        QVERIFY(dialog->collectionsStatus().contains(u"Notes"_s));
        QCOMPARE(dialog->collections().size(), 2);
        typeInto(dialog->nameEdit(), u"joined-copy"_s);
        QTRY_VERIFY(dialog->okButton()->isEnabled());
        click(dialog->okButton());

        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 1, 30000);
        QCOMPARE(added.first().at(0).value<Connection *>(), connB);
        QTRY_VERIFY_WITH_TIMEOUT(gui->model()->indexOf(connB, store).isValid(), 15000);
        QCOMPARE(gui->model()->indexOf(connB, store).data(ConnectionTreeModel::NameRole).toString(), u"joined-copy"_s);
        // Its collections show up when the store is expanded.
        gui->view()->expand(gui->model()->indexOf(connB, store));
        QTRY_VERIFY_WITH_TIMEOUT(gui->model()->indexOf(connB, store, u"Notes"_s).isValid(), 15000);
        QVERIFY(gui->model()->indexOf(connB, store, u"Reviews"_s).isValid());
        QCOMPARE(gui->model()->collectionConfig(gui->model()->indexOf(connB, store, u"Reviews"_s)).indexes,
                 (QList<IndexSpec>{{u"stars"_s, false}}));
        auto collections = await(coreB->listCollections(store));
        LOOM_VERIFY_OK(collections);
        QCOMPARE(collections->result().size(), 2);
    }

    void joinWithoutTheInviterAsksForSchemas()
    {
        const InviteLink link = makeStoreOnA(uniqueName("lonely"));
        QVERIFY(link.isValid());
        // Loom no longer knows daemon A: the collections must be typed in, and the dialog says why.
        gui->manager->remove(connA);
        connA = nullptr;
        gui->select(gui->model()->indexOf(connB));
        gui->trigger(Action::JoinStore);
        auto *dialog = waitForModal<JoinStoreDialog>();
        QVERIFY(dialog);
        // The address and key form.
        dialog->inputTabs()->setCurrentIndex(1);
        typeInto(dialog->addressEdit(), link.address().toString());
        QVERIFY(!dialog->linkProblem().isEmpty()); // the key is missing
        typeInto(dialog->keyEdit(), link.key().toString());
        QVERIFY2(dialog->linkProblem().isEmpty(), qPrintable(dialog->linkProblem()));
        QTRY_VERIFY(!dialog->isLookingUp());
        QVERIFY(!dialog->collectionSource());
        QVERIFY2(dialog->collectionsStatus().contains(u"not the collection definitions"_s)
                     || dialog->collectionsStatus().contains(u"but not the collection"_s),
                 qPrintable(dialog->collectionsStatus()));
        click(dialog->findChild<QPushButton *>(u"addCollection"_s));
        QCOMPARE(dialog->collections().size(), 1);
        QVERIFY(!dialog->okButton()->isEnabled()); // the new collection has no name yet
        dialog->reject();
        QTRY_VERIFY(!QApplication::activeModalWidget());
        auto listed = await(coreB->listStores());
        QVERIFY(std::none_of(listed->result().begin(), listed->result().end(),
                             [&](const StoreInfo &s) { return s.id == link.storeId(); }));
    }

    void cleanupTestCase() { gui.reset(); }
};

QTEST_MAIN(TestGuiJoin)
#include "tst_gui_join.moc"
