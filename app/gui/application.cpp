#include "application.h"

#include "session/activitytracker.h"
#include "session/connection.h"
#include "session/connectionmanager.h"
#include "session/secretstore.h"
#include "widgets/calllogwidget.h"
#include "calllog.h"
#include "mainwindow.h"
#include "widgets/collectiontabwidget.h"
#include "widgets/connectiontreewidget.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSettings>
#include <QTimer>

#include "browser/browsertabs.h"
#include "browser/entitybrowserwidget.h"
#include "browser/widgets/eventlogwidget.h"

#include <QDockWidget>

#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

[[noreturn]] void fail(const QString &message)
{
    std::fprintf(stderr, "loom: %s\n", qPrintable(message));
    std::exit(2);
}

} // namespace

Application::Application()
    : m_settings(std::make_unique<QSettings>())
    , m_tracker(std::make_unique<ActivityTracker>())
    , m_secrets(std::make_unique<SecretStore>())
    , m_callLog(std::make_unique<CallLog>())
    , m_connections(std::make_unique<ConnectionManager>(m_settings.get(), m_secrets.get()))
{
    m_connections->setCallLog(m_callLog.get());
}

Application::~Application()
{
    m_window.reset();
    m_connections.reset(); // its clients write to the call log until they are gone
    m_callLog.reset();
    m_secrets.reset();
    m_tracker.reset();
    m_settings.reset();
}

Application::Options Application::parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Loom: a desktop browser and editor for ThreadDB (go-threads) daemons.\n"
                                            "Without options it opens the saved connections; with --host or --port "
                                            "it also opens a connection to that daemon (not saved)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption host(u"host"_s, QCoreApplication::translate("main", "Daemon host (default 127.0.0.1)."),
                                  u"host"_s);
    const QCommandLineOption port(u"port"_s, QCoreApplication::translate("main", "Daemon API port (default 6006)."),
                                  u"port"_s);
    const QCommandLineOption tls(u"tls"_s, QCoreApplication::translate("main", "Connect with TLS."));
    const QCommandLineOption ca(u"ca"_s,
                                QCoreApplication::translate("main", "PEM file of the CAs to trust with TLS (implies --tls)."),
                                u"file"_s);
    const QCommandLineOption token(u"token"_s,
                                   QCoreApplication::translate("main", "Token sent with every call (never saved)."),
                                   u"token"_s);
    const QCommandLineOption deadline(u"deadline"_s,
                                      QCoreApplication::translate("main", "Seconds one call may take (default 5)."),
                                      u"seconds"_s);
    const QCommandLineOption name(u"name"_s, QCoreApplication::translate("main", "Name of the connection."), u"name"_s);
    QCommandLineOption screenshot(u"screenshot"_s, u"Save a picture of the main window to <file> and quit."_s,
                                  u"file"_s);
    screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({host, port, tls, ca, token, deadline, name, screenshot});
    parser.process(arguments);

    Options options;
    options.screenshot = parser.value(screenshot);
    if (!parser.isSet(host) && !parser.isSet(port) && !parser.isSet(tls) && !parser.isSet(ca)
        && !parser.isSet(token) && !parser.isSet(deadline) && !parser.isSet(name))
        return options;
    ConnectionSettings s;
    if (parser.isSet(host)) {
        s.host = parser.value(host).trimmed();
        if (s.host.isEmpty() || s.host.contains(u' '))
            fail(u"--host: not a host name or address: \"%1\""_s.arg(parser.value(host)));
    }
    if (parser.isSet(port)) {
        bool ok = false;
        const uint p = parser.value(port).toUInt(&ok);
        if (!ok || p == 0 || p > 65535)
            fail(u"--port: not a port number (1-65535): \"%1\""_s.arg(parser.value(port)));
        s.port = quint16(p);
    }
    s.tls = parser.isSet(tls) || parser.isSet(ca);
    s.caFile = parser.value(ca);
    s.token = parser.value(token);
    if (parser.isSet(deadline)) {
        bool ok = false;
        const double seconds = parser.value(deadline).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 3600)
            fail(u"--deadline: not a number of seconds (0-3600): \"%1\""_s.arg(parser.value(deadline)));
        s.deadlineMs = int(seconds * 1000);
    }
    s.name = parser.value(name);
    options.connection = s;
    return options;
}

// The call log: a dock under the tabs (issue 16 item 1).
void Application::installCallLog()
{
    auto *dock = new QDockWidget(tr("Call log"), m_window.get());
    dock->setObjectName(u"callLogDock"_s);
    dock->setWidget(new CallLogWidget(m_callLog.get(), dock));
    // Wide (seven columns) and not needed all the time: under the tabs, hidden until View › Call log
    // (the browser keeps its rows by default); the person's layout is remembered.
    m_window->addDock(dock, Qt::BottomDockWidgetArea);
    dock->hide();
}

// Collection tabs are entity browsers; their live changes go to an event log dock; a tab with
// unsaved edits asks before it closes, and its title shows '*' while anything is unsaved.
void Application::installEntityBrowser()
{
    auto *dock = new QDockWidget(tr("Live changes"), m_window.get());
    dock->setObjectName(u"eventLogDock"_s);
    auto *log = new EventLogWidget(dock);
    dock->setWidget(log);
    m_window->addDock(dock, Qt::LeftDockWidgetArea); // under the connections: rows keep the height
    CollectionTabWidget *tabs = m_window->collectionTabs();
    connect(log, &EventLogWidget::entityActivated, this, [tabs](const QString &collection, const QString &id) {
        if (auto *browser = qobject_cast<EntityBrowserWidget *>(tabs->tabs()->currentWidget());
            browser && browser->collection() == collection)
            browser->goToId(id);
    });
    m_window->setCollectionTabFactory(entityBrowserTabs(tabs, m_tracker.get(), log));
}

void Application::start(const Options &options)
{
    m_connections->load();
    m_window = std::make_unique<MainWindow>(m_connections.get(), m_tracker.get(), m_settings.get());
    installEntityBrowser();
    installCallLog();
    m_window->restoreLayout();
    if (options.connection) {
        // A saved connection to the same daemon is reused rather than doubled.
        Connection *open = nullptr;
        for (Connection *c : m_connections->connections())
            if (c->settings() == *options.connection
                || (c->endpoint() == options.connection->endpoint() && options.connection->name.isEmpty()
                    && options.connection->token.isEmpty()))
                open = c;
        if (!open)
            open = m_connections->add(*options.connection, false, /*persistent=*/false);
        m_window->tree()->select(open);
    }
    m_window->show();
    if (!options.screenshot.isEmpty())
        takeScreenshot(options.screenshot);
    else
        offerDrafts();
}

void Application::offerDrafts()
{
    offerStartupDrafts(m_connections.get(), m_window->collectionTabs(), m_window.get());
}

void Application::takeScreenshot(const QString &path)
{
    // Give the daemons a moment to answer and the tree to fill, then save and quit.
    QTimer::singleShot(2500, this, [this, path] {
        const bool saved = m_window->grab().save(path);
        std::fprintf(stderr, "loom: %s %s\n", saved ? "saved" : "could not save", qPrintable(path));
        QCoreApplication::exit(saved ? 0 : 1);
    });
}

} // namespace loom
