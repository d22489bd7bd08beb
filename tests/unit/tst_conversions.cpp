#include "clientprivate_p.h"
#include "encoding.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace loom;

// Decoding the daemon's replies (core/conversions.cpp), without a daemon.
class tst_Conversions : public QObject
{
    Q_OBJECT

private slots:
    void storeInfoKeepsUnreadableAddresses();
};

// One address with a protocol Loom does not know once made the whole StoreInfo fail.
void tst_Conversions::storeInfoKeepsUnreadableAddresses()
{
    const StoreId id = StoreId::generate();
    const Multiaddr good = *Multiaddr::fromString(u"/ip4/127.0.0.1/tcp/4006"_s);
    const QByteArray unknown = encoding::uvarint(0x9999) + QByteArray("\x01\x02", 2);
    pb::GetDBInfoReply reply;
    reply.set_name("notes");
    reply.add_addrs(unknown.toStdString());
    reply.add_addrs(good.toBinary().toStdString());
    reply.add_addrs(std::string()); // empty: also unreadable

    Error error;
    const std::optional<StoreInfo> info = fromPb(id.bytes(), reply, &error);
    QVERIFY2(info, qPrintable(error.message()));
    QCOMPARE(info->id, id);
    QCOMPARE(info->name, u"notes"_s);
    QCOMPARE(info->addresses, QList<Multiaddr>{good});
    QCOMPARE(info->unreadableAddresses.size(), 2);
    QCOMPARE(info->unreadableAddresses.at(0).bytes, unknown);
    QCOMPARE(info->unreadableAddresses.at(0).text(), u"0x99b3020102"_s);
    QVERIFY2(info->unreadableAddresses.at(0).problem.contains(u"unknown protocol code 0x9999"_s),
             qPrintable(info->unreadableAddresses.at(0).problem));
    QCOMPARE(info->unreadableAddresses.at(1).text(), u"0x"_s);
}

QTEST_APPLESS_MAIN(tst_Conversions)

#include "tst_conversions.moc"
