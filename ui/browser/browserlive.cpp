#include "browserlive.h"

#include "browser/models/entitymodel.h"
#include "browser/widgets/entitytableview.h"
#include "browser/widgets/entitytreeview.h"
#include "subscription.h"
#include "threadsclient.h"
#include "widgets/messagebar.h"

#include <QLabel>

using namespace Qt::StringLiterals;

namespace loom {

BrowserLive::BrowserLive(const BrowserParts &parts, QLabel *stateLabel, QObject *parent)
    : QObject(parent)
    , m_parts(parts)
    , m_state(stateLabel)
{
    const BrowserContext &context = m_parts.context;
    EntityModel *model = m_parts.model;
    m_subscription = context.client->listen(context.store, {{context.collection, {}, ListenFilter::All}}, this);
    // Batches of 100 ms (250 ms for very large views: each batch with new entities makes the
    // tree lay its rows out again).
    m_subscription->setCoalesceInterval(100);
    connect(model, &EntityModel::countChanged, m_subscription,
            [this, model] { m_subscription->setCoalesceInterval(model->rowCount() > 20000 ? 250 : 100); });
    connect(m_subscription, &Subscription::changes, this, [this, model](const QList<ChangeEvent> &events) {
        model->live()->applyChanges(events);
        Q_EMIT changesSeen(events);
    });
    connect(m_subscription, &Subscription::resubscribed, model->pager(), &EntityPager::refreshLoaded);
    connect(m_subscription, &Subscription::stateChanged, this, &BrowserLive::showState);
    showState();

    m_fade.setInterval(50);
    connect(&m_fade, &QTimer::timeout, this, &BrowserLive::repaintHighlights);
    connect(model, &EntityModel::highlighted, this, [this] {
        if (!m_fade.isActive())
            m_fade.start();
    });
    connect(model->edits(), &EntityEdits::conflictDetected, this, &BrowserLive::showConflict);
}

BrowserLive::~BrowserLive()
{
    stop();
}

void BrowserLive::stop()
{
    // The subscription flushes pending events when it stops: stop it without listening.
    if (!m_subscription)
        return;
    m_subscription->disconnect(this);
    delete m_subscription;
    m_subscription = nullptr;
}

void BrowserLive::showState()
{
    switch (m_subscription->state()) {
    case Subscription::Listening:
        m_state->setText(tr("<span style=\"color:#2e7d32\">● live</span>"));
        m_state->setToolTip(tr("Changes made on the daemon appear here as they happen (Listen)"));
        break;
    case Subscription::Retrying:
        m_state->setText(tr("<span style=\"color:#b26a00\">● reconnecting…</span>"));
        m_state->setToolTip(m_subscription->lastError().toString());
        break;
    case Subscription::Stopped:
        m_state->setText(tr("<span style=\"color:#9e9e9e\">● not live</span>"));
        m_state->setToolTip(m_subscription->lastError().toString());
        break;
    }
}

void BrowserLive::repaintHighlights()
{
    // Only the visible rows that glow are repainted (a full repaint of a big tree is not free),
    // in whichever view is shown (the table or the key-value tree).
    QTreeView *view = m_parts.view;
    if (m_parts.table && m_parts.table->isVisible())
        view = m_parts.table;
    QWidget *viewport = view->viewport();
    QRegion region;
    for (QModelIndex index = view->indexAt(QPoint(0, 0)); index.isValid(); index = view->indexBelow(index)) {
        const QRect rect = view->visualRect(index);
        if (rect.top() > viewport->height())
            break;
        if (index.data(EntityModel::HighlightKindRole).toInt() != 0
            && (index.data(EntityModel::HighlightRole).toReal() > 0 || m_fadeRows.contains(QPersistentModelIndex(index))))
            region += QRect(0, rect.top(), viewport->width(), rect.height());
    }
    // Rows that just stopped glowing get one last repaint.
    m_fadeRows.clear();
    for (QModelIndex index = view->indexAt(QPoint(0, 0)); index.isValid(); index = view->indexBelow(index)) {
        if (view->visualRect(index).top() > viewport->height())
            break;
        if (index.data(EntityModel::HighlightRole).toReal() > 0)
            m_fadeRows.insert(QPersistentModelIndex(index));
    }
    if (!region.isEmpty()) {
        viewport->update(region);
        if (view == m_parts.table) // the frozen _id column glows too
            m_parts.table->frozenView()->viewport()->update(region);
    }
    if (!m_parts.model->hasActiveHighlights() && m_fadeRows.isEmpty())
        m_fade.stop();
}

void BrowserLive::showConflict(const QString &key)
{
    EntityModel *model = m_parts.model;
    MessageBar *bar = m_parts.messages;
    const bool deleted = model->edits()->remoteDeleted(key);
    const QString name = model->isNew(key) ? tr("the new entity") : key;
    bar->showMessage(deleted ? tr("Entity %1 was deleted on the daemon while you were editing it. Saving creates it again.").arg(name)
                             : tr("Entity %1 was changed on the daemon while you were editing it.").arg(name),
                     {}, MessageBar::Warning, key);
    bar->addAction(tr("Keep mine"), [model, bar, key] {
        model->edits()->resolveConflict(key, false);
        bar->resolve(key);
    }, u"keepMine"_s);
    bar->addAction(deleted ? tr("Let it go") : tr("Take theirs"), [model, bar, key] {
        model->edits()->resolveConflict(key, true);
        bar->resolve(key);
    }, u"takeTheirs"_s);
}

} // namespace loom
