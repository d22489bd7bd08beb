#include "legacystoreactions.h"

#include "models/connectiontreemodel.h"
#include "session/activitytracker.h"
#include "widgets/prompts.h"
#include "threadsclient.h"

#include <QInputDialog>

using namespace Qt::StringLiterals;

namespace loom {

LegacyStoreActions::LegacyStoreActions(ConnectionTreeModel *model, ActivityTracker *tracker, QWidget *dialogParent,
                                       QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_tracker(tracker)
    , m_dialogParent(dialogParent)
{
}

QInputDialog *LegacyStoreActions::openStoreById(Connection *connection)
{
    auto *dialog = new QInputDialog(m_dialogParent);
    dialog->setObjectName(u"openStoreByIdDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Open store by id"));
    dialog->setLabelText(tr("The id of a store on %1 (a UUID such as 3f2b…-…):\n"
                            "A v0.1 daemon cannot list its stores; Loom remembers this one from now on.")
                             .arg(connection->displayName()));
    dialog->setInputMode(QInputDialog::TextInput);
    dialog->setOkButtonText(tr("Open store"));
    const QPointer<Connection> guard(connection);
    connect(dialog, &QInputDialog::textValueSelected, this, [this, guard](const QString &text) {
        if (guard)
            openStore(guard, text);
    });
    dialog->open();
    return dialog;
}

void LegacyStoreActions::openStore(Connection *connection, const QString &idText)
{
    QString problem;
    const auto id = StoreId::fromLegacyUuid(idText.trimmed(), &problem);
    if (!id) {
        prompts::showError(m_dialogParent, tr("“%1” is not a store id.").arg(idText.trimmed()),
                           Error(ErrorKind::InvalidInput, problem));
        return;
    }
    const QPointer<Connection> guard(connection);
    auto *reply = connection->client()->openStore(*id);
    if (m_tracker)
        m_tracker->track(reply, connection, tr("open the store %1").arg(id->toString()));
    reply->then(this, [this, guard, store = *id](Reply<StoreInfo> *r) {
        if (!guard)
            return;
        if (!r->ok()) {
            prompts::showError(m_dialogParent, tr("The store %1 could not be opened.").arg(store.toString()), r->error());
            return;
        }
        m_model->reloadStores(guard, false);
        Q_EMIT storeAdded(guard, store);
        Q_EMIT notice(tr("Opened the store %1 on %2; Loom remembers it.").arg(store.toString(), guard->displayName()));
    });
}

void LegacyStoreActions::startStore(Connection *connection, const StoreId &store, const QString &name)
{
    const QPointer<Connection> guard(connection);
    const QString shown = name.isEmpty() ? tr("unnamed") : name;
    auto *reply = connection->client()->startStore(store);
    if (m_tracker)
        m_tracker->track(reply, connection, tr("start the store “%1”").arg(shown));
    reply->then(this, [this, guard, store, shown](VoidReply *r) {
        if (!guard)
            return;
        if (!r->ok()) {
            prompts::showError(m_dialogParent, tr("The store “%1” could not be started.").arg(shown), r->error());
            return;
        }
        m_model->reloadStores(guard, true);
        Q_EMIT notice(tr("Started the store “%1”.").arg(shown));
    });
}

void LegacyStoreActions::forgetStore(Connection *connection, const StoreId &store, const QString &name)
{
    const QPointer<Connection> guard(connection);
    const QString shown = name.isEmpty() ? tr("unnamed") : name;
    prompts::confirm(
        m_dialogParent, tr("Forget store"), tr("Stop listing the store “%1” on %2?").arg(shown, connection->displayName()),
        tr("The daemon keeps the store and its entities; only Loom forgets it. Open store by id… with %1 brings it back.")
            .arg(store.toString()),
        tr("Forget store"), [this, guard, store, shown] {
            if (!guard)
                return;
            auto *reply = guard->client()->forgetStore(store);
            reply->then(this, [this, guard, shown](VoidReply *r) {
                if (!guard)
                    return;
                if (!r->ok()) {
                    prompts::showError(m_dialogParent, tr("Loom could not forget the store “%1”.").arg(shown), r->error());
                    return;
                }
                m_model->reloadStores(guard, false);
                Q_EMIT notice(tr("Loom no longer lists the store “%1”.").arg(shown));
            });
        });
}

} // namespace loom
