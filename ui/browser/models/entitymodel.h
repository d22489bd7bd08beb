#pragma once

#include "error.h"
#include "reply.h"
#include "query.h"
#include "storeid.h"
#include "types.h"

#include <QAbstractItemModel>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QUndoStack>

#include <functional>
#include <memory>
#include <optional>
#include <vector>


namespace loom {

class ThreadsClient;

namespace detail {
enum class Highlight : quint8;
struct EntityNode;
struct TreeNode;
struct ValueNode;
} // namespace detail

// The entities of one collection as a tree: one top-level row per entity (labelled by its _id),
// its fields as child rows, recursively; columns key / value / type.
//
// Loading: the rows of the current query arrive in pages (canFetchMore/fetchMore; limit N, then
// seek = last id), so a huge collection opens at once. Child rows are built when first asked for.
// Editing: every entity can carry a local working copy (setData on a value or type, or
// setDocument); nothing is sent from here, the browser saves. Live: applyChanges() folds a batch
// of Listen events into the loaded rows in one pass (rows inserted, updated, faded out), and
// refreshLoaded() re-reads the loaded range after events may have been lost.
//
// Rows are kept in three blocks: new entities (not yet created) first, then the loaded entities in
// the query's _id order, then entities pinned by "go to id" or kept for their unsaved edits.
class EntityModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityModel)

public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
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
    static constexpr int kHighlightMs = 1500;

    EntityModel(ThreadsClient *client, const StoreId &store, const QString &collection,
                QObject *parent = nullptr);
    ~EntityModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    ThreadsClient *client() const { return m_client; }
    StoreId store() const { return m_store; }
    QString collection() const { return m_collection; }

    // Query and paging.
    void setQuery(const Query &query); // drops the loaded rows (unsaved ones stay) and loads again
    const Query &query() const { return m_query; }
    // Pages start at `first` rows and double up to `largest` (0: every page has `first` rows).
    void setPageSize(int first, int largest = 0);
    int pageSize() const { return m_pageSize; }
    void reload();
    void refreshLoaded(); // re-reads the loaded range and reconciles it, keeping unsaved edits
    bool isLoading() const;
    bool isRefreshing() const { return m_refreshing; }
    bool atEnd() const { return m_atEnd; }
    bool loadFailedState() const { return m_failed; }
    int loadedCount() const;
    Error lastError() const { return m_lastError; }

    // Entities, by key (the _id, or "new:<n>" for entities not created yet).
    QModelIndex indexForKey(const QString &key, int column = KeyColumn) const;
    // A field's row: the entity's key and the keys down to it (array elements by index).
    QModelIndex indexForPath(const QString &key, const QStringList &path, int column = KeyColumn) const;
    QString keyAt(const QModelIndex &index) const;
    QModelIndex entityIndex(const QModelIndex &index) const;
    QStringList pathAt(const QModelIndex &index) const;
    QJsonValue valueAt(const QModelIndex &index) const;
    // The value at `path` in the document of the entity `index` belongs to (fast: for sorting).
    QJsonValue fieldValue(const QModelIndex &index, const QStringList &path) const;
    bool contains(const QString &key) const;
    QJsonObject document(const QString &key) const;       // the working copy
    QJsonObject storedDocument(const QString &key) const; // the daemon's version
    bool isNew(const QString &key) const;
    bool isDirty(const QString &key) const;
    QStringList dirtyKeys() const;
    bool hasUnsavedChanges() const;
    QString resolveKey(const QString &key) const; // follows renames of new entities once created

    // Local edits. setDocument() is what undo commands call; setData() pushes such commands
    // on the undo stack when one is set.
    void setUndoStack(QUndoStack *stack) { m_undo = stack; }
    QUndoStack *undoStack() const { return m_undo; }
    void setDocument(const QString &key, const QJsonObject &doc);
    // An edit that can be undone (through the undo stack when one is set). Edits with the same
    // non-empty mergeTag in a row merge into one undo step (typing in one form field).
    void editDocument(const QString &key, const QJsonObject &doc, const QString &description,
                      const QString &mergeTag = {});
    QString addNewEntity(const QJsonObject &doc);
    void revert(const QString &key); // drops the working copy (and a new entity altogether)
    void setSaving(const QString &key, bool saving);
    // After a successful save or create: `sent` is what was sent; newId is the created id.
    void markSaved(const QString &key, const QJsonObject &sent, const QString &newId = {});
    void setSaveError(const QString &key, const QString &message);
    QString saveError(const QString &key) const;
    void setFieldErrors(const QString &key, const QHash<QString, QString> &errors);
    QHash<QString, QString> fieldErrors(const QString &key) const;
    QModelIndex pin(const QJsonObject &entity); // shows an entity the loaded pages do not hold
    void markRemoved(const QStringList &ids);   // after a delete: fade out and remove

    // An entity with unsaved edits that changed (or was deleted) on the daemon.
    bool hasConflict(const QString &key) const;
    bool remoteDeleted(const QString &key) const;
    QJsonObject remoteDocument(const QString &key) const;
    void resolveConflict(const QString &key, bool takeTheirs);

    // Live changes: one Listen batch, applied in one pass.
    void applyChanges(const QList<loom::ChangeEvent> &events);
    qint64 liveEventsApplied() const { return m_liveApplied; }
    bool hasActiveHighlights() const;
    // Entities whose child rows exist (they are built when first asked for): for tests and
    // the benchmark.
    int builtEntityCount() const;

Q_SIGNALS:
    void loadingChanged(bool loading);
    void pageArrived();                        // a page's reply is here (its rows go in next)
    void pageLoaded(int rows, qint64 replyMs); // rows are in the model
    void loadFailed(const loom::Error &error);
    void countChanged();
    void refreshFinished();
    void dirtyChanged(const QString &key, bool dirty);
    void unsavedChangesChanged(bool any);
    void documentChanged(const QString &key); // the working copy changed (edit, save, daemon)
    void conflictDetected(const QString &key);
    void keyRenamed(const QString &oldKey, const QString &newKey);
    void highlighted(); // something started to glow: the view should repaint for a while

private:
    using TreeNode = detail::TreeNode;
    using EntityNode = detail::EntityNode;
    using ValueNode = detail::ValueNode;

    // entitymodel.cpp
    TreeNode *nodeAt(const QModelIndex &index) const;
    // Whether an index is an entity's, without touching its node (views ask for every row).
    bool isEntityIndex(const QModelIndex &index) const;
    QModelIndex indexOf(const TreeNode *node, int column = KeyColumn) const;
    void ensureBuilt(TreeNode *node) const;
    QVariant entityData(const EntityNode *node, int column, int role) const;
    QVariant valueData(const ValueNode *node, int column, int role) const;
    qreal highlightLevel(const TreeNode *node) const;
    // entitymodel_tree.cpp
    // Brings the child rows of `node` in line with `value`; `store` puts the new value in place
    // (at the moment the announced row counts need it).
    void syncChildren(TreeNode *node, const QJsonValue &value, bool highlight, const std::function<void()> &store);
    void replaceValue(ValueNode *node, const QJsonValue &value, bool highlight);
    void subtreeChanged(TreeNode *node);
    void insertEntities(int position, std::vector<std::unique_ptr<EntityNode>> nodes);
    void removeEntityRows(int first, int last);
    void moveEntity(int from, int to);
    void renumber(int from);
    int pagedBegin() const { return m_newCount; }
    int pagedEnd() const { return int(m_rows.size()) - m_pinnedCount; }
    int insertPosition(const QString &id) const;
    bool idLess(const QString &a, const QString &b) const;
    bool inLoadedRange(const QString &id) const;
    EntityNode *byKey(const QString &key) const;
    void setStored(EntityNode *node, const QJsonObject &doc, detail::Highlight highlight);
    void startHighlight(TreeNode *node, detail::Highlight kind);
    // entitymodel_paging.cpp
    Query pageQuery(const QString &after, int rows) const;
    void requestPage();
    void onPage(quint64 generation, Reply<QList<Instance>> *reply);
    void requestRefreshPage();
    void onRefreshPage(int requested, Reply<QList<Instance>> *reply);
    void reconcile(const QString &after, const QString &upTo, const QList<Instance> &docs);
    // entitymodel_live.cpp
    bool upsertRemote(const QJsonObject &doc, std::vector<std::unique_ptr<EntityNode>> *inserts, bool trusted);
    bool removeRemote(const QString &id);
    void markDeleted(EntityNode *node);
    void sweepDeleted();
    void flushInserts(std::vector<std::unique_ptr<EntityNode>> inserts);
    // entitymodel_edit.cpp
    void editStateChanged(EntityNode *node, bool wasDirty);
    void trackEdit(EntityNode *node);

    ThreadsClient *m_client;
    StoreId m_store;
    QString m_collection;
    QPointer<QUndoStack> m_undo;

    std::vector<std::unique_ptr<EntityNode>> m_rows;
    QHash<QString, EntityNode *> m_byKey;
    QSet<EntityNode *> m_edited; // entities with an EntityEdit
    QHash<QString, QString> m_renamed;
    int m_newCount = 0;
    int m_pinnedCount = 0;
    int m_newSerial = 0;

    Query m_query;
    bool m_descending = false;
    int m_pageSize = 200;     // the first page; later ones grow to m_largestPage
    int m_largestPage = 1000;
    int m_nextPage = 200;
    quint64 m_generation = 0;
    QPointer<ReplyBase> m_pageReply;
    int m_requested = 0;
    QString m_lastPagedId;
    int m_pagedCount = 0;
    bool m_atEnd = false;
    bool m_limitReached = false;
    bool m_failed = false;
    Error m_lastError;
    QList<ChangeEvent> m_deferred; // events that arrived while a page was on its way

    bool m_refreshing = false;
    bool m_refreshAgain = false;
    QPointer<ReplyBase> m_refreshReply;
    QString m_refreshAfter;  // last id reconciled so far
    QString m_refreshUntil;  // empty = to the end
    bool m_refreshFirst = true;

    QElapsedTimer m_clock;
    qint64 m_lastHighlight = -kHighlightMs;
    QTimer m_sweep;
    qint64 m_liveApplied = 0;
    std::optional<std::pair<int, int>> m_batchRows; // rows changed while a batch is applied
    bool m_wasDirty = false;
};

} // namespace loom
