#include "eventlogmodel.h"

#include <QColor>
#include <QDateTime>

using namespace Qt::StringLiterals;

namespace loom {

EventLogModel::EventLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_entries.size()))
        return {};
    const Entry &e = m_entries[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn: return QDateTime::fromMSecsSinceEpoch(e.time).toString(u"HH:mm:ss.zzz"_s);
        case ActionColumn:
            switch (e.action) {
            case ChangeAction::Create: return tr("created");
            case ChangeAction::Save: return tr("changed");
            case ChangeAction::Delete: return tr("deleted");
            }
            return {};
        case CollectionColumn:
            return confusable(e) && !e.source.isEmpty() ? tr("%1 — %2").arg(e.collection, e.source) : e.collection;
        case IdColumn: return e.id;
        default: return {};
        }
    case RawValueRole:
        switch (index.column()) {
        case TimeColumn: return e.time;
        case ActionColumn: return int(e.action);
        case CollectionColumn: return e.collection;
        case IdColumn: return e.id;
        default: return {};
        }
    case EventTimeRole: return e.time;
    case Qt::ForegroundRole:
        if (index.column() != ActionColumn)
            return {};
        switch (e.action) {
        case ChangeAction::Create: return QColor(0x2e, 0x7d, 0x32);
        case ChangeAction::Save: return QColor(0xb2, 0x6a, 0x00);
        case ChangeAction::Delete: return QColor(0xc6, 0x28, 0x28);
        }
        return {};
    case Qt::ToolTipRole: {
        const QString when = QDateTime::fromMSecsSinceEpoch(e.time).toString(Qt::ISODateWithMs);
        QString tip = tr("%1 · the daemon's Listen action %2").arg(when, actionName(e.action));
        if (!e.source.isEmpty())
            tip += u'\n' + tr("From the store %1").arg(e.source);
        return tip;
    }
    default: return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case ActionColumn: return tr("Action");
    case CollectionColumn: return tr("Collection");
    case IdColumn: return tr("Entity");
    default: return {};
    }
}

void EventLogModel::setCapacity(int rows)
{
    m_capacity = std::max(1, rows);
    if (int(m_entries.size()) > m_capacity) {
        const int excess = int(m_entries.size()) - m_capacity;
        beginRemoveRows({}, 0, excess - 1);
        m_entries.erase(m_entries.begin(), m_entries.begin() + excess);
        endRemoveRows();
    }
}

void EventLogModel::append(const QList<ChangeEvent> &events, const QString &source)
{
    if (events.isEmpty())
        return;
    const qsizetype take = std::min<qsizetype>(events.size(), m_capacity);
    const int excess = int(m_entries.size() + size_t(take)) - m_capacity;
    if (excess > 0) {
        beginRemoveRows({}, 0, excess - 1);
        m_entries.erase(m_entries.begin(), m_entries.begin() + excess);
        endRemoveRows();
    }
    const int first = int(m_entries.size());
    beginInsertRows({}, first, first + int(take) - 1);
    for (qsizetype i = events.size() - take; i < events.size(); ++i) {
        const ChangeEvent &e = events[i];
        m_entries.push_back({e.receivedMs > 0 ? e.receivedMs : QDateTime::currentMSecsSinceEpoch(),
                             e.action, e.collection, e.instanceId, source});
    }
    endInsertRows();
    // A second source for a collection's name: its earlier rows now name their source too.
    for (const ChangeEvent &e : events) {
        QSet<QString> &seen = m_sources[e.collection];
        if (seen.contains(source))
            continue;
        seen.insert(source);
        if (seen.size() == 2 && first > 0)
            Q_EMIT dataChanged(index(0, CollectionColumn), index(first - 1, CollectionColumn));
    }
}

void EventLogModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_sources.clear();
    endResetModel();
}

ChangeEvent EventLogModel::eventAt(int row) const
{
    if (row < 0 || row >= int(m_entries.size()))
        return {};
    const Entry &e = m_entries[size_t(row)];
    ChangeEvent event;
    event.action = e.action;
    event.collection = e.collection;
    event.instanceId = e.id;
    event.receivedMs = e.time;
    return event;
}

} // namespace loom
