// loom-cli: the command-line client for go-threads daemons, over the same core as the GUI.
#include "cliapp.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("loom-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LOOM_VERSION));
    // run() shuts its clients down (ThreadsClient::shutdown): when it returns, no call or stream
    // runs on gRPC's threads any more, so the normal exit cannot destroy anything under them.
    return loom::cli::CliApp(QCoreApplication::arguments()).run();
}
