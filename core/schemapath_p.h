#pragma once

#include <QByteArrayView>
#include <QHash>
#include <QString>

// Internals of schemacheck: where a schema value is, and the number literals as written.
namespace loom::schemacheck::detail {

// A location in the schema while it is walked: a chain of stack-allocated links to the parent,
// so that entering a member costs the member's name, not the whole path. `node` is the RawText
// container id of the value here (-1 when it is not a container or not known).
struct Path
{
    const Path *parent = nullptr;
    QString name;          // member name; null for an array entry and for the root
    qsizetype index = -1;  // array entry
    int node = 0;          // the root container is 0

    // What Problem::path shows: "properties.age.minimum", "allOf[1].type". Paths longer than
    // kMaxDisplay characters keep their end (where the problem is) behind a leading "…".
    QString display() const;
    // Links for locations the raw text is not needed for (node -1). The result points to this
    // Path: keep this one alive while it is used.
    Path field(const QString &member, int childNode = -1) const { return {this, member, -1, childNode}; }
    Path entry(qsizetype i, int childNode = -1) const { return {this, QString(), i, childNode}; }

    static constexpr qsizetype kMaxDisplay = 240;
};

// Number literals as written, by location. QJsonDocument turns 18.0 into 18, but the daemon's
// decoder refuses a decimal point or an exponent where it expects an integer, so the checker
// needs the raw text. Only run on text QJsonDocument has accepted, so it can be lenient; it
// still terminates on any input. Time and memory are linear in the size of the text: each
// container and each object member holding a number costs one hash entry.
class RawText
{
public:
    explicit RawText(QByteArrayView text);

    // The container id of a member / array entry of container `node`, or -1.
    int child(int node, const QString &name) const { return find({node, -1, name}).container; }
    int child(int node, qsizetype index) const { return find({node, index, QString()}).container; }
    // The number literal of member `name` of object `node`, or empty.
    QByteArrayView number(int node, const QString &name) const;

private:
    struct Key
    {
        int node;
        qsizetype index;
        QString name;
        friend bool operator==(const Key &, const Key &) = default;
        friend size_t qHash(const Key &k, size_t seed = 0) { return qHashMulti(seed, k.node, k.index, k.name); }
    };
    struct Entry
    {
        int container = -1;
        qsizetype start = 0;  // number literal in m_s
        qsizetype length = 0;
    };

    Entry find(const Key &key) const { return m_entries.value(key); }
    char peek() const { return m_i < m_s.size() ? m_s[m_i] : '\0'; }
    void skipSpace();
    QString string();
    void value(const Key &at);

    QByteArrayView m_s;
    qsizetype m_i = 0;
    int m_containers = 0;
    QHash<Key, Entry> m_entries;
};

} // namespace loom::schemacheck::detail
