#pragma once

#include "error.h"
#include "packedjson.h"
#include "query.h"
#include "reply.h"
#include "types.h"

#include <QObject>
#include <QPointer>

namespace loom {

class EntityModel;

// Loads the rows of an entity model's query: in pages (limit N, then seek = the last id; see
// pagequery.h), the first small (shown at once) and later ones larger, when views ask for more
// (fetchMore). refreshLoaded() re-reads the loaded range in pages of its own and reconciles it
// with the rows (after a Listen stream was re-established and events may have been lost),
// keeping unsaved edits. A reply for a query no longer shown is dropped by its generation.
class EntityPager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityPager)

public:
    explicit EntityPager(EntityModel *model);
    ~EntityPager() override;

    void setQuery(const Query &query); // drops the loaded rows (unsaved ones stay) and loads again
    const Query &query() const { return m_query; }
    // Pages start at `first` rows and double up to `largest` (0: every page has `first` rows).
    void setPageSize(int first, int largest = 0);
    int pageSize() const { return m_pageSize; }
    void reload();
    void refreshLoaded();
    bool canFetchMore() const { return !m_atEnd && !m_failed; }
    void fetchMore() { requestPage(); }
    bool isLoading() const { return m_pageReply != nullptr; }
    bool isRefreshing() const { return m_refreshing; }
    bool atEnd() const { return m_atEnd; }
    bool loadFailedState() const { return m_failed; }
    Error lastError() const { return m_lastError; }
    // Whether an entity with this id belongs among the loaded rows (by the query's _id order).
    bool inLoadedRange(const QString &id) const;

    // Pages on to the end of the query, or until `limit` rows are loaded: the next page is asked
    // for when one is in (queued), so the GUI thread never waits. loadAllFinished(complete)
    // when it stops: complete = the query's end was reached. A new query stops it.
    static constexpr int kLoadAllLimit = 20000;
    void loadAll(int limit = kLoadAllLimit);
    void stopLoadAll();
    bool isLoadingAll() const { return m_loadAllLimit > 0; }

Q_SIGNALS:
    void loadingChanged(bool loading);
    void pageArrived();                        // a page's reply is here (its rows go in next)
    void pageLoaded(int rows, qint64 replyMs); // rows are in the model
    void loadFailed(const loom::Error &error);
    void loaded(); // a page or a refresh succeeded (what a "could not load" message waits for)
    void refreshFinished();
    void loadAllFinished(bool complete);

private:
    void requestPage();
    void onPage(quint64 generation, Reply<QList<PackedInstance>> *reply);
    void requestRefreshPage();
    void onRefreshPage(int requested, Reply<QList<Instance>> *reply);
    void reconcile(const QString &after, const QString &upTo, const QList<Instance> &docs);
    void continueLoadAll();

    EntityModel *m_model;
    Query m_query;
    int m_pageSize = 200; // the first page; later ones grow to m_largestPage
    int m_largestPage = 1000;
    int m_nextPage = 200;
    quint64 m_generation = 0;
    QPointer<ReplyBase> m_pageReply;
    int m_requested = 0;
    QString m_lastPagedId;
    int m_pagedCount = 0;
    bool m_atEnd = false;
    bool m_limitReached = false;
    bool m_failed = false;
    Error m_lastError;

    bool m_refreshing = false;
    bool m_refreshAgain = false;
    QPointer<ReplyBase> m_refreshReply;
    QString m_refreshAfter; // last id reconciled so far
    QString m_refreshUntil; // empty = to the end
    bool m_refreshFirst = true;
    int m_loadAllLimit = 0; // > 0 while loading all
};

} // namespace loom
