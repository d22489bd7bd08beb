// Issue 13: Loom pointed at real go-threads v0.1.10 daemons (the legacy_daemons fixture: LA, LB),
// clicked through as a person does: the connection says "legacy v0.1", what a v0.1 daemon cannot
// do is greyed out and says why, a store and a model are created and remembered, an entity is
// created, edited and saved in the browser (its id is "ID"), a seed-form link is copied from the
// store details, the join dialog tells the link's generation, and the first write to a joined
// store asks first. Checked with the core against the daemon.
#include "browsertestutil.h"
#include "guitestutil.h"
#include "testdaemon.h"

#include "actions/collectionactions.h"
#include "actions/legacystoreactions.h"
#include "actions/storeactions.h"
#include "browser/browsertabs.h"
#include "browser/entitybrowserwidget.h"
#include "browser/models/entitymodel.h"
#include "browser/schema/schemaformwidget.h"
#include "browser/widgets/entityeditorpanel.h"
#include "browser/widgets/eventlogwidget.h"
#include "dialogs/collectiondialog.h"
#include "dialogs/joinstoredialog.h"
#include "dialogs/newstoredialog.h"
#include "dialogs/storedetailsdialog.h"
#include "invitelink.h"
#include "models/invitelinkmodel.h"
#include "threadsclient.h"
#include "widgets/collectioneditor.h"
#include "widgets/collectiontabwidget.h"
#include "widgets/qrcodewidget.h"
#include "widgets/schemaeditor.h"

#include <QCheckBox>
#include <QClipboard>
#include <QDockWidget>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QToolButton>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace loom;
using namespace loom::test;
using Action = ConnectionTreeWidget::Action;

namespace {

// One line: moc does not read multi-line raw strings.
const QString kPersonSchema = uR"({"type": "object", "properties": {"ID": {"type": "string"}, "name": {"type": "string"}, "age": {"type": "integer"}}, "required": ["name"]})"_s;

// Saves a picture of the window when LOOM_SHOTS_DIR names a directory (docs/screenshots/).
void shot(QWidget *window, const QString &name)
{
    const QString dir = qEnvironmentVariable("LOOM_SHOTS_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    for (int i = 0; i < 5; ++i) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
    window->grab().save(dir + u'/' + name + u".png"_s);
}

} // namespace

class TestGuiLegacy : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ThreadsClient> core; // checks what daemon LA really has
    std::unique_ptr<Gui> gui;
    Connection *connection = nullptr;
    StoreId store;
    const QString storeName = uniqueName("legacy");
    const QString collection = u"Person"_s;
    QString entityId;
    QString seedLink;

    CollectionTabWidget *tabs() const { return gui->window->collectionTabs(); }
    QModelIndex storeRow() const { return gui->model()->indexOf(connection, store); }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(inLoopbackOnlyNamespace(), "not in the loopback-only namespace");
        QVERIFY2(haveLegacyFixture(), "the legacy_daemons fixture did not start");
        core = std::make_unique<ThreadsClient>(legacyFixtureDaemon(u"LA"_s));
        auto detected = await(core->detectGeneration());
        LOOM_VERIFY_OK(detected);
        QCOMPARE(detected->result(), ApiGeneration::Legacy);
        gui = std::make_unique<Gui>();
        // The entity browser in the collection tabs, as the application plugs it in.
        auto *dock = new QDockWidget(u"Live changes"_s, gui->window.get());
        dock->setObjectName(u"eventLogDock"_s);
        auto *log = new EventLogWidget(dock);
        dock->setWidget(log);
        gui->window->addDock(dock, Qt::LeftDockWidgetArea);
        gui->window->setCollectionTabFactory(entityBrowserTabs(tabs(), gui->tracker.get(), log));
        QVERIFY(QTest::qWaitForWindowExposed(gui->window.get()));
    }

    void connectionShowsLegacy()
    {
        connection = gui->manager->add(legacyFixtureDaemon(u"LA"_s), false, false);
        QTRY_COMPARE_WITH_TIMEOUT(connection->state(), ConnectionMonitor::Connected, 15000);
        QCOMPARE(connection->generation(), ApiGeneration::Legacy);
        const QModelIndex row = gui->model()->indexOf(connection);
        QTRY_COMPARE_WITH_TIMEOUT(gui->model()->loadState(row), ConnectionTreeModel::LoadState::Loaded, 15000);
        QCOMPARE(row.data(ConnectionTreeModel::GenerationRole).toString(), u"legacy v0.1"_s);
        QVERIFY2(row.data(ConnectionTreeModel::StateTextRole).toString().contains(u"legacy v0.1"_s),
                 qPrintable(row.data(ConnectionTreeModel::StateTextRole).toString()));
        QVERIFY(row.data(Qt::ToolTipRole).toString().contains(u"Daemon: legacy v0.1"_s));
        gui->select(row);
        QAction *openById = gui->window->tree()->action(Action::OpenStoreById);
        QVERIFY(openById->isVisible() && openById->isEnabled());
    }

    // New store (NewStore + Start), then a model (RegisterSchema); both remembered and listed.
    void createStoreAndCollection()
    {
        gui->select(gui->model()->indexOf(connection));
        QSignalSpy added(gui->window->storeActions(), &StoreActions::storeAdded);
        gui->trigger(Action::NewStore);
        auto *dialog = waitForModal<NewStoreDialog>();
        QVERIFY(dialog);
        typeInto(dialog->nameEdit(), storeName);
        QVERIFY(dialog->okButton()->isEnabled());
        click(dialog->okButton());
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 1, 15000);
        store = added.first().at(1).value<StoreId>();
        QVERIFY(store.isLegacy());
        QTRY_VERIFY_WITH_TIMEOUT(storeRow().isValid(), 15000);
        QCOMPARE(storeRow().data(ConnectionTreeModel::NameRole).toString(), storeName);
        QVERIFY(storeRow().data(ConnectionTreeModel::RememberedRole).toBool());
        QVERIFY(storeRow().data(ConnectionTreeModel::StartedRole).toBool());
        QVERIFY(storeRow().data(Qt::ToolTipRole).toString().contains(u"Remembered"_s));

        // What a v0.1 daemon cannot do is greyed out and says so.
        gui->select(storeRow());
        QAction *del = gui->window->tree()->action(Action::DeleteStore);
        QVERIFY(!del->isEnabled());
        QVERIFY2(del->toolTip().contains(u"not available on a v0.1 daemon"_s), qPrintable(del->toolTip()));
        QVERIFY(!gui->window->tree()->action(Action::StartStore)->isEnabled()); // started already
        QVERIFY(gui->window->tree()->action(Action::ForgetStore)->isEnabled());

        QSignalSpy created(gui->window->collectionActions(), &CollectionActions::collectionCreated);
        gui->trigger(Action::NewCollection);
        auto *collectionDialog = waitForModal<CollectionDialog>();
        QVERIFY(collectionDialog);
        CollectionEditor *editor = collectionDialog->editor();
        // The starting schema is a v0.1 model's: "ID", no "_id".
        QVERIFY(editor->schemaEditor()->toPlainText().contains(u"\"ID\""_s));
        QVERIFY(!editor->schemaEditor()->toPlainText().contains(u"_id"_s));
        typeInto(editor->nameEdit(), collection);
        SchemaEditor *text = editor->schemaEditor();
        text->setFocus();
        text->selectAll();
        QTest::keyClick(text, Qt::Key_Delete);
        QTest::keyClicks(text, kPersonSchema);
        QTRY_VERIFY2(collectionDialog->okButton()->isEnabled(), qPrintable(editor->summary()));
        click(collectionDialog->okButton());
        QTRY_COMPARE_WITH_TIMEOUT(created.size(), 1, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(gui->model()->indexOf(connection, store, collection).isValid(), 15000);
        auto models = await(core->listCollections(store));
        LOOM_VERIFY_OK(models);
        QVERIFY(std::any_of(models->result().begin(), models->result().end(),
                            [&](const CollectionConfig &c) { return c.name == collection; }));

        gui->select(gui->model()->indexOf(connection, store, collection));
        QAction *editSchema = gui->window->tree()->action(Action::EditSchema);
        QVERIFY(!editSchema->isEnabled());
        QVERIFY(editSchema->toolTip().contains(u"not available on a v0.1 daemon"_s));
    }

    // ModelCreate and ModelSave from the browser's form; the id is the daemon's UUID in "ID".
    void createAndEditInTheBrowser()
    {
        auto *browser = qobject_cast<EntityBrowserWidget *>(tabs()->openCollection(connection, store, storeName, collection));
        QVERIFY(browser);
        QCOMPARE(browser->model()->idField(), u"ID"_s);
        QTRY_VERIFY_WITH_TIMEOUT(browser->schemaLoaded(), 15000);
        browser->action(BrowserActions::New)->trigger();
        const QString key = browser->editorPanel()->entityKey();
        QVERIFY(browser->model()->isNew(key));
        SchemaFormWidget *form = browser->editorPanel()->form();
        QTRY_VERIFY(form->editorFor(u"name"_s));
        QVERIFY(!form->editorFor(u"ID"_s)); // the id is the daemon's, not a field to fill in
        QTest::keyClicks(form->editorFor(u"name"_s), u"Ann"_s);
        QTest::keyClicks(form->editorFor(u"age"_s), u"3"_s);
        browser->action(BrowserActions::Save)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!browser->model()->isNew(browser->model()->resolveKey(key)), 15000);
        entityId = browser->model()->resolveKey(key);
        QCOMPARE(QUuid::fromString(entityId).version(), QUuid::Random);
        auto stored = await(core->findById(store, collection, entityId));
        LOOM_VERIFY_OK(stored);
        QCOMPARE(stored->result().value(u"ID"_s).toString(), entityId);
        QCOMPARE(stored->result().value(u"name"_s).toString(), u"Ann"_s);
        QVERIFY(!browser->hasUnsavedChanges());

        // Edit it and save.
        browser->selectKey(entityId);
        browser->editorPanel()->showForm();
        QTRY_VERIFY(qobject_cast<QLineEdit *>(form->editorFor(u"age"_s)));
        auto *age = qobject_cast<QLineEdit *>(form->editorFor(u"age"_s));
        age->selectAll();
        QTest::keyClicks(age, u"4"_s);
        QTRY_VERIFY(browser->hasUnsavedChanges());
        browser->action(BrowserActions::Save)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!browser->hasUnsavedChanges(), 15000);
        auto edited = await(core->findById(store, collection, entityId));
        LOOM_VERIFY_OK(edited);
        QCOMPARE(edited->result().value(u"age"_s).toInt(), 4);
        QVERIFY(browser->model()->contains(entityId));
        // Two more (ModelCreate through the core), arriving live.
        LOOM_VERIFY_OK(await(core->create(store, collection,
                                          {Instance{{u"ID"_s, QString()}, {u"name"_s, u"Bob"_s}, {u"age"_s, 31}},
                                           Instance{{u"ID"_s, QString()}, {u"name"_s, u"Cy"_s}, {u"age"_s, 7}}})));
        QTRY_COMPARE_WITH_TIMEOUT(browser->model()->loadedCount(), 3, 15000);
        browser->selectKey(entityId);
    }

    // GetStoreLink in the seed form: masked, copied, QR once revealed.
    void copySeedLinkFromStoreDetails()
    {
        gui->select(storeRow());
        gui->trigger(Action::StoreDetails);
        auto *details = waitForChild<StoreDetailsDialog>(gui->window.get());
        QVERIFY(details);
        QTRY_VERIFY_WITH_TIMEOUT(details->isLoaded(), 15000);
        QVERIFY(details->findChild<QLabel *>(u"daemon"_s)->text().contains(u"legacy v0.1"_s));
        QVERIFY(details->linkModel()->rowCount() >= 1);
        const QString shown = details->linkModel()->index(0, InviteLinkModel::LinkColumn).data().toString();
        QVERIFY2(!shown.contains(u'&') || shown.contains(u'\u2026') || shown.contains(u"(hidden)"_s), qPrintable(shown));
        QVERIFY(!details->qrCode()->hasCode());
        QGuiApplication::clipboard()->clear();
        click(details->findChild<QToolButton *>(u"copyLink0"_s));
        seedLink = QGuiApplication::clipboard()->text();
        QString why;
        const auto parsed = InviteLink::parse(seedLink, &why);
        QVERIFY2(parsed, qPrintable(why));
        QCOMPARE(parsed->generation(), ApiGeneration::Legacy);
        QVERIFY(seedLink.contains(u'?') && seedLink.contains(u'&'));
        QVERIFY(!shown.contains(seedLink.section(u'?', 1).left(16))); // the keys were masked
        details->findChild<QCheckBox *>(u"revealKeys"_s)->setChecked(true);
        QTRY_VERIFY(details->qrCode()->hasCode());
        details->close();

        // The picture for the README: the legacy connection with its store open.
        QCOMPARE(gui->window->size(), QSize(1280, 800));
        gui->select(gui->model()->indexOf(connection, store, collection));
        shot(gui->window.get(), u"legacy-connection"_s);
    }

    // The join dialog says which generation a link is for and refuses the other one's.
    void joinDialogTellsTheGeneration()
    {
        gui->select(gui->model()->indexOf(connection));
        gui->trigger(Action::JoinStore);
        auto *join = waitForModal<JoinStoreDialog>();
        QVERIFY(join);
        typeInto(join->linkEdit(), seedLink);
        QTRY_VERIFY(join->linkProblem().isEmpty());
        QVERIFY(join->findChild<QLabel *>(u"linkStatus"_s)->text().contains(u"legacy v0.1"_s));
        const QString v1Address = seedLink.section(u'?', 0, 0).section(u"/thread/"_s, 0, 0) + u"/thread/"_s
                                  + StoreId::generate().toString();
        const auto address = Multiaddr::fromString(v1Address);
        QVERIFY(address);
        const InviteLink v1(*address, StoreKey::generate());
        typeInto(join->linkEdit(), v1.toString());
        QTRY_VERIFY2(join->linkProblem().contains(u"go-threads v1"_s), qPrintable(join->linkProblem()));
        QVERIFY(!join->okButton()->isEnabled());
        join->reject();
    }

    // Before the first write to a store a v0.1.10 daemon joined: a warning, Continue or Cancel.
    // Cancelled here: LB must not write (it would exit, and other tests use it).
    void firstWriteToAJoinedStoreAsks()
    {
        auto lbCore = std::make_unique<ThreadsClient>(legacyFixtureDaemon(u"LB"_s));
        LOOM_VERIFY_OK(await(lbCore->detectGeneration()));
        auto link = InviteLink::parse(seedLink);
        QVERIFY(link);
        auto models = await(core->listCollections(store));
        LOOM_VERIFY_OK(models);
        auto joined = await(lbCore->joinStore(*link, models->result(), storeName, false), 30000);
        LOOM_VERIFY_OK(joined);
        const StoreId lbStore = joined->result(); // LB's own id for the store
        // A's entities reach B (B pulls; allow its 10 s cycle).
        QTRY_VERIFY_WITH_TIMEOUT(await(lbCore->findById(lbStore, collection, entityId))->ok(), 25000);
        Connection *lb = gui->manager->add(legacyFixtureDaemon(u"LB"_s), false, false);
        QTRY_COMPARE_WITH_TIMEOUT(lb->state(), ConnectionMonitor::Connected, 15000);
        QVERIFY(lb->client()->needsFirstWriteWarning(lbStore));
        auto *browser = qobject_cast<EntityBrowserWidget *>(tabs()->openCollection(lb, lbStore, storeName, collection));
        QVERIFY(browser);
        QTRY_VERIFY_WITH_TIMEOUT(browser->schemaLoaded(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(browser->model()->contains(entityId), 15000);
        browser->action(BrowserActions::New)->trigger();
        const QString key = browser->editorPanel()->entityKey();
        SchemaFormWidget *form = browser->editorPanel()->form();
        QTRY_VERIFY(form->editorFor(u"name"_s));
        QTest::keyClicks(form->editorFor(u"name"_s), u"Bea"_s);
        browser->action(BrowserActions::Save)->trigger();
        auto *warning = waitForModal<QMessageBox>();
        QVERIFY(warning);
        QCOMPARE(warning->objectName(), u"firstWriteWarning"_s);
        QVERIFY(warning->text().contains(u"first write"_s));
        QVERIFY(warning->informativeText().contains(u"restart"_s));
        warning->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!QApplication::activeModalWidget());
        // Nothing was sent: the entity is still new, the edit kept, and LB still answers.
        QVERIFY(browser->model()->isNew(key));
        QVERIFY(browser->hasUnsavedChanges());
        QVERIFY(lb->client()->needsFirstWriteWarning(lbStore));
        LOOM_VERIFY_OK(await(lbCore->storeInfo(lbStore)));
        browser->model()->edits()->revert(key);
    }
};

QTEST_MAIN(TestGuiLegacy)
#include "tst_gui_legacy.moc"
