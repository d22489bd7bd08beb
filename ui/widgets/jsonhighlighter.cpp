#include "jsonhighlighter.h"

#include <QGuiApplication>
#include <QPalette>
#include <QSet>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

bool isSchemaKeyword(QStringView key)
{
    static const QSet<QString> keywords = {
        u"$schema"_s, u"$ref"_s, u"type"_s, u"properties"_s, u"required"_s, u"items"_s,
        u"additionalProperties"_s, u"patternProperties"_s, u"dependencies"_s, u"enum"_s,
        u"allOf"_s, u"anyOf"_s, u"oneOf"_s, u"not"_s, u"definitions"_s, u"title"_s,
        u"description"_s, u"default"_s, u"format"_s, u"examples"_s, u"pattern"_s, u"multipleOf"_s,
        u"maximum"_s, u"minimum"_s, u"exclusiveMaximum"_s, u"exclusiveMinimum"_s, u"maxLength"_s,
        u"minLength"_s, u"maxItems"_s, u"minItems"_s, u"uniqueItems"_s, u"maxProperties"_s,
        u"minProperties"_s, u"additionalItems"_s,
    };
    return keywords.contains(key.toString());
}

} // namespace

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
    , m_stringPattern(u"\"(?:[^\"\\\\]|\\\\.)*\"?"_s)
    , m_numberPattern(u"-?\\b\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b"_s)
    , m_literalPattern(u"\\b(?:true|false|null)\\b"_s)
    , m_bracketPattern(u"[{}\\[\\]]"_s)
{
    const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    m_key.setForeground(dark ? QColor(0x9c, 0xdc, 0xfe) : QColor(0x04, 0x51, 0xa5));
    m_keyword = m_key;
    m_keyword.setFontWeight(QFont::Bold);
    m_string.setForeground(dark ? QColor(0xce, 0x91, 0x78) : QColor(0xa3, 0x15, 0x15));
    m_number.setForeground(dark ? QColor(0xb5, 0xce, 0xa8) : QColor(0x09, 0x86, 0x58));
    m_literal.setForeground(dark ? QColor(0x56, 0x9c, 0xd6) : QColor(0x00, 0x00, 0xff));
    m_literal.setFontWeight(QFont::Bold);
    m_bracket.setForeground(dark ? QColor(0xd4, 0xd4, 0xd4) : QColor(0x55, 0x55, 0x55));
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    for (auto it = m_bracketPattern.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), m_bracket);
    }
    for (auto it = m_numberPattern.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), m_number);
    }
    for (auto it = m_literalPattern.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), m_literal);
    }
    // Strings last: digits and words inside them are text. A string followed by ':' is a key.
    for (auto it = m_stringPattern.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const int start = int(m.capturedStart());
        const int length = int(m.capturedLength());
        int after = start + length;
        while (after < text.size() && text.at(after).isSpace())
            ++after;
        const bool isKey = after < text.size() && text.at(after) == u':';
        if (!isKey) {
            setFormat(start, length, m_string);
            continue;
        }
        const QStringView inner = QStringView(text).mid(start + 1, std::max(0, length - 2));
        setFormat(start, length, isSchemaKeyword(inner) ? m_keyword : m_key);
    }
}

} // namespace loom
