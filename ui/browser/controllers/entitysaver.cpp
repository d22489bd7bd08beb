#include "entitysaver.h"

#include "browser/models/entitymodel.h"
#include "browser/models/schemafield.h"
#include "jsonrules.h"
#include "threadsclient.h"

using namespace Qt::StringLiterals;

namespace loom {

EntitySaver::EntitySaver(const BrowserContext &context, EntityModel *model, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_model(model)
{
}

void EntitySaver::save(const QStringList &keys)
{
    const QStringList wanted = keys.isEmpty() ? m_model->edits()->dirtyKeys() : keys;
    int count = 0;
    for (const QString &requested : wanted) {
        const QString key = m_model->resolveKey(requested);
        // Not sent twice: a second Create of the same new entity would make a copy, and a
        // second Save of an entity in flight could be applied before the first.
        if (!m_model->isDirty(key) || m_model->edits()->isSaving(key))
            continue;
        QJsonObject doc = m_model->document(key);
        const bool isNew = m_model->isNew(key);
        if (isNew && doc.value(json::kIdField).toString().isEmpty())
            doc.remove(json::kIdField); // the daemon assigns one
        if (!isNew && doc.value(json::kIdField).toString() != key) {
            // Save would write (upsert) another entity and leave this one as it is.
            m_model->edits()->setSaveError(key, tr("The id of an entity cannot change; duplicate it to get a copy with a new id."));
            m_failed.append(key);
            if (!m_firstError)
                m_firstError = Error::invalidInput(tr("The id of entity %1 was changed: not saved.").arg(key));
            continue;
        }
        m_model->edits()->setSaving(key, true);
        ++m_pending;
        ++count;
        ThreadsClient *client = m_context.client;
        if (isNew) {
            auto *reply = client->create(m_context.store, m_context.collection, {doc});
            m_context.track(reply, tr("create an entity in %1").arg(m_context.collection));
            reply->then(this, [this, key, doc](auto *r) {
                if (r->ok() && !r->result().isEmpty())
                    m_model->edits()->markSaved(key, doc, r->result().first());
                done(r->ok(), key, r->error());
            });
        } else {
            auto *reply = client->save(m_context.store, m_context.collection, {doc});
            m_context.track(reply, tr("save entity %1").arg(key));
            reply->then(this, [this, key, doc](auto *r) {
                if (r->ok())
                    m_model->edits()->markSaved(key, doc);
                done(r->ok(), key, r->error());
            });
        }
    }
    if (count > 0) {
        Q_EMIT started(count);
    } else if (m_pending == 0) {
        const QStringList failed = std::exchange(m_failed, {});
        Q_EMIT finished(std::exchange(m_saved, 0), failed, std::exchange(m_firstError, {}));
    }
}

void EntitySaver::done(bool ok, const QString &key, const Error &error)
{
    m_model->edits()->setSaving(key, false); // (also when a reply had nothing to mark saved)
    if (ok) {
        ++m_saved;
    } else {
        m_model->edits()->setSaveError(key, error.message());
        if (error.kind() == ErrorKind::SchemaViolation)
            m_model->edits()->setFieldErrors(key, parseSchemaErrors(error.daemonMessage()));
        m_failed.append(key);
        if (!m_firstError)
            m_firstError = error;
    }
    if (--m_pending > 0)
        return;
    const int saved = std::exchange(m_saved, 0);
    const QStringList failed = std::exchange(m_failed, {});
    const Error first = std::exchange(m_firstError, {});
    Q_EMIT finished(saved, failed, first);
}

} // namespace loom
