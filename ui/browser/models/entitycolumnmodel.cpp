#include "entitycolumnmodel.h"

#include "browser/models/entitymodel.h"
#include "browser/models/entitynode_p.h"
#include "browser/models/entityedits.h"
#include "browser/models/jsonvalues.h"

#include <QColor>
#include <QFont>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace loom {

using detail::EntityNode;

namespace {

constexpr int kIdColumn = 0;

// A cell's text: scalars as they are, arrays as their length and a preview, objects by size.
QString cellText(const QJsonValue &value)
{
    if (value.isUndefined())
        return {};
    if (value.isArray()) {
        const QJsonArray a = value.toArray();
        QString text = u'[' + QString::number(a.size()) + u']';
        QString preview;
        for (const QJsonValue &v : a) {
            if (v.isObject() || v.isArray() || preview.size() > 40)
                break;
            preview += (preview.isEmpty() ? QString() : u", "_s) + json::displayText(v);
        }
        return preview.isEmpty() ? text : text + u' ' + preview;
    }
    return json::displayText(value);
}

bool isScalarType(const QString &type)
{
    return type == u"string" || type == u"number" || type == u"integer" || type == u"boolean";
}

} // namespace

EntityColumnModel::EntityColumnModel(EntityModel *source, QObject *parent)
    : QAbstractItemModel(parent)
    , m_source(source)
{
    connectSource();
    discover(0, m_source->rowCount() - 1);
}

EntityColumnModel::~EntityColumnModel() = default;

void EntityColumnModel::connectSource()
{
    EntityModel *s = m_source;
    connect(s, &QAbstractItemModel::rowsAboutToBeInserted, this, [this](const QModelIndex &p, int first, int last) {
        if (!p.isValid())
            beginInsertRows({}, first, last);
    });
    connect(s, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &p, int first, int last) {
        if (p.isValid()) {
            const QModelIndex entity = m_source->entityIndex(p);
            sourceDataChanged(entity, entity);
            return;
        }
        endInsertRows();
        discover(first, last);
    });
    connect(s, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this](const QModelIndex &p, int first, int last) {
        if (p.isValid())
            return;
        for (int row = first; row <= last; ++row)
            m_elementRows.remove(m_source->rowAt(row));
        beginRemoveRows({}, first, last);
    });
    connect(s, &QAbstractItemModel::rowsRemoved, this, [this](const QModelIndex &p) {
        if (p.isValid()) {
            const QModelIndex entity = m_source->entityIndex(p);
            sourceDataChanged(entity, entity);
            return;
        }
        endRemoveRows();
    });
    connect(s, &QAbstractItemModel::rowsAboutToBeMoved, this,
            [this](const QModelIndex &p, int first, int last, const QModelIndex &d, int to) {
                if (!p.isValid() && !d.isValid())
                    beginMoveRows({}, first, last, {}, to);
            });
    connect(s, &QAbstractItemModel::rowsMoved, this, [this](const QModelIndex &p, int, int, const QModelIndex &d) {
        if (!p.isValid() && !d.isValid())
            endMoveRows();
    });
    connect(s, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        beginResetModel();
        m_elementRows.clear();
    });
    connect(s, &QAbstractItemModel::modelReset, this, [this] {
        endResetModel();
        discover(0, m_source->rowCount() - 1);
    });
    connect(s, &QAbstractItemModel::layoutAboutToBeChanged, this, [this] { Q_EMIT layoutAboutToBeChanged(); });
    connect(s, &QAbstractItemModel::layoutChanged, this, [this] { Q_EMIT layoutChanged(); });
    connect(s, &QAbstractItemModel::dataChanged, this, &EntityColumnModel::sourceDataChanged);
}

void EntityColumnModel::setSchema(const SchemaField &root)
{
    m_schema = root;
    EntityColumns next = m_columns;
    next.setSchema(root);
    const int before = m_columns.size();
    bool appendedOnly = next.size() >= before;
    for (int i = 0; appendedOnly && i < before; ++i)
        appendedOnly = next.at(i).name == m_columns.at(i).name;
    if (!appendedOnly) {
        // New columns in the middle (or a new order): views start again (they keep their
        // current entity and expanded rows by key, see EntityTableView).
        beginResetModel();
        m_columns = std::move(next);
        m_elementRows.clear();
        endResetModel();
        Q_EMIT columnsReordered();
        return;
    }
    if (next.size() > before) {
        beginInsertColumns({}, before, next.size() - 1);
        m_columns = std::move(next);
        endInsertColumns();
        Q_EMIT columnsAdded(before, m_columns.size() - 1);
    } else {
        m_columns = std::move(next); // (the schema's types may have changed)
    }
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, m_columns.size() - 1);
}

void EntityColumnModel::discover(int first, int last)
{
    // On a copy (shared until a column is added), so that the model changes between the
    // begin and the end of the insertion views are told of.
    EntityColumns grown = m_columns;
    for (int row = first; row <= last; ++row) {
        if (const EntityNode *node = m_source->rowAt(row))
            grown.discover(node->doc());
    }
    const int before = m_columns.size();
    if (grown.size() == before)
        return;
    beginInsertColumns({}, before, grown.size() - 1);
    m_columns = std::move(grown);
    endInsertColumns();
    Q_EMIT columnsAdded(before, m_columns.size() - 1);
}

void EntityColumnModel::sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    if (!topLeft.isValid())
        return;
    int first = topLeft.row();
    int last = bottomRight.row();
    if (topLeft.parent().isValid()) {
        first = last = m_source->entityIndex(topLeft).row();
    }
    discover(first, last);
    for (int row = first; row <= last; ++row) {
        const EntityNode *node = m_source->rowAt(row);
        const auto it = m_elementRows.find(node);
        if (!node || it == m_elementRows.end())
            continue;
        const int before = it.value();
        const int after = elementRows(node);
        const QModelIndex parent = index(row, 0);
        if (after > before) {
            beginInsertRows(parent, before, after - 1);
            m_elementRows[node] = after;
            endInsertRows();
        } else if (after < before) {
            beginRemoveRows(parent, after, before - 1);
            m_elementRows[node] = after;
            endRemoveRows();
        }
        if (std::min(before, after) > 0)
            Q_EMIT dataChanged(index(0, 0, parent), index(std::min(before, after) - 1, columnCount() - 1, parent));
    }
    Q_EMIT dataChanged(index(first, 0), index(last, columnCount() - 1));
}

// --- Structure ----------------------------------------------------------------------------------

const EntityNode *EntityColumnModel::entityAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    if (index.internalPointer())
        return static_cast<const EntityNode *>(index.internalPointer());
    return m_source->rowAt(index.row());
}

int EntityColumnModel::elementRows(const EntityNode *node) const
{
    const QModelIndex source = m_source->index(node->row, 0);
    int n = 0;
    for (const EntityColumn &c : m_columns.list()) {
        if (c.schemaType.isEmpty() || c.schemaType == u"array") {
            const QJsonValue v = m_source->fieldValue(source, c.path);
            if (v.isArray())
                n = std::max(n, int(v.toArray().size()));
        }
    }
    return n;
}

QModelIndex EntityColumnModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= columnCount())
        return {};
    if (!parent.isValid())
        return row < m_source->rowCount() ? createIndex(row, column) : QModelIndex();
    if (parent.internalPointer() || parent.column() != 0)
        return {};
    const EntityNode *node = m_source->rowAt(parent.row());
    if (!node || row >= rowCount(parent))
        return {};
    return createIndex(row, column, const_cast<EntityNode *>(node));
}

QModelIndex EntityColumnModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || !child.internalPointer())
        return {};
    return createIndex(static_cast<const EntityNode *>(child.internalPointer())->row, 0);
}

int EntityColumnModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return m_source->rowCount();
    if (parent.internalPointer() || parent.column() != 0)
        return 0;
    const EntityNode *node = m_source->rowAt(parent.row());
    if (!node)
        return 0;
    const auto it = m_elementRows.constFind(node);
    if (it != m_elementRows.constEnd())
        return it.value();
    const int n = elementRows(node);
    m_elementRows.insert(node, n);
    return n;
}

int EntityColumnModel::columnCount(const QModelIndex &) const
{
    return m_columns.size();
}

bool EntityColumnModel::hasChildren(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return m_source->rowCount() > 0;
    return rowCount(parent) > 0;
}

bool EntityColumnModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_source->canFetchMore({});
}

void EntityColumnModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        m_source->fetchMore({});
}

QModelIndex EntityColumnModel::indexForKey(const QString &key, int column) const
{
    const QModelIndex source = m_source->indexForKey(key);
    return source.isValid() ? index(source.row(), column) : QModelIndex();
}

QString EntityColumnModel::keyAt(const QModelIndex &index) const
{
    const EntityNode *node = entityAt(index);
    return node ? node->key : QString();
}

QStringList EntityColumnModel::pathAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.column() == kIdColumn || index.column() >= m_columns.size())
        return {};
    QStringList path = m_columns.at(index.column()).path;
    if (index.internalPointer()) {
        const QJsonValue v = m_source->fieldValue(m_source->index(entityAt(index)->row, 0), path);
        if (!v.isArray() || index.row() >= v.toArray().size())
            return {};
        path.append(QString::number(index.row()));
    }
    return path;
}

QJsonValue EntityColumnModel::valueAt(const QModelIndex &index) const
{
    const EntityNode *node = entityAt(index);
    if (!node || index.column() >= m_columns.size())
        return QJsonValue(QJsonValue::Undefined);
    const QModelIndex source = m_source->index(node->row, 0);
    if (index.column() == kIdColumn && !index.internalPointer())
        return node->isNew() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(node->key);
    const QJsonValue v = m_source->fieldValue(source, m_columns.at(index.column()).path);
    if (!index.internalPointer())
        return v;
    return v.isArray() && index.row() < v.toArray().size() ? v.toArray().at(index.row())
                                                            : QJsonValue(QJsonValue::Undefined);
}

QModelIndex EntityColumnModel::sourceIndex(const QModelIndex &index) const
{
    const EntityNode *node = entityAt(index);
    if (!node)
        return {};
    const QStringList path = pathAt(index);
    if (!path.isEmpty()) {
        const QModelIndex field = m_source->indexForPath(node->key, path, EntityModel::ValueColumn);
        if (field.isValid())
            return field;
    }
    return m_source->index(node->row, 0);
}

const SchemaField *EntityColumnModel::schemaField(const EntityColumn &column) const
{
    return column.fromSchema ? m_schema.at(column.path) : nullptr;
}

QString EntityColumnModel::editType(const QModelIndex &index) const
{
    const EntityColumn &column = m_columns.at(index.column());
    QString schemaType = column.schemaType;
    if (index.internalPointer()) {
        const SchemaField *f = schemaField(column);
        schemaType = f && f->items ? f->items->type : QString();
    }
    if (isScalarType(schemaType))
        return schemaType;
    const QJsonValue v = valueAt(index);
    if (v.isString() || v.isDouble() || v.isBool())
        return json::typeName(v);
    return u"any"_s;
}

// --- Data ---------------------------------------------------------------------------------------

QVariant EntityColumnModel::data(const QModelIndex &index, int role) const
{
    const EntityNode *node = entityAt(index);
    if (!node || index.column() >= m_columns.size())
        return {};
    const bool entityRow = !index.internalPointer();
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        if (column == kIdColumn)
            return entityRow ? (node->isNew() ? tr("(new entity)") : node->key) : u'[' + QString::number(index.row()) + u']';
        return cellText(valueAt(index));
    case Qt::EditRole: {
        const QJsonValue v = valueAt(index);
        if (v.isString())
            return v.toString();
        if (v.isBool())
            return v.toBool() ? u"true"_s : u"false"_s;
        if (v.isDouble())
            return json::numberText(v);
        return v.isUndefined() || v.isNull() ? QString() : json::compactText(v);
    }
    case EntityModel::RawValueRole:
    case EntityModel::ValueJsonRole: return QVariant::fromValue(valueAt(index));
    case EntityModel::JsonTypeRole: {
        const QJsonValue v = valueAt(index);
        return v.isUndefined() ? QString() : json::typeName(v);
    }
    case EditTypeRole: return editType(index);
    case EnumValuesRole: {
        const SchemaField *f = entityRow ? schemaField(m_columns.at(column)) : nullptr;
        return f && !f->enumValues.isEmpty() ? QVariant::fromValue(f->enumValues) : QVariant();
    }
    case ColumnNameRole: return m_columns.at(column).name;
    case EntityModel::EntityKeyRole: return node->key;
    case EntityModel::PathRole: return pathAt(index);
    case EntityModel::IsEntityRole: return entityRow;
    case EntityModel::DirtyRole: return node->dirty();
    case EntityModel::DeletedRole: return node->deleted;
    case EntityModel::HighlightRole:
    case EntityModel::HighlightKindRole:
        return m_source->data(m_source->index(node->row, 0), role);
    case EntityModel::FieldErrorRole: {
        const QStringList path = pathAt(index);
        return node->edit && !path.isEmpty() ? node->edit->fieldErrors.value(json::dottedPath(path)) : QString();
    }
    case Qt::DecorationRole:
    case Qt::FontRole:
        if (column == kIdColumn && entityRow)
            return m_source->data(m_source->index(node->row, 0), role);
        if (role == Qt::FontRole && node->deleted) {
            QFont font;
            font.setStrikeOut(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole: {
        if (node->deleted)
            return QColor(0x9e, 0x9e, 0x9e);
        const QStringList path = pathAt(index);
        if (node->edit && !path.isEmpty() && node->edit->fieldErrors.contains(json::dottedPath(path)))
            return QColor(0xc6, 0x28, 0x28);
        if (column == kIdColumn && !entityRow)
            return QColor(0x70, 0x70, 0x70);
        const QJsonValue v = valueAt(index);
        if (v.isNull() || v.isObject() || v.isArray())
            return QColor(0x80, 0x80, 0x80);
        return {};
    }
    case Qt::ToolTipRole: {
        if (column == kIdColumn && entityRow)
            return m_source->data(m_source->index(node->row, 0), role);
        const QJsonValue v = valueAt(index);
        QString tip = m_columns.at(column).name;
        if (!entityRow)
            tip += u'[' + QString::number(index.row()) + u']';
        if (v.isUndefined())
            tip += u"\n"_s + tr("Not set in this entity");
        else if (v.isString() && v.toString().size() > 40)
            tip += u"\n\n"_s + v.toString().left(2000);
        else if (v.isObject() || v.isArray())
            tip += u"\n\n"_s + json::compactText(v).left(2000);
        if (const QString e = data(index, EntityModel::FieldErrorRole).toString(); !e.isEmpty())
            tip += u"\n"_s + tr("Schema: %1").arg(e);
        return tip;
    }
    default: return {};
    }
}

Qt::ItemFlags EntityColumnModel::flags(const QModelIndex &index) const
{
    const EntityNode *node = entityAt(index);
    if (!node)
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
    if (index.internalPointer())
        f |= Qt::ItemNeverHasChildren;
    const int column = index.column();
    if (node->deleted || column == kIdColumn || column >= m_columns.size())
        return f;
    const EntityColumn &c = m_columns.at(column);
    if (c.path.size() == 1 && (c.name == json::kIdField || c.name == json::kModField))
        return f;
    if (pathAt(index).isEmpty())
        return f;
    const QJsonValue v = valueAt(index);
    if (v.isObject() || v.isArray() || (v.isUndefined() && !index.internalPointer() && !isScalarType(c.schemaType)
                                        && !c.schemaType.isEmpty()))
        return f;
    return f | Qt::ItemIsEditable;
}

std::optional<QJsonValue> EntityColumnModel::parseCell(const QString &text, const QString &editType, QString *problem)
{
    const QString t = text.trimmed();
    if (editType == u"string")
        return QJsonValue(text);
    if (editType == u"number" || editType == u"integer") {
        const auto v = json::parseTyped(t, u"number"_s);
        if (!v) {
            *problem = t.isEmpty() ? tr("Type a number: an empty cell is not one.")
                                   : tr("“%1” is not a number: type digits, e.g. 42 or 3.5.").arg(text);
            return std::nullopt;
        }
        if (editType == u"integer" && !json::wholeNumber(*v)) {
            *problem = tr("“%1” is not a whole number: this field takes whole numbers only.").arg(text);
            return std::nullopt;
        }
        return v;
    }
    if (editType == u"boolean") {
        if (t == u"true" || t == u"false")
            return QJsonValue(t == u"true");
        *problem = tr("“%1” is neither true nor false.").arg(text);
        return std::nullopt;
    }
    // Any type: a JSON literal (numbers, true/false, null), anything else a string.
    if (t == u"null")
        return QJsonValue(QJsonValue::Null);
    if (t == u"true" || t == u"false")
        return QJsonValue(t == u"true");
    if (json::isNumberText(t))
        return json::parseTyped(t, u"number"_s).value_or(QJsonValue(text));
    return QJsonValue(text);
}

bool EntityColumnModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    const EntityNode *node = entityAt(index);
    const QStringList path = pathAt(index);
    const EntityColumn &column = m_columns.at(index.column());
    QJsonValue next;
    if (value.metaType() == QMetaType::fromType<QJsonValue>()) {
        next = value.value<QJsonValue>();
    } else {
        QString problem;
        const auto parsed = parseCell(value.toString(), editType(index), &problem);
        if (!parsed) {
            Q_EMIT editRefused(tr("%1 not changed: %2").arg(column.name, problem));
            return false;
        }
        next = *parsed;
    }
    const QJsonValue before = valueAt(index);
    if (next == before && json::typeName(next) == json::typeName(before))
        return true;
    const QJsonObject doc = json::withValueAt(node->doc(), path, next);
    m_source->edits()->editDocument(node->key, doc, tr("Edit %1").arg(json::pathText(node->doc(), path)));
    return true;
}

QVariant EntityColumnModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_columns.size())
        return {};
    const EntityColumn &c = m_columns.at(section);
    if (role == Qt::DisplayRole)
        return c.name;
    if (role == ColumnNameRole)
        return c.name;
    if (role == Qt::ToolTipRole) {
        if (c.name == json::kIdField)
            return tr("The entity's id, set by the daemon (always shown, stays in place when you scroll sideways)");
        if (c.name == json::kModField)
            return tr("Time of the last save, in nanoseconds since 1970");
        if (!c.fromSchema)
            return tr("%1: found in the loaded entities, not in the schema").arg(c.name);
        const SchemaField *f = schemaField(c);
        QString tip = tr("%1 (%2, from the schema)").arg(c.name, c.schemaType.isEmpty() ? tr("any type") : c.schemaType);
        if (f && !f->hint().isEmpty())
            tip += u"\n"_s + f->hint();
        return QString(tip + u"\n"_s + tr("Click to sort the loaded entities by this field"));
    }
    return {};
}

} // namespace loom
