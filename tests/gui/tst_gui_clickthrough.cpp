// The main flow, as a person clicks it, against daemon A of the fixture: add a connection, create
// a store, copy its invitation link, create a collection with a schema, edit the schema (diff,
// apply), open it, delete the collection, delete the store. Each step is checked with the core.
#include "guitestutil.h"
#include "testdaemon.h"

#include "dialogs/collectiondialog.h"
#include "dialogs/connectiondialog.h"
#include "dialogs/inferschemadialog.h"
#include "dialogs/newstoredialog.h"
#include "dialogs/schemadiffdialog.h"
#include "dialogs/storedetailsdialog.h"
#include "dialogs/tokendialog.h"
#include "actions/collectionactions.h"
#include "actions/storeactions.h"
#include "models/indexlistmodel.h"
#include "models/invitelinkmodel.h"
#include "threadsclient.h"
#include "widgets/activitywidget.h"
#include "widgets/collectioneditor.h"
#include "widgets/collectiontabwidget.h"
#include "widgets/qrcodewidget.h"
#include "widgets/schemaeditor.h"
#include "widgets/schemaviewwidget.h"
#include "widgets/welcomewidget.h"

#include <QCheckBox>
#include <QClipboard>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace loom;
using namespace loom::test;
using Action = ConnectionTreeWidget::Action;

class TestGuiClickThrough : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Gui> gui;
    std::unique_ptr<ThreadsClient> core; // checks what the daemon really has
    Connection *connection = nullptr;
    StoreId store;
    const QString storeName = uniqueName("clicked");
    const QString collection = u"Notes"_s;

private Q_SLOTS:
    void initTestCase()
    {
        LOOM_REQUIRE_FIXTURE();
        core = std::make_unique<ThreadsClient>(fixtureDaemon(u"A"_s));
        gui = std::make_unique<Gui>();
        QVERIFY(QTest::qWaitForWindowExposed(gui->window.get()));
    }

    void addConnection()
    {
        const ConnectionSettings a = fixtureDaemon(u"A"_s);
        // No connection yet: the welcome page offers one.
        auto *add = gui->window->collectionTabs()->welcome()->addConnectionButton();
        QVERIFY(add->isVisible());
        click(add);
        auto *dialog = waitForModal<ConnectionDialog>();
        QVERIFY(dialog);
        typeInto(dialog->findChild<QLineEdit *>(u"connectionName"_s), u"daemon A"_s);
        typeInto(dialog->findChild<QLineEdit *>(u"host"_s), a.host);
        auto *port = dialog->findChild<QSpinBox *>(u"port"_s);
        port->setFocus();
        port->selectAll();
        QTest::keyClicks(port, QString::number(a.port));
        QCOMPARE(port->value(), int(a.port));
        click(dialog->okButton());
        QTRY_COMPARE(gui->manager->count(), 1);
        connection = gui->manager->at(0);
        QCOMPARE(connection->displayName(), u"daemon A"_s);
        QCOMPARE(connection->endpoint(), a.endpoint());
        QTRY_COMPARE_WITH_TIMEOUT(connection->state(), ConnectionMonitor::Connected, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(gui->model()->loadState(gui->model()->indexOf(connection)),
                                  ConnectionTreeModel::LoadState::Loaded, 15000);
        QCOMPARE(gui->model()->indexOf(connection).data(ConnectionTreeModel::NameRole).toString(), u"daemon A"_s);
        // Saved for the next start, without a token.
        QVERIFY(gui->settings->value(u"connections/1/host"_s).toString() == a.host);
    }

    void newStore()
    {
        gui->select(gui->model()->indexOf(connection));
        QVERIFY(gui->window->tree()->action(Action::NewStore)->isEnabled());
        QSignalSpy added(gui->window->storeActions(), &StoreActions::storeAdded);
        gui->trigger(Action::NewStore);
        auto *dialog = waitForModal<NewStoreDialog>();
        QVERIFY(dialog);
        // Checked as it is typed: a space is refused, and OK waits.
        typeInto(dialog->nameEdit(), u"bad name"_s);
        QVERIFY(!dialog->okButton()->isEnabled());
        typeInto(dialog->nameEdit(), storeName);
        QVERIFY(dialog->okButton()->isEnabled());
        click(dialog->okButton());
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 1, 15000);
        store = added.first().at(1).value<StoreId>();
        QVERIFY(store.isValid());
        // It is listed, and selected.
        QTRY_VERIFY_WITH_TIMEOUT(gui->model()->indexOf(connection, store).isValid(), 15000);
        QCOMPARE(gui->model()->indexOf(connection, store).data(ConnectionTreeModel::NameRole).toString(), storeName);
        QTRY_COMPARE(gui->window->tree()->currentIndex(), QModelIndex(gui->model()->indexOf(connection, store)));
        auto listed = await(core->listStores());
        LOOM_VERIFY_OK(listed);
        QVERIFY(std::any_of(listed->result().begin(), listed->result().end(),
                            [&](const StoreInfo &s) { return s.id == store && s.name == storeName; }));
    }

    void copyInvitationLink()
    {
        gui->select(gui->model()->indexOf(connection, store));
        gui->trigger(Action::StoreDetails);
        auto *details = waitForChild<StoreDetailsDialog>(gui->window.get());
        QVERIFY(details);
        QTRY_VERIFY_WITH_TIMEOUT(details->isLoaded(), 15000);
        QCOMPARE(details->findChild<QLineEdit *>(u"storeId"_s)->text(), store.toString());
        QVERIFY(details->linkModel()->rowCount() >= 1);
        // Keys are masked until revealed; the QR code too.
        const QString shown = details->linkModel()->index(0, InviteLinkModel::LinkColumn).data().toString();
        QVERIFY(shown.contains(u"(hidden)"_s) || shown.contains(u'\u2026'));
        QVERIFY(!details->qrCode()->hasCode());

        QGuiApplication::clipboard()->clear();
        auto *copy = details->findChild<QToolButton *>(u"copyLink0"_s);
        QVERIFY(copy);
        click(copy);
        const QString copied = QGuiApplication::clipboard()->text();
        QString why;
        const auto link = InviteLink::parse(copied, &why);
        QVERIFY2(link, qPrintable(why));
        QCOMPARE(link->storeId(), store);
        QVERIFY(!details->lastNotice().contains(link->key().toString())); // the notice never shows the key
        QVERIFY(!shown.contains(link->key().toString()));

        click(details->revealBox());
        QVERIFY(details->linkModel()->index(0, InviteLinkModel::LinkColumn).data().toString().contains(link->key().toString()));
        QVERIFY(details->qrCode()->hasCode());

        click(details->findChild<QPushButton *>(u"copyAllLinks"_s));
        QCOMPARE(QGuiApplication::clipboard()->text().count(u'\n'), details->linkModel()->rowCount());
        details->close();
        QTRY_VERIFY(!gui->window->findChild<StoreDetailsDialog *>());
    }

    void newCollectionWithSchema()
    {
        gui->select(gui->model()->indexOf(connection, store));
        QSignalSpy created(gui->window->collectionActions(), &CollectionActions::collectionCreated);
        gui->trigger(Action::NewCollection);
        auto *dialog = waitForModal<CollectionDialog>();
        QVERIFY(dialog);
        QVERIFY(!dialog->isEdit());
        CollectionEditor *editor = dialog->editor();
        // It starts from the minimal schema; a name is still missing.
        QVERIFY(editor->schemaEditor()->toPlainText().contains(u"_id"_s));
        QVERIFY(!dialog->okButton()->isEnabled());
        typeInto(editor->nameEdit(), collection);
        QVERIFY(dialog->okButton()->isEnabled());

        // Type a schema of our own.
        SchemaEditor *text = editor->schemaEditor();
        text->setFocus();
        text->selectAll();
        QTest::keyClick(text, Qt::Key_Delete);
        QTest::keyClicks(text, uR"({"type": "object", "properties": {"_id": {"type": "string"}, "title": {"type": "string"}}})"_s);
        QVERIFY(editor->isJsonValid());
        QTRY_VERIFY(dialog->okButton()->isEnabled());

        // An index on "title", through the index table.
        click(editor->findChild<QPushButton *>(u"addIndex"_s));
        QVERIFY(!dialog->okButton()->isEnabled()); // an index without a path is an error
        editor->indexModel()->setData(editor->indexModel()->index(0, IndexListModel::PathColumn), u"title"_s);
        QVERIFY(dialog->okButton()->isEnabled());

        click(dialog->okButton());
        QTRY_COMPARE_WITH_TIMEOUT(created.size(), 1, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(gui->model()->indexOf(connection, store, collection).isValid(), 15000);
        auto info = await(core->collectionInfo(store, collection));
        LOOM_VERIFY_OK(info);
        QVERIFY(QJsonDocument::fromJson(info->result().schema).object()[u"properties"_s].toObject().contains(u"title"_s));
        QCOMPARE(info->result().indexes, (QList<IndexSpec>{{u"title"_s, false}}));
    }

    void newCollectionFromJson()
    {
        // Example entities pasted, a mistake first; the schema proposed from them is reviewed in the
        // collection dialog, then created with the examples imported into it.
        gui->select(gui->model()->indexOf(connection, store));
        QSignalSpy created(gui->window->collectionActions(), &CollectionActions::collectionCreated);
        QSignalSpy notices(gui->window->collectionActions(), &CollectionActions::notice);
        gui->trigger(Action::NewCollectionFromJson);
        auto *examples = waitForModal<InferSchemaDialog>();
        QVERIFY(examples);
        QTRY_VERIFY(examples->textEdit()->hasFocus());
        QVERIFY(!examples->proposeButton()->isEnabled());
        QTest::keyClicks(examples->textEdit(), uR"({"title": "Ann", "pages": 12, "isbn": null})"_s);
        QTest::keyClick(examples->textEdit(), Qt::Key_Return);
        QTest::keyClicks(examples->textEdit(), uR"({"title": "Bob", "pages": 3, "isbn": )"_s);
        QTRY_VERIFY2(examples->statusText().contains(u"line 2"_s), qPrintable(examples->statusText()));
        QVERIFY(!examples->proposeButton()->isEnabled());
        QTest::keyClicks(examples->textEdit(), uR"("978-3-16-148410-0", "read": "2024-02-01T10:00:00Z"})"_s);
        QTRY_COMPARE(examples->statusText(), u"2 example entities."_s);
        QVERIFY(examples->proposeButton()->isEnabled());
        click(examples->proposeButton());

        auto *dialog = waitForModal<CollectionDialog>();
        QVERIFY(dialog);
        QVERIFY(!dialog->isEdit());
        QTRY_VERIFY(dialog->editor()->nameEdit()->hasFocus());
        const QJsonObject proposed = QJsonDocument::fromJson(dialog->editor()->schemaEditor()->toPlainText().toUtf8()).object();
        const QJsonObject props = proposed[u"properties"_s].toObject();
        QCOMPARE(props[u"pages"_s].toObject()[u"type"_s].toString(), u"integer"_s);
        QCOMPARE(props[u"read"_s].toObject()[u"format"_s].toString(), u"date-time"_s);
        auto *notes = dialog->findChild<QLabel *>(u"inferenceNotes"_s);
        QVERIFY(notes && notes->text().contains(u"isbn: sometimes null"_s));
        QVERIFY(dialog->importExamplesBox()->isChecked());
        typeInto(dialog->editor()->nameEdit(), u"Books"_s);
        QTRY_VERIFY(dialog->okButton()->isEnabled());
        click(dialog->okButton());

        QTRY_COMPARE_WITH_TIMEOUT(created.size(), 1, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!notices.isEmpty(), 15000);
        QCOMPARE(notices.last().first().toString(), u"Created the collection “Books” with its 2 example entities."_s);
        auto found = await(core->find(store, u"Books"_s, Query()));
        LOOM_VERIFY_OK(found);
        QCOMPARE(found->result().size(), 2);
        auto info = await(core->collectionInfo(store, u"Books"_s));
        LOOM_VERIFY_OK(info);
        QVERIFY(QJsonDocument::fromJson(info->result().schema).object()[u"properties"_s].toObject().contains(u"read"_s));
    }

    void editSchema()
    {
        gui->select(gui->model()->indexOf(connection, store, collection));
        gui->trigger(Action::EditSchema);
        auto *dialog = waitForModal<CollectionDialog>();
        QVERIFY(dialog);
        QVERIFY(dialog->isEdit());
        QVERIFY(!dialog->okButton()->isEnabled()); // nothing changed yet
        SchemaEditor *text = dialog->editor()->schemaEditor();
        QVERIFY(text->toPlainText().contains(u"title"_s));
        text->setFocus();
        text->selectAll();
        QTest::keyClick(text, Qt::Key_Delete);
        QTest::keyClicks(text, uR"({"type": "object", "properties": {"_id": {"type": "string"}, "title": {"type": "string"}, "pages": {"type": "integer", "minimum": 1}}})"_s);
        QVERIFY(dialog->okButton()->isEnabled());
        click(dialog->okButton());

        // The change is shown before it is sent.
        auto *diff = waitForModal<SchemaDiffDialog>();
        QVERIFY(diff);
        QVERIFY2(diff->diffText().contains(u"+ "_s) && diff->diffText().contains(u"pages"_s), qPrintable(diff->diffText()));
        QVERIFY(diff->indexChanges().isEmpty());
        auto before = await(core->collectionInfo(store, collection));
        QVERIFY(!QJsonDocument::fromJson(before->result().schema).object()[u"properties"_s].toObject().contains(u"pages"_s));
        QSignalSpy changed(gui->window->collectionActions(), &CollectionActions::collectionChanged);
        click(diff->applyButton());
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, 15000);
        QTRY_VERIFY(!QApplication::activeModalWidget());

        auto info = await(core->collectionInfo(store, collection));
        LOOM_VERIFY_OK(info);
        const QJsonObject pages = QJsonDocument::fromJson(info->result().schema).object()[u"properties"_s].toObject()[u"pages"_s].toObject();
        QCOMPARE(pages[u"type"_s].toString(), u"integer"_s);
        QCOMPARE(info->result().indexes, (QList<IndexSpec>{{u"title"_s, false}})); // kept
    }

    void openCollectionTab()
    {
        const QModelIndex index = gui->model()->indexOf(connection, store, collection);
        gui->view()->scrollTo(index);
        const QRect rect = gui->view()->visualRect(index);
        QVERIFY(rect.isValid());
        QSignalSpy doubleClicked(gui->view(), &QAbstractItemView::doubleClicked);
        QSignalSpy activated(gui->view(), &QAbstractItemView::activated);
        // A double click: the first click, then the second (QTest sends the second as a double click).
        QTest::mouseClick(gui->view()->viewport(), Qt::LeftButton, {}, rect.center());
        QTest::mouseDClick(gui->view()->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(doubleClicked.size(), 1);
        QCOMPARE(activated.size(), 1);
        QTRY_COMPARE(gui->window->collectionTabs()->count(), 1);
        auto *view = qobject_cast<SchemaViewWidget *>(gui->window->collectionTabs()->findTab(connection, store, collection));
        QVERIFY(view); // no tab factory set: the schema view
        QTRY_VERIFY_WITH_TIMEOUT(view->isLoaded(), 15000);
        QVERIFY(view->schemaText().contains(u"pages"_s));
        QVERIFY(view->indexText().contains(u"title"_s));
        // Opening it again shows the same tab.
        gui->trigger(Action::OpenCollection);
        QCOMPARE(gui->window->collectionTabs()->count(), 1);
    }

    void deleteCollection()
    {
        gui->select(gui->model()->indexOf(connection, store, collection));
        gui->trigger(Action::DeleteCollection);
        auto *box = waitForModal<QMessageBox>();
        QVERIFY(box);
        QVERIFY(box->text().contains(collection));
        QVERIFY2(box->informativeText().contains(u"keeps the entities"_s), qPrintable(box->informativeText()));
        click(box->findChild<QPushButton *>(u"confirmButton"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!gui->model()->indexOf(connection, store, collection).isValid(), 15000);
        QTRY_COMPARE(gui->window->collectionTabs()->count(), 0); // its tab closed
        auto gone = await(core->collectionInfo(store, collection));
        QCOMPARE(gone->error().kind(), ErrorKind::CollectionNotFound);
    }

    void deleteStore()
    {
        gui->select(gui->model()->indexOf(connection, store));
        gui->trigger(Action::DeleteStore);
        auto *box = waitForModal<QMessageBox>();
        QVERIFY(box);
        QVERIFY2(box->text().contains(storeName), qPrintable(box->text()));
        // Cancel first: nothing happens.
        click(box->button(QMessageBox::Cancel));
        QTRY_VERIFY(!QApplication::activeModalWidget());
        QVERIFY(gui->model()->indexOf(connection, store).isValid());

        gui->trigger(Action::DeleteStore);
        box = waitForModal<QMessageBox>();
        QVERIFY(box);
        click(box->findChild<QPushButton *>(u"confirmButton"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!gui->model()->indexOf(connection, store).isValid(), 15000);
        auto listed = await(core->listStores());
        LOOM_VERIFY_OK(listed);
        QVERIFY(std::none_of(listed->result().begin(), listed->result().end(), [&](const StoreInfo &s) { return s.id == store; }));
        QTRY_COMPARE(gui->window->activityWidget()->text(), u"Ready"_s);
    }

    // Issue 16 item 4: a token from the daemon, in the connection dialog, with a new identity or
    // one saved to a file; the public key can be copied; the token is used by later calls.
    void getTokenWithIdentity()
    {
        const ConnectionSettings a = fixtureDaemon(u"A"_s);
        ConnectionDialog dialog;
        dialog.setSettings(a, false);
        dialog.show();
        TokenDialog *tokens = dialog.getToken();
        QVERIFY(tokens);
        QTRY_VERIFY(tokens->isVisible());
        const QString newKey = tokens->publicKeyText();
        QVERIFY2(newKey.startsWith(u'b') && newKey.size() > 40, qPrintable(newKey));
        QCOMPARE(tokens->findChild<QLabel *>(u"publicKey"_s)->text(), newKey);
        click(tokens->copyButton());
        QCOMPARE(QGuiApplication::clipboard()->text(), newKey);
        QVERIFY(!tokens->useButton()->isEnabled());
        QSignalSpy answered(tokens, &TokenDialog::tokenReceived);
        click(tokens->getButton());
        QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 1, 15000);
        QVERIFY2(tokens->useButton()->isEnabled(), qPrintable(tokens->statusText()));
        const QString token = tokens->token();
        QVERIFY(!token.isEmpty());

        // Saved to a file (owner-only, never over another file), loaded back: the same identity.
        QTemporaryDir dir;
        const QString path = dir.filePath(u"identity.key"_s);
        QVERIFY(tokens->saveIdentity(path));
        QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
        QVERIFY(!tokens->saveIdentity(path));
        QVERIFY2(tokens->statusText().startsWith(u"Cannot create"_s), qPrintable(tokens->statusText()));
        tokens->fileChoice()->setChecked(true);
        typeInto(tokens->fileEdit(), dir.filePath(u"missing.key"_s));
        QTest::keyClick(tokens->fileEdit(), Qt::Key_Tab);
        QVERIFY2(tokens->statusText().startsWith(u"Cannot read"_s), qPrintable(tokens->statusText()));
        QVERIFY(!tokens->getButton()->isEnabled());
        typeInto(tokens->fileEdit(), path);
        QTest::keyClick(tokens->fileEdit(), Qt::Key_Tab);
        QCOMPARE(tokens->publicKeyText(), newKey);
        click(tokens->getButton());
        QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 2, 15000);
        QVERIFY2(tokens->useButton()->isEnabled(), qPrintable(tokens->statusText()));
        const QString second = tokens->token();
        QVERIFY(!second.isEmpty());
        click(tokens->useButton()); // the token dialog closes (and is deleted)
        QTRY_COMPARE(dialog.settings().token, second);

        // The daemon accepts the token on later calls.
        ThreadsClient withToken(dialog.settings());
        auto listed = await(withToken.listStores());
        LOOM_VERIFY_OK(listed);
    }

    void cleanupTestCase() { gui.reset(); }
};

QTEST_MAIN(TestGuiClickThrough)
#include "tst_gui_clickthrough.moc"
