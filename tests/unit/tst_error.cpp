#include "error.h"

#include <QTest>

using namespace Qt::StringLiterals;
using loom::Error;
using loom::ErrorKind;

class TestError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("daemon");
        QTest::addColumn<ErrorKind>("kind");
        QTest::addColumn<QString>("says");
        // Texts as threads-api.md §3 lists them.
        QTest::newRow("unavailable") << 14 << u"connection refused"_s << ErrorKind::Unreachable << u"not reachable"_s;
        QTest::newRow("deadline") << 4 << u"Deadline Exceeded"_s << ErrorKind::Timeout << u"did not answer in time"_s;
        // The legacy v0.1.10 daemon's texts (legacy-threadsd-build.md, threads-api.md §7.3).
        QTest::newRow("legacy store") << 5 << u"store not found"_s << ErrorKind::StoreNotFound << u"store does not exist"_s;
        QTest::newRow("legacy model") << 5 << u"model not found"_s << ErrorKind::CollectionNotFound << u"collection (model) is not registered"_s;
        QTest::newRow("legacy uuid") << 2 << u"invalid UUID length: 0"_s << ErrorKind::InvalidInput << u"not a valid UUID"_s;
        QTest::newRow("legacy instance") << 2 << u"instance not found"_s << ErrorKind::InstanceNotFound << u"No entity"_s;
        QTest::newRow("legacy schema") << 2 << u"instance doesn't correspond to schema"_s << ErrorKind::SchemaViolation << u"does not match"_s;
        QTest::newRow("thread") << 5 << u"thread not found"_s << ErrorKind::StoreNotFound << u"store does not exist"_s;
        QTest::newRow("collection nf") << 5 << u"collection not found"_s << ErrorKind::CollectionNotFound << u"collection does not exist"_s;
        QTest::newRow("collection unknown") << 2 << u"collection not found"_s << ErrorKind::CollectionNotFound << u"collection does not exist"_s;
        QTest::newRow("instance") << 2 << u"instance not found"_s << ErrorKind::InstanceNotFound << u"No entity"_s;
        QTest::newRow("schema") << 2 << u"instance doesn't correspond to schema: age: Invalid type. Expected: integer, given: string"_s
                                << ErrorKind::SchemaViolation << u"age: Invalid type"_s;
        QTest::newRow("dup collection") << 2 << u"collection already registered"_s << ErrorKind::AlreadyExists << u"already exists"_s;
        QTest::newRow("instance exists") << 2 << u"can't create already existing instance"_s << ErrorKind::AlreadyExists
                                         << u"An entity with this id already exists."_s;
        // Two entities of one Create with the same id: once "Other" (loom-cli exit 1, not 4).
        QTest::newRow("same id twice") << 2 << u"cant't create already existent instance"_s << ErrorKind::AlreadyExists
                                       << u"Two of the entities sent together have the same id."_s;
        QTest::newRow("db exists") << 2 << u"db already exists"_s << ErrorKind::AlreadyExists << u"already has this store"_s;
        // A retried join after one that failed part-way: the exact texts of threadsd v1.1.5
        // (lstore.ErrLogExists, seen on the fixture's daemon; lstore.ErrThreadExists).
        QTest::newRow("half joined, log") << 2 << u"log already exists"_s << ErrorKind::AlreadyExists << u"--new-log-key"_s;
        QTest::newRow("half joined, thread") << 2 << u"thread already exists"_s << ErrorKind::AlreadyExists << u"earlier join that did not finish"_s;
        QTest::newRow("query") << 2 << u"invalid query: value type should describe exactly one type"_s << ErrorKind::BadQuery << u"exactly one type"_s;
        QTest::newRow("denied") << 2 << u"app denied net record body: too old"_s << ErrorKind::Denied << u"too old"_s;
        QTest::newRow("id string") << 2 << u"the collection schema _id property must be a string"_s << ErrorKind::BadSchema << u"_id as a string"_s;
        QTest::newRow("unimplemented") << 12 << u"unknown service threads.pb.API"_s << ErrorKind::Protocol << u"not a go-threads v1 daemon"_s;
        QTest::newRow("other") << 2 << u"something new"_s << ErrorKind::Other << u"something new"_s;
    }

    void classify()
    {
        QFETCH(int, code);
        QFETCH(QString, daemon);
        QFETCH(ErrorKind, kind);
        QFETCH(QString, says);
        const Error e = Error::fromStatus(code, daemon, u"do it"_s, u"127.0.0.1:6006"_s);
        QVERIFY(e.isError());
        QCOMPARE(e.kind(), kind);
        QCOMPARE(e.grpcCode(), code);
        QCOMPARE(e.daemonMessage(), daemon);
        QVERIFY2(e.message().contains(says), qPrintable(e.message()));
        QVERIFY(e.details().contains(daemon));
    }

    void okIsNoError()
    {
        QVERIFY(!Error::fromStatus(0, {}, u"x"_s, {}).isError());
        QVERIFY(!Error().isError());
    }

    void scrubsSecrets()
    {
        const QString key = u"b"_s + QString(103, u'a');
        const QString jwt = u"eyJhbGciOiJFZDI1NTE5In0.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"_s;
        const Error e(ErrorKind::Other, u"bad key "_s + key, 2, u"token "_s + jwt + u" and bearer abc"_s);
        QVERIFY(!e.message().contains(key));
        QVERIFY(e.message().contains(u"<key hidden>"_s));
        QVERIFY(!e.daemonMessage().contains(jwt));
        QVERIFY(!e.daemonMessage().contains(u"abc"_s));
        // Store ids (56 characters) are not secrets and stay.
        const QString id = u"bafkwwgrwdn35tqvq77amwknlii2tibuclyhgfagtwfuqminmsq3fe5i"_s;
        QCOMPARE(Error::scrubSecrets(id), id);
    }
};

QTEST_APPLESS_MAIN(TestError)
#include "tst_error.moc"
