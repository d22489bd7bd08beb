#pragma once

#include "browser/models/storeddoc.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

// The entity model's tree: plain C++ nodes owned by unique_ptr (no QObjects). An entity keeps the
// daemon's version packed as compact JSON text (StoredDoc), parsed when asked for; its child nodes
// (one per field, recursively) are built only when a view asks for them, so a large collection
// costs one small node and its JSON text per entity.
namespace loom::detail {

struct ValueNode;

enum class Highlight : quint8 { None, Created, Changed, Deleted };

struct TreeNode
{
    TreeNode *parent = nullptr;                  // null for entities (their parent is the root)
    std::vector<std::unique_ptr<ValueNode>> children; // valid when built
    qint64 changedAt = 0;                        // highlight start (model clock, ms); 0 = none
    int row = 0;                                 // index in the parent's list
    bool built = false;
    bool isEntity = false;
    Highlight highlight = Highlight::None;
};

// A field of an entity (or an element of an array).
struct ValueNode final : TreeNode
{
    QString key;      // field name, or the element's index in decimal
    QJsonValue value;
    bool inArray = false;
};

// Local state of an entity that has unsaved edits, is new, or is in conflict with the daemon.
struct EntityEdit
{
    QJsonObject doc;                    // the working copy
    bool isNew = false;                 // not yet created on the daemon
    bool saving = false;
    std::optional<QJsonObject> lastSent; // what the last successful save sent (to recognise its echo)
    std::optional<QJsonObject> remote;   // the daemon's version that changed under the edit
    bool remoteDeleted = false;          // the entity was deleted on the daemon under the edit
    QString saveError;
    QHash<QString, QString> fieldErrors; // dotted path -> message (from Verify or Save)
};

struct EntityNode final : TreeNode
{
    QString key;           // the entity's _id, or "new:<n>" before it is created
    StoredDoc stored;      // the daemon's version as last seen (packed; reads as a QJsonObject)
    std::unique_ptr<EntityEdit> edit;
    bool pinned = false;   // opened by id, outside the loaded pages
    bool deleted = false;  // gone on the daemon; fading out before removal

    EntityNode() { isEntity = true; }
    QJsonObject doc() const { return edit ? edit->doc : stored.object(); }
    // A top-level field of doc(), and how many there are (without parsing the stored version).
    QJsonValue field(QStringView name) const { return edit ? edit->doc.value(name) : stored.value(name); }
    qsizetype fieldCount() const { return edit ? edit->doc.size() : stored.size(); }
    bool isNew() const { return edit && edit->isNew; }
    bool dirty() const
    {
        return edit && (edit->isNew || edit->remoteDeleted || edit->doc != stored);
    }
    bool conflict() const { return edit && (edit->remote || edit->remoteDeleted); }
};

inline const EntityNode *entityOf(const TreeNode *node)
{
    while (node && !node->isEntity)
        node = node->parent;
    return static_cast<const EntityNode *>(node);
}

// The value a node's children are made of (the document for an entity).
inline QJsonValue containerOf(const TreeNode *node)
{
    if (node->isEntity)
        return static_cast<const EntityNode *>(node)->doc();
    return static_cast<const ValueNode *>(node)->value;
}

inline int containerSize(const QJsonValue &value)
{
    if (value.isObject())
        return int(value.toObject().size());
    if (value.isArray())
        return int(value.toArray().size());
    return 0;
}

} // namespace loom::detail
