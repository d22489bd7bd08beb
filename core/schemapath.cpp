#include "schemapath_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace loom::schemacheck::detail {

QString Path::display() const
{
    // Walk up from here: O(depth) per problem, and only problems are displayed.
    QStringList parts; // innermost first
    qsizetype length = 0;
    bool elided = false;
    for (const Path *p = this; p->parent; p = p->parent) {
        QString part = p->name.isNull() ? QString(u'[' + QString::number(p->index) + u']')
                                        : QString((p->parent->parent ? u"."_s : QString()) + p->name);
        length += part.size();
        if (length > kMaxDisplay && !parts.isEmpty()) {
            elided = true;
            break;
        }
        parts.append(std::move(part));
    }
    std::reverse(parts.begin(), parts.end());
    const QString joined = parts.join(QString());
    if (joined.size() > kMaxDisplay)
        return u"…"_s + joined.right(kMaxDisplay);
    return elided ? u"…"_s + joined : joined;
}

RawText::RawText(QByteArrayView text)
    : m_s(text)
{
    value({-1, -1, QString()});
}

QByteArrayView RawText::number(int node, const QString &name) const
{
    const Entry e = find({node, -1, name});
    return m_s.sliced(e.start, e.length);
}

void RawText::skipSpace()
{
    while (m_i < m_s.size() && QByteArrayView(" \t\r\n").contains(m_s[m_i]))
        ++m_i;
}

QString RawText::string()
{
    const qsizetype start = m_i++;
    while (m_i < m_s.size() && m_s[m_i] != '"')
        m_i += m_s[m_i] == '\\' ? 2 : 1;
    m_i = std::min(m_i + 1, m_s.size());
    const QByteArrayView raw = m_s.sliced(start, m_i - start);
    if (raw.size() < 2)
        return {};
    if (!raw.contains('\\'))
        return QString::fromUtf8(raw.sliced(1, raw.size() - 2));
    return QJsonDocument::fromJson('[' + raw.toByteArray() + ']').array().at(0).toString();
}

// Every branch consumes at least one character (or stops at the end), so the loops below
// always make progress.
void RawText::value(const Key &at)
{
    skipSpace();
    const char c = peek();
    if (c == '{' || c == '[') {
        const int id = m_containers++;
        if (at.node >= 0)
            m_entries.insert(at, {id, 0, 0});
        const char close = c == '{' ? '}' : ']';
        ++m_i;
        skipSpace();
        for (qsizetype n = 0; m_i < m_s.size() && peek() != close; ++n) {
            const qsizetype before = m_i;
            if (c == '{') {
                if (peek() != '"')
                    return;
                const QString key = string();
                skipSpace();
                if (peek() == ':')
                    ++m_i;
                value({id, -1, key});
            } else {
                value({id, n, QString()});
            }
            skipSpace();
            if (peek() == ',')
                ++m_i;
            skipSpace();
            if (m_i == before)
                return;
        }
        ++m_i;
    } else if (c == '"') {
        string();
    } else if (c != '\0' && QByteArrayView("+-.0123456789").contains(c)) {
        const qsizetype start = m_i;
        while (m_i < m_s.size() && QByteArrayView("+-0123456789.eE").contains(m_s[m_i]))
            ++m_i;
        if (at.node >= 0 && at.index < 0)
            m_entries.insert(at, {-1, start, m_i - start});
    } else {
        ++m_i;
        while (m_i < m_s.size() && QChar::isLetter(uchar(m_s[m_i])))
            ++m_i;
    }
}

} // namespace loom::schemacheck::detail
