#pragma once

#include "error.h"

#include <QFrame>

class QLabel;
class QToolButton;

namespace loom {

// An error in words, inline in a dialog or view: an icon, the sentence for people
// (Error::message()), and the daemon's own text behind "Details" (and in the tooltip).
// Hidden while there is nothing to say.
class ErrorPanel final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ErrorPanel)

public:
    enum Severity { Error, Warning, Information };

    explicit ErrorPanel(QWidget *parent = nullptr);

    void showError(const loom::Error &error);
    void showMessage(const QString &message, const QString &details = {}, Severity severity = Error);
    void clear();

    QString message() const;
    QString details() const;

private:
    QLabel *m_icon;
    QLabel *m_message;
    QToolButton *m_toggle;
    QLabel *m_details;
};

} // namespace loom
