#include "cli.h"

#include "calllog.h"
#include "output.h"
#include "schemacheck.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace loom::cli {

Cli::Cli(const QCommandLineParser &parser, const QStringList &args, const ConnectionSettings &settings,
         const Output &output, bool verbose, QObject *parent)
    : QObject(parent)
    , m_parser(parser)
    , m_args(args)
    , m_settings(settings)
    , m_out(output)
    , m_verbose(verbose)
{
    // --verbose: every call to a daemon, one line on stderr as it ends (the GUI's call log, in
    // text; never keys, tokens or entity bodies).
    if (m_verbose) {
        m_callLog = std::make_unique<CallLog>();
        m_callLog->setSink([](const CallRecord &record) { Output::writeStderr(u"loom-cli: call: "_s + record.toLine()); });
    }
}

Cli::~Cli() = default;

ThreadsClient &Cli::client()
{
    if (!m_client) {
        m_client = std::make_unique<ThreadsClient>(m_settings);
        m_client->setCallLog(m_callLog.get());
    }
    return *m_client;
}

ThreadsClient &Cli::otherClient(const ConnectionSettings &settings)
{
    m_others.push_back(std::make_unique<ThreadsClient>(settings));
    m_others.back()->setCallLog(m_callLog.get());
    return *m_others.back();
}

void Cli::finish(int code)
{
    if (m_finished)
        return;
    m_finished = true;
    m_exitCode = code;
    // Ends exec() when it runs; CliApp::run() checks isFinished() for commands that end at once.
    QCoreApplication::exit(code);
}

void Cli::overrideExitCode(int code)
{
    m_exitCode = code;
    QCoreApplication::exit(code);
}

void Cli::shutdown()
{
    // Bounded: cancelled calls end at once; a client that does not is kept, not released under gRPC.
    constexpr int kWaitMs = 5000;
    if (m_client && !m_client->shutdown(kWaitMs))
        warn(u"calls to %1 did not end on time"_s.arg(m_settings.endpoint()));
    for (const auto &other : m_others)
        if (!other->shutdown(kWaitMs))
            warn(u"calls to %1 did not end on time"_s.arg(other->endpoint()));
}

void Cli::fail(const Error &error, const QString &context)
{
    if (m_finished)
        return;
    // The core's texts are scrubbed of keys and tokens (Error::scrubSecrets).
    const QString prefix = context.isEmpty() ? QString() : context + u": "_s;
    Output::writeStderr(u"loom-cli: "_s + prefix + error.message());
    if (m_verbose && error.details() != error.message())
        Output::writeStderr(u"loom-cli: details: "_s + error.details() + u" [kind "_s
                            + Error::kindName(error.kind()) + u']');
    finish(exitCodeFor(error.kind()));
}

void Cli::failWith(int code, const QString &message)
{
    if (m_finished)
        return;
    Output::writeStderr(u"loom-cli: "_s + Error::scrubSecrets(message));
    finish(code);
}

void Cli::warn(const QString &message)
{
    Output::writeStderr(u"loom-cli: warning: "_s + Error::scrubSecrets(message));
}

std::optional<QString> Cli::requiredValue(const QString &option)
{
    const QString v = value(option);
    if (v.isEmpty()) {
        usageError(u"missing --%1 (see --help)"_s.arg(option));
        return std::nullopt;
    }
    return v;
}

std::optional<int> Cli::intValue(const QString &option, int fallback, int min, int max)
{
    if (!isSet(option))
        return fallback;
    bool ok = false;
    const int v = value(option).toInt(&ok);
    if (!ok || v < min || v > max) {
        usageError(u"--%1 must be a whole number from %2 to %3, not \u201c%4\u201d"_s.arg(option).arg(min).arg(max).arg(value(option)));
        return std::nullopt;
    }
    return v;
}

void Cli::withStore(std::function<void(const StoreId &)> next)
{
    const auto text = requiredValue(u"store"_s);
    if (text)
        resolveStore(*text, std::move(next));
}

void Cli::resolveStore(const QString &text, std::function<void(const StoreId &)> next)
{
    QString why;
    if (const auto id = StoreId::fromString(text, &why)) {
        next(*id);
        return;
    }
    if (!schemacheck::isValidName(text)) {
        failWith(ExitRefused, u"\u201c%1\u201d is not a store id (%2), nor a store name"_s.arg(text, why));
        return;
    }
    // Not an id: the name of exactly one store on the daemon.
    call(client().listStores(), [this, text, next = std::move(next)](const QList<StoreInfo> &stores) {
        QList<StoreId> matches;
        for (const StoreInfo &s : stores)
            if (s.name == text)
                matches << s.id;
        if (matches.isEmpty())
            failWith(ExitNotFound, u"No store on %1 has the id or name \u201c%2\u201d."_s.arg(m_settings.endpoint(), text));
        else if (matches.size() > 1)
            usageError(u"%1 stores on %2 are named \u201c%3\u201d; give the store id instead."_s
                           .arg(matches.size()).arg(m_settings.endpoint(), text));
        else
            next(matches.first());
    });
}

} // namespace loom::cli
