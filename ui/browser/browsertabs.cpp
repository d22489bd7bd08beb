#include "browsertabs.h"

#include "browser/entitybrowserwidget.h"
#include "browser/widgets/eventlogwidget.h"

#include <QTabWidget>

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
        if (logGuard)
            browser->attachLog(logGuard);
        QObject::connect(browser, &EntityBrowserWidget::tabTitleChanged, tabs, [tabs, browser](const QString &title) {
            if (const int i = tabs->tabs()->indexOf(browser); i >= 0)
                tabs->tabs()->setTabText(i, title);
        });
        QObject::connect(browser, &EntityBrowserWidget::closeReady, tabs, [tabs, browser] { tabs->closePage(browser); });
        QObject::connect(browser, &EntityBrowserWidget::closeCancelled, tabs, &CollectionTabWidget::closeDeclined);
        return browser;
    };
}

} // namespace loom
