#pragma once

#include "storeid.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace loom {

class ActivityTracker;
class Connection;
class ConnectionManager;
class ReplicationModel;
class ReplicationWatcher;

// Replication of one store (issue 15): one column per connected daemon that holds it (found by
// the store's id on every connection), one row per log, the record counts and a verdict per cell,
// each daemon's summary in its column's header. Read with polling and back-off while the panel
// is shown (ReplicationWatcher), and at once on the store's Listen events (storeChanged()).
// "Sync now" asks the daemons that are behind to pull (PullThread), shows that it runs, reads
// again and says what came of it. Not modal: it stays open beside the main window.
class ReplicationPanel final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplicationPanel)

public:
    ReplicationPanel(ConnectionManager *manager, const StoreId &store, const QString &storeName,
                     ActivityTracker *tracker, QWidget *parent = nullptr);
    ~ReplicationPanel() override;

    StoreId store() const { return m_store; }
    ReplicationWatcher *watcher() const { return m_watcher; }
    ReplicationModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QPushButton *syncButton() const { return m_sync; }
    QPushButton *refreshButton() const { return m_refresh; }
    // The sentence over the table ("In sync on 2 daemons.", "joiner is behind …").
    QString overallText() const;
    // What the last "Sync now" came to (empty before one).
    QString syncText() const;
    QString absentText() const;

public Q_SLOTS:
    // A Listen event of a store (the browser listens): reads again at once if it is this one.
    void storeChanged(loom::Connection *connection, const loom::StoreId &store);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void showReport();
    void showReading(bool reading);

    StoreId m_store;
    QString m_storeName;
    ReplicationWatcher *m_watcher;
    ReplicationModel *m_model;
    QLabel *m_overall;
    QTableView *m_table;
    QLabel *m_absent;
    QLabel *m_readAt;
    QProgressBar *m_busy;
    QLabel *m_syncState;
    QPushButton *m_sync;
    QPushButton *m_refresh;
};

} // namespace loom
