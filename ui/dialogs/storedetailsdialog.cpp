#include "storedetailsdialog.h"

#include "session/activitytracker.h"
#include "session/connection.h"
#include "delegates/tagdelegate.h"
#include "icons/iconprovider.h"
#include "models/invitelinkmodel.h"
#include "threadsclient.h"
#include "widgets/messagebar.h"
#include "widgets/qrcodewidget.h"
#include "widgets/storelogswidget.h"

#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace loom {

StoreDetailsDialog::StoreDetailsDialog(Connection *connection, const StoreId &store, ActivityTracker *tracker,
                                       QWidget *parent)
    : QDialog(parent)
    , m_connection(connection)
    , m_store(store)
    , m_tracker(tracker)
    , m_name(new QLabel(this))
    , m_id(new QLineEdit(store.toString(), this))
    , m_daemon(new QLabel(this))
    , m_peer(new QLabel(this))
    , m_links(new InviteLinkModel(this))
    , m_table(new QTableView(this))
    , m_reveal(new QCheckBox(tr("&Show keys"), this))
    , m_copyAll(new QPushButton(icon(u"edit-copy"_s), tr("Copy &all links"), this))
    , m_qr(new QrCodeWidget(this))
    , m_notice(new QLabel(this))
    , m_loading(new QLabel(tr("Loading the store's details…"), this))
    , m_error(new MessageBar(this))
{
    setObjectName(u"storeDetailsDialog"_s);
    setWindowTitle(tr("Store details"));
    m_name->setObjectName(u"storeName"_s);
    QFont big = m_name->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_name->setFont(big);
    m_name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_id->setObjectName(u"storeId"_s);
    m_id->setReadOnly(true);
    m_id->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_id->setToolTip(tr("The store ID (the daemon's thread / DB ID)"));
    auto *copyId = new QToolButton(this);
    copyId->setObjectName(u"copyId"_s);
    copyId->setIcon(icon(u"edit-copy"_s));
    copyId->setText(tr("Copy"));
    copyId->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    copyId->setToolTip(tr("Copy the store ID"));
    m_daemon->setText(connection->displayName() + u"  ("_s + connection->endpoint() + u')'
                      + (connection->generationText().isEmpty() ? QString() : u"  · "_s + connection->generationText()));
    m_daemon->setObjectName(u"daemon"_s);
    m_peer->setObjectName(u"peerId"_s);
    m_peer->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_peer->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_peer->setToolTip(tr("The daemon's libp2p peer ID: the /p2p/ part of its links"));

    m_table->setObjectName(u"linkTable"_s);
    m_table->setModel(m_links);
    m_table->setItemDelegateForColumn(InviteLinkModel::ScopeColumn, new TagDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(InviteLinkModel::ScopeColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(InviteLinkModel::AddressColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 12);
    m_table->horizontalHeader()->setSectionResizeMode(InviteLinkModel::LinkColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(InviteLinkModel::CopyColumn, QHeaderView::ResizeToContents);
    m_reveal->setObjectName(u"revealKeys"_s);
    m_reveal->setToolTip(tr("Show the key part of the links (and their QR code). The key gives access to the store."));
    m_copyAll->setObjectName(u"copyAllLinks"_s);
    m_qr->setObjectName(u"qrCode"_s);
    m_notice->setObjectName(u"notice"_s);
    m_notice->setWordWrap(true);
    m_notice->setStyleSheet(u"color: #2e7d32;"_s);

    auto *idRow = new QHBoxLayout;
    idRow->addWidget(m_id, 1);
    idRow->addWidget(copyId);
    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("ID:"), idRow);
    form->addRow(tr("Daemon:"), m_daemon);
    form->addRow(tr("Peer ID:"), m_peer);

    auto *warning = new QLabel(tr("Whoever has a link can join the store and read and write all its entities: "
                                  "share links only with people you trust. Pick an address that the other "
                                  "daemon can reach."),
                               this);
    warning->setWordWrap(true);
    auto *linkButtons = new QHBoxLayout;
    linkButtons->addWidget(m_reveal);
    linkButtons->addStretch();
    linkButtons->addWidget(m_copyAll);
    auto *left = new QVBoxLayout;
    left->addWidget(warning);
    left->addWidget(m_table, 1);
    left->addLayout(linkButtons);
    left->addWidget(m_notice);
    auto *linksBox = new QGroupBox(tr("Invitation links"), this);
    auto *linksLayout = new QHBoxLayout(linksBox);
    linksLayout->addLayout(left, 1);
    linksLayout->addWidget(m_qr);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *refresh = buttons->addButton(tr("&Refresh"), QDialogButtonBox::ActionRole);
    refresh->setIcon(icon(u"view-refresh"_s));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_loading);
    layout->addWidget(m_error);
    layout->addWidget(linksBox, 1);
    layout->addWidget(buttons);

    connect(copyId, &QToolButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_store.toString());
        say(tr("Copied the store ID."));
    });
    connect(m_reveal, &QCheckBox::toggled, this, [this](bool on) {
        m_links->setRevealed(on);
        updateQr();
    });
    connect(m_copyAll, &QPushButton::clicked, this, &StoreDetailsDialog::copyAll);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &StoreDetailsDialog::updateQr);
    connect(refresh, &QPushButton::clicked, this, &StoreDetailsDialog::reload);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    resize(860, 460);
    updateButtons();
    reload();
}

QString StoreDetailsDialog::lastNotice() const
{
    return m_notice->text();
}

void StoreDetailsDialog::say(const QString &message)
{
    m_notice->setText(message);
    Q_EMIT notice(message);
}

void StoreDetailsDialog::reload()
{
    if (!m_connection)
        return;
    const quint64 generation = ++m_generation;
    m_loading->setVisible(true);
    m_error->clear();
    auto *reply = m_connection->client()->storeInfo(m_store);
    if (m_tracker)
        m_tracker->track(reply, m_connection);
    reply->then(this, [this, generation](Reply<StoreInfo> *r) {
        if (generation != m_generation)
            return;
        m_loading->setVisible(false);
        if (!r->ok()) {
            m_error->showError(r->error());
            return;
        }
        const StoreInfo &info = r->result();
        m_name->setText(info.name.isEmpty() ? tr("unnamed") : info.name);
        setWindowTitle(tr("Store “%1”").arg(m_name->text()));
        m_links->setLinks(InviteLink::fromStoreInfo(info)); // v1 links, or the seed form on legacy v0.1
        if (!m_logs || m_logs->hostId().isEmpty())
            m_peer->setText(info.addresses.isEmpty() ? tr("unknown") : info.addresses.first().peerId());
        for (int row = 0; row < m_links->rowCount(); ++row) {
            auto *copy = new QToolButton(m_table);
            copy->setObjectName(u"copyLink%1"_s.arg(row));
            copy->setIcon(icon(u"edit-copy"_s));
            copy->setText(tr("Copy"));
            copy->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
            copy->setAutoRaise(true);
            copy->setToolTip(tr("Copy this link (with its key) to the clipboard"));
            connect(copy, &QToolButton::clicked, this, [this, row] { copyLink(row); });
            m_table->setIndexWidget(m_links->index(row, InviteLinkModel::CopyColumn), copy);
        }
        m_table->resizeColumnToContents(InviteLinkModel::CopyColumn);
        if (m_links->rowCount() > 0)
            m_table->setCurrentIndex(m_links->index(0, InviteLinkModel::LinkColumn));
        m_loaded = true;
        updateButtons();
        updateQr();
        Q_EMIT loaded();
    });
}

void StoreDetailsDialog::copyLink(int row)
{
    const InviteLink link = m_links->link(row);
    if (!link.isValid())
        return;
    QGuiApplication::clipboard()->setText(link.toString());
    say(tr("Copied the link for %1 (%2). It contains the store's key.")
            .arg(InviteLinkModel::scopeLabel(link.address().scope()), link.address().host()));
}

void StoreDetailsDialog::copyAll()
{
    QStringList lines;
    for (const InviteLink &link : m_links->links())
        lines << link.toString();
    if (lines.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(lines.join(u'\n') + u'\n');
    say(tr("Copied %n link(s), one per line. They contain the store's key.", nullptr, int(lines.size())));
}

void StoreDetailsDialog::showLogs(ConnectionManager *manager)
{
    if (m_logs || !m_connection)
        return;
    m_logs = new StoreLogsWidget(manager, m_connection, m_store, this);
    auto *box = new QGroupBox(tr("Logs (one per writer)"), this);
    auto *boxLayout = new QVBoxLayout(box);
    boxLayout->addWidget(m_logs);
    auto *replication = new QPushButton(icon(u"view-refresh"_s), tr("Re&plication…"), box);
    replication->setObjectName(u"showReplication"_s);
    replication->setToolTip(tr("This store on every connected daemon side by side (Ctrl+Shift+R)"));
    auto *row = new QHBoxLayout;
    row->addStretch();
    row->addWidget(replication);
    boxLayout->addLayout(row);
    if (auto *main = qobject_cast<QVBoxLayout *>(layout()))
        main->insertWidget(main->count() - 2, box); // above the links and the buttons
    connect(replication, &QPushButton::clicked, this, [this] {
        Q_EMIT replicationRequested(m_loaded ? m_name->text() : QString());
    });
    // The daemon's own peer id (GetHostID) rather than the one read from its addresses.
    connect(m_logs, &StoreLogsWidget::hostIdKnown, m_peer, &QLabel::setText);
    connect(this, &StoreDetailsDialog::loaded, m_logs, &StoreLogsWidget::reload);
    m_logs->reload();
    resize(width(), height() + 160);
}

void StoreDetailsDialog::updateButtons()
{
    m_copyAll->setEnabled(m_links->rowCount() > 0);
    m_reveal->setEnabled(m_links->rowCount() > 0);
}

void StoreDetailsDialog::updateQr()
{
    const int row = m_table->currentIndex().row();
    if (m_links->rowCount() == 0) {
        m_qr->clear();
        m_qr->setPlaceholder(m_loaded ? tr("The daemon reports no address.") : QString());
    } else if (!m_links->isRevealed()) {
        m_qr->clear();
        m_qr->setPlaceholder(tr("The QR code contains the key: tick “Show keys” to show it."));
    } else {
        m_qr->setText(m_links->link(std::max(0, row)).toString());
    }
}

} // namespace loom
