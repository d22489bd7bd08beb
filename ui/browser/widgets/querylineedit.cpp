#include "querylineedit.h"

#include "jsonrules.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>
#include <QScrollBar>
#include <QStringListModel>

using namespace Qt::StringLiterals;

namespace loom {

QueryLineEdit::QueryLineEdit(QWidget *parent)
    : QLineEdit(parent)
    , m_completer(new QCompleter(this))
    , m_model(new QStringListModel(this))
{
    m_completer->setModel(m_model);
    m_completer->setWidget(this);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchStartsWith);
    m_completer->setMaxVisibleItems(10);
    m_completer->popup()->setObjectName(u"queryCompletion"_s);
    m_completer->popup()->setFont(font());
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, &QueryLineEdit::insertCompletion);
    connect(this, &QLineEdit::textEdited, this, [this] { showCompletion(false); });
    setFields({});
}

void QueryLineEdit::setFields(const QStringList &paths, const QString &idField)
{
    m_fields = QStringList{idField};
    for (const QString &path : paths) {
        if (!m_fields.contains(path))
            m_fields.append(quoteFieldPath(path));
    }
}

bool QueryLineEdit::isCompletionVisible() const
{
    return m_completer->popup()->isVisible();
}

void QueryLineEdit::showCompletion(bool always)
{
    const QString current = text();
    if (looksLikeJsonQuery(current)) {
        m_completer->popup()->hide();
        return;
    }
    m_word = queryExprCompletionAt(current, cursorPosition());
    QStringList candidates = m_word.keywords;
    if (m_word.fields)
        candidates = m_fields + candidates;
    if (candidates.isEmpty() || (m_word.prefix.isEmpty() && !always)) {
        m_completer->popup()->hide();
        return;
    }
    m_model->setStringList(candidates);
    m_completer->setCompletionPrefix(m_word.prefix);
    const int count = m_completer->completionCount();
    // Nothing to offer, or only what is typed already.
    if (count == 0 || (count == 1 && m_completer->currentCompletion().compare(m_word.prefix, Qt::CaseInsensitive) == 0)) {
        m_completer->popup()->hide();
        return;
    }
    QRect rect = cursorRect();
    rect.setX(cursorRect().x() - fontMetrics().horizontalAdvance(m_word.prefix));
    QAbstractItemView *popup = m_completer->popup();
    rect.setWidth(std::max(200, popup->sizeHintForColumn(0) + popup->verticalScrollBar()->sizeHint().width() + 8));
    m_completer->complete(rect);
}

void QueryLineEdit::insertCompletion(const QString &completion)
{
    // The word around the cursor when the list was made; the text has not changed since.
    QString t = text();
    const qsizetype start = std::min(m_word.start, t.size());
    const qsizetype end = std::clamp(m_word.end, start, t.size());
    t.replace(start, end - start, completion);
    qsizetype cursor = start + completion.size();
    if (cursor == t.size()) {
        t.append(u' ');
        ++cursor;
    }
    setText(t);
    setCursorPosition(int(cursor));
    m_completer->popup()->hide();
}

void QueryLineEdit::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && event->modifiers() == Qt::ControlModifier) {
        showCompletion(true);
        event->accept();
        return;
    }
    if (isCompletionVisible()) {
        const QModelIndex chosen = m_completer->popup()->currentIndex();
        switch (event->key()) {
        case Qt::Key_Escape: // (with the list open Escape goes to it first; QCompleter closes it)
            m_completer->popup()->hide();
            event->accept();
            return;
        case Qt::Key_Tab:
        case Qt::Key_Return:
        case Qt::Key_Enter:
            if (chosen.isValid()) {
                insertCompletion(chosen.data().toString());
                event->accept();
                return;
            }
            m_completer->popup()->hide();
            if (event->key() == Qt::Key_Tab) {
                event->accept();
                return;
            }
            break; // Enter without a choice runs the query
        default: break;
        }
    }
    QLineEdit::keyPressEvent(event);
}

bool QueryLineEdit::event(QEvent *event)
{
    // Tab would move the focus before keyPressEvent() sees it: with the list open it completes.
    if (event->type() == QEvent::KeyPress && isCompletionVisible()) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Tab && key->modifiers() == Qt::NoModifier) {
            keyPressEvent(key);
            return true;
        }
    }
    return QLineEdit::event(event);
}

} // namespace loom
