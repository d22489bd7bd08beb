#include "entitymodel.h"

#include "entitynode_p.h"
#include "jsonvalues.h"
#include "threadsclient.h"

#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QIcon>
#include <QPainter>
#include <QPixmap>

using namespace Qt::StringLiterals;

namespace loom {

using detail::EntityNode;
using detail::TreeNode;
using detail::ValueNode;

namespace {

QIcon dotIcon(const QColor &color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(2.5, 2.5, 7, 7));
    return QIcon(pixmap);
}

const QIcon &unsavedIcon()
{
    static const QIcon icon = dotIcon(QColor(0x1f, 0x6f, 0xd1));
    return icon;
}

const QIcon &problemIcon()
{
    static const QIcon icon = dotIcon(QColor(0xc6, 0x28, 0x28));
    return icon;
}

const QIcon &conflictIcon()
{
    static const QIcon icon = dotIcon(QColor(0xe6, 0x8a, 0x00));
    return icon;
}

QString modTime(const QJsonValue &mod)
{
    const qint64 ns = mod.toInteger();
    if (ns <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ns / 1'000'000).toString(Qt::ISODateWithMs);
}

} // namespace

EntityModel::EntityModel(ThreadsClient *client, const StoreId &store, const QString &collection,
                         QObject *parent)
    : QAbstractItemModel(parent)
    , m_client(client)
    , m_store(store)
    , m_collection(collection)
{
    m_clock.start();
    m_sweep.setSingleShot(true);
    connect(&m_sweep, &QTimer::timeout, this, &EntityModel::sweepDeleted);
}

EntityModel::~EntityModel()
{
    if (m_pageReply)
        m_pageReply->cancel();
    if (m_refreshReply)
        m_refreshReply->cancel();
}

TreeNode *EntityModel::nodeAt(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<TreeNode *>(index.internalPointer()) : nullptr;
}

bool EntityModel::isEntityIndex(const QModelIndex &index) const
{
    const auto row = size_t(index.row());
    return index.isValid() && row < m_rows.size()
        && static_cast<TreeNode *>(m_rows[row].get()) == index.internalPointer();
}

QModelIndex EntityModel::indexOf(const TreeNode *node, int column) const
{
    if (!node)
        return {};
    return createIndex(node->row, column, const_cast<TreeNode *>(node));
}

void EntityModel::ensureBuilt(TreeNode *node) const
{
    if (node->built)
        return;
    node->built = true;
    const QJsonValue container = detail::containerOf(node);
    if (container.isObject()) {
        const QJsonObject o = container.toObject();
        node->children.reserve(size_t(o.size()));
        for (auto it = o.begin(); it != o.end(); ++it) {
            auto child = std::make_unique<ValueNode>();
            child->parent = node;
            child->row = int(node->children.size());
            child->key = it.key();
            child->value = it.value();
            node->children.push_back(std::move(child));
        }
    } else if (container.isArray()) {
        const QJsonArray a = container.toArray();
        node->children.reserve(size_t(a.size()));
        for (qsizetype i = 0; i < a.size(); ++i) {
            auto child = std::make_unique<ValueNode>();
            child->parent = node;
            child->row = int(i);
            child->key = QString::number(i);
            child->value = a.at(i);
            child->inArray = true;
            node->children.push_back(std::move(child));
        }
    }
}

QModelIndex EntityModel::index(int row, int column, const QModelIndex &parent) const
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

QModelIndex EntityModel::parent(const QModelIndex &child) const
{
    const TreeNode *node = nodeAt(child);
    if (!node || !node->parent)
        return {};
    return indexOf(node->parent);
}

int EntityModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_rows.size());
    if (parent.column() != 0)
        return 0;
    const TreeNode *node = nodeAt(parent);
    if (node->built)
        return int(node->children.size());
    if (node->isEntity) // (no QJsonValue round trip: views ask this for every row)
        return int(static_cast<const EntityNode *>(node)->doc().size());
    return detail::containerSize(static_cast<const ValueNode *>(node)->value);
}

int EntityModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool EntityModel::hasChildren(const QModelIndex &parent) const
{
    // Stored entities always have fields (_id at least); only new ones can be empty.
    if (isEntityIndex(parent) && parent.column() == 0 && parent.row() >= m_newCount)
        return true;
    return rowCount(parent) > 0;
}

qreal EntityModel::highlightLevel(const TreeNode *node) const
{
    if (node->changedAt <= 0)
        return 0;
    const qint64 age = m_clock.elapsed() - node->changedAt;
    if (age >= kHighlightMs)
        return 0;
    return 1.0 - qreal(age) / kHighlightMs;
}

bool EntityModel::hasActiveHighlights() const
{
    return m_clock.elapsed() - m_lastHighlight < kHighlightMs;
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
    const QJsonObject &doc = node->doc();
    switch (role) {
    case Qt::DisplayRole:
        if (column == KeyColumn)
            return node->isNew() ? tr("(new entity)") : node->key;
        if (column == ValueColumn)
            return json::summary(doc);
        return tr("entity");
    case RawValueRole:
        if (column == KeyColumn)
            return node->key;
        if (column == ValueColumn)
            return QVariant::fromValue(QJsonValue(doc));
        return u"entity"_s;
    case ValueJsonRole: return QVariant::fromValue(QJsonValue(doc));
    case JsonTypeRole: return u"entity"_s;
    case Qt::DecorationRole:
        if (column != KeyColumn)
            return {};
        if (node->edit && (!node->edit->saveError.isEmpty() || !node->edit->fieldErrors.isEmpty()))
            return problemIcon();
        if (node->conflict())
            return conflictIcon();
        if (node->dirty())
            return unsavedIcon();
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
        lines << tr("(the daemon's word: instance; collection %1)").arg(m_collection);
        if (const QString t = modTime(node->stored.value(u"_mod"_s)); !t.isEmpty())
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
        if (path == QStringList{u"_mod"_s})
            tip += u"\n"_s + tr("Time of the last save, in nanoseconds since 1970 (%1)").arg(modTime(node->value));
        if (path == QStringList{u"_id"_s})
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
    if (node->parent->isEntity && (value->key == u"_id" || value->key == u"_mod"))
        return f;
    const bool container = value->value.isObject() || value->value.isArray();
    if ((index.column() == ValueColumn && !container) || index.column() == TypeColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

QModelIndex EntityModel::indexForKey(const QString &key, int column) const
{
    return indexOf(byKey(resolveKey(key)), column);
}

QModelIndex EntityModel::indexForPath(const QString &key, const QStringList &path, int column) const
{
    TreeNode *node = byKey(resolveKey(key));
    for (const QString &k : path) {
        if (!node)
            return {};
        ensureBuilt(node);
        const auto it = std::find_if(node->children.begin(), node->children.end(),
                                     [&k](const auto &child) { return child->key == k; });
        node = it == node->children.end() ? nullptr : it->get();
    }
    return indexOf(node, column);
}

QString EntityModel::keyAt(const QModelIndex &index) const
{
    const TreeNode *node = nodeAt(index);
    return node ? detail::entityOf(node)->key : QString();
}

QModelIndex EntityModel::entityIndex(const QModelIndex &index) const
{
    const TreeNode *node = nodeAt(index);
    return node ? indexOf(detail::entityOf(node)) : QModelIndex();
}

QStringList EntityModel::pathAt(const QModelIndex &index) const
{
    QStringList path;
    for (const TreeNode *node = nodeAt(index); node && !node->isEntity; node = node->parent)
        path.prepend(static_cast<const ValueNode *>(node)->key);
    return path;
}

QJsonValue EntityModel::valueAt(const QModelIndex &index) const
{
    return data(index, ValueJsonRole).value<QJsonValue>();
}

QJsonValue EntityModel::fieldValue(const QModelIndex &index, const QStringList &path) const
{
    const TreeNode *node = nodeAt(index);
    if (!node || path.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    const QJsonValue first = detail::entityOf(node)->doc().value(path.first());
    return path.size() == 1 ? first : json::valueAt(first, path.mid(1));
}

int EntityModel::builtEntityCount() const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(), [](const auto &n) { return n->built; }));
}

int EntityModel::loadedCount() const
{
    return int(m_rows.size()) - m_newCount;
}

} // namespace loom
