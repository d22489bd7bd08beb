// token, ping
#include "cli.h"
#include "command.h"
#include "input.h"

#include "identity.h"

#include <QElapsedTimer>
#include <QFile>

using namespace Qt::StringLiterals;

namespace loom::cli {

namespace {

// --identity FILE: a libp2p-marshalled Ed25519 private key or a 32-byte seed, raw or base64.
std::optional<Identity> loadIdentity(Cli &cli, const QString &path)
{
    Problem problem;
    const auto bytes = input::readFile(path, &problem);
    if (!bytes) {
        cli.failWith(problem.code, problem.message);
        return std::nullopt;
    }
    QString why;
    auto identity = Identity::fromFileContents(*bytes, &why);
    if (!identity)
        cli.failWith(ExitRefused, u"%1 is not an identity (an Ed25519 private key): %2"_s.arg(path, why));
    return identity;
}

bool saveIdentity(Cli &cli, const Identity &identity, const QString &path)
{
    QFile file(path);
    // Never overwrite, and readable by the owner only: the private key is a secret.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        cli.failWith(ExitUsage, u"cannot create %1: %2"_s.arg(path, file.errorString()));
        return false;
    }
    const QByteArray key = identity.privateKeyBytes();
    if (file.write(key) != key.size() || !file.flush()) {
        cli.failWith(ExitOther, u"cannot write %1: %2"_s.arg(path, file.errorString()));
        return false;
    }
    return true;
}

void token(Cli &cli)
{
    if (cli.isSet(u"identity"_s) && cli.isSet(u"save-identity"_s))
        return cli.usageError(u"--save-identity is for a new identity; leave out --identity"_s);
    std::optional<Identity> identity;
    if (cli.isSet(u"identity"_s)) {
        identity = loadIdentity(cli, cli.value(u"identity"_s));
        if (!identity)
            return;
    } else {
        identity = Identity::generate();
        if (cli.isSet(u"save-identity"_s) && !saveIdentity(cli, *identity, cli.value(u"save-identity"_s)))
            return;
    }
    cli.call(cli.client().getToken(*identity), [&cli, publicKey = identity->publicKeyText()](const QString &token) {
        if (cli.isSet(u"raw"_s))
            cli.out().line(token);
        else if (cli.out().isTable())
            cli.out().keyValues({{u"publicKey"_s, publicKey}, {u"token"_s, token}});
        else
            cli.out().json(QJsonObject{{u"publicKey"_s, publicKey}, {u"token"_s, token}});
        cli.finish();
    });
}

void ping(Cli &cli)
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    cli.call(cli.client().ping(), [&cli, timer](Done) {
        const qint64 elapsed = timer->elapsed();
        // Which API answers: "go-threads v1", "legacy v0.1" or unsupported (one more call).
        cli.client().detectGeneration()->then(&cli, [&cli, elapsed](Reply<ApiGeneration> *r) {
            const QString endpoint = cli.settings().endpoint();
            const QString generation = generationName(r->ok() ? r->result() : ApiGeneration::Unknown);
            if (cli.out().isTable())
                cli.out().keyValues({{u"endpoint"_s, endpoint}, {u"reachable"_s, u"yes"_s},
                                     {u"elapsedMs"_s, QString::number(elapsed)}, {u"generation"_s, generation}});
            else
                cli.out().json(QJsonObject{{u"endpoint"_s, endpoint}, {u"reachable"_s, true},
                                           {u"elapsedMs"_s, elapsed}, {u"generation"_s, generation}});
            cli.finish();
        });
    });
}

} // namespace

QList<Command> miscCommands()
{
    return {
        {u"token"_s, {}, u"[--identity FILE | --save-identity FILE] [--raw]"_s, u"Get an identity token from the daemon"_s,
         u"Proves an Ed25519 identity to the daemon (GetToken) and prints the token it issues; give it\n"
         "to later commands with --token or LOOM_TOKEN. The identity is new unless --identity names a\n"
         "private key file; --save-identity writes the new one (owner-only, never overwriting). The\n"
         "token is valid only on the daemon that issued it. Token and key are secrets."_s,
         u"{\"publicKey\", \"token\"}; --raw: the token alone."_s,
         {makeOption({u"identity"_s}, u"Use this identity (Ed25519 private key, raw or base64)."_s, u"FILE"_s),
          makeOption({u"save-identity"_s}, u"Save the new identity's private key to FILE."_s, u"FILE"_s),
          makeOption({u"raw"_s}, u"Print only the token."_s)},
         0, 0, token},
        {u"ping"_s, {}, {}, u"Tell whether a daemon answers"_s,
         u"Makes one cheap call, then asks which API answers. Exits 0 when a daemon answers (go-threads v1\n"
         "or legacy v0.1), 5 when nothing does."_s,
         u"{\"endpoint\", \"reachable\": true, \"elapsedMs\", \"generation\": \"go-threads v1\" | \"legacy v0.1\" | ...}"_s, {}, 0, 0, ping},
    };
}

} // namespace loom::cli
