#pragma once

#include <QIcon>
#include <QString>

namespace loom {

// The one place where Loom looks up its icons: the desktop theme's icon named `name` (freedesktop
// icon naming), else a QStyle standard icon that means about the same. Bundled SVG icons
// (resources/) come first for the app and the tree's node kinds; "state-unsaved",
// "state-problem" and "state-conflict" are the dots that mark an entity's state.
QIcon icon(const QString &name);

} // namespace loom
