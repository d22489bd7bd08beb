#include "queryexprlexer_p.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

using namespace Qt::StringLiterals;

namespace loom::queryexpr {

namespace {

// Integers up to this size are exact as 64-bit floats, which is how the daemon compares numbers.
constexpr double kExactInteger = 9007199254740992.0; // 2^53

const QLatin1StringView kKeywords[] = {"and"_L1,  "or"_L1,   "true"_L1, "false"_L1, "null"_L1, "sort"_L1,
                                       "asc"_L1,  "desc"_L1, "limit"_L1, "skip"_L1, "seek"_L1, "index"_L1};

} // namespace

bool isDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

bool isWordStart(QChar c)
{
    return c.isLetter() || c == u'_' || c == u'$';
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$';
}

bool isKeywordText(QStringView word)
{
    return std::any_of(std::begin(kKeywords), std::end(kKeywords),
                       [word](QLatin1StringView k) { return word.compare(k, Qt::CaseInsensitive) == 0; });
}

bool isPlainName(QStringView name)
{
    if (name.isEmpty() || !isWordStart(name.front()) || isKeywordText(name))
        return false;
    return std::all_of(name.begin(), name.end(), isWordChar);
}

bool Lexer::run(QList<Token> *tokens, Failure *failure)
{
    for (;;) {
        while (m_pos < m_s.size() && m_s[m_pos].isSpace())
            ++m_pos;
        Token t;
        t.start = m_pos;
        bool ok = true;
        const QChar c = at(m_pos);
        if (m_pos >= m_s.size()) {
            t.kind = Tok::End;
        } else if (c == u'"' || c == u'\'') {
            ok = string(&t);
        } else if (isDigit(c) || (c == u'-' && isDigit(at(m_pos + 1)))) {
            ok = number(&t);
        } else if (isWordStart(c)) {
            t.kind = Tok::Word;
            while (m_pos < m_s.size() && isWordChar(m_s[m_pos]))
                ++m_pos;
            t.text = m_s.mid(t.start, m_pos - t.start).toString();
        } else if (c == u'`') {
            ok = name(&t);
        } else if (QStringView(u"=!<>&|").contains(c)) {
            ok = op(&t);
        } else {
            static const struct { char16_t c; Tok kind; } singles[] = {
                {u'(', Tok::LParen}, {u')', Tok::RParen}, {u'.', Tok::Dot},
                {u'-', Tok::Minus},  {u'+', Tok::Plus},   {u',', Tok::Comma}};
            const auto *single = std::find_if(std::begin(singles), std::end(singles),
                                              [c](const auto &s) { return s.c == c.unicode(); });
            if (single == std::end(singles)) {
                if (QStringView(u"\u201c\u201d\u2018\u2019").contains(c))
                    ok = fail(m_pos, 1, u"curly quotes do not start text: use straight quotes, \"…\""_s);
                else
                    ok = fail(m_pos, 1, u"unexpected character '"_s + c + u'\'');
            } else {
                t.kind = single->kind;
                ++m_pos;
            }
        }
        if (!ok) {
            *failure = m_failure;
            return false;
        }
        t.end = m_pos;
        tokens->append(t);
        if (t.kind == Tok::End)
            return true;
    }
}

bool Lexer::hex4(qsizetype i, char16_t *unit)
{
    if (i + 4 > m_s.size())
        return false;
    bool ok = false;
    *unit = char16_t(m_s.mid(i, 4).toUShort(&ok, 16));
    return ok && std::all_of(m_s.begin() + i, m_s.begin() + i + 4, [](QChar c) { return c.unicode() < 128 && std::isxdigit(int(c.unicode())); });
}

bool Lexer::string(Token *t)
{
    const QChar quote = m_s[m_pos];
    t->kind = Tok::String;
    ++m_pos;
    for (;;) {
        if (m_pos >= m_s.size())
            return fail(t->start, 1, u"the text that starts here has no closing "_s + quote);
        const QChar c = m_s[m_pos];
        if (c == quote) {
            ++m_pos;
            return true;
        }
        if (c != u'\\') {
            t->text.append(c);
            ++m_pos;
            continue;
        }
        const qsizetype escape = m_pos;
        const QChar e = at(m_pos + 1);
        static const struct { char16_t in, out; } simple[] = {
            {u'"', u'"'}, {u'\'', u'\''}, {u'\\', u'\\'}, {u'/', u'/'}, {u'n', u'\n'},
            {u't', u'\t'}, {u'r', u'\r'}, {u'b', u'\b'}, {u'f', u'\f'}};
        if (const auto *s = std::find_if(std::begin(simple), std::end(simple), [e](const auto &x) { return x.in == e.unicode(); });
            s != std::end(simple)) {
            t->text.append(QChar(s->out));
            m_pos += 2;
            continue;
        }
        if (e == u'u') {
            char16_t unit = 0;
            if (!hex4(m_pos + 2, &unit))
                return fail(escape, std::min<qsizetype>(6, m_s.size() - escape),
                            u"\\u needs four hex digits, like \\u00e9"_s);
            m_pos += 6;
            if (QChar::isHighSurrogate(unit)) {
                char16_t low = 0;
                if (at(m_pos) != u'\\' || at(m_pos + 1) != u'u' || !hex4(m_pos + 2, &low) || !QChar::isLowSurrogate(low))
                    return fail(escape, 6, u"\\u"_s + m_s.mid(escape + 2, 4)
                                               + u" is the first half of a character: follow it with its second half, \\uDC00 to \\uDFFF"_s);
                t->text.append(QChar(unit));
                t->text.append(QChar(low));
                m_pos += 6;
            } else if (QChar::isLowSurrogate(unit)) {
                return fail(escape, 6, u"\\u"_s + m_s.mid(escape + 2, 4) + u" is the second half of a character without its first"_s);
            } else {
                t->text.append(QChar(unit));
            }
            continue;
        }
        if (m_pos + 1 >= m_s.size())
            return fail(t->start, 1, u"the text that starts here has no closing "_s + quote);
        return fail(escape, 2, u"unknown escape \\"_s + e + u" (write \\\\ for a backslash)"_s);
    }
}

bool Lexer::number(Token *t)
{
    t->kind = Tok::Number;
    t->integral = true;
    if (m_s[m_pos] == u'-')
        ++m_pos;
    const auto digits = [this] {
        while (m_pos < m_s.size() && isDigit(m_s[m_pos]))
            ++m_pos;
    };
    digits();
    if (at(m_pos) == u'.') {
        if (!isDigit(at(m_pos + 1)))
            return fail(t->start, m_pos + 1 - t->start, u"expected a digit after the decimal point"_s);
        ++m_pos;
        digits();
        t->integral = false;
    }
    if (at(m_pos) == u'e' || at(m_pos) == u'E') {
        const qsizetype e = m_pos;
        ++m_pos;
        if (at(m_pos) == u'+' || at(m_pos) == u'-')
            ++m_pos;
        if (!isDigit(at(m_pos)))
            return fail(t->start, m_pos - t->start, u"expected the digits of the exponent after '"_s + m_s[e] + u"', like 1e6"_s);
        digits();
        t->integral = false;
    }
    if (isWordChar(at(m_pos)) || at(m_pos) == u'.') {
        qsizetype end = m_pos;
        while (end < m_s.size() && (isWordChar(m_s[end]) || m_s[end] == u'.'))
            ++end;
        return fail(t->start, end - t->start,
                    u"'"_s + m_s.mid(t->start, end - t->start)
                        + u"' is not a number (a field name that starts with a digit goes in backticks)"_s);
    }
    const QStringView literal = m_s.mid(t->start, m_pos - t->start);
    const std::string latin = literal.toLatin1().toStdString();
    t->number = std::strtod(latin.c_str(), nullptr);
    if (!std::isfinite(t->number))
        return fail(t->start, literal.size(), literal + u" is too large for the daemon's 64-bit numbers"_s);
    const std::string mantissa = latin.substr(0, latin.find_first_of("eE"));
    if (t->number == 0 && std::any_of(mantissa.begin(), mantissa.end(), [](char ch) { return ch >= '1' && ch <= '9'; }))
        return fail(t->start, literal.size(), literal + u" is too close to 0 for the daemon's 64-bit numbers"_s);
    if (t->integral) {
        bool ok = false;
        const qint64 n = literal.toLongLong(&ok);
        if (ok)
            t->integer = n;
    }
    if (t->integral && !t->integer && std::abs(t->number) > kExactInteger) {
        QString digitsOnly = literal.toString();
        const bool negative = digitsOnly.startsWith(u'-');
        if (negative)
            digitsOnly.remove(0, 1);
        while (digitsOnly.size() > 1 && digitsOnly.startsWith(u'0'))
            digitsOnly.remove(0, 1);
        const QString exact = QString::number(std::abs(t->number), 'f', 0);
        if (exact != digitsOnly)
            return fail(t->start, literal.size(),
                        literal + u" cannot be compared exactly: the daemon compares numbers as 64-bit floats, and the nearest one is "_s
                            + (negative ? u"-"_s : QString()) + exact);
    }
    return true;
}

bool Lexer::name(Token *t)
{
    t->kind = Tok::Name;
    ++m_pos;
    for (;;) {
        if (m_pos >= m_s.size())
            return fail(t->start, 1, u"the name that starts here has no closing `"_s);
        if (m_s[m_pos] == u'`') {
            if (at(m_pos + 1) != u'`')
                break;
            ++m_pos;
        }
        t->text.append(m_s[m_pos]);
        ++m_pos;
    }
    ++m_pos;
    if (t->text.isEmpty())
        return fail(t->start, m_pos - t->start, u"an empty name"_s);
    if (t->text.contains(u'.'))
        return fail(t->start, m_pos - t->start,
                    u"a name with a dot cannot be reached: the daemon splits field paths at dots"_s);
    return true;
}

bool Lexer::op(Token *t)
{
    t->kind = Tok::Op;
    const QStringView two = m_s.mid(m_pos, 2);
    static const struct { const char16_t *text; const char16_t *advice; } wrong[] = {
        {u"<>", u"'<>' is not an operator: write != for not equal"},
        {u"=>", u"'=>' is not an operator: write >="},
        {u"=<", u"'=<' is not an operator: write <="},
        {u"&&", u"write and instead of &&"},
        {u"||", u"write or instead of ||"}};
    for (const auto &w : wrong) {
        if (two == QStringView(w.text))
            return fail(m_pos, 2, QString::fromUtf16(w.advice));
    }
    for (const char16_t *symbol : {u"==", u"!=", u">=", u"<=", u"=", u">", u"<"}) {
        const QStringView s(symbol);
        if (m_s.mid(m_pos).startsWith(s)) {
            t->text = s.toString();
            m_pos += s.size();
            return true;
        }
    }
    const QChar c = m_s[m_pos];
    if (c == u'!')
        return fail(m_pos, 1, u"'!' is not an operator: write != for not equal"_s);
    return fail(m_pos, 1, c == u'&' ? u"write and instead of &"_s : u"write or instead of |"_s);
}


} // namespace loom::queryexpr
