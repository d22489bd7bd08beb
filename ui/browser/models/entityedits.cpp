#include "entityedits.h"

#include "browser/models/entitymodel.h"
#include "browser/models/entitypager.h"
#include "browser/models/entitycommands.h"
#include "browser/models/entitynode_p.h"
#include "browser/models/jsonvalues.h"

#include <QUndoStack>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace loom {

using detail::EntityEdit;
using detail::EntityNode;
using detail::Highlight;
using detail::ValueNode;

EntityEdits::EntityEdits(EntityModel *model)
    : QObject(model)
    , m_model(model)
{
}

void EntityEdits::editDocument(const QString &key, const QJsonObject &doc, const QString &description,
                               const QString &mergeTag)
{
    const EntityNode *node = m_model->byKey(m_model->resolveKey(key));
    if (!node || node->doc() == doc)
        return;
    if (m_undo)
        m_undo->push(new SetDocumentCommand(this, node->key, node->doc(), doc, description, mergeTag));
    else
        setDocument(node->key, doc);
}

void EntityEdits::setDocument(const QString &key, const QJsonObject &doc)
{
    EntityNode *node = m_model->byKey(m_model->resolveKey(key));
    if (!node || node->deleted || node->doc() == doc)
        return;
    const bool wasDirty = node->dirty();
    m_model->syncChildren(node, doc, false, [this, node, &doc] {
        if (!node->edit) {
            node->edit = std::make_unique<EntityEdit>();
            m_model->setEdited(node, true);
        }
        node->edit->doc = doc;
    });
    // Back to the daemon's version: nothing left to save.
    if (!node->edit->isNew && !node->conflict() && !node->edit->saving && doc == node->stored) {
        node->edit.reset();
        m_model->setEdited(node, false);
    }
    editStateChanged(node, wasDirty);
    Q_EMIT documentChanged(node->key);
}

void EntityEdits::editStateChanged(EntityNode *node, bool wasDirty)
{
    m_model->rowChanged(node);
    const bool dirty = node->dirty();
    if (dirty != wasDirty)
        Q_EMIT dirtyChanged(node->key, dirty);
    const bool any = hasUnsavedChanges();
    if (any != m_wasDirty) {
        m_wasDirty = any;
        Q_EMIT unsavedChangesChanged(any);
    }
}

bool EntityEdits::hasUnsavedChanges() const
{
    return std::any_of(m_model->edited().begin(), m_model->edited().end(), [](const EntityNode *n) { return n->dirty(); });
}

QStringList EntityEdits::dirtyKeys() const
{
    std::vector<const EntityNode *> nodes;
    for (const EntityNode *n : m_model->edited()) {
        if (n->dirty())
            nodes.push_back(n);
    }
    std::sort(nodes.begin(), nodes.end(), [](const auto *a, const auto *b) { return a->row < b->row; });
    QStringList keys;
    for (const EntityNode *n : nodes)
        keys.append(n->key);
    return keys;
}

QString EntityEdits::addNewEntity(const QJsonObject &doc)
{
    const QString key = m_model->nextNewKey();
    auto node = std::make_unique<EntityNode>();
    node->key = key;
    node->edit = std::make_unique<EntityEdit>();
    node->edit->isNew = true;
    node->edit->doc = doc;
    EntityNode *raw = node.get();
    m_model->addNew(std::move(node));
    m_model->setEdited(raw, true);
    editStateChanged(raw, false);
    m_model->notifyCountChanged();
    return key;
}

void EntityEdits::revert(const QString &key)
{
    EntityNode *node = m_model->byKey(m_model->resolveKey(key));
    if (!node || !node->edit)
        return;
    const bool wasDirty = node->dirty();
    if (node->isNew()) {
        forgetUndoSteps({node->key});
        m_model->removeEntityRows(node->row, node->row);
        const bool any = hasUnsavedChanges();
        if (any != m_wasDirty) {
            m_wasDirty = any;
            Q_EMIT unsavedChangesChanged(any);
        }
        m_model->notifyCountChanged();
        return;
    }
    const std::optional<QJsonObject> remote = node->edit->remote;
    const bool remoteGone = node->edit->remoteDeleted;
    dropEdit(node);
    editStateChanged(node, wasDirty);
    Q_EMIT documentChanged(node->key);
    if (remoteGone)
        m_model->markDeleted(node);
    else if (remote)
        m_model->setStored(node, *remote, Highlight::Changed);
}

void EntityEdits::setSaving(const QString &key, bool saving)
{
    if (EntityNode *node = m_model->byKey(m_model->resolveKey(key)); node && node->edit)
        node->edit->saving = saving;
}

bool EntityEdits::isSaving(const QString &key) const
{
    const EntityNode *node = m_model->byKey(m_model->resolveKey(key));
    return node && node->edit && node->edit->saving;
}

void EntityEdits::markSaved(const QString &key, const QJsonObject &sent, const QString &newId)
{
    EntityNode *node = m_model->byKey(m_model->resolveKey(key));
    if (!node || !node->edit)
        return;
    const bool wasDirty = node->dirty();
    node->edit->saving = false;
    if (node->isNew()) {
        QJsonObject stored = sent;
        stored.insert(m_model->idField(), newId);
        QJsonObject mine = node->edit->doc;
        mine.insert(m_model->idField(), newId);
        const bool editedSince = !json::sameIgnoringMod(mine, stored);
        const QString oldKey = node->key;
        m_model->noteRename(oldKey, newId);
        if (m_model->byKey(newId)) {
            // Listen brought the new entity in before the reply: keep that row.
            m_model->removeEntityRows(node->row, node->row);
            if (editedSince)
                setDocument(newId, mine);
        } else {
            m_model->syncChildren(node, editedSince ? mine : stored, false, [&] {
                node->stored = stored;
                if (editedSince) {
                    node->edit->doc = mine;
                    node->edit->isNew = false;
                    node->edit->lastSent = stored;
                    node->edit->saveError.clear();
                } else {
                    node->edit.reset();
                    m_model->setEdited(node, false);
                }
            });
            m_model->rename(node, newId);
            m_model->settle(node, m_model->pager()->inLoadedRange(newId));
            editStateChanged(node, wasDirty);
        }
        Q_EMIT keyRenamed(oldKey, newId);
        Q_EMIT documentChanged(newId);
        m_model->notifyCountChanged();
        return;
    }
    if (!json::sameIgnoringMod(sent, node->stored))
        node->stored = sent; // (the echo, with the daemon's new _mod, may already be here)
    node->edit->remote.reset();
    node->edit->remoteDeleted = false;
    node->edit->saveError.clear();
    node->edit->fieldErrors.clear();
    if (json::sameIgnoringMod(node->edit->doc, sent)) {
        dropEdit(node);
    } else {
        node->edit->lastSent = sent;
    }
    editStateChanged(node, wasDirty);
    m_model->subtreeChanged(node);
    Q_EMIT documentChanged(node->key);
}

void EntityEdits::setSaveError(const QString &key, const QString &message)
{
    EntityNode *node = m_model->byKey(m_model->resolveKey(key));
    if (!node || !node->edit)
        return;
    node->edit->saving = false;
    node->edit->saveError = message;
    editStateChanged(node, node->dirty());
}

QString EntityEdits::saveError(const QString &key) const
{
    const EntityNode *node = m_model->byKey(m_model->resolveKey(key));
    return node && node->edit ? node->edit->saveError : QString();
}

void EntityEdits::setFieldErrors(const QString &key, const QHash<QString, QString> &errors)
{
    EntityNode *node = m_model->byKey(m_model->resolveKey(key));
    if (!node || !node->edit || node->edit->fieldErrors == errors)
        return;
    node->edit->fieldErrors = errors;
    m_model->subtreeChanged(node);
}

QHash<QString, QString> EntityEdits::fieldErrors(const QString &key) const
{
    const EntityNode *node = m_model->byKey(m_model->resolveKey(key));
    return node && node->edit ? node->edit->fieldErrors : QHash<QString, QString>();
}

void EntityEdits::markRemoved(const QStringList &ids)
{
    for (const QString &id : ids) {
        EntityNode *node = m_model->byKey(m_model->resolveKey(id));
        if (!node || node->isNew())
            continue;
        if (node->edit) {
            const bool wasDirty = node->dirty();
            dropEdit(node);
            editStateChanged(node, wasDirty);
        }
        m_model->markDeleted(node);
    }
    forgetUndoSteps(ids);
    m_model->notifyHighlighted();
}

void EntityEdits::forgetUndoSteps(const QStringList &keys)
{
    if (!m_undo || m_undo->count() == 0 || keys.isEmpty())
        return;
    QStringList gone;
    for (const QString &key : keys)
        gone.append(resolveKey(key));
    for (int i = 0; i < m_undo->count(); ++i) {
        // (the stack owns its commands as non-const; it only hands them out as const)
        auto *step = dynamic_cast<SetDocumentCommand *>(const_cast<QUndoCommand *>(m_undo->command(i)));
        if (step && gone.contains(resolveKey(step->key())))
            step->setObsolete(true);
    }
    dropForgottenSteps();
}

void EntityEdits::dropForgottenSteps()
{
    // QUndoStack deletes an obsolete command when it reaches it (without undoing it).
    for (int guard = m_undo->count(); guard > 0 && m_undo->index() > 0
                                      && m_undo->command(m_undo->index() - 1)->isObsolete(); --guard)
        m_undo->undo();
    for (int guard = m_undo->count(); guard > 0 && m_undo->index() < m_undo->count()
                                      && m_undo->command(m_undo->index())->isObsolete(); --guard)
        m_undo->redo();
}

void EntityEdits::undo()
{
    if (!m_undo)
        return;
    dropForgottenSteps();
    m_undo->undo();
    dropForgottenSteps();
}

void EntityEdits::redo()
{
    if (!m_undo)
        return;
    dropForgottenSteps();
    m_undo->redo();
    dropForgottenSteps();
}

bool EntityEdits::hasConflict(const QString &key) const
{
    const EntityNode *node = m_model->byKey(m_model->resolveKey(key));
    return node && node->conflict();
}

bool EntityEdits::remoteDeleted(const QString &key) const
{
    const EntityNode *node = m_model->byKey(m_model->resolveKey(key));
    return node && node->edit && node->edit->remoteDeleted;
}

QJsonObject EntityEdits::remoteDocument(const QString &key) const
{
    const EntityNode *node = m_model->byKey(m_model->resolveKey(key));
    return node && node->edit && node->edit->remote ? *node->edit->remote : QJsonObject();
}

void EntityEdits::resolveConflict(const QString &key, bool takeTheirs)
{
    EntityNode *node = m_model->byKey(m_model->resolveKey(key));
    if (!node || !node->conflict())
        return;
    if (takeTheirs) {
        revert(node->key); // shows the daemon's version (or lets the deleted entity go)
        return;
    }
    // Keep mine: the daemon's version becomes the base, so that Save overwrites it (or, for a
    // deleted entity, creates it again: Save is an upsert).
    const bool wasDirty = node->dirty();
    if (node->edit->remote)
        node->stored = *node->edit->remote;
    else
        node->stored = QJsonObject();
    node->edit->remote.reset();
    node->edit->remoteDeleted = false;
    editStateChanged(node, wasDirty);
    Q_EMIT documentChanged(node->key);
}

void EntityEdits::dropEdit(EntityNode *node)
{
    m_model->syncChildren(node, node->stored, false, [this, node] {
        node->edit.reset();
        m_model->setEdited(node, false);
    });
}

QString EntityEdits::resolveKey(const QString &key) const
{
    return m_model->resolveKey(key);
}

void EntityEdits::mergeRemote(EntityNode *node, const QJsonObject &doc)
{
    EntityEdit &edit = *node->edit;
    const bool wasDirty = node->dirty();
    if (json::sameIgnoringMod(doc, edit.doc)) {
        // The daemon now holds exactly the working copy (our save's echo): clean again.
        m_model->syncChildren(node, doc, false, [this, node, &doc] {
            node->stored = doc;
            node->edit.reset();
            m_model->setEdited(node, false);
        });
    } else if (edit.lastSent && json::sameIgnoringMod(doc, *edit.lastSent)) {
        node->stored = doc; // the echo of a save, with edits made since still pending
        edit.lastSent.reset();
    } else if (edit.remoteDeleted || !json::sameIgnoringMod(doc, node->stored)) {
        edit.remote = doc;
        edit.remoteDeleted = false;
        editStateChanged(node, wasDirty);
        Q_EMIT conflictDetected(node->key);
        return;
    } else {
        node->stored = doc;
    }
    editStateChanged(node, wasDirty);
    Q_EMIT documentChanged(node->key);
}

void EntityEdits::remoteRemoved(EntityNode *node)
{
    node->edit->remoteDeleted = true;
    node->edit->remote.reset();
    editStateChanged(node, true);
    Q_EMIT conflictDetected(node->key);
}

} // namespace loom
