#include "multiaddr.h"

#include "encoding.h"

#include <QDebug>
#include <QHashFunctions>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

enum class Kind { None, Ip4, Ip6, Port, Text, P2p, Thread };

struct Protocol
{
    quint32 code;
    QLatin1StringView name;
    Kind kind;
    int size; // binary value size; -1 = length-prefixed
};

constexpr Protocol kProtocols[] = {
    {Multiaddr::Ip4, "ip4"_L1, Kind::Ip4, 4},
    {Multiaddr::Tcp, "tcp"_L1, Kind::Port, 2},
    {Multiaddr::Ip6, "ip6"_L1, Kind::Ip6, 16},
    {Multiaddr::Dns, "dns"_L1, Kind::Text, -1},
    {Multiaddr::Dns4, "dns4"_L1, Kind::Text, -1},
    {Multiaddr::Dns6, "dns6"_L1, Kind::Text, -1},
    {Multiaddr::DnsAddr, "dnsaddr"_L1, Kind::Text, -1},
    {Multiaddr::Udp, "udp"_L1, Kind::Port, 2},
    {Multiaddr::P2pCircuit, "p2p-circuit"_L1, Kind::None, 0},
    {Multiaddr::Thread, "thread"_L1, Kind::Thread, -1},
    {Multiaddr::P2p, "p2p"_L1, Kind::P2p, -1},
    {Multiaddr::Quic, "quic"_L1, Kind::None, 0},
    {Multiaddr::QuicV1, "quic-v1"_L1, Kind::None, 0},
    {Multiaddr::Ws, "ws"_L1, Kind::None, 0},
    {Multiaddr::Wss, "wss"_L1, Kind::None, 0},
};

constexpr quint64 kCidV1 = 0x01;
constexpr quint64 kLibp2pKeyCodec = 0x72;

const Protocol *protocolByCode(quint64 code)
{
    for (const Protocol &p : kProtocols) {
        if (p.code == code)
            return &p;
    }
    return nullptr;
}

const Protocol *protocolByName(QStringView name)
{
    for (const Protocol &p : kProtocols) {
        if (name == p.name || (name == "ipfs"_L1 && p.code == Multiaddr::P2p))
            return &p;
    }
    return nullptr;
}

template<typename T>
std::optional<T> fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

quint8 byteAt(QByteArrayView bytes, qsizetype i)
{
    return static_cast<quint8>(bytes[i]);
}

bool isDigits(QStringView s)
{
    for (const QChar c : s) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return !s.isEmpty();
}

// A dns* value: not empty, no whitespace, control characters or '/'.
bool isHostText(QStringView text, QString *why)
{
    const bool bad = std::any_of(text.begin(), text.end(), [](QChar c) {
        return c.isSpace() || c.category() == QChar::Other_Control || c == u'/';
    });
    if (text.isEmpty() || bad) {
        if (why) {
            *why = text.isEmpty() ? u"the value is empty"_s
                                  : u"'%1' contains a space, a control character or '/'"_s.arg(text);
        }
        return false;
    }
    return true;
}

bool validateMultihash(QByteArrayView bytes, QString *why)
{
    qsizetype pos = 0;
    quint64 code = 0;
    quint64 length = 0;
    if (!encoding::readUvarint(bytes, &pos, &code, why)
        || !encoding::readUvarint(bytes, &pos, &length, why)) {
        return false;
    }
    const quint64 digest = static_cast<quint64>(bytes.size() - pos);
    if (length == 0 || length != digest) {
        if (why) {
            *why = u"the peer ID multihash (code 0x%1) declares %2 digest bytes but has %3"_s
                       .arg(code, 2, 16, QLatin1Char('0')).arg(length).arg(digest);
        }
        return false;
    }
    return true;
}

// base58btc multihash ("Qm…", "1…") or a CIDv1 with codec libp2p-key, as the daemon accepts.
std::optional<QByteArray> parsePeerId(QStringView text, QString *why)
{
    if (text.startsWith(u"Qm") || text.startsWith(u'1')) {
        QString error;
        std::optional<QByteArray> bytes = encoding::fromBase58(text, &error);
        if (!bytes)
            return fail<QByteArray>(why, u"the peer ID is not valid base58btc: "_s + error);
        if (!validateMultihash(*bytes, why))
            return std::nullopt;
        return bytes;
    }
    QString error;
    const std::optional<QByteArray> cid = encoding::multibaseDecode(text, &error);
    if (!cid) {
        return fail<QByteArray>(why, u"the peer ID is neither a base58btc multihash (Qm… or 1…) "
                                     u"nor a CID: "_s + error);
    }
    qsizetype pos = 0;
    quint64 version = 0;
    quint64 codec = 0;
    if (!encoding::readUvarint(*cid, &pos, &version, why)
        || !encoding::readUvarint(*cid, &pos, &codec, why)) {
        return std::nullopt;
    }
    if (version != kCidV1 || codec != kLibp2pKeyCodec) {
        return fail<QByteArray>(why, u"the peer ID CID has version %1 and codec 0x%2; expected "
                                     u"version 1 and codec 0x72 (libp2p-key)"_s
                                         .arg(version).arg(codec, 2, 16, QLatin1Char('0')));
    }
    const QByteArray multihash = cid->mid(pos);
    if (!validateMultihash(multihash, why))
        return std::nullopt;
    return multihash;
}

std::optional<QByteArray> valueFromText(const Protocol &p, QStringView text, QString *why)
{
    switch (p.kind) {
    case Kind::None:
        return QByteArray();
    case Kind::Ip4:
        return encoding::ip4FromString(text, why);
    case Kind::Ip6:
        return encoding::ip6FromString(text, why);
    case Kind::Port:
        if (!isDigits(text) || text.size() > 5 || text.toInt() > 65535)
            return fail<QByteArray>(why, u"'%1' is not a port number (0-65535)"_s.arg(text));
        return QByteArray(1, static_cast<char>(text.toInt() >> 8))
            + static_cast<char>(text.toInt() & 0xff);
    case Kind::Text:
        if (!isHostText(text, why))
            return std::nullopt;
        return text.toUtf8();
    case Kind::P2p:
        return parsePeerId(text, why);
    case Kind::Thread:
        if (std::optional<StoreId> id = StoreId::fromString(text, why))
            return id->bytes();
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<QString> valueToText(const Protocol &p, QByteArrayView raw, QString *why)
{
    switch (p.kind) {
    case Kind::None:
        return QString();
    case Kind::Ip4:
        return encoding::ip4ToString(raw);
    case Kind::Ip6:
        return encoding::ip6ToString(raw);
    case Kind::Port:
        return QString::number(byteAt(raw, 0) << 8 | byteAt(raw, 1));
    case Kind::Text: {
        const QString text = QString::fromUtf8(raw);
        if (text.toUtf8() != raw)
            return fail<QString>(why, u"the value is not valid UTF-8"_s);
        if (!isHostText(text, why))
            return std::nullopt;
        return text;
    }
    case Kind::P2p: {
        if (!validateMultihash(raw, why))
            return std::nullopt;
        // Only "Qm…" and "1…" read back as base58 (sha2-256 and identity multihashes, what peers
        // use); any other multihash is written as a CIDv1 so that the text parses again.
        const QString base58 = encoding::toBase58(raw);
        if (base58.startsWith(u"Qm") || base58.startsWith(u'1'))
            return base58;
        const QByteArray cid = encoding::uvarint(kCidV1) + encoding::uvarint(kLibp2pKeyCodec) + raw.toByteArray();
        return encoding::multibaseEncode(cid);
    }
    case Kind::Thread:
        if (std::optional<StoreId> id = StoreId::fromBinary(raw, why))
            return id->toString();
        return std::nullopt;
    }
    return std::nullopt;
}

Multiaddr::Scope classifyIp4(QByteArrayView b)
{
    const quint8 a = byteAt(b, 0);
    const quint8 second = byteAt(b, 1);
    if (a == 127)
        return Multiaddr::Scope::Loopback;
    if (a == 10 || (a == 172 && (second & 0xf0) == 16) || (a == 192 && second == 168))
        return Multiaddr::Scope::Private;
    if (a == 169 && second == 254)
        return Multiaddr::Scope::LinkLocal;
    if (a == 0)
        return Multiaddr::Scope::Unknown; // 0.0.0.0/8: unspecified, "this network"
    return Multiaddr::Scope::Public;
}

Multiaddr::Scope classifyIp6(QByteArrayView b)
{
    const bool zeroPrefix = b.first(10) == QByteArray(10, '\0');
    if (zeroPrefix && byteAt(b, 10) == 0xff && byteAt(b, 11) == 0xff)
        return classifyIp4(b.sliced(12)); // IPv4-mapped
    if (b.first(15) == QByteArray(15, '\0') && byteAt(b, 15) <= 1)
        return byteAt(b, 15) == 1 ? Multiaddr::Scope::Loopback : Multiaddr::Scope::Unknown;
    if ((byteAt(b, 0) & 0xfe) == 0xfc)
        return Multiaddr::Scope::Private;
    if (byteAt(b, 0) == 0xfe && (byteAt(b, 1) & 0xc0) == 0x80)
        return Multiaddr::Scope::LinkLocal;
    return Multiaddr::Scope::Public;
}

// The first component with one of `codes`, or null.
const Multiaddr::Component *findComponent(const QList<Multiaddr::Component> &components,
                                          std::initializer_list<quint32> codes)
{
    for (const Multiaddr::Component &c : components) {
        if (std::find(codes.begin(), codes.end(), c.code) != codes.end())
            return &c;
    }
    return nullptr;
}

} // namespace

std::optional<Multiaddr> Multiaddr::fromString(QStringView text, QString *error)
{
    if (!text.startsWith(u'/'))
        return fail<Multiaddr>(error, u"a multiaddr must start with '/'"_s);
    QStringView rest = text.mid(1);
    while (rest.endsWith(u'/'))
        rest.chop(1);
    if (rest.isEmpty())
        return fail<Multiaddr>(error, u"the multiaddr has no components"_s);

    const QList<QStringView> parts = rest.split(u'/');
    QByteArray bytes;
    int number = 0;
    for (qsizetype i = 0; i < parts.size();) {
        ++number;
        const QStringView name = parts[i++];
        if (name.isEmpty())
            return fail<Multiaddr>(error, u"component %1 is empty (\"//\")"_s.arg(number));
        const Protocol *p = protocolByName(name);
        if (!p) {
            return fail<Multiaddr>(error, u"unknown protocol '%1' (component %2)"_s
                                              .arg(name, QString::number(number)));
        }
        QByteArray raw;
        if (p->kind != Kind::None) {
            if (i >= parts.size()) {
                return fail<Multiaddr>(error, u"component %1 (%2) has no value"_s.arg(number)
                                                  .arg(p->name));
            }
            QString why;
            const std::optional<QByteArray> value = valueFromText(*p, parts[i++], &why);
            if (!value) {
                return fail<Multiaddr>(error, u"component %1 (%2) is not valid: %3"_s.arg(number)
                                                  .arg(p->name, why));
            }
            raw = *value;
        }
        encoding::appendUvarint(bytes, p->code);
        if (p->size < 0)
            encoding::appendUvarint(bytes, static_cast<quint64>(raw.size()));
        bytes.append(raw);
    }
    return fromBinary(bytes, error);
}

std::optional<Multiaddr> Multiaddr::fromBinary(QByteArrayView bytes, QString *error)
{
    if (bytes.isEmpty())
        return fail<Multiaddr>(error, u"the multiaddr is empty"_s);
    Multiaddr result;
    qsizetype pos = 0;
    QString why;
    while (pos < bytes.size()) {
        const qsizetype offset = pos;
        quint64 code = 0;
        if (!encoding::readUvarint(bytes, &pos, &code, &why))
            return fail<Multiaddr>(error, u"the protocol code is not valid: "_s + why);
        if (pos - offset != encoding::uvarintSize(code)) {
            return fail<Multiaddr>(error, u"the protocol code at byte offset %1 is not minimally "
                                          u"encoded"_s.arg(offset));
        }
        const Protocol *p = protocolByCode(code);
        if (!p) {
            return fail<Multiaddr>(error, u"unknown protocol code 0x%1 at byte offset %2"_s
                                              .arg(code, 0, 16).arg(offset));
        }
        quint64 size = static_cast<quint64>(p->size);
        if (p->size < 0) {
            const qsizetype lengthOffset = pos;
            if (!encoding::readUvarint(bytes, &pos, &size, &why)) {
                return fail<Multiaddr>(error, u"the length of the %1 value is not valid: "_s
                                                  .arg(p->name) + why);
            }
            if (pos - lengthOffset != encoding::uvarintSize(size)) {
                return fail<Multiaddr>(error, u"the length at byte offset %1 is not minimally "
                                              u"encoded"_s.arg(lengthOffset));
            }
        }
        if (size > static_cast<quint64>(bytes.size() - pos)) {
            return fail<Multiaddr>(error, u"the %1 value at byte offset %2 is truncated: it needs "
                                          u"%3 bytes, %4 left"_s
                                              .arg(p->name).arg(pos).arg(size)
                                              .arg(bytes.size() - pos));
        }
        const QByteArrayView raw = bytes.sliced(pos, static_cast<qsizetype>(size));
        const std::optional<QString> text = valueToText(*p, raw, &why);
        if (!text) {
            return fail<Multiaddr>(error, u"the %1 value at byte offset %2 is not valid: %3"_s
                                              .arg(p->name).arg(pos).arg(why));
        }
        result.m_components.append({p->code, p->name, *text, raw.toByteArray()});
        pos += raw.size();
    }
    result.m_bytes = bytes.toByteArray();
    return result;
}

bool Multiaddr::isEmpty() const
{
    return m_components.isEmpty();
}

QString Multiaddr::toString() const
{
    QString out;
    for (const Component &c : m_components) {
        out += u'/' + c.name;
        if (protocolByCode(c.code)->size != 0)
            out += u'/' + c.value;
    }
    return out;
}

QByteArray Multiaddr::toBinary() const
{
    return m_bytes;
}

QList<Multiaddr::Component> Multiaddr::components() const
{
    return m_components;
}

bool Multiaddr::hasProtocol(quint32 code) const
{
    return findComponent(m_components, {code}) != nullptr;
}

QString Multiaddr::valueForProtocol(quint32 code) const
{
    const Component *c = findComponent(m_components, {code});
    return c ? c->value : QString();
}

std::optional<StoreId> Multiaddr::storeId() const
{
    const Component *c = findComponent(m_components, {Thread});
    return c ? StoreId::fromBinary(c->rawValue) : std::nullopt;
}

QString Multiaddr::peerId() const
{
    return valueForProtocol(P2p);
}

QString Multiaddr::host() const
{
    const Component *c = findComponent(m_components, {Ip4, Ip6, Dns, Dns4, Dns6, DnsAddr});
    return c ? c->value : QString();
}

int Multiaddr::port() const
{
    const Component *c = findComponent(m_components, {Tcp, Udp});
    return c ? c->value.toInt() : -1;
}

Multiaddr::Scope Multiaddr::scope() const
{
    const Component *c = findComponent(m_components, {Ip4, Ip6, Dns, Dns4, Dns6, DnsAddr});
    if (c && c->code == Ip4)
        return classifyIp4(c->rawValue);
    if (c && c->code == Ip6)
        return classifyIp6(c->rawValue);
    return Scope::Unknown;
}

QString Multiaddr::scopeName(Scope scope)
{
    switch (scope) {
    case Scope::Loopback: return u"loopback"_s;
    case Scope::Private: return u"private"_s;
    case Scope::LinkLocal: return u"link-local"_s;
    case Scope::Public: return u"public"_s;
    case Scope::Unknown: break;
    }
    return u"unknown"_s;
}

QString Multiaddr::protocolName(quint32 code)
{
    const Protocol *p = protocolByCode(code);
    return p ? QString(p->name) : QString();
}

bool operator==(const Multiaddr &a, const Multiaddr &b)
{
    return a.toBinary() == b.toBinary();
}

bool operator!=(const Multiaddr &a, const Multiaddr &b)
{
    return !(a == b);
}

size_t qHash(const Multiaddr &address, size_t seed) noexcept
{
    return qHash(address.toBinary(), seed);
}

QDebug operator<<(QDebug debug, const Multiaddr &address)
{
    const QDebugStateSaver saver(debug);
    debug.nospace() << "Multiaddr(" << address.toString() << ')';
    return debug;
}

} // namespace loom
