#pragma once

#include <QWidget>

class QAction;
class QHBoxLayout;
class QLabel;
class QPushButton;

namespace loom {

// What the central area shows when no collection is open: how to begin. Without connections it
// offers the local daemon (127.0.0.1:6006) and the connection dialog.
class WelcomeWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WelcomeWidget)

public:
    explicit WelcomeWidget(QWidget *parent = nullptr);

    void setHasConnections(bool has);
    // Shows a button for `action` (enabled as the action is) while there are connections.
    void addActionButton(QAction *action);
    QPushButton *connectLocalButton() const { return m_local; }
    QPushButton *addConnectionButton() const { return m_add; }

Q_SIGNALS:
    void connectLocalRequested();
    void addConnectionRequested();

private:
    QLabel *m_text;
    QPushButton *m_local;
    QPushButton *m_add;
    QWidget *m_actions;
    QHBoxLayout *m_actionLayout;
};

} // namespace loom
