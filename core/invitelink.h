#pragma once

#include "multiaddr.h"
#include "storeid.h"
#include "storekey.h"
#include "types.h"

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
//  - Legacy (v0.1 stores, the seed client's links): <multiaddr>?<base58btc(follow key, 44 bytes)>&
//    <base58btc(read key, 44 bytes)>. Only a legacy v0.1 daemon can join it (generation() says
//    which daemon generation can use a link); a v1 daemon cannot join a legacy store.
// parse() tells Seed (two 32-byte keys) from Legacy (two 44-byte keys) by the key sizes.
//
// The key is a secret: log or show maskedString(), never toString().
class InviteLink
{
public:
    enum Form { V1, Seed, Legacy };

    InviteLink() = default;
    InviteLink(const Multiaddr &address, const StoreKey &key, Form form = V1);
    static InviteLink legacy(const Multiaddr &address, const LegacyKeys &keys);

    // Trims surrounding whitespace; the address and key may be separated by '?' or by
    // whitespace. Error positions count characters of `text` from 1. Error messages never
    // contain key text.
    static std::optional<InviteLink> parse(QStringView text, QString *error = nullptr);
    // One V1 link per address (in the given order) that has /p2p/ and /thread/ components,
    // e.g. GetDBInfo's addrs and key.
    static QList<InviteLink> fromStoreInfo(const QList<Multiaddr> &addresses, const StoreKey &key);
    // The same for a StoreInfo: Legacy links when it has legacyKeys, else V1 links.
    static QList<InviteLink> fromStoreInfo(const StoreInfo &info);

    // True when the address has /p2p/ and /thread/ components and the key has a read key.
    bool isValid() const;
    Multiaddr address() const;
    StoreKey key() const;          // empty for Legacy links
    LegacyKeys legacyKeys() const; // valid only for Legacy links (secret)
    Form form() const; // the form parse() read; V1 for links made otherwise (Legacy by legacy())
    ApiGeneration generation() const; // the daemon generation that can use it: Legacy or V1
    StoreId storeId() const; // invalid StoreId if the address has no thread component

    QString toString() const;     // V1 form; for Legacy links the legacy seed form (secret keys)
    QString toSeedString() const; // seed client form (contains the secret key; Legacy: 44-byte keys)
    QString maskedString() const; // address + '?' + masked key(s): safe to show and log

private:
    Multiaddr m_address;
    StoreKey m_key;
    LegacyKeys m_legacyKeys;
    Form m_form = V1;
};

bool operator==(const InviteLink &a, const InviteLink &b); // address and key(s); not V1 vs Seed
bool operator!=(const InviteLink &a, const InviteLink &b);
// Prints maskedString().
QDebug operator<<(QDebug debug, const InviteLink &link);

} // namespace loom

Q_DECLARE_TYPEINFO(loom::InviteLink, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(loom::InviteLink)
