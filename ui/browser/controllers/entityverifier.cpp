#include "entityverifier.h"

#include "browser/models/entitymodel.h"
#include "browser/models/schemafield.h"
#include "jsonrules.h"
#include "threadsclient.h"

using namespace Qt::StringLiterals;

namespace loom {

namespace {
const QString kPlaceholderId = u"00000000000000000000000000"_s;
} // namespace

QJsonObject EntityVerifier::verifiable(QJsonObject doc, const QString &idField)
{
    if (doc.value(idField).toString().isEmpty())
        doc.insert(idField, kPlaceholderId);
    return doc;
}

EntityVerifier::EntityVerifier(const BrowserContext &context, EntityModel *model, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_model(model)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(400);
    connect(&m_timer, &QTimer::timeout, this, &EntityVerifier::run);
    connect(model->edits(), &EntityEdits::keyRenamed, this, [this](const QString &from, const QString &to) {
        if (m_key == from)
            m_key = to;
    });
}

void EntityVerifier::schedule(const QString &key)
{
    if (key != m_key)
        cancel();
    m_key = key;
    if (m_context.client && !m_context.client->capabilities().verify) {
        setState(Idle, {}); // a legacy v0.1 daemon has no dry run: the save tells
        return;
    }
    if (!m_model->isDirty(key)) {
        cancel();
        m_key = key;
        setState(Idle, {});
        return;
    }
    ++m_generation; // whatever is in flight is about an older version now
    if (m_reply)
        m_reply->cancel();
    m_timer.start();
    setState(Pending, {});
}

void EntityVerifier::cancel()
{
    ++m_generation;
    m_timer.stop();
    if (m_reply)
        m_reply->cancel();
    m_reply = nullptr;
    setState(Idle, {});
}

void EntityVerifier::run()
{
    const QString key = m_model->resolveKey(m_key);
    if (!m_model->contains(key) || !m_model->isDirty(key)) {
        setState(Idle, {});
        return;
    }
    const QJsonObject doc = verifiable(m_model->document(key), m_model->idField());
    const quint64 generation = ++m_generation;
    // (A background check as you type: not shown in the status bar.)
    auto *reply = m_context.client->verify(m_context.store, m_context.collection, {doc});
    m_reply = reply;
    reply->then(this, [this, generation, key](auto *reply) {
        if (generation != m_generation)
            return; // stale: the entity changed since
        m_reply = nullptr;
        if (reply->ok()) {
            m_model->edits()->setFieldErrors(key, {});
            setState(Valid, {});
        } else if (reply->error().kind() == ErrorKind::SchemaViolation) {
            const QHash<QString, QString> errors = parseSchemaErrors(reply->error().daemonMessage());
            m_model->edits()->setFieldErrors(key, errors);
            setState(Invalid, errors.size() == 1 ? tr("Does not match the schema: 1 problem, marked at its field.")
                                                 : tr("Does not match the schema: %1 problems, marked at their fields.").arg(errors.size()));
        } else if (reply->error().kind() == ErrorKind::Denied) {
            m_model->edits()->setFieldErrors(key, {{QString(), reply->error().message()}});
            setState(Invalid, reply->error().message());
        } else if (reply->error().kind() != ErrorKind::Cancelled) {
            setState(Unknown, reply->error().message());
        }
    });
}

void EntityVerifier::setState(State state, const QString &message)
{
    if (state == m_state && message == m_message)
        return;
    m_state = state;
    m_message = message;
    Q_EMIT stateChanged(m_key, state, message);
}

} // namespace loom
