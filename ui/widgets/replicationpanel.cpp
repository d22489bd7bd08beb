#include "replicationpanel.h"

#include "session/connection.h"
#include "session/replicationwatcher.h"
#include "icons/iconprovider.h"
#include "models/replicationmodel.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace loom {

ReplicationPanel::ReplicationPanel(ConnectionManager *manager, const StoreId &store, const QString &storeName,
                                   ActivityTracker *tracker, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_storeName(storeName.isEmpty() ? tr("unnamed") : storeName)
    , m_watcher(new ReplicationWatcher(manager, store, this))
    , m_model(new ReplicationModel(this))
    , m_overall(new QLabel(this))
    , m_table(new QTableView(this))
    , m_absent(new QLabel(this))
    , m_readAt(new QLabel(this))
    , m_busy(new QProgressBar(this))
    , m_syncState(new QLabel(this))
    , m_sync(new QPushButton(icon(u"view-refresh"_s), tr("&Sync now"), this))
    , m_refresh(new QPushButton(tr("&Read again"), this))
{
    setObjectName(u"replicationPanel"_s);
    setWindowTitle(tr("Replication of “%1”").arg(m_storeName));
    m_watcher->setTracker(tracker);

    auto *title = new QLabel(tr("Store “%1”  ·  %2").arg(m_storeName, store.toString()), this);
    title->setObjectName(u"replicationTitle"_s);
    title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    title->setFont(big);
    m_overall->setObjectName(u"replicationOverall"_s);
    m_overall->setWordWrap(true);
    m_overall->setTextFormat(Qt::PlainText);
    auto *explain = new QLabel(tr("One column per connected daemon that holds this store, one row per log (the "
                                  "records of one writer). Daemons copy new records to each other at once and "
                                  "pull every 10 s by default, so a short lag is normal."),
                               this);
    explain->setWordWrap(true);
    explain->setStyleSheet(u"color: #616161;"_s);

    m_table->setObjectName(u"replicationTable"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 14);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->horizontalHeader()->setMinimumSectionSize(120);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_absent->setObjectName(u"replicationAbsent"_s);
    m_absent->setWordWrap(true);
    m_absent->setTextFormat(Qt::PlainText);
    m_absent->setStyleSheet(u"color: #616161;"_s);
    m_readAt->setObjectName(u"replicationReadAt"_s);
    m_readAt->setStyleSheet(u"color: #616161;"_s);
    m_busy->setObjectName(u"syncProgress"_s);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->setVisible(false);
    m_syncState->setObjectName(u"replicationSyncState"_s);
    m_syncState->setWordWrap(true);
    m_syncState->setTextFormat(Qt::PlainText);
    m_sync->setObjectName(u"syncNow"_s);
    m_sync->setToolTip(tr("Ask each daemon that is behind to pull the store from its peers now (PullThread), "
                          "then read again."));
    m_refresh->setObjectName(u"readAgain"_s);
    m_refresh->setToolTip(tr("Read the store's logs on every daemon again (F5)"));
    auto *refreshKey = new QShortcut(QKeySequence::Refresh, this);
    connect(refreshKey, &QShortcut::activated, m_watcher, &ReplicationWatcher::refreshNow);

    auto *status = new QHBoxLayout;
    status->addWidget(m_readAt);
    status->addStretch();
    status->addWidget(m_busy);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_sync, QDialogButtonBox::ActionRole);
    buttons->addButton(m_refresh, QDialogButtonBox::ActionRole);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_overall);
    layout->addWidget(explain);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_absent);
    layout->addLayout(status);
    layout->addWidget(m_syncState);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_refresh, &QPushButton::clicked, m_watcher, &ReplicationWatcher::refreshNow);
    connect(m_sync, &QPushButton::clicked, m_watcher, &ReplicationWatcher::syncNow);
    connect(m_watcher, &ReplicationWatcher::updated, this, &ReplicationPanel::showReport);
    connect(m_watcher, &ReplicationWatcher::readingChanged, this, &ReplicationPanel::showReading);
    connect(m_watcher, &ReplicationWatcher::syncStarted, this, [this](const QStringList &labels) {
        m_busy->setVisible(true);
        m_sync->setEnabled(false);
        m_syncState->setStyleSheet(QString());
        m_syncState->setText(labels.isEmpty() ? tr("Reading again…")
                                              : tr("Asking %1 to pull the store from its peers…").arg(labels.join(u", "_s)));
    });
    connect(m_watcher, &ReplicationWatcher::syncFinished, this, [this](bool changed, const QString &message) {
        m_busy->setVisible(false);
        m_syncState->setStyleSheet(changed ? u"color: #2e7d32;"_s : u"color: #e65100;"_s);
        m_syncState->setText(message);
        showReport();
    });

    m_overall->setText(tr("Reading the store on every connected daemon…"));
    resize(900, 420);
}

ReplicationPanel::~ReplicationPanel() = default;

QString ReplicationPanel::overallText() const
{
    return m_overall->text();
}

QString ReplicationPanel::syncText() const
{
    return m_syncState->text();
}

QString ReplicationPanel::absentText() const
{
    return m_absent->text();
}

void ReplicationPanel::storeChanged(Connection *connection, const StoreId &store)
{
    if (isVisible())
        m_watcher->storeChanged(connection, store);
}

void ReplicationPanel::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    m_watcher->start();
}

void ReplicationPanel::hideEvent(QHideEvent *event)
{
    m_watcher->stop();
    QDialog::hideEvent(event);
}

void ReplicationPanel::showReading(bool reading)
{
    // Polling reads are local to each daemon and take milliseconds: only Sync now shows progress
    // (a bar that blinked every 2 s would say nothing).
    Q_UNUSED(reading)
    m_busy->setVisible(m_watcher->isSyncing());
}

void ReplicationPanel::showReport()
{
    const ReplicationReport &report = m_watcher->report();
    QStringList labels;
    QList<ThreadState> states;
    for (const ReplicationWatcher::Daemon &d : m_watcher->daemons()) {
        labels << d.label;
        states << d.state;
    }
    m_model->setReport(labels, states, report);
    for (int c = 0; c < m_model->columnCount(); ++c)
        if (c < m_model->columnCount() - 1)
            m_table->resizeColumnToContents(c);

    QString overall;
    if (labels.isEmpty()) {
        overall = tr("No connected daemon holds this store.");
    } else if (labels.size() == 1) {
        overall = tr("Only %1 holds this store among your connections: there is nothing to compare. Connect "
                     "to a daemon that joined it (or join it on another one).").arg(labels.first());
    } else if (report.inSync()) {
        overall = tr("✔ In sync: the %n daemon(s) hold the same records of every log.", nullptr, int(labels.size()));
    } else {
        QStringList behind;
        for (int d = 0; d < labels.size(); ++d) {
            const bool lagging = std::any_of(report.cells.begin(), report.cells.end(), [d](const QList<LogCell> &row) {
                const LogVerdict v = row.value(d).verdict;
                return v != LogVerdict::InSync && v != LogVerdict::NothingToCopy;
            });
            if (lagging)
                behind << labels[d] + u": "_s + report.summary(d);
        }
        overall = tr("Not in sync. %1.").arg(behind.join(u"; "_s));
    }
    m_overall->setText(overall);
    m_overall->setStyleSheet(labels.size() > 1 && !report.inSync() ? u"color: #e65100; font-weight: bold;"_s
                                                                   : u"color: #2e7d32; font-weight: bold;"_s);

    QStringList absent;
    if (!m_watcher->without().isEmpty())
        absent << tr("Connected but without this store: %1.").arg(m_watcher->without().join(u", "_s));
    if (!m_watcher->unreadable().isEmpty())
        absent << tr("Could not be read: %1.").arg(m_watcher->unreadable().join(u"; "_s));
    m_absent->setText(absent.join(u' '));
    m_absent->setVisible(!absent.isEmpty());

    const QLocale locale;
    QString readAt = tr("Read at %1").arg(locale.toString(QTime::currentTime(), u"HH:mm:ss"_s));
    if (m_watcher->isPolling())
        readAt += tr(" · next read in %n s (sooner on a change)", nullptr, m_watcher->intervalMs() / 1000);
    m_readAt->setText(readAt);
    m_sync->setEnabled(!m_watcher->isSyncing() && !labels.isEmpty());
}

} // namespace loom
