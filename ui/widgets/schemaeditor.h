#pragma once

#include <QPlainTextEdit>

namespace loom {

class JsonHighlighter;

// A JSON text editor for collection schemas: monospace, line numbers, JSON highlighting, two-space
// indentation, and a wavy underline where the JSON stops being JSON.
class SchemaEditor final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchemaEditor)

public:
    explicit SchemaEditor(QWidget *parent = nullptr);

    QByteArray schema() const { return toPlainText().toUtf8(); }
    void setSchema(const QByteArray &json);
    // Re-indents the text when it is valid JSON; returns false (and leaves it) otherwise.
    bool format();
    // Marks the character at `offset` (UTF-8 byte offset, as QJsonParseError gives) as the error
    // position; a negative offset clears the mark.
    void markError(int offset);
    // 1-based line and column of a UTF-8 byte offset in the text.
    QPair<int, int> lineColumn(int offset) const;

    int lineNumberAreaWidth() const;
    void paintLineNumbers(QPaintEvent *event);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void updateMargins();
    int characterPosition(int utf8Offset) const;

    JsonHighlighter *m_highlighter;
    QWidget *m_lineNumbers;
};

} // namespace loom
