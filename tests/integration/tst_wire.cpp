// The wire contract itself: our proto/ against the real daemon, with the bare generated stubs.
#include "testdaemon.h"

#include "threads.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
namespace pb = threads::pb;

class TestWire : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<pb::API::Stub> stub;

    static std::string newThreadId()
    {
        // uvarint(1) ‖ uvarint(0x55, raw) ‖ 32 random bytes (threads-api.md §4.1)
        std::string id("\x01\x55", 2);
        for (int i = 0; i < 32; ++i)
            id.push_back(char(QRandomGenerator::global()->bounded(256)));
        return id;
    }

    static void deadline(grpc::ClientContext &ctx)
    {
        ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(loom::test::inLoopbackOnlyNamespace(), "integration tests must run in a loopback-only network namespace");
        QVERIFY2(loom::test::haveFixture(), "the daemons fixture did not start");
        const auto a = loom::test::fixtureDaemon(u"A"_s);
        QCOMPARE(a.host, u"127.0.0.1"_s);
        stub = pb::API::NewStub(grpc::CreateChannel(a.endpoint().toStdString(), grpc::InsecureChannelCredentials()));
    }

    void newDbIsListedWithItsName()
    {
        const std::string id = newThreadId();
        const std::string name = "wire-" + std::to_string(QRandomGenerator::global()->bounded(1000000));
        {
            grpc::ClientContext ctx;
            deadline(ctx);
            pb::NewDBRequest request;
            request.set_dbid(id);
            request.set_name(name);
            pb::NewDBReply reply;
            const grpc::Status status = stub->NewDB(&ctx, request, &reply);
            QVERIFY2(status.ok(), status.error_message().c_str());
        }
        grpc::ClientContext ctx;
        deadline(ctx);
        pb::ListDBsReply list;
        const grpc::Status status = stub->ListDBs(&ctx, pb::ListDBsRequest(), &list);
        QVERIFY2(status.ok(), status.error_message().c_str());
        bool found = false;
        for (const auto &db : list.dbs()) {
            if (db.dbid() == id) {
                found = true;
                QCOMPARE(db.info().name(), name);
                QCOMPARE(db.info().key().size(), size_t(64)); // service key ‖ read key
                QVERIFY(db.info().addrs_size() >= 1);
            }
        }
        QVERIFY2(found, "the new store is not listed");
    }

    void badIdIsInvalidArgument()
    {
        grpc::ClientContext ctx;
        deadline(ctx);
        pb::GetDBInfoRequest request; // empty id
        pb::GetDBInfoReply reply;
        const grpc::Status status = stub->GetDBInfo(&ctx, request, &reply);
        QCOMPARE(int(status.error_code()), int(grpc::StatusCode::INVALID_ARGUMENT));
        QVERIFY(status.error_message().find("buffer too small") != std::string::npos);
    }

    void unknownStoreIsNotFound()
    {
        grpc::ClientContext ctx;
        deadline(ctx);
        pb::GetDBInfoRequest request;
        request.set_dbid(newThreadId());
        pb::GetDBInfoReply reply;
        const grpc::Status status = stub->GetDBInfo(&ctx, request, &reply);
        QCOMPARE(int(status.error_code()), int(grpc::StatusCode::NOT_FOUND));
        QCOMPARE(status.error_message(), std::string("thread not found"));
    }
};

QTEST_GUILESS_MAIN(TestWire)
#include "tst_wire.moc"
