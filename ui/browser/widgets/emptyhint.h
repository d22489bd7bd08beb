#pragma once

#include <QLabel>

#include <functional>

class QAbstractItemView;

namespace loom {

// A hint in the middle of an item view while it has nothing to show, e.g. "No entities yet.
// Press Ctrl+N or click New to create the first one.": a label over the view's viewport (which
// is empty then), shown while `text()` says something. refresh() asks again (call it when the
// rows or the loading state change).
class EmptyHint final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmptyHint)

public:
    EmptyHint(QAbstractItemView *view, std::function<QString()> text);

    void refresh();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void place();

    QAbstractItemView *m_view;
    std::function<QString()> m_text;
};

} // namespace loom
