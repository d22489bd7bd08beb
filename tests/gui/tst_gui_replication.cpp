// Issue 15 in the GUI, against real daemons: the Replication panel (a store on the fixture's
// daemon A, joined by a daemon of the test's own that can be stopped), "Sync now", the store
// details' logs and peer id, and the join dialog with several links of which the first two are
// dead ports (joined on a fresh daemon of the test's own).
//
// The joiner runs with periodic pulling off (THRDS_DISABLENETPULLING), so that once it missed
// A's writes while stopped it stays behind until "Sync now" asks it to pull: what the panel
// shows then does not depend on timing.
#include "guitestutil.h"
#include "testdaemon.h"

#include "actions/storeactions.h"
#include "dialogs/joinattemptsview.h"
#include "dialogs/joinstoredialog.h"
#include "dialogs/storedetailsdialog.h"
#include "models/replicationmodel.h"
#include "session/replicationwatcher.h"
#include "widgets/collectiontabwidget.h"
#include "widgets/replicationpanel.h"
#include "widgets/storelogswidget.h"
#include "threadsclient.h"

#include <QClipboard>
#include <QLabel>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace loom;
using namespace loom::test;
using Action = ConnectionTreeWidget::Action;

// A collection's page that tells of Listen events, as the entity browser does (the shell names no
// page type: CollectionTabWidget finds the signal by its signature).
class ListeningPage : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;
    void tell() { Q_EMIT changesSeen({ChangeEvent{}}); }

Q_SIGNALS:
    void changesSeen(const QList<loom::ChangeEvent> &events);
};

class TestGuiReplication : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDaemon> joinerDaemon;
    std::unique_ptr<Gui> gui;
    std::unique_ptr<ThreadsClient> coreA;
    std::unique_ptr<ThreadsClient> coreJ;
    Connection *connA = nullptr;
    Connection *connB = nullptr;
    Connection *connJ = nullptr;
    StoreId store;
    QString storeName;
    QString storeKeyText;

    bool startJoiner()
    {
        // Periodic pulling off (the variable is read when the process starts).
        qputenv("THRDS_DISABLENETPULLING", "true");
        QString error;
        const bool started = joinerDaemon->start(&error);
        qunsetenv("THRDS_DISABLENETPULLING");
        if (!started)
            qWarning() << error;
        return started;
    }

    static QByteArray schema()
    {
        return R"({"type":"object","properties":{"_id":{"type":"string"},"text":{"type":"string"}}})";
    }

    InviteLink loopbackLink(const StoreId &id)
    {
        auto info = await(coreA->storeInfo(id));
        if (!info->ok())
            return {};
        storeKeyText = info->result().key.toString();
        for (const InviteLink &link : InviteLink::fromStoreInfo(info->result().addresses, info->result().key))
            if (link.address().scope() == Multiaddr::Scope::Loopback)
                return link;
        return {};
    }

    ReplicationPanel *openPanel()
    {
        gui->model()->reloadStores(connA, false);
        if (!QTest::qWaitFor([&] { return gui->model()->indexOf(connA, store).isValid(); }, 15000))
            return nullptr;
        gui->select(gui->model()->indexOf(connA, store));
        gui->trigger(Action::StoreReplication);
        return waitForChild<ReplicationPanel>(gui->window.get());
    }

    void writeOnA(int count)
    {
        for (int i = 0; i < count; ++i) {
            auto created = await(coreA->create(store, u"Notes"_s, {QJsonObject{{u"text"_s, u"note %1"_s.arg(i)}}}));
            LOOM_VERIFY_OK(created);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        LOOM_REQUIRE_FIXTURE();
        joinerDaemon = std::make_unique<TestDaemon>();
        QVERIFY(startJoiner());
        coreA = std::make_unique<ThreadsClient>(fixtureDaemon(u"A"_s));
        coreJ = std::make_unique<ThreadsClient>(joinerDaemon->settings());
        gui = std::make_unique<Gui>();
        gui->window->resize(1280, 800);
        ConnectionSettings a = fixtureDaemon(u"A"_s);
        a.name = u"inviter"_s;
        ConnectionSettings b = fixtureDaemon(u"B"_s);
        b.name = u"second"_s;
        ConnectionSettings j = joinerDaemon->settings();
        j.name = u"joiner"_s;
        connA = gui->manager->add(a, false);
        connB = gui->manager->add(b, false);
        connJ = gui->manager->add(j, false);
        QTRY_VERIFY_WITH_TIMEOUT(connA->isConnected() && connB->isConnected() && connJ->isConnected(), 15000);

        // A store on A, joined on the joiner with the same collection.
        storeName = uniqueName("replicated");
        auto created = await(coreA->newStore(storeName, {{u"Notes"_s, schema(), {}, {}, {}}}));
        LOOM_VERIFY_OK(created);
        store = created->result();
        const InviteLink link = loopbackLink(store);
        QVERIFY(link.isValid());
        auto joined = await(coreJ->joinStore(link, {{u"Notes"_s, schema(), {}, {}, {}}}, storeName, false), 30000);
        LOOM_VERIFY_OK(joined);
    }

    void cleanupTestCase()
    {
        gui.reset();
        coreJ.reset();
        coreA.reset();
        joinerDaemon.reset();
    }

    void panelShowsBehindThenSyncNowCatchesUp()
    {
        ReplicationPanel *panel = openPanel();
        QVERIFY(panel);
        ReplicationWatcher *watcher = panel->watcher();
        ReplicationModel *model = panel->model();
        QVERIFY(watcher->isPolling());
        // Both daemons hold the store; the second one does not and says so.
        QTRY_VERIFY_WITH_TIMEOUT(model->daemonCount() == 2, 15000);
        QCOMPARE(model->labels(), (QStringList{u"inviter"_s, u"joiner"_s}));
        QTRY_VERIFY_WITH_TIMEOUT(panel->absentText().contains(u"second"_s), 15000);
        QCOMPARE(model->columnCount(), ReplicationModel::FirstDaemonColumn + 2);

        // The joiner misses writes while it is stopped: A cannot push them to it.
        QVERIFY(joinerDaemon->stop());
        QTRY_VERIFY_WITH_TIMEOUT(model->daemonCount() == 1, 20000);
        writeOnA(12);
        QVERIFY(startJoiner());
        QTRY_VERIFY_WITH_TIMEOUT(model->daemonCount() == 2, 30000);
        const int joiner = model->labels().indexOf(u"joiner"_s);
        const int inviter = model->labels().indexOf(u"inviter"_s);
        QTRY_COMPARE_WITH_TIMEOUT(model->report().behindTotal(joiner), qint64(12), 15000);
        QCOMPARE(model->report().behindTotal(inviter), qint64(0));
        QVERIFY(!model->report().inSync());

        // A's own log: written by the inviter, 12 records there, "behind by 12" on the joiner.
        int row = -1;
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->report().ownerDaemon.value(r) == inviter)
                row = r;
        QVERIFY(row >= 0);
        QVERIFY(model->index(row, ReplicationModel::WriterColumn).data().toString().contains(u"inviter"_s));
        const QModelIndex ahead = model->index(row, ReplicationModel::FirstDaemonColumn + inviter);
        const QModelIndex behind = model->index(row, ReplicationModel::FirstDaemonColumn + joiner);
        QVERIFY2(ahead.data().toString().contains(u"12 records"_s), qPrintable(ahead.data().toString()));
        QVERIFY2(behind.data().toString().contains(u"behind by 12"_s), qPrintable(behind.data().toString()));
        QCOMPARE(behind.data(ReplicationModel::BehindRole).toLongLong(), qint64(12));
        const QString fullId = model->index(row, ReplicationModel::LogColumn).data(ReplicationModel::FullIdRole).toString();
        QVERIFY(model->index(row, ReplicationModel::LogColumn).data(Qt::ToolTipRole).toString().contains(fullId));
        QVERIFY(model->index(row, ReplicationModel::LogColumn).data().toString().size() < fullId.size());
        QVERIFY(model->headerData(ReplicationModel::FirstDaemonColumn + joiner, Qt::Horizontal).toString().contains(u"joiner"_s));
        QVERIFY(panel->overallText().contains(u"joiner"_s));

        // The picture of the issue: the panel over the main window, one daemon behind.
        takePicture(panel);

        // Sync now: the joiner pulls, the panel reads again and says so.
        QSignalSpy finished(watcher, &ReplicationWatcher::syncFinished);
        QVERIFY(panel->syncButton()->isEnabled());
        click(panel->syncButton());
        QVERIFY(!panel->syncButton()->isEnabled()); // running, and it shows
        QVERIFY(watcher->isSyncing());
        QVERIFY(panel->findChild<QProgressBar *>(u"syncProgress"_s)->isVisible());
        QVERIFY(panel->syncText().contains(u"Asking joiner to pull"_s));
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(0).toBool(), true);
        QVERIFY(!panel->findChild<QProgressBar *>(u"syncProgress"_s)->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(model->report().inSync(), 15000);
        QCOMPARE(model->report().behindTotal(joiner), qint64(0));
        QVERIFY2(panel->syncText().contains(u"joiner"_s), qPrintable(panel->syncText()));
        QVERIFY(panel->overallText().contains(u"In sync"_s));
        QVERIFY(model->index(row, ReplicationModel::FirstDaemonColumn + joiner).data().toString().contains(u"in sync"_s));
    }

    void syncNowSaysWhenNothingChanged()
    {
        auto *panel = gui->window->findChild<ReplicationPanel *>();
        QVERIFY(panel);
        QTRY_VERIFY_WITH_TIMEOUT(panel->model()->report().inSync() && panel->model()->daemonCount() == 2, 15000);
        QSignalSpy finished(panel->watcher(), &ReplicationWatcher::syncFinished);
        click(panel->syncButton());
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY2(panel->syncText().contains(u"no peer had newer records"_s), qPrintable(panel->syncText()));
    }

    void pollingBacksOffAndStopsWhenHidden()
    {
        auto *panel = gui->window->findChild<ReplicationPanel *>();
        QVERIFY(panel);
        ReplicationWatcher *watcher = panel->watcher();
        // Nothing changes: 2 s, 4 s, 8 s…
        QTRY_VERIFY_WITH_TIMEOUT(watcher->intervalMs() >= 8000, 30000);
        // A Listen event of the store (from a collection's tab) reads at once and resets it.
        QSignalSpy updated(watcher, &ReplicationWatcher::updated);
        Q_EMIT gui->window->collectionTabs()->storeChangesSeen(connA, store);
        QVERIFY(updated.wait(5000));
        // Another store's events do not.
        const int reads = watcher->reads();
        Q_EMIT gui->window->collectionTabs()->storeChangesSeen(connA, StoreId());
        QCoreApplication::processEvents();
        QCOMPARE(watcher->reads(), reads);
        // A page's changesSeen reaches the tabs' storeChangesSeen, with its connection and store.
        CollectionTabWidget tabs;
        ListeningPage *page = nullptr;
        tabs.setFactory([&page](Connection *, const StoreId &, const QString &, QWidget *parent) -> QWidget * {
            return page = new ListeningPage(parent);
        });
        tabs.openCollection(connA, store, storeName, u"Notes"_s);
        QVERIFY(page);
        QSignalSpy told(&tabs, &CollectionTabWidget::storeChangesSeen);
        page->tell();
        QCOMPARE(told.size(), 1);
        QCOMPARE(told.first().at(0).value<Connection *>(), connA);
        QCOMPARE(told.first().at(1).value<StoreId>(), store);

        panel->hide();
        QVERIFY(!watcher->isPolling());
        // Ctrl+Shift+R brings it back, polling again (one panel per store).
        gui->select(gui->model()->indexOf(connA, store));
        gui->window->tree()->action(Action::StoreReplication)->trigger();
        QTRY_VERIFY(panel->isVisible());
        QCOMPARE(gui->window->findChildren<ReplicationPanel *>().size(), 1);
        QVERIFY(watcher->isPolling());
        QCOMPARE(gui->window->tree()->action(Action::StoreReplication)->shortcut(), QKeySequence(u"Ctrl+Shift+R"_s));
        panel->close();
    }

    void detailsShowPeerIdAndLogOwners()
    {
        gui->model()->reloadStores(connJ, false);
        QTRY_VERIFY_WITH_TIMEOUT(gui->model()->indexOf(connJ, store).isValid(), 15000);
        gui->select(gui->model()->indexOf(connJ, store));
        gui->trigger(Action::StoreDetails);
        auto *details = waitForChild<StoreDetailsDialog>(gui->window.get());
        QVERIFY(details);
        QVERIFY(details->logs());
        QTRY_VERIFY_WITH_TIMEOUT(details->logs()->isLoaded(), 15000);
        // The joiner's own peer id, as GetHostID gives it.
        auto *peer = details->findChild<QLabel *>(u"peerId"_s);
        QVERIFY(peer);
        QTRY_COMPARE(peer->text(), details->logs()->hostId());
        QVERIFY(details->logs()->hostId().startsWith(u"12D3KooW"_s));
        // The inviter's log is named as the inviter's; the joiner's own as this daemon's.
        QTreeWidget *list = details->logs()->list();
        QStringList writers;
        for (int i = 0; i < list->topLevelItemCount(); ++i)
            writers << list->topLevelItem(i)->text(1);
        QVERIFY2(writers.contains(u"inviter"_s), qPrintable(writers.join(u", "_s)));
        QVERIFY2(writers.contains(u"this daemon"_s), qPrintable(writers.join(u", "_s)));
        // "Replication…" opens the panel.
        auto *button = details->findChild<QPushButton *>(u"showReplication"_s);
        QVERIFY(button);
        click(button);
        auto *panel = waitForChild<ReplicationPanel>(gui->window.get());
        QVERIFY(panel);
        QTRY_VERIFY(panel->isVisible());
        QCOMPARE(panel->store(), store);
        // No key anywhere on screen.
        for (QWidget *w : {static_cast<QWidget *>(details), static_cast<QWidget *>(panel)})
            for (QLabel *label : w->findChildren<QLabel *>())
                QVERIFY(!label->text().contains(storeKeyText));
        panel->close();
        details->close();
    }

    void joinTriesEachLinkInTurn()
    {
        // A new store on A; its loopback link, and two links to ports where nothing listens.
        const QString name = uniqueName("multilink");
        auto created = await(coreA->newStore(name, {{u"Notes"_s, schema(), {}, {}, {}}}));
        LOOM_VERIFY_OK(created);
        const InviteLink good = loopbackLink(created->result());
        QVERIFY(good.isValid());
        const QString port = u"/tcp/%1/"_s.arg(good.address().port());
        QString dead1 = good.toString();
        QString dead2 = good.toString();
        dead1.replace(port, u"/tcp/%1/"_s.arg(freeLoopbackPort()));
        dead2.replace(port, u"/tcp/%1/"_s.arg(freeLoopbackPort()));
        QVERIFY(dead1 != good.toString() && dead2 != good.toString());

        // Joined on a daemon that has never met A: one that knows A's peer would reach it through
        // the addresses it already has, whatever port a link names.
        TestDaemon fresh;
        QString error;
        QVERIFY2(fresh.start(&error), qPrintable(error));
        ConnectionSettings freshSettings = fresh.settings();
        freshSettings.name = u"newcomer"_s;
        Connection *connF = gui->manager->add(freshSettings, false);
        QTRY_VERIFY_WITH_TIMEOUT(connF->isConnected() && gui->model()->indexOf(connF).isValid(), 15000);

        // "Copy all links"-style text: one per line.
        QGuiApplication::clipboard()->setText(dead1 + u'\n' + dead2 + u'\n' + good.toString() + u'\n');
        gui->select(gui->model()->indexOf(connF));
        gui->trigger(Action::JoinStore);
        auto *dialog = waitForModal<JoinStoreDialog>();
        QVERIFY(dialog);
        QVERIFY(dialog->whereText().contains(u"on this computer"_s));
        QVERIFY(dialog->targetIsLocal());
        dialog->linkEdit()->setFocus();
        QTest::keySequence(dialog->linkEdit(), QKeySequence::Paste);
        QTRY_COMPARE(dialog->linksToTry().size(), 3);
        QCOMPARE(dialog->attemptsView()->topLevelItemCount(), 3);
        QVERIFY(dialog->attemptsView()->isVisible());
        QVERIFY(dialog->linkProblem().isEmpty());
        QVERIFY(dialog->linksToTry().at(2).toString() == good.toString()); // the daemon is local: order kept
        // The name goes with the join from several links too.
        const QString joinedName = uniqueName("joined");
        typeInto(dialog->nameEdit(), joinedName);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->okButton()->isEnabled(), 15000);
        click(dialog->okButton());
        QTRY_VERIFY_WITH_TIMEOUT(dialog->lastReport().joined(), 60000);
        const JoinReport &report = dialog->lastReport();
        QCOMPARE(report.attempts.size(), 3);
        QCOMPARE(report.joinedIndex, 2);
        QCOMPARE(report.attempts[0].outcome, JoinOutcome::Unreachable);
        QCOMPARE(report.attempts[1].outcome, JoinOutcome::Unreachable);
        QCOMPARE(report.attempts[2].outcome, JoinOutcome::Joined);
        QVERIFY(dialog->attemptsView()->resultText(0).startsWith(u"unreachable"_s));
        QVERIFY(dialog->attemptsView()->resultText(2).contains(u"joined"_s));
        // The dialog stays on the report; the store is on B.
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->okButton()->isVisible());
        ThreadsClient coreF(fresh.settings());
        auto listed = await(coreF.listStores());
        LOOM_VERIFY_OK(listed);
        QVERIFY(std::any_of(listed->result().begin(), listed->result().end(), [&](const StoreInfo &s) {
            return s.id == created->result() && s.name == joinedName;
        }));
        // No key on screen.
        for (QLabel *label : dialog->findChildren<QLabel *>())
            QVERIFY(!label->text().contains(good.key().toString()));
        dialog->cancelButton()->click();
        QTRY_VERIFY(!dialog->isVisible());
        gui->manager->remove(connF);
    }

private:
    // docs/screenshots/replication.png: the main window at 1280×800 with the panel over it.
    void takePicture(ReplicationPanel *panel)
    {
        const QString dir = qEnvironmentVariable("LOOM_SHOTS_DIR");
        if (dir.isEmpty())
            return;
        // The tree as a person would see it: the store under both daemons.
        gui->model()->reloadStores(connJ, false);
        QTRY_VERIFY_WITH_TIMEOUT(gui->model()->indexOf(connJ, store).isValid(), 15000);
        gui->view()->expandAll();
        gui->window->collectionTabs()->openCollection(connA, store, storeName, u"Notes"_s);
        QTRY_COMPARE(gui->tracker->runningCount(), 0);
        gui->select(gui->model()->indexOf(connA, store));
        panel->resize(900, 380);
        for (int i = 0; i < 5; ++i)
            QCoreApplication::processEvents();
        QPixmap picture = gui->window->grab();
        const QPixmap top = panel->grab();
        QPainter painter(&picture);
        const QPoint at(picture.width() - top.width() - 40, 150); // beside the tree, over the tab
        painter.fillRect(QRect(at + QPoint(4, 4), top.size()), QColor(0, 0, 0, 60));
        painter.drawPixmap(at, top);
        painter.setPen(QColor(0x90, 0x90, 0x90));
        painter.drawRect(QRect(at, top.size()).adjusted(-1, -1, 0, 0));
        painter.end();
        QDir().mkpath(dir);
        QVERIFY(picture.save(QDir(dir).filePath(u"replication.png"_s)));
    }
};

QTEST_MAIN(TestGuiReplication)
#include "tst_gui_replication.moc"
