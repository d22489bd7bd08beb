#include "output.h"

#include "encoding.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace loom::cli {

namespace {

constexpr qsizetype kMaxCell = 80;

QString clip(const QString &text)
{
    QString flat = text;
    flat.replace(u'\n', u' ');
    flat.replace(u'\t', u' ');
    if (flat.size() <= kMaxCell)
        return flat;
    return flat.left(kMaxCell - 1) + u'\u2026';
}

} // namespace

void Output::writeStdout(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void Output::writeStderr(const QString &line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

void Output::json(const QJsonObject &object) const
{
    const QByteArray text = QJsonDocument(object).toJson(m_compact ? QJsonDocument::Compact : QJsonDocument::Indented);
    writeStdout(m_compact ? text + '\n' : text);
}

void Output::json(const QJsonArray &array) const
{
    const QByteArray text = QJsonDocument(array).toJson(m_compact ? QJsonDocument::Compact : QJsonDocument::Indented);
    writeStdout(m_compact ? text + '\n' : text);
}

void Output::jsonLine(const QJsonObject &object) const
{
    writeStdout(QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n');
}

void Output::line(const QString &text) const
{
    writeStdout(text.toUtf8() + '\n');
}

void Output::table(const QStringList &headers, const QList<QStringList> &rows) const
{
    QList<QStringList> all{headers};
    for (const QStringList &row : rows) {
        QStringList clipped;
        for (const QString &c : row)
            clipped << clip(c);
        all << clipped;
    }
    QList<qsizetype> widths(headers.size(), 0);
    for (const QStringList &row : std::as_const(all))
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    QByteArray text;
    for (const QStringList &row : std::as_const(all)) {
        QString line;
        for (qsizetype i = 0; i < widths.size(); ++i) {
            const QString c = i < row.size() ? row[i] : QString();
            line += i + 1 < widths.size() ? c.leftJustified(widths[i] + 2) : c;
        }
        while (line.endsWith(u' '))
            line.chop(1);
        text += line.toUtf8() + '\n';
    }
    writeStdout(text);
}

void Output::keyValues(const QList<QPair<QString, QString>> &pairs) const
{
    qsizetype width = 0;
    for (const auto &p : pairs)
        width = std::max(width, p.first.size());
    QByteArray text;
    for (const auto &p : pairs)
        text += (p.first.leftJustified(width + 2) + p.second).toUtf8() + '\n';
    writeStdout(text);
}

void Output::entities(const QList<Instance> &list) const
{
    if (!isTable()) {
        QJsonArray array;
        for (const Instance &i : list)
            array.append(i);
        json(array);
        return;
    }
    // Columns: the id (_id, or ID on a legacy daemon), the other top-level fields in name order,
    // _mod last (v1 only).
    QSet<QString> seen;
    QStringList fields;
    for (const Instance &i : list)
        for (const QString &key : i.keys())
            if (key != m_idField && key != u"_mod"_s && !seen.contains(key)) {
                seen.insert(key);
                fields << key;
            }
    fields.sort();
    fields.prepend(m_idField);
    if (m_idField == u"_id"_s)
        fields.append(u"_mod"_s);
    QList<QStringList> rows;
    for (const Instance &i : list) {
        QStringList row;
        for (const QString &f : std::as_const(fields))
            row << (i.contains(f) ? cell(i.value(f)) : QString());
        rows << row;
    }
    table(fields, rows);
}

QString Output::cell(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: {
        // Integers (such as _mod, in nanoseconds) exactly, not in exponent form.
        const QJsonValue v = value;
        const qint64 asInt = v.toInteger();
        if (double(asInt) == v.toDouble())
            return QString::number(asInt);
        return QString::number(v.toDouble(), 'g', 17);
    }
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

QJsonObject Output::storeJson(const StoreInfo &store, bool withKey)
{
    QJsonArray addresses;
    for (const Multiaddr &a : store.addresses)
        addresses.append(a.toString());
    QJsonObject o{{u"id"_s, store.id.toString()}, {u"name"_s, store.name}, {u"addresses"_s, addresses}};
    QJsonArray unreadable;
    for (const UnreadableAddress &a : store.unreadableAddresses)
        unreadable.append(QJsonObject{{u"bytes"_s, a.text()}, {u"problem"_s, a.problem}});
    if (!unreadable.isEmpty())
        o.insert(u"unreadableAddresses"_s, unreadable);
    if (withKey && store.legacyKeys) // a legacy v0.1 store: "<base58 follow key>&<base58 read key>"
        o.insert(u"key"_s, QString(encoding::toBase58(store.legacyKeys->followKey) + u'&' + encoding::toBase58(store.legacyKeys->readKey)));
    else if (withKey)
        o.insert(u"key"_s, store.key.toString());
    if (!store.started) // a legacy store registered but never started
        o.insert(u"started"_s, false);
    return o;
}

QJsonArray Output::indexesJson(const QList<IndexSpec> &indexes)
{
    QJsonArray array;
    for (const IndexSpec &i : indexes)
        array.append(QJsonObject{{u"path"_s, i.path}, {u"unique"_s, i.unique}});
    return array;
}

QString Output::indexesText(const QList<IndexSpec> &indexes)
{
    QStringList parts;
    for (const IndexSpec &i : indexes)
        parts << (i.unique ? i.path + u" (unique)"_s : i.path);
    return parts.join(u", "_s);
}

QJsonObject Output::collectionJson(const CollectionConfig &config)
{
    QJsonParseError error;
    const QJsonDocument schema = QJsonDocument::fromJson(config.schema, &error);
    const QJsonValue schemaValue = error.error == QJsonParseError::NoError && schema.isObject()
        ? QJsonValue(schema.object())
        : QJsonValue(QString::fromUtf8(config.schema));
    return QJsonObject{{u"name"_s, config.name},
                       {u"schema"_s, schemaValue},
                       {u"indexes"_s, indexesJson(config.indexes)},
                       {u"writeValidator"_s, config.writeValidator},
                       {u"readFilter"_s, config.readFilter}};
}

QJsonObject Output::eventJson(const ChangeEvent &event)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(event.receivedMs, Qt::UTC);
    return QJsonObject{{u"action"_s, actionName(event.action)},
                       {u"collection"_s, event.collection},
                       {u"instanceId"_s, event.instanceId},
                       {u"instance"_s, event.action == ChangeAction::Delete ? QJsonValue() : QJsonValue(event.instance)},
                       {u"receivedAt"_s, at.toString(Qt::ISODateWithMs)}};
}

} // namespace loom::cli
