#pragma once

#include <QDialog>
#include <QPointer>

#include <functional>

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

namespace loom {

class ActivityTracker;
class Connection;
class MessageBar;
class ReplyBase;

// A dialog whose OK sends one call to a daemon. OK is enabled only while the input is valid
// (setInputValid); pressing it calls submit(), which starts the call with run(). While the call
// runs the inputs are disabled and Cancel cancels the call; when it fails the error is shown in
// words and the input is kept, so the person can fix it and try again. The dialog closes
// (accept) only when the call succeeds.
class CallDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallDialog)

public:
    CallDialog(ActivityTracker *tracker, QWidget *parent);
    ~CallDialog() override;

    bool isBusy() const { return !m_call.isNull(); }
    bool isInputValid() const { return m_inputValid; }
    QPushButton *okButton() const;
    QPushButton *cancelButton() const;
    MessageBar *messageBar() const { return m_error; }

    void reject() override;

protected:
    // Lays out `content`, then the busy line, the error panel and the buttons.
    void setContent(QWidget *content);
    void setOkText(const QString &text);
    void setInputValid(bool valid);
    // Called when OK is pressed while the input is valid.
    virtual void submit() = 0;
    // Enables or disables the inputs while a call runs.
    virtual void setInputsEnabled(bool enabled);
    // Starts `reply` (tracked for the status bar); `onSuccess` runs when it succeeds, then the
    // dialog accepts unless `onSuccess` returns false.
    void run(ReplyBase *reply, Connection *connection, const QString &busyText,
             std::function<bool(ReplyBase *)> onSuccess);

private:
    void updateButtons();

    ActivityTracker *m_tracker;
    QVBoxLayout *m_layout;
    QLabel *m_busyLabel;
    QProgressBar *m_busyBar;
    MessageBar *m_error;
    QDialogButtonBox *m_buttons;
    QPointer<ReplyBase> m_call;
    bool m_inputValid = false;
};

} // namespace loom
