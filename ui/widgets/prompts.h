#pragma once

#include "error.h"

#include <QString>

#include <functional>

class QMessageBox;
class QWidget;

// Questions and error reports as window-modal message boxes that do not block: they are opened
// with open(), and the answer arrives as a callback.
namespace loom::prompts {

// Asks `question`; calls `onYes` only when the person presses `yesText`. Returns the box (it
// deletes itself when closed).
QMessageBox *confirm(QWidget *parent, const QString &title, const QString &question,
                     const QString &explanation, const QString &yesText, std::function<void()> onYes);

// Tells what failed (`what`, e.g. "The store could not be deleted.") and why, in words
// (Error::message()), with the daemon's own text under "Show Details".
QMessageBox *showError(QWidget *parent, const QString &what, const loom::Error &error);

} // namespace loom::prompts
