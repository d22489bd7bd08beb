#pragma once

// The lexer of the query language (core/queryexpr.h), private to core.

#include <QChar>
#include <QLatin1StringView>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace loom::queryexpr {

// The keywords that start a clause after the conditions.
inline constexpr QLatin1StringView kClauses[] = {QLatin1StringView("sort"), QLatin1StringView("limit"),
                                                 QLatin1StringView("skip"), QLatin1StringView("seek"),
                                                 QLatin1StringView("index")};

bool isDigit(QChar c);
bool isWordStart(QChar c);
bool isWordChar(QChar c);
// One of the keywords, in any case.
bool isKeywordText(QStringView word);
// A name that needs no backticks: a word that is not a keyword.
bool isPlainName(QStringView name);

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

// Cuts the text into tokens; the first mistake stops it, with its place.
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

} // namespace loom::queryexpr
