// collection new | list | show | indexes | update | delete
#include "cli.h"
#include "command.h"
#include "input.h"

#include "entitytext.h"
#include "schemacheck.h"
#include "schemainfer.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace loom::cli {

void warnAboutSchema(Cli &cli, const CollectionConfig &config)
{
    // Errors are refused by the core with a clear message; warnings are things the daemon would
    // silently drop or that make later writes fail.
    QList<QPair<QString, bool>> indexes;
    for (const IndexSpec &i : config.indexes)
        indexes.append({i.path, i.unique});
    auto problems = schemacheck::checkSchema(config.schema);
    problems += schemacheck::checkIndexes(config.schema, indexes);
    if (schemacheck::hasErrors(problems))
        return; // the command fails with the first error, on one line
    for (const schemacheck::Problem &p : std::as_const(problems))
        if (p.severity == schemacheck::Problem::Warning)
            cli.warn(u"schema of \u201c%1\u201d: %2"_s.arg(config.name, schemacheck::toString(p)));
}

namespace {

void printCollection(Cli &cli, const CollectionConfig &config)
{
    if (!cli.out().isTable()) {
        cli.out().json(Output::collectionJson(config));
        return;
    }
    cli.out().keyValues({{u"name"_s, config.name},
                         {u"indexes"_s, Output::indexesText(config.indexes)},
                         {u"writeValidator"_s, config.writeValidator.simplified()},
                         {u"readFilter"_s, config.readFilter.simplified()},
                         {u"schema"_s, QString::fromUtf8(config.schema)}});
}

// NAME [FILE] plus --index, --write-validator, --read-filter (and --no-indexes for update).
std::optional<input::ConfigFile> configFromCommandLine(Cli &cli, bool update)
{
    Problem problem;
    const QString path = cli.args().value(1, u"-"_s);
    const auto text = input::readFile(path, &problem);
    std::optional<input::ConfigFile> file;
    if (text)
        file = input::parseConfig(*text, path == u"-"_s ? u"stdin"_s : path, &problem);
    if (!file) {
        cli.failWith(problem.code, problem.message);
        return std::nullopt;
    }
    file->config.name = cli.args().first();
    if (cli.isSet(u"index"_s) || (update && cli.isSet(u"no-indexes"_s))) {
        file->hasIndexes = true;
        file->config.indexes.clear();
        for (const QString &spec : cli.values(u"index"_s)) {
            const auto index = input::parseIndex(spec, &problem);
            if (!index) {
                cli.failWith(problem.code, problem.message);
                return std::nullopt;
            }
            file->config.indexes << *index;
        }
    }
    const std::pair<QString, QString CollectionConfig::*> hooks[] = {
        {u"write-validator"_s, &CollectionConfig::writeValidator},
        {u"read-filter"_s, &CollectionConfig::readFilter},
    };
    for (const auto &[option, member] : hooks) {
        if (!cli.isSet(option))
            continue;
        const auto body = input::readFile(cli.value(option), &problem);
        if (!body) {
            cli.failWith(problem.code, problem.message);
            return std::nullopt;
        }
        file->config.*member = QString::fromUtf8(*body).trimmed();
        (option == u"write-validator"_s ? file->hasWriteValidator : file->hasReadFilter) = true;
    }
    return file;
}

void showStored(Cli &cli, const StoreId &store, const QString &name)
{
    cli.call(cli.client().collectionInfo(store, name), [&cli](const CollectionConfig &config) {
        printCollection(cli, config);
        cli.finish();
    });
}

void collectionNew(Cli &cli)
{
    auto file = configFromCommandLine(cli, false);
    if (!file)
        return;
    warnAboutSchema(cli, file->config);
    cli.withStore([&cli, config = file->config](const StoreId &store) {
        cli.call(cli.client().newCollection(store, config), [&cli, store, name = config.name](Done) {
            showStored(cli, store, name);
        });
    });
}

void collectionUpdate(Cli &cli)
{
    auto file = configFromCommandLine(cli, true);
    if (!file)
        return;
    cli.withStore([&cli, file = *file](const StoreId &store) {
        // What is not given is kept: read the current config first.
        cli.call(cli.client().collectionInfo(store, file.config.name), [&cli, store, file](const CollectionConfig &current) {
            CollectionConfig config = file.config;
            if (!file.hasIndexes)
                config.indexes = current.indexes;
            if (!file.hasWriteValidator)
                config.writeValidator = current.writeValidator;
            if (!file.hasReadFilter)
                config.readFilter = current.readFilter;
            warnAboutSchema(cli, config);
            cli.call(cli.client().updateCollection(store, config), [&cli, store, name = config.name](Done) {
                showStored(cli, store, name);
            });
        });
    });
}

void collectionList(Cli &cli)
{
    cli.withStore([&cli](const StoreId &store) {
        cli.call(cli.client().listCollections(store), [&cli](const QList<CollectionConfig> &configs) {
            if (cli.out().isTable()) {
                QList<QStringList> rows;
                for (const CollectionConfig &c : configs)
                    rows << QStringList{c.name, Output::indexesText(c.indexes),
                                        c.writeValidator.isEmpty() ? u"no"_s : u"yes"_s,
                                        c.readFilter.isEmpty() ? u"no"_s : u"yes"_s};
                cli.out().table({u"NAME"_s, u"INDEXES"_s, u"WRITE-VALIDATOR"_s, u"READ-FILTER"_s}, rows);
            } else {
                QJsonArray array;
                for (const CollectionConfig &c : configs)
                    array.append(Output::collectionJson(c));
                cli.out().json(array);
            }
            cli.finish();
        });
    });
}

void collectionShow(Cli &cli)
{
    cli.withStore([&cli](const StoreId &store) {
        cli.call(cli.client().collectionInfo(store, cli.args().first()), [&cli](const CollectionConfig &config) {
            if (cli.isSet(u"schema-only"_s)) {
                const QJsonDocument doc = QJsonDocument::fromJson(config.schema);
                cli.out().json(doc.object());
            } else {
                printCollection(cli, config);
            }
            cli.finish();
        });
    });
}

void collectionIndexes(Cli &cli)
{
    cli.withStore([&cli](const StoreId &store) {
        cli.call(cli.client().collectionIndexes(store, cli.args().first()), [&cli](const QList<IndexSpec> &indexes) {
            if (cli.out().isTable()) {
                QList<QStringList> rows;
                for (const IndexSpec &i : indexes)
                    rows << QStringList{i.path, i.unique ? u"yes"_s : u"no"_s};
                cli.out().table({u"PATH"_s, u"UNIQUE"_s}, rows);
            } else {
                cli.out().json(Output::indexesJson(indexes));
            }
            cli.finish();
        });
    });
}

// Offline: reads example entities and prints the schema proposed for them; the notes on stderr.
void collectionInfer(Cli &cli)
{
    QStringList files = cli.args();
    if (files.isEmpty())
        files << u"-"_s;
    QList<QJsonObject> samples;
    for (const QString &path : std::as_const(files)) {
        Problem problem;
        const auto text = input::readFile(path, &problem);
        if (!text) {
            cli.failWith(problem.code, problem.message);
            return;
        }
        QString why;
        const auto some = parseEntityText(*text, &why);
        if (!some) {
            cli.failWith(ExitRefused, u"%1: %2"_s.arg(path == u"-"_s ? u"stdin"_s : path, why));
            return;
        }
        samples += *some;
    }
    if (samples.isEmpty()) {
        cli.failWith(ExitRefused, u"no example entities were given"_s);
        return;
    }
    // A legacy v0.1 daemon names the id "ID" (there is no daemon to ask: say it with --legacy).
    const InferredSchema inferred = inferSchema(samples, cli.isSet(u"legacy"_s) ? u"ID"_s : u"_id"_s);
    for (const QString &note : inferred.notes)
        Output::writeStderr(u"loom-cli: note: "_s + note);
    cli.out().json(inferred.schema);
    cli.finish();
}

void collectionDelete(Cli &cli)
{
    cli.withStore([&cli](const StoreId &store) {
        const QString name = cli.args().first();
        cli.call(cli.client().deleteCollection(store, name), [&cli, name](Done) {
            if (cli.out().isTable())
                cli.out().keyValues({{u"deleted"_s, name}});
            else
                cli.out().json(QJsonObject{{u"name"_s, name}, {u"deleted"_s, true}});
            cli.finish();
        });
    });
}

QList<QCommandLineOption> configOptions(bool update)
{
    QList<QCommandLineOption> options{
        storeOption(),
        makeOption({u"index"_s}, u"A secondary index on a field path; \":unique\" makes it unique. Repeatable."_s,
                   u"PATH[:unique]"_s),
        makeOption({u"write-validator"_s}, u"A JavaScript function body that accepts writes (returns true)."_s, u"FILE"_s),
        makeOption({u"read-filter"_s}, u"A JavaScript function body that filters reads."_s, u"FILE"_s)};
    if (update)
        options << makeOption({u"no-indexes"_s}, u"Drop every secondary index."_s);
    return options;
}

} // namespace

QList<Command> collectionCommands()
{
    const QString configDoc = u"{\"name\", \"schema\": {...}, \"indexes\": [{\"path\", \"unique\"}], "
                              "\"writeValidator\", \"readFilter\"}"_s;
    const QString fileDoc =
        u"FILE (or stdin when absent or \"-\") holds a JSON schema (draft-04; it must declare \"_id\" as a\n"
        "string), or a whole config as `collection show` prints it. Options win over the file's config."_s;
    return {
        {u"collection"_s, u"new"_s, u"NAME [FILE] --store STORE"_s, u"Create a collection from a JSON schema"_s,
         u"Creates collection NAME in the store.\n"_s + fileDoc
             + u"\nThe schema is checked first; what the daemon would drop silently is reported as a warning."_s,
         configDoc + u" as stored (the daemon re-serialises the schema)."_s,
         configOptions(false), 1, 2, collectionNew},
        {u"collection"_s, u"list"_s, u"--store STORE"_s, u"List a store's collections"_s,
         u"Lists the store's collections with their full configs, by name."_s,
         u"["_s + configDoc + u", ...]; --table: NAME, INDEXES, WRITE-VALIDATOR, READ-FILTER."_s,
         {storeOption()}, 0, 0, collectionList},
        {u"collection"_s, u"show"_s, u"NAME --store STORE"_s, u"Show a collection's schema and config"_s,
         u"Shows the collection's config; its output can be given back to `collection new|update`."_s,
         configDoc + u"; with --schema-only just the schema."_s,
         {storeOption(), makeOption({u"schema-only"_s}, u"Print only the JSON schema."_s)}, 1, 1, collectionShow},
        {u"collection"_s, u"indexes"_s, u"NAME --store STORE"_s, u"List a collection's secondary indexes"_s,
         u"Lists the collection's secondary indexes (the _id index is implicit and never listed)."_s,
         u"[{\"path\", \"unique\"}, ...]"_s, {storeOption()}, 1, 1, collectionIndexes},
        {u"collection"_s, u"update"_s, u"NAME [FILE] --store STORE"_s, u"Change a collection's schema or config"_s,
         u"Replaces the schema of collection NAME.\n"_s + fileDoc
             + u"\nIndexes, write validator and read filter that are not given (by option or in a config\n"
               "file) are kept. --no-indexes drops every index; a hook FILE that is empty (/dev/null)\n"
               "removes the hook. Existing entities are not re-validated, and a new index covers only\n"
               "entities written after it (the daemon's behaviour)."_s,
         configDoc + u" as stored."_s, configOptions(true), 1, 2, collectionUpdate},
        {u"collection"_s, u"infer"_s, u"[FILE ...]"_s, u"Propose a JSON schema from example entities"_s,
         u"Reads example entities from the FILEs (or stdin when none is given, or \"-\"): in each, one\n"
         "JSON object, an array of objects, or one object per line (JSON lines, e.g. `instance find`\n"
         "output). Prints a JSON schema every example validates against, in the daemon's dialect\n"
         "(draft-04): types (integer when every number is whole), required fields (those in every\n"
         "example), nested objects, arrays' items, formats (date-time, email, uri) when every example\n"
         "has one, anyOf for mixed or sometimes-null fields. What it decided is told on stderr as\n"
         "notes. Needs no daemon; give its output to `collection new NAME FILE`. With --legacy the\n"
         "id field is \"ID\" (a legacy v0.1 daemon's models) instead of \"_id\"."_s,
         u"The JSON schema."_s,
         {makeOption({u"legacy"_s}, u"For a legacy v0.1 daemon: the id field is \"ID\"."_s)}, 0, -1, collectionInfer},
        {u"collection"_s, u"delete"_s, u"NAME --store STORE"_s, u"Delete a collection's definition"_s,
         u"Deletes the collection's definition (schema, indexes, hooks). The daemon keeps the entities'\n"
         "data: a collection created later under the same name shows them again."_s,
         u"{\"name\", \"deleted\": true}"_s, {storeOption()}, 1, 1, collectionDelete},
    };
}

} // namespace loom::cli
