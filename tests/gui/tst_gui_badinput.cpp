// Bad input is refused in the dialogs, with a message, and nothing is sent: an invalid JSON
// schema, a schema the daemon would refuse, a malformed invitation link. And a daemon that stops
// mid-session shows as unreachable, then comes back by itself.
#include "guitestutil.h"
#include "testdaemon.h"

#include "actions/storeactions.h"
#include "dialogs/collectiondialog.h"
#include "dialogs/joinstoredialog.h"
#include "threadsclient.h"
#include "widgets/collectioneditor.h"
#include "widgets/messagebar.h"
#include "widgets/schemaeditor.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStandardPaths>

using namespace Qt::StringLiterals;
using namespace loom;
using namespace loom::test;
using Action = ConnectionTreeWidget::Action;

class TestGuiBadInput : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Gui> gui;
    std::unique_ptr<ThreadsClient> core;
    Connection *connection = nullptr;
    StoreId store;

private Q_SLOTS:
    void initTestCase()
    {
        LOOM_REQUIRE_FIXTURE();
        core = std::make_unique<ThreadsClient>(fixtureDaemon(u"A"_s));
        auto created = await(core->newStore(uniqueName("bad-input")));
        LOOM_VERIFY_OK(created);
        store = created->result();
        gui = std::make_unique<Gui>();
        connection = gui->manager->add(fixtureDaemon(u"A"_s), false);
        QTRY_VERIFY_WITH_TIMEOUT(gui->model()->indexOf(connection, store).isValid(), 15000);
    }

    void invalidSchemaIsNotSent()
    {
        gui->select(gui->model()->indexOf(connection, store));
        gui->trigger(Action::NewCollection);
        auto *dialog = waitForModal<CollectionDialog>();
        QVERIFY(dialog);
        CollectionEditor *editor = dialog->editor();
        typeInto(editor->nameEdit(), u"Broken"_s);
        QVERIFY(dialog->okButton()->isEnabled());

        SchemaEditor *text = editor->schemaEditor();
        text->setFocus();
        text->selectAll();
        QTest::keyClick(text, Qt::Key_Delete);
        QTest::keyClicks(text, u"{\"type\": \"object\", \"properties\": {\"_id\": {\"type\": \"string\"}"_s); // unfinished
        QVERIFY(!editor->isJsonValid());
        QVERIFY(!dialog->okButton()->isEnabled());
        auto *summary = editor->findChild<QLabel *>(u"validationSummary"_s);
        QVERIFY2(summary->text().contains(u"not valid JSON"_s), qPrintable(summary->text()));
        auto *problems = editor->findChild<QListWidget *>(u"problemList"_s);
        QVERIFY2(problems->item(0)->text().contains(u"line 1"_s), qPrintable(problems->item(0)->text()));

        // Pressing OK or Return anyway sends nothing.
        click(dialog->okButton());
        QTest::keyClick(dialog, Qt::Key_Return);
        QCOMPARE(gui->tracker->runningCount(), 0);
        QVERIFY(!dialog->isBusy());

        // Valid JSON that the daemon would refuse: still nothing sent; the path is named.
        text->selectAll();
        QTest::keyClick(text, Qt::Key_Delete);
        QTest::keyClicks(text, u"{\"type\": \"object\", \"properties\": {\"_id\": {\"type\": [\"string\", \"null\"]}}}"_s);
        QVERIFY(editor->isJsonValid());
        QVERIFY(!editor->isValid());
        QVERIFY(!dialog->okButton()->isEnabled());
        QVERIFY2(problems->item(0)->text().startsWith(u"properties._id"_s), qPrintable(problems->item(0)->text()));
        click(dialog->okButton());
        QVERIFY(!dialog->isBusy());

        click(dialog->cancelButton());
        QTRY_VERIFY(!QApplication::activeModalWidget());
        auto info = await(core->collectionInfo(store, u"Broken"_s));
        QCOMPARE(info->error().kind(), ErrorKind::CollectionNotFound);
        QVERIFY(!gui->model()->indexOf(connection, store, u"Broken"_s).isValid());
    }

    void daemonRefusalKeepsTheEdit()
    {
        // A duplicate name passes the local checks; the daemon refuses it, in words, and the
        // dialog keeps what was typed.
        LOOM_VERIFY_OK(await(core->newCollection(store, {u"Taken"_s, schemacheck::minimalSchema(), {}, {}, {}})));
        gui->select(gui->model()->indexOf(connection, store));
        gui->trigger(Action::NewCollection);
        auto *dialog = waitForModal<CollectionDialog>();
        QVERIFY(dialog);
        typeInto(dialog->editor()->nameEdit(), u"Taken"_s);
        click(dialog->okButton());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->messageBar()->isHidden(), 15000);
        QVERIFY2(dialog->messageBar()->message().contains(u"already exists"_s), qPrintable(dialog->messageBar()->message()));
        QVERIFY(dialog->messageBar()->details().contains(u"collection already registered"_s));
        QCOMPARE(dialog->editor()->nameEdit()->text(), u"Taken"_s);
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->okButton()->isEnabled()); // can be fixed and tried again
        dialog->reject();
        QTRY_VERIFY(!QApplication::activeModalWidget());
    }

    void malformedLinkIsNotSent()
    {
        auto before = await(core->listStores());
        LOOM_VERIFY_OK(before);
        gui->select(gui->model()->indexOf(connection));
        QSignalSpy added(gui->window->storeActions(), &StoreActions::storeAdded);
        gui->trigger(Action::JoinStore);
        auto *dialog = waitForModal<JoinStoreDialog>();
        QVERIFY(dialog);
        const QString peer = u"12D3KooWBynX2HaNg73xSLq9TJDQjQKozxCh7MgVqKgGGXWXYzQn"_s;
        struct Case { QString text; QString expect; };
        const QList<Case> cases = {
            {u"/ip4/127.0.0.1/tcp/4006/p2p/"_s + peer, u"'?'"_s},
            {u"/ip4/127.0.0.1/tcp/4006/p2p/"_s + peer + u"/thread/"_s + store.toString() + u"?b123"_s, u"key part"_s},
            {u"/ip4/127.0.0.1/tcp/4006/thread/"_s + store.toString() + u"?"_s + StoreKey::generate().toString(), u"/p2p/"_s},
            {u"/ip9/1.2.3.4?"_s + StoreKey::generate().toString(), u"address is not valid"_s},
        };
        for (const Case &c : cases) {
            typeInto(dialog->linkEdit(), c.text);
            QVERIFY2(dialog->linkProblem().contains(c.expect), qPrintable(c.text + u" → "_s + dialog->linkProblem()));
            auto *status = dialog->findChild<QLabel *>(u"linkStatus"_s);
            QVERIFY(status->text().contains(dialog->linkProblem()));
            QVERIFY(!dialog->okButton()->isEnabled());
            QTest::keyClick(dialog->linkEdit(), Qt::Key_Return);
            QVERIFY(!dialog->isBusy());
        }
        click(dialog->cancelButton());
        QTRY_VERIFY(!QApplication::activeModalWidget());
        QCOMPARE(added.size(), 0);
        QCOMPARE(gui->tracker->runningCount(), 0);
        auto after = await(core->listStores());
        LOOM_VERIFY_OK(after);
        QCOMPARE(after->result().size(), before->result().size());
    }

    void stoppedDaemonShowsUnreachableAndRecovers()
    {
        TestDaemon daemon;
        QString why;
        QVERIFY2(daemon.start(&why), qPrintable(why));
        ThreadsClient own(daemon.settings());
        auto created = await(own.newStore(u"survivor"_s));
        LOOM_VERIFY_OK(created);

        ConnectionSettings settings = daemon.settings();
        settings.name = u"restartable"_s;
        Connection *c = gui->manager->add(settings, false);
        QTRY_VERIFY_WITH_TIMEOUT(gui->model()->indexOf(c, created->result()).isValid(), 15000);

        QVERIFY(daemon.stop());
        gui->trigger(Action::RefreshAll); // Shift+F5: ask now rather than at the next probe
        QTRY_COMPARE_WITH_TIMEOUT(c->state(), ConnectionMonitor::Unreachable, 15000);
        const QModelIndex row = gui->model()->indexOf(c);
        QVERIFY2(row.data(ConnectionTreeModel::StateTextRole).toString() == u"unreachable"_s, qPrintable(row.data(ConnectionTreeModel::StateTextRole).toString()));
        QVERIFY2(row.data(Qt::ToolTipRole).toString().contains(u"not reachable"_s), qPrintable(row.data(Qt::ToolTipRole).toString()));
        // What was listed stays listed (greyed) while the daemon is away; actions that need it wait.
        QVERIFY(gui->model()->indexOf(c, created->result()).isValid());
        gui->select(row);
        QVERIFY(!gui->window->tree()->action(Action::NewStore)->isEnabled());

        QSignalSpy reloaded(gui->model(), &ConnectionTreeModel::storesLoaded);
        QVERIFY2(daemon.start(&why), qPrintable(why)); // same ports, same repo
        // No Shift+F5: the monitor's retries find it, and the stores are listed again.
        QTRY_COMPARE_WITH_TIMEOUT(c->state(), ConnectionMonitor::Connected, 45000);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(reloaded.begin(), reloaded.end(),
                                             [c](const QList<QVariant> &args) { return args.at(0).value<Connection *>() == c; }),
                                 15000);
        QVERIFY(gui->model()->indexOf(c, created->result()).isValid());
        QCOMPARE(gui->model()->indexOf(c).data().toString(), u"restartable"_s); // the state is gone from the text
        QTRY_VERIFY(gui->window->tree()->action(Action::NewStore)->isEnabled());
        gui->manager->remove(c);
        daemon.stop();
    }

    void cleanupTestCase() { gui.reset(); }
};

QTEST_MAIN(TestGuiBadInput)
#include "tst_gui_badinput.moc"
