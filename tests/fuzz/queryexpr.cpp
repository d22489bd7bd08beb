// The query bar's language (core/queryexpr.h): parseQueryExpression on any text, the way back
// with toQueryExpression, and completion at any cursor. Invariants: a mistake lies within the
// text (or just after it); what parses is a valid query whose text parses back to it; a valid
// JSON query that the language can say comes back the same from its text.
#include "fuzz.h"

#include "queryexpr.h"

using namespace loom;

namespace {

void roundTrip(const Query &q)
{
    const auto text = toQueryExpression(q);
    if (!text)
        return;
    QueryExprError error;
    const auto again = parseQueryExpression(*text, &error);
    fuzz::check(again.has_value(), "toQueryExpression() parses again");
    fuzz::check(*again == q, "toQueryExpression() parses back to the same query");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = fuzz::text(data, size);
    QueryExprError error;
    const auto query = parseQueryExpression(text, &error);
    if (query) {
        fuzz::check(error.message.isEmpty(), "no error when parsed");
        fuzz::check(query->validate().isEmpty(), "what parses is valid");
        roundTrip(*query);
    } else {
        fuzz::check(!error.message.isEmpty(), "a refusal says why");
        fuzz::check(error.column >= 1 && error.length >= 0 && error.column - 1 + error.length <= text.size(),
                    "the mistake lies within the text");
    }
    if (looksLikeJsonQuery(text)) {
        if (const auto json = Query::fromJson(fuzz::bytes(data, size)); json && json->validate().isEmpty())
            roundTrip(*json);
    }
    for (const qsizetype cursor : {qsizetype(0), text.size() / 2, text.size()}) {
        const QueryExprCompletion c = queryExprCompletionAt(text, cursor);
        fuzz::check(c.start >= 0 && c.start <= cursor && c.end >= cursor && c.end <= text.size(), "the word is around the cursor");
    }
    return 0;
}
