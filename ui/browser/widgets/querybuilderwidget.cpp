#include "querybuilderwidget.h"

#include "jsonrules.h"
#include "browser/models/jsonvalues.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

const Op kOps[] = {Op::Eq, Op::Ne, Op::Gt, Op::Lt, Op::Ge, Op::Le};

QString typeLabel(const QString &schemaType)
{
    if (schemaType == u"number" || schemaType == u"integer")
        return QObject::tr("number");
    if (schemaType == u"boolean")
        return QObject::tr("true/false");
    return QObject::tr("text");
}

} // namespace

QueryBuilderWidget::QueryBuilderWidget(QWidget *parent)
    : QWidget(parent)
    , m_rowsLayout(new QVBoxLayout)
    , m_match(new QComboBox(this))
    , m_sortField(new QComboBox(this))
    , m_sortOrder(new QComboBox(this))
    , m_limit(new QSpinBox(this))
    , m_skip(new QSpinBox(this))
    , m_note(new QLabel(this))
    , m_body(new QWidget(this))
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 2, 0, 2);
    m_note->setObjectName(u"builderNote"_s);
    m_note->setWordWrap(true);
    m_note->setStyleSheet(u"color: #8a6d00;"_s);
    m_note->hide();
    outer->addWidget(m_note);
    outer->addWidget(m_body);
    auto *layout = new QVBoxLayout(m_body);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Match")));
    m_match->setObjectName(u"builderMatch"_s);
    m_match->addItems({tr("all conditions (and)"), tr("any condition (or)")});
    top->addWidget(m_match);
    auto *add = new QPushButton(tr("Add condition"), this);
    add->setObjectName(u"builderAdd"_s);
    top->addWidget(add);
    top->addStretch(1);
    layout->addLayout(top);
    m_rowsLayout->setSpacing(2);
    layout->addLayout(m_rowsLayout);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(new QLabel(tr("Sort by")));
    m_sortField->setEditable(true);
    m_sortField->setObjectName(u"builderSort"_s);
    m_sortField->setMinimumContentsLength(12);
    m_sortField->setToolTip(tr("_id sorts on the daemon across pages; any other field sorts the loaded rows"));
    bottom->addWidget(m_sortField);
    m_sortOrder->addItems({tr("ascending"), tr("descending")});
    bottom->addWidget(m_sortOrder);
    bottom->addSpacing(12);
    bottom->addWidget(new QLabel(tr("Limit")));
    m_limit->setRange(0, 10'000'000);
    m_limit->setSpecialValueText(tr("none"));
    m_limit->setObjectName(u"builderLimit"_s);
    bottom->addWidget(m_limit);
    bottom->addSpacing(12);
    bottom->addWidget(new QLabel(tr("Skip")));
    m_skip->setRange(0, 10'000'000);
    m_skip->setObjectName(u"builderSkip"_s);
    m_skip->setToolTip(tr("Entities to leave out before the first one shown (needs a limit)"));
    bottom->addWidget(m_skip);
    bottom->addStretch(1);
    auto *run = new QPushButton(tr("Run"), this);
    run->setObjectName(u"builderRun"_s);
    bottom->addWidget(run);
    layout->addLayout(bottom);

    connect(add, &QPushButton::clicked, this, [this] { addCondition(); });
    connect(run, &QPushButton::clicked, this, &QueryBuilderWidget::runRequested);
    connect(m_match, &QComboBox::currentIndexChanged, this, &QueryBuilderWidget::changed);
    connect(m_sortField, &QComboBox::currentTextChanged, this, &QueryBuilderWidget::changed);
    connect(m_sortOrder, &QComboBox::currentIndexChanged, this, &QueryBuilderWidget::changed);
    connect(m_limit, &QSpinBox::valueChanged, this, &QueryBuilderWidget::changed);
    connect(m_skip, &QSpinBox::valueChanged, this, &QueryBuilderWidget::changed);
    setFields({}, {});
}

void QueryBuilderWidget::setFields(const QStringList &paths, const QHash<QString, QString> &types, const QString &idField)
{
    m_paths = paths;
    m_types = types;
    const QString sort = m_sortField->currentText();
    const QSignalBlocker blocker(m_sortField);
    m_sortField->clear();
    QStringList others = paths;
    others.removeAll(idField);
    m_sortField->addItems(QStringList{QString(), idField} + others);
    m_sortField->setCurrentText(sort);
    for (const Row &row : m_rows) {
        const QString field = row.field->currentText();
        const QSignalBlocker b(row.field);
        row.field->clear();
        row.field->addItems(paths);
        row.field->setCurrentText(field);
    }
}

void QueryBuilderWidget::addCondition(const QString &field, Op op, const QString &value, const QString &type)
{
    auto *widget = new QWidget(this);
    auto *h = new QHBoxLayout(widget);
    h->setContentsMargins(0, 0, 0, 0);
    Row row{widget, new QComboBox(widget), new QComboBox(widget), new QLineEdit(widget), new QComboBox(widget)};
    const int n = int(m_rows.size());
    row.field->setEditable(true);
    row.field->addItems(m_paths);
    row.field->setCurrentText(field);
    row.field->setMinimumContentsLength(14);
    row.field->setObjectName(u"builderField%1"_s.arg(n));
    row.field->setToolTip(tr("A field path, through nested objects with dots (address.city)"));
    for (Op o : kOps)
        row.op->addItem(opSymbol(o), int(o));
    row.op->setCurrentIndex(int(op));
    row.op->setObjectName(u"builderOp%1"_s.arg(n));
    row.value->setText(value);
    row.value->setObjectName(u"builderValue%1"_s.arg(n));
    row.value->setPlaceholderText(tr("value"));
    row.type->addItems({tr("text"), tr("number"), tr("true/false")});
    row.type->setObjectName(u"builderType%1"_s.arg(n));
    row.type->setCurrentText(type.isEmpty() ? typeLabel(m_types.value(field)) : typeLabel(type));
    auto *remove = new QToolButton(widget);
    remove->setText(u"−"_s);
    remove->setToolTip(tr("Remove this condition"));
    h->addWidget(row.field, 2);
    h->addWidget(row.op);
    h->addWidget(row.value, 2);
    h->addWidget(row.type);
    h->addWidget(remove);
    m_rowsLayout->addWidget(widget);
    m_rows.push_back(row);
    connect(row.field, &QComboBox::currentTextChanged, this, [this, row] { fieldChosen(row); });
    connect(row.op, &QComboBox::currentIndexChanged, this, &QueryBuilderWidget::changed);
    connect(row.value, &QLineEdit::textChanged, this, &QueryBuilderWidget::changed);
    connect(row.value, &QLineEdit::returnPressed, this, &QueryBuilderWidget::runRequested);
    connect(row.type, &QComboBox::currentIndexChanged, this, &QueryBuilderWidget::changed);
    connect(remove, &QToolButton::clicked, this, [this, widget] { removeRow(widget); });
    Q_EMIT changed();
}

void QueryBuilderWidget::fieldChosen(Row row)
{
    if (m_types.contains(row.field->currentText()))
        row.type->setCurrentText(typeLabel(m_types.value(row.field->currentText())));
    Q_EMIT changed();
}

void QueryBuilderWidget::removeRow(QWidget *widget)
{
    const auto it = std::find_if(m_rows.begin(), m_rows.end(), [widget](const Row &r) { return r.widget == widget; });
    if (it == m_rows.end())
        return;
    m_rows.erase(it);
    widget->hide();
    widget->deleteLater();
    Q_EMIT changed();
}

void QueryBuilderWidget::clearRows()
{
    for (const Row &r : m_rows) {
        r.widget->hide();
        r.widget->deleteLater();
    }
    m_rows.clear();
}

std::optional<Criterion> QueryBuilderWidget::criterion(const Row &row) const
{
    const QString field = row.field->currentText().trimmed();
    if (field.isEmpty())
        return std::nullopt;
    Criterion c;
    c.fieldPath = field;
    c.op = Op(row.op->currentData().toInt());
    const QString text = row.value->text();
    switch (row.type->currentIndex()) {
    case 1:
        c.value = json::parseTyped(text, u"number"_s).value_or(QJsonValue());
        break;
    case 2: c.value = text.trimmed() == u"true"; break;
    default: c.value = text; break;
    }
    return c;
}

Query QueryBuilderWidget::query() const
{
    QList<Criterion> criteria;
    for (const Row &row : m_rows) {
        if (const auto c = criterion(row))
            criteria.append(*c);
    }
    Query q;
    if (m_match->currentIndex() == 1 && criteria.size() > 1) {
        q.setAnds({criteria.first()});
        QList<Query> ors;
        for (qsizetype i = 1; i < criteria.size(); ++i)
            ors.append(Query::where(criteria[i].fieldPath, criteria[i].op, criteria[i].value));
        q.setOrs(ors);
    } else {
        q.setAnds(criteria);
    }
    if (const QString sort = m_sortField->currentText().trimmed(); !sort.isEmpty())
        q.orderBy(sort, m_sortOrder->currentIndex() == 1);
    if (m_limit->value() > 0)
        q.withLimit(m_limit->value());
    if (m_skip->value() > 0)
        q.withSkip(m_skip->value());
    return q;
}

bool QueryBuilderWidget::setQuery(const Query &query)
{
    QList<Criterion> criteria = query.ands();
    bool any = false;
    QString why;
    for (const Query &alt : query.ors()) {
        if (alt.ands().size() != 1 || !alt.ors().isEmpty() || alt.sort() || alt.limit() || alt.skip())
            why = tr("it mixes and with or");
        else
            criteria.append(alt.ands().first());
        any = true;
    }
    if (any && query.ands().size() != 1)
        why = tr("it mixes and with or");
    else if (!query.seek().isEmpty())
        why = tr("it starts from an id (seek)");
    else if (!query.index().isEmpty())
        why = tr("it walks an index");
    m_note->setText(why.isEmpty() ? QString()
                                  : tr("The builder cannot show this query: %1. Edit it in the query bar.").arg(why));
    m_note->setVisible(!why.isEmpty());
    m_body->setEnabled(why.isEmpty());
    if (!why.isEmpty())
        return false;
    const QSignalBlocker blocker(this);
    clearRows();
    for (const Criterion &c : std::as_const(criteria)) {
        const QString type = c.value.isDouble() ? u"number"_s : c.value.isBool() ? u"boolean"_s : u"string"_s;
        addCondition(c.fieldPath, c.op, c.value.isString() ? c.value.toString() : json::compactText(c.value), type);
    }
    m_match->setCurrentIndex(any ? 1 : 0);
    m_sortField->setCurrentText(query.sort() ? query.sort()->fieldPath : QString());
    m_sortOrder->setCurrentIndex(query.sort() && query.sort()->desc ? 1 : 0);
    m_limit->setValue(query.limit());
    m_skip->setValue(query.skip());
    return true;
}

QString QueryBuilderWidget::note() const
{
    return m_note->isHidden() ? QString() : m_note->text();
}

void QueryBuilderWidget::setMatchAny(bool any)
{
    m_match->setCurrentIndex(any ? 1 : 0);
}

void QueryBuilderWidget::setSort(const QString &field, bool desc)
{
    m_sortField->setCurrentText(field);
    m_sortOrder->setCurrentIndex(desc ? 1 : 0);
}

void QueryBuilderWidget::setLimit(int limit)
{
    m_limit->setValue(limit);
}

void QueryBuilderWidget::setSkip(int skip)
{
    m_skip->setValue(skip);
}

} // namespace loom
