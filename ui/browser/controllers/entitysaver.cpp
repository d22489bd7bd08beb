#include "entitysaver.h"

#include "entitymodel.h"
#include "schemafield.h"
#include "threadsclient.h"

using namespace Qt::StringLiterals;

namespace loom {

EntitySaver::EntitySaver(EntityModel *model, QObject *parent)
    : QObject(parent)
    , m_model(model)
{
}

void EntitySaver::save(const QStringList &keys)
{
    const QStringList wanted = keys.isEmpty() ? m_model->dirtyKeys() : keys;
    int count = 0;
    for (const QString &requested : wanted) {
        const QString key = m_model->resolveKey(requested);
        if (!m_model->isDirty(key))
            continue;
        QJsonObject doc = m_model->document(key);
        const bool isNew = m_model->isNew(key);
        if (isNew && doc.value(u"_id"_s).toString().isEmpty())
            doc.remove(u"_id"_s); // the daemon assigns one
        if (!isNew && doc.value(u"_id"_s).toString() != key) {
            // Save would write (upsert) another entity and leave this one as it is.
            m_model->setSaveError(key, tr("The id of an entity cannot change; duplicate it to get a copy with a new id."));
            m_failed.append(key);
            if (!m_firstError)
                m_firstError = Error::invalidInput(tr("The id of entity %1 was changed: not saved.").arg(key));
            continue;
        }
        m_model->setSaving(key, true);
        ++m_pending;
        ++count;
        ThreadsClient *client = m_model->client();
        if (isNew) {
            auto *reply = client->create(m_model->store(), m_model->collection(), {doc});
            connect(reply, &ReplyBase::finished, this, [this, reply, key, doc] {
                if (reply->ok() && !reply->result().isEmpty())
                    m_model->markSaved(key, doc, reply->result().first());
                done(reply->ok(), key, reply->error());
            });
        } else {
            auto *reply = client->save(m_model->store(), m_model->collection(), {doc});
            connect(reply, &ReplyBase::finished, this, [this, reply, key, doc] {
                if (reply->ok())
                    m_model->markSaved(key, doc);
                done(reply->ok(), key, reply->error());
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
    if (ok) {
        ++m_saved;
    } else {
        m_model->setSaveError(key, error.message());
        if (error.kind() == ErrorKind::SchemaViolation)
            m_model->setFieldErrors(key, parseSchemaErrors(error.daemonMessage()));
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
