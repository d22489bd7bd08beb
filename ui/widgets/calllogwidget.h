#pragma once

#include <QWidget>

class QCheckBox;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace loom {

class CallLog;
class CallLogModel;

// The "Call log" dock: every call Loom sent, newest first (CallLogModel), a filter over all
// columns, copy of the selected calls as text lines (Ctrl+C, or the button), "Show entity bodies"
// (never keys or tokens) and Clear.
class CallLogWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallLogWidget)

public:
    explicit CallLogWidget(CallLog *log, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    QCheckBox *bodiesBox() const { return m_bodies; }
    CallLogModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    // The selected calls (or all shown, when none is selected), one line each.
    QString selectedText() const;
    void copySelection();

private:
    CallLog *m_log;
    CallLogModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QCheckBox *m_bodies;
    QTreeView *m_view;
};

} // namespace loom
