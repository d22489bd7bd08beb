#pragma once

#include <QList>
#include <QObject>

class QSocketNotifier;

namespace loom::cli {

// Turns POSIX signals (SIGINT, SIGTERM) into a Qt signal on the event loop, with the self-pipe
// trick: the handler only write()s the signal number to a pipe (async-signal-safe), and a
// QSocketNotifier on the pipe's read end emits caught() from the event loop. One watcher at a
// time; the previous handlers come back when it is destroyed.
class SignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)

public:
    explicit SignalWatcher(const QList<int> &signalNumbers, QObject *parent = nullptr);
    ~SignalWatcher() override;

    bool isValid() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void caught(int signalNumber);

private:
    void onReadable();

    int m_pipe[2] = {-1, -1};
    QSocketNotifier *m_notifier = nullptr;
    QList<int> m_signals;
};

} // namespace loom::cli
