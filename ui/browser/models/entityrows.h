#pragma once

#include "browser/models/entitytree.h"
#include "browser/models/keyindex.h"
#include "jsonrules.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QTimer>

#include <optional>

namespace loom {

// The entity rows of an entity model, by key, in three blocks: new entities (not yet created)
// first, then the loaded entities in the query's _id order, then entities pinned by "go to id"
// or kept for their unsaved edits. What the parts of the model (pager, edits, live merger) change
// goes through here, so the blocks, the keys and the row signals stay right. Deleted entities
// fade out before their rows go.
class EntityRows : public EntityTree
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityRows)

public:
    explicit EntityRows(QObject *parent = nullptr);
    ~EntityRows() override;

    // Entities, by key (the _id, or "new:<n>" for entities not created yet).
    QModelIndex indexForKey(const QString &key, int column = KeyColumn) const;
    // A field's row: the entity's key and the keys down to it (array elements by index).
    QModelIndex indexForPath(const QString &key, const QStringList &path, int column = KeyColumn) const;
    QString keyAt(const QModelIndex &index) const;
    QModelIndex entityIndex(const QModelIndex &index) const;
    QStringList pathAt(const QModelIndex &index) const;
    // The value at `path` in the document of the entity `index` belongs to (fast: for sorting).
    QJsonValue fieldValue(const QModelIndex &index, const QStringList &path) const;
    bool contains(const QString &key) const;
    QJsonObject document(const QString &key) const;       // the working copy
    QJsonObject storedDocument(const QString &key) const; // the daemon's version
    bool isNew(const QString &key) const;
    bool isDirty(const QString &key) const;
    QString resolveKey(const QString &key) const; // follows renames of new entities once created
    int loadedCount() const;
    int builtEntityCount() const; // entities whose child rows exist (tests, benchmark)
    QModelIndex pin(const QJsonObject &entity); // shows an entity the loaded pages do not hold

    // The entity id field ("_id", or "ID" on a legacy v0.1 daemon).
    const QString &idField() const { return m_idField; }
    void setIdField(const QString &field) { m_idField = field; }

    // --- For the model's parts ---
    EntityNode *byKey(const QString &key) const;
    EntityNode *rowAt(int row) const;
    int pagedBegin() const { return m_newCount; }
    int pagedEnd() const;
    void setDescending(bool descending) { m_descending = descending; } // the loaded block's _id order
    bool idLess(const QString &a, const QString &b) const;
    int insertPosition(const QString &id) const;

    void insertEntities(int position, Nodes nodes);
    void insertSorted(Nodes nodes); // entities from the daemon, each at its _id's place
    void removeEntityRows(int first, int last);
    void moveEntity(int from, int to); // `to` as beginMoveRows wants it
    void addNew(std::unique_ptr<EntityNode> node);
    void pinAtEnd(std::unique_ptr<EntityNode> node);
    void unpin(EntityNode *node); // into the loaded block
    // A new entity was created: out of the new block, into the loaded one (or pinned).
    void settle(EntityNode *node, bool inLoadedRange);
    void rename(EntityNode *node, const QString &newKey);
    void noteRename(const QString &oldKey, const QString &newKey) { m_renamed.insert(oldKey, newKey); }
    QString nextNewKey();
    // Keeps only new entities (on top) and those with edits or pinned (below, pinned).
    void resetKeepingUnsaved();

    void setStored(EntityNode *node, const QJsonObject &doc, detail::Highlight highlight);
    void rowChanged(EntityNode *node); // dataChanged for the row (merged while a batch runs)
    void beginBatch();
    void endBatch(); // one dataChanged for the rows changed since beginBatch()
    void markDeleted(EntityNode *node); // fades out, then goes
    void setEdited(EntityNode *node, bool edited);
    const QSet<EntityNode *> &edited() const { return m_edited; }

    void notifyCountChanged() { Q_EMIT countChanged(); }
    void notifyHighlighted() { Q_EMIT highlighted(); }

Q_SIGNALS:
    void countChanged();
    void highlighted(); // something started to glow: the view should repaint for a while

private:
    void renumber(int from);
    void sweepDeleted();

    detail::KeyIndex<EntityNode> m_byKey;
    QSet<EntityNode *> m_edited; // entities with an EntityEdit
    QHash<QString, QString> m_renamed;
    int m_pinnedCount = 0;
    int m_newSerial = 0;
    bool m_descending = false;
    QString m_idField = QString(json::kIdField);
    QTimer m_sweep;
    std::optional<std::pair<int, int>> m_batchRows;
};

} // namespace loom
