#include "entitydrafts.h"

#include "browser/models/entitymodel.h"
#include "browser/models/entitynode_p.h"
#include "browser/models/jsonvalues.h"
#include "threadsclient.h"

#include <QFile>
#include <QSet>

using namespace Qt::StringLiterals;

namespace loom {

namespace {
constexpr int kDebounceMs = 500;
} // namespace

EntityDrafts::EntityDrafts(const BrowserContext &context, EntityModel *model, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_model(model)
    , m_daemon(context.client->endpoint())
    , m_path(drafts::pathFor(m_daemon, context.store.toString(), context.collection))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &EntityDrafts::writeNow);
    if (QFile::exists(m_path)) {
        QString error;
        if (std::optional<Draft> draft = drafts::read(m_path, &error); draft && !draft->isEmpty()) {
            m_pending = std::move(draft);
            m_lastWritten = m_pending->entities;
            m_fileExists = true;
        } else if (!draft) {
            // Kept aside rather than overwritten: it may still be read by hand.
            QFile::remove(m_path + u".unreadable"_s);
            QFile::rename(m_path, m_path + u".unreadable"_s);
            m_lastError = error;
        }
    }
    EntityEdits *edits = model->edits();
    // Typing: once it pauses. What is unsaved changing (a save, a revert, a new entity, a
    // conflict, a created entity getting its id): at once (coalesced in one write).
    // (Live changes announce documents too: only unsaved ones matter, a hash lookup.)
    connect(edits, &EntityEdits::documentChanged, this, [this](const QString &key) {
        if (m_model->isDirty(key))
            schedule(kDebounceMs);
    });
    connect(edits, &EntityEdits::dirtyChanged, this, [this] { schedule(0); });
    connect(edits, &EntityEdits::unsavedChangesChanged, this, [this] { schedule(0); });
    connect(edits, &EntityEdits::keyRenamed, this, [this] { schedule(0); });
    connect(edits, &EntityEdits::conflictDetected, this, [this] { schedule(0); });
}

EntityDrafts::~EntityDrafts()
{
    // (The owner deletes this before the model.) Edits typed in the last half second are kept.
    if (m_timer.isActive())
        writeNow();
}

void EntityDrafts::schedule(int ms)
{
    // A write due at once stays due (it reads the edits when it runs); typing restarts the wait.
    if (m_timer.isActive() && m_timer.interval() == 0)
        return;
    m_timer.start(ms);
}

QList<DraftEntity> EntityDrafts::currentEntities() const
{
    QList<DraftEntity> list;
    QSet<QString> ids;
    const QStringList keys = m_model->edits()->dirtyKeys();
    for (const QString &key : keys) {
        if (m_model->isNew(key)) {
            list.append({{}, m_model->document(key), {}});
        } else {
            list.append({key, m_model->document(key), m_model->storedDocument(key)});
            ids.insert(key);
        }
    }
    // A previous session's draft stays in the file until it is restored or discarded.
    const auto keep = [&](const QList<DraftEntity> &entities) {
        for (const DraftEntity &e : entities)
            if (e.isNew() || !ids.contains(e.id))
                list.append(e);
    };
    if (m_pending)
        keep(m_pending->entities);
    keep(m_restoring);
    return list;
}

void EntityDrafts::writeNow()
{
    m_timer.stop();
    const QList<DraftEntity> entities = currentEntities();
    if (entities.isEmpty()) {
        if (m_fileExists || QFile::exists(m_path)) {
            drafts::remove(m_daemon, m_context.store.toString(), m_context.collection);
            m_fileExists = false;
            m_lastWritten.clear();
            Q_EMIT written(0);
        }
        return;
    }
    if (m_fileExists && entities == m_lastWritten)
        return;
    Draft draft;
    draft.daemon = m_daemon;
    draft.store = m_context.store.toString();
    draft.collection = m_context.collection;
    draft.savedAt = QDateTime::currentDateTimeUtc();
    draft.entities = entities;
    QString error;
    if (!drafts::write(draft, &error)) {
        m_lastError = error;
        Q_EMIT writeFailed(error);
        return;
    }
    ++m_writes;
    m_fileExists = true;
    m_lastWritten = entities;
    m_lastError.clear();
    Q_EMIT written(int(entities.size()));
}

void EntityDrafts::discardPending()
{
    if (!m_pending)
        return;
    m_pending.reset();
    writeNow();
}

void EntityDrafts::restorePending()
{
    if (!m_pending || m_waiting > 0)
        return;
    const QList<DraftEntity> entities = m_pending->entities;
    m_pending.reset();
    m_restored = 0;
    m_conflicts = 0;
    m_failed.clear();
    m_restoreError = {};
    m_waiting = 1; // (until every call has started)
    EntityEdits *edits = m_model->edits();
    for (const DraftEntity &e : entities) {
        if (e.isNew()) {
            edits->addNewEntity(e.doc);
            ++m_restored;
            continue;
        }
        if (m_model->isDirty(e.id))
            continue; // edited again in this session before the draft was restored: that one wins
        if (m_model->contains(e.id)) {
            restoreEdited(e, m_model->storedDocument(e.id));
            continue;
        }
        // Not loaded: the daemon's current version is read first.
        m_restoring.append(e);
        ++m_waiting;
        auto *reply = m_context.client->findById(m_context.store, m_context.collection, e.id);
        m_context.track(reply, tr("read entity %1 to restore its draft").arg(e.id));
        reply->then(this, [this, e](Reply<Instance> *r) {
            m_restoring.removeOne(e);
            if (r->ok())
                restoreEdited(e, r->result());
            else if (r->error().kind() == ErrorKind::InstanceNotFound)
                restoreEdited(e, std::nullopt);
            else {
                m_failed.append(e);
                m_restoreError = r->error();
            }
            if (--m_waiting == 0)
                finishRestore();
        });
    }
    if (--m_waiting == 0)
        finishRestore();
}

bool EntityDrafts::restoreEdited(const DraftEntity &e, const std::optional<QJsonObject> &current)
{
    EntityEdits *edits = m_model->edits();
    if (m_model->isDirty(e.id))
        return false;
    if (!current) {
        // Deleted on the daemon since: shown as that conflict (saving creates it again).
        if (e.base.isEmpty()) {
            edits->addNewEntity(e.doc);
            ++m_restored;
            return true;
        }
        QJsonObject base = e.base;
        base.insert(m_model->idField(), e.id);
        m_model->pin(base);
        edits->setDocument(e.id, e.doc);
        if (EntityRows::EntityNode *node = m_model->byKey(e.id); node && m_model->isDirty(e.id)) {
            edits->remoteRemoved(node);
            ++m_conflicts;
        }
        ++m_restored;
        return true;
    }
    if (!m_model->contains(e.id))
        m_model->pin(*current);
    if (json::sameIgnoringMod(e.doc, *current))
        return false; // the daemon already holds it
    edits->setDocument(e.id, e.doc);
    ++m_restored;
    if (!e.base.isEmpty() && !json::sameIgnoringMod(e.base, *current)) {
        // Changed on the daemon since the draft was made: the draft's base becomes the version
        // edited from, and the daemon's current one comes in as a conflict (the usual question).
        if (EntityRows::EntityNode *node = m_model->byKey(e.id); node && m_model->isDirty(e.id)) {
            m_model->setStored(node, e.base, detail::Highlight::None);
            edits->mergeRemote(node, *current);
            ++m_conflicts;
        }
    }
    return true;
}

void EntityDrafts::finishRestore()
{
    if (!m_failed.isEmpty()) {
        Draft rest;
        rest.daemon = m_daemon;
        rest.store = m_context.store.toString();
        rest.collection = m_context.collection;
        rest.entities = m_failed;
        m_pending = rest;
    }
    writeNow();
    Q_EMIT restored(m_restored, m_conflicts, int(m_failed.size()), m_restoreError);
}

} // namespace loom
