#include "errorpanel.h"

#include "iconprovider.h"

#include <QGridLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace loom {

ErrorPanel::ErrorPanel(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_message(new QLabel(this))
    , m_toggle(new QToolButton(this))
    , m_details(new QLabel(this))
{
    setObjectName(u"errorPanel"_s);
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
    m_details->setObjectName(u"errorDetails"_s);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setVisible(false);
    m_details->setStyleSheet(u"color: palette(dark);"_s);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(m_icon, 0, 0, Qt::AlignTop);
    layout->addWidget(m_message, 0, 1);
    layout->addWidget(m_toggle, 0, 2, Qt::AlignTop);
    layout->addWidget(m_details, 1, 1, 1, 2);
    layout->setColumnStretch(1, 1);

    connect(m_toggle, &QToolButton::toggled, this, [this](bool on) {
        m_details->setVisible(on);
        m_toggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
    });
    setVisible(false);
}

void ErrorPanel::showError(const loom::Error &error)
{
    if (!error.isError())
        return clear();
    // The daemon's text adds something only when it came from the daemon.
    showMessage(error.message(), error.grpcCode() >= 0 ? error.details() : QString(),
                error.kind() == ErrorKind::Cancelled ? Information : Error);
}

void ErrorPanel::showMessage(const QString &message, const QString &details, Severity severity)
{
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

void ErrorPanel::clear()
{
    m_message->clear();
    m_details->clear();
    setToolTip({});
    setVisible(false);
}

QString ErrorPanel::message() const
{
    return m_message->text();
}

QString ErrorPanel::details() const
{
    return m_details->text();
}

} // namespace loom
