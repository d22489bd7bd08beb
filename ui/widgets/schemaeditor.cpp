#include "schemaeditor.h"

#include "jsonhighlighter.h"

#include <QFontDatabase>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QPainter>
#include <QTextBlock>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

class LineNumberArea final : public QWidget
{
public:
    explicit LineNumberArea(SchemaEditor *editor)
        : QWidget(editor)
        , m_editor(editor)
    {
    }
    QSize sizeHint() const override { return {m_editor->lineNumberAreaWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintLineNumbers(event); }

private:
    SchemaEditor *m_editor;
};

} // namespace

SchemaEditor::SchemaEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_highlighter(new JsonHighlighter(document()))
    , m_lineNumbers(new LineNumberArea(this))
{
    setObjectName(u"schemaEditor"_s);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setFont(mono);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabStopDistance(QFontMetricsF(mono).horizontalAdvance(u' ') * 2);
    setTabChangesFocus(false);
    connect(this, &QPlainTextEdit::blockCountChanged, this, &SchemaEditor::updateMargins);
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect &rect, int dy) {
        if (dy)
            m_lineNumbers->scroll(0, dy);
        else
            m_lineNumbers->update(0, rect.y(), m_lineNumbers->width(), rect.height());
    });
    updateMargins();
}

void SchemaEditor::setSchema(const QByteArray &json)
{
    setPlainText(QString::fromUtf8(json));
}

bool SchemaEditor::format()
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(schema(), &error);
    if (error.error != QJsonParseError::NoError || doc.isNull())
        return false;
    QString text = QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    if (text.endsWith(u'\n'))
        text.chop(1);
    // Select all and insert, so that the change can be undone.
    QTextCursor cursor(document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(text);
    return true;
}

int SchemaEditor::characterPosition(int utf8Offset) const
{
    const QByteArray bytes = schema();
    const int clamped = std::clamp(utf8Offset, 0, int(bytes.size()));
    return int(QString::fromUtf8(bytes.left(clamped)).size());
}

QPair<int, int> SchemaEditor::lineColumn(int offset) const
{
    const int position = characterPosition(offset);
    const QTextBlock block = document()->findBlock(position);
    if (!block.isValid())
        return {document()->blockCount(), 1};
    return {block.blockNumber() + 1, position - block.position() + 1};
}

void SchemaEditor::markError(int offset)
{
    QList<QTextEdit::ExtraSelection> marks;
    if (offset >= 0 && !document()->isEmpty()) {
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(document());
        // The character at the offset and the one before it (the end of the text is the last one).
        const int last = document()->characterCount() - 1; // the final paragraph separator excluded
        const int position = std::clamp(characterPosition(offset), 1, last);
        mark.cursor.setPosition(position - 1);
        mark.cursor.setPosition(std::min(position + 1, last), QTextCursor::KeepAnchor);
        mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        mark.format.setUnderlineColor(Qt::red);
        mark.format.setBackground(QColor(255, 0, 0, 40));
        marks << mark;
    }
    setExtraSelections(marks);
}

int SchemaEditor::lineNumberAreaWidth() const
{
    int digits = 1;
    for (int max = std::max(1, blockCount()); max >= 10; max /= 10)
        ++digits;
    return 10 + fontMetrics().horizontalAdvance(u'9') * std::max(2, digits);
}

void SchemaEditor::updateMargins()
{
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

void SchemaEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    m_lineNumbers->setGeometry(QRect(cr.left(), cr.top(), lineNumberAreaWidth(), cr.height()));
}

void SchemaEditor::paintLineNumbers(QPaintEvent *event)
{
    QPainter painter(m_lineNumbers);
    painter.fillRect(event->rect(), palette().color(QPalette::AlternateBase));
    painter.setPen(palette().color(QPalette::Disabled, QPalette::Text));
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    const int width = m_lineNumbers->width() - 5;
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top())
            painter.drawText(0, top, width, fontMetrics().height(), Qt::AlignRight,
                             QString::number(block.blockNumber() + 1));
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
    }
}

void SchemaEditor::keyPressEvent(QKeyEvent *event)
{
    // Tab indents by two spaces; Return keeps the indentation of the line.
    if (event->key() == Qt::Key_Tab && event->modifiers() == Qt::NoModifier) {
        insertPlainText(u"  "_s);
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
        && !(event->modifiers() & ~Qt::KeypadModifier)) {
        const QString line = textCursor().block().text();
        qsizetype indent = 0;
        while (indent < line.size() && line.at(indent).isSpace())
            ++indent;
        QString extra;
        const QString before = line.left(textCursor().positionInBlock()).trimmed();
        if (before.endsWith(u'{') || before.endsWith(u'['))
            extra = u"  "_s;
        insertPlainText(u'\n' + line.left(indent) + extra);
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace loom
