#pragma once

#include "storeid.h"

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace loom {

class ActivityTracker;
class Connection;
class ConnectionManager;
class StoreLogsWidget;
class MessageBar;
class InviteLinkModel;
class QrCodeWidget;

// A store's details: name, ID (with a copy button) and its invitation links, one per address of
// the daemon, each with its reach (loopback / private / public) and a copy button; "Copy all";
// keys masked until "Show keys"; the QR code of the selected link (shown with the keys only).
// Not modal: it can stay open beside the main window.
class StoreDetailsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreDetailsDialog)

public:
    StoreDetailsDialog(Connection *connection, const StoreId &store, ActivityTracker *tracker,
                       QWidget *parent = nullptr);

    Connection *connection() const { return m_connection; }
    StoreId store() const { return m_store; }
    bool isLoaded() const { return m_loaded; }
    InviteLinkModel *linkModel() const { return m_links; }
    QTableView *linkTable() const { return m_table; }
    QCheckBox *revealBox() const { return m_reveal; }
    QrCodeWidget *qrCode() const { return m_qr; }
    // The sentence shown after a copy (never the copied text).
    QString lastNotice() const;

    // Loads (again) the store's info from the daemon.
    void reload();
    void copyLink(int row);
    void copyAll();
    // Adds the store's logs on this daemon (which connected daemon writes each, found through
    // `manager`), the daemon's peer id from GetHostID, and a "Replication…" button (issue 15).
    void showLogs(ConnectionManager *manager);
    StoreLogsWidget *logs() const { return m_logs; }

Q_SIGNALS:
    // "Replication…" was pressed (the store's name as loaded).
    void replicationRequested(const QString &storeName);
    void loaded();
    // For the status bar; never contains the key.
    void notice(const QString &message);

private:
    void updateButtons();
    void updateQr();
    void say(const QString &message);

    QPointer<Connection> m_connection;
    StoreId m_store;
    ActivityTracker *m_tracker;
    QLabel *m_name;
    QLineEdit *m_id;
    QLabel *m_daemon;
    QLabel *m_peer;
    InviteLinkModel *m_links;
    QTableView *m_table;
    QCheckBox *m_reveal;
    QPushButton *m_copyAll;
    QrCodeWidget *m_qr;
    QLabel *m_notice;
    QLabel *m_loading;
    MessageBar *m_error;
    bool m_loaded = false;
    quint64 m_generation = 0;
    StoreLogsWidget *m_logs = nullptr;
};

} // namespace loom
