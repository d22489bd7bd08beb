#include "pagequery.h"

#include "jsonrules.h"

using namespace Qt::StringLiterals;

namespace loom::paging {

namespace {
// Above every id (the largest code point): where a descending walk starts. threadsd returns
// nothing for an _id-descending query without a seek.
const QString kTopSeek = QString::fromUtf8("\xF4\x8F\xBF\xBF");
} // namespace

Query wireQuery(const Query &query)
{
    Query q;
    q.setAnds(query.ands());
    q.setOrs(query.ors());
    if (query.sort() && !query.sortsOnClient())
        q.setSort(query.sort());
    if (!query.index().isEmpty())
        q.useIndex(query.index());
    return q;
}

bool descending(const Query &query)
{
    return query.sort() && !query.sortsOnClient() && query.sort()->desc;
}

Query page(const Query &query, const QString &after, int rows)
{
    Query q = wireQuery(query);
    if (after.isEmpty()) {
        if (!query.seek().isEmpty())
            q.seekTo(query.seek());
        else if (descending(query))
            q.seekTo(kTopSeek);
        if (query.skip() > 0)
            q.withSkip(query.skip());
        q.withLimit(rows);
    } else {
        q.seekTo(after);
        q.withLimit(rows + 1);
    }
    return q;
}

qsizetype trimPage(QList<QJsonObject> &docs, const QString &after, const QString &idField)
{
    const qsizetype received = docs.size();
    if (!after.isEmpty() && !docs.isEmpty() && docs.first().value(idField).toString() == after)
        docs.removeFirst();
    return received;
}

qsizetype trimPage(QList<PackedInstance> &docs, const QString &after)
{
    const qsizetype received = docs.size();
    if (!after.isEmpty() && !docs.isEmpty() && docs.first().id == after)
        docs.removeFirst();
    return received;
}

} // namespace loom::paging
