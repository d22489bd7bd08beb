#include "storeactions.h"

#include "session/activitytracker.h"
#include "session/connection.h"
#include "dialogs/joinstoredialog.h"
#include "dialogs/newstoredialog.h"
#include "dialogs/storedetailsdialog.h"
#include "models/connectiontreemodel.h"
#include "widgets/collectiontabwidget.h"
#include "widgets/prompts.h"
#include "widgets/replicationpanel.h"
#include "threadsclient.h"

namespace loom {

StoreActions::StoreActions(ConnectionTreeModel *model, ConnectionManager *manager, ActivityTracker *tracker,
                           QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_manager(manager)
    , m_tracker(tracker)
    , m_dialogParent(dialogParent)
{
}

NewStoreDialog *StoreActions::newStore(Connection *connection)
{
    auto *dialog = new NewStoreDialog(connection, m_tracker, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QPointer<Connection> guard(connection);
    connect(dialog, &NewStoreDialog::storeCreated, this, [this, guard](const StoreId &store, const QString &name) {
        if (!guard)
            return;
        m_model->reloadStores(guard, false);
        Q_EMIT storeAdded(guard, store);
        Q_EMIT notice(tr("Created the store “%1” on %2.").arg(name.isEmpty() ? tr("unnamed") : name, guard->displayName()));
    });
    dialog->open();
    return dialog;
}

JoinStoreDialog *StoreActions::joinStore(Connection *connection)
{
    auto *dialog = new JoinStoreDialog(connection, m_manager, m_tracker, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QPointer<Connection> guard(connection);
    connect(dialog, &JoinStoreDialog::storeJoined, this, [this, guard](const StoreId &store) {
        if (!guard)
            return;
        m_model->reloadStores(guard, false);
        Q_EMIT storeAdded(guard, store);
        Q_EMIT notice(tr("Joined the store %1 on %2.").arg(store.toString(), guard->displayName()));
    });
    dialog->open();
    return dialog;
}

StoreDetailsDialog *StoreActions::showDetails(Connection *connection, const StoreId &store)
{
    // One details window per store: bring it back if it is open.
    if (m_dialogParent) {
        for (StoreDetailsDialog *open : m_dialogParent->findChildren<StoreDetailsDialog *>()) {
            if (open->connection() == connection && open->store() == store) {
                open->raise();
                open->activateWindow();
                return open;
            }
        }
    }
    auto *dialog = new StoreDetailsDialog(connection, store, m_tracker, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &StoreDetailsDialog::notice, this, &StoreActions::notice);
    dialog->showLogs(m_manager);
    const QPointer<Connection> guard(connection);
    connect(dialog, &StoreDetailsDialog::replicationRequested, this, [this, guard, store](const QString &name) {
        if (guard)
            showReplication(guard, store, name);
    });
    dialog->show();
    return dialog;
}

ReplicationPanel *StoreActions::showReplication(Connection *connection, const StoreId &store, const QString &storeName)
{
    Q_UNUSED(connection) // the panel finds the store on every connection
    if (m_dialogParent) {
        for (ReplicationPanel *open : m_dialogParent->findChildren<ReplicationPanel *>()) {
            if (open->store() == store) {
                open->show();
                open->raise();
                open->activateWindow();
                return open;
            }
        }
    }
    auto *panel = new ReplicationPanel(m_manager, store, storeName, m_tracker, m_dialogParent);
    panel->setAttribute(Qt::WA_DeleteOnClose);
    if (m_tabs)
        connect(m_tabs, &CollectionTabWidget::storeChangesSeen, panel, &ReplicationPanel::storeChanged);
    panel->show();
    return panel;
}

void StoreActions::deleteStore(Connection *connection, const StoreId &store, const QString &name)
{
    const QPointer<Connection> guard(connection);
    const QString shown = name.isEmpty() ? tr("unnamed") : name;
    prompts::confirm(
        m_dialogParent, tr("Delete store"),
        tr("Delete the store “%1” from %2?").arg(shown, connection->displayName()),
        tr("The daemon at %1 removes the store %2 with all its collections and entities. Daemons that joined "
           "it keep their copies. This cannot be undone.")
            .arg(connection->endpoint(), store.toString()),
        tr("Delete store"), [this, guard, store, shown] {
            if (!guard)
                return;
            if (!m_tabs) {
                sendDeleteStore(guard, store, shown);
                return;
            }
            // The store's tabs close first, each asking about unsaved edits.
            m_tabs->closeTabsAsking(guard, store, {}, this, [this, guard, store, shown](bool closed) {
                if (!closed)
                    Q_EMIT notice(tr("The store “%1” was not deleted: its tab kept the unsaved edits.").arg(shown));
                else if (guard)
                    sendDeleteStore(guard, store, shown);
            });
        });
}

void StoreActions::sendDeleteStore(Connection *connection, const StoreId &store, const QString &shown)
{
    const QPointer<Connection> guard(connection);
    auto *reply = connection->client()->deleteStore(store);
    m_tracker->track(reply, connection, tr("delete the store “%1”").arg(shown));
    reply->then(this, [this, guard, store, shown](VoidReply *r) {
        if (!guard)
            return;
        if (!r->ok()) {
            prompts::showError(m_dialogParent, tr("The store “%1” could not be deleted.").arg(shown), r->error());
            return;
        }
        Q_EMIT storeDeleted(guard, store);
        m_model->reloadStores(guard, false);
        Q_EMIT notice(tr("Deleted the store “%1”.").arg(shown));
    });
}

} // namespace loom
