#include "messagebar.h"

#include "icons/iconprovider.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace loom {

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_message(new QLabel(this))
    , m_actions(new QHBoxLayout)
    , m_toggle(new QToolButton(this))
    , m_close(new QToolButton(this))
    , m_details(new QLabel(this))
{
    setObjectName(u"messageBar"_s);
    setFrameShape(QFrame::StyledPanel);
    m_message->setObjectName(u"errorMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setTextFormat(Qt::PlainText);
    m_toggle->setText(tr("Details"));
    m_toggle->setCheckable(true);
    m_toggle->setAutoRaise(true);
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toggle->setArrowType(Qt::RightArrow);
    m_close->setAutoRaise(true);
    m_close->setIcon(icon(u"window-close"_s));
    m_close->setToolTip(tr("Dismiss"));
    m_close->setVisible(false);
    m_details->setObjectName(u"errorDetails"_s);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setVisible(false);
    m_details->setStyleSheet(u"color: palette(dark);"_s);
    m_actions->setSpacing(4);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_icon, 0, 0, Qt::AlignTop);
    layout->addWidget(m_message, 0, 1);
    layout->addLayout(m_actions, 0, 2, Qt::AlignTop);
    layout->addWidget(m_toggle, 0, 3, Qt::AlignTop);
    layout->addWidget(m_close, 0, 4, Qt::AlignTop);
    layout->addWidget(m_details, 1, 1, 1, 4);
    layout->setColumnStretch(1, 1);

    connect(m_toggle, &QToolButton::toggled, this, [this](bool on) {
        m_details->setVisible(on);
        m_toggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
    });
    connect(m_close, &QToolButton::clicked, this, [this] {
        clear();
        Q_EMIT dismissed();
    });
    setVisible(false);
}

void MessageBar::setDismissable(bool on)
{
    m_close->setVisible(on);
}

void MessageBar::showError(const loom::Error &error, const QString &topic)
{
    if (!error.isError())
        return clear();
    // The daemon's text adds something only when it came from the daemon.
    showMessage(error.message(), error.grpcCode() >= 0 ? error.details() : QString(),
                error.kind() == ErrorKind::Cancelled ? Information : Error, topic);
}

void MessageBar::showMessage(const QString &message, const QString &details, Severity severity, const QString &topic)
{
    clearActions();
    m_topic = topic;
    static const char *const colors[] = {"#ffebee; border: 1px solid #ef9a9a", "#fff8e1; border: 1px solid #ffcc80",
                                          "#e3f2fd; border: 1px solid #90caf9"};
    setStyleSheet(u"QFrame#messageBar { background: "_s + QString::fromLatin1(colors[severity])
                  + u"; border-radius: 3px; }"_s);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    const QString iconName = severity == Error ? u"dialog-error"_s
        : severity == Warning                  ? u"dialog-warning"_s
                                               : u"dialog-information"_s;
    m_icon->setPixmap(icon(iconName).pixmap(size, size));
    m_message->setText(message);
    m_details->setText(details);
    m_toggle->setVisible(!details.isEmpty());
    m_toggle->setChecked(false);
    setToolTip(details);
    setVisible(!message.isEmpty());
}

QAbstractButton *MessageBar::addAction(const QString &text, const std::function<void()> &f, const QString &objectName)
{
    auto *button = new QPushButton(text, this);
    button->setObjectName(objectName);
    connect(button, &QPushButton::clicked, this, [f] { f(); });
    m_actions->addWidget(button);
    return button;
}

void MessageBar::clearActions()
{
    while (QLayoutItem *item = m_actions->takeAt(0)) {
        if (QWidget *w = item->widget()) {
            w->hide();
            w->deleteLater(); // (it may be the button whose click got us here)
        }
        delete item;
    }
}

void MessageBar::clear()
{
    clearActions();
    m_topic.clear();
    m_message->clear();
    m_details->clear();
    setToolTip({});
    setVisible(false);
}

void MessageBar::resolve(const QString &topic)
{
    if (!isHidden() && m_topic == topic)
        clear();
}

void MessageBar::retopic(const QString &from, const QString &to)
{
    if (m_topic == from)
        m_topic = to;
}

QString MessageBar::message() const
{
    return isHidden() ? QString() : m_message->text();
}

QString MessageBar::details() const
{
    return m_details->text();
}

} // namespace loom
