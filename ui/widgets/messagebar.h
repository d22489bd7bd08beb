#pragma once

#include "error.h"

#include <QFrame>

#include <functional>

class QAbstractButton;
class QHBoxLayout;
class QLabel;
class QToolButton;

namespace loom {

// The one message bar of Loom, inline above a view or in a dialog: an icon, a sentence for
// people (for errors, Error::message()), the daemon's own text behind "Details", optional action
// buttons ("Retry", "Keep mine"), and a close button where it may be dismissed. Hidden while
// there is nothing to say.
//
// A message may name its topic (what it is about: "load", "save", an entity's key): the code
// that sees the condition end calls resolve(topic), and the bar clears itself only if it still
// shows that topic, so a message never outlives its cause and never hides a newer one.
class MessageBar final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageBar)

public:
    enum Severity { Error, Warning, Information };
    Q_ENUM(Severity)

    explicit MessageBar(QWidget *parent = nullptr);

    void showError(const loom::Error &error, const QString &topic = {});
    // Replaces the message, its actions and its topic, and shows the bar.
    void showMessage(const QString &message, const QString &details = {}, Severity severity = Error,
                     const QString &topic = {});
    // Adds a button after the message; the bar stays open unless `f` closes it.
    QAbstractButton *addAction(const QString &text, const std::function<void()> &f, const QString &objectName = {});
    void setDismissable(bool on); // shows the close button (off in dialogs)
    void clear();
    // Clears the bar if it shows a message about `topic` (the condition is gone).
    void resolve(const QString &topic);
    // Renames the topic of the message shown (an entity got its id).
    void retopic(const QString &from, const QString &to);

    QString message() const; // empty while hidden
    QString details() const;
    QString topic() const { return m_topic; }

Q_SIGNALS:
    void dismissed();

private:
    void clearActions();

    QLabel *m_icon;
    QLabel *m_message;
    QHBoxLayout *m_actions;
    QToolButton *m_toggle;
    QToolButton *m_close;
    QLabel *m_details;
    QString m_topic;
};

} // namespace loom
