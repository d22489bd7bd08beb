#pragma once

#include "session/connection.h"
#include "types.h"

#include <QObject>
#include <QPointer>

class QWidget;

namespace loom {

class CollectionTabWidget;
class ConnectionDialog;
class ConnectionManager;

// Add, edit and remove connections (dialogs opened on `dialogParent`, never blocking).
class ConnectionActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionActions)

public:
    ConnectionActions(ConnectionManager *manager, QWidget *dialogParent, QObject *parent = nullptr);
    // The collection tabs: tabs an action closes ask about their unsaved edits first, and the
    // action goes on only if all of them let themselves close (without one, it goes on at once).
    void setTabs(CollectionTabWidget *tabs) { m_tabs = tabs; }

    // Opens the connection dialog (prefilled with `defaults`); adds the connection on OK.
    ConnectionDialog *addConnection(const ConnectionSettings &defaults = {});
    ConnectionDialog *editConnection(Connection *connection);
    void removeConnection(Connection *connection);
    // Connects to the local daemon at 127.0.0.1:6006 without asking.
    Connection *connectLocal();

Q_SIGNALS:
    void connectionAdded(loom::Connection *connection);

private:
    ConnectionManager *m_manager;
    QPointer<QWidget> m_dialogParent;
    QPointer<CollectionTabWidget> m_tabs;
};

} // namespace loom
