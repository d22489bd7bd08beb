#pragma once

#include "jsonrules.h"
#include "packedjson.h"
#include "query.h"

namespace loom::paging {

// Walking a query's results in pages (threads-api.md §4.7.3): the first page with the query's
// own seek and skip, then seek = the last id of the previous page. The query's criteria, an _id
// sort and its index are kept; a sort on another field is left to the caller (the daemon would
// only sort each page).

// The query sent for every page: criteria, _id sort, index.
Query wireQuery(const Query &query);
bool descending(const Query &query);
// The page after `after` (empty: the first page) of at most `rows` entities. Pages after the
// first ask for rows + 1 and start at `after` itself (seek is inclusive), so the caller drops a
// leading `after`: unlike skip = 1, nothing is lost when `after` no longer matches.
Query page(const Query &query, const QString &after, int rows);
// Drops a leading `after` from a page; returns how many entities the daemon sent.
qsizetype trimPage(QList<QJsonObject> &docs, const QString &after, const QString &idField = QString(json::kIdField));
qsizetype trimPage(QList<PackedInstance> &docs, const QString &after);

} // namespace loom::paging
