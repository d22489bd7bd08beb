// loom: the GUI. Everything is built in Application (the composition root).
#include "application.h"
#include "icons/iconprovider.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Loom"));
    QCoreApplication::setApplicationName(QStringLiteral("loom"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LOOM_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Loom"));
    // The window and the desktop entry show the same icon (the entry names it by this id).
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.loom.Loom"));
    QGuiApplication::setWindowIcon(loom::icon(QStringLiteral("loom")));

    const loom::Application::Options options = loom::Application::parseCommandLine(QCoreApplication::arguments());
    loom::Application loomApp;
    loomApp.start(options);
    return app.exec();
}
