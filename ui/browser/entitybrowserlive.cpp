// EntityBrowserWidget: staying current (Listen, highlights, conflicts) and reading the schema.
#include "entitybrowserwidget.h"

#include "entityeditorpanel.h"
#include "entitymodel.h"
#include "infobarwidget.h"
#include "jsonvalues.h"
#include "querybarwidget.h"
#include "subscription.h"
#include "threadsclient.h"

#include <QLabel>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace loom {

void EntityBrowserWidget::startListening()
{
    m_subscription = m_client->listen(m_store, {{m_collection, {}, ListenFilter::All}}, this);
    // Batches of 100 ms (250 ms for very large views: each batch with new entities makes the
    // tree lay its rows out again).
    m_subscription->setCoalesceInterval(100);
    connect(m_model, &EntityModel::countChanged, m_subscription, [this] {
        m_subscription->setCoalesceInterval(m_model->rowCount() > 20000 ? 250 : 100);
    });
    connect(m_subscription, &Subscription::changes, this, &EntityBrowserWidget::onChanges);
    connect(m_subscription, &Subscription::resubscribed, m_model, &EntityModel::refreshLoaded);
    const auto showState = [this] {
        switch (m_subscription->state()) {
        case Subscription::Listening:
            m_live->setText(tr("<span style=\"color:#2e7d32\">● live</span>"));
            m_live->setToolTip(tr("Changes made on the daemon appear here as they happen (Listen)"));
            break;
        case Subscription::Retrying:
            m_live->setText(tr("<span style=\"color:#b26a00\">● reconnecting…</span>"));
            m_live->setToolTip(m_subscription->lastError().toString());
            break;
        case Subscription::Stopped:
            m_live->setText(tr("<span style=\"color:#9e9e9e\">● not live</span>"));
            m_live->setToolTip(m_subscription->lastError().toString());
            break;
        }
    };
    connect(m_subscription, &Subscription::stateChanged, this, showState);
    showState();
}

void EntityBrowserWidget::repaintHighlights()
{
    // Only the visible rows that glow are repainted (a full repaint of a big tree is not free).
    QWidget *viewport = m_view->viewport();
    QRegion region;
    for (QModelIndex index = m_view->indexAt(QPoint(0, 0)); index.isValid(); index = m_view->indexBelow(index)) {
        const QRect rect = m_view->visualRect(index);
        if (rect.top() > viewport->height())
            break;
        if (index.data(EntityModel::HighlightKindRole).toInt() != 0
            && (index.data(EntityModel::HighlightRole).toReal() > 0 || m_fadeRows.contains(QPersistentModelIndex(index))))
            region += QRect(0, rect.top(), viewport->width(), rect.height());
    }
    // Rows that just stopped glowing get one last repaint.
    m_fadeRows.clear();
    for (QModelIndex index = m_view->indexAt(QPoint(0, 0)); index.isValid(); index = m_view->indexBelow(index)) {
        if (m_view->visualRect(index).top() > viewport->height())
            break;
        if (index.data(EntityModel::HighlightRole).toReal() > 0)
            m_fadeRows.insert(QPersistentModelIndex(index));
    }
    if (!region.isEmpty())
        viewport->update(region);
    if (!m_model->hasActiveHighlights() && m_fadeRows.isEmpty())
        m_fade.stop();
}

void EntityBrowserWidget::onChanges(const QList<ChangeEvent> &events)
{
    m_model->applyChanges(events);
    Q_EMIT changesSeen(events);
}

void EntityBrowserWidget::showConflict(const QString &key)
{
    const bool deleted = m_model->remoteDeleted(key);
    const QString name = m_model->isNew(key) ? tr("the new entity") : key;
    m_infoBar->showMessage(InfoBarWidget::Warning,
                           deleted ? tr("Entity %1 was deleted on the daemon while you were editing it. Saving creates it again.").arg(name)
                                   : tr("Entity %1 was changed on the daemon while you were editing it.").arg(name));
    m_infoBar->setTopic(key);
    m_infoBar->addAction(tr("Keep mine"), [this, key] {
        m_model->resolveConflict(key, false);
        m_infoBar->dismiss();
    }, u"keepMine"_s);
    m_infoBar->addAction(deleted ? tr("Let it go") : tr("Take theirs"), [this, key] {
        m_model->resolveConflict(key, true);
        m_infoBar->dismiss();
    }, u"takeTheirs"_s);
}

void EntityBrowserWidget::loadSchema()
{
    auto *reply = m_client->collectionInfo(m_store, m_collection);
    connect(reply, &ReplyBase::finished, this, [this, reply] {
        if (!reply->ok()) {
            setStatus(tr("The schema could not be read (%1): forms are not available.").arg(reply->error().message()));
            return;
        }
        QString problem;
        m_schema = parseSchema(reply->result().schema, &problem);
        m_schemaLoaded = true;
        m_editor->setSchema(m_schema);
        QHash<QString, QString> types;
        const QStringList paths = m_schema.scalarPaths();
        for (const QString &path : paths) {
            if (const SchemaField *f = m_schema.at(json::splitDotted(path)))
                types.insert(path, f->type);
        }
        m_queryBar->setFields(paths, types);
        if (!problem.isEmpty())
            setStatus(tr("The schema could not be read: %1").arg(problem));
    });
}

} // namespace loom
