#include "draftfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace loom {

int Draft::newCount() const
{
    return int(std::count_if(entities.begin(), entities.end(), [](const DraftEntity &e) { return e.isNew(); }));
}

namespace drafts {

namespace {

constexpr int kFormat = 1;
constexpr qint64 kMaxDraftBytes = 256 * 1024 * 1024; // not read beyond this (a broken file)

QString part(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

QString tr(const char *text)
{
    return QCoreApplication::translate("loom::drafts", text);
}

} // namespace

QString directory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/drafts"_s;
}

QString pathFor(const QString &daemon, const QString &store, const QString &collection)
{
    return directory() + u'/' + part(daemon) + u'/' + part(store) + u'/' + part(collection) + u".json"_s;
}

bool write(const Draft &draft, QString *error)
{
    const QString path = pathFor(draft.daemon, draft.store, draft.collection);
    const QFileInfo info(path);
    // The folders and the file are the user's only: they hold entities' data.
    const QString top = directory();
    if (!QDir().mkpath(info.absolutePath())) {
        if (error)
            *error = tr("Cannot make the folder %1.").arg(info.absolutePath());
        return false;
    }
    const QString storeDir = info.absolutePath();
    for (const QString &dir : {top, QFileInfo(storeDir).absolutePath(), storeDir})
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QJsonArray entities;
    for (const DraftEntity &e : draft.entities) {
        QJsonObject o;
        if (e.isNew()) {
            o.insert(u"new"_s, true);
        } else {
            o.insert(u"id"_s, e.id);
            o.insert(u"base"_s, e.base);
        }
        o.insert(u"doc"_s, e.doc);
        entities.append(o);
    }
    const QJsonObject root{{u"format"_s, kFormat},
                           {u"daemon"_s, draft.daemon},
                           {u"store"_s, draft.store},
                           {u"collection"_s, draft.collection},
                           {u"savedAt"_s, draft.savedAt.toUTC().toString(Qt::ISODateWithMs)},
                           {u"entities"_s, entities}};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

std::optional<Draft> read(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return std::nullopt;
    }
    if (file.size() > kMaxDraftBytes) {
        if (error)
            *error = tr("The file is too large to be a draft.");
        return std::nullopt;
    }
    QJsonParseError parse;
    const QJsonDocument json = QJsonDocument::fromJson(file.readAll(), &parse);
    const QJsonObject root = json.object();
    if (parse.error != QJsonParseError::NoError || root.value(u"format"_s).toInt() != kFormat) {
        if (error)
            *error = parse.error != QJsonParseError::NoError ? parse.errorString() : tr("Not a draft of this version.");
        return std::nullopt;
    }
    Draft draft;
    draft.path = path;
    draft.daemon = root.value(u"daemon"_s).toString();
    draft.store = root.value(u"store"_s).toString();
    draft.collection = root.value(u"collection"_s).toString();
    draft.savedAt = QDateTime::fromString(root.value(u"savedAt"_s).toString(), Qt::ISODateWithMs);
    const QJsonArray entities = root.value(u"entities"_s).toArray();
    for (const QJsonValue &v : entities) {
        const QJsonObject o = v.toObject();
        DraftEntity e;
        e.doc = o.value(u"doc"_s).toObject();
        if (!o.value(u"new"_s).toBool()) {
            e.id = o.value(u"id"_s).toString();
            e.base = o.value(u"base"_s).toObject();
            if (e.id.isEmpty())
                continue; // neither new nor edited: not ours
        }
        draft.entities.append(e);
    }
    if (draft.daemon.isEmpty() || draft.store.isEmpty() || draft.collection.isEmpty()) {
        if (error)
            *error = tr("The draft does not name its daemon, store and collection.");
        return std::nullopt;
    }
    return draft;
}

bool remove(const QString &daemon, const QString &store, const QString &collection)
{
    const QString path = pathFor(daemon, store, collection);
    if (!QFile::exists(path))
        return true;
    const bool removed = QFile::remove(path);
    // Empty folders go too (the store's, then the daemon's).
    QDir dir = QFileInfo(path).absoluteDir();
    for (int i = 0; i < 2 && dir.isEmpty(); ++i) {
        const QString name = dir.dirName();
        if (!dir.cdUp() || !dir.rmdir(name))
            break;
    }
    return removed;
}

QList<Draft> all()
{
    QList<Draft> found;
    QDirIterator it(directory(), {u"*.json"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        if (std::optional<Draft> d = read(it.next()); d && !d->isEmpty())
            found.append(*d);
    }
    std::sort(found.begin(), found.end(), [](const Draft &a, const Draft &b) { return a.savedAt < b.savedAt; });
    return found;
}

QString describe(const Draft &draft)
{
    const int n = int(draft.entities.size());
    const QString what = n == 1 ? tr("1 entity") : tr("%1 entities").arg(n);
    return tr("%1 in %2 on %3").arg(what, draft.collection, draft.daemon);
}

} // namespace drafts

} // namespace loom
