#pragma once

#include <QCommandLineOption>
#include <QList>
#include <QString>

#include <functional>

namespace loom {
class InviteLink;
class ThreadsClient;
struct CollectionConfig;
struct StoreInfo;
class InviteLink;
} // namespace loom

namespace loom::cli {

class Cli;

// One subcommand: its words, its help and its options, and what it does. The run function starts
// the work and returns; the command ends when it calls Cli::finish() or one of the failure calls.
struct Command
{
    QString area;        // "store", "listen"
    QString verb;        // "new"; empty for one-word commands
    QString synopsis;    // the positional part of the usage line, e.g. "STORE [--show-key]"
    QString summary;     // one line, for the command list
    QString description; // paragraphs for --help (lines of at most ~95 characters)
    QString output;      // what is printed on stdout
    QList<QCommandLineOption> options;
    int minArgs = 0;
    int maxArgs = 0; // -1: any number
    std::function<void(Cli &)> run;

    QString name() const { return verb.isEmpty() ? area : area + u' ' + verb; }
};

QList<Command> storeCommands();      // storecommands.cpp
QList<Command> replicationCommands(); // replicationcommands.cpp: store replication, store sync
QList<Command> legacyStoreCommands(); // legacystorecommands.cpp: store open, start, forget
QList<Command> collectionCommands(); // collectioncommands.cpp
QList<Command> instanceCommands();   // instancecommands.cpp
Command listenCommand();             // listencommand.cpp
Command transactionCommand();        // transactioncommand.cpp
QList<Command> miscCommands();       // misccommands.cpp: token, ping

// Every command, in help order.
QList<Command> allCommands();

// Option helpers shared by the command files.
QCommandLineOption makeOption(const QStringList &names, const QString &description,
                              const QString &valueName = {});
QCommandLineOption storeOption();      // -s, --store STORE
QCommandLineOption collectionOption(); // -c, --collection NAME

// Helpers shared by the command files.
void printStore(Cli &cli, const loom::StoreInfo &store, bool withKey); // storecommands.cpp
// A join from several links (one per address of the inviting daemon): each tried in turn, what
// happened at each printed (replicationcommands.cpp).
void joinSeveral(Cli &cli, const QList<loom::InviteLink> &links, const QList<loom::CollectionConfig> &configs,
                 const QString &name);
// The store a link names, on the inviting daemon; a legacy link names the inviter's thread, so
// its store is looked up among the remembered ones (legacystorecommands.cpp).
void findInviterStore(Cli &cli, loom::ThreadsClient &inviter, const loom::InviteLink &link,
                      std::function<void(const loom::StoreInfo &)> next);
// Prints the schema checker's warnings (keywords the daemon drops, ...) on stderr.
void warnAboutSchema(Cli &cli, const loom::CollectionConfig &config);  // collectioncommands.cpp

} // namespace loom::cli
