// EntityModel: folding the daemon's changes (Listen batches, re-read pages) into the rows.
#include "entitymodel.h"

#include "entitynode_p.h"
#include "jsonvalues.h"
#include "querymatcher.h"

#include <algorithm>
#include <climits>

using namespace Qt::StringLiterals;

namespace loom {

using detail::EntityEdit;
using detail::EntityNode;
using detail::Highlight;

void EntityModel::applyChanges(const QList<ChangeEvent> &events)
{
    if (m_pageReply) {
        // The page on its way may or may not hold these: apply them once it is in.
        m_deferred += events;
        return;
    }
    // Only the last event per entity counts (a create then a save is one upsert).
    QHash<QString, qsizetype> last;
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (events[i].collection == m_collection)
            last.insert(events[i].instanceId, i);
    }
    bool changed = false;
    std::vector<std::unique_ptr<EntityNode>> inserts;
    m_batchRows = std::pair<int, int>(INT_MAX, -1);
    for (qsizetype i = 0; i < events.size(); ++i) {
        const ChangeEvent &event = events[i];
        if (event.collection != m_collection)
            continue;
        ++m_liveApplied;
        if (last.value(event.instanceId) != i)
            continue;
        if (event.action == ChangeAction::Delete || event.instance.isEmpty())
            changed |= removeRemote(event.instanceId);
        else
            changed |= upsertRemote(event.instance, &inserts, false);
    }
    changed |= !inserts.empty();
    const auto rows = *std::exchange(m_batchRows, std::nullopt);
    if (rows.second >= rows.first)
        Q_EMIT dataChanged(index(rows.first, KeyColumn), index(rows.second, TypeColumn));
    flushInserts(std::move(inserts));
    if (changed) {
        Q_EMIT highlighted();
        Q_EMIT countChanged();
    }
}

bool EntityModel::upsertRemote(const QJsonObject &doc, std::vector<std::unique_ptr<EntityNode>> *inserts,
                               bool trusted)
{
    const QString id = doc.value(u"_id"_s).toString();
    if (id.isEmpty())
        return false;
    EntityNode *node = byKey(id);
    if (!node) {
        if (!trusted && !(QueryMatcher::matches(m_query, doc) && inLoadedRange(id)))
            return false;
        auto fresh = std::make_unique<EntityNode>();
        fresh->key = id;
        fresh->stored = doc;
        startHighlight(fresh.get(), Highlight::Created);
        inserts->push_back(std::move(fresh));
        return true;
    }
    const bool revived = std::exchange(node->deleted, false);
    if (node->edit && !node->edit->isNew) {
        EntityEdit &edit = *node->edit;
        const bool wasDirty = node->dirty();
        if (json::sameIgnoringMod(doc, edit.doc)) {
            // The daemon now holds exactly the working copy (our save's echo): clean again.
            syncChildren(node, doc, false, [this, node, &doc] {
                node->stored = doc;
                node->edit.reset();
                m_edited.remove(node);
            });
        } else if (edit.lastSent && json::sameIgnoringMod(doc, *edit.lastSent)) {
            node->stored = doc; // the echo of a save, with edits made since still pending
            edit.lastSent.reset();
        } else if (edit.remoteDeleted || !json::sameIgnoringMod(doc, node->stored)) {
            edit.remote = doc;
            edit.remoteDeleted = false;
            editStateChanged(node, wasDirty);
            Q_EMIT conflictDetected(node->key);
            return true;
        } else {
            node->stored = doc;
        }
        editStateChanged(node, wasDirty);
        Q_EMIT documentChanged(node->key);
        return true;
    }
    if (node->edit)
        return false;
    if (!trusted && !node->pinned && !QueryMatcher::matches(m_query, doc)) {
        markDeleted(node); // it left the query's results
        return true;
    }
    if (doc == node->stored && !revived)
        return false;
    setStored(node, doc, Highlight::Changed);
    Q_EMIT documentChanged(node->key);
    return true;
}

bool EntityModel::removeRemote(const QString &id)
{
    EntityNode *node = byKey(id);
    if (!node || node->deleted || node->isNew())
        return false;
    if (node->dirty()) {
        const bool wasDirty = true;
        node->edit->remoteDeleted = true;
        node->edit->remote.reset();
        editStateChanged(node, wasDirty);
        Q_EMIT conflictDetected(node->key);
        return true;
    }
    markDeleted(node);
    return true;
}

void EntityModel::markDeleted(EntityNode *node)
{
    if (node->deleted)
        return;
    node->deleted = true;
    startHighlight(node, Highlight::Deleted);
    if (m_batchRows) {
        m_batchRows->first = std::min(m_batchRows->first, node->row);
        m_batchRows->second = std::max(m_batchRows->second, node->row);
    } else {
        const QModelIndex left = indexOf(node, KeyColumn);
        Q_EMIT dataChanged(left, left.siblingAtColumn(TypeColumn));
    }
    if (!m_sweep.isActive())
        m_sweep.start(kHighlightMs);
}

void EntityModel::sweepDeleted()
{
    const qint64 now = m_clock.elapsed();
    qint64 nextDue = -1;
    bool removed = false;
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        const EntityNode *node = m_rows[size_t(i)].get();
        if (!node->deleted)
            continue;
        const qint64 due = node->changedAt + kHighlightMs;
        if (due > now + 20) {
            nextDue = nextDue < 0 ? due : std::min(nextDue, due);
            continue;
        }
        // Remove the run of due rows ending here in one go.
        int first = i;
        while (first > 0 && m_rows[size_t(first - 1)]->deleted
               && m_rows[size_t(first - 1)]->changedAt + kHighlightMs <= now + 20)
            --first;
        removeEntityRows(first, i);
        removed = true;
        i = first;
    }
    if (nextDue >= 0)
        m_sweep.start(int(std::max<qint64>(10, nextDue - now)));
    if (removed)
        Q_EMIT countChanged();
}

void EntityModel::flushInserts(std::vector<std::unique_ptr<EntityNode>> inserts)
{
    if (inserts.empty())
        return;
    std::sort(inserts.begin(), inserts.end(),
              [this](const auto &a, const auto &b) { return idLess(a->key, b->key); });
    // Rows that go to the same place form one insertion; insert from the bottom up so that the
    // positions computed beforehand stay right.
    std::vector<std::pair<int, std::vector<std::unique_ptr<EntityNode>>>> blocks;
    for (auto &node : inserts) {
        const int position = insertPosition(node->key);
        if (blocks.empty() || blocks.back().first != position)
            blocks.emplace_back(position, std::vector<std::unique_ptr<EntityNode>>());
        blocks.back().second.push_back(std::move(node));
    }
    for (auto it = blocks.rbegin(); it != blocks.rend(); ++it)
        insertEntities(it->first, std::move(it->second));
}

} // namespace loom
