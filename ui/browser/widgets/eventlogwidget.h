#pragma once

#include "types.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace loom {

class EventLogModel;

// The live event log, meant for a QDockWidget: every change the open entity browsers see
// (time, action, collection, entity id), newest at the bottom, with a filter and Clear.
// Browsers feed it through EntityBrowserWidget::attachLog(); anything else calls appendChanges().
class EventLogWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogWidget)

public:
    explicit EventLogWidget(QWidget *parent = nullptr);

    EventLogModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

public Q_SLOTS:
    void appendChanges(const QList<loom::ChangeEvent> &events, const QString &source = {});
    void clear();

Q_SIGNALS:
    // Double-click on a row: the main window may open that entity (EntityBrowserWidget::goToId).
    void entityActivated(const QString &collection, const QString &id);

private:
    void updateCount();

    EventLogModel *m_model;
    QSortFilterProxyModel *m_filter;
    QTableView *m_view;
    QLineEdit *m_filterEdit;
    QCheckBox *m_follow;
    QLabel *m_count;
};

} // namespace loom
