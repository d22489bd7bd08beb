// Unit tests for the legacy v0.1 side of the core's value types: UUID store ids, the seed-form
// legacy invitation links (parse, format, mask), generations and capabilities, and the
// remembered-store book (QSettings).
#include "encoding.h"
#include "error.h"
#include "invitelink.h"
#include "legacystores.h"
#include "storeid.h"
#include "types.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace loom;

namespace {

const QString kPeer = u"12D3KooWBynX2HaNg73xSLq9TJDQjQKozxCh7MgVqKgGGXWXYzQn"_s;
const QString kThread = u"bafkqcaqdaqcqmbyibefawdanbyhraeiscmkbkfqxdamrugy4dupb6ia"_s;
const QString kAddress = u"/ip4/127.0.0.1/tcp/4006/p2p/"_s + kPeer + u"/thread/"_s + kThread;
const QString kUuid = u"3f2c8a9e-1b4d-4c6e-9a7f-0123456789ab"_s;

QByteArray bytes44(char first)
{
    QByteArray b(44, '\0');
    for (int i = 0; i < 44; ++i)
        b[i] = char(first + i * 5);
    return b;
}

LegacyKeys keys()
{
    return {bytes44('\x10'), bytes44('\x61')};
}

} // namespace

class TestLegacyIds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void storeIdUuid_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("lower") << kUuid << true;
        QTest::newRow("upper") << kUuid.toUpper() << true;
        QTest::newRow("spaces around") << u"  "_s + kUuid + u" "_s << true;
        QTest::newRow("short") << kUuid.left(35) << false;
        QTest::newRow("no dashes") << QString(kUuid).remove(u'-') << false;
        QTest::newRow("bad hex") << QString(kUuid).replace(0, 1, u"g"_s) << false;
        QTest::newRow("dash moved") << QString(kUuid).replace(8, 2, u"1-"_s) << false;
        QTest::newRow("empty") << QString() << false;
    }

    void storeIdUuid()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QString error;
        const auto id = StoreId::fromLegacyUuid(text, &error);
        QCOMPARE(id.has_value(), valid);
        if (!valid) {
            QVERIFY(!error.isEmpty());
            return;
        }
        QVERIFY(id->isValid());
        QVERIFY(id->isLegacy());
        QCOMPARE(id->toString(), kUuid); // lower case, trimmed
        QCOMPARE(*id, *StoreId::fromLegacyUuid(kUuid));
    }

    void storeIdFromStringTakesBoth()
    {
        const auto legacy = StoreId::fromString(kUuid);
        QVERIFY(legacy && legacy->isLegacy());
        QCOMPARE(legacy->toString(), kUuid);
        const auto v1 = StoreId::fromString(kThread);
        QVERIFY(v1 && !v1->isLegacy());
        QVERIFY(*legacy != *v1);
        QString error;
        QVERIFY(!StoreId::fromString(QString(kUuid).replace(3, 1, u"x"_s), &error));
        QVERIFY2(error.contains(u"UUID"_s), qPrintable(error));
        QVERIFY(!StoreId::generate().isLegacy());
    }

    void legacyLinkRoundTrip()
    {
        const InviteLink link = InviteLink::legacy(*Multiaddr::fromString(kAddress), keys());
        QVERIFY(link.isValid());
        QCOMPARE(link.form(), InviteLink::Legacy);
        QCOMPARE(link.generation(), ApiGeneration::Legacy);
        const QString seed = link.toSeedString();
        QCOMPARE(seed, kAddress + u'?' + encoding::toBase58(keys().followKey) + u'&' + encoding::toBase58(keys().readKey));
        QCOMPARE(link.toString(), seed);
        QString error;
        const auto parsed = InviteLink::parse(seed, &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->form(), InviteLink::Legacy);
        QCOMPARE(parsed->legacyKeys(), keys());
        QCOMPARE(*parsed, link);
        QVERIFY(!parsed->key().isValid());
    }

    void legacyLinkMasked()
    {
        const InviteLink link = InviteLink::legacy(*Multiaddr::fromString(kAddress), keys());
        const QString masked = link.maskedString();
        const QString follow = encoding::toBase58(keys().followKey);
        const QString read = encoding::toBase58(keys().readKey);
        QVERIFY(masked.startsWith(kAddress + u'?'));
        QVERIFY(!masked.contains(follow.mid(3, 8)));
        QVERIFY(!masked.contains(read.mid(3, 8)));
        QCOMPARE(masked.count(u"(hidden)"_s), 2);
        // Errors and logs scrub the seed form too.
        QVERIFY(!Error::scrubSecrets(link.toSeedString()).contains(follow));
    }

    void generationsTellLinksApart()
    {
        // 32+32-byte seed keys: a v1 link (Seed form).
        const QString v1Seed = kAddress + u'?' + encoding::toBase58(QByteArray(32, '\x21')) + u'&'
            + encoding::toBase58(QByteArray(32, '\x42'));
        const auto v1 = InviteLink::parse(v1Seed);
        QVERIFY(v1);
        QCOMPARE(v1->form(), InviteLink::Seed);
        QCOMPARE(v1->generation(), ApiGeneration::V1);
        QString error;
        const QString mixed = kAddress + u'?' + encoding::toBase58(bytes44('\x01')) + u'&'
            + encoding::toBase58(QByteArray(32, '\x42'));
        QVERIFY(!InviteLink::parse(mixed, &error));
        QVERIFY2(error.contains(u"legacy v0.1 daemon two 44-byte keys"_s), qPrintable(error));
    }

    void fromStoreInfo()
    {
        StoreInfo info;
        info.id = *StoreId::fromLegacyUuid(kUuid);
        info.addresses = {*Multiaddr::fromString(kAddress), *Multiaddr::fromString(u"/ip4/127.0.0.1/tcp/4006"_s)};
        info.legacyKeys = keys();
        const QList<InviteLink> links = InviteLink::fromStoreInfo(info);
        QCOMPARE(links.size(), 1); // only addresses with /p2p/ and /thread/
        QCOMPARE(links.first().form(), InviteLink::Legacy);
        QCOMPARE(links.first().legacyKeys(), keys());
    }

    void capabilitiesAndNames()
    {
        QCOMPARE(generationName(ApiGeneration::V1), u"go-threads v1"_s);
        QCOMPARE(generationName(ApiGeneration::Legacy), u"legacy v0.1"_s);
        QVERIFY(generationName(ApiGeneration::Unsupported).startsWith(u"unsupported (go-threads v0.1.11"_s));
        QCOMPARE(generationName(ApiGeneration::Unknown), u"unknown"_s);
        const Capabilities legacy = Capabilities::of(ApiGeneration::Legacy);
        QVERIFY(!legacy.listStores && !legacy.deleteStore && !legacy.updateCollection && !legacy.deleteCollection
                && !legacy.tokens && !legacy.verify && !legacy.queryPaging && !legacy.collectionInfo);
        QVERIFY(legacy.needsStart);
        const Capabilities unknown = Capabilities::of(ApiGeneration::Unknown);
        QVERIFY(unknown.listStores && unknown.queryPaging && !unknown.needsStart);
        QCOMPARE(unavailableOnLegacy(u"Deleting a store"_s), u"Deleting a store is not available on a v0.1 daemon"_s);
    }

    void storeBook()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"loom.ini"_s), QSettings::IniFormat);
        const StoreId id = *StoreId::fromLegacyUuid(kUuid);
        const StoreId other = *StoreId::fromLegacyUuid(u"00000000-0000-4000-8000-000000000001"_s);
        {
            LegacyStoreBook book(u"127.0.0.1:6006"_s, &settings);
            QVERIFY(book.stores().isEmpty());
            book.remember({id, u"people"_s, RememberedStore::Joined, false, false, {}});
            book.remember({other, {}, RememberedStore::Opened, false, false, {}});
            book.addModel(id, {u"Person"_s, "{\"type\":\"object\"}", {{u"name"_s, true}}});
            book.markStarted(id);
            // Not a legacy id: nothing is written.
            book.remember({StoreId::generate(), u"v1"_s, RememberedStore::Created, true, false, {}});
        }
        LegacyStoreBook again(u"127.0.0.1:6006"_s, &settings);
        const QList<RememberedStore> stores = again.stores();
        QCOMPARE(stores.size(), 2);
        QCOMPARE(stores.first().id, id);
        QCOMPARE(stores.first().name, u"people"_s);
        QCOMPARE(stores.first().how, RememberedStore::Joined);
        QVERIFY(stores.first().started);
        QVERIFY(!stores.first().written);
        QCOMPARE(stores.first().models.size(), 1);
        QCOMPARE(stores.first().models.first().indexes, (QList<IndexSpec>{{u"name"_s, true}}));
        again.markWritten(id);
        QVERIFY(again.find(id)->written);
        // Remembering again keeps what is known (started, models).
        again.remember({id, {}, RememberedStore::Joined, false, false, {}});
        QVERIFY(again.find(id)->started);
        QCOMPARE(again.find(id)->name, u"people"_s);
        QCOMPARE(again.find(id)->models.size(), 1);
        again.forget(other);
        QCOMPARE(again.stores().size(), 1);
        // Per endpoint.
        LegacyStoreBook elsewhere(u"127.0.0.1:7006"_s, &settings);
        QVERIFY(elsewhere.stores().isEmpty());
        // Never a key in the settings.
        settings.sync();
        QFile file(dir.filePath(u"loom.ini"_s));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains(kUuid.toLatin1()));
        QVERIFY(!text.contains("followKey") && !text.contains("readKey"));
    }
};

QTEST_GUILESS_MAIN(TestLegacyIds)
#include "tst_legacyids.moc"
