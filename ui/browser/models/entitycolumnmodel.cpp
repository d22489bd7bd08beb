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

constexpr int kIdColumn = EntityColumnRows::kIdColumnIndex;

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
    : EntityColumnRows(source, parent)
{
}

EntityColumnModel::~EntityColumnModel() = default;

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
    if (c.path.size() == 1 && (c.name == m_columns.idField() || c.name == json::kModField))
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
        if (c.name == m_columns.idField())
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
