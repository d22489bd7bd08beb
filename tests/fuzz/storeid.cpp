// StoreId::fromString / fromBinary (store ids from links, the command line and replies).
#include "fuzz.h"

#include "storeid.h"

using namespace loom;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QString error;
    if (const auto id = StoreId::fromString(fuzz::text(data, size), &error)) {
        const auto again = StoreId::fromString(id->toString());
        fuzz::check(again && *again == *id, "text round trip");
    }
    if (const auto id = StoreId::fromBinary(fuzz::bytes(data, size), &error)) {
        const auto again = StoreId::fromBinary(id->bytes());
        fuzz::check(again && *again == *id, "binary round trip");
    }
    return 0;
}
