#include "storeid.h"

#include "encoding.h"

#include <QDebug>
#include <QHashFunctions>
#include <QRandomGenerator>

#include <cctype>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

constexpr quint64 kVersion1 = 0x01;
constexpr int kRandomBytes = 32;

} // namespace

StoreId::StoreId(QByteArray bytes, bool legacy)
    : m_bytes(std::move(bytes))
    , m_legacy(legacy)
{
}

std::optional<StoreId> StoreId::fromLegacyUuid(QStringView text, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<StoreId> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const QStringView t = text.trimmed();
    if (t.isEmpty())
        return fail(u"the store ID text is empty"_s);
    if (t.size() != 36)
        return fail(u"a legacy store ID is a UUID of 36 characters (8-4-4-4-12 hex digits); this one has %1"_s
                        .arg(t.size()));
    for (qsizetype i = 0; i < t.size(); ++i) {
        const QChar c = t[i];
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != u'-' : !isxdigit(c.unicode() < 128 ? int(c.unicode()) : 0))
            return fail(u"a legacy store ID is a UUID (8-4-4-4-12 hex digits); character %1 (\u201c%2\u201d) "
                        u"does not fit"_s.arg(i + 1).arg(c));
    }
    return StoreId(t.toString().toLower().toLatin1(), true);
}

bool StoreId::isLegacy() const
{
    return m_legacy;
}

StoreId StoreId::generate(Variant variant)
{
    QByteArray bytes;
    bytes.reserve(2 + kRandomBytes);
    encoding::appendUvarint(bytes, kVersion1);
    encoding::appendUvarint(bytes, static_cast<quint64>(variant));
    QRandomGenerator *random = QRandomGenerator::system();
    for (int i = 0; i < kRandomBytes / 4; ++i) {
        const quint32 word = random->generate();
        for (int shift = 0; shift < 32; shift += 8)
            bytes.append(static_cast<char>((word >> shift) & 0xff));
    }
    return StoreId(bytes);
}

std::optional<StoreId> StoreId::fromBinary(QByteArrayView bytes, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<StoreId> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (bytes.isEmpty())
        return fail(u"the store ID is empty"_s);

    qsizetype pos = 0;
    quint64 version = 0;
    QString why;
    if (!encoding::readUvarint(bytes, &pos, &version, &why))
        return fail(u"the store ID's version is not valid: "_s + why);
    if (version != kVersion1) {
        return fail(u"the store ID has version %1 (byte offset 0); expected 1"_s.arg(version));
    }
    const qsizetype variantOffset = pos;
    quint64 variant = 0;
    if (!encoding::readUvarint(bytes, &pos, &variant, &why))
        return fail(u"the store ID's variant is not valid: "_s + why);
    if (variant != static_cast<quint64>(Variant::Raw)
        && variant != static_cast<quint64>(Variant::AccessControlled)) {
        return fail(u"the store ID has variant 0x%1 (byte offset %2); expected 0x55 (raw) or "
                    u"0x70 (access controlled)"_s
                        .arg(variant, 2, 16, QLatin1Char('0'))
                        .arg(variantOffset));
    }
    if (pos >= bytes.size())
        return fail(u"the store ID has no random bytes after its version and variant"_s);
    return StoreId(bytes.toByteArray());
}

std::optional<StoreId> StoreId::fromString(QStringView text, QString *error)
{
    if (text.isEmpty()) {
        if (error)
            *error = u"the store ID text is empty"_s;
        return std::nullopt;
    }
    // A UUID is a legacy v0.1 store id (36 characters with dashes: never valid multibase text).
    if (text.size() == 36 && text[8] == u'-' && text[13] == u'-')
        return fromLegacyUuid(text, error);
    QString why;
    const std::optional<QByteArray> bytes = encoding::multibaseDecode(text, &why);
    if (!bytes) {
        if (error)
            *error = u"the store ID text is not valid multibase: "_s + why;
        return std::nullopt;
    }
    return fromBinary(*bytes, error);
}

bool StoreId::isValid() const
{
    return !m_bytes.isEmpty();
}

QByteArray StoreId::bytes() const
{
    return m_bytes;
}

QString StoreId::toString() const
{
    if (!isValid())
        return {};
    if (m_legacy)
        return QString::fromLatin1(m_bytes);
    return encoding::multibaseEncode(m_bytes);
}

StoreId::Variant StoreId::variant() const
{
    if (m_legacy)
        return Variant::Raw;
    qsizetype pos = 0;
    quint64 value = 0;
    if (encoding::readUvarint(m_bytes, &pos, &value) && encoding::readUvarint(m_bytes, &pos, &value)
        && value == static_cast<quint64>(Variant::AccessControlled)) {
        return Variant::AccessControlled;
    }
    return Variant::Raw;
}

bool StoreId::isAccessControlled() const
{
    return isValid() && variant() == Variant::AccessControlled;
}

bool operator==(const StoreId &a, const StoreId &b)
{
    return a.bytes() == b.bytes();
}

bool operator!=(const StoreId &a, const StoreId &b)
{
    return !(a == b);
}

bool operator<(const StoreId &a, const StoreId &b)
{
    return a.bytes() < b.bytes();
}

size_t qHash(const StoreId &id, size_t seed) noexcept
{
    return qHash(id.bytes(), seed);
}

QDebug operator<<(QDebug debug, const StoreId &id)
{
    const QDebugStateSaver saver(debug);
    debug.nospace() << "StoreId(" << (id.isValid() ? id.toString() : u"invalid"_s) << ')';
    return debug;
}

} // namespace loom
