#pragma once

#include "packedjson.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>

namespace loom::detail {

// The daemon's version of an entity, kept compactly: its JSON as compact UTF-8 text
// (packedjson.h: ~1 byte per byte of JSON; a QJsonObject takes 4-5), parsed again when asked for.
// The documents parsed last are kept in a small cache (per thread), so a view painting, an
// expansion or a comparison of the same entity parse it once. It reads and compares like the
// QJsonObject it replaces: `node->stored = doc`, `node->stored.value("_mod")`, `doc == node->stored`.
class StoredDoc
{
public:
    StoredDoc() = default;
    StoredDoc(const StoredDoc &other) = default;
    StoredDoc &operator=(const StoredDoc &other);
    ~StoredDoc();

    StoredDoc &operator=(const QJsonObject &object);
    // Takes a packedjson::pack() result as it is (pages packed on gRPC's thread).
    void setPacked(QByteArray json);

    QJsonObject object() const;  // the document (from the cache, or parsed)
    operator QJsonObject() const { return object(); }
    operator QJsonValue() const { return object(); }
    QJsonValue value(QStringView key) const; // a top-level field, without parsing the rest
    QJsonValue value(QLatin1StringView key) const { return value(QString(key)); }
    qsizetype size() const;                  // the number of top-level fields
    bool isEmpty() const { return m_json.isEmpty(); }
    const QByteArray &packed() const { return m_json; }

    bool operator==(const QJsonObject &object) const;
    bool operator!=(const QJsonObject &object) const { return !(*this == object); }
    friend bool operator==(const QJsonObject &object, const StoredDoc &doc) { return doc == object; }
    friend bool operator!=(const QJsonObject &object, const StoredDoc &doc) { return !(doc == object); }

    // The cache of parsed documents (tests and the benchmark).
    static int cacheCapacity();
    static void clearCache();

private:
    void forget();

    QByteArray m_json;
};

} // namespace loom::detail
