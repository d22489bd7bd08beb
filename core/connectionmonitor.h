#pragma once

#include "error.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

namespace loom {

class ThreadsClient;
class ReplyBase;

// Watches whether a daemon answers: probes it (a cheap call) every few seconds while it is up,
// and with exponential back-off (0.5 s doubling to 30 s) while it is not, so that a view can say
// "unreachable" and come back by itself when the daemon returns. Each time the daemon comes up it
// runs ThreadsClient::detectGeneration() before reporting Connected (the client's generation is
// then known: go-threads v1, legacy v0.1 or unsupported).
class ConnectionMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionMonitor)

public:
    enum State { Connecting, Connected, Unreachable };
    Q_ENUM(State)

    explicit ConnectionMonitor(ThreadsClient *client, QObject *parent = nullptr);
    ~ConnectionMonitor() override;

    State state() const { return m_state; }
    Error lastError() const { return m_error; }
    int nextProbeMs() const { return m_timer.interval(); }
    void setHealthyInterval(int ms) { m_healthyMs = ms; }

    void start();
    void stop();
    // Probes now (e.g. F5, or after a call failed with Unreachable).
    void probeNow();

Q_SIGNALS:
    void stateChanged(loom::ConnectionMonitor::State state, const loom::Error &error);

private:
    void onProbeDone(const Error &error);
    void onUp(const Error &error); // the probe's (or the detection's) outcome

    ThreadsClient *m_client;
    QPointer<ReplyBase> m_probe;
    QTimer m_timer;
    State m_state = Connecting;
    Error m_error;
    int m_failures = 0;
    int m_healthyMs = 5000;
};

} // namespace loom
