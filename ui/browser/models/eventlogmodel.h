#pragma once

#include "types.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

#include <deque>

namespace loom {

// The live changes seen by entity browsers: one row per Listen event (time, action, collection,
// entity id), newest last, capped (the oldest rows go first).
class EventLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogModel)

public:
    enum Column { TimeColumn, ActionColumn, CollectionColumn, IdColumn, ColumnCount };
    enum Role { RawValueRole = Qt::UserRole + 1, EventTimeRole };

    explicit EventLogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void setCapacity(int rows);
    int capacity() const { return m_capacity; }
    // `source` names where the events come from (the store and daemon: "Team (127.0.0.1:6007)"),
    // shown in tooltips, and beside the collection where two sources have a collection of that
    // name ("Person — Team (127.0.0.1:6007)").
    void append(const QList<loom::ChangeEvent> &events, const QString &source = {});
    void clear();
    ChangeEvent eventAt(int row) const;

private:
    struct Entry
    {
        qint64 time;
        ChangeAction action;
        QString collection;
        QString id;
        QString source;
    };
    bool confusable(const Entry &e) const { return m_sources.value(e.collection).size() > 1; }

    std::deque<Entry> m_entries;
    QHash<QString, QSet<QString>> m_sources; // collection name -> sources seen
    int m_capacity = 10000;
};

} // namespace loom
