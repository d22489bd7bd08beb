#pragma once

#include "widgets/collectiontabwidget.h"

namespace loom {

class ActivityTracker;
class EventLogWidget;

// Plugs the entity browser into the collection tabs: returns the factory that makes a tab's
// EntityBrowserWidget (its live changes logged in `log`, may be null; its title with '*' while
// anything is unsaved) and sets the tabs' close guard, so every way of closing a tab with unsaved
// edits asks (EntityBrowserWidget::maybeClose). The app and the tests use this one wiring.
CollectionTabFactory entityBrowserTabs(CollectionTabWidget *tabs, ActivityTracker *tracker, EventLogWidget *log);

} // namespace loom
