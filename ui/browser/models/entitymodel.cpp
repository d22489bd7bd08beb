#include "entitymodel.h"

#include "browser/models/entityedits.h"
#include "browser/models/entitynode_p.h"
#include "browser/models/entitypager.h"
#include "browser/models/jsonvalues.h"
#include "browser/models/livemerger.h"
#include "icons/iconprovider.h"

#include <QColor>
#include <QDateTime>
#include <QFont>

using namespace Qt::StringLiterals;

namespace loom {

using detail::EntityNode;
using detail::TreeNode;
using detail::ValueNode;

namespace {

QString modTime(const QJsonValue &mod)
{
    const qint64 ns = mod.toInteger();
    if (ns <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ns / 1'000'000).toString(Qt::ISODateWithMs);
}

} // namespace

EntityModel::EntityModel(const BrowserContext &context, QObject *parent)
    : EntityRows(parent)
    , m_context(context)
    , m_pager(new EntityPager(this))
    , m_edits(new EntityEdits(this))
    , m_live(new LiveMerger(this))
{
    setIdField(context.idField());
}

EntityModel::~EntityModel() = default;

QJsonValue EntityModel::valueAt(const QModelIndex &index) const
{
    return data(index, ValueJsonRole).value<QJsonValue>();
}

bool EntityModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_pager->canFetchMore();
}

void EntityModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        m_pager->fetchMore();
}

QVariant EntityModel::data(const QModelIndex &index, int role) const
{
    const TreeNode *node = nodeAt(index);
    if (!node)
        return {};
    switch (role) {
    case HighlightRole: return highlightLevel(node);
    case HighlightKindRole: return int(node->highlight);
    case EntityKeyRole: return detail::entityOf(node)->key;
    case PathRole: return pathAt(index);
    case DirtyRole: return detail::entityOf(node)->dirty();
    case DeletedRole: return detail::entityOf(node)->deleted;
    case IsEntityRole: return node->isEntity;
    default: break;
    }
    if (node->isEntity)
        return entityData(static_cast<const EntityNode *>(node), index.column(), role);
    return valueData(static_cast<const ValueNode *>(node), index.column(), role);
}

QVariant EntityModel::entityData(const EntityNode *node, int column, int role) const
{
    // (The document only where it is shown: the stored one is parsed when asked for.)
    switch (role) {
    case Qt::DisplayRole:
        if (column == KeyColumn)
            return node->isNew() ? tr("(new entity)") : node->key;
        if (column == ValueColumn)
            return json::summary(node->doc(), 90, idField());
        return tr("entity");
    case RawValueRole:
        if (column == KeyColumn)
            return node->key;
        if (column == ValueColumn)
            return QVariant::fromValue(QJsonValue(node->doc()));
        return u"entity"_s;
    case ValueJsonRole: return QVariant::fromValue(QJsonValue(node->doc()));
    case JsonTypeRole: return u"entity"_s;
    case Qt::DecorationRole:
        if (column != KeyColumn)
            return {};
        if (node->edit && (!node->edit->saveError.isEmpty() || !node->edit->fieldErrors.isEmpty()))
            return icon(u"state-problem"_s);
        if (node->conflict())
            return icon(u"state-conflict"_s);
        if (node->dirty())
            return icon(u"state-unsaved"_s);
        return {};
    case Qt::FontRole: {
        if (!node->dirty() && !node->deleted && !node->pinned)
            return {};
        QFont font;
        font.setBold(node->dirty());
        font.setItalic(node->dirty() || node->pinned);
        font.setStrikeOut(node->deleted);
        return font;
    }
    case Qt::ForegroundRole:
        if (node->deleted)
            return QColor(0x9e, 0x9e, 0x9e);
        return {};
    case Qt::ToolTipRole: {
        QStringList lines;
        lines << (node->isNew() ? tr("New entity, not created yet") : tr("Entity %1").arg(node->key));
        lines << tr("(the daemon's word: instance; collection %1)").arg(m_context.collection);
        if (const QString t = modTime(node->stored.value(json::kModField)); !t.isEmpty())
            lines << tr("Last saved on the daemon: %1").arg(t);
        if (node->dirty())
            lines << tr("Unsaved changes: press Ctrl+S to save.");
        if (node->pinned)
            lines << tr("Opened by id: not part of the loaded query results.");
        if (node->conflict())
            lines << (node->edit->remoteDeleted ? tr("Deleted on the daemon while you were editing it.")
                                                 : tr("Changed on the daemon while you were editing it."));
        if (node->edit && !node->edit->saveError.isEmpty())
            lines << tr("Save failed: %1").arg(node->edit->saveError);
        if (node->deleted)
            lines << tr("Deleted on the daemon.");
        return lines.join(u'\n');
    }
    default: return {};
    }
}

QVariant EntityModel::valueData(const ValueNode *node, int column, int role) const
{
    const EntityNode *entity = detail::entityOf(node);
    switch (role) {
    case Qt::DisplayRole:
        if (column == KeyColumn)
            return node->inArray ? u'[' + node->key + u']' : node->key;
        if (column == ValueColumn)
            return json::displayText(node->value);
        return json::typeName(node->value);
    case Qt::EditRole:
        if (column == KeyColumn)
            return node->key;
        if (column == TypeColumn)
            return json::typeName(node->value);
        if (node->value.isString())
            return node->value.toString();
        if (node->value.isBool())
            return node->value.toBool() ? u"true"_s : u"false"_s;
        if (node->value.isDouble())
            return json::numberText(node->value);
        return node->value.isNull() ? QString() : json::compactText(node->value);
    case RawValueRole:
        if (column == KeyColumn)
            return node->inArray ? QVariant(node->key.toInt()) : QVariant(node->key);
        if (column == ValueColumn)
            return QVariant::fromValue(node->value);
        return json::typeName(node->value);
    case ValueJsonRole: return QVariant::fromValue(node->value);
    case JsonTypeRole: return json::typeName(node->value);
    case FieldErrorRole: {
        if (!entity->edit)
            return {};
        const QModelIndex self = indexOf(node);
        return entity->edit->fieldErrors.value(json::dottedPath(pathAt(self)));
    }
    case Qt::ForegroundRole: {
        if (entity->deleted)
            return QColor(0x9e, 0x9e, 0x9e);
        if (entity->edit && entity->edit->fieldErrors.contains(json::dottedPath(pathAt(indexOf(node)))))
            return QColor(0xc6, 0x28, 0x28);
        if (column == ValueColumn && node->value.isNull())
            return QColor(0x80, 0x80, 0x80);
        if (column == TypeColumn)
            return QColor(0x70, 0x70, 0x70);
        return {};
    }
    case Qt::ToolTipRole: {
        const QStringList path = pathAt(indexOf(node));
        QString tip = json::pathText(entity->doc(), path);
        if (column == ValueColumn && node->value.isString() && node->value.toString().size() > 60)
            tip += u"\n\n"_s + node->value.toString().left(2000);
        if (path == QStringList{json::kModField})
            tip += u"\n"_s + tr("Time of the last save, in nanoseconds since 1970 (%1)").arg(modTime(node->value));
        if (path == QStringList{idField()})
            tip += u"\n"_s + tr("The entity's id, set by the daemon when it was created");
        if (entity->edit) {
            if (const QString e = entity->edit->fieldErrors.value(json::dottedPath(path)); !e.isEmpty())
                tip += u"\n"_s + tr("Schema: %1").arg(e);
        }
        return tip;
    }
    default: return {};
    }
}

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
    m_edits->editDocument(entity->key, doc, tr("Edit %1").arg(json::pathText(entity->doc(), path)));
    return true;
}

QVariant EntityModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case KeyColumn: return tr("Key");
        case ValueColumn: return tr("Value");
        case TypeColumn: return tr("Type");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && section == KeyColumn)
        return tr("Entities by _id, then their fields");
    return {};
}

Qt::ItemFlags EntityModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
    if (isEntityIndex(index))
        return f;
    const TreeNode *node = nodeAt(index);
    if (!node)
        return Qt::NoItemFlags;
    const auto *value = static_cast<const ValueNode *>(node);
    if (!value->value.isObject() && !value->value.isArray())
        f |= Qt::ItemNeverHasChildren;
    if (detail::entityOf(node)->deleted)
        return f;
    // _id and _mod at the top of an entity belong to the daemon.
    if (node->parent->isEntity && (value->key == idField() || value->key == json::kModField))
        return f;
    const bool container = value->value.isObject() || value->value.isArray();
    if ((index.column() == ValueColumn && !container) || index.column() == TypeColumn)
        f |= Qt::ItemIsEditable;
    return f;
}


} // namespace loom
