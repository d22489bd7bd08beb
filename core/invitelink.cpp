#include "invitelink.h"

#include "encoding.h"

#include <QDebug>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

constexpr qsizetype kLegacyKeySize = 44; // v0.1: 32-byte AES key + 12-byte nonce

std::optional<InviteLink> fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

struct KeyPart
{
    std::optional<StoreKey> key;
    LegacyKeys legacyKeys;
    InviteLink::Form form = InviteLink::V1;
    QString error;
    bool legacy = false;
};

// "<base58>&<base58>": the seed client's follow (service) key and read key.
KeyPart parseSeedKeys(QStringView text, qsizetype position)
{
    KeyPart result;
    result.form = InviteLink::Seed;
    const qsizetype amp = text.indexOf(u'&');
    const QStringView follow = text.left(amp);
    const QStringView read = text.mid(amp + 1);
    const qsizetype readPosition = position + amp + 1;
    if (read.contains(u'&')) {
        result.error = u"the key part has more than one '&' (at position %1); expected "
                       u"<follow key>&<read key>"_s.arg(readPosition + read.indexOf(u'&'));
        return result;
    }
    if (follow.isEmpty() || read.isEmpty()) {
        result.error = u"the %1 key %2 '&' (position %3) is empty; expected "
                       u"<follow key>&<read key>"_s
                           .arg(follow.isEmpty() ? u"follow"_s : u"read"_s,
                                follow.isEmpty() ? u"before"_s : u"after"_s)
                           .arg(position + amp);
        return result;
    }
    QString why;
    const std::optional<QByteArray> followKey = encoding::fromBase58(follow, &why, position);
    if (!followKey) {
        result.error = u"the follow key at position %1 is not valid base58btc: %2"_s
                           .arg(position).arg(why);
        return result;
    }
    const std::optional<QByteArray> readKey = encoding::fromBase58(read, &why, readPosition);
    if (!readKey) {
        result.error = u"the read key at position %1 is not valid base58btc: %2"_s
                           .arg(readPosition).arg(why);
        return result;
    }
    if (followKey->size() == kLegacyKeySize && readKey->size() == kLegacyKeySize) {
        // A legacy v0.1 store's link: only a legacy v0.1 daemon can join it.
        result.legacy = true;
        result.form = InviteLink::Legacy;
        result.legacyKeys = {*followKey, *readKey};
        return result;
    }
    if (followKey->size() != StoreKey::KeySize || readKey->size() != StoreKey::KeySize) {
        result.error = u"the follow and read keys are %1 and %2 bytes; a link for a go-threads v1 "
                       u"daemon has two 32-byte keys, one for a legacy v0.1 daemon two 44-byte keys"_s
                           .arg(followKey->size()).arg(readKey->size());
        return result;
    }
    result.key = StoreKey::fromParts(*followKey, *readKey, &result.error);
    return result;
}

// "<multibase>": the thread key, 64 bytes.
KeyPart parseV1Key(QStringView text, qsizetype position)
{
    KeyPart result;
    QString why;
    const std::optional<QByteArray> bytes = encoding::multibaseDecode(text, &why, position);
    if (!bytes) {
        const QString base = encoding::multibaseName(text.front());
        result.error = u"the key part at position %1 is not valid %2: %3"_s
                           .arg(position)
                           .arg(base.isEmpty() ? u"multibase"_s : base, why);
        return result;
    }
    const std::optional<StoreKey> key = StoreKey::fromBinary(*bytes, &why);
    if (!key) {
        result.error = u"the key part at position %1 is not a thread key: %2"_s.arg(position)
                           .arg(why);
    } else if (!key->hasReadKey()) {
        result.error = u"the key part at position %1 is a service-only key (32 bytes); joining "
                       u"a store needs the full 64-byte key with the read key"_s.arg(position);
    } else {
        result.key = key;
    }
    return result;
}

} // namespace

InviteLink::InviteLink(const Multiaddr &address, const StoreKey &key, Form form)
    : m_address(address)
    , m_key(key)
    , m_form(form)
{
}

std::optional<InviteLink> InviteLink::parse(QStringView text, QString *error)
{
    qsizetype start = 0;
    while (start < text.size() && text[start].isSpace())
        ++start;
    const QStringView link = text.mid(start).trimmed();
    if (link.isEmpty())
        return fail(error, u"the invitation link is empty"_s);

    // Split "<address>?<key>" or "<address> <key>".
    qsizetype separator = link.indexOf(u'?');
    qsizetype keyStart = separator + 1;
    if (separator < 0) {
        separator = 0;
        while (separator < link.size() && !link[separator].isSpace())
            ++separator;
        if (separator == link.size()) {
            return fail(error, u"missing '?' between address and key (expected "
                               u"<address>?<key>)"_s);
        }
        keyStart = separator;
    }
    while (keyStart < link.size() && link[keyStart].isSpace())
        ++keyStart;
    const QStringView addressText = link.left(separator).trimmed();
    const QStringView keyText = link.mid(keyStart);
    const qsizetype keyPosition = start + keyStart + 1;
    if (addressText.isEmpty())
        return fail(error, u"the link has no address before the key"_s);
    if (keyText.isEmpty())
        return fail(error, u"the key part after '?' (position %1) is empty"_s.arg(keyPosition - 1));

    const KeyPart key = keyText.contains(u'&') ? parseSeedKeys(keyText, keyPosition)
                                               : parseV1Key(keyText, keyPosition);

    QString why;
    const std::optional<Multiaddr> address = Multiaddr::fromString(addressText, &why);
    if (!address)
        return fail(error, u"the address is not valid: "_s + why);
    if (!address->hasProtocol(Multiaddr::P2p)) {
        return fail(error, u"the address has no /p2p/ component (the inviting daemon's peer "
                           u"ID)"_s);
    }
    if (!address->hasProtocol(Multiaddr::Thread))
        return fail(error, u"the address has no /thread/ component (the store ID)"_s);
    if (key.legacy)
        return InviteLink::legacy(*address, key.legacyKeys);
    if (!key.key)
        return fail(error, key.error);
    return InviteLink(*address, *key.key, key.form);
}

InviteLink InviteLink::legacy(const Multiaddr &address, const LegacyKeys &keys)
{
    InviteLink link;
    link.m_address = address;
    link.m_legacyKeys = keys;
    link.m_form = Legacy;
    return link;
}

QList<InviteLink> InviteLink::fromStoreInfo(const StoreInfo &info)
{
    if (!info.legacyKeys)
        return fromStoreInfo(info.addresses, info.key);
    QList<InviteLink> links;
    for (const Multiaddr &address : info.addresses) {
        if (address.hasProtocol(Multiaddr::P2p) && address.hasProtocol(Multiaddr::Thread))
            links.append(legacy(address, *info.legacyKeys));
    }
    return links;
}

LegacyKeys InviteLink::legacyKeys() const
{
    return m_legacyKeys;
}

ApiGeneration InviteLink::generation() const
{
    return m_form == Legacy ? ApiGeneration::Legacy : ApiGeneration::V1;
}

QList<InviteLink> InviteLink::fromStoreInfo(const QList<Multiaddr> &addresses,
                                            const StoreKey &key)
{
    QList<InviteLink> links;
    for (const Multiaddr &address : addresses) {
        if (address.hasProtocol(Multiaddr::P2p) && address.hasProtocol(Multiaddr::Thread))
            links.append(InviteLink(address, key, V1));
    }
    return links;
}

bool InviteLink::isValid() const
{
    return m_address.hasProtocol(Multiaddr::P2p) && m_address.hasProtocol(Multiaddr::Thread)
        && (m_form == Legacy ? m_legacyKeys.isValid() : m_key.hasReadKey());
}

Multiaddr InviteLink::address() const
{
    return m_address;
}

StoreKey InviteLink::key() const
{
    return m_key;
}

InviteLink::Form InviteLink::form() const
{
    return m_form;
}

StoreId InviteLink::storeId() const
{
    return m_address.storeId().value_or(StoreId());
}

QString InviteLink::toString() const
{
    if (m_form == Legacy)
        return toSeedString();
    return m_address.toString() + u'?' + m_key.toString();
}

QString InviteLink::toSeedString() const
{
    if (m_form == Legacy)
        return m_address.toString() + u'?' + encoding::toBase58(m_legacyKeys.followKey) + u'&'
            + encoding::toBase58(m_legacyKeys.readKey);
    return m_address.toString() + u'?' + encoding::toBase58(m_key.serviceKey()) + u'&'
        + encoding::toBase58(m_key.readKey());
}

QString InviteLink::maskedString() const
{
    if (m_form == Legacy) {
        // Both keys hidden; the first characters say which is which, nothing more.
        auto masked = [](const QByteArray &key) {
            return key.isEmpty() ? u"(no key)"_s : encoding::toBase58(key).left(3) + u"\u2026(hidden)"_s;
        };
        return m_address.toString() + u'?' + masked(m_legacyKeys.followKey) + u'&'
            + masked(m_legacyKeys.readKey);
    }
    return m_address.toString() + u'?' + m_key.masked();
}

bool operator==(const InviteLink &a, const InviteLink &b)
{
    return a.address() == b.address() && a.key() == b.key() && a.legacyKeys() == b.legacyKeys()
        && (a.form() == InviteLink::Legacy) == (b.form() == InviteLink::Legacy);
}

bool operator!=(const InviteLink &a, const InviteLink &b)
{
    return !(a == b);
}

QDebug operator<<(QDebug debug, const InviteLink &link)
{
    const QDebugStateSaver saver(debug);
    debug.nospace() << "InviteLink(" << link.maskedString() << ')';
    return debug;
}

} // namespace loom
