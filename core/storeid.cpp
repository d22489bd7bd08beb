#include "storeid.h"

#include "encoding.h"

#include <QDebug>
#include <QHashFunctions>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

constexpr quint64 kVersion1 = 0x01;
constexpr int kRandomBytes = 32;

} // namespace

StoreId::StoreId(QByteArray bytes)
    : m_bytes(std::move(bytes))
{
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
    return encoding::multibaseEncode(m_bytes);
}

StoreId::Variant StoreId::variant() const
{
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
