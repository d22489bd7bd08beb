#include "queryexpr.h"

#include "jsonrules.h"
#include "queryexprlexer_p.h"

#include <QJsonValue>

#include <algorithm>
#include <climits>

using namespace Qt::StringLiterals;

namespace loom {

using namespace queryexpr;

namespace {

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
    if (is(t, "not"_L1) && peek().kind != Tok::Op && peek().kind != Tok::Dot) {
        failAt(t, u"there is no not: write the opposite comparison (!= for =, <= for >, ...)"_s);
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

} // namespace loom
