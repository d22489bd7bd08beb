#include "replicationmodel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

QColor verdictColour(LogVerdict verdict)
{
    switch (verdict) {
    case LogVerdict::InSync: return QColor(0xe8, 0xf5, 0xe9);        // green
    case LogVerdict::NothingToCopy: return QColor(0xf5, 0xf5, 0xf5); // grey
    case LogVerdict::Behind:
    case LogVerdict::NotYetSeen: return QColor(0xff, 0xf3, 0xe0);    // amber
    case LogVerdict::CountUnknown: return QColor(0xe3, 0xf2, 0xfd);  // blue
    case LogVerdict::Inconsistent:
    case LogVerdict::StoreMissing: return QColor(0xff, 0xeb, 0xee);  // red
    }
    return {};
}

QString verdictHint(LogVerdict verdict)
{
    switch (verdict) {
    case LogVerdict::InSync: return QObject::tr("This daemon has every record of the log that any connected daemon has.");
    case LogVerdict::NothingToCopy: return QObject::tr("The log has no records yet: there is nothing to copy.");
    case LogVerdict::Behind:
        return QObject::tr("Another daemon has more records of this log. Daemons pull every 10 s by default; "
                           "“Sync now” asks this one to pull at once.");
    case LogVerdict::NotYetSeen:
        return QObject::tr("This daemon does not know the log yet (a daemon that joined recently, or one that "
                           "has not pulled since).");
    case LogVerdict::CountUnknown:
        return QObject::tr("The daemon did not count the log's records (an old repository): only the heads "
                           "were compared.");
    case LogVerdict::Inconsistent:
        return QObject::tr("Same number of records but a different last record: this should not happen.");
    case LogVerdict::StoreMissing: return QObject::tr("This daemon does not hold the store.");
    }
    return {};
}

} // namespace

ReplicationModel::ReplicationModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

QString ReplicationModel::shortId(const QString &idText)
{
    if (idText.size() <= 18)
        return idText;
    return idText.left(8) + u'…' + idText.right(6);
}

QString ReplicationModel::cellText(const LogCell &cell)
{
    const QString verdict = cell.text();
    if (cell.counter < 0 || cell.verdict == LogVerdict::NotYetSeen || cell.verdict == LogVerdict::StoreMissing)
        return verdict;
    const QString count = cell.counter == 1 ? tr("1 record") : tr("%1 records").arg(QLocale().toString(cell.counter));
    return count + u" · "_s + verdict;
}

void ReplicationModel::setReport(const QStringList &labels, const QList<ThreadState> &states,
                                 const ReplicationReport &report)
{
    const bool sameShape = labels == m_labels && report.logIds == m_report.logIds;
    if (!sameShape)
        beginResetModel();
    m_labels = labels;
    m_states = states;
    m_report = report;
    if (!sameShape) {
        endResetModel();
        return;
    }
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
}

int ReplicationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_report.logIds.size());
}

int ReplicationModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstDaemonColumn + int(m_labels.size());
}

const LogState *ReplicationModel::logOn(int daemon, const QByteArray &id) const
{
    if (daemon < 0 || daemon >= m_states.size())
        return nullptr;
    for (const LogState &log : m_states[daemon].logs)
        if (log.id == id)
            return &log;
    return nullptr;
}

QVariant ReplicationModel::daemonCell(int row, int daemon, int role) const
{
    const LogCell cell = m_report.cells.value(row).value(daemon);
    switch (role) {
    case Qt::DisplayRole: return cellText(cell);
    case Qt::BackgroundRole: return QBrush(verdictColour(cell.verdict));
    case Qt::ForegroundRole: return QBrush(QColor(0x21, 0x21, 0x21));
    case VerdictRole: return int(cell.verdict);
    case BehindRole: return cell.behindBy;
    case CounterRole: return cell.counter;
    case Qt::ToolTipRole: {
        QStringList lines{m_labels.value(daemon) + u": "_s + cellText(cell), verdictHint(cell.verdict)};
        if (const LogState *log = logOn(daemon, m_report.logIds.value(row))) {
            lines << tr("Last record (head): %1").arg(log->headText.isEmpty() ? tr("none") : log->headText);
            if (log->own)
                lines << tr("This daemon writes the log.");
        }
        return lines.join(u'\n');
    }
    default: return {};
    }
}

QVariant ReplicationModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const int row = index.row();
    if (role == FullIdRole)
        return m_report.logIdTexts.value(row);
    if (index.column() >= FirstDaemonColumn)
        return daemonCell(row, index.column() - FirstDaemonColumn, role);
    const int owner = m_report.ownerDaemon.value(row, -1);
    if (index.column() == LogColumn) {
        const QString id = m_report.logIdTexts.value(row);
        switch (role) {
        case Qt::DisplayRole: return shortId(id);
        case Qt::FontRole: {
            QFont mono(u"monospace"_s);
            mono.setStyleHint(QFont::Monospace);
            return mono;
        }
        case Qt::ToolTipRole: {
            QStringList peers;
            for (int d = 0; d < m_states.size() && peers.isEmpty(); ++d)
                if (const LogState *log = logOn(d, m_report.logIds.value(row)))
                    peers = log->peers;
            QString tip = tr("Log %1\n(a log is one writer's records; its id is the writer's log key)").arg(id);
            if (!peers.isEmpty())
                tip += u'\n' + tr("Sent to: %1").arg(peers.join(u", "_s));
            return tip;
        }
        case Qt::AccessibleTextRole: return tr("log %1").arg(id);
        default: return {};
        }
    }
    // WriterColumn
    switch (role) {
    case Qt::DisplayRole:
        return owner >= 0 ? tr("%1 (own log)").arg(m_labels.value(owner)) : tr("a daemon not connected in Loom");
    case Qt::ForegroundRole:
        return owner >= 0 ? QVariant() : QVariant(QBrush(QColor(0x75, 0x75, 0x75)));
    case Qt::ToolTipRole:
        return owner >= 0 ? tr("%1 writes this log: it holds the log's private key (never shown).").arg(m_labels.value(owner))
                          : tr("None of the connected daemons writes this log: its writer is another daemon, "
                               "or an identity (token) of one.");
    default: return {};
    }
}

QVariant ReplicationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (section == LogColumn)
        return role == Qt::DisplayRole ? QVariant(tr("Log")) : QVariant();
    if (section == WriterColumn)
        return role == Qt::DisplayRole ? QVariant(tr("Written by")) : QVariant();
    const int daemon = section - FirstDaemonColumn;
    if (daemon < 0 || daemon >= m_labels.size())
        return {};
    switch (role) {
    case Qt::DisplayRole: return QString(m_labels[daemon] + u'\n' + m_report.summary(daemon));
    case SummaryRole: return m_report.summary(daemon);
    case Qt::ToolTipRole: {
        const ThreadState &s = m_states.value(daemon);
        QStringList lines{m_labels[daemon] + u": "_s + m_report.summary(daemon)};
        if (!s.hostPeerId.isEmpty())
            lines << tr("Peer ID: %1").arg(s.hostPeerId);
        if (s.readAtMs > 0)
            lines << tr("Read at %1").arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(s.readAtMs).time(),
                                                              u"HH:mm:ss"_s));
        return lines.join(u'\n');
    }
    case Qt::ForegroundRole:
        return QBrush(m_report.behindTotal(daemon) > 0 ? QColor(0xe6, 0x51, 0x00) : QColor(0x2e, 0x7d, 0x32));
    default: return {};
    }
}

} // namespace loom
