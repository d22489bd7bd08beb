#pragma once

#include "storeid.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QTreeWidget;

namespace loom {

class Connection;
class ConnectionManager;
class ReplicationWatcher;

// The logs of a store on one daemon (in the store's details, issue 15): each log's id, which
// connected daemon writes it ("this daemon" for its own), and its record count here; the
// daemon's peer id (GetHostID) is told with hostIdKnown(). Read once per reload(), never polled.
class StoreLogsWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreLogsWidget)

public:
    StoreLogsWidget(ConnectionManager *manager, Connection *connection, const StoreId &store,
                    QWidget *parent = nullptr);

    QTreeWidget *list() const { return m_list; }
    bool isLoaded() const { return m_loaded; }
    QString hostId() const { return m_hostId; }

public Q_SLOTS:
    void reload();

Q_SIGNALS:
    void hostIdKnown(const QString &peerId);
    void loaded();

private:
    void showLogs();

    QPointer<Connection> m_connection;
    ReplicationWatcher *m_watcher;
    QTreeWidget *m_list;
    QLabel *m_note;
    QString m_hostId;
    bool m_loaded = false;
};

} // namespace loom
