#include "collectiondialog.h"

#include "session/connection.h"
#include "schemadiffdialog.h"
#include "threadsclient.h"
#include "widgets/collectioneditor.h"

#include <QCheckBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace loom {

CollectionDialog::CollectionDialog(Connection *connection, const StoreId &store, const QString &storeName,
                                   ActivityTracker *tracker, QWidget *parent)
    : CallDialog(tracker, parent)
    , m_connection(connection)
    , m_store(store)
    , m_storeName(storeName)
    , m_editor(new CollectionEditor(CollectionEditor::Mode::Create, this))
{
    setWindowTitle(tr("New collection in “%1”").arg(storeName));
    setOkText(tr("Create collection"));
    setUp(m_editor);
}

CollectionDialog::CollectionDialog(Connection *connection, const StoreId &store, const QString &storeName,
                                   const QJsonObject &proposedSchema, const QStringList &notes,
                                   const QList<QJsonObject> &examples, ActivityTracker *tracker, QWidget *parent)
    : CallDialog(tracker, parent)
    , m_connection(connection)
    , m_store(store)
    , m_storeName(storeName)
    , m_editor(new CollectionEditor(CollectionEditor::Mode::Create, this))
    , m_examples(examples)
{
    setWindowTitle(tr("New collection from JSON in “%1”").arg(storeName));
    setOkText(tr("Create collection"));
    CollectionConfig config;
    config.schema = QJsonDocument(proposedSchema).toJson(QJsonDocument::Indented);
    m_editor->setConfig(config);

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *decided = new QLabel(tr("<b>Proposed from the examples</b> (review it below; nothing is sent until you "
                                  "create the collection):<ul>%1</ul>")
                                   .arg([&notes] {
                                       QString items;
                                       for (const QString &note : notes)
                                           items += u"<li>"_s + note.toHtmlEscaped() + u"</li>"_s;
                                       return items;
                                   }()),
                               content);
    decided->setObjectName(u"inferenceNotes"_s);
    decided->setWordWrap(true);
    decided->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_importExamples = new QCheckBox(examples.size() == 1
                                         ? tr("&Import the example entity into the new collection")
                                         : tr("&Import the %1 example entities into the new collection")
                                               .arg(QLocale().toString(examples.size())),
                                     content);
    m_importExamples->setObjectName(u"importExamplesBox"_s);
    m_importExamples->setChecked(true);
    layout->addWidget(decided);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_importExamples);
    setUp(content);
}

CollectionDialog::CollectionDialog(Connection *connection, const StoreId &store, const QString &storeName,
                                   const CollectionConfig &current, ActivityTracker *tracker, QWidget *parent)
    : CallDialog(tracker, parent)
    , m_connection(connection)
    , m_store(store)
    , m_storeName(storeName)
    , m_editor(new CollectionEditor(CollectionEditor::Mode::Edit, this))
{
    setWindowTitle(tr("Schema of “%1” in “%2”").arg(current.name, storeName));
    setOkText(tr("Review changes…"));
    m_editor->setConfig(current);
    setUp(m_editor);
}

void CollectionDialog::setUp(QWidget *content)
{
    setObjectName(u"collectionDialog"_s);
    if (m_connection) // "ID" on a legacy v0.1 daemon
        m_editor->setIdField(m_connection->client()->idField());
    setContent(content);
    connect(m_editor, &CollectionEditor::validated, this, &CollectionDialog::validated);
    validated(m_editor->isValid());
    // Typing starts where it should: the name of a new collection, the schema of an existing one
    // (not a button, where Enter would create a collection without a name).
    m_editor->focusFirstField();
    resize(720, 720);
}

QList<QJsonObject> CollectionDialog::examplesToImport() const
{
    return m_importExamples && m_importExamples->isChecked() ? m_examples : QList<QJsonObject>();
}

bool CollectionDialog::isEdit() const
{
    return m_editor->mode() == CollectionEditor::Mode::Edit;
}

void CollectionDialog::validated(bool valid)
{
    const bool changed = !isEdit() || m_editor->isModified();
    setInputValid(valid && changed && m_connection);
    okButton()->setToolTip(!valid     ? tr("Fix the errors listed first: nothing is sent while the schema is invalid.")
                           : !changed ? tr("Nothing changed yet.")
                                      : QString());
}

void CollectionDialog::setInputsEnabled(bool enabled)
{
    m_editor->setReadOnly(!enabled);
    if (m_importExamples)
        m_importExamples->setEnabled(enabled);
}

void CollectionDialog::submit()
{
    if (!m_editor->isValid() || !m_connection)
        return;
    const CollectionConfig config = m_editor->config();
    if (!isEdit())
        return send(config);
    // Show what changes, then send on "Apply".
    m_diff = new SchemaDiffDialog(m_editor->original(), config, m_storeName, this);
    m_diff->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_diff, &QDialog::accepted, this, [this, config] { send(config); });
    m_diff->open();
}

void CollectionDialog::send(const CollectionConfig &config)
{
    if (!m_connection)
        return;
    ThreadsClient *client = m_connection->client();
    if (isEdit()) {
        run(client->updateCollection(m_store, config), m_connection, tr("Updating the collection…"),
            [this, config](ReplyBase *) {
                Q_EMIT collectionUpdated(config);
                return true;
            });
    } else {
        run(client->newCollection(m_store, config), m_connection, tr("Creating the collection…"),
            [this, config](ReplyBase *) {
                Q_EMIT collectionCreated(config);
                return true;
            });
    }
}

} // namespace loom
