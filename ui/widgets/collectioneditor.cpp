#include "collectioneditor.h"

#include "jsonrules.h"
#include "delegates/indexpathdelegate.h"
#include "icons/iconprovider.h"
#include "models/indexlistmodel.h"
#include "schemaeditor.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

const QString kOk = u"#2e7d32"_s;
const QString kBad = u"#c62828"_s;
const QString kWarn = u"#b26a00"_s;

QJsonObject resolveRef(const QJsonObject &node, const QJsonObject &definitions)
{
    const QString ref = node.value(u"$ref"_s).toString();
    return ref.isEmpty() ? node : definitions.value(ref.section(u'/', -1)).toObject();
}

void collectPaths(const QJsonObject &node, const QJsonObject &definitions, const QString &prefix,
                  QStringList *out, int depth)
{
    if (depth > 8)
        return;
    const QJsonObject props = resolveRef(node, definitions).value(u"properties"_s).toObject();
    for (auto it = props.begin(); it != props.end(); ++it) {
        const QString path = prefix.isEmpty() ? it.key() : prefix + u'.' + it.key();
        const QJsonObject field = resolveRef(it.value().toObject(), definitions);
        const QString type = field.value(u"type"_s).toString();
        if (type == u"string"_s || type == u"number"_s || type == u"integer"_s || type == u"boolean"_s) {
            if (path != json::kIdField)
                out->append(path);
        } else if (type == u"object"_s || field.contains(u"properties"_s)) {
            collectPaths(field, definitions, path, out, depth + 1);
        }
    }
}

} // namespace

CollectionEditor::CollectionEditor(Mode mode, QWidget *parent)
    : QWidget(parent)
    , m_mode(mode)
    , m_name(new QLineEdit(this))
    , m_nameHint(new QLabel(this))
    , m_editor(new SchemaEditor(this))
    , m_summary(new QLabel(this))
    , m_problemList(new QListWidget(this))
    , m_indexes(new IndexListModel(this))
    , m_pathDelegate(new IndexPathDelegate(this))
    , m_indexTable(new QTableView(this))
    , m_addIndex(new QPushButton(icon(u"list-add"_s), tr("Add index"), this))
    , m_removeIndex(new QPushButton(icon(u"list-remove"_s), tr("Remove"), this))
    , m_format(new QPushButton(tr("Format JSON"), this))
{
    m_name->setObjectName(u"collectionName"_s);
    m_name->setPlaceholderText(tr("e.g. People"));
    m_name->setReadOnly(mode == Mode::Edit);
    m_name->setToolTip(tr("Letters, digits and single hyphens between them (the daemon's collection name)"));
    m_nameHint->setObjectName(u"nameProblem"_s);
    m_nameHint->setWordWrap(true);
    m_nameHint->setStyleSheet(u"color: %1;"_s.arg(kBad));
    m_summary->setObjectName(u"validationSummary"_s);
    m_summary->setTextFormat(Qt::RichText);
    m_problemList->setObjectName(u"problemList"_s);
    m_problemList->setWordWrap(true);
    m_problemList->setAlternatingRowColors(true);
    m_problemList->setMinimumHeight(48);
    m_problemList->setIconSize(QSize(16, 16));
    m_format->setObjectName(u"formatJson"_s);
    m_format->setToolTip(tr("Re-indent the schema"));
    m_editor->setMinimumSize(420, 220);
    m_editor->setToolTip(tr("The collection's JSON schema (draft-04, as the daemon reads it). It must declare "
                            "\"_id\" as a string property."));

    m_indexTable->setObjectName(u"indexTable"_s);
    m_indexTable->setModel(m_indexes);
    m_indexTable->setItemDelegateForColumn(IndexListModel::PathColumn, m_pathDelegate);
    m_indexTable->horizontalHeader()->setSectionResizeMode(IndexListModel::PathColumn, QHeaderView::Stretch);
    m_indexTable->horizontalHeader()->setSectionResizeMode(IndexListModel::UniqueColumn, QHeaderView::ResizeToContents);
    m_indexTable->verticalHeader()->setVisible(false);
    m_indexTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_indexTable->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_indexTable->setMinimumHeight(70);
    m_indexTable->verticalHeader()->setDefaultSectionSize(m_indexTable->fontMetrics().height() + 10);
    m_addIndex->setObjectName(u"addIndex"_s);
    m_removeIndex->setObjectName(u"removeIndex"_s);

    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_nameHint);
    m_nameHint->setVisible(false);

    auto *schemaHeader = new QHBoxLayout;
    auto *schemaLabel = new QLabel(tr("&Schema (JSON):"), this);
    schemaLabel->setBuddy(m_editor);
    schemaHeader->addWidget(schemaLabel);
    schemaHeader->addStretch();
    schemaHeader->addWidget(m_format);

    auto *schemaBox = new QWidget(this);
    auto *schemaLayout = new QVBoxLayout(schemaBox);
    schemaLayout->setContentsMargins(0, 0, 0, 0);
    schemaLayout->addLayout(schemaHeader);
    schemaLayout->addWidget(m_editor, 1);
    schemaLayout->addWidget(m_summary);

    auto *indexBox = new QWidget(this);
    auto *indexLayout = new QVBoxLayout(indexBox);
    indexLayout->setContentsMargins(0, 0, 0, 0);
    auto *indexHeader = new QHBoxLayout;
    indexHeader->addWidget(new QLabel(tr("Indexes (besides _id):"), this));
    indexHeader->addStretch();
    indexHeader->addWidget(m_addIndex);
    indexHeader->addWidget(m_removeIndex);
    indexLayout->addLayout(indexHeader);
    indexLayout->addWidget(m_indexTable);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(schemaBox);
    splitter->addWidget(m_problemList);
    splitter->addWidget(indexBox);
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 1);
    splitter->setSizes({380, 110, 110});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(splitter, 1);

    connect(m_name, &QLineEdit::textChanged, this, &CollectionEditor::validate);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &CollectionEditor::validate);
    connect(m_indexes, &IndexListModel::indexesChanged, this, &CollectionEditor::validate);
    connect(m_format, &QPushButton::clicked, this, [this] { m_editor->format(); });
    connect(m_addIndex, &QPushButton::clicked, this, [this] {
        // Becoming current opens the path's editor (the table edits on any trigger).
        m_indexTable->setCurrentIndex(m_indexes->appendIndex());
    });
    connect(m_removeIndex, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_indexTable->currentIndex();
        if (current.isValid())
            m_indexes->removeRows(current.row(), 1);
    });
    connect(m_problemList, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { jumpToProblem(m_problemList->row(item)); });

    setConfig({QString(), schemacheck::minimalSchema(), {}, {}, {}});
}

void CollectionEditor::setConfig(const CollectionConfig &config)
{
    m_original = config;
    m_name->setText(config.name);
    // Show the schema indented, as people read it (the daemon stores it re-serialised).
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(config.schema, &error);
    QByteArray text = error.error == QJsonParseError::NoError ? doc.toJson(QJsonDocument::Indented) : config.schema;
    if (text.endsWith('\n'))
        text.chop(1);
    m_editor->setSchema(text);
    m_indexes->setIndexes(config.indexes);
    validate();
}

CollectionConfig CollectionEditor::config() const
{
    CollectionConfig c = m_original;
    c.name = m_name->text().trimmed();
    c.schema = m_editor->schema();
    c.indexes = m_indexes->indexes();
    return c;
}

bool CollectionEditor::isModified() const
{
    const CollectionConfig now = config();
    const QJsonDocument before = QJsonDocument::fromJson(m_original.schema);
    const QJsonDocument after = QJsonDocument::fromJson(now.schema);
    const bool schemaChanged = before.isNull() || after.isNull() ? m_original.schema != now.schema : before != after;
    return schemaChanged || now.indexes != m_original.indexes || now.name != m_original.name;
}

void CollectionEditor::setReadOnly(bool readOnly)
{
    m_name->setReadOnly(readOnly || m_mode == Mode::Edit);
    m_editor->setReadOnly(readOnly);
    m_indexTable->setEnabled(!readOnly);
    m_addIndex->setEnabled(!readOnly);
    m_removeIndex->setEnabled(!readOnly);
    m_format->setEnabled(!readOnly);
}

QStringList CollectionEditor::indexablePaths() const
{
    const QJsonObject root = QJsonDocument::fromJson(m_editor->schema()).object();
    QStringList paths;
    collectPaths(root, root.value(u"definitions"_s).toObject(), QString(), &paths, 0);
    paths.removeAll(m_idField); // the id is indexed already
    paths.sort(Qt::CaseInsensitive);
    return paths;
}

void CollectionEditor::setIdField(const QString &field)
{
    if (field == m_idField)
        return;
    m_idField = field;
    const bool legacy = field != u"_id"_s;
    m_editor->setToolTip(legacy ? tr("The model's JSON schema (as a v0.1 daemon registers it). Entities keep their "
                                     "id in \"%1\".").arg(field)
                                : tr("The collection's JSON schema (draft-04, as the daemon reads it). It must "
                                     "declare \"_id\" as a string property."));
    // A schema nobody typed yet starts from the generation's own minimal one.
    QJsonObject root = QJsonDocument::fromJson(m_editor->schema()).object();
    QJsonObject props = root.value(u"properties"_s).toObject();
    const bool untouched = props.keys() == QStringList{u"_id"_s, u"_mod"_s};
    if (legacy && m_mode == Mode::Create && untouched) {
        props.remove(u"_id"_s);
        props.remove(u"_mod"_s);
        props.insert(field, QJsonObject{{u"type"_s, u"string"_s}});
        root.insert(u"properties"_s, props);
        CollectionConfig config = m_original;
        config.schema = QJsonDocument(root).toJson(QJsonDocument::Indented);
        setConfig(config);
    }
    validate();
}

void CollectionEditor::validate()
{
    const QByteArray schema = m_editor->schema();
    m_nameProblem = m_mode == Mode::Create ? schemacheck::nameProblem(m_name->text().trimmed()) : QString();
    // Say "a name is required" only once the person started typing one.
    m_nameHint->setText(m_name->text().isEmpty() ? QString() : m_nameProblem);
    m_nameHint->setVisible(!m_nameHint->text().isEmpty());

    QJsonParseError parseError;
    QJsonDocument::fromJson(schema, &parseError);
    m_jsonValid = parseError.error == QJsonParseError::NoError;
    m_jsonErrorOffset = m_jsonValid ? -1 : parseError.offset;
    m_editor->markError(m_jsonErrorOffset);
    if (m_jsonValid) {
        m_jsonError.clear();
        m_problems = schemacheck::checkSchema(schema);
        if (m_idField != u"_id"_s) // a v0.1 daemon: the rules about _id and _mod are v1's
            m_problems.removeIf([](const schemacheck::Problem &p) {
                static const QRegularExpression v1Field(u"(^|[^A-Za-z0-9_])_(id|mod)([^A-Za-z0-9_]|$)"_s);
                return v1Field.match(p.path).hasMatch() || v1Field.match(p.message).hasMatch();
            });
        QList<QPair<QString, bool>> pairs;
        for (const IndexSpec &i : m_indexes->indexes())
            pairs.append({i.path, i.unique});
        const auto indexProblems = schemacheck::checkIndexes(schema, pairs);
        // Errors first, then warnings.
        for (const auto &p : indexProblems)
            if (p.severity == schemacheck::Problem::Error)
                m_problems.insert(0, p);
        for (const auto &p : indexProblems)
            if (p.severity == schemacheck::Problem::Warning)
                m_problems.append(p);
        m_pathDelegate->setSuggestions(indexablePaths());
    } else {
        const auto [line, column] = m_editor->lineColumn(parseError.offset);
        m_jsonError = tr("Not JSON: %1 at line %2, column %3").arg(parseError.errorString()).arg(line).arg(column);
        m_problems = {{schemacheck::Problem::Error, QString(), m_jsonError}};
    }
    m_valid = m_nameProblem.isEmpty() && !schemacheck::hasErrors(m_problems);
    showProblems();
    Q_EMIT validated(m_valid);
}

QString CollectionEditor::summary() const
{
    const int errors = int(std::count_if(m_problems.begin(), m_problems.end(),
                                         [](const auto &p) { return p.severity == schemacheck::Problem::Error; }));
    const int warnings = int(m_problems.size()) - errors;
    const auto mark = [](bool good, const QString &text, const QString &color) {
        return u"<span style=\"color:%1\"><b>%2</b> %3</span>"_s.arg(color, good ? u"\u2714"_s : u"\u2718"_s,
                                                                     text.toHtmlEscaped());
    };
    QString html = mark(m_jsonValid, m_jsonValid ? tr("valid JSON") : tr("not valid JSON"), m_jsonValid ? kOk : kBad);
    if (m_jsonValid)
        html += u" &nbsp;&middot;&nbsp; "_s
            + mark(errors == 0, errors == 0 ? tr("valid schema") : tr("%n error(s)", nullptr, errors),
                   errors == 0 ? kOk : kBad);
    if (warnings > 0)
        html += u" &nbsp;&middot;&nbsp; <span style=\"color:%1\">%2</span>"_s.arg(
            kWarn, tr("%n warning(s)", nullptr, warnings).toHtmlEscaped());
    return html;
}

void CollectionEditor::showProblems()
{
    m_summary->setText(summary());
    m_problemList->clear();
    for (const schemacheck::Problem &p : m_problems) {
        QString where = p.path;
        if (where.startsWith(u"indexes["_s)) {
            const int i = where.mid(8).section(u']', 0, 0).toInt();
            const QString path = m_indexes->indexes().value(i).path;
            where = path.isEmpty() ? tr("index %1").arg(i + 1) : tr("index “%1”").arg(path);
        }
        const QString text = where.isEmpty() ? p.message : where + u": "_s + p.message;
        auto *item = new QListWidgetItem(
            icon(p.severity == schemacheck::Problem::Error ? u"dialog-error"_s : u"dialog-warning"_s), text);
        item->setToolTip(p.path.isEmpty() ? p.message : tr("At %1 (schema path)\n%2").arg(p.path, p.message));
        m_problemList->addItem(item);
    }
    if (m_problems.isEmpty()) {
        auto *item = new QListWidgetItem(icon(u"dialog-ok"_s), tr("No problems: the daemon will accept this schema."));
        item->setFlags(Qt::ItemIsEnabled);
        m_problemList->addItem(item);
    }
}

void CollectionEditor::jumpToProblem(int row)
{
    if (row < 0 || row >= m_problems.size())
        return;
    const schemacheck::Problem &p = m_problems.at(row);
    QTextCursor cursor(m_editor->document());
    if (!m_jsonValid && m_jsonErrorOffset >= 0) {
        const auto [line, column] = m_editor->lineColumn(m_jsonErrorOffset);
        cursor.movePosition(QTextCursor::Start);
        cursor.movePosition(QTextCursor::Down, QTextCursor::MoveAnchor, line - 1);
        cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, column - 1);
    } else if (!p.path.isEmpty() && !p.path.startsWith(u"indexes["_s)) {
        // Find the last key of the path in the text (good enough to land near it).
        const QString key = u'"' + p.path.section(u'.', -1).section(u'[', 0, 0) + u'"';
        cursor = m_editor->document()->find(key);
        if (cursor.isNull())
            return;
    } else {
        return;
    }
    m_editor->setTextCursor(cursor);
    m_editor->setFocus();
}

void CollectionEditor::focusFirstField()
{
    if (m_mode == Mode::Create)
        m_name->setFocus();
    else
        m_editor->setFocus();
}

} // namespace loom
