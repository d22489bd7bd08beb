#pragma once

#include "types.h"

#include <QObject>
#include <QStringList>

#include <memory>
#include <optional>

class QSettings;

namespace loom {

class ActivityTracker;
class ConnectionManager;
class CallLog;
class SecretStore;
class MainWindow;

// The composition root of the GUI: settings → activity tracker → connections → main window, in
// that order, torn down in reverse. Reads the command line (a connection to open directly).
class Application final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Application)

public:
    struct Options
    {
        std::optional<ConnectionSettings> connection; // from --host/--port/...
        QString screenshot;                           // hidden: save a picture of the window and quit
    };

    Application();
    ~Application() override;

    // Parses the application's arguments; exits for --help, --version and bad options.
    static Options parseCommandLine(const QStringList &arguments);
    // Builds the window and shows it.
    void start(const Options &options);

private:
    void takeScreenshot(const QString &path);
    void installEntityBrowser(); // collection tabs are entity browsers (ui/browser)
    void installCallLog();       // the "Call log" dock
    void offerDrafts();          // unsaved edits of a previous session (a crash, a kill)

    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ActivityTracker> m_tracker;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<CallLog> m_callLog; // outlives the connections, whose clients write to it
    std::unique_ptr<ConnectionManager> m_connections;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace loom
