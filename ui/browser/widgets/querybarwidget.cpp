#include "querybarwidget.h"

#include "browser/widgets/querybuilderwidget.h"
#include "browser/widgets/querylineedit.h"
#include "queryexpr.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

constexpr int kHistorySize = 20;

// The text around the mistake at `column` (1-based), and a caret line under it: ^ for a point,
// ^~~~ under a span.
QString caretLines(QString text, int column, int length)
{
    text.replace(u'\t', u' ');
    const qsizetype at = std::clamp<qsizetype>(column - 1, 0, text.size());
    const qsizetype from = std::max<qsizetype>(0, at - 60);
    const qsizetype to = std::min(text.size(), at + std::max(length, 1) + 30);
    const QString lead = from > 0 ? u"…"_s : QString();
    const QString line = lead + text.mid(from, to - from) + (to < text.size() ? u"…"_s : QString());
    const QString caret = QString(lead.size() + at - from, u' ') + u'^' + QString(std::max(0, length - 1), u'~');
    return line + u'\n' + caret;
}

} // namespace

QueryBarWidget::QueryBarWidget(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QueryLineEdit(this))
    , m_run(new QToolButton(this))
    , m_builderButton(new QToolButton(this))
    , m_historyButton(new QToolButton(this))
    , m_historyMenu(new QMenu(this))
    , m_error(new QLabel(this))
    , m_caret(new QLabel(this))
    , m_hint(new QLabel(this))
    , m_builder(new QueryBuilderWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *row = new QHBoxLayout;
    auto *label = new QLabel(tr("Query"), this);
    label->setBuddy(m_edit);
    label->setToolTip(tr("<p>Conditions <i>field operator value</i> joined by <b>and</b> / <b>or</b> (and binds "
                         "tighter), then <b>sort</b> [-]field [desc], <b>limit</b> N, <b>skip</b> N.</p>"
                         "<p>Operators = != &gt; &lt; &gt;= &lt;=; values \"text\", numbers, true, false; "
                         "nested fields with dots (address.city). Text starting with { is the daemon's "
                         "raw JSON query (FindRequest.queryJSON).</p><p>Ctrl+L: type a query; "
                         "Ctrl+Space: complete a field name.</p>"));
    row->addWidget(label);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_edit->setObjectName(u"queryEdit"_s);
    m_edit->setFont(fixed);
    m_edit->fieldCompleter()->popup()->setFont(fixed);
    m_edit->setClearButtonEnabled(true);
    m_edit->setPlaceholderText(tr("Every entity. Type a query, e.g.  %1  (or raw JSON, or the Builder)")
                                   .arg(u"age > 30 and name = \"Bob\" sort -age limit 50"_s));
    row->addWidget(m_edit, 1);
    m_run->setText(tr("Run"));
    m_run->setObjectName(u"queryRun"_s);
    m_run->setToolTip(tr("Run the query (Enter)"));
    m_run->setToolButtonStyle(Qt::ToolButtonTextOnly);
    row->addWidget(m_run);
    m_builderButton->setText(tr("Builder"));
    m_builderButton->setObjectName(u"queryBuilderToggle"_s);
    m_builderButton->setCheckable(true);
    m_builderButton->setToolTip(tr("Build the query from conditions; the bar and the builder follow each other"));
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
    m_error->setTextFormat(Qt::PlainText);
    m_error->hide();
    layout->addWidget(m_error);
    m_caret->setObjectName(u"queryErrorCaret"_s);
    m_caret->setFont(fixed);
    m_caret->setTextFormat(Qt::PlainText);
    m_caret->setStyleSheet(u"color: #c62828;"_s);
    m_caret->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_caret->hide();
    layout->addWidget(m_caret);
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
        // The builder's query in the language; raw JSON only for what the language cannot say
        // (e.g. a number condition whose value is not a number: its problem is then shown).
        m_fromBuilder = true;
        const Query q = m_builder->query();
        const auto text = toQueryExpression(q);
        m_edit->setText(text ? *text : QString::fromUtf8(q.toJson()));
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

void QueryBarWidget::setFields(const QStringList &paths, const QHash<QString, QString> &types, const QString &idField)
{
    m_builder->setFields(paths, types, idField);
    m_edit->setFields(paths, idField);
}

QString QueryBarWidget::text() const
{
    return m_edit->text();
}

void QueryBarWidget::setText(const QString &text)
{
    m_edit->setText(text);
}

QLineEdit *QueryBarWidget::lineEdit() const
{
    return m_edit;
}

QString QueryBarWidget::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString QueryBarWidget::caretText() const
{
    return m_caret->isHidden() ? QString() : m_caret->text();
}

QString QueryBarWidget::hintText() const
{
    return m_hint->isHidden() ? QString() : m_hint->text();
}

void QueryBarWidget::setBuilderVisible(bool visible)
{
    m_builder->setVisible(visible);
    if (visible)
        syncBuilder();
    const QSignalBlocker blocker(m_builderButton);
    m_builderButton->setChecked(visible);
}

void QueryBarWidget::syncBuilder()
{
    if (m_fromBuilder || m_builder->isHidden() || !m_valid)
        return;
    const QSignalBlocker blocker(m_builder);
    m_builder->setQuery(m_query); // (when it cannot, it says why and keeps its conditions)
}

void QueryBarWidget::showError(const QString &message, int column, int length)
{
    m_errorColumn = column;
    m_errorLength = length;
    // A query that merely stops short (the mistake is the end of the text) is being typed: it is
    // said quietly until Enter; any other mistake at once, in red.
    const bool unfinished = column > 0 && column - 1 == m_edit->text().size() && !m_insist;
    const QString colour = unfinished ? u"#666"_s : u"#c62828"_s;
    m_error->setStyleSheet(u"color: "_s + colour + u';');
    m_caret->setStyleSheet(u"color: "_s + colour + u';');
    m_edit->setStyleSheet(unfinished ? QString() : u"QLineEdit { border: 1px solid #c62828; }"_s);
    m_error->setText(column > 0 ? tr("Not sent: column %1: %2").arg(column).arg(message) : tr("Not sent: %1").arg(message));
    m_error->show();
    m_caret->setText(column > 0 ? caretLines(m_edit->text(), column, length) : QString());
    m_caret->setVisible(column > 0);
}

void QueryBarWidget::check()
{
    const QString raw = m_edit->text();
    const QString text = raw.trimmed();
    std::optional<Query> parsed;
    QString error;
    QueryExprError exprError;
    if (text.isEmpty()) {
        parsed = Query();
    } else if (looksLikeJsonQuery(text)) {
        parsed = Query::fromJson(text.toUtf8(), &error);
        if (parsed)
            error = parsed->validate();
    } else {
        parsed = parseQueryExpression(raw, &exprError); // (columns of the text as shown)
    }
    m_valid = parsed.has_value() && error.isEmpty();
    m_run->setEnabled(m_valid);
    if (m_valid)
        m_edit->setStyleSheet(QString());
    if (!m_valid) {
        if (!exprError.message.isEmpty())
            showError(exprError.message, exprError.column, exprError.length);
        else
            showError(error, 0, 0);
        m_hint->hide();
        m_edit->setToolTip(QString());
        return;
    }
    m_errorColumn = m_errorLength = 0;
    m_error->hide();
    m_caret->hide();
    m_query = *parsed;
    m_edit->setToolTip(m_query.isEmpty() ? QString()
                                         : tr("Sent to the daemon as (FindRequest.queryJSON): %1")
                                               .arg(QString::fromUtf8(m_query.toWireJson())));
    QStringList hints;
    if (!m_query.isEmpty())
        hints << tr("Finds: %1").arg(m_query.toDisplayString());
    hints += m_query.warnings();
    m_hint->setText(hints.join(u"\n"_s));
    m_hint->setVisible(!hints.isEmpty());
    syncBuilder();
}

void QueryBarWidget::run()
{
    m_insist = true;
    check();
    m_insist = false;
    if (!m_valid) {
        // Take the user to the mistake.
        m_edit->setFocus(Qt::OtherFocusReason);
        if (m_errorColumn > 0) {
            const int at = std::min(m_errorColumn - 1, int(m_edit->text().size()));
            if (m_errorLength > 0)
                m_edit->setSelection(at, m_errorLength);
            else
                m_edit->setCursorPosition(at);
        }
        return;
    }
    m_edit->fieldCompleter()->popup()->hide();
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
        QString label = text; // the language reads as it is; JSON as its summary
        if (looksLikeJsonQuery(text)) {
            if (const auto q = Query::fromJson(text.toUtf8()))
                label = q->toDisplayString();
        }
        if (label.size() > 100)
            label = label.left(99) + u'…';
        QAction *action = m_historyMenu->addAction(label.replace(u'&', u"&&"_s));
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
