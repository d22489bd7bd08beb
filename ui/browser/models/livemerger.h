#pragma once

#include "types.h"

#include <QList>
#include <QObject>

#include <memory>
#include <vector>

namespace loom {

class EntityModel;
namespace detail {
struct EntityNode;
}

// Folds the daemon's changes into an entity model's rows: a Listen batch in one pass (only the
// last event per entity counts; new rows inserted in blocks; changed rows updated and lit up;
// deleted ones faded out), and the pages the pager re-reads after events may have been lost.
// An entity that has a working copy is left to EntityEdits (its save's echo, or a conflict).
// Events that arrive while a page is on its way wait for it.
class LiveMerger final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveMerger)

public:
    explicit LiveMerger(EntityModel *model);

    void applyChanges(const QList<loom::ChangeEvent> &events);
    qint64 liveEventsApplied() const { return m_applied; }

    // For the pager.
    using Nodes = std::vector<std::unique_ptr<detail::EntityNode>>;
    // `trusted`: the document comes from a query of the model's own (no need to match it again).
    bool upsertRemote(const QJsonObject &doc, Nodes *inserts, bool trusted);
    bool removeRemote(const QString &id);
    void applyDeferred();
    void clearDeferred() { m_deferred.clear(); }

private:
    EntityModel *m_model;
    qint64 m_applied = 0;
    QList<ChangeEvent> m_deferred; // events that arrived while a page was on its way
};

} // namespace loom
