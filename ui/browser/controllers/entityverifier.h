#pragma once

#include "browser/browsercontext.h"
#include "error.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace loom {

class EntityModel;
class ReplyBase;

// Runs the daemon's dry run (Verify) on an entity's working copy while it is being edited:
// debounced (400 ms after the last change), one call at a time (a newer edit cancels the call in
// flight, and a late reply for an older version is dropped by its generation). Schema errors go
// to the model's per-field errors, so the tree and the form show them at the field.
class EntityVerifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityVerifier)

public:
    enum State { Idle, Pending, Valid, Invalid, Unknown };
    Q_ENUM(State)

    EntityVerifier(const BrowserContext &context, EntityModel *model, QObject *parent = nullptr);

    // What Verify is sent for a document: Verify needs an _id (same rules as Save), and a new
    // entity has none yet, so it gets a placeholder.
    static QJsonObject verifiable(QJsonObject doc, const QString &idField);

    void setDelay(int ms) { m_timer.setInterval(ms); }
    // Verifies `key` after the delay (restarting it); an entity without unsaved changes is not
    // verified (the daemon holds it already).
    void schedule(const QString &key);
    void cancel();
    State state() const { return m_state; }
    QString key() const { return m_key; }
    QString message() const { return m_message; }

Q_SIGNALS:
    // message: the daemon's problems (Invalid) or why verifying failed (Unknown).
    void stateChanged(const QString &key, loom::EntityVerifier::State state, const QString &message);

private:
    void run();
    void setState(State state, const QString &message);

    BrowserContext m_context;
    EntityModel *m_model;
    QTimer m_timer;
    QString m_key;
    quint64 m_generation = 0;
    QPointer<ReplyBase> m_reply;
    State m_state = Idle;
    QString m_message;
};

} // namespace loom
