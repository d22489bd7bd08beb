#include "replication.h"

#include "encoding.h"

#include <QMap>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace loom {

const LogState *ThreadState::log(const QByteArray &id) const
{
    auto it = std::lower_bound(logs.cbegin(), logs.cend(), id,
                               [](const LogState &l, const QByteArray &key) { return l.id < key; });
    if (it != logs.cend() && it->id == id)
        return &*it;
    // Not sorted (built by hand): look at all.
    for (const LogState &l : logs)
        if (l.id == id)
            return &l;
    return nullptr;
}

const LogState *ThreadState::ownLog() const
{
    for (const LogState &l : logs)
        if (l.own)
            return &l;
    return nullptr;
}

QString LogCell::text() const
{
    switch (verdict) {
    case LogVerdict::InSync:
        return u"in sync"_s;
    case LogVerdict::Behind:
        return u"behind by %1"_s.arg(behindBy);
    case LogVerdict::NotYetSeen:
        return behindBy > 0 ? u"not yet seen (%1 %2)"_s.arg(behindBy).arg(behindBy == 1 ? u"record"_s : u"records"_s)
                            : u"not yet seen"_s;
    case LogVerdict::NothingToCopy:
        return u"nothing to copy"_s;
    case LogVerdict::CountUnknown:
        return u"differs (count unknown)"_s;
    case LogVerdict::Inconsistent:
        return u"inconsistent"_s;
    case LogVerdict::StoreMissing:
        return u"no store"_s;
    }
    return {};
}

QString verdictName(LogVerdict verdict)
{
    switch (verdict) {
    case LogVerdict::InSync:
        return u"in-sync"_s;
    case LogVerdict::Behind:
        return u"behind"_s;
    case LogVerdict::NotYetSeen:
        return u"not-yet-seen"_s;
    case LogVerdict::NothingToCopy:
        return u"nothing-to-copy"_s;
    case LogVerdict::CountUnknown:
        return u"count-unknown"_s;
    case LogVerdict::Inconsistent:
        return u"inconsistent"_s;
    case LogVerdict::StoreMissing:
        return u"store-missing"_s;
    }
    return {};
}

qint64 decodeLogCounter(QByteArrayView counter, bool hasHead)
{
    if (counter.isEmpty())
        return -1;
    // A zig-zag varint at the start (Go's binary.PutVarint), the rest zero padding.
    quint64 u = 0;
    qsizetype pos = 0;
    if (!encoding::readUvarint(counter, &pos, &u))
        return -1; // ends inside the varint, or longer than 64 bits
    const qint64 n = qint64(u >> 1) ^ -qint64(u & 1);
    if (n < 0)
        return -1;
    if (n == 0 && hasHead)
        return -1;
    return n;
}

bool ReplicationReport::inSync() const
{
    for (const auto &row : cells)
        for (const LogCell &c : row)
            if (c.verdict != LogVerdict::InSync && c.verdict != LogVerdict::NothingToCopy)
                return false;
    for (bool p : present)
        if (!p)
            return false;
    return true;
}

qint64 ReplicationReport::behindTotal(int daemon) const
{
    qint64 total = 0;
    for (const auto &row : cells)
        if (daemon >= 0 && daemon < row.size()
            && (row[daemon].verdict == LogVerdict::Behind || row[daemon].verdict == LogVerdict::NotYetSeen))
            total += row[daemon].behindBy;
    return total;
}

QString ReplicationReport::summary(int daemon) const
{
    if (daemon < 0 || daemon >= daemonCount)
        return {};
    if (daemon < present.size() && !present[daemon])
        return u"does not hold the store"_s;
    int behindLogs = 0, unseen = 0, unknown = 0, inconsistent = 0;
    for (const auto &row : cells) {
        switch (row[daemon].verdict) {
        case LogVerdict::Behind:
            ++behindLogs;
            break;
        case LogVerdict::NotYetSeen:
            ++unseen;
            break;
        case LogVerdict::CountUnknown:
            ++unknown;
            break;
        case LogVerdict::Inconsistent:
            ++inconsistent;
            break;
        default:
            break;
        }
    }
    auto logs = [](int n) { return n == 1 ? u"1 log"_s : u"%1 logs"_s.arg(n); };
    QStringList parts;
    const qint64 behind = behindTotal(daemon);
    if (behindLogs + unseen > 0 && behind > 0)
        parts << u"behind by %1 %2 on %3"_s.arg(behind).arg(behind == 1 ? u"record"_s : u"records"_s)
                     .arg(logs(behindLogs + unseen));
    else if (unseen > 0)
        parts << u"%1 not yet seen"_s.arg(logs(unseen));
    if (unknown > 0)
        parts << u"differs on %1 (count unknown)"_s.arg(logs(unknown));
    if (inconsistent > 0)
        parts << u"inconsistent on %1"_s.arg(logs(inconsistent));
    return parts.isEmpty() ? u"in sync"_s : parts.join(u"; "_s);
}

ReplicationReport compareReplication(const QList<ThreadState> &daemons)
{
    ReplicationReport report;
    report.daemonCount = int(daemons.size());
    QMap<QByteArray, QString> ids; // sorted by bytes
    QByteArray firstDigest;
    for (const ThreadState &d : daemons) {
        report.present << d.present;
        if (!d.present)
            continue;
        for (const LogState &l : d.logs)
            ids.insert(l.id, l.idText);
        if (!d.serviceKeyDigest.isEmpty()) {
            if (firstDigest.isEmpty())
                firstDigest = d.serviceKeyDigest;
            else if (firstDigest != d.serviceKeyDigest)
                report.keysDiffer = true;
        }
    }
    for (auto it = ids.cbegin(); it != ids.cend(); ++it) {
        const QByteArray &id = it.key();
        report.logIds << id;
        report.logIdTexts << it.value();
        // What each daemon has of the log.
        QList<const LogState *> logs;
        int owner = -1;
        int ref = -1; // the daemon with the largest known counter
        for (int i = 0; i < daemons.size(); ++i) {
            const LogState *l = daemons[i].present ? daemons[i].log(id) : nullptr;
            logs << l;
            if (!l)
                continue;
            if (l->own && owner < 0)
                owner = i;
            if (l->counter >= 0 && (ref < 0 || l->counter > logs[ref]->counter))
                ref = i;
        }
        report.ownerDaemon << owner;
        // No known count anywhere: the writer is the reference when connected (it has the newest
        // record of its own log), otherwise the heads are only compared.
        const bool countsKnown = ref >= 0;
        if (!countsKnown && owner >= 0)
            ref = owner;
        const QByteArray refHead = ref >= 0 ? logs[ref]->head : QByteArray();
        const qint64 refCounter = countsKnown ? logs[ref]->counter : -1;
        bool anyRecords = false;
        bool headsAgree = true;
        QByteArray someHead;
        bool seenOne = false;
        for (const LogState *l : logs) {
            if (!l)
                continue;
            anyRecords = anyRecords || !l->head.isEmpty();
            if (seenOne && l->head != someHead)
                headsAgree = false;
            someHead = l->head;
            seenOne = true;
        }
        QList<LogCell> row;
        for (int i = 0; i < daemons.size(); ++i) {
            LogCell cell;
            const LogState *l = logs[i];
            if (!daemons[i].present) {
                cell.verdict = LogVerdict::StoreMissing;
            } else if (!l) {
                cell.verdict = anyRecords ? LogVerdict::NotYetSeen : LogVerdict::NothingToCopy;
                cell.behindBy = anyRecords && refCounter > 0 ? refCounter : 0;
            } else {
                cell.counter = l->counter;
                if (ref < 0) {
                    cell.verdict = headsAgree ? LogVerdict::InSync : LogVerdict::CountUnknown;
                } else if (l->head == refHead) {
                    cell.verdict = LogVerdict::InSync;
                } else if (l->counter < 0 || refCounter < 0) {
                    cell.verdict = LogVerdict::CountUnknown;
                } else if (l->counter < refCounter) {
                    cell.verdict = LogVerdict::Behind;
                    cell.behindBy = refCounter - l->counter;
                } else {
                    cell.verdict = LogVerdict::Inconsistent; // equal counts, different heads
                }
            }
            row << cell;
        }
        report.cells << row;
    }
    return report;
}

} // namespace loom
