#pragma once

#include <QIcon>
#include <QString>

namespace loom {

// The one place where Loom looks up its icons: the desktop theme's icon named `name` (freedesktop
// icon naming), else a QStyle standard icon that means about the same. Bundled SVG icons
// (resources/) are meant to plug in here.
QIcon icon(const QString &name);

} // namespace loom
