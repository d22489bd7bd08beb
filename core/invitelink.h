#pragma once

#include "multiaddr.h"
#include "storeid.h"
#include "storekey.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringView>

#include <optional>

class QDebug;

namespace loom {

// An invitation to join a store: one address of the inviting daemon
// (".../p2p/<peer ID>/thread/<store ID>") and the full thread key (threads-api.md §4.8, §7.2).
//
// Text forms:
//  - V1 (what Loom prints):  <multiaddr>?<key as multibase base32>
//  - Seed (the seed client): <multiaddr>?<base58btc(service key)>&<base58btc(read key)>
// Legacy v0.1 seed links (44-byte follow and read keys) are refused: a v1 daemon cannot join
// a legacy store.
//
// The key is a secret: log or show maskedString(), never toString().
class InviteLink
{
public:
    enum Form { V1, Seed };

    InviteLink() = default;
    InviteLink(const Multiaddr &address, const StoreKey &key, Form form = V1);

    // Trims surrounding whitespace; the address and key may be separated by '?' or by
    // whitespace. Error positions count characters of `text` from 1. Error messages never
    // contain key text.
    static std::optional<InviteLink> parse(QStringView text, QString *error = nullptr);
    // One V1 link per address (in the given order) that has /p2p/ and /thread/ components,
    // e.g. GetDBInfo's addrs and key.
    static QList<InviteLink> fromStoreInfo(const QList<Multiaddr> &addresses, const StoreKey &key);

    // True when the address has /p2p/ and /thread/ components and the key has a read key.
    bool isValid() const;
    Multiaddr address() const;
    StoreKey key() const;
    Form form() const; // the form parse() read; V1 for links made otherwise
    StoreId storeId() const; // invalid StoreId if the address has no thread component

    QString toString() const;     // V1 form (contains the secret key)
    QString toSeedString() const; // seed client form (contains the secret key)
    QString maskedString() const; // address + '?' + masked key: safe to show and log

private:
    Multiaddr m_address;
    StoreKey m_key;
    Form m_form = V1;
};

bool operator==(const InviteLink &a, const InviteLink &b); // address and key; not the form
bool operator!=(const InviteLink &a, const InviteLink &b);
// Prints maskedString().
QDebug operator<<(QDebug debug, const InviteLink &link);

} // namespace loom

Q_DECLARE_TYPEINFO(loom::InviteLink, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(loom::InviteLink)
