#include "calldialog.h"

#include "session/activitytracker.h"
#include "reply.h"
#include "widgets/messagebar.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace loom {

CallDialog::CallDialog(ActivityTracker *tracker, QWidget *parent)
    : QDialog(parent)
    , m_tracker(tracker)
    , m_layout(new QVBoxLayout(this))
    , m_busyLabel(new QLabel(this))
    , m_busyBar(new QProgressBar(this))
    , m_error(new MessageBar(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    m_busyLabel->setObjectName(u"busyLabel"_s);
    m_busyBar->setRange(0, 0);
    m_busyBar->setMaximumHeight(12);
    m_busyBar->setTextVisible(false);
    m_busyLabel->setVisible(false);
    m_busyBar->setVisible(false);
    okButton()->setObjectName(u"okButton"_s);
    cancelButton()->setObjectName(u"cancelButton"_s);
    okButton()->setEnabled(false);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_inputValid && !isBusy()) {
            m_error->clear();
            submit();
        }
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CallDialog::reject);
}

CallDialog::~CallDialog()
{
    if (m_call)
        m_call->cancel();
}

QPushButton *CallDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QPushButton *CallDialog::cancelButton() const
{
    return m_buttons->button(QDialogButtonBox::Cancel);
}

void CallDialog::setContent(QWidget *content)
{
    m_layout->addWidget(content, 1);
    auto *busy = new QHBoxLayout;
    busy->addWidget(m_busyLabel);
    busy->addWidget(m_busyBar, 1);
    m_layout->addLayout(busy);
    m_layout->addWidget(m_error);
    m_layout->addWidget(m_buttons);
}

void CallDialog::setOkText(const QString &text)
{
    okButton()->setText(text);
}

void CallDialog::setInputValid(bool valid)
{
    m_inputValid = valid;
    updateButtons();
}

void CallDialog::setInputsEnabled(bool)
{
}

void CallDialog::updateButtons()
{
    okButton()->setEnabled(m_inputValid && !isBusy());
    cancelButton()->setText(isBusy() ? tr("Stop") : tr("Cancel"));
    cancelButton()->setToolTip(isBusy() ? tr("Cancel the call that is running") : QString());
}

void CallDialog::run(ReplyBase *reply, Connection *connection, const QString &busyText,
                     std::function<bool(ReplyBase *)> onSuccess)
{
    m_call = reply;
    if (m_tracker)
        m_tracker->track(reply, connection);
    m_busyLabel->setText(busyText);
    m_busyLabel->setVisible(true);
    m_busyBar->setVisible(true);
    setInputsEnabled(false);
    updateButtons();
    reply->then(this, [this, onSuccess = std::move(onSuccess)](ReplyBase *reply) {
        m_call = nullptr;
        m_busyLabel->setVisible(false);
        m_busyBar->setVisible(false);
        setInputsEnabled(true);
        updateButtons();
        if (!reply->ok()) {
            m_error->showError(reply->error());
            return;
        }
        if (!onSuccess || onSuccess(reply))
            accept();
    });
}

void CallDialog::reject()
{
    if (m_call) {
        // Stop the call, keep the dialog: the person sees that it was cancelled.
        m_call->cancel();
        return;
    }
    QDialog::reject();
}

} // namespace loom
