#pragma once

#include "session/connection.h"
#include "storeid.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QStackedWidget;
class QTabWidget;

namespace loom {

class ThreadsClient;
class WelcomeWidget;

// Makes the content of a collection's tab. The widget gets `parent`; it may keep `connection`
// and its client (they live as long as the tab: tabs close before their connection goes).
using CollectionTabFactory = std::function<QWidget *(loom::Connection *connection, const loom::StoreId &store,
                                                     const QString &collection, QWidget *parent)>;

// The central area: one tab per open collection (opening it again shows its tab), or the
// welcome page when none is open. Tab content comes from the factory, or is the collection's
// schema view (SchemaViewWidget) when no factory is set.
class CollectionTabWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CollectionTabWidget)

public:
    explicit CollectionTabWidget(QWidget *parent = nullptr);
    ~CollectionTabWidget() override;

    void setFactory(CollectionTabFactory factory) { m_factory = std::move(factory); }
    // Asked before a person closes a tab (or the window): true = close now; false = not now: the
    // page asks its question without blocking, and later either calls closePage() (the answer
    // let it close) or closeDeclined() (it stays).
    void setCloseGuard(std::function<bool(QWidget *page)> guard) { m_closeGuard = std::move(guard); }
    void closePage(QWidget *page);
    void closeDeclined();
    // Asks every tab's guard (quitting); true when all may close now. Otherwise the tabs are asked
    // one at a time (as closeTabsAsking) and closeAllResumed() follows once all agreed and closed
    // (the window tries again); nothing follows when one is declined.
    bool confirmCloseAll();
    // Closes the tabs of a connection, of one of its stores, or of one collection (as closeTabs),
    // asking each page's guard first, one question at a time and without blocking. `then(true)`
    // runs once every one agreed and all are closed (at once when none had to ask); `then(false)`
    // when one was declined: that tab and those not yet asked stay open. A tab that answered
    // Save or Discard before the decline has closed. Requests made while one is asking wait their
    // turn. `context` going away drops `then`.
    void closeTabsAsking(const Connection *connection, const StoreId &store, const QString &collection,
                         QObject *context, std::function<void(bool closed)> then);
    bool isAsking() const { return !m_requests.isEmpty(); }
    bool hasFactory() const { return bool(m_factory); }

    // Opens (or shows) the collection's tab and returns its content.
    QWidget *openCollection(Connection *connection, const StoreId &store, const QString &storeName,
                            const QString &collection);
    QWidget *findTab(const Connection *connection, const StoreId &store, const QString &collection) const;
    // Closes the tabs of a connection, of one of its stores, or of one collection WITHOUT asking
    // (tearing down, or the thing is already gone); what people do goes through closeTabsAsking.
    void closeTabs(const Connection *connection, const StoreId &store = {}, const QString &collection = {});
    void closeCurrentTab(); // asks the close guard, like the tab's × and a middle click
    // After the collection's schema was edited: reloads the schema views showing it, and calls
    // the slot reloadSchema() of other pages that have one (the entity browser).
    void reloadSchemaViews(const Connection *connection, const StoreId &store, const QString &collection);

    // The page's own title (e.g. "Person*"). Where two open tabs show collections of the same
    // name, each also names its store and daemon: "Person — Team (127.0.0.1:6007)".
    void setPageTitle(QWidget *page, const QString &title);
    // The store and daemon of a page, as its title adds them ("Team (127.0.0.1:6007)").
    QString sourceName(const QWidget *page) const;
    // Whether another open tab shows a collection of the same name.
    bool isConfusable(const QWidget *page) const;

    QTabWidget *tabs() const { return m_tabs; }
    WelcomeWidget *welcome() const { return m_welcome; }
    int count() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    void closeAllResumed();
    // The current tab changed (connection null: no tab is open).
    void currentCollectionChanged(loom::Connection *connection, const loom::StoreId &store, const QString &collection);
    void editSchemaRequested(loom::Connection *connection, const loom::StoreId &store, const QString &storeName,
                             const QString &collection);
    // A page reported Listen events of its store (its signal changesSeen), e.g. an entity browser.
    void storeChangesSeen(loom::Connection *connection, const loom::StoreId &store);

private Q_SLOTS:
    void pageChangesSeen();

private:
    struct Tab
    {
        QPointer<QWidget> page;
        QPointer<Connection> connection;
        StoreId store;
        QString storeName;
        QString collection;
        QString title; // the page's own (setPageTitle)
    };
    struct CloseRequest
    {
        QList<QPointer<QWidget>> pages;
        QPointer<QObject> context;
        bool hasContext = false;
        std::function<void(bool)> then;
        QWidget *asking = nullptr; // the page whose question is open
    };
    void closeAt(int index);
    void updateTitles();
    const Tab *tabOf(const QWidget *page) const;
    void updatePage();
    QList<QWidget *> pagesOf(const Connection *connection, const StoreId &store, const QString &collection) const;
    void continueRequest();
    void finishRequest(bool closed);

    CollectionTabFactory m_factory;
    std::function<bool(QWidget *)> m_closeGuard;
    QStackedWidget *m_stack;
    WelcomeWidget *m_welcome;
    QTabWidget *m_tabs;
    QList<Tab> m_open;
    QList<CloseRequest> m_requests; // the first one is asking
};

} // namespace loom
