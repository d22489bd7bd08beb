#pragma once

#include "calllog.h"
#include "exitcodes.h"
#include "output.h"

#include "reply.h"
#include "storeid.h"
#include "threadsclient.h"
#include "types.h"

#include <QCommandLineParser>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace loom::cli {

// What a running command works with: its parsed options and arguments, the connection to the
// daemon, the output, and the ways to end (finish with a code, or fail with one clear line).
// Everything runs on the event loop; replies are handled with call().
class Cli final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Cli)

public:
    Cli(const QCommandLineParser &parser, const QStringList &args, const ConnectionSettings &settings,
        const Output &output, bool verbose, QObject *parent = nullptr);
    ~Cli() override;

    // The command's options and its positional arguments (after the command words).
    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    QString value(const QString &name) const { return m_parser.value(name); }
    QStringList values(const QString &name) const { return m_parser.values(name); }
    const QStringList &args() const { return m_args; }
    bool verbose() const { return m_verbose; }

    const ConnectionSettings &settings() const { return m_settings; }
    ThreadsClient &client(); // created on first use
    // Another daemon (e.g. the inviting one of a join); owned by this object.
    ThreadsClient &otherClient(const ConnectionSettings &settings);
    Output &out() { return m_out; }

    // Ending. Only the first call counts; later ones are ignored.
    void finish(int code = ExitOk);
    // One line "loom-cli: <message>" (and the details with -v); the exit code follows the kind.
    void fail(const Error &error, const QString &context = {});
    void failWith(int code, const QString &message);
    void usageError(const QString &message) { failWith(ExitUsage, message); }
    bool isFinished() const { return m_finished; }
    // After finish()/fail(): exit with this code instead (e.g. ExitPartial after the error line).
    void overrideExitCode(int code);
    // Cancels what still runs on every client and waits (bounded) until gRPC is done with it.
    void shutdown();
    int exitCode() const { return m_exitCode; }

    // "loom-cli: warning: <message>" on stderr; the command goes on.
    void warn(const QString &message);

    // Runs onResult(result) when the reply succeeds; fails the command with its error otherwise.
    template <typename T, typename F>
    void call(Reply<T> *reply, F &&onResult, const QString &context = {})
    {
        reply->then(this, [this, context, f = std::forward<F>(onResult)](Reply<T> *r) mutable {
            if (m_finished)
                return;
            if (!r->ok()) {
                fail(r->error(), context);
                return;
            }
            f(r->takeResult());
        });
    }

    // The store named by --store: a store id, or the name of exactly one store on the daemon.
    void withStore(std::function<void(const StoreId &)> next);
    void resolveStore(const QString &text, std::function<void(const StoreId &)> next);
    // --collection, checked to be given.
    std::optional<QString> requiredValue(const QString &option);
    // An integer option within [min, max]; std::nullopt (after a usage error) when malformed,
    // `fallback` when not given.
    std::optional<int> intValue(const QString &option, int fallback, int min, int max);

private:
    const QCommandLineParser &m_parser;
    QStringList m_args;
    ConnectionSettings m_settings;
    Output m_out;
    bool m_verbose = false;
    std::unique_ptr<CallLog> m_callLog; // declared before the clients: it outlives them
    std::unique_ptr<ThreadsClient> m_client;
    std::vector<std::unique_ptr<ThreadsClient>> m_others;
    bool m_finished = false;
    int m_exitCode = ExitOk;
};

} // namespace loom::cli
