// instance create | save | verify | delete | has | get | find
#include "cli.h"
#include "command.h"
#include "input.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <climits>

using namespace Qt::StringLiterals;

namespace loom::cli {

namespace {

using Next = std::function<void(const StoreId &, const QString &)>;

// --store and --collection, both required.
void withCollection(Cli &cli, Next next)
{
    const auto collection = cli.requiredValue(u"collection"_s);
    if (!collection)
        return;
    cli.withStore([next = std::move(next), name = *collection](const StoreId &store) { next(store, name); });
}

std::optional<QList<Instance>> entitiesFromInput(Cli &cli)
{
    Problem problem;
    auto entities = input::gatherEntities(cli.args(), cli.values(u"file"_s), &problem);
    if (!entities)
        cli.failWith(problem.code, problem.message);
    else if (entities->isEmpty()) {
        cli.failWith(ExitRefused, u"no entities were given (an empty JSON array)"_s);
        return std::nullopt;
    }
    return entities;
}

// IDs from the arguments, or whitespace-separated on stdin when there are none.
QStringList idsFromInput(Cli &cli)
{
    if (!cli.args().isEmpty())
        return cli.args();
    return QString::fromUtf8(input::readStdin()).split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
}

void printIds(Cli &cli, const QString &field, const QStringList &ids, QJsonObject extra = {})
{
    if (cli.out().isTable()) {
        QList<QStringList> rows;
        for (const QString &id : ids)
            rows << QStringList{id};
        cli.out().table({u"ID"_s}, rows);
        return;
    }
    extra.insert(field, QJsonArray::fromStringList(ids));
    cli.out().json(extra);
}

// A legacy v0.1 daemon exits on a create without an "ID" attribute: new entities get "ID": ""
// (the daemon assigns one). Nothing changes on a v1 daemon.
QList<Instance> withLegacyIds(Cli &cli, QList<Instance> entities)
{
    if (cli.out().idField() == u"ID"_s)
        for (Instance &e : entities)
            if (!e.contains(u"ID"_s))
                e.insert(u"ID"_s, QString());
    return entities;
}

QStringList idsOf(const QList<Instance> &entities, const QString &idField)
{
    QStringList ids;
    for (const Instance &e : entities)
        ids << e.value(idField).toString();
    return ids;
}

// A bulk create that failed part way: the stored ids, the counts, and every batch with its input
// positions (0-based) and status. --table: the stored ids (the counts go to stderr with the error).
void printPartialCreate(Cli &cli, const BulkCreateResult &result)
{
    if (cli.out().isTable()) {
        QList<QStringList> rows;
        for (const QString &id : result.storedIds())
            rows << QStringList{id};
        cli.out().table({u"ID"_s}, rows);
        return;
    }
    QJsonArray batches;
    for (const BatchOutcome &b : result.batches)
        batches.append(QJsonObject{{u"first"_s, b.first}, {u"count"_s, b.count}, {u"status"_s, statusName(b.status)}});
    cli.out().json(QJsonObject{
        {u"ids"_s, QJsonArray::fromStringList(result.storedIds())},
        {u"complete"_s, false},
        {u"total"_s, result.total},
        {u"stored"_s, result.count(BatchOutcome::Stored)},
        {u"notStored"_s, result.count(BatchOutcome::NotStored)},
        {u"unknown"_s, result.count(BatchOutcome::Unknown)},
        {u"batches"_s, batches},
    });
}

void instanceCreate(Cli &cli)
{
    const auto entities = entitiesFromInput(cli);
    if (!entities)
        return;
    withCollection(cli, [&cli, entities = withLegacyIds(cli, *entities)](const StoreId &store, const QString &collection) {
        // Batches sized under what the daemon takes in one transaction, 4 in flight.
        auto *reply = cli.client().createEntities(store, collection, entities);
        reply->then(&cli, [&cli](Reply<BulkCreateResult> *r) {
            if (r->ok()) {
                printIds(cli, u"ids"_s, r->result().storedIds());
                cli.finish();
                return;
            }
            const BulkCreateResult &result = r->result();
            const qsizetype stored = result.count(BatchOutcome::Stored);
            const qsizetype unknown = result.count(BatchOutcome::Unknown);
            if (stored == 0 && unknown == 0)
                return cli.fail(r->error()); // nothing happened on the daemon
            // Partly done: say exactly what is stored, what is not, and what may be.
            printPartialCreate(cli, result);
            cli.fail(r->error(), u"%1 of %2 entities stored, %3 not stored, %4 unknown"_s
                                     .arg(stored).arg(result.total)
                                     .arg(result.count(BatchOutcome::NotStored)).arg(unknown));
            if (stored > 0)
                cli.overrideExitCode(ExitPartial);
        });
    });
}

void instanceSave(Cli &cli)
{
    const auto entities = entitiesFromInput(cli);
    if (!entities)
        return;
    withCollection(cli, [&cli, entities = *entities](const StoreId &store, const QString &collection) {
        cli.call(cli.client().save(store, collection, entities), [&cli, ids = idsOf(entities, cli.out().idField())](Done) {
            printIds(cli, u"saved"_s, ids);
            cli.finish();
        });
    });
}

void instanceVerify(Cli &cli)
{
    const auto entities = entitiesFromInput(cli);
    if (!entities)
        return;
    withCollection(cli, [&cli, entities = *entities](const StoreId &store, const QString &collection) {
        cli.call(cli.client().verify(store, collection, entities), [&cli, ids = idsOf(entities, cli.out().idField())](Done) {
            printIds(cli, u"verified"_s, ids, {{u"valid"_s, true}});
            cli.finish();
        });
    });
}

void instanceDelete(Cli &cli)
{
    const QStringList ids = idsFromInput(cli);
    if (ids.isEmpty())
        return cli.usageError(u"no entity ids were given (arguments or stdin)"_s);
    withCollection(cli, [&cli, ids](const StoreId &store, const QString &collection) {
        cli.call(cli.client().remove(store, collection, ids), [&cli, ids](Done) {
            printIds(cli, u"deleted"_s, ids);
            cli.finish();
        });
    });
}

void instanceHas(Cli &cli)
{
    const QStringList ids = idsFromInput(cli);
    if (ids.isEmpty())
        return cli.usageError(u"no entity ids were given (arguments or stdin)"_s);
    withCollection(cli, [&cli, ids](const StoreId &store, const QString &collection) {
        cli.call(cli.client().has(store, collection, ids), [&cli](bool exists) {
            if (cli.out().isTable())
                cli.out().keyValues({{u"exists"_s, exists ? u"yes"_s : u"no"_s}});
            else
                cli.out().json(QJsonObject{{u"exists"_s, exists}});
            cli.finish();
        });
    });
}

void instanceGet(Cli &cli)
{
    withCollection(cli, [&cli](const StoreId &store, const QString &collection) {
        cli.call(cli.client().findById(store, collection, cli.args().first()), [&cli](const Instance &entity) {
            if (cli.out().isTable()) {
                QList<QPair<QString, QString>> rows;
                for (auto it = entity.begin(); it != entity.end(); ++it)
                    rows.append({it.key(), Output::cell(it.value())});
                cli.out().keyValues(rows);
            } else {
                cli.out().json(entity);
            }
            cli.finish();
        });
    });
}

// --query (JSON text, @FILE or - for stdin), then --where, --sort/--desc, --limit, --skip, --seek,
// --index on top of it. std::nullopt after failing the command.
std::optional<Query> queryFromOptions(Cli &cli)
{
    Query query;
    Problem problem;
    if (cli.isSet(u"query"_s)) {
        const QString text = cli.value(u"query"_s);
        std::optional<QByteArray> json = text.toUtf8();
        if (text == u"-"_s || text.startsWith(u'@'))
            json = input::readFile(text == u"-"_s ? text : text.mid(1), &problem);
        if (!json) {
            cli.failWith(problem.code, problem.message);
            return std::nullopt;
        }
        QString why;
        const auto parsed = Query::fromJson(*json, &why);
        if (!parsed) {
            cli.failWith(ExitRefused, u"--query is not a valid query: "_s + why);
            return std::nullopt;
        }
        query = *parsed;
    }
    QList<Criterion> ands = query.ands();
    for (const QString &expression : cli.values(u"where"_s)) {
        const auto criterion = input::parseWhere(expression, &problem);
        if (!criterion) {
            cli.failWith(problem.code, problem.message);
            return std::nullopt;
        }
        ands << *criterion;
    }
    query.setAnds(ands);
    if (cli.isSet(u"sort"_s) || cli.isSet(u"desc"_s))
        query.orderBy(cli.isSet(u"sort"_s) ? cli.value(u"sort"_s) : cli.out().idField(), cli.isSet(u"desc"_s));
    const auto limit = cli.intValue(u"limit"_s, query.limit(), 0, INT_MAX);
    const auto skip = limit ? cli.intValue(u"skip"_s, query.skip(), 0, INT_MAX) : std::nullopt;
    if (!limit || !skip)
        return std::nullopt;
    query.withLimit(*limit).withSkip(*skip);
    if (cli.isSet(u"seek"_s))
        query.seekTo(cli.value(u"seek"_s));
    if (cli.isSet(u"index"_s))
        query.useIndex(cli.value(u"index"_s));
    const QString invalid = query.validate();
    if (!invalid.isEmpty()) {
        cli.failWith(ExitRefused, u"The query is not valid: "_s + invalid);
        return std::nullopt;
    }
    if (cli.verbose())
        for (const QString &warning : query.warnings())
            cli.warn(warning);
    return query;
}

void instanceFind(Cli &cli)
{
    const auto query = queryFromOptions(cli);
    if (!query)
        return;
    withCollection(cli, [&cli, query = *query](const StoreId &store, const QString &collection) {
        cli.call(cli.client().find(store, collection, query), [&cli](const QList<Instance> &found) {
            cli.out().entities(found);
            cli.finish();
        });
    });
}

QList<QCommandLineOption> entityOptions()
{
    return {storeOption(), collectionOption(),
            makeOption({u"f"_s, u"file"_s}, u"Read entities from FILE (\"-\" for stdin); repeatable."_s, u"FILE"_s)};
}

} // namespace

QList<Command> instanceCommands()
{
    const QString inputDoc =
        u"Entities are JSON objects, given as arguments, in files (-f), or on stdin when there are\n"
        "neither: one object, an array of objects, or one object per line (JSON lines)."_s;
    const QString idsDoc = u"IDs are arguments, or whitespace-separated on stdin when there are none."_s;
    return {
        {u"instance"_s, u"create"_s, u"[JSON...] -s STORE -c COLLECTION"_s, u"Create entities"_s,
         inputDoc + u"\nAn entity without \"_id\" gets a new one. More than 500 entities are sent in batches\n"
                    "(all or nothing within a batch; on an error, earlier batches stay created)."_s,
         u"{\"ids\": [new ids in input order]}; --table: ID. When it fails part way (exit 7; or the error's\n"
         "code when nothing was stored): {\"ids\": [ids of the stored entities], \"complete\": false, \"total\",\n"
         "\"stored\", \"notStored\", \"unknown\" (counts of entities; unknown: sent but not answered, may be\n"
         "stored), \"batches\": [{\"first\" (0-based input position), \"count\", \"status\": \"stored\" |\n"
         "\"not-stored\" | \"unknown\"}]}. Each batch is one daemon transaction: stored whole or not at all."_s,
         entityOptions(), 0, -1, instanceCreate},
        {u"instance"_s, u"save"_s, u"[JSON...] -s STORE -c COLLECTION"_s, u"Save (replace) entities"_s,
         inputDoc + u"\nEach entity needs its \"_id\". A save replaces the whole entity: fields left out (or\n"
                    "null) are removed. An entity that does not exist is created."_s,
         u"{\"saved\": [ids]}; --table: ID."_s, entityOptions(), 0, -1, instanceSave},
        {u"instance"_s, u"verify"_s, u"[JSON...] -s STORE -c COLLECTION"_s, u"Check entities without saving"_s,
         inputDoc + u"\nChecks entities against the schema and the write validator, as a save would, without\n"
                    "storing anything. Each entity needs its \"_id\". A failed check exits with status 4."_s,
         u"{\"valid\": true, \"verified\": [ids]}"_s, entityOptions(), 0, -1, instanceVerify},
        {u"instance"_s, u"delete"_s, u"[ID...] -s STORE -c COLLECTION"_s, u"Delete entities by id"_s,
         idsDoc + u" IDs that do not exist are not an error."_s, u"{\"deleted\": [ids]}; --table: ID."_s,
         {storeOption(), collectionOption()}, 0, -1, instanceDelete},
        {u"instance"_s, u"has"_s, u"[ID...] -s STORE -c COLLECTION"_s, u"Tell whether entities exist"_s,
         idsDoc + u" \"exists\" is true only when every id exists."_s, u"{\"exists\": true|false}"_s,
         {storeOption(), collectionOption()}, 0, -1, instanceHas},
        {u"instance"_s, u"get"_s, u"ID -s STORE -c COLLECTION"_s, u"Print one entity"_s,
         u"Prints the entity with this id; a missing id exits with status 3."_s,
         u"The entity's JSON object; --table: one field per line."_s,
         {storeOption(), collectionOption()}, 1, 1, instanceGet},
        {u"instance"_s, u"find"_s, u"-s STORE -c COLLECTION [query options]"_s, u"Find entities with a query"_s,
         u"Runs a query: --query in the daemon's JSON query language, e.g.\n"
         "  '{\"ands\":[{\"fieldPath\":\"age\",\"operation\":4,\"value\":{\"float\":18}}],\"limit\":50}'\n"
         "(operations 0 = 1 != 2 > 3 < 4 >= 5 <=), and/or --where filters that are ANDed to it:\n"
         "  --where 'age>=18' --where 'name=\"Ann Lee\"' --where active=true\n"
         "Operators = == != > < >= <=; values true/false, numbers, \"JSON strings\", else bare text.\n"
         "A sort on a field other than _id orders the returned page only (the daemon's rule). With\n"
         "no query every entity is returned. -v prints the query's warnings (e.g. truncated results)."_s,
         u"[entities]; --table: a column per field (_id first, _mod last)."_s,
         {storeOption(), collectionOption(),
          makeOption({u"query"_s}, u"A query in the daemon's JSON language: text, @FILE, or - (stdin)."_s, u"JSON"_s),
          makeOption({u"where"_s}, u"A filter FIELD OP VALUE, ANDed; repeatable."_s, u"EXPR"_s),
          makeOption({u"sort"_s}, u"Sort by this field path."_s, u"FIELD"_s),
          makeOption({u"desc"_s}, u"Sort in descending order (by _id without --sort)."_s),
          makeOption({u"limit"_s}, u"At most N entities (0: no limit)."_s, u"N"_s),
          makeOption({u"skip"_s}, u"Skip the first N matches (needs --limit)."_s, u"N"_s),
          makeOption({u"seek"_s}, u"Start at this entity id (in _id order)."_s, u"ID"_s),
          makeOption({u"index"_s}, u"Walk this index (every criterion must be on its path)."_s, u"PATH"_s)},
         0, 0, instanceFind},
    };
}

} // namespace loom::cli
