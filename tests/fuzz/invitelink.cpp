// InviteLink::parse (links pasted by people or passed to loom-cli store join).
#include "fuzz.h"

#include "encoding.h"
#include "invitelink.h"

using namespace loom;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QString error;
    const QString text = fuzz::text(data, size);
    if (const auto link = InviteLink::parse(text, &error)) {
        const auto again = InviteLink::parse(link->toString());
        fuzz::check(again && *again == *link, "round trip");
        if (link->form() == InviteLink::Legacy) { // legacy v0.1: two 44-byte keys, no StoreKey
            const QString masked = link->maskedString();
            fuzz::check(!masked.contains(encoding::toBase58(link->legacyKeys().followKey))
                            && !masked.contains(encoding::toBase58(link->legacyKeys().readKey)),
                        "maskedString() hides the legacy keys");
        } else {
            fuzz::check(!link->maskedString().contains(link->key().toString()), "maskedString() hides the key");
        }
    }
    return 0;
}
