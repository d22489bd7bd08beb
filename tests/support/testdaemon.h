#pragma once

#include "reply.h"
#include "types.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace loom::test {

// True when this process runs in a network namespace whose only interface is lo, so that the
// daemons it starts cannot reach beyond loopback.
bool inLoopbackOnlyNamespace();

// The fixture's daemons ("A", "B"), started by tests/daemon/fixture.sh before the integration tests.
// Returns settings for 127.0.0.1:<port>; QFAIL-style empty settings if the fixture is missing.
ConnectionSettings fixtureDaemon(const QString &name);
bool haveFixture();

// The legacy fixture's daemons ("LA", "LB": go-threads v0.1.10, CTest fixture legacy_daemons,
// tests/daemon/fixture.sh start-legacy). legacyFixtureValue("LA_PID"), "LA_REPO", "LA_ARGS", "LA_HOST"
// give what a test needs to stop one and start it again on the same repo and ports.
ConnectionSettings legacyFixtureDaemon(const QString &name);
QString legacyFixtureValue(const QString &key);
bool haveLegacyFixture();

// A daemon of the test's own (for stopping and restarting it mid-test): threadsd on free loopback
// ports with a temporary repo, started with QProcess and stopped with SIGINT. It can also be
// killed (SIGKILL, no clean-up) and paused (SIGSTOP/SIGCONT); start() after stop() or kill() runs
// it again on the same repo and the same ports, so clients made for settings() reconnect.
//
// With Kind::Legacy it runs threadsd v0.1.10 (the legacy "store" API) instead: ready on "Your peer
// ID is", stopped with SIGTERM (it has no graceful stop), five loopback ports.
class TestDaemon
{
public:
    enum class Kind { V1, Legacy };
    explicit TestDaemon(Kind kind = Kind::V1);
    ~TestDaemon();
    bool start(QString *error = nullptr); // waits for the welcome line (the API is bound before it)
    bool stop();                          // graceful (SIGINT; legacy: SIGTERM), then kill
    bool kill();                          // SIGKILL, waits until the process is gone
    bool pause();                         // SIGSTOP: the ports stay open, nothing answers
    bool resume();                        // SIGCONT
    bool restart(QString *error = nullptr) { return kill() && start(error); } // same repo and ports
    bool isRunning() const;
    bool isPaused() const { return m_paused; }
    ConnectionSettings settings() const;
    quint16 apiPort() const { return m_apiPort; }
    qint64 processId() const;             // 0 when not running
    Kind kind() const { return m_kind; }
    quint16 hostPort() const { return m_hostPort; }
    // Waits (the event loop runs) until the process has exited by itself; its exit code, or -1.
    int waitForExit(int timeoutMs);

private:
    Kind m_kind = Kind::V1;
    QTemporaryDir m_repo;
    std::unique_ptr<QProcess> m_process;
    quint16 m_apiPort = 0;
    quint16 m_hostPort = 0;
    quint16 m_proxyPort = 0;
    quint16 m_servicePort = 0;      // legacy only
    quint16 m_serviceProxyPort = 0; // legacy only
    bool m_paused = false;
};

// "prefix-<random>": names of stores a test makes on the shared fixture daemons.
QString uniqueName(const char *prefix);

// A port on 127.0.0.1 with nothing listening (inside the namespace, nothing else runs).
quint16 freeLoopbackPort();

// Waits for a reply to finish (the event loop runs meanwhile) and keeps it alive for reading.
template <typename R>
std::unique_ptr<R> await(R *reply, int timeoutMs = 20000)
{
    reply->setAutoDelete(false);
    std::unique_ptr<R> owned(reply);
    if (!reply->isFinished()) {
        QSignalSpy spy(reply, &ReplyBase::finished);
        spy.wait(timeoutMs);
    }
    return owned;
}

} // namespace loom::test

// The start of every test that uses the fixture's daemons: QStandardPaths in test mode, this
// process in the loopback-only namespace, and the fixture's daemons up.
#define LOOM_REQUIRE_FIXTURE()                                                                      \
    do {                                                                                            \
        QStandardPaths::setTestModeEnabled(true);                                                   \
        QVERIFY2(loom::test::inLoopbackOnlyNamespace(), "not in the loopback-only namespace");      \
        QVERIFY2(loom::test::haveFixture(), "the daemons fixture did not start");                   \
    } while (false)

// Fails the test with the reply's error when it did not succeed.
// `reply` is evaluated once (it may be a call).
#define LOOM_VERIFY_OK(reply)                                                                       \
    do {                                                                                            \
        const auto &loomReply_ = (reply);                                                           \
        QVERIFY2(loomReply_->isFinished(), "the call did not finish in time");                     \
        QVERIFY2(loomReply_->ok(), qPrintable(loomReply_->error().toString()));                    \
    } while (false)
