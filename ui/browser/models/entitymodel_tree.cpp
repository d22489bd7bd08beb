// EntityModel: keeping the tree in step with changed documents, and the row blocks.
#include "entitymodel.h"

#include "entitynode_p.h"

#include <algorithm>
#include <climits>

namespace loom {

using detail::EntityNode;
using detail::Highlight;
using detail::TreeNode;
using detail::ValueNode;

EntityModel::EntityNode *EntityModel::byKey(const QString &key) const
{
    return m_byKey.value(key, nullptr);
}

bool EntityModel::idLess(const QString &a, const QString &b) const
{
    return m_descending ? b < a : a < b;
}

int EntityModel::insertPosition(const QString &id) const
{
    const auto begin = m_rows.begin() + pagedBegin();
    const auto end = m_rows.begin() + pagedEnd();
    const auto it = std::lower_bound(begin, end, id, [this](const std::unique_ptr<EntityNode> &node, const QString &key) {
        return idLess(node->key, key);
    });
    return int(it - m_rows.begin());
}

bool EntityModel::inLoadedRange(const QString &id) const
{
    if (!m_query.index().isEmpty())
        return false; // index order is not _id order: the next reload shows it
    if (m_atEnd && !m_limitReached)
        return true;
    return !m_lastPagedId.isEmpty() && !idLess(m_lastPagedId, id);
}

void EntityModel::renumber(int from)
{
    for (size_t i = size_t(std::max(from, 0)); i < m_rows.size(); ++i)
        m_rows[i]->row = int(i);
}

void EntityModel::insertEntities(int position, std::vector<std::unique_ptr<EntityNode>> nodes)
{
    if (nodes.empty())
        return;
    beginInsertRows({}, position, position + int(nodes.size()) - 1);
    for (const auto &node : nodes)
        m_byKey.insert(node->key, node.get());
    m_rows.insert(m_rows.begin() + position, std::make_move_iterator(nodes.begin()),
                  std::make_move_iterator(nodes.end()));
    renumber(position);
    endInsertRows();
}

void EntityModel::removeEntityRows(int first, int last)
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

void EntityModel::moveEntity(int from, int to)
{
    // `to` is the position before the move, as beginMoveRows wants it.
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

void EntityModel::startHighlight(TreeNode *node, Highlight kind)
{
    node->changedAt = std::max<qint64>(1, m_clock.elapsed());
    node->highlight = kind;
    m_lastHighlight = node->changedAt;
}

void EntityModel::setStored(EntityNode *node, const QJsonObject &doc, Highlight highlight)
{
    if (node->edit) {
        node->stored = doc; // the working copy stays what views show
        return;
    }
    syncChildren(node, doc, highlight != Highlight::None, [node, &doc] { node->stored = doc; });
    if (highlight != Highlight::None)
        startHighlight(node, highlight);
    if (m_batchRows) {
        // One ranged dataChanged for the whole batch (QTreeView looks each single row up).
        m_batchRows->first = std::min(m_batchRows->first, node->row);
        m_batchRows->second = std::max(m_batchRows->second, node->row);
        return;
    }
    const QModelIndex left = indexOf(node, KeyColumn);
    Q_EMIT dataChanged(left, left.siblingAtColumn(TypeColumn));
}

void EntityModel::subtreeChanged(TreeNode *node)
{
    const QModelIndex first = indexOf(node, KeyColumn);
    Q_EMIT dataChanged(first, first.siblingAtColumn(TypeColumn));
    if (!node->built || node->children.empty())
        return;
    for (const auto &child : node->children) {
        if (child->built)
            subtreeChanged(child.get());
    }
    const QModelIndex top = indexOf(node->children.front().get(), KeyColumn);
    const QModelIndex bottom = indexOf(node->children.back().get(), TypeColumn);
    Q_EMIT dataChanged(top, bottom);
}

namespace {

int childCount(const TreeNode *node)
{
    if (node->built)
        return int(node->children.size());
    if (node->isEntity)
        return int(static_cast<const EntityNode *>(node)->doc().size());
    return detail::containerSize(static_cast<const ValueNode *>(node)->value);
}

} // namespace

// The caller announces the node's own change (dataChanged).
void EntityModel::replaceValue(ValueNode *node, const QJsonValue &value, bool highlight)
{
    const bool sameKind = (node->value.isObject() && value.isObject()) || (node->value.isArray() && value.isArray());
    if (sameKind) {
        syncChildren(node, value, highlight, [node, &value] { node->value = value; });
    } else {
        // The kind changed: the old children go, the new ones (built lazily) come.
        const QModelIndex self = indexOf(node);
        if (const int before = childCount(node); before > 0) {
            beginRemoveRows(self, 0, before - 1);
            node->children.clear();
            node->built = false;
            node->value = QJsonValue();
            endRemoveRows();
        }
        node->children.clear();
        node->built = false;
        if (const int after = detail::containerSize(value); after > 0) {
            node->value = QJsonValue();
            beginInsertRows(self, 0, after - 1);
            node->value = value;
            endInsertRows();
        } else {
            node->value = value;
        }
    }
    if (highlight)
        startHighlight(node, Highlight::Changed);
}

void EntityModel::syncChildren(TreeNode *node, const QJsonValue &value, bool highlight, const std::function<void()> &store)
{
    const QModelIndex parent = indexOf(node);
    if (!node->built) {
        // Nobody has seen the children: only their number may have been told (rowCount).
        const int before = childCount(node);
        const int after = detail::containerSize(value);
        if (after > before) {
            beginInsertRows(parent, before, after - 1);
            store();
            endInsertRows();
        } else if (after < before) {
            beginRemoveRows(parent, after, before - 1);
            store();
            endRemoveRows();
        } else {
            store();
        }
        return;
    }
    int firstChanged = INT_MAX;
    int lastChanged = -1;
    const auto changed = [&](int row) {
        firstChanged = std::min(firstChanged, row);
        lastChanged = std::max(lastChanged, row);
    };
    auto &children = node->children;
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (int i = int(children.size()) - 1; i >= 0; --i) {
            if (!o.contains(children[size_t(i)]->key)) {
                beginRemoveRows(parent, i, i);
                children.erase(children.begin() + i);
                for (size_t k = size_t(i); k < children.size(); ++k)
                    children[k]->row = int(k);
                endRemoveRows();
            }
        }
        int j = 0;
        for (auto it = o.begin(); it != o.end(); ++it, ++j) {
            if (j < int(children.size()) && children[size_t(j)]->key == it.key()) {
                if (children[size_t(j)]->value != it.value()) {
                    replaceValue(children[size_t(j)].get(), it.value(), highlight);
                    changed(j);
                }
                continue;
            }
            auto child = std::make_unique<ValueNode>();
            child->parent = node;
            child->key = it.key();
            child->value = it.value();
            if (highlight)
                startHighlight(child.get(), Highlight::Created);
            beginInsertRows(parent, j, j);
            children.insert(children.begin() + j, std::move(child));
            for (size_t k = size_t(j); k < children.size(); ++k)
                children[k]->row = int(k);
            endInsertRows();
        }
    } else if (value.isArray()) {
        const QJsonArray a = value.toArray();
        const int common = std::min(int(a.size()), int(children.size()));
        for (int i = 0; i < common; ++i) {
            if (children[size_t(i)]->value != a.at(i)) {
                replaceValue(children[size_t(i)].get(), a.at(i), highlight);
                changed(i);
            }
        }
        if (int(children.size()) > a.size()) {
            beginRemoveRows(parent, int(a.size()), int(children.size()) - 1);
            children.resize(size_t(a.size()));
            endRemoveRows();
        } else if (a.size() > int(children.size())) {
            beginInsertRows(parent, int(children.size()), int(a.size()) - 1);
            for (qsizetype i = qsizetype(children.size()); i < a.size(); ++i) {
                auto child = std::make_unique<ValueNode>();
                child->parent = node;
                child->row = int(i);
                child->key = QString::number(i);
                child->value = a.at(i);
                child->inArray = true;
                if (highlight)
                    startHighlight(child.get(), Highlight::Created);
                children.push_back(std::move(child));
            }
            endInsertRows();
        }
    }
    store();
    // One signal for the changed children (a view looks every single row up).
    if (lastChanged >= 0)
        Q_EMIT dataChanged(index(firstChanged, KeyColumn, parent), index(lastChanged, TypeColumn, parent));
}

} // namespace loom
