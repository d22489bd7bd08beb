// Remembered secrets (issue 16 item 5), against a REAL Secret Service: ctest runs this suite
// through tests/support/with-keyring.sh (GNOME Keyring on a private D-Bus session bus, a temporary
// HOME). A token asked to be remembered goes to the keychain and never into the settings file; it
// comes back on the next start; one an older Loom left in the file is moved to the keychain;
// removing the connection forgets it. The last case takes the bus away: no keychain, said in
// words, and the secret kept for the session only.
#include "guitestutil.h"
#include "testdaemon.h"

#include "session/connection.h"
#include "session/connectionmanager.h"
#include "session/secretstore.h"

#include <QDBusConnection>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace loom;

namespace {

// Waits for one SecretStore call and returns its result.
SecretStore::Result wait(const std::function<void(SecretStore::Callback)> &call)
{
    std::optional<SecretStore::Result> result;
    call([&result](const SecretStore::Result &r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 20000))
        qWarning("a SecretStore call did not answer in 20 s");
    return result.value_or(SecretStore::Result());
}

QByteArray fileText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestSecrets : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir;
    const QString service = u"Loom test %1"_s.arg(QCoreApplication::applicationPid());

private Q_SLOTS:
    void initTestCase()
    {
        if (!qEnvironmentVariableIsEmpty("LOOM_SECRETS_NO_BUS"))
            return; // the child without a bus (below)
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QFAIL("run through tests/support/with-keyring.sh (ctest does): it needs a session bus with a keyring");
        QVERIFY(dir.isValid());
    }

    void keychainRoundTrip()
    {
        SecretStore store(service);
        QSignalSpy unavailable(&store, &SecretStore::keychainUnavailable);
        const auto written = wait([&](auto done) { store.write(u"k1"_s, u"s3cret-value"_s, this, done); });
        QVERIFY2(written.ok && !written.sessionOnly, qPrintable(written.error));
        QVERIFY(store.keychainAvailable());
        const auto read = wait([&](auto done) { store.read(u"k1"_s, this, done); });
        QCOMPARE(read.value, std::optional<QString>(u"s3cret-value"_s));
        // Another store (another start of Loom) reads it from the keychain, not from memory.
        SecretStore again(service);
        const auto readAgain = wait([&](auto done) { again.read(u"k1"_s, this, done); });
        QCOMPARE(readAgain.value, std::optional<QString>(u"s3cret-value"_s));
        QVERIFY(!readAgain.sessionOnly);
        const auto removed = wait([&](auto done) { store.remove(u"k1"_s, this, done); });
        QVERIFY(removed.ok);
        const auto gone = wait([&](auto done) { again.read(u"k1"_s, this, done); });
        QVERIFY(!gone.value);
        QVERIFY(!gone.ok);
        QCOMPARE(unavailable.size(), 0);
    }

    void rememberedTokenLivesInTheKeychain()
    {
        const QString file = dir.filePath(u"remember.ini"_s);
        QString id;
        {
            QSettings settings(file, QSettings::IniFormat);
            SecretStore secrets(service);
            ConnectionManager manager(&settings, &secrets);
            QSignalSpy problems(&manager, &ConnectionManager::secretProblem);
            ConnectionSettings a;
            a.name = u"remembered"_s;
            a.port = loom::test::freeLoopbackPort();
            a.token = u"secret-token-one"_s;
            id = manager.add(a, true)->id();
            ConnectionSettings b = a;
            b.name = u"forgotten"_s;
            b.token = u"secret-token-two"_s;
            manager.add(b, false);
            // Written to the keychain (read it back through another store).
            SecretStore check(service);
            QTRY_VERIFY_WITH_TIMEOUT(wait([&](auto done) {
                                         check.read(u"connection/%1/token"_s.arg(id), this, done);
                                     }).value == std::optional<QString>(u"secret-token-one"_s),
                                     20000);
            QCOMPARE(problems.size(), 0);
        }
        const QByteArray text = fileText(file);
        QVERIFY(text.contains("remembered"));
        QVERIFY2(!text.contains("secret-token"), text.constData());

        // The next start: the connection gets its token from the keychain, then starts.
        QSettings settings(file, QSettings::IniFormat);
        SecretStore secrets(service);
        ConnectionManager manager(&settings, &secrets);
        QCOMPARE(manager.load(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(manager.at(0)->settings().token, u"secret-token-one"_s, 20000);
        QVERIFY(manager.at(0)->rememberToken());
        QCOMPARE(manager.at(1)->settings().token, QString());

        // Removing the connection forgets its token.
        manager.remove(manager.at(0));
        SecretStore check(service);
        QTRY_VERIFY_WITH_TIMEOUT(!wait([&](auto done) {
                                      check.read(u"connection/%1/token"_s.arg(id), this, done);
                                  }).value.has_value(),
                                 20000);
        QVERIFY(!fileText(file).contains("secret-token"));
    }

    void plainTextTokenIsMovedToTheKeychain()
    {
        // What an older Loom wrote: the token in the settings file.
        const QString file = dir.filePath(u"legacy.ini"_s);
        {
            QSettings old(file, QSettings::IniFormat);
            old.beginWriteArray(u"connections"_s);
            old.setArrayIndex(0);
            old.setValue(u"id"_s, u"legacy-connection"_s);
            old.setValue(u"name"_s, u"old"_s);
            old.setValue(u"host"_s, u"127.0.0.1"_s);
            old.setValue(u"port"_s, loom::test::freeLoopbackPort());
            old.setValue(u"rememberToken"_s, true);
            old.setValue(u"token"_s, u"secret-token-legacy"_s);
            old.endArray();
            old.setValue(u"connectionsSaved"_s, true);
        }
        QVERIFY(fileText(file).contains("secret-token-legacy"));
        QSettings settings(file, QSettings::IniFormat);
        SecretStore secrets(service);
        ConnectionManager manager(&settings, &secrets);
        QCOMPARE(manager.load(), 1);
        QCOMPARE(manager.at(0)->settings().token, u"secret-token-legacy"_s); // used at once
        QTRY_VERIFY_WITH_TIMEOUT(!fileText(file).contains("secret-token-legacy"), 20000);
        SecretStore check(service);
        QCOMPARE(wait([&](auto done) { check.read(u"connection/legacy-connection/token"_s, this, done); }).value,
                 std::optional<QString>(u"secret-token-legacy"_s));
        QVERIFY(fileText(file).contains("rememberToken=true"));
    }

    // Without a session bus: this test runs itself again as a child process whose bus address
    // leads nowhere (a process keeps the bus it first connected to), and checks there.
    void withoutAKeychainTheSecretIsKeptForTheSessionOnly()
    {
        if (qEnvironmentVariableIsEmpty("LOOM_SECRETS_NO_BUS")) {
            QProcess child;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(u"LOOM_SECRETS_NO_BUS"_s, u"1"_s);
            env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path="_s + dir.filePath(u"no-bus"_s));
            child.setProcessEnvironment(env);
            child.setProcessChannelMode(QProcess::MergedChannels);
            child.start(QCoreApplication::applicationFilePath(),
                        {u"withoutAKeychainTheSecretIsKeptForTheSessionOnly"_s});
            QVERIFY(child.waitForFinished(60000));
            const QByteArray output = child.readAll();
            QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, output.constData());
            QVERIFY2(output.contains("PASS   : TestSecrets::withoutAKeychainTheSecretIsKeptForTheSessionOnly()"),
                     output.constData());
            return;
        }
        SecretStore store(service + u" none"_s);
        QSignalSpy unavailable(&store, &SecretStore::keychainUnavailable);
        const auto written = wait([&](auto done) { store.write(u"k"_s, u"session-secret"_s, this, done); });
        QVERIFY(written.ok);
        QVERIFY(written.sessionOnly);
        QVERIFY(!store.keychainAvailable());
        QCOMPARE(unavailable.size(), 1);
        QVERIFY2(unavailable.first().first().toString().contains(u"D-Bus"_s),
                 qPrintable(unavailable.first().first().toString()));
        QCOMPARE(wait([&](auto done) { store.read(u"k"_s, this, done); }).value,
                 std::optional<QString>(u"session-secret"_s));

        // The manager says so, and still writes no token into the file.
        const QString file = dir.filePath(u"nokeychain.ini"_s);
        QSettings settings(file, QSettings::IniFormat);
        ConnectionManager manager(&settings, &store);
        QSignalSpy problems(&manager, &ConnectionManager::secretProblem);
        ConnectionSettings a;
        a.port = loom::test::freeLoopbackPort();
        a.token = u"secret-token-session"_s;
        manager.add(a, true);
        QTRY_COMPARE(problems.size(), 1);
        QVERIFY2(problems.first().first().toString().contains(u"kept only until Loom quits"_s),
                 qPrintable(problems.first().first().toString()));
        QVERIFY(!fileText(file).contains("secret-token-session"));
    }
};

QTEST_MAIN(TestSecrets)
#include "tst_secrets.moc"
