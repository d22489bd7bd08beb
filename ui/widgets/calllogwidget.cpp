#include "calllogwidget.h"

#include "calllog.h"
#include "models/calllogmodel.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace loom {

CallLogWidget::CallLogWidget(CallLog *log, QWidget *parent)
    : QWidget(parent)
    , m_log(log)
    , m_model(new CallLogModel(log, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_bodies(new QCheckBox(tr("Show entity &bodies"), this))
    , m_view(new QTreeView(this))
{
    setObjectName(u"callLogWidget"_s);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setObjectName(u"callLogFilter"_s);
    m_filter->setPlaceholderText(tr("Filter calls (any column)…"));
    m_filter->setClearButtonEnabled(true);
    m_bodies->setObjectName(u"callLogBodies"_s);
    m_bodies->setToolTip(tr("Write the JSON of entities sent and received into the log from now on (store keys "
                            "and tokens are never written)"));
    m_bodies->setChecked(log->showBodies());
    auto *copy = new QPushButton(tr("&Copy"), this);
    copy->setToolTip(tr("Copy the selected calls (or all shown) as text"));
    auto *clear = new QPushButton(tr("C&lear"), this);

    m_view->setObjectName(u"callLogView"_s);
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setTextElideMode(Qt::ElideMiddle);
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(true);
    header->resizeSection(CallLogModel::TimeColumn, 95);
    header->resizeSection(CallLogModel::DaemonColumn, 110);
    header->resizeSection(CallLogModel::StoreColumn, 140);
    header->resizeSection(CallLogModel::OperationColumn, 110);
    header->resizeSection(CallLogModel::RequestColumn, 300);
    header->resizeSection(CallLogModel::DurationColumn, 70);

    auto *copyAction = new QAction(tr("Copy"), m_view);
    copyAction->setShortcut(QKeySequence::Copy);
    copyAction->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(copyAction);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_bodies);
    bar->addWidget(copy);
    bar->addWidget(clear);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_bodies, &QCheckBox::toggled, log, &CallLog::setShowBodies);
    connect(copy, &QPushButton::clicked, this, &CallLogWidget::copySelection);
    connect(copyAction, &QAction::triggered, this, &CallLogWidget::copySelection);
    connect(clear, &QPushButton::clicked, log, &CallLog::clear);
}

QString CallLogWidget::selectedText() const
{
    QStringList lines;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        for (int row = 0; row < m_proxy->rowCount(); ++row)
            lines << m_proxy->index(row, 0).data(CallLogModel::RecordLineRole).toString();
    } else {
        for (const QModelIndex &row : rows)
            lines << row.data(CallLogModel::RecordLineRole).toString();
    }
    return lines.join(u'\n');
}

void CallLogWidget::copySelection()
{
    QGuiApplication::clipboard()->setText(selectedText());
}

} // namespace loom
