#include "entitypager.h"

#include "browser/models/entitymodel.h"
#include "browser/models/livemerger.h"

#include "browser/models/entitynode_p.h"
#include "browser/models/pagequery.h"
#include "jsonrules.h"
#include "threadsclient.h"

using namespace Qt::StringLiterals;

namespace loom {

using detail::EntityNode;
using detail::Highlight;

namespace {

constexpr int kRefreshPage = 1000;

} // namespace

EntityPager::EntityPager(EntityModel *model)
    : QObject(model)
    , m_model(model)
{
}

EntityPager::~EntityPager()
{
    if (m_pageReply)
        m_pageReply->cancel();
    if (m_refreshReply)
        m_refreshReply->cancel();
}

bool EntityPager::inLoadedRange(const QString &id) const
{
    if (!m_query.index().isEmpty())
        return false; // index order is not _id order: the next reload shows it
    if (m_atEnd && !m_limitReached)
        return true;
    return !m_lastPagedId.isEmpty() && !m_model->idLess(m_lastPagedId, id);
}

void EntityPager::setPageSize(int first, int largest)
{
    m_pageSize = std::max(1, first);
    m_largestPage = std::max(m_pageSize, largest);
    m_nextPage = m_pageSize;
}

void EntityPager::reload()
{
    setQuery(m_query);
}

void EntityPager::setQuery(const Query &query)
{
    stopLoadAll();
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
    m_model->setDescending(paging::descending(query));
    m_lastPagedId.clear();
    m_pagedCount = 0;
    m_nextPage = m_pageSize;
    m_atEnd = false;
    m_limitReached = false;
    m_failed = false;
    m_lastError = {};
    m_model->live()->clearDeferred();
    m_model->resetKeepingUnsaved();

    m_model->notifyCountChanged();
    requestPage();
}

void EntityPager::requestPage()
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
    const Query q = paging::page(m_query, m_lastPagedId, rows);
    m_requested = q.limit();
    const BrowserContext &context = m_model->context();
    // Packed on gRPC's thread: the rows keep the JSON text (entitynode_p.h), nothing to convert here.
    auto *reply = context.client->findPacked(context.store, context.collection, q);
    context.track(reply, tr("load the entities of %1").arg(context.collection));
    m_pageReply = reply;
    reply->then(this, [this, generation = m_generation](auto *r) { onPage(generation, r); });
    Q_EMIT loadingChanged(true);
}

void EntityPager::onPage(quint64 generation, Reply<QList<PackedInstance>> *reply)
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
    QList<PackedInstance> docs = reply->takeResult(); // ids from the client's id field (ID on v0.1)
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
        m_lastPagedId = docs.last().id;

    std::vector<std::unique_ptr<EntityNode>> fresh;
    fresh.reserve(size_t(docs.size()));
    QStringList unpin;
    for (PackedInstance &doc : docs) {
        if (EntityNode *existing = m_model->byKey(doc.id)) {
            // Already here: brought in by Listen, or pinned (opened by id, kept for its edits).
            if (existing->pinned)
                unpin.append(doc.id);
            if (!existing->edit && existing->stored.packed() != doc.json) {
                const QJsonObject object = packedjson::unpack(doc.json);
                if (existing->stored != object)
                    m_model->setStored(existing, object, Highlight::None);
            }
            continue;
        }
        // Copied here rather than kept: made on gRPC's thread among the page's temporaries, they
        // would pin its heap's pages (RSS) long after the temporaries are gone.
        auto node = std::make_unique<EntityNode>();
        node->key = QString(doc.id.constData(), doc.id.size());
        node->stored.setPacked(QByteArray(doc.json.constData(), doc.json.size()));
        fresh.push_back(std::move(node));
    }
    const int added = int(fresh.size());
    m_model->insertEntities(m_model->pagedEnd(), std::move(fresh));
    for (const QString &id : std::as_const(unpin))
        m_model->unpin(m_model->byKey(id));
    Q_EMIT loadingChanged(false);
    Q_EMIT pageLoaded(added, reply->elapsedMs());
    Q_EMIT loaded();
    m_model->notifyCountChanged();
    m_model->live()->applyDeferred();
}

void EntityPager::refreshLoaded()
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

void EntityPager::requestRefreshPage()
{
    const int rows = m_query.index().isEmpty() ? kRefreshPage : m_query.limit();
    const Query q = paging::page(m_query, m_refreshFirst ? QString() : m_refreshAfter, rows);
    // (A background re-read: not shown in the status bar.)
    const BrowserContext &context = m_model->context();
    auto *reply = context.client->find(context.store, context.collection, q);
    m_refreshReply = reply;
    reply->then(this, [this, generation = m_generation, requested = q.limit()](auto *r) {
        if (generation == m_generation)
            onRefreshPage(requested, r);
    });
}

void EntityPager::onRefreshPage(int requested, Reply<QList<Instance>> *reply)
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
    const qsizetype received = paging::trimPage(docs, m_refreshFirst ? QString() : m_refreshAfter, m_model->idField());
    bool end = received < requested || requested == 0 || !m_query.index().isEmpty();
    QString upTo;
    if (!m_refreshUntil.isEmpty()) {
        while (!docs.isEmpty() && m_model->idLess(m_refreshUntil, docs.last().value(m_model->idField()).toString())) {
            docs.removeLast();
            end = true;
        }
        if (!docs.isEmpty() && docs.last().value(m_model->idField()).toString() == m_refreshUntil)
            end = true;
        upTo = end ? m_refreshUntil : docs.last().value(m_model->idField()).toString();
    } else if (!end && !docs.isEmpty()) {
        upTo = docs.last().value(m_model->idField()).toString();
    }
    reconcile(m_refreshFirst ? QString() : m_refreshAfter, upTo, docs);
    if (!docs.isEmpty())
        m_refreshAfter = docs.last().value(m_model->idField()).toString();
    m_refreshFirst = false;
    if (!end && !docs.isEmpty()) {
        requestRefreshPage();
        return;
    }
    m_refreshing = false;
    Q_EMIT loaded();
    Q_EMIT refreshFinished();
    if (std::exchange(m_refreshAgain, false))
        refreshLoaded();
}

// The daemon's current rows for the _id range (after, upTo] (either end open when empty) replace
// what the model holds there: missing ones fade out, changed ones update, new ones appear.
void EntityPager::reconcile(const QString &after, const QString &upTo, const QList<Instance> &docs)
{
    QSet<QString> present;
    present.reserve(docs.size());
    for (const Instance &doc : docs)
        present.insert(doc.value(m_model->idField()).toString());
    QStringList gone;
    for (int i = m_model->pagedBegin(); i < m_model->pagedEnd(); ++i) {
        const EntityNode *node = m_model->rowAt(i);
        if (node->deleted || present.contains(node->key))
            continue;
        const bool aboveLow = after.isEmpty() || m_model->idLess(after, node->key);
        const bool belowHigh = upTo.isEmpty() || !m_model->idLess(upTo, node->key);
        if (aboveLow && belowHigh)
            gone.append(node->key);
    }
    bool changed = false;
    LiveMerger *live = m_model->live();
    for (const QString &id : std::as_const(gone))
        changed |= live->removeRemote(id);
    LiveMerger::Nodes inserts;
    for (const Instance &doc : docs)
        changed |= live->upsertRemote(doc, &inserts, true);
    m_model->insertSorted(std::move(inserts));
    if (changed)
        m_model->notifyHighlighted();
    m_model->notifyCountChanged();
}

// --- Loading all --------------------------------------------------------------------------------

void EntityPager::loadAll(int limit)
{
    m_loadAllLimit = std::max(1, limit);
    // Queued: the next page is asked for after the page's own signals have all been handled.
    connect(this, &EntityPager::pageLoaded, this, &EntityPager::continueLoadAll,
            Qt::ConnectionType(Qt::QueuedConnection | Qt::UniqueConnection));
    connect(this, &EntityPager::loadFailed, this, &EntityPager::stopLoadAll, Qt::UniqueConnection);
    continueLoadAll();
}

void EntityPager::stopLoadAll()
{
    if (m_loadAllLimit <= 0)
        return;
    m_loadAllLimit = 0;
    Q_EMIT loadAllFinished(m_atEnd);
}

void EntityPager::continueLoadAll()
{
    if (m_loadAllLimit <= 0)
        return;
    if (m_atEnd || m_failed || m_model->loadedCount() >= m_loadAllLimit) {
        stopLoadAll();
        return;
    }
    requestPage(); // (nothing if a page is on its way: its arrival continues)
}

} // namespace loom
