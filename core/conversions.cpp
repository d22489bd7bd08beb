#include "clientprivate_p.h"
#include "schemacheck.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace loom {

// ---------------------------------------------------------------------------------------------
// Conversions between protobuf messages and Loom's types, and the checks done before sending.

QByteArray toBytes(const std::string &s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

std::string toStd(const QByteArray &bytes)
{
    return std::string(bytes.constData(), size_t(bytes.size()));
}

std::string toStd(const QString &text)
{
    return text.toStdString();
}

std::optional<Instance> parseInstance(const std::string &json, Error *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(toBytes(json), &parseError);
    if (!doc.isObject()) {
        *error = Error::protocol(u"The daemon returned an entity that is not a JSON object (%1)."_s
                                     .arg(parseError.errorString()));
        return std::nullopt;
    }
    return doc.object();
}

QList<Instance> parseInstances(const google::protobuf::RepeatedPtrField<std::string> &list, Error *error)
{
    QList<Instance> out;
    out.reserve(list.size());
    for (const std::string &json : list) {
        auto instance = parseInstance(json, error);
        if (!instance)
            return {};
        out.append(std::move(*instance));
    }
    return out;
}

CollectionConfig fromPb(const pb::GetCollectionInfoReply &info)
{
    CollectionConfig config;
    config.name = QString::fromStdString(info.name());
    config.schema = toBytes(info.schema());
    for (const auto &index : info.indexes())
        config.indexes.append({QString::fromStdString(index.path()), index.unique()});
    config.writeValidator = QString::fromStdString(info.writevalidator());
    config.readFilter = QString::fromStdString(info.readfilter());
    return config;
}

void toPb(const CollectionConfig &config, pb::CollectionConfig *out)
{
    out->set_name(toStd(config.name));
    out->set_schema(toStd(config.schema));
    for (const IndexSpec &index : config.indexes) {
        auto *i = out->add_indexes();
        i->set_path(toStd(index.path));
        i->set_unique(index.unique);
    }
    out->set_writevalidator(toStd(config.writeValidator));
    out->set_readfilter(toStd(config.readFilter));
}

std::optional<StoreInfo> fromPb(const QByteArray &id, const pb::GetDBInfoReply &info, Error *error)
{
    StoreInfo store;
    QString why;
    auto storeId = StoreId::fromBinary(id, &why);
    if (!storeId) {
        *error = Error::protocol(u"The daemon returned a store id that cannot be read: %1"_s.arg(why));
        return std::nullopt;
    }
    store.id = *storeId;
    store.name = QString::fromStdString(info.name());
    for (const std::string &addr : info.addrs()) {
        const QByteArray bytes = toBytes(addr);
        if (auto address = Multiaddr::fromBinary(bytes, &why))
            store.addresses.append(*address);
        else
            store.unreadableAddresses.append({bytes, why});
    }
    if (!info.key().empty()) {
        auto key = StoreKey::fromBinary(toBytes(info.key()), &why);
        if (!key) {
            *error = Error::protocol(u"The daemon returned a store key that cannot be read: %1"_s.arg(why));
            return std::nullopt;
        }
        store.key = *key;
    }
    return store;
}

Error checkStore(const StoreId &store)
{
    if (!store.isValid())
        return Error::invalidInput(u"No valid store id was given."_s);
    return {};
}

Error checkCollectionName(const QString &name)
{
    const QString problem = schemacheck::nameProblem(name);
    if (!problem.isEmpty())
        return Error::invalidInput(u"Collection name \u201c%1\u201d: %2"_s.arg(name, problem));
    return {};
}

Error checkTarget(const StoreId &store, const QString &collection)
{
    if (Error e = checkStore(store))
        return e;
    return checkCollectionName(collection);
}

QByteArray compact(const Instance &instance)
{
    return QJsonDocument(instance).toJson(QJsonDocument::Compact);
}

Error checkCollectionConfig(const CollectionConfig &config)
{
    if (Error e = checkCollectionName(config.name))
        return e;
    QList<QPair<QString, bool>> indexes;
    for (const IndexSpec &index : config.indexes)
        indexes.append({index.path, index.unique});
    auto problems = schemacheck::checkSchema(config.schema);
    problems += schemacheck::checkIndexes(config.schema, indexes);
    for (const auto &p : std::as_const(problems)) {
        if (p.severity == schemacheck::Problem::Error)
            return Error(ErrorKind::BadSchema,
                         p.path.isEmpty() ? u"The schema of \u201c%1\u201d: %2"_s.arg(config.name, p.message)
                                          : u"The schema of \u201c%1\u201d at %2: %3"_s.arg(config.name, p.path, p.message));
    }
    return {};
}

namespace {
constexpr qsizetype kMaxRequestBytes = 4 * 1024 * 1024 - 64 * 1024; // the daemon's 4 MiB, less headroom
} // namespace

Error checkEntities(const QList<Instance> &entities, bool needId, const QString &what)
{
    if (entities.isEmpty())
        return Error::invalidInput(u"Could not %1: no entities were given."_s.arg(what));
    qsizetype total = 0;
    for (qsizetype i = 0; i < entities.size(); ++i) {
        const QJsonValue id = entities[i].value(u"_id"_s);
        if (!id.isUndefined() && !id.isNull() && !id.isString())
            return Error::invalidInput(u"Could not %1: entity %2 has an _id that is not a string."_s.arg(what).arg(i + 1));
        if (needId && id.toString().isEmpty())
            return Error::invalidInput(u"Could not %1: entity %2 has no _id."_s.arg(what).arg(i + 1));
        total += compact(entities[i]).size();
    }
    if (total > kMaxRequestBytes)
        return Error(ErrorKind::TooLarge,
                     u"Could not %1: %2 bytes of entities exceed the daemon's 4 MiB message limit; send smaller batches."_s
                         .arg(what).arg(total));
    return {};
}

Error checkQuery(const Query &query)
{
    const QString problem = query.validate();
    if (!problem.isEmpty())
        return Error(ErrorKind::BadQuery, u"The query is not valid: %1"_s.arg(problem));
    return {};
}

} // namespace loom
