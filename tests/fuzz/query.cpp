// Query::fromJson (raw JSON queries from the query bar and loom-cli --query).
#include "fuzz.h"

#include "query.h"

using namespace loom;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QString error;
    const auto query = Query::fromJson(fuzz::bytes(data, size), &error);
    if (!query)
        return 0;
    (void)query->validate();
    (void)query->warnings();
    (void)query->toWireJson();
    const auto again = Query::fromJson(query->toJson(), &error);
    fuzz::check(again.has_value(), "toJson() parses again");
    return 0;
}
