#pragma once

#include "browser/browserparts.h"
#include "types.h"

#include <QObject>
#include <QPersistentModelIndex>
#include <QSet>
#include <QTimer>

class QLabel;

namespace loom {

class Subscription;

// Keeps an entity browser current: a Listen subscription on its collection (batches folded into
// the model; a re-established stream re-reads the loaded rows), the "● live" label, the glow of
// changed rows fading out (only visible rows repainted), and the question when an entity being
// edited changed or was deleted on the daemon (keep mine / take theirs).
class BrowserLive final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrowserLive)

public:
    BrowserLive(const BrowserParts &parts, QLabel *stateLabel, QObject *parent = nullptr);
    ~BrowserLive() override;

    Subscription *subscription() const { return m_subscription; }
    // Stops listening without telling anyone (the browser is going away).
    void stop();

Q_SIGNALS:
    // Listen events of this collection as they were applied (for the event log).
    void changesSeen(const QList<loom::ChangeEvent> &events);

private:
    void showState();
    void repaintHighlights();
    void showConflict(const QString &key);

    BrowserParts m_parts;
    QLabel *m_state;
    Subscription *m_subscription = nullptr;
    QTimer m_fade;
    QSet<QPersistentModelIndex> m_fadeRows; // glowing at the last repaint
};

} // namespace loom
