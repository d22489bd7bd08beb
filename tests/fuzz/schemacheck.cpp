// schemacheck::checkSchema / checkIndexes (schemas typed by people, read from files, or sent by an
// inviting daemon).
#include "fuzz.h"

#include "schemacheck.h"

using namespace loom;
using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView json = fuzz::bytes(data, size);
    const QList<schemacheck::Problem> problems = schemacheck::checkSchema(json);
    fuzz::check(problems.size() <= 202, "the problem list is bounded");
    bool warningSeen = false;
    for (const schemacheck::Problem &p : problems) {
        warningSeen = warningSeen || p.severity == schemacheck::Problem::Warning;
        fuzz::check(!warningSeen || p.severity == schemacheck::Problem::Warning, "errors come first");
    }
    (void)schemacheck::checkIndexes(json, {{u"a"_s, false}, {u"a.b"_s, true}, {u"_id"_s, false}, {QString(), false}});
    return 0;
}
