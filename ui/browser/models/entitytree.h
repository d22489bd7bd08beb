#pragma once

#include <QAbstractItemModel>
#include <QElapsedTimer>

#include <functional>
#include <memory>
#include <vector>

namespace loom {

namespace detail {
enum class Highlight : quint8;
struct EntityNode;
struct TreeNode;
struct ValueNode;
} // namespace detail

// The tree under an entity model: one top-level row per entity, its JSON fields as child rows,
// recursively (entitynode_p.h). Child rows are built when a view first asks for them, so a large
// collection costs one small node per entity; syncChildren() brings the built rows of a changed
// document in line with it, with the model's signals, and lights up what changed.
class EntityTree : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityTree)

public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    static constexpr int kHighlightMs = 1500;

    using TreeNode = detail::TreeNode;
    using EntityNode = detail::EntityNode;
    using ValueNode = detail::ValueNode;
    using Nodes = std::vector<std::unique_ptr<EntityNode>>;

    explicit EntityTree(QObject *parent = nullptr);
    ~EntityTree() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;

    QModelIndex indexOf(const TreeNode *node, int column = KeyColumn) const;
    // The document of an entity (or a field's value) changed: its child rows follow. `store`
    // puts the new value in place at the moment the announced row counts need it.
    void syncChildren(TreeNode *node, const QJsonValue &value, bool highlight, const std::function<void()> &store);
    void subtreeChanged(TreeNode *node); // dataChanged for a node and every built row under it
    void startHighlight(TreeNode *node, detail::Highlight kind);
    qreal highlightLevel(const TreeNode *node) const; // 1 (just changed) .. 0
    bool hasActiveHighlights() const;
    qint64 clockMs() const { return m_clock.elapsed(); }

protected:
    TreeNode *nodeAt(const QModelIndex &index) const;
    // Whether an index is an entity's, without touching its node (views ask for every row).
    bool isEntityIndex(const QModelIndex &index) const;
    void ensureBuilt(TreeNode *node) const;
    static int childCount(const TreeNode *node);

    Nodes m_rows; // the entities, in row order
    int m_newCount = 0; // new entities (not created yet) come first

private:
    void replaceValue(ValueNode *node, const QJsonValue &value, bool highlight);
    void syncObject(TreeNode *node, const QJsonObject &o, bool highlight, int *first, int *last);
    void syncArray(TreeNode *node, const QJsonArray &a, bool highlight, int *first, int *last);

    QElapsedTimer m_clock;
    qint64 m_lastHighlight = -kHighlightMs;
};

} // namespace loom
