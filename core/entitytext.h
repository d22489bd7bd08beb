#pragma once

#include <QByteArrayView>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

// Entities given as text, the one format every reader of Loom accepts (loom-cli's create and
// import, the browser's Import, "New collection from JSON…"): one JSON object, an array of
// objects, or JSON lines (one object per non-empty line). Parsed strictly: the first problem is
// told in words, with the element or line it is at ("line 3: not a JSON object"), and nothing
// is returned with it.
namespace loom {

std::optional<QList<QJsonObject>> parseEntityText(QByteArrayView text, QString *problem = nullptr);

} // namespace loom
