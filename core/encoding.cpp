#include "encoding.h"

#include <QList>

#include <array>
#include <vector>

using namespace Qt::StringLiterals;

namespace loom::encoding {

namespace {

constexpr char kBase32[] = "abcdefghijklmnopqrstuvwxyz234567";
constexpr char kBase58[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
constexpr char kHex[] = "0123456789abcdef";
constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// An RFC 4648 "bit group" base: base16, base32 or base64.
struct BitBase
{
    QLatin1StringView name;
    const char *alphabet; // 2^bits characters
    int bits;
    bool caseInsensitive;
    int blockChars; // characters in one padded block
};

constexpr BitBase kBase32Base{"base32"_L1, kBase32, 5, true, 8};
constexpr BitBase kHexBase{"hex"_L1, kHex, 4, true, 2};
constexpr BitBase kBase64Base{"base64"_L1, kBase64, 6, false, 4};
constexpr BitBase kBase64UrlBase{"base64url"_L1, kBase64Url, 6, false, 4};

// The multibase prefixes this file supports; base == nullptr means base58btc.
struct MultibaseForm
{
    char16_t prefix;
    const BitBase *base;
    bool padded;
    bool upperCase;
};

constexpr MultibaseForm kMultibaseForms[] = {
    {u'b', &kBase32Base, false, false},   {u'B', &kBase32Base, false, true},
    {u'c', &kBase32Base, true, false},    {u'C', &kBase32Base, true, true},
    {u'z', nullptr, false, false},        {u'f', &kHexBase, false, false},
    {u'F', &kHexBase, false, true},       {u'm', &kBase64Base, false, false},
    {u'M', &kBase64Base, true, false},    {u'u', &kBase64UrlBase, false, false},
    {u'U', &kBase64UrlBase, true, false},
};

const MultibaseForm *multibaseForm(QChar prefix)
{
    for (const MultibaseForm &form : kMultibaseForms) {
        if (form.prefix == prefix.unicode())
            return &form;
    }
    return nullptr;
}

std::nullopt_t fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

// A printable rendering of one character for error messages: 'x', or U+XXXX when it would
// not be visible.
QString describeChar(QChar c)
{
    if (c.unicode() > 0x20 && c.unicode() < 0x7f)
        return u'\'' + QString(c) + u'\'';
    if (c == u' ')
        return u"' ' (a space)"_s;
    return u"U+%1"_s.arg(static_cast<uint>(c.unicode()), 4, 16, QLatin1Char('0')).toUpper();
}

int alphabetIndex(const char *alphabet, int size, QChar c, bool caseInsensitive)
{
    if (c.unicode() > 0x7f)
        return -1;
    char ch = static_cast<char>(c.unicode());
    if (caseInsensitive && ch >= 'A' && ch <= 'Z')
        ch = static_cast<char>(ch - 'A' + 'a');
    for (int i = 0; i < size; ++i) {
        if (alphabet[i] == ch)
            return i;
    }
    return -1;
}

QString encodeBits(QByteArrayView data, const BitBase &base)
{
    const quint32 mask = (1u << base.bits) - 1;
    QString out;
    out.reserve((data.size() * 8 + base.bits - 1) / base.bits);
    quint32 buffer = 0;
    int bufferedBits = 0;
    for (const char byte : data) {
        buffer = (buffer << 8) | static_cast<quint8>(byte);
        bufferedBits += 8;
        while (bufferedBits >= base.bits) {
            bufferedBits -= base.bits;
            out += QLatin1Char(base.alphabet[(buffer >> bufferedBits) & mask]);
        }
        buffer &= (1u << bufferedBits) - 1;
    }
    if (bufferedBits > 0)
        out += QLatin1Char(base.alphabet[(buffer << (base.bits - bufferedBits)) & mask]);
    return out;
}

std::optional<QByteArray> decodeBits(QStringView text, const BitBase &base, bool padded,
                                     QString *error, qsizetype firstPosition)
{
    qsizetype length = text.size();
    if (padded) {
        while (length > 0 && text[length - 1] == u'=')
            --length;
        const qsizetype padding = text.size() - length;
        if (padding > 0 && (text.size() % base.blockChars != 0 || padding >= base.blockChars)) {
            return fail(error, u"the padded %1 text has %2 characters; padded text comes in "
                               u"blocks of %3"_s
                                   .arg(base.name).arg(text.size()).arg(base.blockChars));
        }
    }

    QByteArray out;
    out.reserve(length * base.bits / 8);
    quint32 buffer = 0;
    int bufferedBits = 0;
    const int alphabetSize = 1 << base.bits;
    for (qsizetype i = 0; i < length; ++i) {
        const int value = alphabetIndex(base.alphabet, alphabetSize, text[i], base.caseInsensitive);
        if (value < 0) {
            QString message = u"character %1 at position %2 is not in the %3 alphabet"_s
                                  .arg(describeChar(text[i]),
                                       QString::number(firstPosition + i), base.name);
            if (text[i] == u'=')
                message += u" (this form has no padding)"_s;
            return fail(error, message);
        }
        buffer = (buffer << base.bits) | static_cast<quint32>(value);
        bufferedBits += base.bits;
        if (bufferedBits >= 8) {
            bufferedBits -= 8;
            out.append(static_cast<char>((buffer >> bufferedBits) & 0xff));
        }
        buffer &= (1u << bufferedBits) - 1;
    }
    if (bufferedBits >= base.bits) {
        return fail(error, u"the %1 text is truncated: %2 characters do not make whole bytes"_s
                               .arg(base.name).arg(length));
    }
    if (buffer != 0) {
        return fail(error, u"the last %1 character (position %2) has non-zero unused bits, "
                           u"so the text is not a canonical encoding"_s
                               .arg(base.name).arg(firstPosition + length - 1));
    }
    return out;
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

bool isHexGroup(QStringView s)
{
    for (const QChar c : s) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')))
            return false;
    }
    return !s.isEmpty() && s.size() <= 4;
}

} // namespace

QString toBase32(QByteArrayView data)
{
    return encodeBits(data, kBase32Base);
}

std::optional<QByteArray> fromBase32(QStringView text, QString *error, qsizetype firstPosition)
{
    return decodeBits(text, kBase32Base, false, error, firstPosition);
}

QString toHex(QByteArrayView data)
{
    return encodeBits(data, kHexBase);
}

std::optional<QByteArray> fromHex(QStringView text, QString *error, qsizetype firstPosition)
{
    return decodeBits(text, kHexBase, false, error, firstPosition);
}

QString toBase64(QByteArrayView data, Base64Variant variant)
{
    return encodeBits(data, variant == Base64Variant::Url ? kBase64UrlBase : kBase64Base);
}

std::optional<QByteArray> fromBase64(QStringView text, Base64Variant variant, QString *error,
                                     qsizetype firstPosition)
{
    return decodeBits(text, variant == Base64Variant::Url ? kBase64UrlBase : kBase64Base, false,
                      error, firstPosition);
}

QString toBase58(QByteArrayView data)
{
    qsizetype zeros = 0;
    while (zeros < data.size() && data[zeros] == 0)
        ++zeros;
    std::vector<quint8> digits; // base-58 digits, least significant first
    digits.reserve(static_cast<size_t>(data.size()) * 138 / 100 + 1);
    for (qsizetype i = zeros; i < data.size(); ++i) {
        quint32 carry = static_cast<quint8>(data[i]);
        for (quint8 &digit : digits) {
            carry += static_cast<quint32>(digit) << 8;
            digit = static_cast<quint8>(carry % 58);
            carry /= 58;
        }
        while (carry > 0) {
            digits.push_back(static_cast<quint8>(carry % 58));
            carry /= 58;
        }
    }
    QString out(zeros, u'1');
    out.reserve(zeros + static_cast<qsizetype>(digits.size()));
    for (auto it = digits.rbegin(); it != digits.rend(); ++it)
        out += QLatin1Char(kBase58[*it]);
    return out;
}

std::optional<QByteArray> fromBase58(QStringView text, QString *error, qsizetype firstPosition)
{
    if (text.size() > MaxBase58Length) {
        return fail(error, u"the base58btc text has %1 characters; at most %2 are accepted"_s
                               .arg(text.size()).arg(MaxBase58Length));
    }
    qsizetype ones = 0;
    while (ones < text.size() && text[ones] == u'1')
        ++ones;
    std::vector<quint8> bytes; // base-256 digits, least significant first
    bytes.reserve(static_cast<size_t>(text.size()) * 733 / 1000 + 1);
    for (qsizetype i = ones; i < text.size(); ++i) {
        const int value = alphabetIndex(kBase58, 58, text[i], false);
        if (value < 0) {
            return fail(error, u"character %1 at position %2 is not in the base58btc alphabet"_s
                                   .arg(describeChar(text[i]),
                                        QString::number(firstPosition + i)));
        }
        quint32 carry = static_cast<quint32>(value);
        for (quint8 &byte : bytes) {
            carry += static_cast<quint32>(byte) * 58;
            byte = static_cast<quint8>(carry & 0xff);
            carry >>= 8;
        }
        while (carry > 0) {
            bytes.push_back(static_cast<quint8>(carry & 0xff));
            carry >>= 8;
        }
    }
    QByteArray out(ones, '\0');
    out.reserve(ones + static_cast<qsizetype>(bytes.size()));
    for (auto it = bytes.rbegin(); it != bytes.rend(); ++it)
        out.append(static_cast<char>(*it));
    return out;
}

QString multibaseEncode(QByteArrayView data, QChar prefix)
{
    const MultibaseForm *form = multibaseForm(prefix);
    if (!form)
        return {};
    QString text = form->base ? encodeBits(data, *form->base) : toBase58(data);
    if (form->upperCase)
        text = text.toUpper();
    while (form->padded && text.size() % form->base->blockChars != 0)
        text += u'=';
    return prefix + text;
}

QString multibaseName(QChar prefix)
{
    const MultibaseForm *form = multibaseForm(prefix);
    if (!form)
        return {};
    return form->base ? QString(form->base->name) : u"base58btc"_s;
}

std::optional<QByteArray> multibaseDecode(QStringView text, QString *error,
                                          qsizetype firstPosition)
{
    if (text.isEmpty())
        return fail(error, u"the multibase text is empty"_s);
    const MultibaseForm *form = multibaseForm(text.front());
    if (!form) {
        return fail(error, u"unknown multibase prefix %1 at position %2 (expected b, B, c, C, "
                           u"z, f, F, m, M, u or U)"_s
                               .arg(describeChar(text.front()),
                                    QString::number(firstPosition)));
    }
    if (!form->base)
        return fromBase58(text.mid(1), error, firstPosition + 1);
    return decodeBits(text.mid(1), *form->base, form->padded, error, firstPosition + 1);
}

std::optional<QByteArray> ip4FromString(QStringView text, QString *error)
{
    const QList<QStringView> parts = text.split(u'.');
    if (parts.size() != 4)
        return fail(error, u"'%1' is not a dotted-quad IPv4 address"_s.arg(text));
    QByteArray out;
    for (const QStringView part : parts) {
        if (!isDigits(part) || part.size() > 3 || (part.size() > 1 && part.front() == u'0')
            || part.toInt() > 255) {
            return fail(error, u"'%1' in '%2' is not an IPv4 octet (0-255, no leading zeros)"_s
                                   .arg(part, text));
        }
        out.append(static_cast<char>(part.toInt()));
    }
    return out;
}

QString ip4ToString(QByteArrayView b)
{
    if (b.size() != 4)
        return {};
    return u"%1.%2.%3.%4"_s.arg(byteAt(b, 0)).arg(byteAt(b, 1)).arg(byteAt(b, 2)).arg(byteAt(b, 3));
}

// Full, "::"-compressed and embedded-IPv4 ("::ffff:1.2.3.4") forms; no zone ("%eth0").
std::optional<QByteArray> ip6FromString(QStringView text, QString *error)
{
    const qsizetype gap = text.indexOf(u"::");
    if (gap >= 0 && text.indexOf(u"::", gap + 1) >= 0)
        return fail(error, u"'::' may appear only once in '%1'"_s.arg(text));
    // The groups before and after "::"; without one, everything is "before".
    const QStringView sides[2] = {gap < 0 ? text : text.left(gap),
                                  gap < 0 ? QStringView() : text.mid(gap + 2)};
    QByteArray bytes[2];
    for (int side = 0; side < 2; ++side) {
        if (sides[side].isEmpty())
            continue;
        const QList<QStringView> groups = sides[side].split(u':');
        for (qsizetype i = 0; i < groups.size(); ++i) {
            const bool last = (side == 1 || gap < 0) && i == groups.size() - 1;
            if (last && groups[i].contains(u'.')) {
                const std::optional<QByteArray> ip4 = ip4FromString(groups[i], error);
                if (!ip4)
                    return std::nullopt;
                bytes[side] += *ip4;
            } else if (isHexGroup(groups[i])) {
                const quint16 value = groups[i].toUShort(nullptr, 16);
                bytes[side] += static_cast<char>(value >> 8);
                bytes[side] += static_cast<char>(value & 0xff);
            } else {
                return fail(error, u"'%1' is not an IPv6 group (1 to 4 hex digits)"_s
                                       .arg(groups[i]));
            }
        }
    }
    const qsizetype count = (bytes[0].size() + bytes[1].size()) / 2;
    if ((gap < 0 && count != 8) || (gap >= 0 && count > 7)) {
        return fail(error, u"'%1' has %2 groups; an IPv6 address has 8 (fewer only with "
                           u"'::')"_s.arg(text, QString::number(count)));
    }
    return bytes[0] + QByteArray(16 - bytes[0].size() - bytes[1].size(), '\0') + bytes[1];
}

// RFC 5952: lower case, no leading zeros, the first longest run (>= 2) of zero groups as "::",
// IPv4-mapped addresses as ::ffff:a.b.c.d.
QString ip6ToString(QByteArrayView b)
{
    if (b.size() != 16)
        return {};
    std::array<quint16, 8> groups{};
    for (int i = 0; i < 8; ++i)
        groups[i] = static_cast<quint16>(byteAt(b, 2 * i) << 8 | byteAt(b, 2 * i + 1));
    if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
        && groups[5] == 0xffff) {
        return u"::ffff:"_s + ip4ToString(b.sliced(12));
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8;) {
        int j = i;
        while (j < 8 && groups[j] == 0)
            ++j;
        if (j - i > bestLength) {
            bestStart = i;
            bestLength = j - i;
        }
        i = j > i ? j : i + 1;
    }
    QString out;
    for (int i = 0; i < 8; ++i) {
        if (i == bestStart) {
            out += u"::"_s;
            i += bestLength - 1;
            continue;
        }
        if (!out.isEmpty() && !out.endsWith(u':'))
            out += u':';
        out += QString::number(groups[i], 16);
    }
    return out;
}

void appendUvarint(QByteArray &out, quint64 value)
{
    while (value >= 0x80) {
        out.append(static_cast<char>((value & 0x7f) | 0x80));
        value >>= 7;
    }
    out.append(static_cast<char>(value));
}

QByteArray uvarint(quint64 value)
{
    QByteArray out;
    appendUvarint(out, value);
    return out;
}

int uvarintSize(quint64 value)
{
    int size = 1;
    while (value >= 0x80) {
        value >>= 7;
        ++size;
    }
    return size;
}

bool readUvarint(QByteArrayView data, qsizetype *pos, quint64 *out, QString *error)
{
    constexpr qsizetype kMaxLength = 10; // Go's binary.MaxVarintLen64
    const qsizetype start = *pos;
    quint64 value = 0;
    unsigned shift = 0;
    for (qsizetype i = start; i < data.size(); ++i) {
        const qsizetype index = i - start;
        const quint8 byte = static_cast<quint8>(data[i]);
        if (index == kMaxLength || (index == kMaxLength - 1 && byte > 1)) {
            if (error) {
                *error = u"reading varint at byte offset %1: varint bigger than 64 bits and "
                         u"not supported"_s.arg(start);
            }
            return false;
        }
        if (byte < 0x80) {
            *out = value | (static_cast<quint64>(byte) << shift);
            *pos = i + 1;
            return true;
        }
        value |= static_cast<quint64>(byte & 0x7f) << shift;
        shift += 7;
    }
    if (error) {
        *error = start >= data.size()
            ? u"reading varint at byte offset %1: buffer too small (no bytes left)"_s.arg(start)
            : u"reading varint at byte offset %1: buffer too small (the data ends inside the "
              u"varint)"_s.arg(start);
    }
    return false;
}

} // namespace loom::encoding
