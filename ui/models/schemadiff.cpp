#include "models/schemadiff.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <vector>

using namespace Qt::StringLiterals;

namespace loom::schemadiff {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("loom::schemadiff", text);
}

QList<Line> fullDiff(const QStringList &a, const QStringList &b)
{
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    QList<Line> out;
    // Large inputs: no table, just "all removed, all added".
    if (n * m > 4'000'000) {
        for (qsizetype i = 0; i < n; ++i)
            out.append({Line::Removed, a[i], int(i + 1), 0});
        for (qsizetype j = 0; j < m; ++j)
            out.append({Line::Added, b[j], 0, int(j + 1)});
        return out;
    }
    // lcs[i][j]: length of the LCS of a[i..] and b[j..].
    std::vector<std::vector<int>> lcs(size_t(n + 1), std::vector<int>(size_t(m + 1), 0));
    for (qsizetype i = n - 1; i >= 0; --i)
        for (qsizetype j = m - 1; j >= 0; --j)
            lcs[size_t(i)][size_t(j)] = a[i] == b[j] ? lcs[size_t(i + 1)][size_t(j + 1)] + 1
                                                     : std::max(lcs[size_t(i + 1)][size_t(j)], lcs[size_t(i)][size_t(j + 1)]);
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n && j < m) {
        if (a[i] == b[j]) {
            out.append({Line::Same, a[i], int(i + 1), int(j + 1)});
            ++i;
            ++j;
        } else if (lcs[size_t(i + 1)][size_t(j)] >= lcs[size_t(i)][size_t(j + 1)]) {
            out.append({Line::Removed, a[i], int(i + 1), 0});
            ++i;
        } else {
            out.append({Line::Added, b[j], 0, int(j + 1)});
            ++j;
        }
    }
    for (; i < n; ++i)
        out.append({Line::Removed, a[i], int(i + 1), 0});
    for (; j < m; ++j)
        out.append({Line::Added, b[j], 0, int(j + 1)});
    return out;
}

} // namespace

QString pretty(const QByteArray &schema)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(schema, &error);
    if (error.error != QJsonParseError::NoError || doc.isNull())
        return QString::fromUtf8(schema);
    QString text = QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    if (text.endsWith(u'\n'))
        text.chop(1);
    return text;
}

QList<Line> lineDiff(const QStringList &before, const QStringList &after, int context)
{
    const QList<Line> all = fullDiff(before, after);
    QList<Line> out;
    qsizetype k = 0;
    while (k < all.size()) {
        if (all[k].kind != Line::Same) {
            out.append(all[k++]);
            continue;
        }
        qsizetype end = k;
        while (end < all.size() && all[end].kind == Line::Same)
            ++end;
        const qsizetype run = end - k;
        const bool atStart = k == 0;
        const bool atEnd = end == all.size();
        const qsizetype keepBefore = atStart ? 0 : context; // after the previous change
        const qsizetype keepAfter = atEnd ? 0 : context;    // before the next change
        if (run > keepBefore + keepAfter + 1) {
            for (qsizetype x = k; x < k + keepBefore; ++x)
                out.append(all[x]);
            const qsizetype skipped = run - keepBefore - keepAfter;
            out.append({Line::Skipped, tr("… %1 unchanged lines").arg(skipped), 0, 0});
            for (qsizetype x = end - keepAfter; x < end; ++x)
                out.append(all[x]);
        } else {
            for (qsizetype x = k; x < end; ++x)
                out.append(all[x]);
        }
        k = end;
    }
    return out;
}

QStringList indexChanges(const QList<IndexSpec> &before, const QList<IndexSpec> &after)
{
    QStringList out;
    const auto find = [](const QList<IndexSpec> &list, const QString &path) -> const IndexSpec * {
        for (const IndexSpec &i : list)
            if (i.path == path)
                return &i;
        return nullptr;
    };
    const auto describe = [](const IndexSpec &i) {
        return i.unique ? tr("%1 (unique)").arg(i.path) : i.path;
    };
    for (const IndexSpec &old : before)
        if (!find(after, old.path))
            out << u"- "_s + tr("index %1").arg(describe(old));
    for (const IndexSpec &now : after) {
        const IndexSpec *old = find(before, now.path);
        if (!old)
            out << u"+ "_s + tr("index %1").arg(describe(now));
        else if (old->unique != now.unique)
            out << u"~ "_s + tr("index %1: %2 → %3").arg(now.path, old->unique ? tr("unique") : tr("not unique"),
                                                          now.unique ? tr("unique") : tr("not unique"));
    }
    return out;
}

QPair<int, int> countChanges(const QList<Line> &diff)
{
    int added = 0;
    int removed = 0;
    for (const Line &l : diff) {
        if (l.kind == Line::Added)
            ++added;
        else if (l.kind == Line::Removed)
            ++removed;
    }
    return {added, removed};
}

} // namespace loom::schemadiff
