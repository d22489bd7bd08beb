#pragma once

#include "session/connection.h"
#include "storeid.h"

#include <QObject>
#include <QPointer>

class QInputDialog;
class QWidget;

namespace loom {

class ActivityTracker;
class ConnectionTreeModel;

// What only a legacy v0.1 daemon needs: it cannot list its stores, so Loom remembers them
// (ThreadsClient's LegacyStoreBook) and a person can open one by its id, forget one, and start a
// store that was registered but never started (the daemon forgets such a store on restart).
// Dialogs open without blocking; the tree reloads after each change.
class LegacyStoreActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LegacyStoreActions)

public:
    LegacyStoreActions(ConnectionTreeModel *model, ActivityTracker *tracker, QWidget *dialogParent,
                       QObject *parent = nullptr);

    // Asks for the store's id (the daemon's UUID), checks it with the daemon and remembers it.
    QInputDialog *openStoreById(Connection *connection);
    // The same without asking (the dialog's answer; tests).
    void openStore(Connection *connection, const QString &idText);
    void startStore(Connection *connection, const StoreId &store, const QString &name);
    // Asks first; the daemon keeps the store.
    void forgetStore(Connection *connection, const StoreId &store, const QString &name);

Q_SIGNALS:
    void storeAdded(loom::Connection *connection, const loom::StoreId &store);
    void notice(const QString &message);

private:
    ConnectionTreeModel *m_model;
    ActivityTracker *m_tracker;
    QPointer<QWidget> m_dialogParent;
};

} // namespace loom
