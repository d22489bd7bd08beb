#include "eventlogwidget.h"

#include "browser/models/counttext.h"
#include "browser/models/eventlogmodel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace loom {

EventLogWidget::EventLogWidget(QWidget *parent)
    : QWidget(parent)
    , m_model(new EventLogModel(this))
    , m_filter(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_filterEdit(new QLineEdit(this))
    , m_follow(new QCheckBox(tr("Follow"), this))
    , m_count(new QLabel(this))
{
    setObjectName(u"eventLog"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    auto *bar = new QHBoxLayout;
    m_filterEdit->setPlaceholderText(tr("Filter by action, collection or id"));
    m_filterEdit->setClearButtonEnabled(true);
    bar->addWidget(m_filterEdit, 1);
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Keep the newest change in view"));
    bar->addWidget(m_follow);
    auto *clear = new QToolButton(this);
    clear->setText(tr("Clear"));
    bar->addWidget(clear);
    layout->addLayout(bar);

    m_filter->setSourceModel(m_model);
    m_filter->setFilterKeyColumn(-1);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->setColumnWidth(EventLogModel::TimeColumn, m_view->fontMetrics().horizontalAdvance(u"00:00:00.000__"_s));
    m_view->setColumnWidth(EventLogModel::ActionColumn, m_view->fontMetrics().horizontalAdvance(u"changed___"_s));
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle); // ids, and "People — Team (daemon)", keep both ends
    layout->addWidget(m_view, 1);
    m_count->setStyleSheet(u"color: #707070;"_s);
    layout->addWidget(m_count);

    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);
    connect(clear, &QToolButton::clicked, this, &EventLogWidget::clear);
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        const QModelIndex source = m_filter->mapToSource(index);
        const ChangeEvent e = m_model->eventAt(source.row());
        Q_EMIT entityActivated(e.collection, e.instanceId);
    });
    updateCount();
}

void EventLogWidget::appendChanges(const QList<ChangeEvent> &events, const QString &source)
{
    const QScrollBar *bar = m_view->verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 2;
    m_model->append(events, source);
    if (m_follow->isChecked() && atBottom)
        m_view->scrollToBottom();
    updateCount();
}

void EventLogWidget::clear()
{
    m_model->clear();
    updateCount();
}

void EventLogWidget::updateCount()
{
    const int n = m_model->rowCount();
    m_count->setText(n == 0 ? tr("No changes seen yet") : countText(n, "change", "changes"));
}

} // namespace loom
