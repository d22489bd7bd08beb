#include "helptext.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace loom::cli::help {

namespace {

QString optionNames(const QCommandLineOption &option)
{
    QStringList names;
    for (const QString &n : option.names())
        names << (n.size() == 1 ? u"-"_s + n : u"--"_s + n);
    QString text = names.join(u", "_s);
    if (!option.valueName().isEmpty())
        text += u' ' + option.valueName();
    return text;
}

// Word-wraps `text` to lines of at most `width` characters; lines after the first get `indent`.
QString wrap(const QString &text, qsizetype width, const QString &indent)
{
    QString out;
    qsizetype lineLength = 0;
    for (const QString &word : text.split(u' ', Qt::SkipEmptyParts)) {
        if (lineLength > 0 && lineLength + 1 + word.size() > width) {
            out += u'\n' + indent;
            lineLength = 0;
        } else if (lineLength > 0) {
            out += u' ';
            ++lineLength;
        }
        out += word;
        lineLength += word.size();
    }
    return out;
}

QString formatOptions(const QList<QCommandLineOption> &options, const QString &indent = u"  "_s)
{
    qsizetype width = 0;
    for (const QCommandLineOption &o : options)
        width = std::max(width, optionNames(o).size());
    width = std::min<qsizetype>(width, 28);
    QString text;
    for (const QCommandLineOption &o : options) {
        const QString names = optionNames(o);
        const QString column(indent.size() + width + 2, u' ');
        const QString description = wrap(o.description(), std::max<qsizetype>(40, 96 - column.size()), column);
        if (names.size() > width)
            text += indent + names + u'\n' + column + description + u'\n';
        else
            text += indent + names.leftJustified(width + 2) + description + u'\n';
    }
    return text;
}

// Wraps each line of `text` on its own (explicit line breaks stay).
QString wrapLines(const QString &text, qsizetype width, const QString &indent)
{
    QStringList lines = text.split(u'\n');
    for (QString &l : lines)
        l = wrap(l, width, indent);
    return lines.join(u'\n');
}

QString indented(const QString &text, const QString &indent)
{
    QStringList lines = text.split(u'\n');
    for (QString &l : lines)
        if (!l.isEmpty())
            l.prepend(indent);
    return lines.join(u'\n');
}

QString usageLine(const Command &c)
{
    return u"loom-cli "_s + c.name() + (c.synopsis.isEmpty() ? QString() : u' ' + c.synopsis) + u" [options]"_s;
}

QString commandList(const QList<Command> &commands)
{
    qsizetype width = 0;
    for (const Command &c : commands)
        width = std::max(width, c.name().size());
    QString text;
    for (const Command &c : commands)
        text += u"  "_s + c.name().leftJustified(width + 3) + c.summary + u'\n';
    return text;
}

const char16_t kIntro[] =
    u"loom-cli talks to a go-threads (ThreadDB) daemon, threadsd v1, over its gRPC API: stores\n"
    "(the daemon's DBs/threads), their collections (each with a JSON schema), the entities in them\n"
    "(the daemon's instances), changes as they happen, and identity tokens. It is made for scripts:\n"
    "results go to stdout as JSON, errors to stderr as one line, and the exit status tells the kind\n"
    "of failure apart.";

const char16_t kOutput[] =
    u"Results are printed on stdout as JSON with stable lower-camel field names (indented; one line\n"
    "with --compact; JSON lines for listen), or as an aligned table with --table. Store keys and\n"
    "tokens are printed only where asked for (store link, store info --show-key, token) and never\n"
    "on stderr. Errors are one line on stderr, \"loom-cli: <what went wrong>\"; -v adds a second\n"
    "line with the daemon's own text and the gRPC status. Secrets given on the command line are\n"
    "visible to every user of the machine (/proc/PID/cmdline): give invitation links and store keys\n"
    "with --link-file FILE / --key-file FILE (\"-\" reads stdin) and tokens with LOOM_TOKEN.";

const char16_t kEnvironment[] =
    u"  LOOM_HOST    the daemon's host when --host is not given (default 127.0.0.1)\n"
    "  LOOM_PORT    the daemon's API port when --port is not given (default 6006)\n"
    "  LOOM_TOKEN   the token when --token is not given (better than --token: command lines are\n"
    "               visible to other users of the machine)\n";

const char16_t kExamples[] =
    u"  id=$(loom-cli store new notes --compact | jq -r .id)\n"
    "  loom-cli collection new Note note-schema.json -s \"$id\" --index title:unique\n"
    "  echo '[{\"title\": \"a\"}, {\"title\": \"b\"}]' | loom-cli instance create -s \"$id\" -c Note\n"
    "  loom-cli instance find -s notes -c Note --where 'title>=b' --table\n"
    "  loom-cli store link notes | head -1 > link.txt     # a secret: keep the file private\n"
    "  loom-cli --port 6106 store join --link-file link.txt --from-port 6006\n"
    "  loom-cli listen -s notes --collection Note --action save\n";

} // namespace

QList<QCommandLineOption> globalOptions()
{
    return {
        makeOption({u"host"_s}, u"The daemon's host (default $LOOM_HOST or 127.0.0.1)."_s, u"HOST"_s),
        makeOption({u"port"_s}, u"The daemon's API port (default $LOOM_PORT or 6006)."_s, u"PORT"_s),
        makeOption({u"tls"_s}, u"Use TLS (for a daemon behind a TLS proxy)."_s),
        makeOption({u"ca"_s}, u"PEM file of the TLS roots to trust (implies --tls)."_s, u"FILE"_s),
        makeOption({u"token"_s}, u"Send this token (from `loom-cli token`; default $LOOM_TOKEN)."_s, u"TOKEN"_s),
        makeOption({u"deadline"_s}, u"Give up on each call after MS milliseconds (default 5000)."_s, u"MS"_s),
        makeOption({u"table"_s}, u"Print an aligned table instead of JSON."_s),
        makeOption({u"compact"_s}, u"Print JSON on one line."_s),
        makeOption({u"v"_s, u"verbose"_s}, u"Explain errors in detail (daemon text, gRPC status), and write each call to a daemon on stderr (\"loom-cli: call: ...\"; never keys, tokens or entity bodies)."_s),
        makeOption({u"h"_s, u"help"_s}, u"Show help (for the command, when one is given)."_s),
        makeOption({u"version"_s}, u"Print \"loom-cli <version>\"."_s),
    };
}

QString exitStatus()
{
    return u"  0  success (listen: also when stopped by SIGINT or SIGTERM)\n"
           "  1  another failure (the daemon answered something unexpected, I/O error, ...)\n"
           "  2  usage: unknown command or option, missing or malformed argument, unreadable file\n"
           "  3  not found: the store, collection or entity does not exist\n"
           "  4  refused by the daemon or invalid input: schema violation, bad schema, already exists,\n"
           "     bad query, denied by the write validator, bad token, invalid JSON or link, too large\n"
           "  5  unreachable: no daemon answers at the address (or the inviting peer of a join)\n"
           "  6  timeout: the call's deadline (--deadline) passed; a paused daemon ends so too\n"
           "  7  partly done: some entities were stored and others were not (or may not have been);\n"
           "     stdout lists exactly which (instance create)\n"_s;
}

QString overview(const QList<Command> &commands)
{
    QList<Command> listed = commands;
    Command manualEntry;
    manualEntry.area = u"manual"_s;
    manualEntry.summary = u"Print the whole manual, in man-page sections"_s;
    listed << manualEntry;
    return u"Usage: loom-cli <command> [options] [arguments]\n\n"_s + QString::fromUtf16(kIntro)
        + u"\n\nCommands:\n"_s + commandList(listed)
        + u"\nDaemon and output options (anywhere on the line):\n"_s + formatOptions(globalOptions())
        + u"\nOutput:\n"_s + indented(QString::fromUtf16(kOutput), u"  "_s)
        + u"\n\nExit status:\n"_s + exitStatus()
        + u"\nEnvironment:\n"_s + QString::fromUtf16(kEnvironment)
        + u"\n`loom-cli <command> --help` shows a command's options and output fields.\n"_s;
}

QString area(const QString &area, const QList<Command> &commands)
{
    QList<Command> mine;
    for (const Command &c : commands)
        if (c.area == area)
            mine << c;
    return u"Usage: loom-cli %1 <%2> [options] [arguments]\n\nCommands:\n"_s.arg(area, u"command"_s)
        + commandList(mine) + u"\n`loom-cli %1 <command> --help` shows a command's options.\n"_s.arg(area);
}

QString command(const Command &c)
{
    QList<QCommandLineOption> options = c.options;
    options << makeOption({u"h"_s, u"help"_s}, u"Show this help."_s);
    return u"Usage: "_s + usageLine(c) + u"\n\n"_s + c.summary + u".\n\n"_s + c.description + u"\n\nOptions:\n"_s
        + formatOptions(options) + u"\nOutput:\n"_s + indented(wrapLines(c.output, 94, QString()), u"  "_s)
        + u"\n\nThe daemon and output options (--host, --port, --tls, --ca, --token, --deadline, --table,\n"
          "--compact, -v) work with every command; `loom-cli --help` lists them and the exit status.\n"_s;
}

QString manual(const QList<Command> &commands)
{
    QString text = u"NAME\n  loom-cli - command-line client for go-threads (ThreadDB) daemons\n\n"_s
        u"SYNOPSIS\n  loom-cli <command> [options] [arguments]\n\n"_s
        u"DESCRIPTION\n"_s + indented(QString::fromUtf16(kIntro), u"  "_s) + u"\n\nCOMMANDS\n"_s;
    for (const Command &c : commands) {
        QList<QCommandLineOption> options = c.options;
        text += u"  "_s + usageLine(c) + u'\n' + indented(c.summary + u".\n"_s + c.description, u"      "_s) + u'\n';
        if (!options.isEmpty())
            text += u"      Options:\n"_s + formatOptions(options, u"        "_s);
        text += u"      Output: "_s + indented(wrapLines(c.output, 86, QString()), u"        "_s).trimmed() + u"\n\n"_s;
    }
    text += u"  loom-cli manual\n      Prints this manual.\n\n"_s;
    text += u"DAEMON AND OUTPUT OPTIONS\n"_s + formatOptions(globalOptions())
        + u"  Options may appear anywhere after the command words.\n\n"_s;
    text += u"OUTPUT\n"_s + indented(QString::fromUtf16(kOutput), u"  "_s) + u"\n\n"_s;
    text += u"EXIT STATUS\n"_s + exitStatus() + u'\n';
    text += u"ENVIRONMENT\n"_s + QString::fromUtf16(kEnvironment) + u'\n';
    text += u"EXAMPLES\n"_s + QString::fromUtf16(kExamples);
    return text;
}

} // namespace loom::cli::help
