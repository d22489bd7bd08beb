#include "testdaemon.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTcpServer>

#include <csignal>

using namespace Qt::StringLiterals;

namespace loom::test {

bool inLoopbackOnlyNamespace()
{
    // /proc/net/dev lists the interfaces of this process's network namespace (/sys/class/net may
    // show another one's).
    QFile file(u"/proc/net/dev"_s);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QStringList interfaces;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (qsizetype i = 2; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            interfaces << QString::fromLatin1(lines[i].left(colon).trimmed());
    }
    return interfaces == QStringList{u"lo"_s};
}

static QHash<QString, QString> readFixture(const QString &dir = QStringLiteral(LOOM_FIXTURE_DIR))
{
    QHash<QString, QString> values;
    QFile file(dir + u"/daemons.env"_s);
    if (!file.open(QIODevice::ReadOnly))
        return values;
    for (const QByteArray &line : file.readAll().split('\n')) {
        const qsizetype eq = line.indexOf('=');
        if (eq > 0)
            values.insert(QString::fromUtf8(line.left(eq)), QString::fromUtf8(line.mid(eq + 1)));
    }
    return values;
}

bool haveFixture()
{
    return !readFixture().isEmpty();
}

static ConnectionSettings settingsFor(const QString &name, const QString &endpoint);

ConnectionSettings fixtureDaemon(const QString &name)
{
    return settingsFor(name, readFixture().value(name));
}

ConnectionSettings legacyFixtureDaemon(const QString &name)
{
    return settingsFor(name, legacyFixtureValue(name));
}

QString legacyFixtureValue(const QString &key)
{
    return readFixture(QStringLiteral(LOOM_LEGACY_FIXTURE_DIR)).value(key);
}

bool haveLegacyFixture()
{
    return !readFixture(QStringLiteral(LOOM_LEGACY_FIXTURE_DIR)).isEmpty();
}

static ConnectionSettings settingsFor(const QString &name, const QString &endpoint)
{
    ConnectionSettings settings;
    settings.name = u"daemon "_s + name;
    const qsizetype colon = endpoint.lastIndexOf(u':');
    if (colon < 0) {
        settings.port = 0;
        return settings;
    }
    settings.host = endpoint.left(colon);
    settings.port = endpoint.mid(colon + 1).toUShort();
    settings.deadlineMs = 10000;
    return settings;
}

QString uniqueName(const char *prefix)
{
    return QString::fromLatin1(prefix) + u'-' + QString::number(QRandomGenerator::global()->bounded(1u << 30), 36);
}

quint16 freeLoopbackPort()
{
    QTcpServer server;
    // Port 0 asks the kernel for a free one; it is released at once for the daemon to take.
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

TestDaemon::TestDaemon(Kind kind)
    : m_kind(kind)
{
}

TestDaemon::~TestDaemon()
{
    stop();
}

bool TestDaemon::start(QString *error)
{
    if (!inLoopbackOnlyNamespace()) {
        if (error)
            *error = u"refusing to start threadsd outside a loopback-only network namespace"_s;
        return false;
    }
    if (m_apiPort == 0) {
        m_apiPort = freeLoopbackPort();
        m_hostPort = freeLoopbackPort();
        m_proxyPort = freeLoopbackPort();
        if (m_kind == Kind::Legacy) {
            m_servicePort = freeLoopbackPort();
            m_serviceProxyPort = freeLoopbackPort();
        }
    }
    const bool legacy = m_kind == Kind::Legacy;
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(legacy ? QStringLiteral(LOOM_THREADSD_LEGACY) : QStringLiteral(LOOM_THREADSD));
    QStringList arguments{u"-repo"_s, m_repo.path(),
                          u"-hostAddr"_s, u"/ip4/127.0.0.1/tcp/%1"_s.arg(m_hostPort),
                          u"-apiAddr"_s, u"/ip4/127.0.0.1/tcp/%1"_s.arg(m_apiPort),
                          u"-apiProxyAddr"_s, u"/ip4/127.0.0.1/tcp/%1"_s.arg(m_proxyPort)};
    if (legacy) // its thread-service API: two more ports, on loopback too
        arguments << u"-serviceApiAddr"_s << u"/ip4/127.0.0.1/tcp/%1"_s.arg(m_servicePort)
                  << u"-serviceApiProxyAddr"_s << u"/ip4/127.0.0.1/tcp/%1"_s.arg(m_serviceProxyPort);
    m_process->setArguments(arguments);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setStandardErrorFile(m_repo.filePath(u"threadsd.log"_s), QIODevice::Append);
    m_process->start();
    if (!m_process->waitForStarted(10000)) {
        if (error)
            *error = m_process->errorString();
        return false;
    }
    QByteArray out;
    // Waits on the process's output (signals), not on a clock. The legacy daemon binds its API
    // ports before it prints its peer id.
    const QByteArray ready = legacy ? QByteArrayLiteral("Your peer ID is") : QByteArrayLiteral("Welcome to Threads");
    while (!out.contains(ready)) {
        if (m_process->state() != QProcess::Running || !m_process->waitForReadyRead(60000)) {
            if (error)
                *error = u"threadsd did not start: "_s + QString::fromUtf8(out);
            return false;
        }
        out += m_process->readAllStandardOutput();
    }
    return true;
}

bool TestDaemon::stop()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return true;
    resume(); // a stopped process would not handle SIGINT
    // The legacy daemon has no signal handling: SIGTERM ends it (its data is synced as it goes).
    ::kill(pid_t(m_process->processId()), m_kind == Kind::Legacy ? SIGTERM : SIGINT);
    if (!m_process->waitForFinished(15000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    return true;
}

bool TestDaemon::kill()
{
    m_paused = false;
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return true;
    ::kill(pid_t(m_process->processId()), SIGKILL); // (a stopped process dies of SIGKILL too)
    return m_process->waitForFinished(15000);
}

bool TestDaemon::pause()
{
    if (!isRunning() || ::kill(pid_t(m_process->processId()), SIGSTOP) != 0)
        return false;
    m_paused = true;
    return true;
}

bool TestDaemon::resume()
{
    if (!m_paused)
        return true;
    m_paused = false;
    return isRunning() && ::kill(pid_t(m_process->processId()), SIGCONT) == 0;
}

int TestDaemon::waitForExit(int timeoutMs)
{
    if (!m_process)
        return -1;
    if (m_process->state() != QProcess::NotRunning) {
        QSignalSpy finished(m_process.get(), &QProcess::finished);
        if (!finished.wait(timeoutMs))
            return -1;
    }
    return m_process->exitCode();
}

qint64 TestDaemon::processId() const
{
    return isRunning() ? m_process->processId() : 0;
}

bool TestDaemon::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

ConnectionSettings TestDaemon::settings() const
{
    ConnectionSettings s;
    s.port = m_apiPort;
    s.deadlineMs = 10000;
    return s;
}

} // namespace loom::test
