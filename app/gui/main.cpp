// loom: the GUI. Everything is built in Application (the composition root).
#include "application.h"
#include "icons/iconprovider.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QTimer>
#include <QWindow>

#include <cstdio>

namespace {

// LOOM_STARTUP_PROBE=1 (for scripts/compare.sh): print the milliseconds from main() to the first
// window shown and painted, as "first_window_ms=N", and quit.
class StartupProbe : public QObject
{
public:
    explicit StartupProbe(const QElapsedTimer &clock) : m_clock(clock) {}

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        auto *window = qobject_cast<QWindow *>(watched);
        if (event->type() == QEvent::Expose && window && !m_done) {
            m_done = true;
            // After the expose is handled (the widgets paint it), not before.
            QTimer::singleShot(0, qApp, [this] {
                std::printf("first_window_ms=%.1f\n", double(m_clock.nsecsElapsed()) / 1e6);
                std::fflush(stdout);
                QCoreApplication::quit();
            });
        }
        return false;
    }

private:
    const QElapsedTimer &m_clock;
    bool m_done = false;
};

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer clock;
    clock.start();
    QApplication app(argc, argv);
    StartupProbe probe(clock);
    if (qEnvironmentVariableIsSet("LOOM_STARTUP_PROBE"))
        app.installEventFilter(&probe);
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
