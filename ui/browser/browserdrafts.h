#pragma once

#include "browser/browserparts.h"

#include <QObject>

namespace loom {

class EntityDrafts;
class Error;
class MessageBar;
class Subscription;

// The browser's side of drafts (controllers/entitydrafts.h keeps the file): offers a previous
// session's unsaved edits back in a bar of their own ("Unsaved edits from a previous session:
// 3 entities in People on 127.0.0.1:6006 — Restore / Discard"), says how the restore went, and
// when the daemon tells that the store or the collection is gone (deleted elsewhere), writes the
// edits' draft at once and says that they are kept there, since they cannot be saved.
class BrowserDrafts final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrowserDrafts)

public:
    BrowserDrafts(const BrowserParts &parts, MessageBar *offerBar, Subscription *subscription,
                  QObject *parent = nullptr);
    ~BrowserDrafts() override;

    EntityDrafts *drafts() const { return m_drafts; }
    MessageBar *offerBar() const { return m_bar; }
    // The daemon said the store or the collection is gone: edits can only be kept as a draft.
    bool isGone() const { return m_gone; }

private:
    void offer();
    void gone(const Error &error);

    BrowserParts m_parts;
    MessageBar *m_bar;
    EntityDrafts *m_drafts;
    bool m_gone = false;
};

} // namespace loom
