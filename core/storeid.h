#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QMetaType>
#include <QString>
#include <QStringView>

#include <optional>

class QDebug;

namespace loom {

// The daemon's thread / DB identifier (threads-api.md §4.1).
// Binary: uvarint(version = 1) ‖ uvarint(variant: 0x55 raw or 0x70 access controlled) ‖ random
// bytes (at least one). Text: multibase, emitted with prefix 'b' (base32, lower case, no
// padding); a 34-byte raw ID gives 56 characters starting with "bafk".
// A default-constructed StoreId is invalid (empty).
//
// Legacy v0.1 daemons name their stores by a UUID string they choose (NewStore): such an id is a
// legacy id (isLegacy()); its bytes() and toString() are the UUID text (lower case). fromString()
// reads both forms.
class StoreId
{
public:
    enum class Variant : quint8 {
        Raw = 0x55,
        AccessControlled = 0x70,
    };

    StoreId() = default;

    // 01 55 + 32 random bytes from QRandomGenerator::system(), as the official clients make them.
    static StoreId generate(Variant variant = Variant::Raw);
    // Strict parsers: std::nullopt and a message in *error when the input is not a valid ID.
    static std::optional<StoreId> fromBinary(QByteArrayView bytes, QString *error = nullptr);
    // Any multibase prefix the daemon accepts (see encoding::multibaseDecode).
    static std::optional<StoreId> fromString(QStringView text, QString *error = nullptr);
    // A legacy store id: a UUID "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (hex digits, any case).
    static std::optional<StoreId> fromLegacyUuid(QStringView text, QString *error = nullptr);

    bool isValid() const;
    bool isLegacy() const;
    QByteArray bytes() const;
    // Multibase base32 ('b' prefix), the daemon's own text form; empty for an invalid ID.
    QString toString() const;
    Variant variant() const;
    bool isAccessControlled() const;

private:
    explicit StoreId(QByteArray bytes, bool legacy = false);

    QByteArray m_bytes;
    bool m_legacy = false;
};

bool operator==(const StoreId &a, const StoreId &b);
bool operator!=(const StoreId &a, const StoreId &b);
// Orders by binary form, like the daemon's IDSlice; for use as a QMap/std::map key.
bool operator<(const StoreId &a, const StoreId &b);
size_t qHash(const StoreId &id, size_t seed = 0) noexcept;
QDebug operator<<(QDebug debug, const StoreId &id);

} // namespace loom

Q_DECLARE_TYPEINFO(loom::StoreId, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(loom::StoreId)
