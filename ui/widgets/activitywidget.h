#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace loom {

class ActivityTracker;

// The status bar's account of running calls: how many, the current one in words, a progress
// bar (busy, or with numbers when the call reports progress) and a button that cancels them.
// The bar appears only when work lasts more than a moment.
class ActivityWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityWidget)

public:
    explicit ActivityWidget(ActivityTracker *tracker, QWidget *parent = nullptr);

    QString text() const;
    QToolButton *cancelButton() const { return m_cancel; }
    QProgressBar *progressBar() const { return m_bar; }

private:
    void refresh();

    ActivityTracker *m_tracker;
    QLabel *m_label;
    QProgressBar *m_bar;
    QToolButton *m_cancel;
    QTimer m_showDelay;
};

} // namespace loom
