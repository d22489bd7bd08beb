#include "querybarwidget.h"

#include "browser/widgets/querybuilderwidget.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace loom {

namespace {
constexpr int kHistorySize = 20;
}

QueryBarWidget::QueryBarWidget(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_run(new QToolButton(this))
    , m_builderButton(new QToolButton(this))
    , m_historyButton(new QToolButton(this))
    , m_historyMenu(new QMenu(this))
    , m_error(new QLabel(this))
    , m_hint(new QLabel(this))
    , m_builder(new QueryBuilderWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *row = new QHBoxLayout;
    auto *label = new QLabel(tr("Query"), this);
    label->setToolTip(tr("The daemon's JSON query language (FindRequest.queryJSON)"));
    row->addWidget(label);
    m_edit->setObjectName(u"queryEdit"_s);
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setClearButtonEnabled(true);
    m_edit->setPlaceholderText(tr("Every entity. A query, e.g.: %1  (or use the Builder)")
                                   .arg(u"{\"ands\":[{\"fieldPath\":\"age\",\"operation\":4,\"value\":{\"float\":18}}]}"_s));
    row->addWidget(m_edit, 1);
    m_run->setText(tr("Run"));
    m_run->setObjectName(u"queryRun"_s);
    m_run->setToolTip(tr("Run the query (Enter)"));
    m_run->setToolButtonStyle(Qt::ToolButtonTextOnly);
    row->addWidget(m_run);
    m_builderButton->setText(tr("Builder"));
    m_builderButton->setObjectName(u"queryBuilderToggle"_s);
    m_builderButton->setCheckable(true);
    m_builderButton->setToolTip(tr("Build the query from conditions"));
    row->addWidget(m_builderButton);
    m_historyButton->setText(tr("Recent"));
    m_historyButton->setObjectName(u"queryHistory"_s);
    m_historyButton->setPopupMode(QToolButton::InstantPopup);
    m_historyButton->setMenu(m_historyMenu);
    m_historyButton->setToolTip(tr("Recent queries of this collection"));
    row->addWidget(m_historyButton);
    layout->addLayout(row);

    m_error->setObjectName(u"queryError"_s);
    m_error->setStyleSheet(u"color: #c62828;"_s);
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);
    m_hint->setObjectName(u"queryHint"_s);
    m_hint->setStyleSheet(u"color: #8a6d00;"_s);
    m_hint->setWordWrap(true);
    m_hint->hide();
    layout->addWidget(m_hint);
    m_builder->setObjectName(u"queryBuilder"_s);
    m_builder->hide();
    layout->addWidget(m_builder);

    connect(m_edit, &QLineEdit::textChanged, this, &QueryBarWidget::check);
    connect(m_edit, &QLineEdit::returnPressed, this, &QueryBarWidget::run);
    connect(m_run, &QToolButton::clicked, this, &QueryBarWidget::run);
    connect(m_builderButton, &QToolButton::toggled, this, &QueryBarWidget::setBuilderVisible);
    connect(m_historyMenu, &QMenu::aboutToShow, this, &QueryBarWidget::fillHistoryMenu);
    connect(m_builder, &QueryBuilderWidget::changed, this, [this] {
        m_fromBuilder = true;
        const Query q = m_builder->query();
        m_edit->setText(q.isEmpty() ? QString() : QString::fromUtf8(q.toJson()));
        m_fromBuilder = false;
    });
    connect(m_builder, &QueryBuilderWidget::runRequested, this, &QueryBarWidget::run);
    check();
}

void QueryBarWidget::setHistoryKey(const QString &key)
{
    m_historyKey = key;
}

QStringList QueryBarWidget::history() const
{
    if (m_historyKey.isEmpty())
        return {};
    return QSettings().value(u"browser/queries/"_s + m_historyKey).toStringList();
}

void QueryBarWidget::setFields(const QStringList &paths, const QHash<QString, QString> &types)
{
    m_builder->setFields(paths, types);
}

QString QueryBarWidget::text() const
{
    return m_edit->text();
}

void QueryBarWidget::setText(const QString &text)
{
    m_edit->setText(text);
}

QString QueryBarWidget::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString QueryBarWidget::hintText() const
{
    return m_hint->isHidden() ? QString() : m_hint->text();
}

void QueryBarWidget::setBuilderVisible(bool visible)
{
    if (visible && !m_builder->isVisible() && m_valid) {
        const QSignalBlocker blocker(m_builder);
        m_builder->setQuery(m_query);
    }
    m_builder->setVisible(visible);
    const QSignalBlocker blocker(m_builderButton);
    m_builderButton->setChecked(visible);
}

void QueryBarWidget::check()
{
    const QString text = m_edit->text().trimmed();
    QString error;
    std::optional<Query> parsed = text.isEmpty() ? std::optional<Query>(Query()) : Query::fromJson(text.toUtf8(), &error);
    if (parsed && error.isEmpty())
        error = parsed->validate();
    m_valid = parsed.has_value() && error.isEmpty();
    m_run->setEnabled(m_valid);
    m_error->setText(error.isEmpty() ? QString() : tr("Not sent: %1").arg(error));
    m_error->setVisible(!m_valid);
    m_edit->setStyleSheet(m_valid ? QString() : u"QLineEdit { border: 1px solid #c62828; }"_s);
    if (!m_valid) {
        m_hint->hide();
        return;
    }
    m_query = *parsed;
    QStringList hints;
    if (!m_query.isEmpty())
        hints << tr("Finds: %1").arg(m_query.toDisplayString());
    hints += m_query.warnings();
    m_hint->setText(hints.join(u"\n"_s));
    m_hint->setVisible(!hints.isEmpty());
    if (!m_fromBuilder && m_builder->isVisible()) {
        const QSignalBlocker blocker(m_builder);
        m_builder->setQuery(m_query);
    }
}

void QueryBarWidget::run()
{
    check();
    if (!m_valid)
        return;
    addToHistory(m_edit->text().trimmed());
    Q_EMIT queryRequested(m_query);
}

void QueryBarWidget::addToHistory(const QString &text)
{
    if (m_historyKey.isEmpty() || text.isEmpty())
        return;
    QStringList list = history();
    list.removeAll(text);
    list.prepend(text);
    while (list.size() > kHistorySize)
        list.removeLast();
    QSettings().setValue(u"browser/queries/"_s + m_historyKey, list);
}

void QueryBarWidget::fillHistoryMenu()
{
    m_historyMenu->clear();
    const QStringList list = history();
    if (list.isEmpty()) {
        m_historyMenu->addAction(tr("No recent queries"))->setEnabled(false);
        return;
    }
    for (const QString &text : list) {
        QString label = text;
        if (const auto q = Query::fromJson(text.toUtf8()))
            label = q->toDisplayString();
        QAction *action = m_historyMenu->addAction(label.left(100));
        action->setToolTip(text);
        connect(action, &QAction::triggered, this, [this, text] {
            m_edit->setText(text);
            run();
        });
    }
    m_historyMenu->addSeparator();
    connect(m_historyMenu->addAction(tr("Clear recent queries")), &QAction::triggered, this,
            [this] { QSettings().remove(u"browser/queries/"_s + m_historyKey); });
}

} // namespace loom
