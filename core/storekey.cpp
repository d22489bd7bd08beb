#include "storekey.h"

#include "encoding.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

std::optional<StoreKey> fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

} // namespace

StoreKey::StoreKey(QByteArray bytes)
    : m_bytes(std::move(bytes))
{
}

StoreKey StoreKey::generate()
{
    QByteArray bytes;
    bytes.reserve(2 * KeySize);
    QRandomGenerator *random = QRandomGenerator::system();
    for (qsizetype i = 0; i < 2 * KeySize / 4; ++i) {
        const quint32 word = random->generate();
        for (int shift = 0; shift < 32; shift += 8)
            bytes.append(static_cast<char>((word >> shift) & 0xff));
    }
    return StoreKey(bytes);
}

std::optional<StoreKey> StoreKey::fromBinary(QByteArrayView bytes, QString *error)
{
    if (bytes.size() != KeySize && bytes.size() != 2 * KeySize) {
        return fail(error, u"a thread key is 64 bytes (service key and read key) or 32 bytes "
                           u"(service key only), not %1 bytes"_s.arg(bytes.size()));
    }
    return StoreKey(bytes.toByteArray());
}

std::optional<StoreKey> StoreKey::fromString(QStringView text, QString *error,
                                             qsizetype firstPosition)
{
    if (text.isEmpty())
        return fail(error, u"the key text is empty"_s);
    if (text.size() > MaxTextLength) {
        return fail(error, u"the key text has %1 characters; a thread key's text has at most %2"_s
                               .arg(text.size()).arg(MaxTextLength));
    }
    QString why;
    const std::optional<QByteArray> bytes = encoding::multibaseDecode(text, &why, firstPosition);
    if (!bytes) {
        const QString base = encoding::multibaseName(text.front());
        return fail(error, u"the key is not valid "_s
                               + (base.isEmpty() ? u"multibase"_s : base) + u": "_s + why);
    }
    return fromBinary(*bytes, error);
}

std::optional<StoreKey> StoreKey::fromParts(QByteArrayView serviceKey, QByteArrayView readKey,
                                            QString *error)
{
    if (serviceKey.size() != KeySize) {
        return fail(error, u"the service key is %1 bytes; expected %2"_s.arg(serviceKey.size())
                               .arg(KeySize));
    }
    if (!readKey.isEmpty() && readKey.size() != KeySize) {
        return fail(error, u"the read key is %1 bytes; expected %2"_s.arg(readKey.size())
                               .arg(KeySize));
    }
    QByteArray bytes = serviceKey.toByteArray();
    bytes.append(readKey);
    return StoreKey(bytes);
}

bool StoreKey::isValid() const
{
    return !m_bytes.isEmpty();
}

bool StoreKey::hasReadKey() const
{
    return m_bytes.size() == 2 * KeySize;
}

QByteArray StoreKey::bytes() const
{
    return m_bytes;
}

QByteArray StoreKey::serviceKey() const
{
    return m_bytes.left(KeySize);
}

QByteArray StoreKey::readKey() const
{
    return hasReadKey() ? m_bytes.mid(KeySize) : QByteArray();
}

QString StoreKey::toString() const
{
    if (!isValid())
        return {};
    return encoding::multibaseEncode(m_bytes);
}

QString StoreKey::masked() const
{
    if (!isValid())
        return u"(no key)"_s;
    return toString().left(4) + u"…(hidden)"_s;
}

bool operator==(const StoreKey &a, const StoreKey &b)
{
    return a.bytes() == b.bytes();
}

bool operator!=(const StoreKey &a, const StoreKey &b)
{
    return !(a == b);
}

} // namespace loom
