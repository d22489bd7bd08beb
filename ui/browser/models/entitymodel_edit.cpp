// EntityModel: local edits, saving state and conflicts with the daemon.
#include "entitymodel.h"

#include "entitycommands.h"
#include "entitynode_p.h"
#include "jsonvalues.h"

#include <QUndoStack>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace loom {

using detail::EntityEdit;
using detail::EntityNode;
using detail::Highlight;
using detail::ValueNode;

namespace {
const QString kId = u"_id"_s;
} // namespace

bool EntityModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    const auto *node = static_cast<const ValueNode *>(nodeAt(index));
    const EntityNode *entity = detail::entityOf(node);
    QJsonValue next;
    if (index.column() == TypeColumn) {
        next = json::convert(node->value, value.toString());
    } else if (value.metaType() == QMetaType::fromType<QJsonValue>()) {
        next = value.value<QJsonValue>();
    } else {
        const auto parsed = json::parseTyped(value.toString(), json::typeName(node->value));
        if (!parsed)
            return false;
        next = *parsed;
    }
    if (next == node->value && json::typeName(next) == json::typeName(node->value))
        return true;
    const QStringList path = pathAt(index);
    const QJsonObject doc = json::withValueAt(entity->doc(), path, next);
    editDocument(entity->key, doc, tr("Edit %1").arg(json::pathText(entity->doc(), path)));
    return true;
}

void EntityModel::editDocument(const QString &key, const QJsonObject &doc, const QString &description,
                               const QString &mergeTag)
{
    const EntityNode *node = byKey(resolveKey(key));
    if (!node || node->doc() == doc)
        return;
    if (m_undo)
        m_undo->push(new SetDocumentCommand(this, node->key, node->doc(), doc, description, mergeTag));
    else
        setDocument(node->key, doc);
}

void EntityModel::setDocument(const QString &key, const QJsonObject &doc)
{
    EntityNode *node = byKey(resolveKey(key));
    if (!node || node->deleted || node->doc() == doc)
        return;
    const bool wasDirty = node->dirty();
    syncChildren(node, doc, false, [this, node, &doc] {
        if (!node->edit) {
            node->edit = std::make_unique<EntityEdit>();
            m_edited.insert(node);
        }
        node->edit->doc = doc;
    });
    // Back to the daemon's version: nothing left to save.
    if (!node->edit->isNew && !node->conflict() && !node->edit->saving && doc == node->stored) {
        node->edit.reset();
        m_edited.remove(node);
    }
    editStateChanged(node, wasDirty);
    Q_EMIT documentChanged(node->key);
}

void EntityModel::editStateChanged(EntityNode *node, bool wasDirty)
{
    const QModelIndex left = indexOf(node, KeyColumn);
    Q_EMIT dataChanged(left, left.siblingAtColumn(TypeColumn));
    const bool dirty = node->dirty();
    if (dirty != wasDirty)
        Q_EMIT dirtyChanged(node->key, dirty);
    const bool any = hasUnsavedChanges();
    if (any != m_wasDirty) {
        m_wasDirty = any;
        Q_EMIT unsavedChangesChanged(any);
    }
}

bool EntityModel::hasUnsavedChanges() const
{
    return std::any_of(m_edited.begin(), m_edited.end(), [](const EntityNode *n) { return n->dirty(); });
}

QStringList EntityModel::dirtyKeys() const
{
    std::vector<const EntityNode *> nodes;
    for (const EntityNode *n : m_edited) {
        if (n->dirty())
            nodes.push_back(n);
    }
    std::sort(nodes.begin(), nodes.end(), [](const auto *a, const auto *b) { return a->row < b->row; });
    QStringList keys;
    for (const EntityNode *n : nodes)
        keys.append(n->key);
    return keys;
}

QString EntityModel::resolveKey(const QString &key) const
{
    return m_renamed.value(key, key);
}

bool EntityModel::contains(const QString &key) const
{
    return byKey(resolveKey(key)) != nullptr;
}

QJsonObject EntityModel::document(const QString &key) const
{
    const EntityNode *node = byKey(resolveKey(key));
    return node ? node->doc() : QJsonObject();
}

QJsonObject EntityModel::storedDocument(const QString &key) const
{
    const EntityNode *node = byKey(resolveKey(key));
    return node ? node->stored : QJsonObject();
}

bool EntityModel::isNew(const QString &key) const
{
    const EntityNode *node = byKey(resolveKey(key));
    return node && node->isNew();
}

bool EntityModel::isDirty(const QString &key) const
{
    const EntityNode *node = byKey(resolveKey(key));
    return node && node->dirty();
}

QString EntityModel::addNewEntity(const QJsonObject &doc)
{
    const QString key = u"new:"_s + QString::number(++m_newSerial);
    auto node = std::make_unique<EntityNode>();
    node->key = key;
    node->edit = std::make_unique<EntityEdit>();
    node->edit->isNew = true;
    node->edit->doc = doc;
    EntityNode *raw = node.get();
    m_edited.insert(raw);
    std::vector<std::unique_ptr<EntityNode>> one;
    one.push_back(std::move(node));
    insertEntities(0, std::move(one));
    ++m_newCount;
    editStateChanged(raw, false);
    Q_EMIT countChanged();
    return key;
}

void EntityModel::revert(const QString &key)
{
    EntityNode *node = byKey(resolveKey(key));
    if (!node || !node->edit)
        return;
    const bool wasDirty = node->dirty();
    if (node->isNew()) {
        removeEntityRows(node->row, node->row);
        const bool any = hasUnsavedChanges();
        if (any != m_wasDirty) {
            m_wasDirty = any;
            Q_EMIT unsavedChangesChanged(any);
        }
        Q_EMIT countChanged();
        return;
    }
    const std::optional<QJsonObject> remote = node->edit->remote;
    const bool remoteGone = node->edit->remoteDeleted;
    syncChildren(node, node->stored, false, [this, node] {
        node->edit.reset();
        m_edited.remove(node);
    });
    editStateChanged(node, wasDirty);
    Q_EMIT documentChanged(node->key);
    if (remoteGone)
        markDeleted(node);
    else if (remote)
        setStored(node, *remote, Highlight::Changed);
}

void EntityModel::setSaving(const QString &key, bool saving)
{
    if (EntityNode *node = byKey(resolveKey(key)); node && node->edit)
        node->edit->saving = saving;
}

void EntityModel::markSaved(const QString &key, const QJsonObject &sent, const QString &newId)
{
    EntityNode *node = byKey(resolveKey(key));
    if (!node || !node->edit)
        return;
    const bool wasDirty = node->dirty();
    node->edit->saving = false;
    if (node->isNew()) {
        QJsonObject stored = sent;
        stored.insert(kId, newId);
        QJsonObject mine = node->edit->doc;
        mine.insert(kId, newId);
        const bool editedSince = !json::sameIgnoringMod(mine, stored);
        const QString oldKey = node->key;
        m_renamed.insert(oldKey, newId);
        if (byKey(newId)) {
            // Listen brought the new entity in before the reply: keep that row.
            removeEntityRows(node->row, node->row);
            if (editedSince)
                setDocument(newId, mine);
        } else {
            syncChildren(node, editedSince ? mine : stored, false, [&] {
                node->stored = stored;
                if (editedSince) {
                    node->edit->doc = mine;
                    node->edit->isNew = false;
                    node->edit->lastSent = stored;
                    node->edit->saveError.clear();
                } else {
                    node->edit.reset();
                    m_edited.remove(node);
                }
            });
            m_byKey.remove(oldKey);
            node->key = newId;
            m_byKey.insert(newId, node);
            // Out of the block of new entities, into the loaded rows (or pinned at the end).
            const int from = node->row;
            if (inLoadedRange(newId)) {
                const auto begin = m_rows.begin() + m_newCount, end = m_rows.begin() + pagedEnd();
                const auto at = std::lower_bound(begin, end, newId, [this](const auto &n, const QString &id) {
                    return idLess(n->key, id);
                });
                moveEntity(from, int(at - m_rows.begin()));
            } else {
                moveEntity(from, int(m_rows.size()));
                node->pinned = true;
                ++m_pinnedCount;
            }
            --m_newCount;
            editStateChanged(node, wasDirty);
        }
        Q_EMIT keyRenamed(oldKey, newId);
        Q_EMIT documentChanged(newId);
        Q_EMIT countChanged();
        return;
    }
    if (!json::sameIgnoringMod(sent, node->stored))
        node->stored = sent; // (the echo, with the daemon's new _mod, may already be here)
    node->edit->remote.reset();
    node->edit->remoteDeleted = false;
    node->edit->saveError.clear();
    node->edit->fieldErrors.clear();
    if (json::sameIgnoringMod(node->edit->doc, sent)) {
        syncChildren(node, node->stored, false, [this, node] {
            node->edit.reset();
            m_edited.remove(node);
        });
    } else {
        node->edit->lastSent = sent;
    }
    editStateChanged(node, wasDirty);
    subtreeChanged(node);
    Q_EMIT documentChanged(node->key);
}

void EntityModel::setSaveError(const QString &key, const QString &message)
{
    EntityNode *node = byKey(resolveKey(key));
    if (!node || !node->edit)
        return;
    node->edit->saving = false;
    node->edit->saveError = message;
    editStateChanged(node, node->dirty());
}

QString EntityModel::saveError(const QString &key) const
{
    const EntityNode *node = byKey(resolveKey(key));
    return node && node->edit ? node->edit->saveError : QString();
}

void EntityModel::setFieldErrors(const QString &key, const QHash<QString, QString> &errors)
{
    EntityNode *node = byKey(resolveKey(key));
    if (!node || !node->edit || node->edit->fieldErrors == errors)
        return;
    node->edit->fieldErrors = errors;
    subtreeChanged(node);
}

QHash<QString, QString> EntityModel::fieldErrors(const QString &key) const
{
    const EntityNode *node = byKey(resolveKey(key));
    return node && node->edit ? node->edit->fieldErrors : QHash<QString, QString>();
}

QModelIndex EntityModel::pin(const QJsonObject &entity)
{
    const QString id = entity.value(kId).toString();
    if (id.isEmpty())
        return {};
    if (const EntityNode *node = byKey(id))
        return indexOf(node);
    auto node = std::make_unique<EntityNode>();
    node->key = id;
    node->stored = entity;
    node->pinned = true;
    const EntityNode *raw = node.get();
    std::vector<std::unique_ptr<EntityNode>> one;
    one.push_back(std::move(node));
    insertEntities(int(m_rows.size()), std::move(one));
    ++m_pinnedCount;
    Q_EMIT countChanged();
    return indexOf(raw);
}

void EntityModel::markRemoved(const QStringList &ids)
{
    for (const QString &id : ids) {
        EntityNode *node = byKey(resolveKey(id));
        if (!node || node->isNew())
            continue;
        if (node->edit) {
            const bool wasDirty = node->dirty();
            syncChildren(node, node->stored, false, [this, node] {
                node->edit.reset();
                m_edited.remove(node);
            });
            editStateChanged(node, wasDirty);
        }
        markDeleted(node);
    }
    Q_EMIT highlighted();
}

bool EntityModel::hasConflict(const QString &key) const
{
    const EntityNode *node = byKey(resolveKey(key));
    return node && node->conflict();
}

bool EntityModel::remoteDeleted(const QString &key) const
{
    const EntityNode *node = byKey(resolveKey(key));
    return node && node->edit && node->edit->remoteDeleted;
}

QJsonObject EntityModel::remoteDocument(const QString &key) const
{
    const EntityNode *node = byKey(resolveKey(key));
    return node && node->edit && node->edit->remote ? *node->edit->remote : QJsonObject();
}

void EntityModel::resolveConflict(const QString &key, bool takeTheirs)
{
    EntityNode *node = byKey(resolveKey(key));
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

} // namespace loom
