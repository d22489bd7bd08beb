// The process tst_browser_drafts kills: a Loom entity browser (the same EntityBrowserWidget as a
// collection's tab in Loom, with Loom's application name, so its drafts go where Loom's go) on
// daemon 127.0.0.1:<port>. Once the first page is in, it makes edits through the model as the
// form does (two entities edited, one new), waits until the drafts file holds all three, prints
// "READY <drafts file>" and waits to be killed (SIGKILL: no destructor, no flush runs).
//   draftchild <port> <store id> <collection> <id to edit> <other id to edit>
#include "browser/browserdrafts.h"
#include "browser/controllers/entitydrafts.h"
#include "browser/entitybrowserwidget.h"
#include "browser/models/entitymodel.h"
#include "threadsclient.h"

#include <QApplication>
#include <QJsonArray>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace loom;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Loom"_s);
    QCoreApplication::setApplicationName(u"loom"_s);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 6) {
        std::fprintf(stderr, "usage: draftchild <port> <store id> <collection> <id> <other id>\n");
        return 2;
    }
    ConnectionSettings settings;
    settings.host = u"127.0.0.1"_s;
    settings.port = quint16(args[1].toUInt());
    const std::optional<StoreId> store = StoreId::fromString(args[2]);
    if (!store)
        return 2;
    const QString collection = args[3];
    const QString first = args[4];
    const QString second = args[5];
    ThreadsClient client(settings);
    EntityBrowserWidget browser(BrowserContext{&client, *store, collection});
    browser.resize(1000, 700);
    browser.show();
    EntityModel *model = browser.model();
    bool edited = false;
    QObject::connect(model->pager(), &EntityPager::pageLoaded, &browser, [&] {
        if (edited || !model->contains(first) || !model->contains(second))
            return;
        edited = true;
        QJsonObject a = model->document(first);
        a.insert(u"name"_s, u"Ada (draft)"_s);
        a.insert(u"score"_s, 42.5);
        a.insert(u"tags"_s, QJsonArray{u"x"_s, u"y"_s});
        model->edits()->editDocument(first, a, u"edit"_s, u"name"_s);
        QJsonObject b = model->document(second);
        b.insert(u"age"_s, 77);
        model->edits()->editDocument(second, b, u"edit"_s);
        model->edits()->addNewEntity(QJsonObject{{u"name"_s, u"New from the draft"_s}, {u"age"_s, 5}});
    });
    EntityDrafts *drafts = browser.drafts()->drafts();
    QObject::connect(drafts, &EntityDrafts::written, &browser, [drafts](int entities) {
        if (entities == 3) {
            std::printf("READY %s\n", qPrintable(drafts->path()));
            std::fflush(stdout);
        }
    });
    QObject::connect(drafts, &EntityDrafts::writeFailed, &browser, [](const QString &error) {
        std::fprintf(stderr, "draftchild: %s\n", qPrintable(error));
    });
    return app.exec();
}
