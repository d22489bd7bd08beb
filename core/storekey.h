#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDebug>
#include <QMetaType>
#include <QString>
#include <QStringView>

#include <optional>

namespace loom {

// A thread key (threads-api.md §4.2): service key (32 bytes) ‖ read key (32 bytes) = 64 bytes;
// 32 bytes means service-only. Text form: multibase base32 ('b' prefix, lower case, no padding),
// 104 characters for a full key, 53 for a service-only key.
//
// A key is a secret. There is deliberately no QDebug operator, and no error message built here
// contains key text (only positions and single characters). Show keys with masked().
class StoreKey
{
public:
    static constexpr qsizetype KeySize = 32;
    // The longest text of a 64-byte key in any multibase form fromString() accepts (hex: 'f'
    // and 128 digits). Longer texts are refused before they are decoded.
    static constexpr qsizetype MaxTextLength = 129;

    StoreKey() = default;

    // A new full key: 64 bytes from QRandomGenerator::system().
    static StoreKey generate();
    // Strict parsers: 32 or 64 bytes.
    static std::optional<StoreKey> fromBinary(QByteArrayView bytes, QString *error = nullptr);
    // Any multibase prefix the daemon accepts. Error positions count from `firstPosition`.
    static std::optional<StoreKey> fromString(QStringView text, QString *error = nullptr,
                                              qsizetype firstPosition = 1);
    // Service key and optional read key, each 32 bytes (the read key may be empty).
    static std::optional<StoreKey> fromParts(QByteArrayView serviceKey, QByteArrayView readKey,
                                             QString *error = nullptr);

    bool isValid() const;
    bool hasReadKey() const;
    QByteArray bytes() const;
    QByteArray serviceKey() const;
    QByteArray readKey() const; // empty for a service-only key
    // Multibase base32 ('b'); empty for an invalid key. This is the secret itself.
    QString toString() const;
    // Safe to show and log: the first 4 characters of toString(), then "…(hidden)".
    QString masked() const;

private:
    explicit StoreKey(QByteArray bytes);

    QByteArray m_bytes;
};

bool operator==(const StoreKey &a, const StoreKey &b);
bool operator!=(const StoreKey &a, const StoreKey &b);
// Printing a key would leak it: use masked(). (QDebug is included, not declared: clang refuses
// a deleted function whose parameter or result type is incomplete.)
QDebug operator<<(QDebug debug, const StoreKey &key) = delete;

} // namespace loom

Q_DECLARE_TYPEINFO(loom::StoreKey, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(loom::StoreKey)
