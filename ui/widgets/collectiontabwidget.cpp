#include "collectiontabwidget.h"

#include "session/connection.h"
#include "icons/iconprovider.h"
#include "schemaviewwidget.h"
#include "welcomewidget.h"

#include <QMetaMethod>
#include <QMouseEvent>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace loom {

CollectionTabWidget::CollectionTabWidget(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_welcome(new WelcomeWidget(this))
    , m_tabs(new QTabWidget(this))
{
    setObjectName(u"collectionTabs"_s);
    m_tabs->setObjectName(u"tabs"_s);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    m_tabs->tabBar()->setElideMode(Qt::ElideMiddle);
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_tabs);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    m_tabs->tabBar()->installEventFilter(this);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        QWidget *page = m_tabs->widget(index);
        if (page && (!m_closeGuard || m_closeGuard(page)))
            closeAt(index);
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        const Tab *t = tabOf(m_tabs->currentWidget());
        Q_EMIT currentCollectionChanged(t ? t->connection.data() : nullptr, t ? t->store : StoreId(),
                                        t ? t->collection : QString());
    });
    updatePage();
}

CollectionTabWidget::~CollectionTabWidget()
{
    // Tab contents may hold their connection's client: they go first.
    while (m_tabs->count() > 0)
        closeAt(0);
}

int CollectionTabWidget::count() const
{
    return m_tabs->count();
}

QWidget *CollectionTabWidget::findTab(const Connection *connection, const StoreId &store,
                                      const QString &collection) const
{
    for (const Tab &t : m_open)
        if (t.page && t.connection == connection && t.store == store && t.collection == collection)
            return t.page;
    return nullptr;
}

QWidget *CollectionTabWidget::openCollection(Connection *connection, const StoreId &store, const QString &storeName,
                                             const QString &collection)
{
    if (QWidget *existing = findTab(connection, store, collection)) {
        m_tabs->setCurrentWidget(existing);
        return existing;
    }
    QWidget *page = nullptr;
    if (m_factory)
        page = m_factory(connection, store, collection, m_tabs);
    if (!page) {
        auto *view = new SchemaViewWidget(connection->client(), store, collection, m_tabs);
        const QPointer<Connection> guard(connection);
        connect(view, &SchemaViewWidget::editRequested, this, [this, guard, store, storeName, collection] {
            if (guard)
                Q_EMIT editSchemaRequested(guard, store, storeName, collection);
        });
        page = view;
    }
    m_open.append({page, connection, store, storeName, collection, collection});
    // A page that tells of its store's Listen events (the entity browser's changesSeen) is heard
    // as storeChangesSeen (the Replication panel reads again at once); the shell names no page type.
    const int changes = page->metaObject()->indexOfSignal("changesSeen(QList<loom::ChangeEvent>)");
    if (changes >= 0)
        connect(page, page->metaObject()->method(changes), this,
                metaObject()->method(metaObject()->indexOfSlot("pageChangesSeen()")));
    const int at = m_tabs->addTab(page, icon(u"x-office-spreadsheet"_s), collection);
    m_tabs->setTabToolTip(at, tr("Collection “%1” in the store “%2” on %3\n(store ID %4)")
                                  .arg(collection, storeName.isEmpty() ? tr("unnamed") : storeName,
                                       connection->displayName(), store.toString()));
    m_tabs->setCurrentIndex(at);
    updateTitles();
    updatePage();
    return page;
}

const CollectionTabWidget::Tab *CollectionTabWidget::tabOf(const QWidget *page) const
{
    for (const Tab &t : m_open)
        if (page && t.page == page)
            return &t;
    return nullptr;
}

void CollectionTabWidget::setPageTitle(QWidget *page, const QString &title)
{
    for (Tab &t : m_open)
        if (t.page == page)
            t.title = title;
    updateTitles();
}

QString CollectionTabWidget::sourceName(const QWidget *page) const
{
    const Tab *t = tabOf(page);
    if (!t)
        return {};
    return tr("%1 (%2)").arg(t->storeName.isEmpty() ? tr("unnamed") : t->storeName,
                             t->connection ? t->connection->displayName() : QString());
}

bool CollectionTabWidget::isConfusable(const QWidget *page) const
{
    const Tab *t = tabOf(page);
    return t && std::any_of(m_open.begin(), m_open.end(), [t](const Tab &other) {
               return other.page && other.page != t->page && other.collection == t->collection;
           });
}

void CollectionTabWidget::updateTitles()
{
    for (const Tab &t : m_open) {
        const int i = m_tabs->indexOf(t.page);
        if (i < 0)
            continue;
        QString text = t.title;
        if (isConfusable(t.page)) {
            // "Person* — Team (…)" would hide the mark in the middle: it stays last.
            const bool unsaved = text.endsWith(u'*');
            text = tr("%1 — %2").arg(unsaved ? text.chopped(1) : text, sourceName(t.page)) + (unsaved ? u"*"_s : QString());
        }
        if (m_tabs->tabText(i) != text)
            m_tabs->setTabText(i, text);
    }
}

void CollectionTabWidget::closeAt(int index)
{
    QWidget *page = m_tabs->widget(index);
    if (!page)
        return;
    m_tabs->removeTab(index);
    if (!m_requests.isEmpty() && m_requests.first().asking == page) {
        // Closed while its question was open (its connection went): the request goes on.
        m_requests.first().asking = nullptr;
        QMetaObject::invokeMethod(this, &CollectionTabWidget::continueRequest, Qt::QueuedConnection);
    }
    m_open.removeIf([page](const Tab &t) { return t.page == page || t.page.isNull(); });
    // Deleted now, not later: its client may be about to go.
    delete page;
    updateTitles();
    updatePage();
}

void CollectionTabWidget::closePage(QWidget *page)
{
    const bool answered = !m_requests.isEmpty() && m_requests.first().asking == page;
    if (answered)
        m_requests.first().asking = nullptr;
    const int index = m_tabs->indexOf(page);
    if (index >= 0)
        closeAt(index);
    if (answered)
        continueRequest();
}

void CollectionTabWidget::closeDeclined()
{
    if (!m_requests.isEmpty() && m_requests.first().asking)
        finishRequest(false);
}

QList<QWidget *> CollectionTabWidget::pagesOf(const Connection *connection, const StoreId &store,
                                              const QString &collection) const
{
    QList<QWidget *> pages;
    for (int i = 0; i < m_tabs->count(); ++i) {
        QWidget *page = m_tabs->widget(i);
        const auto it = std::find_if(m_open.begin(), m_open.end(), [page](const Tab &t) { return t.page == page; });
        if (it == m_open.end() || it->connection != connection)
            continue;
        if (store.isValid() && it->store != store)
            continue;
        if (!collection.isEmpty() && it->collection != collection)
            continue;
        pages.append(page);
    }
    return pages;
}

void CollectionTabWidget::closeTabsAsking(const Connection *connection, const StoreId &store,
                                          const QString &collection, QObject *context,
                                          std::function<void(bool)> then)
{
    CloseRequest request;
    for (QWidget *page : pagesOf(connection, store, collection))
        request.pages.append(page);
    request.context = context;
    request.hasContext = context != nullptr;
    request.then = std::move(then);
    m_requests.append(std::move(request));
    if (m_requests.size() == 1)
        continueRequest();
}

// Asks the pages of the first request in turn; a page that asks stops the walk until it answers
// (closePage: go on; closeDeclined: the request ends). Pages that may close are closed only once
// all agreed, so a declined request leaves them open.
void CollectionTabWidget::continueRequest()
{
    while (!m_requests.isEmpty()) {
        CloseRequest &request = m_requests.first();
        request.pages.removeIf([this](const QPointer<QWidget> &p) { return !p || m_tabs->indexOf(p) < 0; });
        for (const QPointer<QWidget> &page : std::as_const(request.pages)) {
            if (m_closeGuard && !m_closeGuard(page)) {
                request.asking = page;
                m_tabs->setCurrentWidget(page);
                return; // one question at a time
            }
        }
        for (const QPointer<QWidget> &page : std::as_const(request.pages))
            if (page)
                closeAt(m_tabs->indexOf(page));
        finishRequest(true);
    }
}

void CollectionTabWidget::finishRequest(bool closed)
{
    CloseRequest request = m_requests.takeFirst();
    const bool more = !m_requests.isEmpty();
    if (request.then && (!request.hasContext || request.context))
        request.then(closed);
    // The next request (if any) starts once this one has answered; not from inside the loop.
    if (more && !closed)
        continueRequest();
}

bool CollectionTabWidget::confirmCloseAll()
{
    QList<QPointer<QWidget>> pages;
    bool all = true;
    for (int i = 0; i < m_tabs->count(); ++i) {
        pages.append(m_tabs->widget(i));
        if (all && m_closeGuard && !m_closeGuard(m_tabs->widget(i)))
            all = false; // (it asks now; the request below waits for its answer)
    }
    if (all)
        return true;
    CloseRequest request;
    request.pages = pages;
    request.then = [this](bool closed) {
        if (closed)
            Q_EMIT closeAllResumed();
    };
    m_requests.append(std::move(request));
    if (m_requests.size() == 1)
        continueRequest();
    return false;
}

void CollectionTabWidget::closeTabs(const Connection *connection, const StoreId &store, const QString &collection)
{
    const QList<QWidget *> pages = pagesOf(connection, store, collection);
    for (QWidget *page : pages)
        closeAt(m_tabs->indexOf(page));
}

void CollectionTabWidget::closeCurrentTab()
{
    // Ctrl+W asks the page first, like the tab's × (unsaved edits are never dropped silently).
    if (m_tabs->currentIndex() >= 0)
        Q_EMIT m_tabs->tabCloseRequested(m_tabs->currentIndex());
}

bool CollectionTabWidget::eventFilter(QObject *watched, QEvent *event)
{
    // A middle click on a tab closes it (asking first), as in browsers and editors.
    if (watched == m_tabs->tabBar() && event->type() == QEvent::MouseButtonRelease) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::MiddleButton) {
            if (const int index = m_tabs->tabBar()->tabAt(mouse->position().toPoint()); index >= 0) {
                Q_EMIT m_tabs->tabCloseRequested(index);
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void CollectionTabWidget::pageChangesSeen()
{
    if (const Tab *t = tabOf(qobject_cast<QWidget *>(sender())); t && t->connection)
        Q_EMIT storeChangesSeen(t->connection, t->store);
}

void CollectionTabWidget::reloadSchemaViews(const Connection *connection, const StoreId &store,
                                            const QString &collection)
{
    for (const Tab &t : m_open) {
        if (!t.page || t.connection != connection || t.store != store || t.collection != collection)
            continue;
        if (auto *view = qobject_cast<SchemaViewWidget *>(t.page.data()))
            view->reload();
        else if (t.page->metaObject()->indexOfSlot("reloadSchema()") >= 0)
            QMetaObject::invokeMethod(t.page.data(), "reloadSchema");
    }
}

void CollectionTabWidget::updatePage()
{
    m_stack->setCurrentIndex(m_tabs->count() > 0 ? 1 : 0);
}

} // namespace loom
