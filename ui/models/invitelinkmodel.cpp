#include "invitelinkmodel.h"

#include <QColor>
#include <QFontDatabase>

using namespace Qt::StringLiterals;

namespace loom {

InviteLinkModel::InviteLinkModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void InviteLinkModel::setLinks(const QList<InviteLink> &links)
{
    beginResetModel();
    m_links = links;
    endResetModel();
}

void InviteLinkModel::setRevealed(bool revealed)
{
    if (revealed == m_revealed)
        return;
    m_revealed = revealed;
    if (!m_links.isEmpty())
        Q_EMIT dataChanged(index(0, LinkColumn), index(rowCount() - 1, LinkColumn));
}

QString InviteLinkModel::scopeLabel(Multiaddr::Scope scope)
{
    switch (scope) {
    case Multiaddr::Scope::Loopback:
        return tr("this computer");
    case Multiaddr::Scope::Private:
        return tr("local network");
    case Multiaddr::Scope::LinkLocal:
        return tr("link-local");
    case Multiaddr::Scope::Public:
        return tr("internet");
    case Multiaddr::Scope::Unknown:
        break;
    }
    return tr("unknown");
}

QString InviteLinkModel::scopeHint(Multiaddr::Scope scope)
{
    const QString api = tr("(%1 address)").arg(Multiaddr::scopeName(scope));
    switch (scope) {
    case Multiaddr::Scope::Loopback:
        return tr("Only daemons on this computer can join with this link.") + u' ' + api;
    case Multiaddr::Scope::Private:
        return tr("Daemons on the same private network can join with this link.") + u' ' + api;
    case Multiaddr::Scope::LinkLocal:
        return tr("Only daemons on the same network segment can join with this link.") + u' ' + api;
    case Multiaddr::Scope::Public:
        return tr("Daemons anywhere on the internet can join with this link, if no firewall is in the way.") + u' ' + api;
    case Multiaddr::Scope::Unknown:
        break;
    }
    return tr("Where this address reaches is not known (a host name or an unspecified address).") + u' ' + api;
}

QString InviteLinkModel::transport(const Multiaddr &address)
{
    QString text;
    for (const Multiaddr::Component &c : address.components()) {
        if (c.code == Multiaddr::P2p || c.code == Multiaddr::Thread)
            break;
        text += u'/' + c.name;
        if (!c.value.isEmpty())
            text += u'/' + c.value;
    }
    return text;
}

int InviteLinkModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_links.size());
}

int InviteLinkModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InviteLinkModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const InviteLink &link = m_links.at(index.row());
    const Multiaddr::Scope scope = link.address().scope();
    if (role == ScopeRole)
        return int(scope);
    switch (index.column()) {
    case ScopeColumn:
        switch (role) {
        case Qt::DisplayRole:
            return scopeLabel(scope);
        case Qt::ToolTipRole:
            return scopeHint(scope);
        case Qt::BackgroundRole:
            switch (scope) {
            case Multiaddr::Scope::Loopback:
                return QColor(0xe0, 0xe0, 0xe0);
            case Multiaddr::Scope::Private:
            case Multiaddr::Scope::LinkLocal:
                return QColor(0xd6, 0xe8, 0xfa);
            case Multiaddr::Scope::Public:
                return QColor(0xd7, 0xf5, 0xdd);
            case Multiaddr::Scope::Unknown:
                return QColor(0xf5, 0xe8, 0xc8);
            }
            return {};
        default:
            return {};
        }
    case AddressColumn:
        switch (role) {
        case Qt::DisplayRole:
            return transport(link.address());
        case Qt::ToolTipRole:
            return tr("The inviting daemon listens at %1; the joining daemon must be able to reach it.")
                .arg(transport(link.address()));
        default:
            return {};
        }
    case LinkColumn:
        switch (role) {
        case Qt::DisplayRole:
            // The key is a secret: masked unless the person revealed it.
            return m_revealed ? link.toString() : link.maskedString();
        case Qt::ToolTipRole:
            return tr("Address: %1\nPeer: %2\nStore ID: %3\nKey: %4")
                .arg(link.address().toString(), link.address().peerId(), link.storeId().toString(),
                     m_revealed ? tr("shown") : tr("hidden — tick “Show keys” to see it"));
        case Qt::FontRole:
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        default:
            return {};
        }
    case CopyColumn:
        if (role == Qt::ToolTipRole)
            return tr("Copy this link (with its key) to the clipboard");
        return {};
    default:
        return {};
    }
}

QVariant InviteLinkModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ScopeColumn:
        return tr("Reach");
    case AddressColumn:
        return tr("Address");
    case LinkColumn:
        return tr("Invitation link");
    case CopyColumn:
        return QString();
    default:
        return {};
    }
}

Qt::ItemFlags InviteLinkModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

} // namespace loom
