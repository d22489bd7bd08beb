#include "entityrows.h"

#include "jsonrules.h"

#include "browser/models/entitynode_p.h"

#include <QJsonArray>

#include <algorithm>
#include <climits>

using namespace Qt::StringLiterals;

namespace loom {

using detail::EntityNode;
using detail::Highlight;
using detail::TreeNode;
using detail::ValueNode;

EntityRows::EntityRows(QObject *parent)
    : EntityTree(parent)
{
    m_sweep.setSingleShot(true);
    connect(&m_sweep, &QTimer::timeout, this, &EntityRows::sweepDeleted);
}

EntityRows::~EntityRows() = default;

EntityNode *EntityRows::byKey(const QString &key) const
{
    return m_byKey.value(key);
}

EntityNode *EntityRows::rowAt(int row) const
{
    return row >= 0 && size_t(row) < m_rows.size() ? m_rows[size_t(row)].get() : nullptr;
}

QModelIndex EntityRows::indexForKey(const QString &key, int column) const
{
    return indexOf(byKey(resolveKey(key)), column);
}

QModelIndex EntityRows::indexForPath(const QString &key, const QStringList &path, int column) const
{
    TreeNode *node = byKey(resolveKey(key));
    for (const QString &k : path) {
        if (!node)
            return {};
        ensureBuilt(node);
        const auto it = std::find_if(node->children.begin(), node->children.end(),
                                     [&k](const auto &child) { return child->key == k; });
        node = it == node->children.end() ? nullptr : it->get();
    }
    return indexOf(node, column);
}

QString EntityRows::keyAt(const QModelIndex &index) const
{
    const TreeNode *node = nodeAt(index);
    return node ? detail::entityOf(node)->key : QString();
}

QModelIndex EntityRows::entityIndex(const QModelIndex &index) const
{
    const TreeNode *node = nodeAt(index);
    return node ? indexOf(detail::entityOf(node)) : QModelIndex();
}

QStringList EntityRows::pathAt(const QModelIndex &index) const
{
    QStringList path;
    for (const TreeNode *node = nodeAt(index); node && !node->isEntity; node = node->parent)
        path.prepend(static_cast<const ValueNode *>(node)->key);
    return path;
}

QJsonValue EntityRows::fieldValue(const QModelIndex &index, const QStringList &path) const
{
    const TreeNode *node = nodeAt(index);
    if (!node || path.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    const QJsonValue first = detail::entityOf(node)->field(path.first());
    return path.size() == 1 ? first : json::valueAt(first, path.mid(1));
}

bool EntityRows::contains(const QString &key) const
{
    return byKey(resolveKey(key)) != nullptr;
}

QJsonObject EntityRows::document(const QString &key) const
{
    const EntityNode *node = byKey(resolveKey(key));
    return node ? node->doc() : QJsonObject();
}

QJsonObject EntityRows::storedDocument(const QString &key) const
{
    const EntityNode *node = byKey(resolveKey(key));
    return node ? node->stored : QJsonObject();
}

bool EntityRows::isNew(const QString &key) const
{
    const EntityNode *node = byKey(resolveKey(key));
    return node && node->isNew();
}

bool EntityRows::isDirty(const QString &key) const
{
    const EntityNode *node = byKey(resolveKey(key));
    return node && node->dirty();
}

QString EntityRows::resolveKey(const QString &key) const
{
    return m_renamed.value(key, key);
}

int EntityRows::loadedCount() const
{
    return int(m_rows.size()) - m_newCount;
}

int EntityRows::builtEntityCount() const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(), [](const auto &n) { return n->built; }));
}

QString EntityRows::nextNewKey()
{
    return u"new:"_s + QString::number(++m_newSerial);
}

void EntityRows::setEdited(EntityNode *node, bool edited)
{
    if (edited)
        m_edited.insert(node);
    else
        m_edited.remove(node);
}

// --- Blocks of rows -----------------------------------------------------------------------------

int EntityRows::pagedEnd() const
{
    return int(m_rows.size()) - m_pinnedCount;
}

bool EntityRows::idLess(const QString &a, const QString &b) const
{
    return m_descending ? b < a : a < b;
}

int EntityRows::insertPosition(const QString &id) const
{
    const auto begin = m_rows.begin() + pagedBegin();
    const auto end = m_rows.begin() + pagedEnd();
    const auto it = std::lower_bound(begin, end, id, [this](const std::unique_ptr<EntityNode> &node, const QString &key) {
        return idLess(node->key, key);
    });
    return int(it - m_rows.begin());
}

void EntityRows::renumber(int from)
{
    for (size_t i = size_t(std::max(from, 0)); i < m_rows.size(); ++i)
        m_rows[i]->row = int(i);
}

void EntityRows::insertEntities(int position, Nodes nodes)
{
    if (nodes.empty())
        return;
    beginInsertRows({}, position, position + int(nodes.size()) - 1);
    for (const auto &node : nodes)
        m_byKey.insert(node.get());
    m_rows.insert(m_rows.begin() + position, std::make_move_iterator(nodes.begin()),
                  std::make_move_iterator(nodes.end()));
    renumber(position);
    endInsertRows();
}

void EntityRows::removeEntityRows(int first, int last)
{
    beginRemoveRows({}, first, last);
    for (int i = first; i <= last; ++i) {
        EntityNode *node = m_rows[size_t(i)].get();
        m_byKey.remove(node->key);
        m_edited.remove(node);
        if (i < m_newCount)
            --m_newCount;
        else if (node->pinned)
            --m_pinnedCount;
    }
    m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
    renumber(first);
    endRemoveRows();
}

void EntityRows::moveEntity(int from, int to)
{
    if (to == from || to == from + 1)
        return;
    beginMoveRows({}, from, from, {}, to);
    auto node = std::move(m_rows[size_t(from)]);
    m_rows.erase(m_rows.begin() + from);
    const int target = to > from ? to - 1 : to;
    m_rows.insert(m_rows.begin() + target, std::move(node));
    renumber(std::min(from, target));
    endMoveRows();
}

void EntityRows::addNew(std::unique_ptr<EntityNode> node)
{
    Nodes one;
    one.push_back(std::move(node));
    insertEntities(0, std::move(one));
    ++m_newCount;
}

void EntityRows::pinAtEnd(std::unique_ptr<EntityNode> node)
{
    node->pinned = true;
    Nodes one;
    one.push_back(std::move(node));
    insertEntities(int(m_rows.size()), std::move(one));
    ++m_pinnedCount;
}

QModelIndex EntityRows::pin(const QJsonObject &entity)
{
    const QString id = entity.value(m_idField).toString();
    if (id.isEmpty())
        return {};
    if (const EntityNode *node = byKey(id))
        return indexOf(node);
    auto node = std::make_unique<EntityNode>();
    node->key = id;
    node->stored = entity;
    const EntityNode *raw = node.get();
    pinAtEnd(std::move(node));
    Q_EMIT countChanged();
    return indexOf(raw);
}

void EntityRows::unpin(EntityNode *node)
{
    moveEntity(node->row, insertPosition(node->key));
    node->pinned = false;
    --m_pinnedCount;
}

void EntityRows::settle(EntityNode *node, bool inLoadedRange)
{
    // Out of the block of new entities, into the loaded rows (or pinned at the end).
    if (inLoadedRange) {
        moveEntity(node->row, insertPosition(node->key));
    } else {
        moveEntity(node->row, int(m_rows.size()));
        node->pinned = true;
        ++m_pinnedCount;
    }
    --m_newCount;
}

void EntityRows::rename(EntityNode *node, const QString &newKey)
{
    m_byKey.remove(node->key);
    node->key = newKey;
    m_byKey.insert(node);
}

void EntityRows::resetKeepingUnsaved()
{
    beginResetModel();
    // Unsaved work survives a new query: new entities stay on top, edited ones are pinned below.
    Nodes kept;
    Nodes pinned;
    for (auto &node : m_rows) {
        if (node->isNew()) {
            kept.push_back(std::move(node));
        } else if (node->edit || (node->pinned && !node->deleted)) {
            node->pinned = true;
            pinned.push_back(std::move(node));
        }
    }
    m_rows = std::move(kept);
    m_newCount = int(m_rows.size());
    m_pinnedCount = int(pinned.size());
    for (auto &node : pinned)
        m_rows.push_back(std::move(node));
    m_byKey.clear();
    m_edited.clear();
    for (const auto &node : m_rows) {
        m_byKey.insert(node.get());
        if (node->edit)
            m_edited.insert(node.get());
    }
    renumber(0);
    endResetModel();
}

void EntityRows::insertSorted(Nodes nodes)
{
    if (nodes.empty())
        return;
    std::sort(nodes.begin(), nodes.end(), [this](const auto &a, const auto &b) { return idLess(a->key, b->key); });
    // Rows that go to the same place form one insertion; insert from the bottom up so that the
    // positions computed beforehand stay right.
    std::vector<std::pair<int, Nodes>> blocks;
    for (auto &node : nodes) {
        const int position = insertPosition(node->key);
        if (blocks.empty() || blocks.back().first != position)
            blocks.emplace_back(position, Nodes());
        blocks.back().second.push_back(std::move(node));
    }
    for (auto it = blocks.rbegin(); it != blocks.rend(); ++it)
        insertEntities(it->first, std::move(it->second));
}

// --- Fading out deleted rows --------------------------------------------------------------------

void EntityRows::beginBatch()
{
    m_batchRows = std::pair<int, int>(INT_MAX, -1);
}

void EntityRows::endBatch()
{
    const auto rows = *std::exchange(m_batchRows, std::nullopt);
    if (rows.second >= rows.first)
        Q_EMIT dataChanged(index(rows.first, KeyColumn), index(rows.second, TypeColumn));
}

void EntityRows::rowChanged(EntityNode *node)
{
    if (m_batchRows) {
        // One ranged dataChanged for the whole batch (QTreeView looks each single row up).
        m_batchRows->first = std::min(m_batchRows->first, node->row);
        m_batchRows->second = std::max(m_batchRows->second, node->row);
        return;
    }
    const QModelIndex left = indexOf(node, KeyColumn);
    Q_EMIT dataChanged(left, left.siblingAtColumn(TypeColumn));
}

void EntityRows::markDeleted(EntityNode *node)
{
    if (node->deleted)
        return;
    node->deleted = true;
    startHighlight(node, Highlight::Deleted);
    rowChanged(node);
    if (!m_sweep.isActive())
        m_sweep.start(kHighlightMs);
}

void EntityRows::sweepDeleted()
{
    const qint64 now = clockMs();
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

void EntityRows::setStored(EntityNode *node, const QJsonObject &doc, Highlight highlight)
{
    if (node->edit) {
        node->stored = doc; // the working copy stays what views show
        return;
    }
    syncChildren(node, doc, highlight != Highlight::None, [node, &doc] { node->stored = doc; });
    if (highlight != Highlight::None)
        startHighlight(node, highlight);
    rowChanged(node);
}

// The caller announces the node's own change (dataChanged).

} // namespace loom
