#include "connectionactions.h"

#include "session/connection.h"
#include "session/connectionmanager.h"
#include "dialogs/connectiondialog.h"
#include "widgets/collectiontabwidget.h"
#include "widgets/prompts.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

namespace loom {

ConnectionActions::ConnectionActions(ConnectionManager *manager, QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_manager(manager)
    , m_dialogParent(dialogParent)
{
}

ConnectionDialog *ConnectionActions::addConnection(const ConnectionSettings &defaults)
{
    auto *dialog = new ConnectionDialog(m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Add a connection"));
    dialog->okButton()->setText(tr("Connect"));
    dialog->setSettings(defaults, false);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        Connection *c = m_manager->add(dialog->settings(), dialog->rememberToken());
        Q_EMIT connectionAdded(c);
    });
    dialog->open();
    return dialog;
}

ConnectionDialog *ConnectionActions::editConnection(Connection *connection)
{
    auto *dialog = new ConnectionDialog(m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Edit the connection “%1”").arg(connection->displayName()));
    dialog->setSettings(connection->settings(), connection->rememberToken());
    const QPointer<Connection> guard(connection);
    connect(dialog, &QDialog::accepted, this, [this, dialog, guard] {
        if (!guard)
            return;
        if (guard->settings() == dialog->settings() && guard->rememberToken() == dialog->rememberToken())
            return;
        // The connection is made anew: its tabs close (asking about unsaved edits) first.
        const ConnectionSettings settings = dialog->settings();
        const bool remember = dialog->rememberToken();
        const auto replace = [this, guard, settings, remember] {
            if (!guard)
                return;
            Connection *c = m_manager->replace(guard, settings, remember);
            Q_EMIT connectionAdded(c);
        };
        if (!m_tabs) {
            replace();
            return;
        }
        m_tabs->closeTabsAsking(guard, {}, {}, this, [replace](bool closed) {
            if (closed)
                replace();
        });
    });
    dialog->open();
    return dialog;
}

void ConnectionActions::removeConnection(Connection *connection)
{
    const QPointer<Connection> guard(connection);
    prompts::confirm(m_dialogParent, tr("Remove connection"),
                     tr("Remove the connection “%1”?").arg(connection->displayName()),
                     tr("Loom forgets how to reach %1. The daemon and its stores are not touched.")
                         .arg(connection->endpoint()),
                     tr("Remove"), [this, guard] {
                         if (!guard)
                             return;
                         // Its tabs close first, each asking about unsaved edits; a tab kept
                         // open keeps the connection too.
                         if (!m_tabs) {
                             m_manager->remove(guard);
                             return;
                         }
                         m_tabs->closeTabsAsking(guard, {}, {}, this, [this, guard](bool closed) {
                             if (closed && guard)
                                 m_manager->remove(guard);
                         });
                     });
}

Connection *ConnectionActions::connectLocal()
{
    ConnectionSettings local;
    local.name = tr("local");
    Connection *c = m_manager->add(local, false);
    Q_EMIT connectionAdded(c);
    return c;
}

} // namespace loom
