#include "emptyhint.h"

#include <QAbstractItemView>
#include <QEvent>

using namespace Qt::StringLiterals;

namespace loom {

EmptyHint::EmptyHint(QAbstractItemView *view, std::function<QString()> text)
    : QLabel(view->viewport())
    , m_view(view)
    , m_text(std::move(text))
{
    setObjectName(u"emptyHint"_s);
    setAlignment(Qt::AlignCenter);
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setForegroundRole(QPalette::PlaceholderText);
    hide();
    view->viewport()->installEventFilter(this);
}

void EmptyHint::refresh()
{
    const QString text = m_text();
    setText(text);
    setVisible(!text.isEmpty());
    if (!text.isEmpty())
        place();
}

bool EmptyHint::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize && isVisible())
        place();
    return QLabel::eventFilter(watched, event);
}

void EmptyHint::place()
{
    const QRect area = m_view->viewport()->rect();
    const int width = std::min(area.width() - 24, 480);
    const int height = heightForWidth(width) > 0 ? heightForWidth(width) : sizeHint().height();
    setGeometry(area.center().x() - width / 2, area.top() + area.height() / 3 - height / 2, width, height);
}

} // namespace loom
