#pragma once

#include "storeid.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringView>

#include <optional>

class QDebug;

namespace loom {

// A multiaddr (threads-api.md §4.4): binary on the wire, "/name/value/..." as text.
// Supported protocols: ip4, ip6, tcp, udp, dns, dns4, dns6, dnsaddr, quic, quic-v1, ws, wss,
// p2p-circuit, p2p (alias "ipfs" on input; also accepts a CIDv1 peer ID) and thread.
//
// Parsers are strict. Error messages name text components by number counting from 1
// ("component 3") and binary positions by byte offset counting from 0.
class Multiaddr
{
public:
    enum Code : quint32 {
        Ip4 = 0x04,
        Tcp = 0x06,
        Ip6 = 0x29,
        Dns = 0x35,
        Dns4 = 0x36,
        Dns6 = 0x37,
        DnsAddr = 0x38,
        Udp = 0x0111,
        P2pCircuit = 0x0122,
        Thread = 0x0196,
        P2p = 0x01a5,
        Quic = 0x01cc,
        QuicV1 = 0x01cd,
        Ws = 0x01dd,
        Wss = 0x01de,
    };

    enum class Scope { Loopback, Private, LinkLocal, Public, Unknown };

    struct Component
    {
        quint32 code = 0;
        QString name;        // canonical name ("p2p", never "ipfs")
        QString value;       // text form; empty for protocols without a value
        QByteArray rawValue; // binary value without the length prefix
    };

    Multiaddr() = default;

    static std::optional<Multiaddr> fromString(QStringView text, QString *error = nullptr);
    static std::optional<Multiaddr> fromBinary(QByteArrayView bytes, QString *error = nullptr);

    bool isEmpty() const;
    QString toString() const;
    QByteArray toBinary() const;
    QList<Component> components() const;
    bool hasProtocol(quint32 code) const;
    // The text value of the first component with `code`, or an empty string.
    QString valueForProtocol(quint32 code) const;

    // The thread component as a store ID, if there is one.
    std::optional<StoreId> storeId() const;
    // The p2p component as base58btc text ("12D3KooW…", "Qm…"; a CIDv1 "b…" for other
    // multihashes, whose base58 form would not parse back), or an empty string.
    QString peerId() const;
    // The first ip4/ip6/dns* value, or an empty string.
    QString host() const;
    // The first tcp/udp port, or -1.
    int port() const;
    // Where the first ip4/ip6 address points: 127/8 and ::1 loopback; 10/8, 172.16/12,
    // 192.168/16 and fc00::/7 private; 169.254/16 and fe80::/10 link-local; other addresses
    // public. Host names, unspecified addresses and addresses without an IP are Unknown.
    Scope scope() const;
    static QString scopeName(Scope scope);

    // The protocol name for a code, or an empty string for codes this class does not know.
    static QString protocolName(quint32 code);

private:
    QByteArray m_bytes;
    QList<Component> m_components;
};

bool operator==(const Multiaddr &a, const Multiaddr &b);
bool operator!=(const Multiaddr &a, const Multiaddr &b);
size_t qHash(const Multiaddr &address, size_t seed = 0) noexcept;
QDebug operator<<(QDebug debug, const Multiaddr &address);

} // namespace loom

Q_DECLARE_TYPEINFO(loom::Multiaddr, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(loom::Multiaddr::Component, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(loom::Multiaddr)
Q_DECLARE_METATYPE(loom::Multiaddr::Component)
Q_DECLARE_METATYPE(loom::Multiaddr::Scope)
