#pragma once

#include <QCoreApplication>
#include <QLocale>
#include <QString>

namespace loom {

// "1,200": a count with group separators (English when the locale is C).
inline QString numberText(qint64 n)
{
    QLocale locale;
    if (locale.language() == QLocale::C)
        locale = QLocale(QLocale::English);
    locale.setNumberOptions({});
    return locale.toString(n);
}

// "1 entity", "1,200 entities": counts in English without translation files (%n needs them).
inline QString countText(qint64 n, const char *one, const char *many)
{
    return numberText(n) + u' ' + QCoreApplication::translate("loom", n == 1 ? one : many);
}

inline QString entityCount(qint64 n)
{
    return countText(n, "entity", "entities");
}

} // namespace loom
