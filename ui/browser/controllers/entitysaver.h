#pragma once

#include "browser/browsercontext.h"
#include "error.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStringList>

namespace loom {

class EntityModel;

// Sends unsaved entities to the daemon: Create for new ones, Save (always the whole document:
// Save removes fields that are absent) for the others. Several entities go in ONE write
// transaction (the daemon applies all of it or nothing): a refusal saves none of them, keeps
// every edit, and a dry run (Verify) of each then marks the entities the daemon refuses. Where a
// transaction is not possible (more than fits in one: kMaxAtomic entities or kMaxAtomicBytes of
// JSON) they are sent one call per entity, and finished() says so in `warning`. A failed save
// keeps the working copy and records why.
class EntitySaver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntitySaver)

public:
    EntitySaver(const BrowserContext &context, EntityModel *model, QObject *parent = nullptr);

    // Saves the given entities (all unsaved ones when empty). Entities already being saved are
    // skipped (edits made to them since stay unsaved until the next save). finished() follows
    // once every call of this round has answered.
    void save(const QStringList &keys = {});
    bool isBusy() const { return m_pending > 0; }
    // Whether the last round went in one transaction (tests, status line).
    bool lastRoundWasAtomic() const { return m_lastAtomic; }
    QString lastWarning() const { return m_lastWarning; }

    static constexpr int kMaxAtomic = 500;
    static constexpr qsizetype kMaxAtomicBytes = 2 * 1024 * 1024; // under the daemon's transaction limit

Q_SIGNALS:
    void started(int count);
    // failedKeys are keys as they were when the save started.
    void finished(int saved, const QStringList &failedKeys, const loom::Error &firstError);

private:
    struct Item
    {
        QString key;
        QJsonObject doc;
        bool isNew = false;
    };
    void saveOneByOne(const QList<Item> &items);
    void saveAtomically(const QList<Item> &items);
    void markRefused(const QList<Item> &items, const Error &error);
    void done(bool ok, const QString &key, const Error &error);
    void finishRound();

    BrowserContext m_context;
    EntityModel *m_model;
    int m_pending = 0;
    int m_saved = 0;
    QStringList m_failed;
    Error m_firstError;
    bool m_lastAtomic = false;
    QString m_lastWarning;
};

} // namespace loom
