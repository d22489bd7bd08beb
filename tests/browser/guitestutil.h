#pragma once

// Helpers for the entity browser's offscreen GUI tests.
#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QTimer>
#include <QWidget>

namespace loom::test {

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
