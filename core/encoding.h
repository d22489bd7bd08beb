#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <optional>

// Text and binary encodings used by the daemon's data formats (threads-api.md §4.1-§4.4):
// RFC 4648 base32/base64/hex, Bitcoin base58, multibase prefixes, IP address text and
// unsigned varints.
//
// Decoders are strict: they return std::nullopt and, when `error` is not null, store a message
// saying what is wrong and where. Character positions in messages count from `firstPosition`
// (1 by default, i.e. "position 1" is the first character of `text`); callers that decode a
// slice of a larger text pass the slice's own position so that messages point into the whole
// text. Messages name at most one offending character, never the surrounding text, so they are
// safe to show for secrets (thread keys).
namespace loom::encoding {

enum class Base64Variant {
    Standard, // RFC 4648 §4 alphabet (+ /)
    Url,      // RFC 4648 §5 alphabet (- _)
};

// RFC 4648 base32, lower-case alphabet a-z 2-7, no padding.
QString toBase32(QByteArrayView data);
// Accepts upper- and lower-case letters; rejects padding, characters outside the alphabet,
// impossible lengths and non-zero unused bits in the last character.
std::optional<QByteArray> fromBase32(QStringView text, QString *error = nullptr,
                                     qsizetype firstPosition = 1);

// Bitcoin base58 (the "base58btc" of multibase). Leading zero bytes map to leading '1's.
// Decoding takes time quadratic in the length, so texts longer than MaxBase58Length characters
// are refused before decoding (what Loom reads in base58, keys and peer IDs, is under 100).
inline constexpr qsizetype MaxBase58Length = 1024;
QString toBase58(QByteArrayView data);
std::optional<QByteArray> fromBase58(QStringView text, QString *error = nullptr,
                                     qsizetype firstPosition = 1);

// Lower-case hexadecimal; the decoder accepts either case and needs an even length.
QString toHex(QByteArrayView data);
std::optional<QByteArray> fromHex(QStringView text, QString *error = nullptr,
                                  qsizetype firstPosition = 1);

// RFC 4648 base64 without padding.
QString toBase64(QByteArrayView data, Base64Variant variant = Base64Variant::Standard);
std::optional<QByteArray> fromBase64(QStringView text,
                                     Base64Variant variant = Base64Variant::Standard,
                                     QString *error = nullptr, qsizetype firstPosition = 1);

// Multibase: one prefix character naming the base, then the encoded data. Supported prefixes:
// b / B (base32 lower / upper, no padding; 'b' is the default and what the daemon emits),
// c / C (base32 padded), z (base58btc), f / F (hex lower / upper), m (base64), M (base64
// padded), u (base64url) and U (base64url padded). Encoding with an unsupported prefix gives an
// empty string. Decoding accepts either letter case for the base32 and hex forms.
QString multibaseEncode(QByteArrayView data, QChar prefix = u'b');
std::optional<QByteArray> multibaseDecode(QStringView text, QString *error = nullptr,
                                          qsizetype firstPosition = 1);
// The base a multibase prefix names ("base32", "base58btc", ...), or an empty string if the
// prefix is not one multibaseDecode() supports.
QString multibaseName(QChar prefix);

// Text forms of IP addresses (the ip4/ip6 values of multiaddrs).
// IPv4: dotted quad, decimal octets without leading zeros. IPv6 output follows RFC 5952 (lower
// case, first longest run of two or more zero groups as "::", IPv4-mapped as ::ffff:a.b.c.d);
// input accepts full, "::"-compressed and embedded-IPv4 forms, but no zone ("%eth0").
// The *ToString functions need exactly 4 / 16 bytes and return an empty string otherwise.
QString ip4ToString(QByteArrayView bytes);
std::optional<QByteArray> ip4FromString(QStringView text, QString *error = nullptr);
QString ip6ToString(QByteArrayView bytes);
std::optional<QByteArray> ip6FromString(QStringView text, QString *error = nullptr);

// Unsigned LEB128 varints, as Go's encoding/binary (which the daemon uses for thread IDs).
void appendUvarint(QByteArray &out, quint64 value);
QByteArray uvarint(quint64 value);
// Number of bytes appendUvarint() writes for `value` (1-10).
int uvarintSize(quint64 value);
// Reads one varint at *pos and advances *pos past it. Fails like the daemon: when the data
// ends inside the varint ("buffer too small") and when the value does not fit in 64 bits
// ("bigger than 64 bits"). Non-minimal encodings are accepted, as Go's binary.Uvarint does;
// compare the bytes read with uvarintSize() to detect them.
bool readUvarint(QByteArrayView data, qsizetype *pos, quint64 *out, QString *error = nullptr);

} // namespace loom::encoding
