#include "entitysaver.h"

#include "browser/models/jsonvalues.h"
#include "browser/controllers/entityverifier.h"

#include "browser/models/entitymodel.h"
#include "browser/models/schemafield.h"
#include "jsonrules.h"
#include "threadsclient.h"
#include "transaction.h"

#include <QJsonDocument>
#include <QSet>

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
    QList<Item> items;
    qsizetype bytes = 0;
    for (const QString &requested : wanted) {
        const QString key = m_model->resolveKey(requested);
        // Not sent twice: a second Create of the same new entity would make a copy, and a
        // second Save of an entity in flight could be applied before the first.
        if (!m_model->isDirty(key) || m_model->edits()->isSaving(key))
            continue;
        QJsonObject doc = m_model->document(key);
        const bool isNew = m_model->isNew(key);
        const QString idField = m_model->idField();
        if (isNew)
            doc = json::forCreate(doc, idField); // the daemon assigns the id
        if (!isNew && doc.value(idField).toString() != key) {
            // Save would write (upsert) another entity and leave this one as it is.
            m_model->edits()->setSaveError(key, tr("The id of an entity cannot change; duplicate it to get a copy with a new id."));
            m_failed.append(key);
            if (!m_firstError)
                m_firstError = Error::invalidInput(tr("The id of entity %1 was changed: not saved.").arg(key));
            continue;
        }
        bytes += QJsonDocument(doc).toJson(QJsonDocument::Compact).size();
        items.append({key, doc, isNew});
    }
    m_lastWarning.clear();
    m_lastAtomic = items.size() > 1 && items.size() <= kMaxAtomic && bytes <= kMaxAtomicBytes;
    if (items.size() > 1 && !m_lastAtomic)
        m_lastWarning = tr("%1 entities are more than one transaction holds: they were saved one by one, so a "
                           "refusal in the middle leaves the others saved.")
                            .arg(items.size());
    if (items.isEmpty()) {
        if (m_pending == 0)
            finishRound();
        return;
    }
    for (const Item &item : std::as_const(items))
        m_model->edits()->setSaving(item.key, true);
    Q_EMIT started(int(items.size()));
    if (m_lastAtomic)
        saveAtomically(items);
    else
        saveOneByOne(items);
}

void EntitySaver::saveOneByOne(const QList<Item> &items)
{
    ThreadsClient *client = m_context.client;
    for (const Item &item : items) {
        ++m_pending;
        const QString key = item.key;
        const QJsonObject doc = item.doc;
        if (item.isNew) {
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
}

// All of them in one write transaction. The daemon commits what the transaction holds, so the
// commit is sent only once every operation in it was answered OK; after a refusal the transaction
// is cancelled (nothing of it is applied).
void EntitySaver::saveAtomically(const QList<Item> &items)
{
    ++m_pending;
    QList<QJsonObject> created;
    QList<QJsonObject> saved;
    for (const Item &item : items)
        (item.isNew ? created : saved).append(item.doc);
    // Three steps (create, save, commit), each bounded like one call: a daemon that stops answering
    // fails the save as soon as a single save would, not after the long transaction deadline.
    Transaction *txn = m_context.client->writeTransaction(m_context.store, m_context.collection, this,
                                                          3 * m_context.client->settings().deadlineMs);
    struct Round
    {
        QStringList ids;
        Error error;
        int waiting = 0;
    };
    auto round = std::make_shared<Round>();
    round->waiting = (created.isEmpty() ? 0 : 1) + (saved.isEmpty() ? 0 : 1);
    const auto answered = [this, items, round, txn](const Error &error) {
        if (error && !round->error)
            round->error = error;
        if (--round->waiting > 0)
            return;
        if (round->error) {
            txn->cancel();
            txn->deleteLater();
            markRefused(items, round->error);
            return;
        }
        auto *commit = txn->commit();
        m_context.track(commit, tr("save %1 entities of %2 in one transaction").arg(items.size()).arg(m_context.collection));
        commit->then(this, [this, items, round, txn](VoidReply *r) {
            txn->deleteLater();
            if (!r->ok()) {
                markRefused(items, r->error());
                return;
            }
            qsizetype nextId = 0;
            for (const Item &item : items) {
                m_model->edits()->setSaving(item.key, false);
                m_model->edits()->markSaved(item.key, item.doc, item.isNew ? round->ids.value(nextId++) : QString());
                ++m_saved;
            }
            if (--m_pending == 0)
                finishRound();
        });
    };
    if (!created.isEmpty()) {
        txn->create(created)->then(this, [round, answered, expected = created.size()](Reply<QStringList> *r) {
            if (r->ok() && r->result().size() == expected)
                round->ids = r->result();
            answered(r->ok() && r->result().size() != expected
                         ? Error::protocol(tr("The daemon answered a create of %1 entities with %2 ids.")
                                               .arg(expected)
                                               .arg(r->result().size()))
                         : r->error());
        });
    }
    if (!saved.isEmpty())
        txn->save(saved)->then(this, [answered](VoidReply *r) { answered(r->error()); });
}

// The transaction was refused: nothing was saved and every edit stays. A dry run of each entity
// (Verify, which writes nothing) tells which ones the daemon refuses; those are marked with its
// reasons, the others say they wait for them.
void EntitySaver::markRefused(const QList<Item> &items, const Error &error)
{
    auto left = std::make_shared<int>(int(items.size()));
    auto marked = std::make_shared<QSet<QString>>();
    if (!m_firstError)
        m_firstError = error;
    if (!m_context.client->capabilities().verify) {
        // No dry run on a legacy v0.1 daemon: each entity says why the save failed.
        for (const Item &item : items) {
            m_model->edits()->setSaving(item.key, false);
            m_failed.append(item.key);
            m_model->edits()->setSaveError(item.key, error.message());
        }
        if (--m_pending == 0)
            finishRound();
        return;
    }
    for (const Item &item : items) {
        auto *check = m_context.client->verify(m_context.store, m_context.collection,
                                               {EntityVerifier::verifiable(item.doc, m_model->idField())});
        check->then(this, [this, item, error, left, marked, items](VoidReply *r) {
            m_model->edits()->setSaving(item.key, false);
            m_failed.append(item.key);
            if (!r->ok()) {
                marked->insert(item.key);
                m_model->edits()->setSaveError(item.key, r->error().message());
                if (r->error().kind() == ErrorKind::SchemaViolation)
                    m_model->edits()->setFieldErrors(item.key, parseSchemaErrors(r->error().daemonMessage()));
            }
            if (--*left > 0)
                return;
            // The ones the dry run let pass were not saved either: say why on each.
            for (const Item &other : items)
                if (!marked->contains(other.key))
                    m_model->edits()->setSaveError(other.key,
                                                   !marked->isEmpty() ? tr("Not saved: the save of %1 entities is all or nothing, "
                                                                   "and another one was refused.")
                                                                    .arg(items.size())
                                                              : tr("Not saved: %1").arg(error.message()));
            if (--m_pending == 0)
                finishRound();
        });
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
    if (--m_pending == 0)
        finishRound();
}

void EntitySaver::finishRound()
{
    const int saved = std::exchange(m_saved, 0);
    const QStringList failed = std::exchange(m_failed, {});
    const Error first = std::exchange(m_firstError, {});
    Q_EMIT finished(saved, failed, first);
}

} // namespace loom
