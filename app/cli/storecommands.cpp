// store new | list | info | link | join | delete (legacy v0.1 daemons: legacystorecommands.cpp)
#include "cli.h"
#include "command.h"
#include "input.h"

#include "invitelink.h"
#include "joinattempts.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace loom::cli {

void printStore(Cli &cli, const StoreInfo &store, bool withKey)
{
    if (!cli.out().isTable()) {
        cli.out().json(Output::storeJson(store, withKey));
        return;
    }
    QList<QPair<QString, QString>> rows{{u"id"_s, store.id.toString()}, {u"name"_s, store.name}};
    for (const Multiaddr &a : store.addresses)
        rows.append({u"address"_s, a.toString()});
    for (const UnreadableAddress &a : store.unreadableAddresses)
        rows.append({u"address"_s, a.text() + u" (unreadable: "_s + a.problem + u')'});
    if (!store.started)
        rows.append({u"started"_s, u"no (start it with `store start`)"_s});
    if (withKey)
        rows.append({u"key"_s, Output::storeJson(store, true).value(u"key"_s).toString()});
    cli.out().keyValues(rows);
}

namespace {

// --schema NAME=FILE, repeatable. std::nullopt after failing the command.
std::optional<QList<CollectionConfig>> namedConfigs(Cli &cli)
{
    QList<CollectionConfig> configs;
    for (const QString &spec : cli.values(u"schema"_s)) {
        Problem problem;
        const auto config = input::loadNamedConfig(spec, &problem);
        if (!config) {
            cli.failWith(problem.code, problem.message);
            return std::nullopt;
        }
        warnAboutSchema(cli, *config);
        configs << *config;
    }
    return configs;
}

const QString kSchemaHelp = u"A collection to create with the store, from a JSON schema file or a config file as "
                            "`collection show` prints it; repeatable."_s;

void storeNew(Cli &cli)
{
    const auto configs = namedConfigs(cli);
    if (!configs)
        return;
    StoreId id;
    if (cli.isSet(u"id"_s)) {
        QString why;
        const auto parsed = StoreId::fromString(cli.value(u"id"_s), &why);
        if (!parsed)
            return cli.failWith(ExitRefused, u"--id: "_s + why);
        id = *parsed;
    }
    cli.call(cli.client().newStore(cli.args().value(0), *configs, id), [&cli](const StoreId &created) {
        cli.call(cli.client().storeInfo(created), [&cli](const StoreInfo &info) {
            printStore(cli, info, false);
            cli.finish();
        });
    });
}

void storeList(Cli &cli)
{
    cli.call(cli.client().listStores(), [&cli](const QList<StoreInfo> &stores) {
        if (cli.client().generation() == ApiGeneration::Legacy)
            cli.warn(u"a v0.1 daemon cannot list its stores: these are the stores loom remembers for %1 (created, "
                     "joined, started or opened with `store open`)"_s.arg(cli.settings().endpoint()));
        if (cli.out().isTable()) {
            QList<QStringList> rows;
            for (const StoreInfo &s : stores)
                rows << QStringList{s.id.toString(), s.name, QString::number(s.addresses.size())};
            cli.out().table({u"ID"_s, u"NAME"_s, u"ADDRESSES"_s}, rows);
        } else {
            QJsonArray array;
            for (const StoreInfo &s : stores)
                array.append(Output::storeJson(s, false));
            cli.out().json(array);
        }
        cli.finish();
    });
}

void storeInfo(Cli &cli)
{
    cli.resolveStore(cli.args().first(), [&cli](const StoreId &id) {
        cli.call(cli.client().storeInfo(id), [&cli](const StoreInfo &info) {
            printStore(cli, info, cli.isSet(u"show-key"_s));
            cli.finish();
        });
    });
}

void storeLink(Cli &cli)
{
    cli.resolveStore(cli.args().first(), [&cli](const StoreId &id) {
        cli.call(cli.client().storeInfo(id), [&cli](const StoreInfo &info) {
            const QList<InviteLink> links = InviteLink::fromStoreInfo(info); // the seed form on legacy v0.1
            if (links.isEmpty())
                return cli.failWith(ExitOther, u"The daemon reports no address for the store."_s);
            for (const InviteLink &link : links)
                cli.out().line(cli.isSet(u"seed-form"_s) && link.form() != InviteLink::Legacy ? link.toSeedString()
                                                                                            : link.toString());
            cli.finish();
        });
    });
}

// A secret read from --key-file ("-" = stdin): its first non-empty line, trimmed.
// Secrets given this way never appear in the process's argv (/proc/PID/cmdline).
std::optional<QString> readSecret(Cli &cli, const QString &option)
{
    Problem problem;
    const QString path = cli.value(option);
    const auto text = input::readFile(path, &problem);
    if (!text) {
        cli.failWith(problem.code, u"--%1: %2"_s.arg(option, problem.message));
        return std::nullopt;
    }
    for (const QByteArray &line : text->split('\n')) {
        const QString trimmed = QString::fromUtf8(line).trimmed();
        if (!trimmed.isEmpty())
            return trimmed;
    }
    cli.usageError(u"--%1: %2 is empty"_s.arg(option, path == u"-"_s ? u"stdin"_s : path));
    return std::nullopt;
}

// The links to join from: LINK arguments (several: one per address of the inviting daemon), the
// lines of --link-file (what `store link` or Loom's "Copy all links" gives), or --address and a key.
std::optional<QList<InviteLink>> joinLinks(Cli &cli)
{
    const bool linkFile = cli.isSet(u"link-file"_s);
    const bool pair = cli.isSet(u"address"_s) || cli.isSet(u"key"_s) || cli.isSet(u"key-file"_s);
    if (int(!cli.args().isEmpty()) + int(linkFile) + int(pair) != 1) {
        cli.usageError(u"give an invitation link (LINK or --link-file FILE), or --address and --key-file/--key (only one of these)"_s);
        return std::nullopt;
    }
    QString why;
    if (!pair) {
        QList<InviteLink> links;
        if (linkFile) {
            Problem problem;
            const QString path = cli.value(u"link-file"_s);
            const auto text = input::readFile(path, &problem);
            if (!text) {
                cli.failWith(problem.code, u"--link-file: "_s + problem.message);
                return std::nullopt;
            }
            QStringList errors;
            links = parseInviteLinks(QString::fromUtf8(*text), &errors);
            if (!errors.isEmpty()) {
                cli.failWith(ExitRefused, u"The invitation link is not valid: "_s + errors.first());
                return std::nullopt;
            }
            if (links.isEmpty()) {
                cli.usageError(u"--link-file: %1 is empty"_s.arg(path == u"-"_s ? u"stdin"_s : path));
                return std::nullopt;
            }
            return links;
        }
        for (const QString &text : cli.args()) {
            auto link = InviteLink::parse(text, &why);
            if (!link) {
                cli.failWith(ExitRefused, u"The invitation link is not valid: "_s + why);
                return std::nullopt;
            }
            links << *link;
        }
        return links;
    }
    if (cli.isSet(u"key"_s) && cli.isSet(u"key-file"_s)) {
        cli.usageError(u"--key and --key-file exclude each other"_s);
        return std::nullopt;
    }
    if (!cli.isSet(u"address"_s) || !(cli.isSet(u"key"_s) || cli.isSet(u"key-file"_s))) {
        cli.usageError(u"--address and --key-file (or --key) go together"_s);
        return std::nullopt;
    }
    const auto address = Multiaddr::fromString(cli.value(u"address"_s), &why);
    if (!address) {
        cli.failWith(ExitRefused, u"--address is not a valid multiaddr: "_s + why);
        return std::nullopt;
    }
    QString keyText;
    if (cli.isSet(u"key-file"_s)) {
        const auto read = readSecret(cli, u"key-file"_s);
        if (!read)
            return std::nullopt;
        keyText = *read;
    } else {
        keyText = cli.value(u"key"_s);
    }
    const auto key = StoreKey::fromString(keyText, &why);
    if (!key) {
        cli.failWith(ExitRefused, u"The store key is not valid: "_s + why);
        return std::nullopt;
    }
    return QList<InviteLink>{InviteLink(*address, *key)};
}

void doJoin(Cli &cli, const QList<InviteLink> &links, const QList<CollectionConfig> &configs, const QString &name)
{
    if (links.size() > 1)
        return joinSeveral(cli, links, configs, name);
    const InviteLink &link = links.first();
    if (configs.isEmpty())
        cli.warn(u"joining without collections: they are not replicated, so entities will not show until "
                 "they exist here (give --from-port or --schema, or use `collection new`)"_s);
    QStringList names;
    for (const CollectionConfig &c : configs)
        names << c.name;
    auto *reply = cli.client().joinStore(link, configs, name, cli.isSet(u"block"_s), cli.isSet(u"new-log-key"_s));
    cli.call(reply, [&cli, names](const StoreId &id) {
        cli.call(cli.client().storeInfo(id), [&cli, names](const StoreInfo &info) {
            if (cli.out().isTable()) {
                printStore(cli, info, false);
                cli.out().keyValues({{u"collections"_s, names.join(u", "_s)}});
            } else {
                QJsonObject o = Output::storeJson(info, false);
                o.insert(u"collections"_s, QJsonArray::fromStringList(names));
                cli.out().json(o);
            }
            cli.finish();
        });
    });
}

void storeJoin(Cli &cli)
{
    const auto links = joinLinks(cli);
    if (!links)
        return;
    const InviteLink *link = &links->first();
    const auto given = namedConfigs(cli);
    if (!given)
        return;
    // Joining dials the inviting peer: allow more than the default 5 s unless told otherwise.
    if (!cli.isSet(u"deadline"_s))
        cli.client().setDeadline(30000);
    if (!cli.isSet(u"from-host"_s) && !cli.isSet(u"from-port"_s))
        return doJoin(cli, *links, *given, cli.value(u"name"_s));

    // Collections are not replicated: copy the inviting daemon's configs into the join.
    ConnectionSettings from = cli.settings();
    from.name.clear();
    from.token.clear(); // a token is only valid on the daemon that issued it
    if (cli.isSet(u"from-host"_s))
        from.host = cli.value(u"from-host"_s);
    const auto port = cli.intValue(u"from-port"_s, 6006, 1, 65535);
    if (!port)
        return;
    from.port = quint16(*port);
    const QString context = u"the inviting daemon %1"_s.arg(from.endpoint());
    ThreadsClient &inviter = cli.otherClient(from);
    // Its generation first (a legacy inviter lists the models it registered), then the store's
    // name there (unless --name) and its collection configs.
    cli.call(inviter.detectGeneration(), [&cli, &inviter, links = *links, link = *link, given = *given, context](ApiGeneration) {
    findInviterStore(cli, inviter, link, [&cli, &inviter, links, link, given, context](const StoreInfo &info) {
        const QString name = cli.isSet(u"name"_s) ? cli.value(u"name"_s) : info.name;
        cli.call(inviter.listCollections(info.id), [&cli, links, given, name](QList<CollectionConfig> configs) {
            // --schema wins over the inviting daemon's config of the same name.
            for (const CollectionConfig &g : given) {
                configs.removeIf([&g](const CollectionConfig &c) { return c.name == g.name; });
                configs << g;
            }
            doJoin(cli, links, configs, name);
        }, context);
    });
    }, context);
}

void storeDelete(Cli &cli)
{
    cli.resolveStore(cli.args().first(), [&cli](const StoreId &id) {
        cli.call(cli.client().deleteStore(id), [&cli, id](Done) {
            if (cli.out().isTable())
                cli.out().keyValues({{u"deleted"_s, id.toString()}});
            else
                cli.out().json(QJsonObject{{u"id"_s, id.toString()}, {u"deleted"_s, true}});
            cli.finish();
        });
    });
}

} // namespace

QList<Command> storeCommands()
{
    const QString storeJsonDoc = u"{\"id\", \"name\", \"addresses\": [multiaddr, ...]}"_s;
    return {
        {u"store"_s, u"new"_s, u"[NAME]"_s, u"Create a store (optionally with collections)"_s,
         u"Creates a store on the daemon, named NAME (the daemon's default is \"unnamed\"). Names are letters,\n"
         "digits and single inner hyphens. Collections given with --schema are created with it."_s,
         storeJsonDoc + u" of the new store."_s,
         {makeOption({u"schema"_s}, kSchemaHelp, u"NAME=FILE"_s),
          makeOption({u"id"_s}, u"Use this store id instead of a new random one."_s, u"ID"_s)},
         0, 1, storeNew},
        {u"store"_s, u"list"_s, {}, u"List the daemon's stores"_s,
         u"Lists every store on the daemon, by name. Keys are never listed. A legacy v0.1 daemon cannot\n"
         "list its stores: the list is the stores loom remembers for it (a note on stderr says so)."_s,
         u"["_s + storeJsonDoc + u", ...]; --table: ID, NAME, ADDRESSES (how many)."_s, {}, 0, 0, storeList},
        {u"store"_s, u"info"_s, u"STORE"_s, u"Show a store's id, name and addresses"_s,
         u"Shows a store's details. STORE is a store id or the name of exactly one store.\n"
         "The store key is a secret: it is shown only with --show-key."_s,
         storeJsonDoc + u", plus \"key\" with --show-key."_s,
         {makeOption({u"show-key"_s}, u"Also print the store key (a secret: anyone with it can join)."_s)},
         1, 1, storeInfo},
        {u"store"_s, u"link"_s, u"STORE"_s, u"Print the store's invitation links"_s,
         u"Prints one invitation link per address of the daemon, one per line, in the form\n"
         "<multiaddr>?<key> (the seed client's form <multiaddr>?<service key>&<read key> with\n"
         "--seed-form). A link contains the store key: share it only with whom may join."_s,
         u"Text: one link per line."_s,
         {makeOption({u"seed-form"_s}, u"Print links in the seed client's form (base58 keys)."_s)}, 1, 1, storeLink},
        {u"store"_s, u"join"_s, u"LINK... | --link-file FILE | --address ADDR --key-file FILE"_s, u"Join a store from an invitation"_s,
         u"Joins the store of an invitation link (either form that `store link` prints) or of an\n"
         "address and key. A link or key is a secret, and what is on the command line can be read by\n"
         "every user of the machine (/proc/PID/cmdline): prefer --link-file FILE or --key-file FILE\n"
         "(\"-\" reads stdin; the first non-empty line counts), e.g.\n"
         "  loom-cli store link notes | loom-cli --port 6016 store join --link-file - --from-port 6006\n"
         "Collections are NOT replicated between daemons, only entities are: the\n"
         "joining daemon must have the same collections. With --from-host/--from-port naming the\n"
         "inviting daemon's API, loom-cli copies that daemon's collection configs into the join; with\n"
         "--schema NAME=FILE (repeatable) it uses the given ones (they win over copied ones of the same\n"
         "name). Without either, the store is joined without collections (a warning says so).\n"
         "The join may take a while (the daemon dials the inviting peer): the default deadline is 30 s.\n"
         "A join that fails part-way (e.g. the inviting peer cannot be reached) leaves part of the store\n"
         "on this daemon, which then refuses the next join (\"log already exists\") and has no store to\n"
         "delete: join again with --new-log-key.\n"
         "Several links (one per address of the inviting daemon: several LINK arguments, or several\n"
         "lines in --link-file, e.g. all that `store link` prints or Loom's \"Copy all links\") are tried\n"
         "one after the other, each with a deadline of 8 s (--deadline), until one joins; after a failed\n"
         "attempt the next uses a new log key. The join runs on the joining daemon: when that is not on\n"
         "this machine (--host), loopback and private addresses are tried last. What happened at each\n"
         "address (joined, refused, unreachable, timed out, not tried) is printed."_s,
         storeJsonDoc + u" of the joined store, plus \"collections\": [names created with it]; with several links\n"
         "also \"attempts\": [{\"address\", \"outcome\", \"elapsedMs\", \"message\"}] (--table: a table of them)."_s,
         {makeOption({u"address"_s}, u"The inviting daemon's store address (…/p2p/<peer>/thread/<id>)."_s, u"ADDR"_s),
          makeOption({u"link-file"_s}, u"Read the invitation link from FILE (\"-\": stdin) instead of the command line."_s, u"FILE"_s),
          makeOption({u"key-file"_s}, u"Read the store key (multibase text) for --address from FILE (\"-\": stdin)."_s, u"FILE"_s),
          makeOption({u"key"_s}, u"The store key (multibase text); visible to other users in the process list: prefer --key-file."_s, u"KEY"_s),
          makeOption({u"name"_s}, u"The store's name on this daemon (default: its name on the inviting daemon with --from-port, else \"unnamed\")."_s, u"NAME"_s),
          makeOption({u"block"_s}, u"Return only after the first pull of the store's data."_s),
          makeOption({u"new-log-key"_s}, u"Write to the store under a new log key: to join again after a join that failed part-way (\"log already exists\")."_s),
          makeOption({u"from-host"_s}, u"Host of the inviting daemon's API (default: --host)."_s, u"HOST"_s),
          makeOption({u"from-port"_s}, u"Port of the inviting daemon's API (default 6006)."_s, u"PORT"_s),
          makeOption({u"schema"_s}, u"A collection to create with the joined store; repeatable."_s, u"NAME=FILE"_s)},
         0, -1, storeJoin},
        {u"store"_s, u"delete"_s, u"STORE"_s, u"Delete a store from the daemon"_s,
         u"Deletes the store and all its data from this daemon (other daemons keep their copies)."_s,
         u"{\"id\", \"deleted\": true}"_s, {}, 1, 1, storeDelete},
    };
}

} // namespace loom::cli
