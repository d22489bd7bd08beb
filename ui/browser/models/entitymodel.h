#pragma once

#include "browser/browsercontext.h"
#include "browser/models/entityedits.h"
#include "browser/models/entitypager.h"
#include "browser/models/entityrows.h"
#include "browser/models/livemerger.h"

#include <QJsonValue>

namespace loom {

// The entities of one collection as a tree-table: one top-level row per entity (labelled by its
// _id), its fields as child rows, recursively; columns key / value / type. This class says what
// rows show (data, flags, typed in-place edits); the rows themselves are EntityRows', and three
// parts change them:
//  - pager():  the query, loaded in pages as views scroll (limit N, then seek = last id), and
//              re-reading the loaded range after events may have been lost;
//  - edits():  local working copies, undoable; nothing is sent from here (the browser saves);
//  - live():   the daemon's changes (Listen batches) folded into the loaded rows in one pass.
class EntityModel final : public EntityRows
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityModel)

public:
    enum Role {
        RawValueRole = Qt::UserRole + 1, // for sorting: id / key / QJsonValue / type name
        EntityKeyRole,                   // key of the entity the index belongs to
        PathRole,                        // QStringList of keys from the entity down
        JsonTypeRole,                    // "string", "number", ...; "entity" for entities
        IsEntityRole,
        DirtyRole,                       // the entity has unsaved changes
        HighlightRole,                   // qreal 1 (just changed) .. 0 (no highlight)
        HighlightKindRole,               // 1 created, 2 changed, 3 deleted
        DeletedRole,
        FieldErrorRole,                  // the schema error at this field, if any
        ValueJsonRole,                   // QJsonValue of the field (the document for entities)
    };

    explicit EntityModel(const BrowserContext &context, QObject *parent = nullptr);
    ~EntityModel() override;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    // Typed in-place edits of a value or its type: an undoable edit of the working copy.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    const BrowserContext &context() const { return m_context; }
    ThreadsClient *client() const { return m_context.client; }
    StoreId store() const { return m_context.store; }
    QString collection() const { return m_context.collection; }

    EntityPager *pager() const { return m_pager; }
    EntityEdits *edits() const { return m_edits; }
    LiveMerger *live() const { return m_live; }

    QJsonValue valueAt(const QModelIndex &index) const;

private:
    QVariant entityData(const EntityNode *node, int column, int role) const;
    QVariant valueData(const ValueNode *node, int column, int role) const;

    BrowserContext m_context;
    EntityPager *m_pager;
    EntityEdits *m_edits;
    LiveMerger *m_live;
};

} // namespace loom
