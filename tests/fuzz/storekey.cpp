// StoreKey::fromString / fromBinary (keys from links, files and the command line).
#include "fuzz.h"

#include "storekey.h"

#include <QRegularExpression>

using namespace loom;
using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QString error;
    const QString text = fuzz::text(data, size);
    if (const auto key = StoreKey::fromString(text, &error)) {
        const auto again = StoreKey::fromString(key->toString());
        fuzz::check(again && *again == *key, "text round trip");
        fuzz::check(!key->masked().contains(key->toString().mid(4)), "masked() hides the key");
    } else {
        // Messages never quote key text (at most one character of it).
        static const QRegularExpression keyLike(u"^[A-Za-z0-9]{16,}$"_s);
        fuzz::check(!keyLike.match(text).hasMatch() || !error.contains(text.mid(1, 15)), "error quotes the key");
    }
    if (const auto key = StoreKey::fromBinary(fuzz::bytes(data, size)))
        fuzz::check(key->bytes() == fuzz::bytes(data, size), "binary round trip");
    return 0;
}
