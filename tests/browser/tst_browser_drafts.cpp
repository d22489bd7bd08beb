// Issue 11 item 1: unsaved edits survive a crash. A browser process (draftchild) makes edits,
// the drafts file gets them, the process is killed with SIGKILL; a new browser (this process,
// with the same isolated HOME / XDG dirs and Loom's application name) offers the draft back and
// restores the exact edits, a conflict where the daemon changed the entity since. The store's key
// is never in the file. Also: Discard, edits made while the offer is open, and a store deleted
// elsewhere (the edits are kept as a draft, and closing offers "Keep as draft").
#include "browsertestutil.h"
#include "guitestutil.h"

#include "browser/browserdrafts.h"
#include "browser/browsertabs.h"
#include "browser/controllers/draftfile.h"
#include "browser/controllers/entitydrafts.h"
#include "browser/entitybrowserwidget.h"
#include "browser/models/entitymodel.h"
#include "browser/models/jsonvalues.h"
#include "storekey.h"
#include "widgets/messagebar.h"

#include <QAbstractButton>
#include <QFile>
#include <QJsonArray>
#include <QMessageBox>
#include <QProcess>
#include <QTest>

#include <csignal>
#include <sys/types.h>

using namespace Qt::StringLiterals;
using namespace loom;
using loom::test::await;

class TestBrowserDrafts : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir home;
    std::unique_ptr<ThreadsClient> client;
    StoreId store;
    QString storeKey;
    const QString people = u"People"_s;
    QStringList ids;

    std::unique_ptr<EntityBrowserWidget> openBrowser(const StoreId &which)
    {
        auto browser = std::make_unique<EntityBrowserWidget>(BrowserContext{client.get(), which, people});
        browser->resize(1280, 800);
        browser->show();
        return browser;
    }
    static MessageBar *offerBar(EntityBrowserWidget *browser)
    {
        return browser->findChild<MessageBar *>(u"draftsBar"_s);
    }
    static QAbstractButton *barButton(MessageBar *bar, const QString &name)
    {
        return bar->findChild<QAbstractButton *>(name);
    }
    QString draftPath(const StoreId &which) const
    {
        return drafts::pathFor(client->endpoint(), which.toString(), people);
    }
    static QJsonObject draftDoc(const Draft &draft, const QString &id)
    {
        for (const DraftEntity &e : draft.entities)
            if (e.id == id)
                return e.doc;
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        LOOM_REQUIRE_FIXTURE();
        // Where Loom itself keeps drafts (not Qt's test folders), in a HOME of this test's own;
        // the child process gets the same environment.
        QStandardPaths::setTestModeEnabled(false);
        QVERIFY(home.isValid());
        qputenv("HOME", QFile::encodeName(home.path()));
        qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(u"data"_s)));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(u"config"_s)));
        QCoreApplication::setOrganizationName(u"Loom"_s);
        QCoreApplication::setApplicationName(u"loom"_s);
        QCOMPARE(drafts::directory(), home.filePath(u"data/Loom/loom/drafts"_s));

        client = std::make_unique<ThreadsClient>(loom::test::fixtureDaemon(u"A"_s));
        LOOM_NEW_PEOPLE_STORE(client, "drafts", people, store);
        QList<Instance> list;
        for (int i = 1; i <= 5; ++i)
            list.append(loom::test::person(u"Person %1"_s.arg(i), 20 + i));
        auto made = await(client->create(store, people, list));
        LOOM_VERIFY_OK(made);
        ids = made->result();
        auto info = await(client->storeInfo(store));
        LOOM_VERIFY_OK(info);
        storeKey = info->result().key.toString();
        QVERIFY(storeKey.size() > 20);
    }

    void draftSurvivesSigkill()
    {
        QProcess child;
        child.setProgram(QCoreApplication::applicationDirPath() + u"/draftchild"_s);
        child.setArguments({QString::number(loom::test::fixtureDaemon(u"A"_s).port), store.toString(), people, ids[0], ids[1]});
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start();
        QVERIFY(child.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += child.readAllStandardOutput()).contains("READY "), 30000);
        const QString path = draftPath(store);
        QVERIFY2(out.contains(QFile::encodeName(path)), out.constData());
        ::kill(pid_t(child.processId()), SIGKILL); // no destructor, no flush
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        // The file: the user's only, the edits, never the store's key.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(!bytes.contains(storeKey.toUtf8()));
        QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                                       | QFileDevice::WriteOther), QFileDevice::Permissions());
        const std::optional<Draft> draft = drafts::read(path);
        QVERIFY(draft);
        QCOMPARE(draft->entities.size(), 3);
        QCOMPARE(draft->newCount(), 1);
        const QJsonObject first = draftDoc(*draft, ids[0]);
        QCOMPARE(first[u"name"_s].toString(), u"Ada (draft)"_s);
        QCOMPARE(first[u"score"_s].toDouble(), 42.5);
        QCOMPARE(first[u"tags"_s].toArray(), (QJsonArray{u"x"_s, u"y"_s}));
        QCOMPARE(draftDoc(*draft, ids[1])[u"age"_s].toInt(), 77);

        // Meanwhile, the second entity changes on the daemon: it comes back as a conflict.
        Instance changed = await(client->findById(store, people, ids[1]))->result();
        changed.insert(u"age"_s, 50);
        LOOM_VERIFY_OK(await(client->save(store, people, {changed})));

        // Loom again: the collection's tab offers the draft.
        auto browser = openBrowser(store);
        MessageBar *bar = offerBar(browser.get());
        QVERIFY(bar);
        QTRY_VERIFY(bar->isVisible());
        const QString expected = u"Unsaved edits from a previous session: 3 entities in People on %1"_s.arg(client->endpoint());
        QVERIFY2(bar->message().startsWith(expected), qPrintable(bar->message()));
        QVERIFY(!browser->hasUnsavedChanges()); // nothing until asked
        loom::test::screenshot(browser.get(), u"browser-drafts-offer"_s);
        QSignalSpy restored(browser->drafts()->drafts(), &EntityDrafts::restored);
        QVERIFY(barButton(bar, u"restoreDrafts"_s));
        barButton(bar, u"restoreDrafts"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, 15000);
        QCOMPARE(restored.first().at(0).toInt(), 3); // restored
        QCOMPARE(restored.first().at(1).toInt(), 1); // conflicts
        QCOMPARE(restored.first().at(2).toInt(), 0); // failed
        EntityModel *model = browser->model();
        QCOMPARE(model->document(ids[0]), first); // the exact edit
        QVERIFY(model->isDirty(ids[0]));
        QVERIFY(!model->edits()->hasConflict(ids[0]));
        QCOMPARE(model->document(ids[1])[u"age"_s].toInt(), 77);
        QVERIFY(model->edits()->hasConflict(ids[1]));
        QCOMPARE(model->edits()->remoteDocument(ids[1])[u"age"_s].toInt(), 50);
        QString newKey;
        for (const QString &key : model->edits()->dirtyKeys())
            if (model->isNew(key))
                newKey = key;
        QVERIFY(!newKey.isEmpty());
        QCOMPARE(model->document(newKey), (QJsonObject{{u"name"_s, u"New from the draft"_s}, {u"age"_s, 5}}));
        QVERIFY(!bar->isVisible());
        QVERIFY2(browser->messageBar()->message().contains(u"changed on the daemon"_s), qPrintable(browser->messageBar()->message()));
        // Nothing was sent.
        QCOMPARE(await(client->findById(store, people, ids[0]))->result()[u"name"_s].toString(), u"Person 1"_s);
        loom::test::screenshot(browser.get(), u"browser-drafts-restored"_s);

        // Saving the first one leaves the two others in the file; discarding them removes it.
        QSignalSpy written(browser->drafts()->drafts(), &EntityDrafts::written);
        model->edits()->revert(ids[1]);
        model->edits()->revert(newKey);
        QTRY_VERIFY(!written.isEmpty() && written.last().first().toInt() == 1);
        browser->save();
        QTRY_VERIFY_WITH_TIMEOUT(!browser->hasUnsavedChanges(), 15000);
        QTRY_VERIFY(!QFile::exists(path));
        QCOMPARE(await(client->findById(store, people, ids[0]))->result()[u"name"_s].toString(), u"Ada (draft)"_s);
    }

    // A draft is kept when a browser goes without asking (its connection went); the next one
    // offers it; edits made before answering are kept beside it; Discard drops only the old draft.
    void discardKeepsNewEdits()
    {
        const QString path = draftPath(store);
        {
            auto browser = openBrowser(store);
            QTRY_VERIFY_WITH_TIMEOUT(browser->model()->contains(ids[2]), 20000);
            QSignalSpy written(browser->drafts()->drafts(), &EntityDrafts::written);
            QJsonObject doc = browser->model()->document(ids[2]);
            doc.insert(u"role"_s, u"editor"_s);
            browser->model()->edits()->editDocument(ids[2], doc, u"edit"_s);
            QVERIFY(written.wait(5000));
        }
        QVERIFY(QFile::exists(path));
        auto browser = openBrowser(store);
        MessageBar *bar = offerBar(browser.get());
        QTRY_VERIFY(bar->isVisible());
        QVERIFY2(bar->message().contains(u"1 entity in People"_s), qPrintable(bar->message()));
        QTRY_VERIFY_WITH_TIMEOUT(browser->model()->contains(ids[3]), 20000);
        QSignalSpy written(browser->drafts()->drafts(), &EntityDrafts::written);
        QJsonObject doc = browser->model()->document(ids[3]);
        doc.insert(u"score"_s, 3.5);
        browser->model()->edits()->editDocument(ids[3], doc, u"edit"_s);
        QTRY_VERIFY(!written.isEmpty() && written.last().first().toInt() == 2); // the old draft stays beside
        barButton(bar, u"discardDrafts"_s)->click();
        QTRY_VERIFY(written.last().first().toInt() == 1);
        std::optional<Draft> left = drafts::read(path);
        QVERIFY(left);
        QCOMPARE(left->entities.size(), 1);
        QCOMPARE(left->entities.first().id, ids[3]);
        QVERIFY(!browser->model()->isDirty(ids[2]));
        browser->model()->edits()->revert(ids[3]);
        QTRY_VERIFY(!QFile::exists(path));
    }

    // At start-up Loom lists the drafts it finds; "Open" opens their collections' tabs on the
    // connection to their daemon, where the tab offers the draft.
    void startupListsDraftsAndOpensTheirTabs()
    {
        const Instance current = await(client->findById(store, people, ids[4]))->result();
        QVERIFY(!current.isEmpty());
        QJsonObject edited = current;
        edited.insert(u"name"_s, u"Eve (draft)"_s);
        Draft draft;
        draft.daemon = client->endpoint();
        draft.store = store.toString();
        draft.collection = people;
        draft.savedAt = QDateTime::currentDateTimeUtc();
        draft.entities = {{ids[4], edited, current}};
        QVERIFY(drafts::write(draft));

        loom::test::Gui gui;
        CollectionTabWidget *tabs = gui.window->collectionTabs();
        gui.window->setCollectionTabFactory(entityBrowserTabs(tabs, gui.tracker.get(), nullptr));
        gui.manager->add(loom::test::fixtureDaemon(u"A"_s), false, false);
        QMessageBox *box = offerStartupDrafts(gui.manager.get(), tabs, gui.window.get());
        QVERIFY(box);
        QVERIFY2(box->text().contains(u"1 entity in People on %1"_s.arg(client->endpoint())), qPrintable(box->text()));
        QAbstractButton *open = nullptr;
        for (QAbstractButton *b : box->findChildren<QAbstractButton *>())
            if (b->text() == u"Open"_s)
                open = b;
        QVERIFY(open);
        open->click();
        QTRY_COMPARE(tabs->count(), 1);
        auto *browser = qobject_cast<EntityBrowserWidget *>(tabs->tabs()->widget(0));
        QVERIFY(browser);
        MessageBar *bar = offerBar(browser);
        QTRY_VERIFY(bar->isVisible());
        barButton(bar, u"restoreDrafts"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(browser->model()->isDirty(ids[4]), 15000);
        QCOMPARE(browser->model()->document(ids[4]), edited);
        QCOMPARE(tabs->tabs()->tabText(0), u"People*"_s);
        browser->model()->edits()->revert(ids[4]);
        QTRY_VERIFY(!QFile::exists(draftPath(store)));
        // No draft: nothing is asked.
        QCOMPARE(offerStartupDrafts(gui.manager.get(), tabs, gui.window.get()), nullptr);
    }

    // The store is deleted elsewhere: a save cannot go there; the edits are kept as a draft, and
    // closing the tab offers "Keep as draft" instead of Save.
    void storeDeletedElsewhereKeepsADraft()
    {
        StoreId doomed;
        LOOM_NEW_PEOPLE_STORE(client, "drafts-gone", people, doomed);
        auto made = await(client->create(doomed, people, {loom::test::person(u"Gone"_s, 30)}));
        LOOM_VERIFY_OK(made);
        const QString id = made->result().first();
        auto browser = openBrowser(doomed);
        QTRY_VERIFY_WITH_TIMEOUT(browser->model()->contains(id), 20000);
        QJsonObject doc = browser->model()->document(id);
        doc.insert(u"age"_s, 31);
        browser->model()->edits()->editDocument(id, doc, u"edit"_s);
        LOOM_VERIFY_OK(await(client->deleteStore(doomed)));
        browser->save(); // or Listen says so first
        QTRY_VERIFY_WITH_TIMEOUT(browser->messageBar()->message().contains(u"kept as a draft"_s), 15000);
        QVERIFY2(browser->messageBar()->message().contains(u"The store is gone"_s), qPrintable(browser->messageBar()->message()));
        const QString path = draftPath(doomed);
        QVERIFY(QFile::exists(path));
        QCOMPARE(draftDoc(*drafts::read(path), id)[u"age"_s].toInt(), 31);

        QSignalSpy ready(browser.get(), &EntityBrowserWidget::closeReady);
        QVERIFY(!browser->maybeClose());
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) != nullptr);
        QAbstractButton *keep = nullptr;
        for (QAbstractButton *b : box->findChildren<QAbstractButton *>())
            if (b->text() == u"Keep as draft"_s)
                keep = b;
        QVERIFY(keep);
        for (QAbstractButton *b : box->findChildren<QAbstractButton *>())
            QVERIFY2(b->text().remove(u'&') != u"Save"_s, "Save offered for a store that is gone");
        keep->click();
        QTRY_COMPARE(ready.count(), 1);
        browser.reset();
        QVERIFY(QFile::exists(path));
        QVERIFY(drafts::remove(client->endpoint(), doomed.toString(), people));
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_MAIN(TestBrowserDrafts)
#include "tst_browser_drafts.moc"
