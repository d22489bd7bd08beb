#pragma once

#include "browser/browsercontext.h"
#include "error.h"

#include <QObject>
#include <QStringList>

namespace loom {

class EntityModel;

// Sends unsaved entities to the daemon: Create for new ones, Save (always the whole document:
// Save removes fields that are absent) for the others, one call per entity so that each success
// or failure lands on its own entity. A failed save keeps the working copy and records why.
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

Q_SIGNALS:
    void started(int count);
    // failedKeys are keys as they were when the save started.
    void finished(int saved, const QStringList &failedKeys, const loom::Error &firstError);

private:
    void done(bool ok, const QString &key, const Error &error);

    BrowserContext m_context;
    EntityModel *m_model;
    int m_pending = 0;
    int m_saved = 0;
    QStringList m_failed;
    Error m_firstError;
};

} // namespace loom
