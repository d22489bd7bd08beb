#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace loom {

// Colours JSON text: object keys (JSON Schema keywords in bold), strings, numbers, true/false/null
// and brackets. Colours follow the palette (lighter on dark themes).
class JsonHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonHighlighter)

public:
    explicit JsonHighlighter(QTextDocument *document);

    // Formats, for tests and for a legend.
    QTextCharFormat keyFormat() const { return m_key; }
    QTextCharFormat stringFormat() const { return m_string; }
    QTextCharFormat numberFormat() const { return m_number; }
    QTextCharFormat literalFormat() const { return m_literal; }

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key;
    QTextCharFormat m_keyword;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
    QTextCharFormat m_bracket;
    QRegularExpression m_stringPattern;
    QRegularExpression m_numberPattern;
    QRegularExpression m_literalPattern;
    QRegularExpression m_bracketPattern;
};

} // namespace loom
