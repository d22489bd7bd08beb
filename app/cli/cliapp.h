#pragma once

#include "command.h"

#include "types.h"

#include <QCommandLineParser>
#include <QStringList>

#include <optional>

namespace loom::cli {

// Reads the command line, finds the command, prints help and version, builds the connection
// settings and the output, and runs the command on the event loop. Returns the exit status.
class CliApp
{
public:
    explicit CliApp(const QStringList &arguments);
    int run();

private:
    // The command words (e.g. "store", "new"): positional arguments before any other, skipping the
    // values of options that take one.
    QStringList commandWords() const;
    int runCommand(const Command &command, int wordCount);
    static std::optional<ConnectionSettings> connectionSettings(const QCommandLineParser &parser, QString *error);
    // "loom-cli: <message> (see <hint>)" on stderr; returns ExitUsage.
    static int usage(const QString &message, const QString &hint = {});

    QStringList m_arguments; // without the program name
    QList<Command> m_commands;
};

} // namespace loom::cli
