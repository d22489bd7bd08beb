#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUndoStack>

namespace loom {

class EntityModel;
namespace detail {
struct EntityNode;
}

// The local state of an entity model's entities: working copies (undoable edits), new entities
// not yet created, what a save is doing (saving, saved, refused with field errors), and
// conflicts with the daemon's changes. Nothing is sent from here: EntitySaver sends, and tells
// this what happened.
class EntityEdits final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityEdits)

public:
    explicit EntityEdits(EntityModel *model);

    void setUndoStack(QUndoStack *stack) { m_undo = stack; }
    QUndoStack *undoStack() const { return m_undo; }
    // Deleting is sent to the daemon at once and cannot be undone, so the undo steps of entities
    // that are gone (deleted, or new ones dropped) leave the history: undoing them would restore
    // nothing. Steps next to the stack's index go at once; the others are skipped by undo()/redo().
    void forgetUndoSteps(const QStringList &keys);
    // Undo/redo the nearest step that still applies (what the Undo and Redo actions do).
    void undo();
    void redo();
    // What undo commands call: replaces the working copy (no undo step).
    void setDocument(const QString &key, const QJsonObject &doc);
    // An edit that can be undone (through the undo stack when one is set). Edits with the same
    // non-empty mergeTag in a row merge into one undo step (typing in one form field).
    void editDocument(const QString &key, const QJsonObject &doc, const QString &description,
                      const QString &mergeTag = {});
    QString addNewEntity(const QJsonObject &doc); // its key: "new:<n>"
    void revert(const QString &key); // drops the working copy (and a new entity altogether)

    QString resolveKey(const QString &key) const; // a new entity's key once it is created
    QStringList dirtyKeys() const; // in row order
    bool hasUnsavedChanges() const;

    // Saving.
    void setSaving(const QString &key, bool saving);
    bool isSaving(const QString &key) const; // sent, not answered yet
    // After a successful save or create: `sent` is what was sent; newId is the created id.
    void markSaved(const QString &key, const QJsonObject &sent, const QString &newId = {});
    void setSaveError(const QString &key, const QString &message);
    QString saveError(const QString &key) const;
    void setFieldErrors(const QString &key, const QHash<QString, QString> &errors);
    QHash<QString, QString> fieldErrors(const QString &key) const;
    void markRemoved(const QStringList &ids); // after a delete: edits dropped, rows fade out

    // An entity with unsaved edits that changed (or was deleted) on the daemon.
    bool hasConflict(const QString &key) const;
    bool remoteDeleted(const QString &key) const;
    QJsonObject remoteDocument(const QString &key) const;
    void resolveConflict(const QString &key, bool takeTheirs);

    // For the live merger: the daemon's version of an entity that has a working copy (its
    // save's echo, or a conflict), or its deletion.
    void mergeRemote(detail::EntityNode *node, const QJsonObject &doc);
    void remoteRemoved(detail::EntityNode *node);
    void announceDocument(const QString &key) { Q_EMIT documentChanged(key); } // the daemon's, shown

Q_SIGNALS:
    void dirtyChanged(const QString &key, bool dirty);
    void unsavedChangesChanged(bool any);
    void documentChanged(const QString &key); // the working copy changed (edit, save, daemon)
    void conflictDetected(const QString &key);
    void keyRenamed(const QString &oldKey, const QString &newKey);

private:
    void editStateChanged(detail::EntityNode *node, bool wasDirty);
    void dropEdit(detail::EntityNode *node); // back to the stored version, rows included
    void dropForgottenSteps(); // the forgotten steps next to the stack's index

    EntityModel *m_model;
    QPointer<QUndoStack> m_undo;
    bool m_wasDirty = false;
};

} // namespace loom
