#include "infobarwidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace loom {

InfoBarWidget::InfoBarWidget(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_buttons(new QHBoxLayout)
{
    setObjectName(u"infoBar"_s);
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_icon);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_text, 1);
    m_buttons->setSpacing(4);
    layout->addLayout(m_buttons);
    auto *close = new QToolButton(this);
    close->setAutoRaise(true);
    close->setText(u"✕"_s);
    close->setToolTip(tr("Dismiss"));
    connect(close, &QToolButton::clicked, this, &InfoBarWidget::dismiss);
    layout->addWidget(close);
    hide();
}

void InfoBarWidget::showMessage(Kind kind, const QString &text, const QString &details)
{
    while (QLayoutItem *item = m_buttons->takeAt(0)) {
        if (QWidget *w = item->widget()) {
            w->hide();
            w->deleteLater(); // (it may be the button whose click got us here)
        }
        delete item;
    }
    static const char *const colors[] = {"#e3f2fd; border: 1px solid #90caf9", "#fff8e1; border: 1px solid #ffcc80",
                                          "#ffebee; border: 1px solid #ef9a9a"};
    setStyleSheet(u"QFrame#infoBar { background: "_s + QString::fromLatin1(colors[kind]) + u"; border-radius: 3px; }"_s);
    const QStyle::StandardPixmap icon = kind == Error     ? QStyle::SP_MessageBoxCritical
                                        : kind == Warning ? QStyle::SP_MessageBoxWarning
                                                          : QStyle::SP_MessageBoxInformation;
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(16, 16));
    m_text->setText(text);
    m_text->setToolTip(details);
    show();
}

QAbstractButton *InfoBarWidget::addAction(const QString &text, const std::function<void()> &f, const QString &objectName)
{
    auto *button = new QPushButton(text, this);
    button->setObjectName(objectName);
    connect(button, &QPushButton::clicked, this, [f] { f(); });
    m_buttons->addWidget(button);
    return button;
}

void InfoBarWidget::dismiss()
{
    hide();
    m_topic.clear();
    Q_EMIT dismissed();
}

QString InfoBarWidget::text() const
{
    return isVisible() || !isHidden() ? m_text->text() : QString();
}

} // namespace loom
