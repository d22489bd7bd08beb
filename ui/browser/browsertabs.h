#pragma once

#include "widgets/collectiontabwidget.h"

class QMessageBox;

namespace loom {

class ActivityTracker;
class ConnectionManager;
class EventLogWidget;

// Plugs the entity browser into the collection tabs: returns the factory that makes a tab's
// EntityBrowserWidget (its live changes logged in `log`, may be null; its title with '*' while
// anything is unsaved) and sets the tabs' close guard, so every way of closing a tab with unsaved
// edits asks (EntityBrowserWidget::maybeClose). The app and the tests use this one wiring.
CollectionTabFactory entityBrowserTabs(CollectionTabWidget *tabs, ActivityTracker *tracker, EventLogWidget *log);

// At start-up: drafts left by a previous session (Loom crashed or was killed with unsaved edits)
// are listed in a box on `parent` (without blocking); "Open" opens their collections' tabs on the
// connections to their daemons, where each tab offers its draft (Restore / Discard). Returns the
// box, or null when there is no draft.
QMessageBox *offerStartupDrafts(ConnectionManager *connections, CollectionTabWidget *tabs, QWidget *parent);

} // namespace loom
