// TLS against a real TLS server: nginx (Debian's package) as a TLS-terminating gRPC proxy in front of
// the fixture's real threadsd (daemon A), with a CA and a server certificate made here by the
// openssl CLI. Everything listens on 127.0.0.1 inside the test's loopback-only namespace.
#include "testdaemon.h"

#include "subscription.h"
#include "threadsclient.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace loom;
using loom::test::await;

namespace {

bool writeFile(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(text) == text.size();
}

// Runs openssl with `arguments`; empty on success, else what it said.
QString openssl(const QStringList &arguments)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(u"openssl"_s, arguments);
    if (!process.waitForFinished(60000))
        return u"openssl did not finish: "_s + process.errorString();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return u"openssl %1 failed: %2"_s.arg(arguments.join(u' '), QString::fromUtf8(process.readAll()));
    return {};
}

// A self-signed CA certificate and its key (EC P-256, one day).
QString makeCa(const QString &dir, const QString &name)
{
    return openssl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s,
                    u"-nodes"_s, u"-subj"_s, u"/CN=Loom test CA "_s + name, u"-days"_s, u"1"_s,
                    u"-addext"_s, u"basicConstraints=critical,CA:TRUE"_s,
                    u"-addext"_s, u"keyUsage=critical,keyCertSign,cRLSign"_s,
                    u"-keyout"_s, dir + u"/"_s + name + u".key"_s, u"-out"_s, dir + u"/"_s + name + u".pem"_s});
}

bool portAccepts(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(1000);
}

QString uniqueName(const char *prefix)
{
    return QString::fromLatin1(prefix) + u"-"_s + QString::number(QRandomGenerator::global()->bounded(1u << 30), 36);
}

} // namespace

class TestTls : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir;
    QProcess nginx;
    quint16 tlsPort = 0;

    QString path(const QString &name) const { return dir.filePath(name); }

    ConnectionSettings tlsSettings(const QString &caFile) const
    {
        ConnectionSettings s;
        s.host = u"127.0.0.1"_s;
        s.port = tlsPort;
        s.tls = true;
        s.caFile = caFile;
        s.deadlineMs = 10000;
        return s;
    }

    QString nginxLog() const
    {
        QFile log(dir.filePath(u"error.log"_s));
        return log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.readAll()) : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(loom::test::inLoopbackOnlyNamespace());
        QVERIFY2(loom::test::haveFixture(), "the daemons fixture did not start");
        const ConnectionSettings daemon = loom::test::fixtureDaemon(u"A"_s);
        QCOMPARE(daemon.host, u"127.0.0.1"_s);
        QVERIFY(daemon.port > 0);
        QVERIFY(dir.isValid());
        const QString program = QStandardPaths::findExecutable(u"nginx"_s, {u"/usr/sbin"_s, u"/usr/bin"_s});
        QVERIFY2(!program.isEmpty(), "nginx is not installed (scripts/install-deps.sh installs it)");

        // A CA, a server certificate for IP 127.0.0.1 signed by it, and a second CA that did not sign it.
        QString failed = makeCa(dir.path(), u"ca"_s);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        failed = makeCa(dir.path(), u"other-ca"_s);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        failed = openssl({u"req"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s,
                          u"-nodes"_s, u"-subj"_s, u"/CN=127.0.0.1"_s, u"-keyout"_s, path(u"server.key"_s),
                          u"-out"_s, path(u"server.csr"_s)});
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        QVERIFY(writeFile(path(u"server.ext"_s), "subjectAltName=IP:127.0.0.1\n"
                                                 "basicConstraints=CA:FALSE\n"
                                                 "extendedKeyUsage=serverAuth\n"));
        failed = openssl({u"x509"_s, u"-req"_s, u"-in"_s, path(u"server.csr"_s), u"-CA"_s, path(u"ca.pem"_s),
                          u"-CAkey"_s, path(u"ca.key"_s), u"-CAcreateserial"_s, u"-days"_s, u"1"_s,
                          u"-extfile"_s, path(u"server.ext"_s), u"-out"_s, path(u"server.pem"_s)});
        QVERIFY2(failed.isEmpty(), qPrintable(failed));

        // nginx as the current user, everything it writes under the temporary directory.
        tlsPort = loom::test::freeLoopbackPort();
        QVERIFY(tlsPort > 0);
        QByteArray user;
        if (geteuid() == 0) { // a root master would hand the workers to "nobody"
            const passwd *pw = getpwuid(geteuid());
            const group *gr = getgrgid(getegid());
            QVERIFY(pw && gr);
            user = "user " + QByteArray(pw->pw_name) + " " + QByteArray(gr->gr_name) + ";\n";
        }
        const QByteArray d = QFile::encodeName(dir.path());
        const QByteArray conf = user
            + "worker_processes 1;\n"
              "pid " + d + "/nginx.pid;\n"
              "error_log " + d + "/error.log info;\n"
              "events { worker_connections 64; }\n"
              "http {\n"
              "  access_log off;\n"
              "  client_body_temp_path " + d + "/client_body;\n"
              "  proxy_temp_path " + d + "/proxy;\n"
              "  fastcgi_temp_path " + d + "/fastcgi;\n"
              "  uwsgi_temp_path " + d + "/uwsgi;\n"
              "  scgi_temp_path " + d + "/scgi;\n"
              "  server {\n"
              "    listen 127.0.0.1:" + QByteArray::number(tlsPort) + " ssl http2;\n"
              "    ssl_certificate " + d + "/server.pem;\n"
              "    ssl_certificate_key " + d + "/server.key;\n"
              "    location / {\n"
              "      grpc_pass grpc://127.0.0.1:" + QByteArray::number(daemon.port) + ";\n"
              "      grpc_read_timeout 1h;\n" // Listen streams stay idle between changes
              "      grpc_send_timeout 1h;\n"
              "    }\n"
              "  }\n"
              "}\n";
        QVERIFY(writeFile(path(u"nginx.conf"_s), conf));

        nginx.setProcessChannelMode(QProcess::MergedChannels);
        nginx.start(program, {u"-p"_s, dir.path(), u"-e"_s, path(u"error.log"_s), u"-c"_s, path(u"nginx.conf"_s),
                              u"-g"_s, u"daemon off;"_s});
        QVERIFY2(nginx.waitForStarted(10000), qPrintable(nginx.errorString()));
        // Ready when the port accepts (or failed when nginx exits).
        QTRY_VERIFY2_WITH_TIMEOUT(nginx.state() != QProcess::Running || portAccepts(tlsPort),
                                  qPrintable(nginxLog()), 20000);
        QVERIFY2(nginx.state() == QProcess::Running,
                 qPrintable(u"nginx exited: "_s + QString::fromUtf8(nginx.readAll()) + nginxLog()));
        QProcess version;
        version.start(program, {u"-v"_s});
        if (version.waitForFinished(10000))
            qInfo("%s", version.readAllStandardError().trimmed().constData());
    }

    void cleanupTestCase()
    {
        if (nginx.state() == QProcess::Running) {
            nginx.terminate(); // SIGTERM: fast shutdown
            if (!nginx.waitForFinished(10000))
                nginx.kill();
        }
    }

    // The client suite's basic calls and a Listen, through the proxy, trusting the test's CA.
    void callsAndListenThroughTls()
    {
        ThreadsClient client(tlsSettings(path(u"ca.pem"_s)));
        auto list = await(client.listStores());
        LOOM_VERIFY_OK(list);

        const QString notes = u"Note"_s;
        const QByteArray schema = R"({"$schema": "http://json-schema.org/draft-04/schema#", "type": "object", "properties": {"_id": {"type": "string"}, "title": {"type": "string"}}, "required": ["title"]})";
        auto made = await(client.newStore(uniqueName("tls"), {{notes, schema, {{u"title"_s, false}}, {}, {}}}));
        LOOM_VERIFY_OK(made);
        const StoreId store = made->result();
        auto listed = await(client.listStores());
        LOOM_VERIFY_OK(listed);
        bool found = false;
        for (const auto &s : listed->result())
            found = found || s.id == store;
        QVERIFY2(found, "the new store is not listed through the proxy");

        auto created = await(client.create(store, notes, {QJsonObject{{u"title"_s, u"over tls"_s}}}));
        LOOM_VERIFY_OK(created);
        QCOMPARE(created->result().size(), 1);
        auto query = await(client.find(store, notes, Query::where(u"title"_s, Op::Eq, u"over tls"_s)));
        LOOM_VERIFY_OK(query);
        QCOMPARE(query->result().size(), 1);
        QCOMPARE(query->result().first()[u"_id"_s].toString(), created->result().first());

        Subscription *sub = client.listen(store, {{notes, {}, ListenFilter::All}}, this);
        QList<ChangeEvent> events;
        connect(sub, &Subscription::changes, this, [&events](const QList<ChangeEvent> &batch) { events += batch; });
        // The daemon sends nothing until the first change, so nobody can tell when the
        // subscription is registered: make a change, and another if none arrived yet.
        QStringList ids;
        for (int attempt = 0; attempt < 20 && events.isEmpty(); ++attempt) {
            auto more = await(client.create(store, notes, {QJsonObject{{u"title"_s, u"L%1"_s.arg(attempt)}}}));
            LOOM_VERIFY_OK(more);
            ids += more->result();
            if (QTest::qWaitFor([&events] { return !events.isEmpty(); }, 500))
                break;
        }
        QVERIFY(!events.isEmpty());
        QCOMPARE(events.first().action, ChangeAction::Create);
        QCOMPARE(events.first().collection, notes);
        QVERIFY(ids.contains(events.first().instanceId));
        QCOMPARE(sub->state(), Subscription::Listening);
        sub->stop();
        delete sub;
        QVERIFY(client.shutdown(5000));
    }

    // A CA that did not sign the server's certificate: the handshake fails, and the message says so.
    void wrongCaFailsClearly()
    {
        ThreadsClient client(tlsSettings(path(u"other-ca.pem"_s)));
        auto reply = await(client.listStores());
        QVERIFY(reply->isFinished());
        QVERIFY(!reply->ok());
        qInfo("wrong CA: %s", qPrintable(reply->error().toString()));
        QCOMPARE(reply->error().kind(), ErrorKind::Unreachable);
        const QString message = reply->error().message();
        QVERIFY2(message.contains(u"TLS"_s) && message.contains(u"certificate"_s), qPrintable(message));
        QVERIFY2(message.contains(u"CA file"_s), qPrintable(message));
    }

    // Plain gRPC to the TLS port: not a daemon that answers; no hang past the deadline.
    void noTlsToATlsPortFails()
    {
        ConnectionSettings s = tlsSettings({});
        s.tls = false;
        s.deadlineMs = 3000;
        ThreadsClient client(s);
        auto reply = await(client.listStores());
        QVERIFY(reply->isFinished());
        QVERIFY(!reply->ok());
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
