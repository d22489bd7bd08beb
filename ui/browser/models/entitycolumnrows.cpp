#include "entitycolumnrows.h"

#include "browser/models/entitymodel.h"
#include "browser/models/entitynode_p.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace loom {

using detail::EntityNode;

EntityColumnRows::EntityColumnRows(EntityModel *source, QObject *parent)
    : QAbstractItemModel(parent)
    , m_source(source)
{
    m_columns = EntityColumns(source->idField());
    m_discoverLater.setSingleShot(true);
    m_discoverLater.setInterval(0);
    connect(&m_discoverLater, &QTimer::timeout, this, &EntityColumnRows::discoverSlice);
    connectSource();
    discover(0, m_source->rowCount() - 1);
}

EntityColumnRows::~EntityColumnRows() = default;

void EntityColumnRows::connectSource()
{
    EntityModel *s = m_source;
    connect(s, &QAbstractItemModel::rowsAboutToBeInserted, this, [this](const QModelIndex &p, int first, int last) {
        if (!p.isValid())
            beginInsertRows({}, first, last);
    });
    // Field rows come and go under an entity whose document changed; the entity's own row change
    // follows (EntityRows::rowChanged, merged per Listen batch), and that is what this model
    // passes on: a single-row change per field row would make views look each row up.
    connect(s, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &p, int first, int last) {
        if (p.isValid())
            return;
        endInsertRows();
        discover(first, last);
    });
    connect(s, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this](const QModelIndex &p, int first, int last) {
        if (p.isValid())
            return;
        for (int row = first; row <= last; ++row) {
            m_elementRows.remove(m_source->rowAt(row));
            m_undiscovered.remove(m_source->rowAt(row));
        }
        beginRemoveRows({}, first, last);
    });
    connect(s, &QAbstractItemModel::rowsRemoved, this, [this](const QModelIndex &p) {
        if (p.isValid())
            return;
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
        m_undiscovered.clear();
    });
    connect(s, &QAbstractItemModel::modelReset, this, [this] {
        endResetModel();
        discover(0, m_source->rowCount() - 1);
    });
    connect(s, &QAbstractItemModel::layoutAboutToBeChanged, this, [this] { Q_EMIT layoutAboutToBeChanged(); });
    connect(s, &QAbstractItemModel::layoutChanged, this, [this] { Q_EMIT layoutChanged(); });
    connect(s, &QAbstractItemModel::dataChanged, this, &EntityColumnRows::sourceDataChanged);
}

void EntityColumnRows::setSchema(const SchemaField &root)
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

void EntityColumnRows::discover(int first, int last)
{
    // A few rows at once (the first page's columns are there for its first paint); the rest
    // of a large range in slices between events, so that a page of 1,000 entities or a batch
    // of Listen changes spread over 100,000 rows never holds the GUI thread up.
    const int now = std::min(last, first + kDiscoverAtOnce - 1);
    for (int row = now + 1; row <= last; ++row) {
        if (const EntityNode *node = m_source->rowAt(row))
            m_undiscovered.insert(node);
    }
    if (!m_undiscovered.isEmpty() && !m_discoverLater.isActive())
        m_discoverLater.start();
    EntityColumns grown = m_columns; // (shared until a column is added)
    for (int row = first; row <= now; ++row) {
        if (const EntityNode *node = m_source->rowAt(row))
            grown.discover(node->doc());
    }
    addColumns(std::move(grown));
}

void EntityColumnRows::discoverSlice()
{
    EntityColumns grown = m_columns;
    int n = 0;
    for (auto it = m_undiscovered.begin(); it != m_undiscovered.end() && n < kDiscoverSlice; ++n) {
        grown.discover((*it)->doc());
        it = m_undiscovered.erase(it);
    }
    if (!m_undiscovered.isEmpty())
        m_discoverLater.start();
    addColumns(std::move(grown));
}

void EntityColumnRows::addColumns(EntityColumns grown)
{
    // On a copy, so that the model changes between the begin and the end of the insertion
    // views are told of.
    const int before = m_columns.size();
    if (grown.size() == before)
        return;
    beginInsertColumns({}, before, grown.size() - 1);
    m_columns = std::move(grown);
    endInsertColumns();
    Q_EMIT columnsAdded(before, m_columns.size() - 1);
}

void EntityColumnRows::sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    if (!topLeft.isValid())
        return;
    int first = topLeft.row();
    int last = bottomRight.row();
    if (topLeft.parent().isValid()) {
        first = last = m_source->entityIndex(topLeft).row();
    }
    if (last - first < kDiscoverAtOnce) {
        discover(first, last);
    } else {
        // A Listen batch: one range from its first to its last row, which may span the whole
        // collection; the entities it changed are the ones glowing (LiveMerger lights them up).
        EntityColumns grown = m_columns;
        for (int row = first; row <= last; ++row) {
            const EntityNode *node = m_source->rowAt(row);
            if (node && node->changedAt > 0 && m_source->highlightLevel(node) > 0)
                grown.discover(node->doc());
        }
        addColumns(std::move(grown));
    }
    // Element rows of the entities that have told theirs (few: those a view expanded or drew).
    QList<std::pair<int, const EntityNode *>> told;
    for (auto it = m_elementRows.cbegin(); it != m_elementRows.cend(); ++it) {
        if (it.key()->row >= first && it.key()->row <= last)
            told.append({it.key()->row, it.key()});
    }
    for (const auto &[row, node] : std::as_const(told)) {
        const int before = m_elementRows.value(node);
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

const EntityNode *EntityColumnRows::entityAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    if (index.internalPointer())
        return static_cast<const EntityNode *>(index.internalPointer());
    return m_source->rowAt(index.row());
}

int EntityColumnRows::elementRows(const EntityNode *node) const
{
    const QModelIndex source = m_source->index(node->row, 0);
    // Only columns that have held an array (or that the schema says are arrays) are looked at:
    // views ask hasChildren for every row of a changed range, 100,000 rows after a Listen batch.
    int n = 0;
    for (const int c : m_columns.arrayColumns()) {
        const QJsonValue v = m_source->fieldValue(source, m_columns.at(c).path);
        if (v.isArray())
            n = std::max(n, int(v.toArray().size()));
    }
    return n;
}

QModelIndex EntityColumnRows::index(int row, int column, const QModelIndex &parent) const
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

QModelIndex EntityColumnRows::parent(const QModelIndex &child) const
{
    if (!child.isValid() || !child.internalPointer())
        return {};
    return createIndex(static_cast<const EntityNode *>(child.internalPointer())->row, 0);
}

int EntityColumnRows::rowCount(const QModelIndex &parent) const
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

int EntityColumnRows::columnCount(const QModelIndex &) const
{
    return m_columns.size();
}

bool EntityColumnRows::hasChildren(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return m_source->rowCount() > 0;
    // Views ask this for every row they draw: answered without keeping a count (rowCount keeps
    // one, for the rows a view opened, which must then hear of every change of it).
    if (parent.internalPointer() || parent.column() != 0)
        return false;
    const EntityNode *node = m_source->rowAt(parent.row());
    if (!node)
        return false;
    const auto it = m_elementRows.constFind(node);
    return (it != m_elementRows.constEnd() ? it.value() : elementRows(node)) > 0;
}

bool EntityColumnRows::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_source->canFetchMore({});
}

void EntityColumnRows::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        m_source->fetchMore({});
}

QModelIndex EntityColumnRows::indexForKey(const QString &key, int column) const
{
    const QModelIndex source = m_source->indexForKey(key);
    return source.isValid() ? index(source.row(), column) : QModelIndex();
}

QString EntityColumnRows::keyAt(const QModelIndex &index) const
{
    const EntityNode *node = entityAt(index);
    return node ? node->key : QString();
}

QStringList EntityColumnRows::pathAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.column() == kIdColumnIndex || index.column() >= m_columns.size())
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

QJsonValue EntityColumnRows::valueAt(const QModelIndex &index) const
{
    const EntityNode *node = entityAt(index);
    if (!node || index.column() >= m_columns.size())
        return QJsonValue(QJsonValue::Undefined);
    const QModelIndex source = m_source->index(node->row, 0);
    if (index.column() == kIdColumnIndex && !index.internalPointer())
        return node->isNew() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(node->key);
    const QJsonValue v = m_source->fieldValue(source, m_columns.at(index.column()).path);
    if (!index.internalPointer())
        return v;
    return v.isArray() && index.row() < v.toArray().size() ? v.toArray().at(index.row())
                                                            : QJsonValue(QJsonValue::Undefined);
}

QModelIndex EntityColumnRows::sourceIndex(const QModelIndex &index) const
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

} // namespace loom
