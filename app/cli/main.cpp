// loom-cli: the command-line client for go-threads daemons, over the same core as the GUI.
#include "cliapp.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstdlib>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("loom-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LOOM_VERSION));
    const int code = loom::cli::CliApp(QCoreApplication::arguments()).run();
    // Leave without static destructors: gRPC's threads may still be completing calls cancelled on
    // the way out (the other batches of a failed bulk create, a stopped stream), and they decode
    // and build error texts with Qt. A normal exit destroys Qt's statics under them ("QMutex:
    // destroying locked mutex", or a crash). Everything loom-cli prints is written and flushed.
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(code);
}
