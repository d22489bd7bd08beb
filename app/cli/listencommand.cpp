// listen: one JSON line per change, until SIGINT/SIGTERM (or --count changes).
#include "cli.h"
#include "command.h"
#include "signalwatcher.h"

#include "subscription.h"

#include <QDateTime>

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>

using namespace Qt::StringLiterals;

namespace loom::cli {

namespace {

std::optional<ListenFilter::Action> parseAction(const QString &text)
{
    if (text.isEmpty() || text == u"all"_s)
        return ListenFilter::All;
    if (text == u"create"_s)
        return ListenFilter::Create;
    if (text == u"save"_s)
        return ListenFilter::Save;
    if (text == u"delete"_s)
        return ListenFilter::Delete;
    return std::nullopt;
}

void printEvent(Cli &cli, const ChangeEvent &event)
{
    if (!cli.out().isTable()) {
        cli.out().jsonLine(Output::eventJson(event));
        return;
    }
    const QJsonObject o = Output::eventJson(event);
    QString line = o.value(u"receivedAt"_s).toString() + u"  "_s + actionName(event.action).leftJustified(6)
        + u"  "_s + event.collection + u"  "_s + event.instanceId;
    if (event.action != ChangeAction::Delete)
        line += u"  "_s + Output::cell(event.instance);
    cli.out().line(line);
}

void subscribe(Cli &cli, const StoreId &store, const ListenFilter &filter, int count)
{
    QList<ListenFilter> filters;
    if (!filter.collection.isEmpty() || !filter.instanceId.isEmpty() || filter.action != ListenFilter::All)
        filters << filter;
    Subscription *sub = cli.client().listen(store, filters, &cli);
    auto seen = std::make_shared<int>(0);
    QObject::connect(sub, &Subscription::changes, &cli, [&cli, sub, seen, count](const QList<ChangeEvent> &events) {
        for (const ChangeEvent &event : events) {
            if (cli.isFinished())
                return;
            printEvent(cli, event);
            if (count > 0 && ++*seen >= count) {
                sub->stop();
                cli.finish();
            }
        }
    });
    QObject::connect(sub, &Subscription::interrupted, &cli, [&cli](const Error &error, int retryInMs) {
        cli.warn(u"the subscription broke (%1); listening again in %2 ms, changes may be missed"_s
                     .arg(error.isError() ? error.message() : u"the daemon closed the stream"_s)
                     .arg(retryInMs));
    });
    QObject::connect(sub, &Subscription::resubscribed, &cli, [&cli] {
        if (cli.verbose())
            cli.warn(u"listening again"_s);
    });
    QObject::connect(sub, &Subscription::ended, &cli, [&cli](const Error &error) {
        if (error.isError())
            cli.fail(error);
    });
}

void listen(Cli &cli)
{
    const auto action = parseAction(cli.value(u"action"_s));
    if (!action)
        return cli.usageError(u"--action must be create, save, delete or all, not \u201c%1\u201d"_s.arg(cli.value(u"action"_s)));
    const auto count = cli.intValue(u"count"_s, 0, 0, INT_MAX);
    if (!count)
        return;
    const ListenFilter filter{cli.value(u"collection"_s), cli.value(u"id"_s), *action};

    // SIGINT/SIGTERM end the command cleanly: stop the subscription (pending events are printed
    // first) and exit 0.
    auto *watcher = new SignalWatcher({SIGINT, SIGTERM}, &cli);
    if (!watcher->isValid())
        return cli.failWith(ExitOther, u"cannot watch for signals: %1"_s.arg(QString::fromLocal8Bit(std::strerror(errno))));
    QObject::connect(watcher, &SignalWatcher::caught, &cli, [&cli](int) {
        for (Subscription *sub : cli.findChildren<Subscription *>())
            sub->stop();
        cli.finish();
    });

    cli.withStore([&cli, filter, count = *count](const StoreId &store) {
        // The daemon sends nothing until the first change, so a missing store or an unreachable
        // daemon would go unnoticed: check both first.
        cli.call(cli.client().storeInfo(store), [&cli, store, filter, count](const StoreInfo &) {
            subscribe(cli, store, filter, count);
        });
    });
}

} // namespace

Command listenCommand()
{
    return {u"listen"_s, {}, u"-s STORE [--collection NAME] [--id ID] [--action ACTION]"_s,
            u"Print the store's changes as they happen"_s,
            u"Prints one line per change in the store (local writes and replicated ones), flushed at\n"
            "once, until SIGINT or SIGTERM (then it exits 0) or --count changes. The filters combine:\n"
            "--collection, --id and --action (create, save, delete or all). The daemon drops events\n"
            "under bursts: treat a line as \"this entity changed\" and re-read it when it matters. If the\n"
            "stream breaks, loom-cli listens again with back-off and says so on stderr."_s,
            u"JSON lines: {\"action\": \"create\"|\"save\"|\"delete\", \"collection\", \"instanceId\",\n"
            "\"instance\": {...} (the current entity; null for delete), \"receivedAt\": ISO 8601 UTC}.\n"
            "--table: \"receivedAt  action  collection  id  entity\" lines."_s,
            {storeOption(),
             makeOption({u"c"_s, u"collection"_s}, u"Only changes in this collection."_s, u"NAME"_s),
             makeOption({u"id"_s}, u"Only changes of this entity."_s, u"ID"_s),
             makeOption({u"action"_s}, u"Only this kind of change: create, save, delete (default all)."_s, u"ACTION"_s),
             makeOption({u"count"_s}, u"Exit 0 after N changes (0: never)."_s, u"N"_s)},
            0, 0, listen};
}

} // namespace loom::cli
