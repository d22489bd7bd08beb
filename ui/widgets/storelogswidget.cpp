#include "storelogswidget.h"

#include "session/connection.h"
#include "session/replicationwatcher.h"
#include "models/replicationmodel.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace loom {

StoreLogsWidget::StoreLogsWidget(ConnectionManager *manager, Connection *connection, const StoreId &store,
                                 QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_watcher(new ReplicationWatcher(manager, store, this))
    , m_list(new QTreeWidget(this))
    , m_note(new QLabel(this))
{
    setObjectName(u"storeLogs"_s);
    m_list->setObjectName(u"storeLogList"_s);
    m_list->setRootIsDecorated(false);
    m_list->setColumnCount(3);
    m_list->setHeaderLabels({tr("Log"), tr("Written by"), tr("Records here")});
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    m_list->setMaximumHeight(m_list->fontMetrics().height() * 6);
    m_note->setObjectName(u"storeLogsNote"_s);
    m_note->setWordWrap(true);
    m_note->setStyleSheet(u"color: #616161;"_s);
    m_note->setText(tr("Reading the store's logs…"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    layout->addWidget(m_note);
    connect(m_watcher, &ReplicationWatcher::updated, this, &StoreLogsWidget::showLogs);
}

void StoreLogsWidget::reload()
{
    m_watcher->refreshNow();
}

void StoreLogsWidget::showLogs()
{
    const int self = m_watcher->daemonIndex(m_connection);
    m_list->clear();
    if (self < 0) {
        m_note->setText(m_connection && m_connection->isConnected()
                            ? tr("The daemon's logs of this store could not be read.")
                            : tr("The daemon is not connected."));
        return;
    }
    const auto &daemons = m_watcher->daemons();
    const ThreadState &state = daemons[self].state;
    const ReplicationReport &report = m_watcher->report();
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (const LogState &log : state.logs) {
        const int row = int(report.logIds.indexOf(log.id));
        const int owner = row >= 0 ? report.ownerDaemon.value(row, -1) : -1;
        QString writer;
        if (log.own || owner == self)
            writer = tr("this daemon");
        else if (owner >= 0)
            writer = daemons[owner].label;
        else
            writer = tr("a daemon not connected in Loom");
        const QString count = log.counter < 0 ? tr("unknown") : QString::number(log.counter);
        auto *item = new QTreeWidgetItem(m_list, {ReplicationModel::shortId(log.idText), writer, count});
        item->setFont(0, mono);
        item->setToolTip(0, log.idText);
        item->setToolTip(2, log.headText.isEmpty() ? tr("No record yet") : tr("Last record: %1").arg(log.headText));
    }
    m_note->setText(daemons.size() > 1
                        ? tr("%n other connected daemon(s) hold this store: see Replication for who has which records.",
                             nullptr, int(daemons.size() - 1))
                        : tr("No other connected daemon holds this store."));
    m_hostId = state.hostPeerId;
    m_loaded = true;
    if (!m_hostId.isEmpty())
        Q_EMIT hostIdKnown(m_hostId);
    Q_EMIT loaded();
}

} // namespace loom
