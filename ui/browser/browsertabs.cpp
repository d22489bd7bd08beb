#include "browsertabs.h"

#include "browser/controllers/draftfile.h"
#include "browser/entitybrowserwidget.h"
#include "browser/widgets/eventlogwidget.h"

#include "session/connectionmanager.h"

#include <QMessageBox>
#include <QCoreApplication>
#include <QPushButton>
#include <QTabWidget>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace loom {

CollectionTabFactory entityBrowserTabs(CollectionTabWidget *tabs, ActivityTracker *tracker, EventLogWidget *log)
{
    tabs->setCloseGuard([](QWidget *page) {
        auto *browser = qobject_cast<EntityBrowserWidget *>(page);
        return !browser || browser->maybeClose();
    });
    const QPointer<EventLogWidget> logGuard(log);
    return [tabs, tracker, logGuard](Connection *connection, const StoreId &store, const QString &collection,
                                     QWidget *parent) -> QWidget * {
        BrowserContext context{connection->client(), store, collection, tracker, connection};
        auto *browser = new EntityBrowserWidget(context, parent);
        // The log and the tab name the store and daemon where two could be confused.
        if (EventLogWidget *log = logGuard) {
            QObject::connect(browser, &EntityBrowserWidget::changesSeen, log,
                             [log, tabs, browser](const QList<ChangeEvent> &events) {
                                 log->appendChanges(events, tabs->sourceName(browser));
                             });
        }
        QObject::connect(browser, &EntityBrowserWidget::tabTitleChanged, tabs,
                         [tabs, browser](const QString &title) { tabs->setPageTitle(browser, title); });
        QObject::connect(browser, &EntityBrowserWidget::closeReady, tabs, [tabs, browser] { tabs->closePage(browser); });
        QObject::connect(browser, &EntityBrowserWidget::closeCancelled, tabs, &CollectionTabWidget::closeDeclined);
        return browser;
    };
}

QMessageBox *offerStartupDrafts(ConnectionManager *connections, CollectionTabWidget *tabs, QWidget *parent)
{
    const QList<Draft> found = drafts::all();
    if (found.isEmpty())
        return nullptr;
    const auto tr = [](const char *text) { return QCoreApplication::translate("loom::offerStartupDrafts", text); };
    QStringList lines;
    QList<Draft> openable;
    const QList<Connection *> open = connections->connections();
    for (const Draft &d : found) {
        const bool reachable = std::any_of(open.begin(), open.end(), [&d](const Connection *c) { return c->endpoint() == d.daemon; });
        lines << u"• "_s + drafts::describe(d) + (reachable ? QString() : tr(" (no connection to it: add one to restore them)"));
        if (reachable)
            openable << d;
    }
    auto *box = new QMessageBox(QMessageBox::Information, tr("Unsaved edits"),
                                tr("Unsaved edits from a previous session:\n%1").arg(lines.join(u'\n')),
                                QMessageBox::NoButton, parent);
    box->setObjectName(u"draftsBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(tr("Open their collections to restore or discard them? They stay in %1 until then.")
                                .arg(drafts::directory()));
    QPushButton *openButton = openable.isEmpty() ? nullptr : box->addButton(tr("Open"), QMessageBox::AcceptRole);
    box->addButton(tr("Later"), QMessageBox::RejectRole);
    if (openButton)
        box->setDefaultButton(openButton);
    const QPointer<CollectionTabWidget> tabsGuard(tabs);
    const QPointer<ConnectionManager> manager(connections);
    QObject::connect(box, &QMessageBox::finished, box, [box, openButton, openable, tabsGuard, manager] {
        if (!openButton || box->clickedButton() != openButton || !tabsGuard || !manager)
            return;
        for (const Draft &d : openable) {
            const std::optional<StoreId> store = StoreId::fromString(d.store);
            if (!store)
                continue;
            const QList<Connection *> now = manager->connections();
            const auto c = std::find_if(now.begin(), now.end(), [&d](const Connection *c) { return c->endpoint() == d.daemon; });
            if (c != now.end())
                tabsGuard->openCollection(*c, *store, QString(), d.collection);
        }
    });
    box->open();
    return box;
}

} // namespace loom
