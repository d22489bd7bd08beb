#include "livemerger.h"

#include "browser/models/entityedits.h"
#include "browser/models/entitymodel.h"
#include "browser/models/entitynode_p.h"
#include "browser/models/entitypager.h"
#include "jsonrules.h"

#include <QHash>

namespace loom {

using detail::EntityNode;
using detail::Highlight;

LiveMerger::LiveMerger(EntityModel *model)
    : QObject(model)
    , m_model(model)
{
}

void LiveMerger::applyChanges(const QList<ChangeEvent> &events)
{
    if (m_model->pager()->isLoading()) {
        // The page on its way may or may not hold these: apply them once it is in.
        m_deferred += events;
        return;
    }
    const QString &collection = m_model->context().collection;
    // Only the last event per entity counts (a create then a save is one upsert).
    QHash<QString, qsizetype> last;
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (events[i].collection == collection)
            last.insert(events[i].instanceId, i);
    }
    bool changed = false;
    Nodes inserts;
    m_model->beginBatch();
    for (qsizetype i = 0; i < events.size(); ++i) {
        const ChangeEvent &event = events[i];
        if (event.collection != collection)
            continue;
        ++m_applied;
        if (last.value(event.instanceId) != i)
            continue;
        if (event.action == ChangeAction::Delete || event.instance.isEmpty())
            changed |= removeRemote(event.instanceId);
        else
            changed |= upsertRemote(event.instance, &inserts, false);
    }
    changed |= !inserts.empty();
    m_model->endBatch();
    m_model->insertSorted(std::move(inserts));
    if (changed) {
        m_model->notifyHighlighted();
        m_model->notifyCountChanged();
    }
}

void LiveMerger::applyDeferred()
{
    if (!m_deferred.isEmpty())
        applyChanges(std::exchange(m_deferred, {}));
}

bool LiveMerger::upsertRemote(const QJsonObject &doc, Nodes *inserts, bool trusted)
{
    const QString id = doc.value(m_model->idField()).toString();
    if (id.isEmpty())
        return false;
    const Query &query = m_model->pager()->query();
    EntityNode *node = m_model->byKey(id);
    if (!node) {
        if (!trusted && !(json::matches(query, doc) && m_model->pager()->inLoadedRange(id)))
            return false;
        auto fresh = std::make_unique<EntityNode>();
        fresh->key = id;
        fresh->stored = doc;
        m_model->startHighlight(fresh.get(), Highlight::Created);
        inserts->push_back(std::move(fresh));
        return true;
    }
    const bool revived = std::exchange(node->deleted, false);
    if (node->edit && !node->edit->isNew) {
        m_model->edits()->mergeRemote(node, doc);
        return true;
    }
    if (node->edit)
        return false;
    if (!trusted && !node->pinned && !json::matches(query, doc)) {
        m_model->markDeleted(node); // it left the query's results
        return true;
    }
    if (doc == node->stored && !revived)
        return false;
    m_model->setStored(node, doc, Highlight::Changed);
    m_model->edits()->announceDocument(node->key);
    return true;
}

bool LiveMerger::removeRemote(const QString &id)
{
    EntityNode *node = m_model->byKey(id);
    if (!node || node->deleted || node->isNew())
        return false;
    if (node->dirty()) {
        m_model->edits()->remoteRemoved(node);
    } else {
        m_model->markDeleted(node);
        m_model->edits()->forgetUndoSteps({id}); // (steps undone back to clean, now of nothing)
    }
    return true;
}

} // namespace loom
