#pragma once

#include "invitelink.h"

#include <QAbstractTableModel>

namespace loom {

// A store's invitation links, one row per address of the daemon: how far the address reaches
// (loopback / private network / public), the address, and the link with its key masked until
// revealed.
class InviteLinkModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InviteLinkModel)

public:
    enum Column { ScopeColumn, AddressColumn, LinkColumn, CopyColumn, ColumnCount };
    enum Role { ScopeRole = Qt::UserRole + 1 }; // Multiaddr::Scope as int

    explicit InviteLinkModel(QObject *parent = nullptr);

    void setLinks(const QList<InviteLink> &links);
    QList<InviteLink> links() const { return m_links; }
    InviteLink link(int row) const { return m_links.value(row); }
    // Whether the key part of each link is shown (it is masked until the person asks).
    void setRevealed(bool revealed);
    bool isRevealed() const { return m_revealed; }

    static QString scopeLabel(Multiaddr::Scope scope);
    // Where the daemon listens, without the /p2p/… and /thread/… parts, e.g. "/ip4/10.0.0.5/tcp/4006".
    static QString transport(const Multiaddr &address);
    static QString scopeHint(Multiaddr::Scope scope);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    QList<InviteLink> m_links;
    bool m_revealed = false;
};

} // namespace loom
