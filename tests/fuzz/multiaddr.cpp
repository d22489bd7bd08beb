// Multiaddr::fromString / fromBinary (addresses in links and in the daemon's replies). The first
// byte picks text or binary.
#include "fuzz.h"

#include "multiaddr.h"

using namespace loom;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    QString error;
    const std::optional<Multiaddr> a = data[0] % 2 == 0 ? Multiaddr::fromString(fuzz::text(data + 1, size - 1), &error)
                                                        : Multiaddr::fromBinary(fuzz::bytes(data + 1, size - 1), &error);
    if (!a)
        return 0;
    const auto fromText = Multiaddr::fromString(a->toString());
    fuzz::check(fromText && *fromText == *a, "text round trip");
    const auto fromBinary = Multiaddr::fromBinary(a->toBinary());
    fuzz::check(fromBinary && *fromBinary == *a, "binary round trip");
    (void)a->host();
    (void)a->port();
    (void)a->peerId();
    (void)a->storeId();
    (void)Multiaddr::scopeName(a->scope());
    return 0;
}
