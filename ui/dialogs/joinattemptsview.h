#pragma once

#include "joinattempts.h"

#include <QTreeWidget>

namespace loom {

// The addresses a join from several invitation links tries, in the order they are tried, and
// then what happened at each (joined / refused / unreachable / timed out / not tried) and which
// one worked (issue 15). Shows addresses only: never a key.
class JoinAttemptsView final : public QTreeWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JoinAttemptsView)

public:
    enum Column { OrderColumn, AddressColumn, ResultColumn };

    explicit JoinAttemptsView(QWidget *parent = nullptr);

    // The links as they will be tried (after orderForJoin).
    void setPlan(const QList<InviteLink> &ordered);
    // What the join came to, address by address.
    void setReport(const JoinReport &report);
    // The words of an outcome: "joined", "refused", "unreachable", "timed out", "not tried".
    static QString outcomeText(JoinOutcome outcome);
    // "127.0.0.1:4006 (this computer)"
    static QString addressText(const InviteLink &link);
    // The result column's text of a row.
    QString resultText(int row) const;
};

} // namespace loom
