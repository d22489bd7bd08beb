#include "welcomewidget.h"

#include "icons/iconprovider.h"

#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace loom {

WelcomeWidget::WelcomeWidget(QWidget *parent)
    : QWidget(parent)
    , m_text(new QLabel(this))
    , m_local(new QPushButton(icon(u"network-connect"_s), tr("Connect to the local daemon (127.0.0.1:6006)"), this))
    , m_add(new QPushButton(icon(u"list-add"_s), tr("Add a connection…"), this))
    , m_actions(new QWidget(this))
    , m_actionLayout(new QHBoxLayout(m_actions))
{
    setObjectName(u"welcome"_s);
    auto *title = new QLabel(tr("Loom"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 2.2);
    big.setBold(true);
    title->setFont(big);
    title->setAlignment(Qt::AlignCenter);
    auto *subtitle = new QLabel(tr("Browse and edit the stores of ThreadDB (go-threads) daemons"), this);
    subtitle->setAlignment(Qt::AlignCenter);
    subtitle->setStyleSheet(u"color: palette(dark);"_s);
    m_text->setObjectName(u"welcomeText"_s);
    m_text->setWordWrap(true);
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setFixedWidth(520);
    m_actionLayout->setContentsMargins(0, 0, 0, 0);
    m_local->setObjectName(u"connectLocal"_s);
    m_add->setObjectName(u"addConnection"_s);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(title);
    layout->addWidget(subtitle);
    layout->addSpacing(18);
    layout->addWidget(m_text, 0, Qt::AlignHCenter);
    layout->addSpacing(12);
    layout->addWidget(m_local, 0, Qt::AlignHCenter);
    layout->addWidget(m_actions, 0, Qt::AlignHCenter);
    layout->addWidget(m_add, 0, Qt::AlignHCenter);
    layout->addStretch(3);

    connect(m_local, &QPushButton::clicked, this, &WelcomeWidget::connectLocalRequested);
    connect(m_add, &QPushButton::clicked, this, &WelcomeWidget::addConnectionRequested);
    setHasConnections(false);
}

void WelcomeWidget::addActionButton(QAction *action)
{
    auto *button = new QToolButton(m_actions);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_actionLayout->addWidget(button);
}

void WelcomeWidget::setHasConnections(bool has)
{
    m_local->setVisible(!has);
    m_actions->setVisible(has);
    m_text->setText(has ? tr("Double-click a collection in the tree to open it. Right-click a connection, a store or a "
                             "collection to see what you can do with it: new stores, invitation links, joining a "
                             "store, schemas.")
                        : tr("Connect to a threadsd daemon to begin. A daemon started with its defaults listens on "
                             "127.0.0.1:6006."));
    // A centred, wrapped label gets no height-for-width from the box layout: give it its height.
    m_text->setMinimumHeight(m_text->heightForWidth(m_text->width()));
}

} // namespace loom
