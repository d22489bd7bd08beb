#include "legacystores.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

QString howName(RememberedStore::How how)
{
    switch (how) {
    case RememberedStore::Created: return u"created"_s;
    case RememberedStore::Joined: return u"joined"_s;
    case RememberedStore::Opened: return u"opened"_s;
    }
    return u"opened"_s;
}

RememberedStore::How howFrom(const QString &name)
{
    if (name == u"created")
        return RememberedStore::Created;
    if (name == u"joined")
        return RememberedStore::Joined;
    return RememberedStore::Opened;
}

QJsonObject toJson(const RememberedStore &s)
{
    QJsonArray models;
    for (const RememberedModel &m : s.models) {
        QJsonArray indexes;
        for (const IndexSpec &i : m.indexes)
            indexes.append(QJsonObject{{u"path"_s, i.path}, {u"unique"_s, i.unique}});
        models.append(QJsonObject{{u"name"_s, m.name},
                                  {u"schema"_s, QString::fromUtf8(m.schema)},
                                  {u"indexes"_s, indexes}});
    }
    return {{u"name"_s, s.name}, {u"how"_s, howName(s.how)}, {u"started"_s, s.started},
            {u"written"_s, s.written}, {u"models"_s, models}};
}

std::optional<RememberedStore> fromJson(const QString &id, const QByteArray &text)
{
    const auto storeId = StoreId::fromLegacyUuid(id);
    const QJsonDocument doc = QJsonDocument::fromJson(text);
    if (!storeId || !doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    RememberedStore s;
    s.id = *storeId;
    s.name = o.value(u"name"_s).toString();
    s.how = howFrom(o.value(u"how"_s).toString());
    s.started = o.value(u"started"_s).toBool();
    s.written = o.value(u"written"_s).toBool();
    for (const QJsonValue &v : o.value(u"models"_s).toArray()) {
        const QJsonObject m = v.toObject();
        RememberedModel model{m.value(u"name"_s).toString(), m.value(u"schema"_s).toString().toUtf8(), {}};
        for (const QJsonValue &i : m.value(u"indexes"_s).toArray())
            model.indexes.append({i.toObject().value(u"path"_s).toString(), i.toObject().value(u"unique"_s).toBool()});
        s.models.append(model);
    }
    return s;
}

} // namespace

LegacyStoreBook::LegacyStoreBook(QString endpoint, QSettings *settings)
    : m_endpoint(std::move(endpoint))
    , m_settings(settings)
{
    if (!m_settings) {
        m_own = std::make_unique<QSettings>(u"Loom"_s, u"loom"_s);
        m_settings = m_own.get();
    }
}

LegacyStoreBook::~LegacyStoreBook() = default;

QString LegacyStoreBook::group() const
{
    // "legacyStores/127.0.0.1_6006": QSettings keys take no '/' or ':' inside a name.
    QString key = m_endpoint;
    key.replace(u':', u'_').replace(u'/', u'_').replace(u'\\', u'_');
    return u"legacyStores/"_s + key;
}

QList<RememberedStore> LegacyStoreBook::stores() const
{
    m_settings->sync(); // another process (loom-cli, the GUI) may have written
    QList<RememberedStore> list;
    const QStringList order = m_settings->value(group() + u"/order"_s).toStringList();
    for (const QString &id : order)
        if (auto s = fromJson(id, m_settings->value(group() + u"/stores/"_s + id).toByteArray()))
            list.append(*s);
    return list;
}

std::optional<RememberedStore> LegacyStoreBook::find(const StoreId &store) const
{
    if (!store.isLegacy())
        return std::nullopt;
    m_settings->sync();
    const QString id = store.toString();
    const QVariant value = m_settings->value(group() + u"/stores/"_s + id);
    if (!value.isValid())
        return std::nullopt;
    return fromJson(id, value.toByteArray());
}

void LegacyStoreBook::write(const RememberedStore &store)
{
    if (!store.id.isLegacy())
        return;
    const QString id = store.id.toString();
    QStringList order = m_settings->value(group() + u"/order"_s).toStringList();
    if (!order.contains(id)) {
        order.append(id);
        m_settings->setValue(group() + u"/order"_s, order);
    }
    m_settings->setValue(group() + u"/stores/"_s + id, QJsonDocument(toJson(store)).toJson(QJsonDocument::Compact));
    m_settings->sync();
}

void LegacyStoreBook::remember(const RememberedStore &store)
{
    if (!store.id.isLegacy())
        return;
    RememberedStore merged = store;
    if (const auto old = find(store.id)) {
        merged.started = merged.started || old->started;
        merged.written = merged.written || old->written;
        if (merged.models.isEmpty())
            merged.models = old->models;
        if (merged.name.isEmpty())
            merged.name = old->name;
    }
    write(merged);
}

void LegacyStoreBook::forget(const StoreId &store)
{
    const QString id = store.toString();
    QStringList order = m_settings->value(group() + u"/order"_s).toStringList();
    order.removeAll(id);
    m_settings->setValue(group() + u"/order"_s, order);
    m_settings->remove(group() + u"/stores/"_s + id);
    m_settings->sync();
}

void LegacyStoreBook::markStarted(const StoreId &store)
{
    RememberedStore s = find(store).value_or(RememberedStore{store, {}, RememberedStore::Opened, false, false, {}});
    s.started = true;
    write(s);
}

void LegacyStoreBook::addModel(const StoreId &store, const RememberedModel &model)
{
    RememberedStore s = find(store).value_or(RememberedStore{store, {}, RememberedStore::Opened, false, false, {}});
    bool replaced = false;
    for (RememberedModel &m : s.models) {
        if (m.name == model.name) {
            m = model;
            replaced = true;
        }
    }
    if (!replaced)
        s.models.append(model);
    write(s);
}

void LegacyStoreBook::markWritten(const StoreId &store)
{
    auto s = find(store);
    if (!s || s->written)
        return;
    s->written = true;
    write(*s);
}

} // namespace loom
