#include "joinattemptsview.h"

#include "models/invitelinkmodel.h"

#include <QBrush>
#include <QColor>
#include <QHeaderView>

using namespace Qt::StringLiterals;

namespace loom {

JoinAttemptsView::JoinAttemptsView(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(u"joinAttempts"_s);
    setRootIsDecorated(false);
    setColumnCount(3);
    setHeaderLabels({tr("#"), tr("Address of the inviting daemon"), tr("Result")});
    header()->setSectionResizeMode(OrderColumn, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(AddressColumn, QHeaderView::ResizeToContents);
    header()->setStretchLastSection(true);
    setSelectionMode(QAbstractItemView::NoSelection);
    setFocusPolicy(Qt::NoFocus);
    setMaximumHeight(fontMetrics().height() * 8);
}

QString JoinAttemptsView::outcomeText(JoinOutcome outcome)
{
    return joinOutcomeText(outcome);
}

QString JoinAttemptsView::addressText(const InviteLink &link)
{
    const Multiaddr address = link.address();
    return u"%1:%2  (%3)"_s.arg(address.host()).arg(address.port()).arg(InviteLinkModel::scopeLabel(address.scope()));
}

void JoinAttemptsView::setPlan(const QList<InviteLink> &ordered)
{
    clear();
    for (int i = 0; i < ordered.size(); ++i) {
        auto *item = new QTreeWidgetItem(this, {QString::number(i + 1), addressText(ordered[i]), tr("not tried yet")});
        item->setToolTip(AddressColumn, ordered[i].address().toString());
        item->setForeground(ResultColumn, QBrush(QColor(0x75, 0x75, 0x75)));
    }
}

void JoinAttemptsView::setReport(const JoinReport &report)
{
    clear();
    for (int i = 0; i < report.attempts.size(); ++i) {
        const JoinAttempt &a = report.attempts[i];
        QString result = outcomeText(a.outcome);
        if (a.outcome == JoinOutcome::Joined)
            result = tr("✔ joined through this address");
        if (a.outcome != JoinOutcome::NotTried && a.elapsedMs > 0)
            result += tr(" after %1 s").arg(QString::number(double(a.elapsedMs) / 1000.0, 'f', 1));
        if (a.outcome != JoinOutcome::Joined && a.outcome != JoinOutcome::NotTried && !a.message.isEmpty())
            result += u": "_s + a.message;
        auto *item = new QTreeWidgetItem(this, {QString::number(i + 1), addressText(a.link), result});
        item->setToolTip(AddressColumn, a.link.address().toString());
        item->setToolTip(ResultColumn, result);
        QColor colour(0x75, 0x75, 0x75);
        if (a.outcome == JoinOutcome::Joined)
            colour = QColor(0x2e, 0x7d, 0x32);
        else if (a.outcome != JoinOutcome::NotTried)
            colour = QColor(0xc6, 0x28, 0x28);
        item->setForeground(ResultColumn, QBrush(colour));
        if (i == report.joinedIndex) {
            QFont bold = item->font(ResultColumn);
            bold.setBold(true);
            item->setFont(ResultColumn, bold);
        }
    }
}

QString JoinAttemptsView::resultText(int row) const
{
    const QTreeWidgetItem *item = topLevelItem(row);
    return item ? item->text(ResultColumn) : QString();
}

} // namespace loom
