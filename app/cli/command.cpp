#include "command.h"

using namespace Qt::StringLiterals;

namespace loom::cli {

QList<Command> allCommands()
{
    QList<Command> all;
    all << storeCommands() << legacyStoreCommands() << replicationCommands() << collectionCommands()
        << instanceCommands();
    all << listenCommand() << transactionCommand();
    all << miscCommands();
    return all;
}

QCommandLineOption makeOption(const QStringList &names, const QString &description, const QString &valueName)
{
    QCommandLineOption option(names, description);
    if (!valueName.isEmpty())
        option.setValueName(valueName);
    return option;
}

QCommandLineOption storeOption()
{
    return makeOption({u"s"_s, u"store"_s}, u"The store: its id, or the name of exactly one store."_s, u"STORE"_s);
}

QCommandLineOption collectionOption()
{
    return makeOption({u"c"_s, u"collection"_s}, u"The collection's name."_s, u"NAME"_s);
}

} // namespace loom::cli
