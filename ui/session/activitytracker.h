#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

namespace loom {

class Connection;
class ReplyBase;

// What Loom is doing right now: the calls people started (not the background probes), for the
// status bar. A call that finds its daemon unreachable makes that connection probe at once, so the
// tree shows the state without waiting for the next probe.
class ActivityTracker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityTracker)

public:
    explicit ActivityTracker(QObject *parent = nullptr);
    ~ActivityTracker() override;

    // Follows `reply` until it finishes. `description` is what the status bar says (defaults to
    // the reply's operation, e.g. "list the stores"), `connection` where it runs.
    void track(ReplyBase *reply, Connection *connection = nullptr, const QString &description = {});

    int runningCount() const { return int(m_calls.size()); }
    // The most recent call still running, in words ("create the store on local"); empty when idle.
    QString currentDescription() const;
    // Progress of the most recent call that reports progress; total is 0 when none does.
    qint64 progressDone() const;
    qint64 progressTotal() const;

    // Cancels every call still running (each finishes with a Cancelled error).
    void cancelAll();

Q_SIGNALS:
    void changed();

private:
    struct Call
    {
        QPointer<ReplyBase> reply;
        QPointer<Connection> connection;
        QString description;
        qint64 done = 0;
        qint64 total = 0;
    };
    void finished(ReplyBase *reply);

    QList<Call> m_calls;
};

} // namespace loom
