#pragma once

#include "command.h"

#include <QCommandLineOption>
#include <QList>
#include <QString>

// loom-cli's help: the overview (`loom-cli --help`), an area's commands (`loom-cli store --help`),
// one command (`loom-cli store new --help`) and the whole manual (`loom-cli manual`), a plain text
// in man-page sections that help2man or a packager can turn into loom-cli(1).
namespace loom::cli::help {

// The daemon and output options every command takes.
QList<QCommandLineOption> globalOptions();

QString overview(const QList<Command> &commands);
QString area(const QString &area, const QList<Command> &commands);
QString command(const Command &command);
QString manual(const QList<Command> &commands);
QString exitStatus();

} // namespace loom::cli::help
