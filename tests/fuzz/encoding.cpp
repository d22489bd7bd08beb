// Decoders of untrusted text and bytes in encoding.h. The first byte picks the decoder.
#include "fuzz.h"

#include "encoding.h"

using namespace loom;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const uint8_t which = data[0] % 9;
    const QString t = fuzz::text(data + 1, size - 1);
    const QByteArrayView b = fuzz::bytes(data + 1, size - 1);
    QString error;
    switch (which) {
    case 0:
        if (const auto d = encoding::fromBase32(t, &error))
            fuzz::check(encoding::toBase32(*d) == t.toLower(), "base32 round trip");
        break;
    case 1:
        if (const auto d = encoding::fromBase58(t, &error))
            fuzz::check(encoding::toBase58(*d) == t, "base58 round trip");
        break;
    case 2:
        if (const auto d = encoding::fromHex(t, &error))
            fuzz::check(encoding::toHex(*d) == t.toLower(), "hex round trip");
        break;
    case 3:
        if (const auto d = encoding::fromBase64(t, encoding::Base64Variant::Standard, &error))
            fuzz::check(encoding::toBase64(*d) == t, "base64 round trip");
        break;
    case 4:
        if (const auto d = encoding::fromBase64(t, encoding::Base64Variant::Url, &error))
            fuzz::check(encoding::toBase64(*d, encoding::Base64Variant::Url) == t, "base64url round trip");
        break;
    case 5:
        if (const auto d = encoding::multibaseDecode(t, &error)) {
            const auto again = encoding::multibaseDecode(encoding::multibaseEncode(*d, t.front()));
            fuzz::check(again && *again == *d, "multibase round trip");
        }
        break;
    case 6: {
        qsizetype pos = 0;
        quint64 value = 0;
        while (pos < b.size()) {
            const qsizetype before = pos;
            if (!encoding::readUvarint(b, &pos, &value, &error))
                break;
            fuzz::check(pos > before && pos - before <= 10, "varint length");
            qsizetype again = 0;
            quint64 same = 0;
            fuzz::check(encoding::readUvarint(encoding::uvarint(value), &again, &same) && same == value,
                        "varint round trip");
        }
        break;
    }
    case 7:
        if (const auto d = encoding::ip4FromString(t, &error))
            fuzz::check(d->size() == 4 && encoding::ip4ToString(*d) == t, "ip4 round trip");
        break;
    case 8:
        if (const auto d = encoding::ip6FromString(t, &error)) {
            fuzz::check(d->size() == 16, "ip6 size");
            const auto again = encoding::ip6FromString(encoding::ip6ToString(*d));
            fuzz::check(again && *again == *d, "ip6 round trip");
        }
        break;
    }
    return 0;
}
