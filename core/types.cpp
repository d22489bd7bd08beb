#include "types.h"

using namespace Qt::StringLiterals;

namespace loom {

QString generationName(ApiGeneration g)
{
    switch (g) {
    case ApiGeneration::V1: return u"go-threads v1"_s;
    case ApiGeneration::Legacy: return u"legacy v0.1"_s;
    case ApiGeneration::Unsupported: return u"unsupported (go-threads v0.1.11\u2013v0.1.23)"_s;
    case ApiGeneration::Unknown: break;
    }
    return u"unknown"_s;
}

Capabilities Capabilities::of(ApiGeneration g)
{
    Capabilities c;
    if (g == ApiGeneration::Legacy) {
        c.listStores = false;
        c.deleteStore = false;
        c.collectionInfo = false;
        c.updateCollection = false;
        c.deleteCollection = false;
        c.tokens = false;
        c.verify = false;
        c.queryPaging = false;
        c.needsStart = true;
    }
    return c;
}

QString unavailableOnLegacy(const QString &what)
{
    return u"%1 is not available on a v0.1 daemon"_s.arg(what);
}

QString ConnectionSettings::endpoint() const
{
    if (host.contains(u':') && !host.startsWith(u'['))
        return u"[%1]:%2"_s.arg(host).arg(port);
    return u"%1:%2"_s.arg(host).arg(port);
}

QString ConnectionSettings::displayName() const
{
    return name.isEmpty() ? endpoint() : name;
}

QString UnreadableAddress::text() const
{
    return u"0x"_s + QString::fromLatin1(bytes.toHex());
}

QString actionName(ChangeAction action)
{
    switch (action) {
    case ChangeAction::Create: return u"create"_s;
    case ChangeAction::Save: return u"save"_s;
    case ChangeAction::Delete: return u"delete"_s;
    }
    return {};
}

QStringList BulkCreateResult::storedIds() const
{
    QStringList ids;
    for (const BatchOutcome &b : batches)
        if (b.status == BatchOutcome::Stored)
            ids += b.ids;
    return ids;
}

qsizetype BulkCreateResult::count(BatchOutcome::Status status) const
{
    qsizetype n = 0;
    for (const BatchOutcome &b : batches)
        if (b.status == status)
            n += b.count;
    return n;
}

QString statusName(BatchOutcome::Status status)
{
    switch (status) {
    case BatchOutcome::Stored: return u"stored"_s;
    case BatchOutcome::NotStored: return u"not-stored"_s;
    case BatchOutcome::Unknown: return u"unknown"_s;
    }
    return u"unknown"_s;
}

} // namespace loom
