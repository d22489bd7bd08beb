#include "activitywidget.h"

#include "session/activitytracker.h"
#include "icons/iconprovider.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace loom {

ActivityWidget::ActivityWidget(ActivityTracker *tracker, QWidget *parent)
    : QWidget(parent)
    , m_tracker(tracker)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QToolButton(this))
{
    setObjectName(u"activity"_s);
    m_label->setObjectName(u"activityText"_s);
    m_bar->setObjectName(u"activityProgress"_s);
    m_bar->setMaximumWidth(140);
    m_bar->setMaximumHeight(14);
    m_bar->setTextVisible(false);
    m_cancel->setObjectName(u"cancelCalls"_s);
    m_cancel->setIcon(icon(u"process-stop"_s));
    m_cancel->setAutoRaise(true);
    m_cancel->setToolTip(tr("Cancel the running calls"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    m_showDelay.setSingleShot(true);
    m_showDelay.setInterval(400);
    connect(&m_showDelay, &QTimer::timeout, this, [this] {
        const bool running = m_tracker->runningCount() > 0;
        m_bar->setVisible(running);
        m_cancel->setVisible(running);
    });
    connect(tracker, &ActivityTracker::changed, this, &ActivityWidget::refresh);
    connect(m_cancel, &QToolButton::clicked, tracker, &ActivityTracker::cancelAll);
    refresh();
}

QString ActivityWidget::text() const
{
    return m_label->text();
}

void ActivityWidget::refresh()
{
    const int running = m_tracker->runningCount();
    if (running == 0) {
        m_label->setText(tr("Ready"));
        m_label->setToolTip({});
        m_bar->setVisible(false);
        m_cancel->setVisible(false);
        m_showDelay.stop();
        return;
    }
    const QString current = m_tracker->currentDescription();
    m_label->setText(running == 1 ? tr("%1…").arg(current) : tr("%1 calls running: %2…").arg(running).arg(current));
    m_label->setToolTip(m_label->text());
    const qint64 total = m_tracker->progressTotal();
    if (total > 0) {
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(m_tracker->progressDone() * 1000 / total));
        m_bar->setToolTip(tr("%1 of %2").arg(m_tracker->progressDone()).arg(total));
    } else {
        m_bar->setRange(0, 0);
        m_bar->setToolTip({});
    }
    if (!m_bar->isVisible() && !m_showDelay.isActive())
        m_showDelay.start();
}

} // namespace loom
