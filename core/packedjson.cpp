#include "packedjson.h"

#include "jsonrules.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstring>

namespace loom::packedjson {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// A reader over JSON text that only finds where things are; what they are is Qt's parser's word.
struct Scanner
{
    const char *p;
    const char *end;

    void skipSpace()
    {
        while (p < end && isSpace(*p))
            ++p;
    }
    bool at(char c)
    {
        skipSpace();
        return p < end && *p == c;
    }
    // At a '"': past the closing quote. `escaped` tells whether a backslash was in it.
    bool skipString(bool *escaped)
    {
        ++p;
        while (p < end) {
            const char c = *p++;
            if (c == '\\') {
                *escaped = true;
                if (p < end)
                    ++p;
            } else if (c == '"') {
                return true;
            }
        }
        return false;
    }
    bool skipValue()
    {
        skipSpace();
        if (p >= end)
            return false;
        bool escaped = false;
        if (*p == '"')
            return skipString(&escaped);
        if (*p == '{' || *p == '[') {
            int depth = 0;
            while (p < end) {
                const char c = *p;
                if (c == '"') {
                    if (!skipString(&escaped))
                        return false;
                    continue;
                }
                ++p;
                if (c == '{' || c == '[') {
                    ++depth;
                } else if (c == '}' || c == ']') {
                    if (--depth == 0)
                        return true;
                }
            }
            return false;
        }
        const char *start = p;
        while (p < end && *p != ',' && *p != '}' && *p != ']' && !isSpace(*p))
            ++p;
        return p > start;
    }
};

// Qt's parser on one value (numbers it decides integer or double exactly as for a whole document).
QJsonValue parseValue(QByteArrayView text)
{
    QByteArray wrapped;
    wrapped.reserve(text.size() + 2);
    wrapped.append('[').append(text.data(), text.size()).append(']');
    const QJsonArray array = QJsonDocument::fromJson(wrapped).array();
    return array.isEmpty() ? QJsonValue(QJsonValue::Undefined) : array.at(0);
}

QJsonValue valueOf(QByteArrayView text)
{
    const char first = text.front();
    if (first == '"') {
        const QByteArrayView inner = text.sliced(1, text.size() - 2);
        if (!inner.contains('\\'))
            return QString::fromUtf8(inner);
        return parseValue(text);
    }
    if (text == "true")
        return true;
    if (text == "false")
        return false;
    if (text == "null")
        return QJsonValue(QJsonValue::Null);
    // Integers of up to 18 digits fit in qint64 (Qt's parser makes them integers too).
    const qsizetype sign = first == '-' ? 1 : 0;
    if (text.size() > sign && text.size() - sign <= 18) {
        qint64 n = 0;
        bool digits = true;
        for (qsizetype i = sign; i < text.size() && digits; ++i) {
            const char c = text[i];
            digits = c >= '0' && c <= '9';
            n = n * 10 + (c - '0');
        }
        if (digits)
            return QJsonValue(sign ? -n : n);
    }
    return parseValue(text);
}

} // namespace

QByteArray pack(const QJsonObject &object)
{
    if (object.isEmpty())
        return QByteArray();
    QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    json.squeeze();
    return json;
}

QJsonObject unpack(const QByteArray &json)
{
    if (json.isEmpty())
        return QJsonObject();
    return QJsonDocument::fromJson(json).object();
}

QJsonValue field(QByteArrayView json, QStringView key)
{
    Scanner s{json.data(), json.data() + json.size()};
    if (!s.at('{'))
        return QJsonValue(QJsonValue::Undefined);
    ++s.p;
    if (s.at('}'))
        return QJsonValue(QJsonValue::Undefined);
    const QByteArray wanted = key.toUtf8();
    while (true) {
        if (!s.at('"'))
            break;
        const char *keyStart = s.p + 1;
        bool escaped = false;
        if (!s.skipString(&escaped))
            break;
        const qsizetype keyLength = s.p - 1 - keyStart;
        if (!s.at(':'))
            break;
        ++s.p;
        s.skipSpace();
        const char *valueStart = s.p;
        if (!s.skipValue())
            break;
        if (escaped)
            break; // a key with escapes: Qt's parser says what it is
        if (keyLength == wanted.size() && std::memcmp(keyStart, wanted.constData(), size_t(keyLength)) == 0)
            return valueOf(QByteArrayView(valueStart, s.p - valueStart));
        if (s.at(','))
            ++s.p;
        else if (s.at('}'))
            return QJsonValue(QJsonValue::Undefined);
        else
            break;
    }
    return unpack(json.toByteArray()).value(key); // (not pack()'s compact form: the slow way)
}

qsizetype fieldCount(QByteArrayView json)
{
    Scanner s{json.data(), json.data() + json.size()};
    if (!s.at('{'))
        return 0;
    ++s.p;
    if (s.at('}'))
        return 0;
    qsizetype count = 0;
    while (true) {
        bool escaped = false;
        if (!s.at('"') || !s.skipString(&escaped) || !s.at(':'))
            break;
        ++s.p;
        if (!s.skipValue())
            break;
        ++count;
        if (s.at(','))
            ++s.p;
        else if (s.at('}'))
            return count;
        else
            break;
    }
    return unpack(json.toByteArray()).size();
}

QList<PackedInstance> packAll(const QList<QJsonObject> &objects, QStringView idField)
{
    QList<PackedInstance> packed;
    packed.reserve(objects.size());
    for (const QJsonObject &object : objects)
        packed.append({object.value(idField).toString(), pack(object)});
    return packed;
}

} // namespace loom::packedjson
