#include "collectiondialog.h"

#include "session/connection.h"
#include "schemadiffdialog.h"
#include "threadsclient.h"
#include "widgets/collectioneditor.h"

#include <QPushButton>

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
    setUp();
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
    setUp();
}

void CollectionDialog::setUp()
{
    setObjectName(u"collectionDialog"_s);
    setContent(m_editor);
    connect(m_editor, &CollectionEditor::validated, this, &CollectionDialog::validated);
    validated(m_editor->isValid());
    // Typing starts where it should: the name of a new collection, the schema of an existing one
    // (not a button, where Enter would create a collection without a name).
    m_editor->focusFirstField();
    resize(720, 720);
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
