#pragma once

#include <QStyledItemDelegate>

namespace loom {

// The connection tree's rows, with the state of a connection row as a coloured badge in words
// beside its name ("connected" green, "connecting…" amber, "unreachable" red), from
// ConnectionTreeModel::StateTextRole; other rows are painted as usual.
class ConnectionStateDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionStateDelegate)

public:
    explicit ConnectionStateDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The badge's colours (text, background) for a ConnectionMonitor::State.
    static std::pair<QColor, QColor> colours(int state);
};

} // namespace loom
