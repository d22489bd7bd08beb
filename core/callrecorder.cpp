#include "callrecorder_p.h"

#include "multiaddr.h"
#include "storeid.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QStringList>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

using namespace Qt::StringLiterals;

namespace loom::detail {

namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr int kShownIds = 5;
constexpr int kShownBodies = 5;
constexpr qsizetype kTextCap = 400;

QString capped(QString text)
{
    if (text.size() > kTextCap)
        text = text.left(kTextCap) + u"…"_s;
    return text;
}

QString fromStd(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QStringList repeatedStrings(const Message &m, const Reflection *r, const FieldDescriptor *f)
{
    QStringList list;
    for (int i = 0; i < r->FieldSize(m, f); ++i)
        list << fromStd(r->GetRepeatedString(m, f, i));
    return list;
}

QString idList(const QStringList &ids)
{
    QStringList shown = ids.mid(0, kShownIds);
    QString text = u"["_s + shown.join(u", "_s);
    if (ids.size() > kShownIds)
        text += u", … +%1"_s.arg(ids.size() - kShownIds);
    return text + u']';
}

// Entities (JSON bytes): their count and size, the ids of the first few, or their bodies.
QString entities(const Message &m, const Reflection *r, const FieldDescriptor *f, bool bodies)
{
    const int n = f->is_repeated() ? r->FieldSize(m, f) : 1;
    qint64 bytes = 0;
    QStringList ids;
    QStringList shown;
    std::string scratch;
    for (int i = 0; i < n; ++i) {
        const std::string &body = f->is_repeated() ? r->GetRepeatedStringReference(m, f, i, &scratch)
                                                   : r->GetStringReference(m, f, &scratch);
        bytes += qint64(body.size());
        if (i >= kShownBodies)
            continue;
        if (bodies) {
            shown << capped(fromStd(body));
        } else {
            const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromRawData(body.data(), qsizetype(body.size()))).object();
            QString id = o.value(u"_id"_s).toString();
            if (id.isEmpty())
                id = o.value(u"ID"_s).toString(); // legacy v0.1 entities
            if (!id.isEmpty())
                ids << id;
        }
    }
    QString text = n == 1 ? u"1 entity, %1"_s.arg(byteSize(bytes)) : u"%1 entities, %2"_s.arg(n).arg(byteSize(bytes));
    if (bodies && !shown.isEmpty())
        text += u" "_s + shown.join(u" "_s) + (n > kShownBodies ? u" …"_s : QString());
    else if (!ids.isEmpty())
        text += u" ids="_s + idList(ids) + (n > kShownBodies ? u"…"_s : QString());
    return text;
}

QString configNames(const Message &m, const Reflection *r, const FieldDescriptor *f)
{
    QStringList names;
    const int n = r->FieldSize(m, f);
    for (int i = 0; i < n; ++i) {
        const Message &config = r->GetRepeatedMessage(m, f, i);
        const FieldDescriptor *name = config.GetDescriptor()->FindFieldByName("name");
        if (name && name->type() == FieldDescriptor::TYPE_STRING)
            names << fromStd(config.GetReflection()->GetString(config, name));
    }
    return u"["_s + names.join(u", "_s) + u']';
}

QString describeConfig(const Message &config)
{
    const Reflection *r = config.GetReflection();
    QStringList parts;
    if (const FieldDescriptor *name = config.GetDescriptor()->FindFieldByName("name"))
        parts << u"collection="_s + fromStd(r->GetString(config, name));
    if (const FieldDescriptor *schema = config.GetDescriptor()->FindFieldByName("schema"))
        parts << u"schema=%1"_s.arg(byteSize(qint64(r->GetString(config, schema).size())));
    if (const FieldDescriptor *indexes = config.GetDescriptor()->FindFieldByName("indexes"))
        parts << u"indexes=%1"_s.arg(r->FieldSize(config, indexes));
    return parts.join(u' ');
}

// The request's fields a person may see, in field order.
QString describeRequest(const Message &m, QString *store, bool bodies)
{
    const Reflection *r = m.GetReflection();
    std::vector<const FieldDescriptor *> fields;
    r->ListFields(m, &fields);
    QStringList parts;
    for (const FieldDescriptor *f : fields) {
        const std::string &name = f->name();
        if (name == "dbID") {
            const std::string id = r->GetString(m, f);
            const auto parsed = StoreId::fromBinary(QByteArrayView(id.data(), qsizetype(id.size())));
            *store = parsed ? parsed->toString() : u"(not a store id)"_s;
        } else if (name == "storeID") { // legacy v0.1: the store's UUID text
            *store = fromStd(r->GetString(m, f));
        } else if (name == "modelName") {
            parts << u"collection="_s + fromStd(r->GetString(m, f));
        } else if (name == "entityIDs") {
            parts << u"ids="_s + idList(repeatedStrings(m, r, f));
        } else if (name == "entityID") {
            parts << u"id="_s + fromStd(r->GetString(m, f));
        } else if (name == "values") {
            parts << entities(m, r, f, bodies);
        } else if (name == "address") {
            parts << u"addr="_s + fromStd(r->GetString(m, f));
        } else if (name == "collectionName" || name == "name") {
            parts << (name == "name" ? u"name="_s : u"collection="_s) + fromStd(r->GetString(m, f));
        } else if (name == "instanceIDs") {
            parts << u"ids="_s + idList(repeatedStrings(m, r, f));
        } else if (name == "instanceID") {
            parts << u"id="_s + fromStd(r->GetString(m, f));
        } else if (name == "queryJSON") {
            parts << u"query="_s + capped(fromStd(r->GetString(m, f)));
        } else if (name == "instances") {
            parts << entities(m, r, f, bodies);
        } else if (name == "addr") {
            const std::string addr = r->GetString(m, f);
            const auto parsed = Multiaddr::fromBinary(QByteArrayView(addr.data(), qsizetype(addr.size())));
            parts << u"addr="_s + (parsed ? parsed->toString() : u"(not an address)"_s);
        } else if (name == "collections") {
            parts << u"collections="_s + configNames(m, r, f);
        } else if (name == "config") {
            parts << describeConfig(r->GetMessage(m, f));
        }
        // Anything else is left out on purpose: key, logKey, threadKey, followKey, readKey (secrets), token fields,
        // identities and signatures, and fields this list does not know.
    }
    return parts.join(u' ');
}

QString describeReply(const Message &m, bool bodies)
{
    const Reflection *r = m.GetReflection();
    std::vector<const FieldDescriptor *> fields;
    r->ListFields(m, &fields);
    QStringList parts;
    for (const FieldDescriptor *f : fields) {
        const std::string &name = f->name();
        if (name == "instanceIDs") {
            const QStringList ids = repeatedStrings(m, r, f);
            parts << u"%1 ids %2"_s.arg(ids.size()).arg(idList(ids));
        } else if (name == "instances" || name == "instance" || name == "entities" || name == "entity") {
            parts << entities(m, r, f, bodies);
        } else if (name == "ID") { // legacy NewStore
            parts << u"store "_s + fromStd(r->GetString(m, f));
        } else if (name == "addresses") { // legacy GetStoreLink (never its followKey/readKey)
            parts << u"%1 addresses"_s.arg(r->FieldSize(m, f));
        } else if (name == "exists") {
            parts << (r->GetBool(m, f) ? u"exists"_s : u"does not exist"_s);
        } else if (name == "dbs") {
            parts << u"%1 stores"_s.arg(r->FieldSize(m, f));
        } else if (name == "collections") {
            parts << u"%1 collections"_s.arg(r->FieldSize(m, f));
        } else if (name == "indexes" && f->is_repeated()) {
            parts << u"%1 indexes"_s.arg(r->FieldSize(m, f));
        } else if (name == "addrs") {
            parts << u"%1 addresses"_s.arg(r->FieldSize(m, f));
        }
        // Never: key (GetDBInfo), followKey/readKey (GetStoreLink), token (GetToken), schemas' bodies.
    }
    // "instanceIDs" and "instances" of empty lists are not "set": say what came back anyway.
    if (parts.isEmpty()) {
        if (m.GetDescriptor()->FindFieldByName("instances") || m.GetDescriptor()->FindFieldByName("entities"))
            return u"0 entities"_s;
        if (m.GetDescriptor()->FindFieldByName("instanceIDs"))
            return u"0 ids"_s;
        if (m.GetDescriptor()->FindFieldByName("exists"))
            return u"does not exist"_s;
    }
    return parts.isEmpty() ? u"done"_s : parts.join(u", "_s);
}

QString operationOf(const Message &request)
{
    QString name = fromStd(request.GetDescriptor()->name());
    if (name.endsWith(u"Request"_s) || name.endsWith(u"Reply"_s))
        name.chop(name.endsWith(u"Reply"_s) ? 5 : 7);
    return name;
}

// A transaction's messages wrap one request (or reply) of their own in a oneof: that one is what
// the call log describes, named "WriteTransaction/Create".
const Message &unwrapped(const Message &m, QString *operation)
{
    const google::protobuf::Descriptor *d = m.GetDescriptor();
    if (d->oneof_decl_count() != 1)
        return m;
    const Reflection *r = m.GetReflection();
    const FieldDescriptor *set = r->GetOneofFieldDescriptor(m, d->oneof_decl(0));
    if (!set || set->type() != FieldDescriptor::TYPE_MESSAGE)
        return m;
    const Message &inner = r->GetMessage(m, set);
    if (operation)
        *operation = operationOf(m) + u'/' + operationOf(inner);
    return inner;
}

} // namespace

QString byteSize(qint64 bytes)
{
    if (bytes < 1024)
        return bytes == 1 ? u"1 byte"_s : u"%1 bytes"_s.arg(bytes);
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

std::shared_ptr<CallRecorder> CallRecorder::begin(CallLog *log, const QString &endpoint, const Message &request)
{
    if (!log)
        return nullptr;
    QString operation = operationOf(request);
    const Message &inner = unwrapped(request, &operation);
    QString store;
    const QString shape = describeRequest(inner, &store, log->showBodies());
    return begin(log, endpoint, operation, store, shape);
}

std::shared_ptr<CallRecorder> CallRecorder::begin(CallLog *log, const QString &endpoint, const QString &operation,
                                                  const QString &store, const QString &request)
{
    if (!log)
        return nullptr;
    auto recorder = std::make_shared<CallRecorder>();
    recorder->m_log = log;
    recorder->m_bodies = log->showBodies();
    recorder->m_record.started = QDateTime::currentDateTime();
    recorder->m_record.endpoint = endpoint;
    recorder->m_record.operation = operation;
    recorder->m_record.store = store;
    recorder->m_record.request = request;
    recorder->m_timer.start();
    return recorder;
}

void CallRecorder::finish(const Message *response, const Error &error)
{
    finish(!error.isError() && response ? describeReply(unwrapped(*response, nullptr), m_bodies) : QString(), error);
}

void CallRecorder::finish(const QString &result, const Error &error)
{
    CallRecord record = m_record;
    record.durationUs = m_timer.nsecsElapsed() / 1000;
    record.ok = !error.isError();
    record.result = record.ok ? result : error.message();
    m_log->add(std::move(record));
}

} // namespace loom::detail
