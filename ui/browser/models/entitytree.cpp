#include "entitytree.h"

#include "browser/models/entitynode_p.h"

#include <QJsonArray>

#include <algorithm>
#include <climits>

namespace loom {

using detail::EntityNode;
using detail::Highlight;
using detail::TreeNode;
using detail::ValueNode;

namespace {

std::unique_ptr<ValueNode> makeChild(TreeNode *parent, int row, const QString &key, const QJsonValue &value,
                                     bool inArray)
{
    auto child = std::make_unique<ValueNode>();
    child->parent = parent;
    child->row = row;
    child->key = key;
    child->value = value;
    child->inArray = inArray;
    return child;
}

} // namespace

EntityTree::EntityTree(QObject *parent)
    : QAbstractItemModel(parent)
{
    m_clock.start();
}

EntityTree::~EntityTree() = default;

int EntityTree::childCount(const TreeNode *node)
{
    if (node->built)
        return int(node->children.size());
    if (node->isEntity) // (no QJsonValue round trip: views ask this for every row)
        return int(static_cast<const EntityNode *>(node)->fieldCount());
    return detail::containerSize(static_cast<const ValueNode *>(node)->value);
}

TreeNode *EntityTree::nodeAt(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<TreeNode *>(index.internalPointer()) : nullptr;
}

bool EntityTree::isEntityIndex(const QModelIndex &index) const
{
    const auto row = size_t(index.row());
    return index.isValid() && row < m_rows.size()
        && static_cast<TreeNode *>(m_rows[row].get()) == index.internalPointer();
}

QModelIndex EntityTree::indexOf(const TreeNode *node, int column) const
{
    if (!node)
        return {};
    return createIndex(node->row, column, const_cast<TreeNode *>(node));
}

void EntityTree::ensureBuilt(TreeNode *node) const
{
    if (node->built)
        return;
    node->built = true;
    const QJsonValue container = detail::containerOf(node);
    if (container.isObject()) {
        const QJsonObject o = container.toObject();
        node->children.reserve(size_t(o.size()));
        for (auto it = o.begin(); it != o.end(); ++it)
            node->children.push_back(makeChild(node, int(node->children.size()), it.key(), it.value(), false));
    } else if (container.isArray()) {
        const QJsonArray a = container.toArray();
        node->children.reserve(size_t(a.size()));
        for (qsizetype i = 0; i < a.size(); ++i)
            node->children.push_back(makeChild(node, int(i), QString::number(i), a.at(i), true));
    }
}

QModelIndex EntityTree::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid()) {
        if (row >= int(m_rows.size()))
            return {};
        return createIndex(row, column, static_cast<TreeNode *>(m_rows[size_t(row)].get()));
    }
    if (parent.column() != 0)
        return {};
    TreeNode *node = nodeAt(parent);
    ensureBuilt(node);
    if (row >= int(node->children.size()))
        return {};
    return createIndex(row, column, static_cast<TreeNode *>(node->children[size_t(row)].get()));
}

QModelIndex EntityTree::parent(const QModelIndex &child) const
{
    const TreeNode *node = nodeAt(child);
    if (!node || !node->parent)
        return {};
    return indexOf(node->parent);
}

int EntityTree::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_rows.size());
    if (parent.column() != 0)
        return 0;
    return childCount(nodeAt(parent));
}

int EntityTree::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool EntityTree::hasChildren(const QModelIndex &parent) const
{
    // Stored entities always have fields (_id at least); only new ones can be empty.
    if (isEntityIndex(parent) && parent.column() == 0 && parent.row() >= m_newCount)
        return true;
    return rowCount(parent) > 0;
}

qreal EntityTree::highlightLevel(const TreeNode *node) const
{
    if (node->changedAt <= 0)
        return 0;
    const qint64 age = m_clock.elapsed() - node->changedAt;
    if (age >= kHighlightMs)
        return 0;
    return 1.0 - qreal(age) / kHighlightMs;
}

bool EntityTree::hasActiveHighlights() const
{
    return m_clock.elapsed() - m_lastHighlight < kHighlightMs;
}

void EntityTree::startHighlight(TreeNode *node, Highlight kind)
{
    node->changedAt = std::max<qint64>(1, m_clock.elapsed());
    node->highlight = kind;
    m_lastHighlight = node->changedAt;
}

void EntityTree::subtreeChanged(TreeNode *node)
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

void EntityTree::replaceValue(ValueNode *node, const QJsonValue &value, bool highlight)
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

void EntityTree::syncChildren(TreeNode *node, const QJsonValue &value, bool highlight, const std::function<void()> &store)
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
    if (value.isObject())
        syncObject(node, value.toObject(), highlight, &firstChanged, &lastChanged);
    else if (value.isArray())
        syncArray(node, value.toArray(), highlight, &firstChanged, &lastChanged);
    store();
    // One signal for the changed children (a view looks every single row up).
    if (lastChanged >= 0)
        Q_EMIT dataChanged(index(firstChanged, KeyColumn, parent), index(lastChanged, TypeColumn, parent));
}

void EntityTree::syncObject(TreeNode *node, const QJsonObject &o, bool highlight, int *first, int *last)
{
    const QModelIndex parent = indexOf(node);
    auto &children = node->children;
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
                *first = std::min(*first, j);
                *last = std::max(*last, j);
            }
            continue;
        }
        auto child = makeChild(node, j, it.key(), it.value(), false);
        if (highlight)
            startHighlight(child.get(), Highlight::Created);
        beginInsertRows(parent, j, j);
        children.insert(children.begin() + j, std::move(child));
        for (size_t k = size_t(j); k < children.size(); ++k)
            children[k]->row = int(k);
        endInsertRows();
    }
}

void EntityTree::syncArray(TreeNode *node, const QJsonArray &a, bool highlight, int *first, int *last)
{
    const QModelIndex parent = indexOf(node);
    auto &children = node->children;
    const int common = std::min(int(a.size()), int(children.size()));
    for (int i = 0; i < common; ++i) {
        if (children[size_t(i)]->value != a.at(i)) {
            replaceValue(children[size_t(i)].get(), a.at(i), highlight);
            *first = std::min(*first, i);
            *last = std::max(*last, i);
        }
    }
    if (int(children.size()) > a.size()) {
        beginRemoveRows(parent, int(a.size()), int(children.size()) - 1);
        children.resize(size_t(a.size()));
        endRemoveRows();
    } else if (a.size() > int(children.size())) {
        beginInsertRows(parent, int(children.size()), int(a.size()) - 1);
        for (qsizetype i = qsizetype(children.size()); i < a.size(); ++i) {
            auto child = makeChild(node, int(i), QString::number(i), a.at(i), true);
            if (highlight)
                startHighlight(child.get(), Highlight::Created);
            children.push_back(std::move(child));
        }
        endInsertRows();
    }
}

} // namespace loom
