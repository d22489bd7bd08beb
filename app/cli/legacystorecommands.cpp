// store open | start | forget: what only legacy v0.1 daemons need (they cannot list their stores;
// loom remembers them, shared with the GUI); and finding a legacy link's store on its inviter.
#include "cli.h"
#include "command.h"

#include "invitelink.h"

#include <QJsonObject>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace loom::cli {

// The link's store on the inviting daemon. A legacy link names the inviter's thread, not its store
// (a UUID): the store is the remembered, started one whose address is the link's.
void findInviterStore(Cli &cli, ThreadsClient &inviter, const InviteLink &link, std::function<void(const StoreInfo &)> next)
{
    const QString context = u"the inviting daemon %1"_s.arg(inviter.endpoint());
    if (link.generation() != ApiGeneration::Legacy)
        return cli.call(inviter.storeInfo(link.storeId()), std::move(next), context);
    const QString thread = link.address().toString().section(u"/thread/"_s, 1);
    cli.call(inviter.listStores(), [&cli, &inviter, thread, next, context](const QList<StoreInfo> &stores) {
        auto left = std::make_shared<int>(0);
        auto found = std::make_shared<bool>(false);
        const auto none = [&cli, &inviter] {
            cli.failWith(ExitNotFound, u"loom does not know the link's store on %1 (give --schema, or `store open` "
                                       "it there first)"_s.arg(inviter.endpoint()));
        };
        for (const StoreInfo &s : stores)
            if (s.started) // a v0.1.10 daemon dies when asked for the link of a store not started
                ++*left;
        if (*left == 0)
            return none();
        for (const StoreInfo &s : stores) {
            if (!s.started)
                continue;
            inviter.storeInfo(s.id)->then(&cli, [thread, next, left, found, none](Reply<StoreInfo> *r) {
                --*left;
                if (*found)
                    return;
                if (r->ok() && std::any_of(r->result().addresses.begin(), r->result().addresses.end(), [&](const Multiaddr &a) {
                        return a.toString().section(u"/thread/"_s, 1) == thread;
                    })) {
                    *found = true;
                    return next(r->result());
                }
                if (*left == 0)
                    none();
            });
        }
    }, context);
}

namespace {

// Legacy v0.1 daemons cannot list their stores: loom remembers them (shared with the GUI).
std::optional<StoreId> legacyStoreArg(Cli &cli)
{
    QString why;
    const auto id = StoreId::fromString(cli.args().first(), &why);
    if (!id)
        cli.failWith(ExitRefused, u"\u201c%1\u201d is not a store id (%2)"_s.arg(cli.args().first(), why));
    return id;
}

void storeOpen(Cli &cli)
{
    const auto id = legacyStoreArg(cli);
    if (!id)
        return;
    cli.call(cli.client().openStore(*id), [&cli](const StoreInfo &info) {
        printStore(cli, info, false);
        cli.finish();
    });
}

void storeStart(Cli &cli)
{
    cli.resolveStore(cli.args().first(), [&cli](const StoreId &id) {
        cli.call(cli.client().startStore(id), [&cli, id](Done) {
            cli.call(cli.client().storeInfo(id), [&cli](const StoreInfo &info) {
                printStore(cli, info, false);
                cli.finish();
            });
        });
    });
}

void storeForget(Cli &cli)
{
    cli.resolveStore(cli.args().first(), [&cli](const StoreId &id) {
        cli.call(cli.client().forgetStore(id), [&cli, id](Done) {
            if (cli.out().isTable())
                cli.out().keyValues({{u"forgotten"_s, id.toString()}});
            else
                cli.out().json(QJsonObject{{u"id"_s, id.toString()}, {u"forgotten"_s, true}});
            cli.finish();
        });
    });
}

} // namespace

QList<Command> legacyStoreCommands()
{
    const QString storeJsonDoc = u"{\"id\", \"name\", \"addresses\": [multiaddr, ...]}"_s;
    return {
        {u"store"_s, u"open"_s, u"ID"_s, u"Remember a store of a legacy v0.1 daemon by its id"_s,
         u"A v0.1 daemon cannot list its stores, so loom remembers those it created, joined or started\n"
         "(shared with the Loom window). `store open ID` checks that the daemon has the store ID (a UUID)\n"
         "and remembers it, so `store list` shows it. On a go-threads v1 daemon it is `store info`."_s,
         storeJsonDoc + u" of the store."_s, {}, 1, 1, storeOpen},
        {u"store"_s, u"start"_s, u"STORE"_s, u"Start a store of a legacy v0.1 daemon"_s,
         u"Starts a store that was registered but not started (a v0.1 daemon forgets such a store when it\n"
         "restarts). `store new` starts the stores it creates. Nothing to do on a go-threads v1 daemon."_s,
         storeJsonDoc + u" of the started store."_s, {}, 1, 1, storeStart},
        {u"store"_s, u"forget"_s, u"STORE"_s, u"Stop listing a store of a legacy v0.1 daemon"_s,
         u"Drops the store from what loom remembers for this daemon; the daemon keeps it."_s,
         u"{\"id\", \"forgotten\": true}"_s, {}, 1, 1, storeForget},
    };
}

} // namespace loom::cli
