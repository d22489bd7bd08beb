#pragma once

#include "types.h"

#include <QList>
#include <QString>
#include <QStringList>

// What a collection update changes, for people to read before it is sent.
namespace loom::schemadiff {

struct Line
{
    enum Kind { Same, Removed, Added, Skipped };
    Kind kind = Same;
    QString text;     // the line (for Skipped: "… n unchanged lines")
    int oldLine = 0;  // 1-based; 0 when the line is not in the old text
    int newLine = 0;  // 1-based; 0 when the line is not in the new text
};

// The schema as people read it: indented JSON with keys in a stable order (or the text as it is
// when it is not JSON).
QString pretty(const QByteArray &schema);

// A line diff (longest common subsequence) of two texts. Runs of unchanged lines longer than
// 2 * context are shortened to `context` lines on each side of a change and one Skipped line.
QList<Line> lineDiff(const QStringList &before, const QStringList &after, int context = 3);

// "+ index city", "- index age (unique)", "~ index name: unique → not unique".
QStringList indexChanges(const QList<IndexSpec> &before, const QList<IndexSpec> &after);

// Counts of added and removed lines.
QPair<int, int> countChanges(const QList<Line> &diff);

} // namespace loom::schemadiff
