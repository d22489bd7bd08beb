#include "browserdrafts.h"

#include "browser/controllers/entitydrafts.h"
#include "browser/controllers/entitysaver.h"
#include "browser/models/counttext.h"
#include "browser/models/entitymodel.h"
#include "subscription.h"
#include "threadsclient.h"
#include "widgets/messagebar.h"

#include <QDir>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace loom {

BrowserDrafts::BrowserDrafts(const BrowserParts &parts, MessageBar *offerBar, Subscription *subscription,
                             QObject *parent)
    : QObject(parent)
    , m_parts(parts)
    , m_bar(offerBar)
    , m_drafts(new EntityDrafts(parts.context, parts.model, this))
{
    connect(m_drafts, &EntityDrafts::restored, this, [this](int restored, int conflicts, int failed, const Error &error) {
        if (failed > 0) {
            m_bar->showMessage(tr("%1 restored; %2 could not be read from the daemon and stay in the draft: %3")
                                   .arg(entityCount(restored), entityCount(failed), error.message()),
                               error.details(), MessageBar::Warning, u"drafts"_s);
            m_bar->addAction(tr("Try again"), [this] { m_drafts->restorePending(); }, u"restoreDrafts"_s);
            return;
        }
        m_bar->clear();
        m_parts.status(conflicts > 0 ? tr("Restored %1 from the draft; %2 changed on the daemon since")
                                           .arg(entityCount(restored), entityCount(conflicts))
                                     : tr("Restored %1 from the draft: save them to keep them")
                                           .arg(entityCount(restored)));
    });
    connect(m_drafts, &EntityDrafts::writeFailed, this, [this](const QString &error) {
        m_parts.messages->showMessage(tr("Unsaved edits could not be written to the drafts file: %1").arg(error), {},
                                      MessageBar::Warning, u"draftsFile"_s);
    });
    connect(m_drafts, &EntityDrafts::written, m_parts.messages, [this] { m_parts.messages->resolve(u"draftsFile"_s); });
    if (subscription) {
        connect(subscription, &Subscription::ended, this, [this](const Error &error) {
            if (error.kind() == ErrorKind::StoreNotFound)
                gone(error);
        });
    }
    connect(parts.saver, &EntitySaver::finished, this, [this](int, const QStringList &, const Error &error) {
        if (error.kind() == ErrorKind::StoreNotFound || error.kind() == ErrorKind::CollectionNotFound)
            gone(error);
    });
    offer();
}

BrowserDrafts::~BrowserDrafts()
{
    delete m_drafts; // flushes a pending write while the model still lives
}

void BrowserDrafts::offer()
{
    const std::optional<Draft> &draft = m_drafts->pending();
    if (!draft)
        return;
    const QString when = QLocale().toString(draft->savedAt.toLocalTime(), QLocale::ShortFormat);
    m_bar->showMessage(tr("Unsaved edits from a previous session: %1 (%2).").arg(drafts::describe(*draft), when),
                       tr("Kept in %1").arg(QDir::toNativeSeparators(m_drafts->path())), MessageBar::Information,
                       u"drafts"_s);
    m_bar->addAction(tr("Restore"), [this] { m_drafts->restorePending(); }, u"restoreDrafts"_s);
    m_bar->addAction(tr("Discard"), [this] {
        m_drafts->discardPending();
        m_bar->clear();
        m_parts.status(tr("Discarded the draft of the previous session"));
    }, u"discardDrafts"_s);
}

void BrowserDrafts::gone(const Error &error)
{
    const bool storeGone = error.kind() == ErrorKind::StoreNotFound;
    m_gone = true;
    const bool unsaved = m_parts.model->edits()->hasUnsavedChanges();
    if (unsaved)
        m_drafts->writeNow();
    const QString what = storeGone ? tr("The store is gone from %1 (deleted elsewhere).").arg(m_parts.context.client->endpoint())
                                   : tr("The collection %1 is gone from its store (deleted elsewhere).").arg(m_parts.context.collection);
    const QString edits = unsaved ? tr(" Your unsaved edits cannot be saved there: they are kept as a draft, offered "
                                       "again when this collection is opened on this daemon.")
                                  : QString();
    m_parts.messages->showMessage(what + edits, unsaved ? tr("Kept in %1").arg(QDir::toNativeSeparators(m_drafts->path())) : error.details(),
                                  MessageBar::Warning, u"gone"_s);
}

} // namespace loom
