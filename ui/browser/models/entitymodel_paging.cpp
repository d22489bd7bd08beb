// EntityModel: the query, paging (limit N, then seek = last id) and re-reading the loaded range.
#include "entitymodel.h"

#include "entitynode_p.h"
#include "pagequery.h"
#include "threadsclient.h"

using namespace Qt::StringLiterals;

namespace loom {

using detail::EntityNode;
using detail::Highlight;

namespace {

const QString kId = u"_id"_s;
constexpr int kRefreshPage = 1000;

QString idOf(const QJsonObject &doc)
{
    return doc.value(kId).toString();
}

} // namespace

void EntityModel::setPageSize(int first, int largest)
{
    m_pageSize = std::max(1, first);
    m_largestPage = std::max(m_pageSize, largest);
    m_nextPage = m_pageSize;
}

bool EntityModel::isLoading() const
{
    return m_pageReply != nullptr;
}

void EntityModel::reload()
{
    setQuery(m_query);
}

void EntityModel::setQuery(const Query &query)
{
    ++m_generation;
    if (m_pageReply)
        m_pageReply->cancel();
    if (m_refreshReply)
        m_refreshReply->cancel();
    m_pageReply = nullptr;
    m_refreshReply = nullptr;
    m_refreshing = false;
    m_refreshAgain = false;

    m_query = query;
    // A sort on a field other than _id is applied to the loaded rows by the view's proxy;
    // limit, seek and skip are the pager's.
    m_descending = paging::descending(query);

    beginResetModel();
    // Unsaved work survives a new query: new entities stay on top, edited ones are pinned below.
    std::vector<std::unique_ptr<EntityNode>> kept;
    std::vector<std::unique_ptr<EntityNode>> pinned;
    for (auto &node : m_rows) {
        if (node->isNew()) {
            kept.push_back(std::move(node));
        } else if (node->edit || (node->pinned && !node->deleted)) {
            node->pinned = true;
            pinned.push_back(std::move(node));
        }
    }
    m_rows = std::move(kept);
    m_newCount = int(m_rows.size());
    m_pinnedCount = int(pinned.size());
    for (auto &node : pinned)
        m_rows.push_back(std::move(node));
    m_byKey.clear();
    m_edited.clear();
    for (const auto &node : m_rows) {
        m_byKey.insert(node->key, node.get());
        if (node->edit)
            m_edited.insert(node.get());
    }
    renumber(0);
    m_lastPagedId.clear();
    m_pagedCount = 0;
    m_nextPage = m_pageSize;
    m_atEnd = false;
    m_limitReached = false;
    m_failed = false;
    m_lastError = {};
    m_deferred.clear();
    endResetModel();

    Q_EMIT countChanged();
    requestPage();
}

Query EntityModel::pageQuery(const QString &after, int rows) const
{
    return paging::page(m_query, after, rows);
}

bool EntityModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_failed;
}

void EntityModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        requestPage();
}

void EntityModel::requestPage()
{
    if (m_pageReply || m_atEnd || m_failed)
        return;
    // The first page small (shown at once), later ones larger (fewer round trips and relayouts).
    int rows = m_nextPage;
    m_nextPage = std::min(m_largestPage, m_nextPage * 2);
    if (m_query.limit() > 0)
        rows = std::min(rows, m_query.limit() - m_pagedCount);
    if (!m_query.index().isEmpty())
        rows = m_query.limit(); // an index walk is not in _id order: one request, no paging
    if (rows <= 0 && m_query.index().isEmpty()) {
        m_atEnd = true;
        return;
    }
    const Query q = pageQuery(m_lastPagedId, rows);
    m_requested = q.limit();
    auto *reply = m_client->find(m_store, m_collection, q);
    m_pageReply = reply;
    const quint64 generation = m_generation;
    connect(reply, &ReplyBase::finished, this, [this, generation, reply] { onPage(generation, reply); });
    Q_EMIT loadingChanged(true);
}

void EntityModel::onPage(quint64 generation, Reply<QList<Instance>> *reply)
{
    if (generation != m_generation)
        return; // a reply for a query that is no longer shown
    m_pageReply = nullptr;
    Q_EMIT pageArrived();
    if (!reply->ok()) {
        m_failed = true;
        m_lastError = reply->error();
        Q_EMIT loadingChanged(false);
        Q_EMIT loadFailed(m_lastError);
        return;
    }
    QList<Instance> docs = reply->takeResult();
    const qsizetype received = paging::trimPage(docs, m_lastPagedId);
    if (!m_query.index().isEmpty() || received < m_requested || m_requested == 0)
        m_atEnd = true;
    if (m_query.limit() > 0 && m_pagedCount + docs.size() >= m_query.limit()) {
        docs.resize(m_query.limit() - m_pagedCount);
        m_atEnd = true;
        m_limitReached = true;
    }
    m_pagedCount += int(docs.size());
    if (!docs.isEmpty())
        m_lastPagedId = idOf(docs.last());

    std::vector<std::unique_ptr<EntityNode>> fresh;
    fresh.reserve(size_t(docs.size()));
    QStringList unpin;
    for (Instance &doc : docs) {
        const QString id = idOf(doc);
        if (EntityNode *existing = byKey(id)) {
            // Already here: brought in by Listen, or pinned (opened by id, kept for its edits).
            if (existing->pinned)
                unpin.append(id);
            if (!existing->edit && existing->stored != doc)
                setStored(existing, doc, Highlight::None);
            continue;
        }
        auto node = std::make_unique<EntityNode>();
        node->key = id;
        node->stored = std::move(doc);
        fresh.push_back(std::move(node));
    }
    const int added = int(fresh.size());
    insertEntities(pagedEnd(), std::move(fresh));
    for (const QString &id : std::as_const(unpin)) {
        EntityNode *node = byKey(id);
        const int to = insertPosition(id);
        moveEntity(node->row, to);
        node->pinned = false;
        --m_pinnedCount;
    }
    Q_EMIT loadingChanged(false);
    Q_EMIT pageLoaded(added, reply->elapsedMs());
    Q_EMIT countChanged();
    if (!m_deferred.isEmpty())
        applyChanges(std::exchange(m_deferred, {}));
}

void EntityModel::refreshLoaded()
{
    if (m_refreshing) {
        m_refreshAgain = true;
        return;
    }
    m_failed = false;
    if (m_pagedCount == 0 && !m_atEnd) {
        requestPage();
        return;
    }
    m_refreshing = true;
    m_refreshFirst = true;
    m_refreshAfter.clear();
    m_refreshUntil = (m_atEnd && !m_limitReached) ? QString() : m_lastPagedId;
    requestRefreshPage();
}

void EntityModel::requestRefreshPage()
{
    const int rows = m_query.index().isEmpty() ? kRefreshPage : m_query.limit();
    const Query q = pageQuery(m_refreshFirst ? QString() : m_refreshAfter, rows);
    auto *reply = m_client->find(m_store, m_collection, q);
    m_refreshReply = reply;
    const quint64 generation = m_generation;
    const int requested = q.limit();
    connect(reply, &ReplyBase::finished, this, [this, generation, reply, requested] {
        if (generation == m_generation)
            onRefreshPage(requested, reply);
    });
}

void EntityModel::onRefreshPage(int requested, Reply<QList<Instance>> *reply)
{
    m_refreshReply = nullptr;
    if (!reply->ok()) {
        m_refreshing = false;
        m_refreshAgain = false;
        m_lastError = reply->error();
        Q_EMIT loadFailed(m_lastError);
        return;
    }
    QList<Instance> docs = reply->takeResult();
    const qsizetype received = paging::trimPage(docs, m_refreshFirst ? QString() : m_refreshAfter);
    bool end = received < requested || requested == 0 || !m_query.index().isEmpty();
    QString upTo;
    if (!m_refreshUntil.isEmpty()) {
        while (!docs.isEmpty() && idLess(m_refreshUntil, idOf(docs.last()))) {
            docs.removeLast();
            end = true;
        }
        if (!docs.isEmpty() && idOf(docs.last()) == m_refreshUntil)
            end = true;
        upTo = end ? m_refreshUntil : idOf(docs.last());
    } else if (!end && !docs.isEmpty()) {
        upTo = idOf(docs.last());
    }
    reconcile(m_refreshFirst ? QString() : m_refreshAfter, upTo, docs);
    if (!docs.isEmpty())
        m_refreshAfter = idOf(docs.last());
    m_refreshFirst = false;
    if (!end && !docs.isEmpty()) {
        requestRefreshPage();
        return;
    }
    m_refreshing = false;
    Q_EMIT refreshFinished();
    if (std::exchange(m_refreshAgain, false))
        refreshLoaded();
}

// The daemon's current rows for the _id range (after, upTo] (either end open when empty) replace
// what the model holds there: missing ones fade out, changed ones update, new ones appear.
void EntityModel::reconcile(const QString &after, const QString &upTo, const QList<Instance> &docs)
{
    QSet<QString> present;
    present.reserve(docs.size());
    for (const Instance &doc : docs)
        present.insert(idOf(doc));
    QStringList gone;
    for (int i = pagedBegin(); i < pagedEnd(); ++i) {
        const EntityNode *node = m_rows[size_t(i)].get();
        if (node->deleted || present.contains(node->key))
            continue;
        const bool aboveLow = after.isEmpty() || idLess(after, node->key);
        const bool belowHigh = upTo.isEmpty() || !idLess(upTo, node->key);
        if (aboveLow && belowHigh)
            gone.append(node->key);
    }
    bool changed = false;
    for (const QString &id : std::as_const(gone))
        changed |= removeRemote(id);
    std::vector<std::unique_ptr<EntityNode>> inserts;
    for (const Instance &doc : docs)
        changed |= upsertRemote(doc, &inserts, true);
    flushInserts(std::move(inserts));
    if (changed)
        Q_EMIT highlighted();
    Q_EMIT countChanged();
}

} // namespace loom
