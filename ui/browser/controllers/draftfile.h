#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace loom {

// Unsaved edits of one collection kept on disk, so that they survive a crash or a kill of Loom.
// One file per daemon address, store and collection:
//   <AppDataLocation>/drafts/<daemon address>/<store id>/<collection>.json
// (names percent-encoded; on Linux AppDataLocation is ~/.local/share/Loom/loom). It holds the
// address, the store's id, the collection, when it was written and the entities: for an edited
// entity its id, the working copy and the daemon's version it was edited from ("base"); for a
// new one its working copy. Never a store key, a token or anything else from the connection.
struct DraftEntity
{
    QString id;        // empty for a new entity
    QJsonObject doc;   // the working copy
    QJsonObject base;  // the daemon's version the edit started from (edited entities)
    bool isNew() const { return id.isEmpty(); }
    bool operator==(const DraftEntity &) const = default;
};

struct Draft
{
    QString daemon;     // host:port
    QString store;      // the store's id
    QString collection;
    QDateTime savedAt;
    QList<DraftEntity> entities;
    QString path;       // where it was read from (not written)

    bool isEmpty() const { return entities.isEmpty(); }
    int newCount() const;
    int editedCount() const { return int(entities.size()) - newCount(); }
};

namespace drafts {

// <AppDataLocation>/drafts
QString directory();
QString pathFor(const QString &daemon, const QString &store, const QString &collection);
// Writes atomically (QSaveFile), readable by the user only. False with `error` when it fails.
bool write(const Draft &draft, QString *error = nullptr);
std::optional<Draft> read(const QString &path, QString *error = nullptr);
bool remove(const QString &daemon, const QString &store, const QString &collection);
// Every draft that can be read, oldest first.
QList<Draft> all();
// "3 entities in People on 127.0.0.1:6006"
QString describe(const Draft &draft);

} // namespace drafts

} // namespace loom
