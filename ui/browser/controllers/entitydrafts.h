#pragma once

#include "browser/browsercontext.h"
#include "browser/controllers/draftfile.h"
#include "error.h"

#include <QObject>
#include <QTimer>

#include <optional>

namespace loom {

class EntityModel;

// Keeps an entity model's unsaved edits (new entities, edited entities) in the collection's
// drafts file (draftfile.h): written 500 ms after the last edit, at once when what is unsaved
// changes (saved, reverted, created, conflict), and removed when nothing is unsaved. A draft
// found when the browser opens (a previous session crashed or was killed) is held as pending:
// it is kept in the file beside new edits until it is restored or discarded.
class EntityDrafts final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityDrafts)

public:
    EntityDrafts(const BrowserContext &context, EntityModel *model, QObject *parent = nullptr);
    ~EntityDrafts() override;

    QString path() const { return m_path; }
    // The draft of a previous session, not restored or discarded yet.
    const std::optional<Draft> &pending() const { return m_pending; }
    // Brings the pending draft back as unsaved edits: new entities as new, edited ones over the
    // daemon's current version (read if not loaded), as a conflict where the daemon's version
    // changed since (or the entity was deleted). restored() tells when done.
    void restorePending();
    void discardPending();
    // Writes (or removes) the file now; also on the way out (a pending debounce is flushed).
    void writeNow();
    int writeCount() const { return m_writes; }
    QString lastError() const { return m_lastError; }

Q_SIGNALS:
    // The file now holds `entities` unsaved entities (0: it was removed).
    void written(int entities);
    void writeFailed(const QString &error);
    // restorePending() is done: `restored` entities are unsaved edits again, `conflicts` of them
    // differ from the daemon's current version; `failed` could not be read (kept pending).
    void restored(int restored, int conflicts, int failed, const loom::Error &error);

private:
    QList<DraftEntity> currentEntities() const;
    void schedule(int ms);
    bool restoreEdited(const DraftEntity &entity, const std::optional<QJsonObject> &current);
    void finishRestore();

    BrowserContext m_context;
    EntityModel *m_model;
    QString m_daemon;
    QString m_path;
    std::optional<Draft> m_pending;
    QTimer m_timer;
    int m_writes = 0;
    QString m_lastError;
    QList<DraftEntity> m_lastWritten;
    bool m_fileExists = false;
    // A restore in progress: entities waiting for the daemon's version (kept in the file meanwhile).
    QList<DraftEntity> m_restoring;
    int m_waiting = 0;
    int m_restored = 0;
    int m_conflicts = 0;
    QList<DraftEntity> m_failed;
    Error m_restoreError;
};

} // namespace loom
