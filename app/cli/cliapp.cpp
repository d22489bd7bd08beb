#include "cliapp.h"

#include "cli.h"
#include "helptext.h"

#include <QCoreApplication>
#include <QSet>

using namespace Qt::StringLiterals;

namespace loom::cli {

namespace {

void printOut(const QString &text)
{
    Output::writeStdout(text.toUtf8());
}

QStringList verbsOf(const QList<Command> &commands, const QString &area)
{
    QStringList verbs;
    for (const Command &c : commands)
        if (c.area == area)
            verbs << c.verb;
    return verbs;
}

} // namespace

CliApp::CliApp(const QStringList &arguments)
    : m_arguments(arguments.mid(1))
    , m_commands(allCommands())
{
}

int CliApp::usage(const QString &message, const QString &hint)
{
    Output::writeStderr(u"loom-cli: "_s + message + (hint.isEmpty() ? QString() : u" (see "_s + hint + u')'));
    return ExitUsage;
}

QStringList CliApp::commandWords() const
{
    QSet<QString> takesValue;
    auto collect = [&takesValue](const QList<QCommandLineOption> &options) {
        for (const QCommandLineOption &o : options)
            if (!o.valueName().isEmpty())
                for (const QString &n : o.names())
                    takesValue.insert(n);
    };
    collect(help::globalOptions());
    for (const Command &c : m_commands)
        collect(c.options);

    QStringList words;
    for (qsizetype i = 0; i < m_arguments.size() && words.size() < 3; ++i) {
        const QString &a = m_arguments[i];
        if (a == u"--"_s) {
            words += m_arguments.mid(i + 1, 3 - words.size());
            break;
        }
        if (!a.startsWith(u'-') || a.size() == 1) {
            words << a;
            continue;
        }
        if (a.contains(u'='))
            continue;
        if (a.startsWith(u"--"_s)) {
            if (takesValue.contains(a.mid(2)))
                ++i;
            continue;
        }
        // A cluster of short options ("-vs STORE"): a value option takes the rest or the next word.
        for (qsizetype k = 1; k < a.size(); ++k) {
            if (takesValue.contains(QString(a[k]))) {
                if (k + 1 == a.size())
                    ++i;
                break;
            }
        }
    }
    return words;
}

std::optional<ConnectionSettings> CliApp::connectionSettings(const QCommandLineParser &parser, QString *error)
{
    ConnectionSettings s;
    const QString host = parser.isSet(u"host"_s) ? parser.value(u"host"_s) : qEnvironmentVariable("LOOM_HOST");
    if (!host.trimmed().isEmpty())
        s.host = host.trimmed();
    const bool portOption = parser.isSet(u"port"_s);
    const QString port = portOption ? parser.value(u"port"_s) : qEnvironmentVariable("LOOM_PORT");
    if (!port.trimmed().isEmpty()) {
        bool ok = false;
        const uint number = port.trimmed().toUInt(&ok);
        if (!ok || number == 0 || number > 65535) {
            *error = u"%1 must be a port number from 1 to 65535, not \u201c%2\u201d"_s.arg(portOption ? u"--port"_s : u"LOOM_PORT"_s, port);
            return std::nullopt;
        }
        s.port = quint16(number);
    }
    s.tls = parser.isSet(u"tls"_s) || parser.isSet(u"ca"_s);
    if (parser.isSet(u"ca"_s)) {
        s.caFile = parser.value(u"ca"_s);
        // The core refuses such a file too (every call would fail with this); say it up front.
        if (const Error problem = readCaFile(s.caFile)) {
            *error = u"--ca: "_s + problem.message();
            return std::nullopt;
        }
    }
    s.token = (parser.isSet(u"token"_s) ? parser.value(u"token"_s) : qEnvironmentVariable("LOOM_TOKEN")).trimmed();
    if (parser.isSet(u"deadline"_s)) {
        bool ok = false;
        s.deadlineMs = parser.value(u"deadline"_s).toInt(&ok);
        if (!ok || s.deadlineMs <= 0) {
            *error = u"--deadline must be a positive number of milliseconds, not \u201c%1\u201d"_s.arg(parser.value(u"deadline"_s));
            return std::nullopt;
        }
    }
    s.name = s.endpoint();
    return s;
}

int CliApp::run()
{
    const QStringList words = commandWords();
    const bool wantsHelp = m_arguments.contains(u"-h"_s) || m_arguments.contains(u"--help"_s);
    if (words.isEmpty()) {
        if (m_arguments.contains(u"--version"_s)) {
            printOut(u"loom-cli " LOOM_VERSION "\n"_s);
            return ExitOk;
        }
        if (wantsHelp) {
            printOut(help::overview(m_commands));
            return ExitOk;
        }
        return usage(u"no command given"_s, u"loom-cli --help"_s);
    }
    if (words.first() == u"manual"_s) {
        printOut(help::manual(m_commands));
        return ExitOk;
    }
    const bool helpWord = words.first() == u"help"_s;
    const QStringList target = helpWord ? words.mid(1) : words;
    if (helpWord && target.isEmpty()) {
        printOut(help::overview(m_commands));
        return ExitOk;
    }
    const QStringList verbs = verbsOf(m_commands, target.first());
    if (verbs.isEmpty())
        return usage(u"unknown command \u201c%1\u201d"_s.arg(target.first()), u"loom-cli --help"_s);
    const bool oneWord = verbs.size() == 1 && verbs.first().isEmpty();
    if (!oneWord && (target.size() < 2 || !verbs.contains(target[1]))) {
        if (target.size() < 2 && (wantsHelp || helpWord)) {
            printOut(help::area(target.first(), m_commands));
            return ExitOk;
        }
        const QString what = target.size() < 2 ? u"\u201c%1\u201d needs a command"_s.arg(target.first())
                                                : u"unknown command \u201c%1 %2\u201d"_s.arg(target.first(), target[1]);
        return usage(u"%1; the %2 commands are %3"_s.arg(what, target.first(), verbs.join(u", "_s)),
                     u"loom-cli %1 --help"_s.arg(target.first()));
    }
    const QString verb = oneWord ? QString() : target[1];
    for (const Command &c : std::as_const(m_commands)) {
        if (c.area == target.first() && c.verb == verb) {
            if (helpWord) {
                printOut(help::command(c));
                return ExitOk;
            }
            return runCommand(c, oneWord ? 1 : 2);
        }
    }
    return ExitOther; // not reached: the verb was found above
}

int CliApp::runCommand(const Command &command, int wordCount)
{
    QCommandLineParser parser;
    parser.addOptions(help::globalOptions());
    parser.addOptions(command.options);
    const QString hint = u"loom-cli %1 --help"_s.arg(command.name());
    if (!parser.parse(QStringList{u"loom-cli"_s} + m_arguments))
        return usage(parser.errorText(), hint);
    if (parser.isSet(u"help"_s)) {
        printOut(help::command(command));
        return ExitOk;
    }
    if (parser.isSet(u"version"_s)) {
        printOut(u"loom-cli " LOOM_VERSION "\n"_s);
        return ExitOk;
    }
    const QStringList args = parser.positionalArguments().mid(wordCount);
    if (args.size() < command.minArgs)
        return usage(u"%1 needs %2"_s.arg(command.name(), command.synopsis), hint);
    if (command.maxArgs >= 0 && args.size() > command.maxArgs)
        return usage(u"unexpected argument \u201c%1\u201d"_s.arg(args.value(command.maxArgs)), hint);
    QString error;
    const auto settings = connectionSettings(parser, &error);
    if (!settings)
        return usage(error, hint);
    const Output output(parser.isSet(u"table"_s) ? Output::Table : Output::Json, parser.isSet(u"compact"_s));

    Cli cli(parser, args, *settings, output, parser.isSet(u"verbose"_s));
    // The daemon's API generation first (go-threads v1 or legacy v0.1): every command then speaks
    // it, and entity ids are in its field ("_id" or "ID"). Commands that need no daemon skip it.
    const bool offline = command.area == u"collection"_s && command.verb == u"infer"_s;
    if (offline || command.area == u"ping"_s) {
        command.run(cli);
    } else {
        cli.call(cli.client().detectGeneration(), [&cli, &command](ApiGeneration generation) {
            if (generation == ApiGeneration::Unsupported)
                return cli.failWith(ExitRefused, u"the daemon at %1 speaks an API loom-cli does not support (%2); "
                                                 "loom-cli works with go-threads v1 and legacy v0.1 (v0.1.3–v0.1.10) daemons"_s
                                                     .arg(cli.settings().endpoint(), generationName(generation)));
            cli.out().setIdField(cli.client().idField());
            command.run(cli);
        });
    }
    // A command that failed at once (bad input) is finished already; others end on the event loop.
    if (!cli.isFinished())
        QCoreApplication::exec();
    cli.shutdown();
    return cli.exitCode();
}

} // namespace loom::cli
