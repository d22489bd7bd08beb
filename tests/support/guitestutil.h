#pragma once
// Helpers for the GUI tests (shell and entity browser): reach dialogs the way a person sees them
// (the active modal window), type into fields, press buttons, answer questions, take pictures.

#include "session/activitytracker.h"
#include "session/connection.h"
#include "session/connectionmanager.h"
#include "mainwindow.h"
#include "models/connectiontreemodel.h"
#include "widgets/connectiontreewidget.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QTimer>
#include <QLineEdit>
#include <QRandomGenerator>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

namespace loom::test {

// Waits (running the event loop) until the active modal window is a T; null after the timeout.
template <typename T>
T *waitForModal(int timeoutMs = 15000)
{
    T *found = nullptr;
    const bool appeared = QTest::qWaitFor([&] {
        found = qobject_cast<T *>(QApplication::activeModalWidget());
        return found != nullptr;
    }, timeoutMs);
    return appeared ? found : nullptr;
}

// Waits until `parent` has a visible child T (non-modal windows).
template <typename T>
T *waitForChild(QObject *parent, int timeoutMs = 15000)
{
    T *found = nullptr;
    const bool appeared = QTest::qWaitFor([&] {
        found = parent->findChild<T *>();
        return found != nullptr;
    }, timeoutMs);
    return appeared ? found : nullptr;
}

// Replaces the text of a line edit by typing, as a person does.
inline void typeInto(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

inline void click(QAbstractButton *button)
{
    QTest::mouseClick(button, Qt::LeftButton);
}

// A main window with settings in a temporary file, as the application assembles it.
struct Gui
{
    QTemporaryDir dir;
    std::unique_ptr<QSettings> settings;
    std::unique_ptr<ActivityTracker> tracker;
    std::unique_ptr<ConnectionManager> manager;
    std::unique_ptr<MainWindow> window;

    Gui()
        : settings(std::make_unique<QSettings>(dir.filePath(QStringLiteral("loom.ini")), QSettings::IniFormat))
        , tracker(std::make_unique<ActivityTracker>())
        , manager(std::make_unique<ConnectionManager>(settings.get()))
        , window(std::make_unique<MainWindow>(manager.get(), tracker.get(), settings.get()))
    {
        window->show();
    }
    ~Gui()
    {
        window.reset();
        manager.reset();
    }
    ConnectionTreeModel *model() const { return window->treeModel(); }
    QTreeView *view() const { return window->tree()->view(); }
    void select(const QModelIndex &index) const { view()->setCurrentIndex(index); }
    void trigger(ConnectionTreeWidget::Action which) const { window->tree()->action(which)->trigger(); }
};

// Clicks the button labelled `text` in the next modal dialog that opens (polls up to 10 s).
inline void answerNextDialog(const QString &text)
{
    auto *timer = new QTimer(qApp);
    auto *tries = new int(0);
    QObject::connect(timer, &QTimer::timeout, qApp, [timer, tries, text] {
        if (++*tries > 500) {
            timer->deleteLater();
            delete tries;
            return;
        }
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal)
            return;
        for (QAbstractButton *button : modal->findChildren<QAbstractButton *>()) {
            if (button->text().remove(u'&') == text) {
                timer->stop();
                timer->deleteLater();
                delete tries;
                button->click();
                return;
            }
        }
    });
    timer->start(20);
}

// Saves a picture of `widget` when LOOM_BROWSER_SCREENSHOTS names a directory.
inline QString screenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("LOOM_BROWSER_SCREENSHOTS");
    if (dir.isEmpty())
        return {};
    QDir().mkpath(dir);
    // Let shown widgets and pending layouts settle first.
    for (int i = 0; i < 5; ++i) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
    const QString path = dir + QStringLiteral("/") + name + QStringLiteral(".png");
    widget->grab().save(path);
    return path;
}

} // namespace loom::test
