// JoinStoreDialog: what differs for legacy v0.1 links (the seed form): which daemon generation a
// link is for, and finding the inviting store on a connected v0.1 daemon.
#include "joinstoredialog.h"

#include "session/connection.h"
#include "session/connectionmanager.h"
#include "threadsclient.h"

#include <QLabel>
#include <QStackedWidget>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace loom {

// Which daemon generation a link is for, and whether this connection's daemon is one.
QString JoinStoreDialog::generationNote() const
{
    const ApiGeneration linkGeneration = m_parsed ? m_parsed->generation() : ApiGeneration::Unknown;
    return linkGeneration == ApiGeneration::Legacy
               ? tr("A link for a legacy v0.1 daemon (the seed client's form: address?follow key&read key).")
               : tr("A link for a go-threads v1 daemon.");
}

QString JoinStoreDialog::checkGeneration(const QString &text) const
{
    const auto link = InviteLink::parse(text);
    if (!link || !m_target)
        return {};
    const ApiGeneration target = m_target->generation();
    const ApiGeneration wanted = link->generation();
    const bool targetLegacy = target == ApiGeneration::Legacy;
    if (target == ApiGeneration::Unknown || targetLegacy == (wanted == ApiGeneration::Legacy))
        return {};
    return tr("This link is for a %1 daemon, but “%2” is a %3 daemon: join it on a %1 daemon.")
        .arg(generationName(wanted), m_target->displayName(), generationName(target));
}

// A legacy link names the inviter's thread, not its store (the daemon's UUID): the inviter is the
// connected v0.1 daemon with a remembered store whose address is the link's.
void JoinStoreDialog::findLegacyInviter(const QList<Connection *> &others, quint64 lookup)
{
    const QString thread = m_parsed->address().toString().section(u"/thread/"_s, 1);
    auto pending = std::make_shared<int>(0);
    const auto noneLeft = [this, lookup, pending] {
        if (lookup == m_lookup && --*pending == 0 && !m_listing && !m_source)
            showManual(tr("None of your other connections to v0.1 daemons has this store, so Loom cannot copy its "
                          "models."));
    };
    for (Connection *c : others) {
        if (c->generation() != ApiGeneration::Legacy)
            continue;
        ++*pending;
        const QPointer<Connection> guard(c);
        c->client()->listStores()->then(this, [this, lookup, guard, thread, pending, noneLeft](Reply<QList<StoreInfo>> *r) {
            if (lookup != m_lookup || !guard || !r->ok())
                return noneLeft();
            for (const StoreInfo &s : r->result()) {
                if (!s.started)
                    continue; // never asked for a link: a v0.1.10 daemon dies of it
                ++*pending;
                guard->client()->storeInfo(s.id)->then(this, [this, lookup, guard, thread, noneLeft](Reply<StoreInfo> *info) {
                    const bool match = lookup == m_lookup && guard && info->ok() && !m_source && !m_listing
                                       && std::any_of(info->result().addresses.begin(), info->result().addresses.end(),
                                                      [&](const Multiaddr &a) { return a.toString().section(u"/thread/"_s, 1) == thread; });
                    if (match) {
                        m_sourceStore = info->result().id;
                        return choose(guard);
                    }
                    noneLeft();
                });
            }
            noneLeft();
        });
    }
    m_pending = *pending;
    if (*pending == 0)
        showManual(tr("No other v0.1 daemon is connected in Loom, so Loom cannot copy the models from the inviting "
                      "daemon."));
}

} // namespace loom
