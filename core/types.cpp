#include "types.h"

using namespace Qt::StringLiterals;

namespace loom {

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
