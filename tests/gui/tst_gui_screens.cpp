// Pictures of the main screens (main window with the tree and a schema tab, store details with
// invitation links, the new-collection dialog, the schema diff, the join dialog), built against
// the fixture's daemons. They are saved as PNG files when LOOM_SHOTS_DIR names a directory.
#include "guitestutil.h"
#include "testdaemon.h"

#include "actions/collectionactions.h"
#include "dialogs/collectiondialog.h"
#include "dialogs/joinstoredialog.h"
#include "dialogs/schemadiffdialog.h"
#include "dialogs/storedetailsdialog.h"
#include "models/indexlistmodel.h"
#include "models/invitelinkmodel.h"
#include "threadsclient.h"
#include "widgets/collectioneditor.h"
#include "widgets/collectiontabwidget.h"
#include "widgets/schemaeditor.h"
#include "widgets/schemaviewwidget.h"

#include <QClipboard>
#include <QDir>
#include <QPushButton>
#include <QStandardPaths>

using namespace Qt::StringLiterals;
using namespace loom;
using namespace loom::test;
using Action = ConnectionTreeWidget::Action;

namespace {
const QByteArray kPeople = R"({"$schema": "http://json-schema.org/draft-04/schema#", "title": "Person", "type": "object", "properties": {"_id": {"type": "string"}, "_mod": {"type": "integer"}, "name": {"type": "string", "minLength": 1}, "email": {"type": "string", "format": "email"}, "age": {"type": "integer", "minimum": 1}, "address": {"type": "object", "properties": {"city": {"type": "string"}, "zip": {"type": "string"}}}}, "required": ["name"]})";
const QByteArray kBooks = R"({"title": "Book", "type": "object", "properties": {"_id": {"type": "string"}, "title": {"type": "string"}, "pages": {"type": "integer"}}})";
} // namespace

class TestGuiScreens : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Gui> gui;
    std::unique_ptr<ThreadsClient> core;
    Connection *local = nullptr;
    StoreId notes;
    QString shots;

    void save(QWidget *widget, const QString &name)
    {
        // Let pending layouts and paints settle.
        for (int i = 0; i < 3; ++i)
            QCoreApplication::processEvents();
        const QPixmap picture = widget->grab();
        QVERIFY(!picture.isNull());
        if (!shots.isEmpty())
            QVERIFY(picture.save(QDir(shots).filePath(name)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        LOOM_REQUIRE_FIXTURE();
        shots = qEnvironmentVariable("LOOM_SHOTS_DIR");
        if (!shots.isEmpty())
            QDir().mkpath(shots);
        core = std::make_unique<ThreadsClient>(fixtureDaemon(u"A"_s));
        auto created = await(core->newStore(uniqueName("notes"), {{u"People"_s, kPeople, {{u"name"_s, false}, {u"email"_s, true}}, {}, {}},
                                                                    {u"Books"_s, kBooks, {}, {}, {}}}));
        LOOM_VERIFY_OK(created);
        notes = created->result();
        LOOM_VERIFY_OK(await(core->newStore(uniqueName("inventory"), {{u"Items"_s, kBooks, {}, {}, {}}})));

        gui = std::make_unique<Gui>();
        gui->window->resize(1280, 800); // the default size
        ConnectionSettings a = fixtureDaemon(u"A"_s);
        a.name = u"local daemon"_s;
        local = gui->manager->add(a, false);
        ConnectionSettings b = fixtureDaemon(u"B"_s);
        b.name = u"second daemon"_s;
        gui->manager->add(b, false);
        ConnectionSettings gone;
        gone.name = u"office server"_s;
        gone.port = freeLoopbackPort();
        gone.deadlineMs = 1000;
        Connection *offline = gui->manager->add(gone, false);
        QTRY_VERIFY_WITH_TIMEOUT(gui->model()->indexOf(local, notes).isValid(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(offline->state(), ConnectionMonitor::Unreachable, 15000);
    }

    void mainWindow()
    {
        gui->view()->expand(gui->model()->indexOf(local, notes));
        QTRY_VERIFY_WITH_TIMEOUT(gui->model()->indexOf(local, notes, u"People"_s).isValid(), 15000);
        const QModelIndex people = gui->model()->indexOf(local, notes, u"People"_s);
        gui->select(people);
        gui->trigger(Action::OpenCollection);
        auto *view = qobject_cast<SchemaViewWidget *>(gui->window->collectionTabs()->findTab(local, notes, u"People"_s));
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(view->isLoaded(), 15000);
        QTRY_COMPARE(gui->tracker->runningCount(), 0);
        save(gui->window.get(), u"main-window.png"_s);
    }

    void welcome()
    {
        Gui empty;
        empty.window->resize(900, 560);
        QVERIFY(QTest::qWaitForWindowExposed(empty.window.get()));
        save(empty.window.get(), u"first-start.png"_s);
    }

    void storeDetails()
    {
        gui->select(gui->model()->indexOf(local, notes));
        gui->trigger(Action::StoreDetails);
        auto *details = waitForChild<StoreDetailsDialog>(gui->window.get());
        QVERIFY(details);
        QTRY_VERIFY_WITH_TIMEOUT(details->isLoaded(), 15000);
        save(details, u"store-details.png"_s);
        details->close();
    }

    void newCollectionDialog()
    {
        gui->select(gui->model()->indexOf(local, notes));
        gui->trigger(Action::NewCollection);
        auto *dialog = waitForModal<CollectionDialog>();
        QVERIFY(dialog);
        typeInto(dialog->editor()->nameEdit(), u"Orders"_s);
        dialog->editor()->schemaEditor()->setPlainText(
            u"{\n  \"title\": \"Order\",\n  \"type\": \"object\",\n  \"properties\": {\n    \"_id\": { \"type\": \"string\" },\n"
            "    \"total\": { \"type\": \"number\", \"minimum\": 0 },\n    \"paid\": { \"type\": \"boolean\" },\n"
            "    \"items\": { \"type\": \"array\", \"items\": [{ \"type\": \"string\" }] },\n"
            "    \"note\": { \"type\": [\"string\", \"null\"] }\n  },\n  \"additionalProperties\": false\n}"_s);
        dialog->editor()->indexModel()->appendIndex(u"paid"_s, false);
        QVERIFY(!dialog->okButton()->isEnabled());
        save(dialog, u"new-collection-invalid.png"_s);
        dialog->editor()->schemaEditor()->setPlainText(
            u"{\n  \"title\": \"Order\",\n  \"type\": \"object\",\n  \"properties\": {\n    \"_id\": { \"type\": \"string\" },\n"
            "    \"_mod\": { \"type\": \"integer\" },\n    \"total\": { \"type\": \"number\", \"minimum\": 1 },\n"
            "    \"paid\": { \"type\": \"boolean\" },\n    \"customer\": { \"type\": \"string\" }\n  },\n"
            "  \"required\": [\"customer\"]\n}"_s);
        QVERIFY(dialog->okButton()->isEnabled());
        save(dialog, u"new-collection.png"_s);
        dialog->reject();
        QTRY_VERIFY(!QApplication::activeModalWidget());
    }

    void schemaDiff()
    {
        gui->select(gui->model()->indexOf(local, notes, u"People"_s));
        gui->trigger(Action::EditSchema);
        auto *dialog = waitForModal<CollectionDialog>();
        QVERIFY(dialog);
        QString text = dialog->editor()->schemaEditor()->toPlainText();
        text.replace(u"\"minimum\": 1"_s, u"\"minimum\": 18"_s);
        text.replace(u"\"required\": [\n        \"name\"\n    ]"_s, u"\"required\": [\n        \"name\",\n        \"email\"\n    ]"_s);
        text.replace(u"\"_mod\": {"_s, u"\"phone\": {\n            \"type\": \"string\"\n        },\n        \"_mod\": {"_s);
        dialog->editor()->schemaEditor()->setPlainText(text);
        dialog->editor()->indexModel()->appendIndex(u"address.city"_s, false);
        QVERIFY2(dialog->okButton()->isEnabled(), qPrintable(text));
        save(dialog, u"edit-schema.png"_s);
        click(dialog->okButton());
        auto *diff = waitForModal<SchemaDiffDialog>();
        QVERIFY(diff);
        save(diff, u"schema-diff.png"_s);
        diff->reject();
        dialog->reject();
        QTRY_VERIFY(!QApplication::activeModalWidget());
    }

    void joinDialog()
    {
        auto info = await(core->storeInfo(notes));
        LOOM_VERIFY_OK(info);
        const auto links = InviteLink::fromStoreInfo(info->result().addresses, info->result().key);
        QVERIFY(!links.isEmpty());
        Connection *second = gui->manager->at(1);
        gui->select(gui->model()->indexOf(second));
        gui->trigger(Action::JoinStore);
        auto *dialog = waitForModal<JoinStoreDialog>();
        QVERIFY(dialog);
        QGuiApplication::clipboard()->setText(links.first().toString());
        dialog->linkEdit()->setFocus();
        QTest::keyClick(dialog->linkEdit(), Qt::Key_V, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->collectionSource(), 15000);
        save(dialog, u"join-store.png"_s);

        // A store that no open connection has: the person types the schemas in.
        const QString peer = links.first().address().peerId();
        const QString elsewhere = InviteLinkModel::transport(links.first().address()) + u"/p2p/"_s + peer + u"/thread/"_s
            + StoreId::generate().toString();
        dialog->inputTabs()->setCurrentIndex(1);
        typeInto(dialog->addressEdit(), elsewhere);
        typeInto(dialog->keyEdit(), StoreKey::generate().toString());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isLookingUp(), 15000);
        QVERIFY(!dialog->collectionSource());
        dialog->addCollectionEditor();
        const auto editors = dialog->findChildren<CollectionEditor *>();
        QCOMPARE(editors.size(), 1);
        typeInto(editors.first()->nameEdit(), u"Notes"_s);
        save(dialog, u"join-store-manual.png"_s);
        dialog->reject();
        QTRY_VERIFY(!QApplication::activeModalWidget());
    }

    void cleanupTestCase()
    {
        gui.reset();
        LOOM_VERIFY_OK(await(core->deleteStore(notes)));
    }
};

QTEST_MAIN(TestGuiScreens)
#include "tst_gui_screens.moc"
