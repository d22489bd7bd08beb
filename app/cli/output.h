#pragma once

#include "types.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace loom::cli {

// What loom-cli prints. stdout carries results only: JSON by default (stable lower-camel field
// names, documented in the help), or an aligned table with --table. stderr carries one-line
// errors and warnings. Nothing here prints a store key unless asked to (storeJson's withKey).
class Output
{
public:
    enum Format { Json, Table };

    Output() = default;
    Output(Format format, bool compact) : m_format(format), m_compact(compact) {}

    Format format() const { return m_format; }
    bool isTable() const { return m_format == Table; }
    // The entity id field of the daemon's generation: "_id", or "ID" on a legacy v0.1 daemon.
    void setIdField(const QString &field) { m_idField = field; }
    const QString &idField() const { return m_idField; }

    // A JSON document: indented unless --compact.
    void json(const QJsonObject &object) const;
    void json(const QJsonArray &array) const;
    // One compact JSON line, flushed at once (streams: listen, transaction).
    void jsonLine(const QJsonObject &object) const;
    // Aligned columns under the headers (upper case by convention; entity tables use the field
    // names as they are); cells are cut at 80 characters.
    void table(const QStringList &headers, const QList<QStringList> &rows) const;
    // Aligned "key  value" lines.
    void keyValues(const QList<QPair<QString, QString>> &pairs) const;
    // A raw line of text on stdout, flushed.
    void line(const QString &text) const;
    // Entities: a JSON array, or a table with a column per top-level field (_id first).
    void entities(const QList<Instance> &list) const;

    static void writeStdout(const QByteArray &bytes);
    static void writeStderr(const QString &line);

    // The JSON forms of the core's types (field names are part of the CLI's interface).
    static QJsonObject storeJson(const StoreInfo &store, bool withKey);
    static QJsonObject collectionJson(const CollectionConfig &config);
    static QJsonArray indexesJson(const QList<IndexSpec> &indexes);
    static QJsonObject eventJson(const ChangeEvent &event);
    // A table cell: strings as they are, other values as compact JSON.
    static QString cell(const QJsonValue &value);
    static QString indexesText(const QList<IndexSpec> &indexes); // "name, email (unique)"

private:
    Format m_format = Json;
    bool m_compact = false;
    QString m_idField = QStringLiteral("_id");
};

} // namespace loom::cli
