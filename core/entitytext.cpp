#include "entitytext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

QString jsonError(const QJsonParseError &error)
{
    return u"%1 at character %2"_s.arg(error.errorString()).arg(error.offset + 1);
}

void tell(QString *problem, const QString &text)
{
    if (problem)
        *problem = text;
}

} // namespace

std::optional<QList<QJsonObject>> parseEntityText(QByteArrayView text, QString *problem)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toByteArray(), &error);
    QList<QJsonObject> list;
    if (error.error == QJsonParseError::NoError) {
        if (doc.isObject()) {
            list << doc.object();
            return list;
        }
        const QJsonArray array = doc.array();
        list.reserve(array.size());
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (!array[i].isObject()) {
                tell(problem, u"element %1 of the array is not a JSON object"_s.arg(i + 1));
                return std::nullopt;
            }
            list << array[i].toObject();
        }
        return list;
    }
    // JSON lines: one object per non-empty line. A single line reports the document's own error.
    QList<QByteArrayView> lines;
    for (qsizetype start = 0; start <= text.size();) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        lines << text.sliced(start, end - start);
        start = end + 1;
    }
    qsizetype nonEmpty = 0;
    for (const QByteArrayView line : std::as_const(lines))
        nonEmpty += line.trimmed().isEmpty() ? 0 : 1;
    if (nonEmpty == 0) {
        tell(problem, u"no JSON was given"_s);
        return std::nullopt;
    }
    if (nonEmpty == 1) {
        tell(problem, u"not valid JSON: %1"_s.arg(jsonError(error)));
        return std::nullopt;
    }
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines[i].trimmed().isEmpty())
            continue;
        QJsonParseError lineError;
        const QJsonDocument one = QJsonDocument::fromJson(lines[i].toByteArray(), &lineError);
        if (lineError.error != QJsonParseError::NoError || !one.isObject()) {
            const QString why = lineError.error != QJsonParseError::NoError ? jsonError(lineError)
                                                                             : u"not a JSON object"_s;
            tell(problem, u"line %1: %2"_s.arg(i + 1).arg(why));
            return std::nullopt;
        }
        list << one.object();
    }
    return list;
}

} // namespace loom
