// Faults the real daemon cannot be made to show, from an in-process FAKE server (not threadsd):
// calls that never answer (deadlines, cancellation), garbage replies, and a Listen stream that
// drops. Everything else is tested against the real daemon.
#include "testdaemon.h"

#include "query.h"
#include "subscription.h"
#include "threadsclient.h"

#include "threads.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Qt::StringLiterals;
using namespace loom;
using loom::test::await;
namespace pb = threads::pb;

namespace {

class FakeDaemon final : public pb::API::Service
{
public:
    std::atomic<int> listenCalls{0};
    std::atomic<bool> sawCancel{false};
    std::atomic<int> listCalls{0};

    // Never answers until the client gives up.
    grpc::Status ListDBs(grpc::ServerContext *context, const pb::ListDBsRequest *, pb::ListDBsReply *) override
    {
        ++listCalls;
        while (!context->IsCancelled())
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        sawCancel = true;
        return grpc::Status::CANCELLED;
    }

    // A reply whose entity is not JSON.
    grpc::Status FindByID(grpc::ServerContext *, const pb::FindByIDRequest *, pb::FindByIDReply *reply) override
    {
        reply->set_instance("\x01not json");
        return grpc::Status::OK;
    }

    // An address that is not a multiaddr.
    grpc::Status GetDBInfo(grpc::ServerContext *, const pb::GetDBInfoRequest *, pb::GetDBInfoReply *reply) override
    {
        reply->add_addrs(std::string("\xff\xff\xff", 3));
        reply->set_key(std::string(64, 'k'));
        return grpc::Status::OK;
    }

    // A page of entities larger than the client accepts (kMaxReceiveBytes): 65 entities of 1 MiB.
    grpc::Status Find(grpc::ServerContext *, const pb::FindRequest *, pb::FindReply *reply) override
    {
        const std::string filler(1 << 20, 'x');
        for (int i = 0; i < 65; ++i)
            reply->add_instances("{\"_id\":\"id-" + std::to_string(i) + "\",\"x\":\"" + filler + "\"}");
        return grpc::Status::OK;
    }

    // One event, then the stream breaks (as when a daemon goes away).
    grpc::Status Listen(grpc::ServerContext *, const pb::ListenRequest *, grpc::ServerWriter<pb::ListenReply> *writer) override
    {
        const int n = ++listenCalls;
        pb::ListenReply event;
        event.set_collectionname("C");
        event.set_instanceid("id-" + std::to_string(n));
        event.set_action(pb::ListenReply::SAVE);
        event.set_instance("{\"_id\":\"id-" + std::to_string(n) + "\"}");
        writer->Write(event);
        return grpc::Status(grpc::StatusCode::UNAVAILABLE, "fake: stream dropped");
    }
};

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT

private:
    FakeDaemon service;
    std::unique_ptr<grpc::Server> server;
    int port = 0;

    ConnectionSettings settings(int deadlineMs) const
    {
        ConnectionSettings s;
        s.port = quint16(port);
        s.deadlineMs = deadlineMs;
        return s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        grpc::ServerBuilder builder;
        builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
        builder.RegisterService(&service);
        server = builder.BuildAndStart();
        QVERIFY(server);
        QVERIFY(port > 0);
    }

    void cleanupTestCase()
    {
        server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
    }

    // TLS with a CA file: the daemon itself has no TLS (threads-api.md §5.1), so a TLS front is
    // faked here with a self-signed certificate for 127.0.0.1.
    void tlsWithCaFile()
    {
        QTemporaryDir dir;
        const QString key = dir.filePath(u"key.pem"_s), cert = dir.filePath(u"cert.pem"_s);
        QProcess openssl;
        openssl.start(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                                     u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-subj"_s, u"/CN=127.0.0.1"_s,
                                     u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s, u"-days"_s, u"1"_s,
                                     u"-keyout"_s, key, u"-out"_s, cert});
        QVERIFY(openssl.waitForFinished(30000));
        QCOMPARE(openssl.exitCode(), 0);
        auto read = [](const QString &path) {
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? f.readAll().toStdString() : std::string();
        };
        grpc::SslServerCredentialsOptions options;
        options.pem_key_cert_pairs.push_back({read(key), read(cert)});
        int tlsPort = 0;
        grpc::ServerBuilder builder;
        builder.AddListeningPort("127.0.0.1:0", grpc::SslServerCredentials(options), &tlsPort);
        builder.RegisterService(&service);
        auto tlsServer = builder.BuildAndStart();
        QVERIFY(tlsServer && tlsPort > 0);

        ConnectionSettings s;
        s.port = quint16(tlsPort);
        s.tls = true;
        s.caFile = cert;
        ThreadsClient trusted(s);
        // The fake's GetDBInfo answers (with its garbage address, kept aside as unreadable) over
        // TLS: the connection works.
        auto answered = await(trusted.storeInfo(StoreId::generate()));
        QVERIFY(answered->isFinished());
        LOOM_VERIFY_OK(answered);
        QCOMPARE(answered->result().unreadableAddresses.size(), 1);

        s.caFile.clear(); // system roots do not trust the self-signed certificate
        ThreadsClient untrusted(s);
        auto refused = await(untrusted.storeInfo(StoreId::generate()));
        QVERIFY(refused->isFinished());
        QCOMPARE(refused->error().kind(), ErrorKind::Unreachable);
        tlsServer->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
    }

    // Issue 12 item 6: a CA file that cannot be read, or holds no certificate, is an error from the
    // core; it used to be ignored, and the system's roots trusted instead.
    void unreadableCaFileIsAnError_data()
    {
        QTest::addColumn<QByteArray>("content"); // empty: the file does not exist
        QTest::addColumn<QString>("reason");
        QTest::newRow("missing") << QByteArray() << u"No such file"_s;
        QTest::newRow("not PEM") << QByteArray("not a certificate\n") << u"holds no PEM certificate"_s;
        QTest::newRow("broken PEM") << QByteArray("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
                                    << u"cannot be parsed"_s;
    }

    void unreadableCaFileIsAnError()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        const QString ca = dir.filePath(u"ca.pem"_s);
        if (!content.isEmpty()) {
            QFile file(ca);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        }
        ConnectionSettings s = settings(5000);
        s.tls = true;
        s.caFile = ca;
        QCOMPARE(readCaFile(ca).kind(), ErrorKind::InvalidInput);

        ThreadsClient client(s);
        const Error setup = client.settingsError();
        QCOMPARE(setup.kind(), ErrorKind::InvalidInput);
        QVERIFY2(setup.message().startsWith(u"Cannot read the CA file \u201c%1\u201d: "_s.arg(ca)), qPrintable(setup.message()));
        QVERIFY2(setup.message().contains(reason), qPrintable(setup.message()));
        // Every call fails at once with it (no connection is made)...
        const int before = service.listCalls;
        auto reply = await(client.listStores(), 1000);
        QVERIFY(reply->isFinished());
        QCOMPARE(reply->error().kind(), ErrorKind::InvalidInput);
        QVERIFY2(reply->error().message().contains(u"cannot read the CA file"_s), qPrintable(reply->error().message()));
        QCOMPARE(service.listCalls.load(), before);
        auto ping = await(client.ping(), 1000);
        QCOMPARE(ping->error().kind(), ErrorKind::InvalidInput);
        // ... and so does a stream, for good (no re-subscribing).
        Subscription *live = client.listen(StoreId::generate(), {}, this);
        QSignalSpy ended(live, &Subscription::ended);
        QVERIFY(ended.wait(1000));
        QCOMPARE(ended.first().first().value<Error>().kind(), ErrorKind::InvalidInput);
        QCOMPARE(live->state(), Subscription::Stopped);
        delete live;
        QVERIFY(client.shutdown(1000));

        // A readable CA file is no error.
        ConnectionSettings plain = settings(5000);
        QVERIFY(!ThreadsClient(plain).settingsError());
    }

    // Issue 12 item 7: replies were accepted whatever their size (SetMaxReceiveMessageSize(-1)).
    // One over kMaxReceiveBytes fails with TooLarge and says so.
    void replyOverTheReceiveBoundFails()
    {
        QCOMPARE(kMaxReceiveBytes, 64 << 20);
        ThreadsClient client(settings(60000));
        auto reply = await(client.find(StoreId::generate(), u"C"_s, Query()), 60000);
        QVERIFY(reply->isFinished());
        QVERIFY(!reply->ok());
        QCOMPARE(reply->error().kind(), ErrorKind::TooLarge);
        const QString message = reply->error().message();
        QVERIFY2(message.contains(u"larger than Loom accepts (64 MiB)"_s), qPrintable(message));
        QVERIFY2(!message.contains(u"(4 MiB)"_s), qPrintable(message)); // not the daemon's request limit
        qInfo("%s", qPrintable(reply->error().toString()));
    }

    void deadlineExceeded()
    {
        ThreadsClient client(settings(300));
        QElapsedTimer clock;
        clock.start();
        auto reply = await(client.listStores(), 10000);
        QVERIFY(reply->isFinished());
        QCOMPARE(reply->error().kind(), ErrorKind::Timeout);
        QVERIFY2(clock.elapsed() < 3000, "the deadline was not honoured");
        QVERIFY2(reply->error().message().contains(u"did not answer within 0.3 s"_s), qPrintable(reply->error().message()));
        QTRY_VERIFY(service.sawCancel.load());
    }

    void cancelCancelsTheRpc()
    {
        service.sawCancel = false;
        const int before = service.listCalls;
        ThreadsClient client(settings(60000));
        auto *reply = client.listStores();
        reply->setAutoDelete(false);
        QTRY_VERIFY(service.listCalls > before); // the call reached the server
        reply->cancel();
        auto done = await(reply, 5000);
        QVERIFY(done->isFinished());
        QCOMPARE(done->error().kind(), ErrorKind::Cancelled);
        QTRY_VERIFY_WITH_TIMEOUT(service.sawCancel.load(), 5000);
    }

    void destroyingAReplyCancels()
    {
        service.sawCancel = false;
        const int before = service.listCalls;
        ThreadsClient client(settings(60000));
        auto *reply = client.listStores();
        QTRY_VERIFY(service.listCalls > before);
        delete reply;
        QTRY_VERIFY_WITH_TIMEOUT(service.sawCancel.load(), 5000);
    }

    void garbageRepliesAreProtocolErrors()
    {
        ThreadsClient client(settings(5000));
        const StoreId store = StoreId::generate();
        auto entity = await(client.findById(store, u"C"_s, u"x"_s));
        QCOMPARE(entity->error().kind(), ErrorKind::Protocol);
        QVERIFY(entity->error().message().contains(u"not a JSON object"_s));
        // An address that is not a multiaddr does not fail the whole reply: it is kept aside.
        auto info = await(client.storeInfo(store));
        LOOM_VERIFY_OK(info);
        QCOMPARE(info->result().unreadableAddresses.size(), 1);
        QVERIFY(info->result().addresses.isEmpty());
    }

    void droppedStreamResubscribes()
    {
        ThreadsClient client(settings(5000));
        Subscription *live = client.listen(StoreId::generate(), {}, this);
        QSignalSpy interrupted(live, &Subscription::interrupted);
        QSignalSpy resubscribed(live, &Subscription::resubscribed);
        QList<ChangeEvent> events;
        connect(live, &Subscription::changes, this, [&events](const QList<ChangeEvent> &b) { events += b; });
        QTRY_VERIFY_WITH_TIMEOUT(resubscribed.size() >= 2, 10000);
        QVERIFY(interrupted.size() >= 2);
        QCOMPARE(interrupted.first().first().value<Error>().kind(), ErrorKind::Unreachable);
        QTRY_VERIFY(events.size() >= 2);
        QCOMPARE(events.first().instanceId, u"id-1"_s);
        QCOMPARE(events.first().action, ChangeAction::Save);
        QVERIFY(service.listenCalls.load() >= 2);
        live->stop();
        QCOMPARE(live->state(), Subscription::Stopped);
        delete live;
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
