#include "storeddoc.h"

#include <array>
#include <functional>

namespace loom::detail {

namespace {

// Direct-mapped by the address of the packed text. An entry is dropped when a StoredDoc lets go
// of that text (assigned or destroyed), so an address reused for other text never finds a stale
// document. Text shared between StoredDocs (copies) is the same document.
struct DocCache
{
    static constexpr size_t kSlots = 512;
    struct Slot
    {
        const char *key = nullptr;
        QJsonObject doc;
    };
    std::array<Slot, kSlots> entries;

    static size_t slotOf(const char *key) { return (std::hash<const void *>()(key) >> 4) % kSlots; }
    Slot &slot(const char *key) { return entries[slotOf(key)]; }
};

thread_local bool t_cacheGone = false;

// Null once the thread's cache is destroyed (nodes let go after it, at exit: no cache then).
DocCache *cache()
{
    if (t_cacheGone)
        return nullptr;
    thread_local struct Holder
    {
        DocCache cache;
        ~Holder() { t_cacheGone = true; }
    } holder;
    return &holder.cache;
}

} // namespace

StoredDoc &StoredDoc::operator=(const StoredDoc &other)
{
    if (m_json.constData() != other.m_json.constData()) {
        forget();
        m_json = other.m_json;
    }
    return *this;
}

StoredDoc::~StoredDoc()
{
    forget();
}

void StoredDoc::forget()
{
    DocCache *c = cache();
    if (m_json.isEmpty() || !c)
        return;
    DocCache::Slot &slot = c->slot(m_json.constData());
    if (slot.key == m_json.constData()) {
        slot.key = nullptr;
        slot.doc = QJsonObject();
    }
}

StoredDoc &StoredDoc::operator=(const QJsonObject &object)
{
    forget();
    m_json = packedjson::pack(object);
    if (DocCache *c = cache(); c && !m_json.isEmpty()) {
        // The document is at hand: whoever reads it next (the view, a comparison) needs no parse.
        DocCache::Slot &slot = c->slot(m_json.constData());
        slot.key = m_json.constData();
        slot.doc = object;
    }
    return *this;
}

void StoredDoc::setPacked(QByteArray json)
{
    forget();
    m_json = std::move(json);
}

QJsonObject StoredDoc::object() const
{
    DocCache *c = cache();
    if (m_json.isEmpty() || !c)
        return packedjson::unpack(m_json);
    DocCache::Slot &slot = c->slot(m_json.constData());
    if (slot.key != m_json.constData()) {
        slot.doc = packedjson::unpack(m_json);
        slot.key = m_json.constData();
    }
    return slot.doc;
}

QJsonValue StoredDoc::value(QStringView key) const
{
    if (m_json.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    if (DocCache *c = cache()) {
        if (const DocCache::Slot &slot = c->slot(m_json.constData()); slot.key == m_json.constData())
            return slot.doc.value(key);
    }
    return packedjson::field(m_json, key);
}

qsizetype StoredDoc::size() const
{
    return packedjson::fieldCount(m_json);
}

bool StoredDoc::operator==(const QJsonObject &object) const
{
    if (m_json.isEmpty() || object.isEmpty())
        return m_json.isEmpty() && object.isEmpty();
    // The same text is the same document; other text can still be (1 and 1.0): compare documents.
    if (packedjson::pack(object) == m_json)
        return true;
    return this->object() == object;
}

int StoredDoc::cacheCapacity()
{
    return int(DocCache::kSlots);
}

void StoredDoc::clearCache()
{
    DocCache *c = cache();
    if (!c)
        return;
    for (auto &slot : c->entries) {
        slot.key = nullptr;
        slot.doc = QJsonObject();
    }
}

} // namespace loom::detail
