#pragma once
// loom-cli end to end in tests: the built executable (LOOM_CLI, defined by tests/cli/CMakeLists.txt)
// run through QProcess, its exit code and output, and CLI_EXPECT.
#ifndef LOOM_CLI
#error "LOOM_CLI must name the loom-cli executable"
#endif

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTest>

namespace loom::test {

struct CliResult
{
    int exitCode = -1; // -1: did not finish, or crashed
    QByteArray out;
    QByteArray err;

    QJsonObject object() const { return QJsonDocument::fromJson(out).object(); }
    QJsonArray array() const { return QJsonDocument::fromJson(out).array(); }
    QStringList errLines() const { return QString::fromUtf8(err).split(u'\n', Qt::SkipEmptyParts); }
    QStringList outLines() const { return QString::fromUtf8(out).split(u'\n', Qt::SkipEmptyParts); }
    QString describe() const
    {
        return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
            .arg(exitCode)
            .arg(QString::fromUtf8(out.left(3000)), QString::fromUtf8(err.left(2000)));
    }
};

// The test's environment without the LOOM_* variables that would point loom-cli elsewhere.
inline QProcessEnvironment cleanCliEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("LOOM_HOST"));
    env.remove(QStringLiteral("LOOM_PORT"));
    env.remove(QStringLiteral("LOOM_TOKEN"));
    return env;
}

inline CliResult runCli(const QStringList &args, const QByteArray &input = {},
                        const QProcessEnvironment &environment = cleanCliEnvironment(), int timeoutMs = 60000)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(LOOM_CLI), args);
    CliResult result;
    if (!process.waitForStarted(10000)) {
        result.err = process.errorString().toUtf8();
        return result;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    const bool finished = process.waitForFinished(timeoutMs);
    if (!finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    if (finished && process.exitStatus() == QProcess::NormalExit)
        result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

} // namespace loom::test

#define CLI_EXPECT(result, code)                                                                    \
    do {                                                                                            \
        const loom::test::CliResult &cliResult_ = (result);                                         \
        QVERIFY2(cliResult_.exitCode == (code),                                                     \
                 qPrintable(QStringLiteral("expected exit %1, got ").arg(code) + cliResult_.describe())); \
    } while (false)
