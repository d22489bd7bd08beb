#include "queryexpr.h"

#include "jsonrules.h"

#include <QJsonValue>
#include <QLocale>

#include <algorithm>
#include <climits>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

// Integers up to this size are exact as 64-bit floats, which is how the daemon compares numbers.
constexpr double kExactInteger = 9007199254740992.0; // 2^53

const QLatin1StringView kKeywords[] = {"and"_L1,  "or"_L1,   "true"_L1, "false"_L1, "null"_L1, "sort"_L1,
                                       "asc"_L1,  "desc"_L1, "limit"_L1, "skip"_L1, "seek"_L1, "index"_L1};
const QLatin1StringView kClauses[] = {"sort"_L1, "limit"_L1, "skip"_L1, "seek"_L1, "index"_L1};

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

enum class Tok { End, Word, Name, String, Number, Op, LParen, RParen, Dot, Minus, Plus, Comma };

struct Token
{
    Tok kind = Tok::End;
    qsizetype start = 0;
    qsizetype end = 0;
    QString text; // the word, the name without backticks, the decoded string, the operator
    double number = 0;
    bool integral = false; // a number written without fraction or exponent
    std::optional<qint64> integer; // integral and within 64 bits: kept exactly, as the core does
};

struct Failure
{
    QString message;
    qsizetype start = 0;
    qsizetype length = 0;
};

class Lexer
{
public:
    explicit Lexer(QStringView s) : m_s(s) {}

    // All tokens up to and including End; false with *failure at the first mistake.
    bool run(QList<Token> *tokens, Failure *failure);

private:
    QChar at(qsizetype i) const { return i < m_s.size() ? m_s[i] : QChar(); }
    bool fail(qsizetype start, qsizetype length, const QString &message)
    {
        m_failure = {message, start, length};
        return false;
    }
    bool string(Token *t);
    bool number(Token *t);
    bool name(Token *t);
    bool op(Token *t);
    bool hex4(qsizetype at, char16_t *unit);

    QStringView m_s;
    qsizetype m_pos = 0;
    Failure m_failure;
};

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


// A condition tree as written: comparisons under and/or, before it is fitted to the daemon's form.
struct Node
{
    enum Kind { Cmp, And, Or } kind = Cmp;
    Criterion criterion;
    QList<Node> children;
    qsizetype start = 0;
    qsizetype end = 0;
    qsizetype pathEnd = 0; // Cmp: where the field path ends
};

struct Path
{
    QString path;
    qsizetype start = 0;
    qsizetype end = 0;
};

using Conjunctions = QList<QList<Criterion>>;

// The alternatives of a tree (its disjunctive normal form), at most `cap` of them.
std::optional<Conjunctions> alternativesOf(const Node &n, qsizetype cap)
{
    if (n.kind == Node::Cmp)
        return Conjunctions{{n.criterion}};
    Conjunctions result;
    if (n.kind == Node::Or) {
        for (const Node &child : n.children) {
            const auto sub = alternativesOf(child, cap);
            if (!sub || result.size() + sub->size() > cap)
                return std::nullopt;
            result += *sub;
        }
        return result;
    }
    result = {{}};
    for (const Node &child : n.children) {
        const auto sub = alternativesOf(child, cap);
        if (!sub || result.size() * sub->size() > cap)
            return std::nullopt;
        Conjunctions product;
        for (const auto &left : std::as_const(result)) {
            for (const auto &right : *sub)
                product.append(left + right);
        }
        result = product;
    }
    return result;
}

Query fromConjunctions(const Conjunctions &alternatives)
{
    Query q;
    if (alternatives.isEmpty())
        return q;
    q.setAnds(alternatives.first());
    QList<Query> ors;
    for (qsizetype i = 1; i < alternatives.size(); ++i) {
        Query alternative;
        alternative.setAnds(alternatives[i]);
        ors.append(alternative);
    }
    q.setOrs(ors);
    return q;
}

class Parser
{
public:
    Parser(QStringView text, QList<Token> tokens) : m_text(text), m_t(std::move(tokens)) {}

    std::optional<Query> parse();
    Failure failure;

private:
    const Token &cur() const { return m_t[m_i]; }
    const Token &peek() const { return m_t[std::min(m_i + 1, m_t.size() - 1)]; }
    static bool is(const Token &t, QLatin1StringView keyword)
    {
        return t.kind == Tok::Word && t.text.compare(keyword, Qt::CaseInsensitive) == 0;
    }
    bool atClause() const
    {
        return peek().kind != Tok::Op && peek().kind != Tok::Dot
            && std::any_of(std::begin(kClauses), std::end(kClauses), [this](QLatin1StringView k) { return is(cur(), k); });
    }
    bool failed() const { return !failure.message.isEmpty(); }
    void fail(qsizetype start, qsizetype end, const QString &message)
    {
        if (!failed())
            failure = {message, start, end - start};
    }
    void failAt(const Token &t, const QString &message)
    {
        if (t.kind == Tok::End)
            fail(m_text.size(), m_text.size(), message);
        else
            fail(t.start, t.end, message);
    }
    QString show(const Token &t) const
    {
        QString s = m_text.mid(t.start, t.end - t.start).toString();
        if (s.size() > 30)
            s = s.left(27) + u"..."_s;
        return u'\'' + s + u'\'';
    }

    Node parseOr(const Token *after);
    Node parseAnd(const Token *after);
    Node parsePrimary(const Token *after);
    Path parsePath(const Token &after);
    QJsonValue parseValue(const Token &op);
    void parseClauses(Query *q);
    void fitConditions(const Node &root, Query *q);
    void checkIndex(const Node &node, const QString &index);

    QStringView m_text;
    QList<Token> m_t;
    qsizetype m_i = 0;
    qsizetype m_skipStart = 0, m_skipEnd = 0, m_indexStart = 0, m_indexEnd = 0;
};

std::optional<Query> Parser::parse()
{
    Query q;
    Node root;
    const bool conditions = cur().kind != Tok::End && !atClause();
    if (conditions) {
        root = parseOr(nullptr);
        if (!failed() && cur().kind != Tok::End && !atClause()) {
            if (cur().kind == Tok::RParen)
                failAt(cur(), u"')' without a matching '('"_s);
            else
                failAt(cur(), u"expected and, or, sort, limit or skip, not "_s + show(cur()));
        }
    }
    if (!failed())
        parseClauses(&q);
    if (!failed() && conditions)
        fitConditions(root, &q);
    if (!failed() && q.skip() > 0 && q.limit() == 0)
        fail(m_skipStart, m_skipEnd, u"skip without limit finds nothing on the daemon: add a limit, like limit 50"_s);
    if (!failed() && q.index() == json::kIdField)
        fail(m_indexStart, m_indexEnd, u"_id is always indexed and cannot be named: leave index out"_s);
    if (!failed() && conditions && !q.index().isEmpty())
        checkIndex(root, q.index());
    if (!failed()) {
        if (const QString problem = q.validate(); !problem.isEmpty())
            fail(0, m_text.size(), problem);
    }
    if (failed())
        return std::nullopt;
    return q;
}

Node Parser::parseOr(const Token *after)
{
    Node first = parseAnd(after);
    if (failed() || !is(cur(), "or"_L1))
        return first;
    Node n;
    n.kind = Node::Or;
    n.start = first.start;
    n.children.append(first);
    while (!failed() && is(cur(), "or"_L1)) {
        const Token &keyword = cur();
        ++m_i;
        n.children.append(parseAnd(&keyword));
    }
    n.end = n.children.last().end;
    return n;
}

Node Parser::parseAnd(const Token *after)
{
    Node first = parsePrimary(after);
    if (failed() || !is(cur(), "and"_L1))
        return first;
    Node n;
    n.kind = Node::And;
    n.start = first.start;
    n.children.append(first);
    while (!failed() && is(cur(), "and"_L1)) {
        const Token &keyword = cur();
        ++m_i;
        n.children.append(parsePrimary(&keyword));
    }
    n.end = n.children.last().end;
    return n;
}

Node Parser::parsePrimary(const Token *after)
{
    const Token &t = cur();
    const QString expected = after ? u"expected a condition after "_s + show(*after)
                                   : u"expected a condition, like age > 30"_s;
    if (t.kind == Tok::LParen) {
        ++m_i;
        Node n = parseOr(&t);
        if (failed())
            return n;
        if (cur().kind != Tok::RParen) {
            failAt(cur(), u"expected ')' to close the '(' at column "_s + QString::number(t.start + 1)
                              + (cur().kind == Tok::End ? QString() : u", not "_s + show(cur())));
            return n;
        }
        n.start = t.start;
        n.end = cur().end;
        ++m_i;
        return n;
    }
    if (t.kind == Tok::String) {
        failAt(t, u"a field name goes without quotes (or in backticks, `"_s + t.text + u"`)"_s);
        return {};
    }
    if ((t.kind != Tok::Word && t.kind != Tok::Name) || is(t, "and"_L1) || is(t, "or"_L1)) {
        failAt(t, t.kind == Tok::End ? expected : expected + u", not "_s + show(t));
        return {};
    }
    const Path path = parsePath(t);
    if (failed())
        return {};
    const Token &op = cur();
    if (op.kind != Tok::Op) {
        const QString message = u"expected an operator (=, !=, >, <, >=, <=) after '"_s
                              + m_text.mid(path.start, path.end - path.start) + u'\'';
        failAt(op, op.kind == Tok::End ? message : message + u", not "_s + show(op));
        return {};
    }
    ++m_i;
    Node n;
    n.criterion.fieldPath = path.path;
    n.criterion.op = opFromSymbol(op.text).value_or(Op::Eq);
    n.criterion.value = parseValue(op);
    n.start = path.start;
    n.pathEnd = path.end;
    n.end = m_t[m_i - 1].end;
    return n;
}

Path Parser::parsePath(const Token &after)
{
    Path p;
    p.start = cur().start;
    QStringList parts;
    const Token *last = &after;
    for (;;) {
        const Token &t = cur();
        if (t.kind != Tok::Word && t.kind != Tok::Name) {
            failAt(t, u"expected a field name after "_s + show(*last) + (t.kind == Tok::End ? QString() : u", not "_s + show(t)));
            return p;
        }
        parts.append(t.text);
        p.end = t.end;
        ++m_i;
        if (cur().kind != Tok::Dot)
            break;
        last = &cur();
        ++m_i;
    }
    p.path = parts.join(u'.');
    return p;
}

QJsonValue Parser::parseValue(const Token &op)
{
    const Token &t = cur();
    const QString after = u"expected a value after "_s + show(op);
    QJsonValue v;
    switch (t.kind) {
    case Tok::String: v = t.text; break;
    case Tok::Number: v = t.integer ? QJsonValue(*t.integer) : QJsonValue(t.number); break;
    case Tok::Word:
        if (is(t, "true"_L1) || is(t, "false"_L1)) {
            v = is(t, "true"_L1);
        } else if (is(t, "null"_L1)) {
            failAt(t, u"null cannot be compared: the daemon's query has no null value; give text, a number, true or false"_s);
        } else if (isKeywordText(t.text)) {
            failAt(t, after + u", not "_s + show(t));
        } else {
            failAt(t, show(t) + u" is not a value: write text in quotes, \""_s + t.text + u'"');
        }
        break;
    case Tok::Name:
        failAt(t, u"a field cannot be compared with another field: give a value (text in double quotes)"_s);
        break;
    case Tok::End: failAt(t, after); break;
    case Tok::Minus:
        failAt(t, peek().kind == Tok::Number ? u"write a negative number without a space after '-'"_s : after + u", not '-'"_s);
        break;
    default: failAt(t, after + u", not "_s + show(t)); break;
    }
    if (failed())
        return v;
    ++m_i;
    const Op o = opFromSymbol(op.text).value_or(Op::Eq);
    if (v.isBool() && o != Op::Eq && o != Op::Ne)
        failAt(op, u"true and false can only be compared with = or !=, not "_s + op.text);
    return v;
}

void Parser::parseClauses(Query *q)
{
    QStringList seen;
    while (!failed() && cur().kind != Tok::End) {
        if (!atClause()) {
            failAt(cur(), u"expected sort, limit, skip, seek or index, not "_s + show(cur()));
            return;
        }
        const Token &keyword = cur();
        const QString name = keyword.text.toLower();
        if (seen.contains(name)) {
            failAt(keyword, show(keyword) + u" is given twice"_s);
            return;
        }
        seen.append(name);
        ++m_i;
        if (name == u"sort") {
            const Token *sign = nullptr;
            if (cur().kind == Tok::Minus || cur().kind == Tok::Plus) {
                sign = &cur();
                ++m_i;
            }
            const Path path = parsePath(sign ? *sign : keyword);
            if (failed())
                return;
            bool desc = sign && sign->kind == Tok::Minus;
            if ((is(cur(), "asc"_L1) || is(cur(), "desc"_L1)) && peek().kind != Tok::Op && peek().kind != Tok::Dot) {
                if (sign) {
                    failAt(cur(), u"give the direction once: -field, or field desc"_s);
                    return;
                }
                desc = is(cur(), "desc"_L1);
                ++m_i;
            }
            if (cur().kind == Tok::Comma) {
                failAt(cur(), u"the daemon sorts by one field only"_s);
                return;
            }
            q->orderBy(path.path, desc);
        } else if (name == u"limit" || name == u"skip") {
            const Token &n = cur();
            if (n.kind != Tok::Number || !n.integral || n.number < 0) {
                failAt(n, name + u" takes a whole number, like "_s + name + (name == u"limit" ? u" 50"_s : u" 10"_s));
                return;
            }
            if (n.number > INT_MAX) {
                failAt(n, show(n) + u" is too large for "_s + name);
                return;
            }
            ++m_i;
            if (name == u"limit") {
                q->withLimit(int(n.number));
            } else {
                q->withSkip(int(n.number));
                m_skipStart = keyword.start;
                m_skipEnd = n.end;
            }
        } else if (name == u"seek") {
            if (cur().kind != Tok::String) {
                failAt(cur(), u"seek takes an entity id in quotes, like seek \"01h…\""_s);
                return;
            }
            q->seekTo(cur().text);
            ++m_i;
        } else {
            const Path path = parsePath(keyword);
            if (failed())
                return;
            q->useIndex(path.path);
            m_indexStart = keyword.start;
            m_indexEnd = path.end;
        }
    }
}

// The daemon's form: all of ands, or any of ors, each or itself all of its ands. So the tree must
// be alternatives of conjunctions; an and over alternatives is refused, with them written out.
void Parser::fitConditions(const Node &root, Query *q)
{
    QList<const Node *> alternatives;
    QList<const Node *> todo{&root};
    while (!todo.isEmpty()) {
        const Node *n = todo.takeFirst();
        if (n->kind == Node::Or) {
            for (qsizetype i = n->children.size() - 1; i >= 0; --i)
                todo.prepend(&n->children[i]);
        } else {
            alternatives.append(n);
        }
    }
    Conjunctions conjunctions;
    for (const Node *alternative : std::as_const(alternatives)) {
        QList<Criterion> all;
        QList<const Node *> parts{alternative};
        while (!parts.isEmpty()) {
            const Node *n = parts.takeFirst();
            if (n->kind == Node::Cmp) {
                all.append(n->criterion);
            } else if (n->kind == Node::And) {
                for (qsizetype i = n->children.size() - 1; i >= 0; --i)
                    parts.prepend(&n->children[i]);
            } else {
                QString message = u"the daemon cannot combine alternatives (or) with and"_s;
                const auto written = alternativesOf(root, 8);
                const auto text = written ? toQueryExpression(fromConjunctions(*written)) : std::nullopt;
                if (text && text->size() <= 160)
                    message += u"; write them out: "_s + *text;
                else
                    message += u"; write each alternative out in full"_s;
                fail(n->start, n->end, message);
                return;
            }
        }
        conjunctions.append(all);
    }
    const Query conditions = fromConjunctions(conjunctions);
    q->setAnds(conditions.ands());
    q->setOrs(conditions.ors());
}

void Parser::checkIndex(const Node &node, const QString &index)
{
    if (node.kind == Node::Cmp) {
        if (node.criterion.fieldPath != index)
            fail(node.start, node.pathEnd, u"with index "_s + index + u" every condition must be on "_s + index
                                               + u" (the daemon sees only the indexed field)"_s);
        return;
    }
    for (const Node &child : node.children)
        checkIndex(child, index);
}

QString stringText(const QString &s)
{
    QString out = u"\""_s;
    for (const QChar c : s) {
        switch (c.unicode()) {
        case u'"': out += u"\\\""_s; break;
        case u'\\': out += u"\\\\"_s; break;
        case u'\n': out += u"\\n"_s; break;
        case u'\t': out += u"\\t"_s; break;
        case u'\r': out += u"\\r"_s; break;
        default:
            if (c.unicode() < 0x20)
                out += u"\\u"_s + QString::number(c.unicode(), 16).rightJustified(4, u'0');
            else
                out += c;
        }
    }
    return out + u'"';
}

std::optional<QString> valueText(const QJsonValue &v)
{
    if (v.isString())
        return stringText(v.toString());
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    if (!v.isDouble() || !std::isfinite(v.toDouble()))
        return std::nullopt;
    if (const auto n = json::wholeNumber(v))
        return QString::number(*n);
    return QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest);
}

std::optional<QString> pathText(const QString &path)
{
    if (path.isEmpty() || path.split(u'.').contains(QString()))
        return std::nullopt;
    return quoteFieldPath(path);
}

// Appends the alternatives of q (its ands, then those of its ors) as "a = 1 and b = 2" texts.
bool conditionTexts(const Query &q, QStringList *alternatives)
{
    if (q.ands().isEmpty())
        return false;
    QStringList terms;
    for (const Criterion &c : q.ands()) {
        const auto path = pathText(c.fieldPath);
        const auto value = valueText(c.value);
        if (!path || !value || opSymbol(c.op) == u"?")
            return false;
        terms.append(*path + u' ' + opSymbol(c.op) + u' ' + *value);
    }
    alternatives->append(terms.join(u" and "_s));
    for (const Query &sub : q.ors()) {
        if (sub.sort() || sub.limit() != 0 || sub.skip() != 0 || !sub.seek().isEmpty() || !sub.index().isEmpty())
            return false;
        if (!conditionTexts(sub, alternatives))
            return false;
    }
    return true;
}

} // namespace

QString QueryExprError::toString() const
{
    return u"column "_s + QString::number(column) + u": "_s + message;
}

std::optional<Query> parseQueryExpression(QStringView text, QueryExprError *error)
{
    QList<Token> tokens;
    Failure failure;
    std::optional<Query> result;
    if (Lexer(text).run(&tokens, &failure)) {
        Parser parser(text, tokens);
        result = parser.parse();
        failure = parser.failure;
    }
    if (error) {
        *error = result ? QueryExprError() : QueryExprError{failure.message, int(failure.start) + 1, int(failure.length)};
    }
    return result;
}

std::optional<QString> toQueryExpression(const Query &query)
{
    QStringList parts;
    if (!query.ands().isEmpty() || !query.ors().isEmpty()) {
        QStringList alternatives;
        if (!conditionTexts(query, &alternatives))
            return std::nullopt;
        parts.append(alternatives.join(u" or "_s));
    }
    if (const auto &sort = query.sort()) {
        const auto path = pathText(sort->fieldPath);
        if (!path)
            return std::nullopt;
        parts.append(u"sort "_s + *path + (sort->desc ? u" desc"_s : QString()));
    }
    if (query.skip() < 0 || query.limit() < 0)
        return std::nullopt;
    if (query.skip() != 0)
        parts.append(u"skip "_s + QString::number(query.skip()));
    if (query.limit() != 0)
        parts.append(u"limit "_s + QString::number(query.limit()));
    if (!query.seek().isEmpty())
        parts.append(u"seek "_s + stringText(query.seek()));
    if (!query.index().isEmpty()) {
        const auto path = pathText(query.index());
        if (!path)
            return std::nullopt;
        parts.append(u"index "_s + *path);
    }
    return parts.join(u' ');
}

bool looksLikeJsonQuery(QStringView text)
{
    return text.trimmed().startsWith(u'{');
}

QString quoteFieldPath(const QString &path)
{
    QStringList parts = path.split(u'.');
    for (QString &part : parts) {
        if (!isPlainName(part))
            part = u'`' + QString(part).replace(u"`"_s, u"``"_s) + u'`';
    }
    return parts.join(u'.');
}

QueryExprCompletion queryExprCompletionAt(QStringView text, qsizetype cursor)
{
    QueryExprCompletion c;
    cursor = std::clamp<qsizetype>(cursor, 0, text.size());
    qsizetype start = cursor;
    while (start > 0 && (isWordChar(text[start - 1]) || text[start - 1] == u'.'))
        --start;
    qsizetype end = cursor;
    while (end < text.size() && isWordChar(text[end]))
        ++end;
    c.start = start;
    c.end = end;
    c.prefix = text.mid(start, cursor - start).toString();
    if (!c.prefix.isEmpty() && !isWordStart(c.prefix.front()))
        return c; // a number, or a stray dot
    QList<Token> tokens;
    Failure failure;
    if (!Lexer(text.left(start)).run(&tokens, &failure))
        return c; // e.g. inside text in quotes
    tokens.removeLast(); // End
    const auto is = [](const Token &t, QLatin1StringView k) {
        return t.kind == Tok::Word && t.text.compare(k, Qt::CaseInsensitive) == 0;
    };
    const QStringList afterCondition{u"and"_s, u"or"_s, u"sort"_s, u"limit"_s, u"skip"_s};
    if (tokens.isEmpty()) {
        c.fields = true;
        c.keywords = {u"sort"_s, u"limit"_s};
        return c;
    }
    const Token &last = tokens.last();
    const Token *before = tokens.size() > 1 ? &tokens[tokens.size() - 2] : nullptr;
    const bool lastIsValue = before && before->kind == Tok::Op;
    if (last.kind == Tok::LParen || is(last, "and"_L1) || is(last, "or"_L1) || is(last, "sort"_L1)
        || is(last, "index"_L1) || last.kind == Tok::Minus || last.kind == Tok::Plus) {
        c.fields = true;
    } else if (last.kind == Tok::Op) {
        c.keywords = {u"true"_s, u"false"_s};
    } else if (last.kind == Tok::String || last.kind == Tok::Number || last.kind == Tok::RParen || lastIsValue) {
        c.keywords = afterCondition;
    } else if (last.kind == Tok::Word || last.kind == Tok::Name) {
        // The end of a field path: after sort, the direction may follow.
        qsizetype i = tokens.size() - 1;
        while (i > 0 && ((tokens[i].kind == Tok::Word && !is(tokens[i], "sort"_L1)) || tokens[i].kind == Tok::Name
                         || tokens[i].kind == Tok::Dot))
            --i;
        const Token &t = tokens[i];
        if (t.kind == Tok::Minus || t.kind == Tok::Plus)
            c.keywords = {u"limit"_s, u"skip"_s};
        else if (is(t, "sort"_L1))
            c.keywords = {u"asc"_s, u"desc"_s, u"limit"_s, u"skip"_s};
    }
    return c;
}

} // namespace loom
