#pragma once

#include "exitcodes.h"

#include "query.h"
#include "types.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace loom::cli {

// Why input could not be used: the exit code (usage or refused) and one line for stderr.
struct Problem
{
    int code = ExitOk;
    QString message;
    explicit operator bool() const { return code != ExitOk; }
};

// Reading what the user gives loom-cli: JSON entities, schemas and collection configs, index
// specs, simple filters. Everything is parsed strictly and problems name their source
// ("stdin", "people.json", "argument 2", "line 3").
namespace input {

QByteArray readStdin();
// The whole file; "-" reads stdin. A file that cannot be read is a usage problem.
std::optional<QByteArray> readFile(const QString &path, Problem *problem);

// A JSON object, an array of objects, or one object per line (JSON lines).
std::optional<QList<Instance>> parseEntities(const QByteArray &text, const QString &source, Problem *problem);
// Entities from JSON arguments and -f files, in that order; stdin when there are neither.
std::optional<QList<Instance>> gatherEntities(const QStringList &jsonArgs, const QStringList &files,
                                              Problem *problem);

// A collection config read from a file: either a plain JSON schema, or a config object as
// `collection show` prints it ({"name", "schema", "indexes", "writeValidator", "readFilter"}).
struct ConfigFile
{
    CollectionConfig config; // name empty unless the file had one
    bool hasIndexes = false;
    bool hasWriteValidator = false;
    bool hasReadFilter = false;
};
std::optional<ConfigFile> parseConfig(const QByteArray &json, const QString &source, Problem *problem);
// "NAME=FILE" (--schema of store new/join): the file as above, named NAME.
std::optional<CollectionConfig> loadNamedConfig(const QString &spec, Problem *problem);

// "path" or "path:unique".
std::optional<IndexSpec> parseIndex(const QString &spec, Problem *problem);

// A simple filter such as 'age>=18', 'name=Ann', 'name="Ann Lee"', 'active=true', 'code="42"'.
// Operators: = == != > < >= <=. Values: true/false, numbers, "JSON strings", else the bare text.
std::optional<Criterion> parseWhere(const QString &expression, Problem *problem);

} // namespace input
} // namespace loom::cli
