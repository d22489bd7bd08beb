// The GUI's pieces without a daemon: item models under QAbstractItemModelTester, the schema
// editor's checks, the schema diff, saved connections (the token only when remembered).
#include "guitestutil.h"
#include "testdaemon.h"

#include "dialogs/connectiondialog.h"
#include "dialogs/collectiondialog.h"
#include "dialogs/newstoredialog.h"
#include "dialogs/schemadiffdialog.h"
#include "models/indexlistmodel.h"
#include "models/invitelinkmodel.h"
#include "models/schemadiff.h"
#include "widgets/collectiontabwidget.h"
#include "widgets/connectiontreewidget.h"
#include "widgets/activitywidget.h"
#include "widgets/collectioneditor.h"
#include "widgets/jsonhighlighter.h"
#include "widgets/qrcodewidget.h"
#include "widgets/schemaeditor.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include "icons/iconprovider.h"

#include <QFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QLabel>
#include <QTabBar>
#include <QTabWidget>
#include <QPointer>
#include <QLineEdit>
#include <QSignalSpy>
#include <QAction>
#include <QRegularExpression>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace loom;

namespace {
const QString kPeer = u"12D3KooWBynX2HaNg73xSLq9TJDQjQKozxCh7MgVqKgGGXWXYzQn"_s;

InviteLink linkFor(const QString &ip, const StoreId &store, const StoreKey &key)
{
    const QString text = u"/ip4/"_s + ip + u"/tcp/4006/p2p/"_s + kPeer + u"/thread/"_s + store.toString();
    const auto address = Multiaddr::fromString(text);
    return InviteLink(*address, key);
}
} // namespace

class TestGuiUnits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void bundledIconsAreLinkedIn()
    {
        for (const char *path : {":/icons/app/loom.svg", ":/icons/app/loom-256.png", ":/icons/nodes/connection.svg",
                                 ":/icons/nodes/store.svg", ":/icons/nodes/collection.svg", ":/icons/nodes/entity.svg"})
            QVERIFY2(QFile::exists(QString::fromLatin1(path)), path);
        const QIcon store = loom::icon(QStringLiteral("server-database"));
        QVERIFY(!store.isNull());
        QVERIFY(!store.pixmap(16, 16).isNull()); // the SVG icon engine renders it
    }

    void indexListModel()
    {
        IndexListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&model, &IndexListModel::indexesChanged);
        model.setIndexes({{u"name"_s, false}, {u"email"_s, true}});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1, IndexListModel::UniqueColumn).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        const QModelIndex added = model.appendIndex();
        QVERIFY(model.setData(added, u"  address.city "_s));
        QVERIFY(model.setData(model.index(2, IndexListModel::UniqueColumn), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(model.indexes().last(), (IndexSpec{u"address.city"_s, true}));
        QVERIFY(model.flags(added) & Qt::ItemIsEditable);
        QVERIFY(model.removeRows(0, 1));
        QCOMPARE(model.indexes(), (QList<IndexSpec>{{u"email"_s, true}, {u"address.city"_s, true}}));
        QVERIFY(!model.removeRows(5, 1));
        QVERIFY(changed.size() >= 4);
    }

    void inviteLinkModelMasksKeys()
    {
        const StoreId store = StoreId::generate();
        const StoreKey key = StoreKey::generate();
        InviteLinkModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLinks({linkFor(u"127.0.0.1"_s, store, key), linkFor(u"192.168.1.4"_s, store, key),
                        linkFor(u"8.8.4.4"_s, store, key)});
        QCOMPARE(model.rowCount(), 3);
        const QString shown = model.index(0, InviteLinkModel::LinkColumn).data().toString();
        QVERIFY(!shown.contains(key.toString()));
        QCOMPARE(shown, model.link(0).maskedString());
        QCOMPARE(model.index(0, InviteLinkModel::ScopeColumn).data().toString(), InviteLinkModel::scopeLabel(Multiaddr::Scope::Loopback));
        QCOMPARE(model.index(1, 0).data(InviteLinkModel::ScopeRole).toInt(), int(Multiaddr::Scope::Private));
        QCOMPARE(model.index(2, 0).data(InviteLinkModel::ScopeRole).toInt(), int(Multiaddr::Scope::Public));
        QVERIFY(!model.index(2, InviteLinkModel::LinkColumn).data(Qt::ToolTipRole).toString().contains(key.toString()));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setRevealed(true);
        QCOMPARE(changed.size(), 1);
        QVERIFY(model.index(0, InviteLinkModel::LinkColumn).data().toString().contains(key.toString()));
        model.setLinks({});
        QCOMPARE(model.rowCount(), 0);
    }

    void collectionEditorChecksAsYouType()
    {
        CollectionEditor editor(CollectionEditor::Mode::Create);
        QSignalSpy validated(&editor, &CollectionEditor::validated);
        QVERIFY(!editor.isValid()); // no name yet
        QTest::keyClicks(editor.nameEdit(), u"People"_s);
        QVERIFY(editor.isValid());  // the minimal schema is valid
        QVERIFY(editor.isJsonValid());

        editor.schemaEditor()->setPlainText(u"{\n  \"type\": \"object\",\n  \"properties\": {\n    \"_id\": {\"type\": \"string\"},\n  }\n}"_s);
        QVERIFY(!editor.isJsonValid());
        QVERIFY(!editor.isValid());
        QVERIFY(editor.summary().contains(u"not valid JSON"_s));
        QVERIFY2(editor.problems().first().message.contains(u"line 5"_s), qPrintable(editor.problems().first().message));

        editor.schemaEditor()->setPlainText(u"{\"type\": \"object\", \"properties\": {\"age\": {\"type\": \"integer\", \"minimum\": 1.5}}}"_s);
        QVERIFY(editor.isJsonValid());
        QVERIFY(!editor.isValid());
        QStringList paths;
        for (const auto &p : editor.problems())
            paths << p.path;
        QVERIFY2(paths.contains(u"properties._id"_s), qPrintable(paths.join(u", "_s)));
        QVERIFY2(paths.contains(u"properties.age.minimum"_s), qPrintable(paths.join(u", "_s)));
        auto *list = editor.findChild<QListWidget *>(u"problemList"_s);
        QVERIFY(list->item(0)->text().contains(u':'));

        editor.schemaEditor()->setPlainText(QString::fromUtf8(schemacheck::minimalSchema()));
        QVERIFY(editor.isValid());
        editor.indexModel()->appendIndex(u"nope"_s);
        QVERIFY(!editor.isValid()); // an index on a field the schema does not have
        editor.indexModel()->removeRows(0, 1);
        QVERIFY(editor.isValid());

        typeIntoName(editor, u"bad name"_s);
        QVERIFY(!editor.isValid());
        QVERIFY(editor.nameProblem().contains(u"space"_s));
        QVERIFY(validated.size() > 5);
    }

    void highlighterColoursJson()
    {
        SchemaEditor editor;
        editor.setPlainText(u"{\"type\": \"object\", \"n\": 12, \"ok\": true}"_s);
        const QTextBlock block = editor.document()->firstBlock();
        const QList<QTextLayout::FormatRange> formats = block.layout()->formats();
        QVERIFY(formats.size() >= 5);
        const auto formatAt = [&](int pos) {
            for (const auto &f : formats)
                if (pos >= f.start && pos < f.start + f.length)
                    return f.format;
            return QTextCharFormat();
        };
        JsonHighlighter reference(nullptr);
        QCOMPARE(formatAt(2).foreground().color(), reference.keyFormat().foreground().color());       // "type"
        QCOMPARE(formatAt(11).foreground().color(), reference.stringFormat().foreground().color());   // "object"
        QCOMPARE(formatAt(24).foreground().color(), reference.numberFormat().foreground().color());   // 12
        QCOMPARE(formatAt(36).foreground().color(), reference.literalFormat().foreground().color());  // true
    }

    void schemaDiff()
    {
        const QByteArray before = R"({"type":"object","properties":{"_id":{"type":"string"},"name":{"type":"string"}}})";
        const QByteArray after = R"({"type":"object","properties":{"_id":{"type":"string"},"name":{"type":"string"},"age":{"type":"integer"}},"required":["name"]})";
        const auto diff = schemadiff::lineDiff(schemadiff::pretty(before).split(u'\n'), schemadiff::pretty(after).split(u'\n'));
        const auto [added, removed] = schemadiff::countChanges(diff);
        QVERIFY(added >= 4);
        QCOMPARE(removed, 0);
        QVERIFY(std::any_of(diff.begin(), diff.end(), [](const schemadiff::Line &l) {
            return l.kind == schemadiff::Line::Added && l.text.contains(u"\"age\""_s);
        }));
        const QStringList changes = schemadiff::indexChanges({{u"name"_s, false}, {u"old"_s, true}},
                                                             {{u"name"_s, true}, {u"age"_s, false}});
        QCOMPARE(changes.size(), 3);
        QVERIFY(changes.contains(u"- index old (unique)"_s));
        QVERIFY(changes.contains(u"+ index age"_s));

        // Long unchanged runs are shortened around the changes.
        QStringList a, b;
        for (int i = 0; i < 40; ++i)
            a << QString::number(i);
        b = a;
        b[20] = u"changed"_s;
        const auto shortDiff = schemadiff::lineDiff(a, b, 3);
        QVERIFY(shortDiff.size() < 15);
        QVERIFY(std::any_of(shortDiff.begin(), shortDiff.end(), [](const auto &l) { return l.kind == schemadiff::Line::Skipped; }));

        SchemaDiffDialog dialog({u"P"_s, before, {}, {}, {}}, {u"P"_s, after, {{u"age"_s, false}}, {}, {}}, u"s"_s);
        const QStringList diffLines = dialog.diffText().split(u'\n');
        QVERIFY(std::any_of(diffLines.begin(), diffLines.end(),
                            [](const QString &l) { return l.startsWith(u"+ "_s) && l.contains(u"\"age\""_s); }));
        QCOMPARE(dialog.indexChanges(), QStringList{u"+ index age"_s});
    }

    void savedConnectionsKeepTokensOnlyWhenAsked()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"loom.ini"_s);
        {
            QSettings settings(file, QSettings::IniFormat);
            ConnectionManager manager(&settings);
            QVERIFY(manager.isFirstStart());
            ConnectionSettings a;
            a.name = u"remembered"_s;
            a.port = loom::test::freeLoopbackPort();
            a.token = u"secret-token-one"_s;
            manager.add(a, true);
            ConnectionSettings b = a;
            b.name = u"forgotten"_s;
            b.token = u"secret-token-two"_s;
            b.deadlineMs = 1500;
            manager.add(b, false);
            ConnectionSettings c = a;
            c.name = u"transient"_s;
            manager.add(c, false, false);
        }
        QFile raw(file);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        const QByteArray text = raw.readAll();
        // Tokens never go into the settings file (a remembered one goes to the keychain:
        // tst_secrets); this manager has none, so it kept the token for its session only.
        QVERIFY(!text.contains("secret-token"));
        QVERIFY(text.contains("rememberToken=true"));
        QVERIFY(!text.contains("transient"));

        QSettings settings(file, QSettings::IniFormat);
        ConnectionManager manager(&settings);
        QSignalSpy problems(&manager, &ConnectionManager::secretProblem);
        QVERIFY(!manager.isFirstStart());
        QCOMPARE(manager.load(), 2);
        QCOMPARE(manager.at(0)->settings().token, QString());
        QVERIFY(manager.at(0)->rememberToken());
        QCOMPARE(problems.size(), 1); // said, in words
        QVERIFY2(problems.first().first().toString().contains(u"no keychain"_s), qPrintable(problems.first().first().toString()));
        QCOMPARE(manager.at(1)->settings().token, QString());
        QCOMPARE(manager.at(1)->settings().deadlineMs, 1500);
    }

    // Issue 12 item 6: "remember token" wrote the token to a settings file others could read (0644).
    // Tokens are in the keychain now, but a token an older Loom wrote stays in the file until it
    // can be moved: the file stays private.
    void settingsFileIsPrivate()
    {
        const mode_t previous = umask(022); // the usual umask: new files would be 0644
        auto restore = qScopeGuard([previous] { umask(previous); });
        QTemporaryDir dir;
        auto mode = [](const QString &path) {
            struct stat st {};
            return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
        };
        const QString file = dir.filePath(u"sub/loom.ini"_s);
        {
            QSettings settings(file, QSettings::IniFormat);
            ConnectionManager manager(&settings);
            ConnectionSettings a;
            a.port = loom::test::freeLoopbackPort();
            a.token = u"secret-token-private"_s;
            manager.add(a, true);
            QCOMPARE(mode(file), 0600);
            QFile raw(file);
            QVERIFY(raw.open(QIODevice::ReadOnly));
            QVERIFY(!raw.readAll().contains("secret-token-private")); // tokens never go there
            // Another write (QSettings replaces the file) keeps it private.
            ConnectionSettings b = a;
            b.name = u"second"_s;
            manager.add(b, true);
            QCOMPARE(mode(file), 0600);
        }
        // A file that was made readable before is made private at the next save.
        QVERIFY(QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                                | QFileDevice::ReadOther));
        QCOMPARE(mode(file), 0644);
        QSettings settings(file, QSettings::IniFormat);
        ConnectionManager manager(&settings);
        QCOMPARE(manager.load(), 2);
        manager.remove(manager.at(1));
        QCOMPARE(mode(file), 0600);
    }

    // Issue 12 item 6: a CA file that cannot be read is the core's error, and the connection shows it
    // (it used to connect with the system's roots instead).
    void unreadableCaFileIsShown()
    {
        ConnectionManager manager(nullptr);
        ConnectionSettings s;
        s.port = loom::test::freeLoopbackPort();
        s.tls = true;
        s.caFile = u"/nonexistent/ca.pem"_s;
        Connection *c = manager.add(s, false, false);
        QTRY_COMPARE(c->state(), ConnectionMonitor::Unreachable);
        QCOMPARE(c->lastError().kind(), ErrorKind::InvalidInput);
        QVERIFY2(c->lastError().message().contains(u"cannot read the CA file \u201c/nonexistent/ca.pem\u201d"_s),
                 qPrintable(c->lastError().message()));
    }

    // Issue 11: Ctrl+W closed a tab with unsaved edits without asking. Every way of closing a tab
    // asks its guard: Ctrl+W (closeCurrentTab), the tab's ×, a middle click.
    void closingATabAsksItsGuard()
    {
        ConnectionManager manager(nullptr);
        ConnectionSettings s;
        s.port = loom::test::freeLoopbackPort();
        Connection *c = manager.add(s, false, false);
        CollectionTabWidget tabs;
        tabs.resize(600, 400);
        tabs.show();
        tabs.setFactory([](Connection *, const StoreId &, const QString &, QWidget *parent) { return new QWidget(parent); });
        bool allow = false;
        int asked = 0;
        tabs.setCloseGuard([&](QWidget *) {
            ++asked;
            return allow;
        });
        const QPointer<QWidget> page = tabs.openCollection(c, StoreId::generate(), u"notes"_s, u"People"_s);
        QVERIFY(page);
        tabs.closeCurrentTab(); // Ctrl+W
        QCOMPARE(asked, 1);
        QCOMPARE(tabs.count(), 1);
        Q_EMIT tabs.tabs()->tabCloseRequested(0); // the tab's ×
        QCOMPARE(asked, 2);
        QTabBar *bar = tabs.tabs()->tabBar();
        QTest::mouseClick(bar, Qt::MiddleButton, {}, bar->tabRect(0).center());
        QCOMPARE(asked, 3);
        QCOMPARE(tabs.count(), 1);
        QVERIFY(page);
        allow = true;
        tabs.closeCurrentTab();
        QCOMPARE(asked, 4);
        QCOMPARE(tabs.count(), 0);
        QVERIFY(!page);
    }

    // Issue 11: F5 was bound twice (the window's Refresh all and a tab's Refresh): Qt called it
    // ambiguous and ran neither. F5 now refreshes what has the focus; Shift+F5 everything.
    void f5RefreshesWhatHasTheFocus()
    {
        loom::test::Gui gui;
        QVERIFY(QTest::qWaitForWindowExposed(gui.window.get()));
        ConnectionSettings s;
        s.port = loom::test::freeLoopbackPort();
        Connection *c = gui.manager->add(s, false, false);
        // A tab whose page has its own F5, as the entity browser has.
        QAction *pageRefresh = nullptr;
        gui.window->setCollectionTabFactory([&pageRefresh](Connection *, const StoreId &, const QString &, QWidget *parent) {
            auto *page = new QLineEdit(parent);
            pageRefresh = new QAction(page);
            pageRefresh->setShortcut(QKeySequence::Refresh);
            pageRefresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
            page->addAction(pageRefresh);
            return page;
        });
        QWidget *page = gui.window->collectionTabs()->openCollection(c, StoreId::generate(), u"notes"_s, u"People"_s);
        QVERIFY(pageRefresh);
        QSignalSpy pageRefreshed(pageRefresh, &QAction::triggered);
        QSignalSpy all(gui.window->tree()->action(ConnectionTreeWidget::RefreshAll), &QAction::triggered);
        QSignalSpy item(gui.window->tree()->action(ConnectionTreeWidget::RefreshItem), &QAction::triggered);
        page->setFocus();
        QTRY_VERIFY(page->hasFocus());
        QTest::keyClick(page, Qt::Key_F5);
        QCOMPARE(pageRefreshed.count(), 1);
        QCOMPARE(all.count(), 0);
        QTest::keyClick(page, Qt::Key_F5, Qt::ShiftModifier);
        QCOMPARE(all.count(), 1);
        gui.select(gui.model()->indexOf(c));
        gui.view()->setFocus();
        QTRY_VERIFY(gui.view()->hasFocus());
        QTest::keyClick(gui.view(), Qt::Key_F5);
        QCOMPARE(item.count(), 1);
        QCOMPARE(pageRefreshed.count(), 1);
    }

    // Issue 11: the New store / New collection dialogs opened with the focus on a button, so a
    // name typed then Enter went nowhere and made an "unnamed" store.
    void dialogsStartAtTheName()
    {
        ConnectionManager manager(nullptr);
        ConnectionSettings s;
        s.port = loom::test::freeLoopbackPort();
        Connection *c = manager.add(s, false, false);
        NewStoreDialog store(c, nullptr);
        store.show();
        QVERIFY(QTest::qWaitForWindowActive(&store));
        QCOMPARE(QApplication::focusWidget(), store.findChild<QLineEdit *>(u"storeName"_s));
        QTest::keyClicks(QApplication::focusWidget(), u"notes"_s);
        QCOMPARE(store.findChild<QLineEdit *>(u"storeName"_s)->text(), u"notes"_s);
        store.close();
        CollectionDialog collection(c, StoreId::generate(), u"notes"_s, nullptr);
        collection.show();
        QVERIFY(QTest::qWaitForWindowActive(&collection));
        QCOMPARE(QApplication::focusWidget(), collection.findChild<QLineEdit *>(u"collectionName"_s));
    }

    void connectionDialog()
    {
        ConnectionDialog dialog;
        dialog.show();
        auto *host = dialog.findChild<QLineEdit *>(u"host"_s);
        loom::test::typeInto(host, QString());
        QVERIFY(!dialog.isInputValid());
        loom::test::typeInto(host, u"127.0.0.1"_s);
        QVERIFY(dialog.isInputValid());
        loom::test::typeInto(dialog.findChild<QLineEdit *>(u"token"_s), u"tok"_s);
        QVERIFY(!dialog.rememberToken());
        dialog.findChild<QCheckBox *>(u"rememberToken"_s)->setChecked(true);
        QVERIFY(dialog.rememberToken());
        QCOMPARE(dialog.settings().token, u"tok"_s);
        dialog.findChild<QCheckBox *>(u"tls"_s)->setChecked(true);
        loom::test::typeInto(dialog.findChild<QLineEdit *>(u"caFile"_s), u"/nonexistent/ca.pem"_s);
        QVERIFY(!dialog.isInputValid());
        // A file that exists but holds no certificate is refused there and then, in the core's words.
        QTemporaryDir dir;
        QFile notPem(dir.filePath(u"notes.txt"_s));
        QVERIFY(notPem.open(QIODevice::WriteOnly));
        notPem.write("not a certificate\n");
        notPem.close();
        loom::test::typeInto(dialog.findChild<QLineEdit *>(u"caFile"_s), notPem.fileName());
        QVERIFY(!dialog.isInputValid());
        auto *problem = dialog.findChild<QLabel *>(u"problem"_s);
        QVERIFY(problem);
        QVERIFY2(problem->text().contains(u"CA file"_s), qPrintable(problem->text()));
        // Issue 11: "&CA file:" showed its ampersand. A label with a mnemonic has a buddy, or the
        // & is shown as text.
        for (const QLabel *label : dialog.findChildren<QLabel *>()) {
            if (label->text().contains(QRegularExpression(u"&[A-Za-z]"_s)) && label->textFormat() != Qt::RichText)
                QVERIFY2(label->buddy(), qPrintable(label->text()));
        }
    }

    void activityTracker()
    {
        ActivityTracker tracker;
        ActivityWidget widget(&tracker);
        QCOMPARE(widget.text(), u"Ready"_s);
        QSignalSpy changed(&tracker, &ActivityTracker::changed);
        auto *first = new Reply<int>(u"list the stores"_s);
        auto *second = new Reply<int>(u"create many entities"_s);
        tracker.track(first);
        tracker.track(second, nullptr, u"import 10 entities"_s);
        QCOMPARE(tracker.runningCount(), 2);
        QCOMPARE(tracker.currentDescription(), u"import 10 entities"_s);
        QVERIFY(widget.text().contains(u"2 calls"_s));
        second->reportProgress(4, 10);
        QCOMPARE(tracker.progressDone(), 4);
        QCOMPARE(tracker.progressTotal(), 10);
        QCOMPARE(widget.progressBar()->value(), 400);
        second->complete(1, {});
        QCOMPARE(tracker.runningCount(), 1);
        QCOMPARE(widget.text(), u"list the stores…"_s);
        delete first; // a reply destroyed before it finished is dropped too
        QCOMPARE(tracker.runningCount(), 0);
        QCOMPARE(widget.text(), u"Ready"_s);
        QVERIFY(changed.size() >= 4);
    }

    void qrCode()
    {
        QrCodeWidget qr;
        QVERIFY(qr.setText(u"/ip4/127.0.0.1/tcp/4006/p2p/"_s + kPeer + u"?bsomething"_s));
        QVERIFY(qr.hasCode());
        QVERIFY(qr.image().width() >= 21);
        qr.clear();
        QVERIFY(!qr.hasCode());
    }

private:
    static void typeIntoName(CollectionEditor &editor, const QString &name) { loom::test::typeInto(editor.nameEdit(), name); }
};

QTEST_MAIN(TestGuiUnits)
#include "tst_gui_units.moc"
