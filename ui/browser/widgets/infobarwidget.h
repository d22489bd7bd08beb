#pragma once

#include <QFrame>

#include <functional>

class QAbstractButton;
class QHBoxLayout;
class QLabel;

namespace loom {

// A slim message bar above a view: a sentence, a few action buttons, and a close button
// (the "this entity changed on the daemon: keep yours / take theirs" kind of question).
class InfoBarWidget final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InfoBarWidget)

public:
    enum Kind { Info, Warning, Error };
    Q_ENUM(Kind)

    explicit InfoBarWidget(QWidget *parent = nullptr);

    // Replaces the message and the actions, and shows the bar.
    void showMessage(Kind kind, const QString &text, const QString &details = {});
    // Adds a button after the message; the bar stays open unless `f` closes it.
    QAbstractButton *addAction(const QString &text, const std::function<void()> &f, const QString &objectName = {});
    void dismiss();
    QString text() const;
    QString topic() const { return m_topic; }
    void setTopic(const QString &topic) { m_topic = topic; } // what the message is about (an entity key)

Q_SIGNALS:
    void dismissed();

private:
    QLabel *m_icon;
    QLabel *m_text;
    QHBoxLayout *m_buttons;
    QString m_topic;
};

} // namespace loom
