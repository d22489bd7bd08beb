#include "entitybrowserwidget.h"

#include "browser/browserdrafts.h"
#include "browser/browserlive.h"
#include "browser/controllers/entitydrafts.h"
#include "browser/browsertable.h"
#include "browser/controllers/entitysaver.h"
#include "browser/controllers/entitytransfer.h"
#include "browser/models/counttext.h"
#include "browser/models/entitymodel.h"
#include "browser/models/jsonvalues.h"
#include "browser/models/schemafield.h"
#include "browser/widgets/emptyhint.h"
#include "browser/widgets/entityeditorpanel.h"
#include "browser/widgets/entitytableview.h"
#include "browser/widgets/entitytreeview.h"
#include "browser/widgets/eventlogwidget.h"
#include "browser/widgets/querybarwidget.h"
#include "threadsclient.h"
#include "widgets/messagebar.h"

#include <QAbstractButton>
#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

QLocale numbers()
{
    QLocale locale;
    if (locale.language() == QLocale::C)
        locale = QLocale(QLocale::English);
    locale.setNumberOptions({});
    return locale;
}

} // namespace

EntityBrowserWidget::EntityBrowserWidget(const BrowserContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_model(new EntityModel(context, this))
    , m_undo(new QUndoStack(this))
    , m_saver(new EntitySaver(context, m_model, this))
    , m_transfer(new EntityTransfer(context, m_model, this))
{
    setObjectName(u"entityBrowser"_s);
    m_model->edits()->setUndoStack(m_undo);
    buildUi();
    BrowserParts parts;
    parts.context = m_context;
    parts.model = m_model;
    parts.view = m_view;
    parts.table = m_tables->view();
    parts.editor = m_editor;
    parts.messages = m_messages;
    parts.undo = m_undo;
    parts.saver = m_saver;
    parts.transfer = m_transfer;
    parts.window = this;
    parts.status = [this](const QString &text) { setStatus(text); };
    parts.select = [this](const QString &key) { selectKey(key); };
    m_actions = new BrowserActions(parts, this);
    // An empty collection says how to start, in the table and in the tree.
    m_emptyHint = new EmptyHint(tableView(), [this] { return emptyText(); });
    m_treeHint = new EmptyHint(m_view, [this] { return emptyText(); });
    auto *toolbar = findChild<QToolBar *>(u"browserToolbar"_s);
    m_actions->populate(toolbar, m_goTo, m_queryBar->lineEdit());
    // The table's actions go before the "go to id" field (the toolbar's last two: spacer, field).
    const QList<QAction *> tools = toolbar->actions();
    QAction *before = tools.size() >= 2 ? tools.at(tools.size() - 2) : nullptr;
    toolbar->insertSeparator(before);
    toolbar->insertAction(before, m_tables->modeAction());
    toolbar->insertAction(before, m_tables->columnsAction());
    addActions({m_tables->modeAction(), m_tables->columnsAction()});
    m_tables->attach(parts, m_actions);
    wireModel();
    updateTitle();
    m_actions->updateEnabled();
    loadSchema();
    m_liveUpdates = new BrowserLive(parts, m_live, this);
    connect(m_liveUpdates, &BrowserLive::changesSeen, this, &EntityBrowserWidget::changesSeen);
    // Unsaved edits are kept in a drafts file; a previous session's are offered back.
    m_drafts = new BrowserDrafts(parts, m_draftBar, m_liveUpdates->subscription(), this);
    m_model->pager()->setQuery(Query());
}

EntityBrowserWidget::~EntityBrowserWidget()
{
    // The subscription flushes pending events when it stops: stop it while the model lives.
    // The undo stack's commands point at the model: drop them too. The drafts flush while it lives.
    delete m_drafts;
    m_liveUpdates->stop();
    m_undo->clear();
}

EntityTableView *EntityBrowserWidget::tableView() const
{
    return m_tables->view();
}

Subscription *EntityBrowserWidget::subscription() const
{
    return m_liveUpdates->subscription();
}

void EntityBrowserWidget::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 2);
    layout->setSpacing(4);

    auto *toolbar = new QToolBar(this);
    toolbar->setObjectName(u"browserToolbar"_s);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->setIconSize(QSize(16, 16));
    layout->addWidget(toolbar);

    m_queryBar = new QueryBarWidget(this);
    m_queryBar->setHistoryKey(m_context.store.toString() + u'/' + m_context.collection);
    layout->addWidget(m_queryBar);

    m_messages = new MessageBar(this);
    m_messages->setDismissable(true);
    layout->addWidget(m_messages);
    m_draftBar = new MessageBar(this);
    m_draftBar->setObjectName(u"draftsBar"_s);
    layout->addWidget(m_draftBar);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_view = new EntityTreeView(m_model, this);
    m_tables = new BrowserTable(m_model, m_view, this); // the table and the tree, in a stack
    m_tables->setSettingsKey(m_context.store.toString() + u'/' + m_context.collection);
    m_editor = new EntityEditorPanel(m_model, m_splitter);
    m_editor->setObjectName(u"entityEditor"_s);
    m_splitter->addWidget(m_tables->stack());
    m_splitter->addWidget(m_editor);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    layout->addWidget(m_splitter, 1);

    auto *status = new QHBoxLayout;
    m_count = new QLabel(this);
    m_count->setObjectName(u"entityCount"_s);
    m_count->setTextFormat(Qt::PlainText); // (updated with every page: no rich text layout)
    m_count->setToolTip(tr("Entities are loaded in pages as you scroll"));
    status->addWidget(m_count);
    m_more = new QLabel(tr("<a href=\"more\">more…</a>"), this);
    m_more->setObjectName(u"loadMore"_s);
    m_more->setToolTip(tr("Load the next page now"));
    status->addWidget(m_more);
    status->addSpacing(16);
    m_status = new QLabel(this);
    m_status->setObjectName(u"browserStatus"_s);
    m_status->setStyleSheet(u"color: #555;"_s);
    status->addWidget(m_status, 1);
    status->addWidget(m_tables->sortNote(), 2);
    m_live = new QLabel(this);
    m_live->setObjectName(u"liveState"_s);
    status->addWidget(m_live);
    layout->addLayout(status);

    m_goTo = new QLineEdit(this);
    m_goTo->setObjectName(u"goToId"_s);
    m_goTo->setPlaceholderText(tr("Go to id…"));
    m_goTo->setClearButtonEnabled(true);
    m_goTo->setMaximumWidth(260);
    m_goTo->setToolTip(tr("Open one entity by its id (the daemon's FindByID); Ctrl+G"));
}

void EntityBrowserWidget::wireModel()
{
    EntityPager *pager = m_model->pager();
    EntityEdits *edits = m_model->edits();
    connect(m_queryBar, &QueryBarWidget::queryRequested, this, &EntityBrowserWidget::runQuery);
    connect(m_model, &EntityModel::countChanged, this, &EntityBrowserWidget::updateCount);
    connect(pager, &EntityPager::loadingChanged, this, &EntityBrowserWidget::updateCount);
    connect(pager, &EntityPager::loadFailed, this, [this](const Error &error) {
        updateCount();
        m_messages->showMessage(tr("Could not load entities: %1").arg(error.message()), error.details(),
                                MessageBar::Error, u"load"_s);
        m_messages->addAction(tr("Retry"), [this] { m_model->pager()->refreshLoaded(); }, u"retryLoad"_s);
    });
    // A page or a re-read that succeeds ends a "could not load" message (e.g. after a reconnect).
    connect(pager, &EntityPager::loaded, m_messages, [this] { m_messages->resolve(u"load"_s); });
    connect(edits, &EntityEdits::unsavedChangesChanged, this, [this](bool any) {
        updateTitle();
        m_actions->updateEnabled();
        Q_EMIT unsavedChangesChanged(any);
    });
    connect(edits, &EntityEdits::dirtyChanged, m_actions, &BrowserActions::updateEnabled);
    connect(edits, &EntityEdits::keyRenamed, this, [this](const QString &from, const QString &to) {
        m_messages->retopic(from, to);
        if (m_editor->entityKey() == to)
            selectKey(to);
    });
    connect(m_view, &EntityTreeView::currentEntityChanged, this, &EntityBrowserWidget::onCurrentChanged);
    connect(m_view, &EntityTreeView::customContextMenuRequested, m_actions, &BrowserActions::showContextMenu);
    connect(m_actions, &BrowserActions::closeReady, this, &EntityBrowserWidget::closeReady);
    connect(m_actions, &BrowserActions::closeCancelled, this, &EntityBrowserWidget::closeCancelled);
    connect(m_transfer, &EntityTransfer::importFinished, this, [this](int created, const Error &error, bool cancelled) {
        if (error) {
            // Say exactly what was stored and what was not (whole batches: one transaction each).
            const BulkCreateResult &result = m_transfer->lastImport();
            QString text = tr("Import stopped: %1 of %2 stored").arg(numberText(created), entityCount(result.total));
            if (const qsizetype n = result.count(BatchOutcome::NotStored); n > 0)
                text += tr(", %1 not stored").arg(numberText(n));
            if (const qsizetype n = result.count(BatchOutcome::Unknown); n > 0)
                text += tr(", %1 unknown (sent without an answer: they may be stored; check before importing them again)").arg(numberText(n));
            text += u". "_s + error.message();
            m_messages->showMessage(text, error.details(), MessageBar::Error, u"import"_s);
            return;
        }
        m_messages->resolve(u"import"_s);
        setStatus(cancelled ? tr("Import cancelled: %1 created").arg(entityCount(created))
                            : tr("Imported %1").arg(entityCount(created)));
    });
    connect(m_transfer, &EntityTransfer::exportFinished, this, [this](int written, const QString &error, bool cancelled) {
        if (!error.isEmpty()) {
            m_messages->showMessage(tr("Export failed: %1").arg(error), {}, MessageBar::Error, u"export"_s);
            return;
        }
        m_messages->resolve(u"export"_s);
        setStatus(cancelled ? tr("Export cancelled") : tr("Exported %1").arg(entityCount(written)));
    });
    connect(m_more, &QLabel::linkActivated, this, [this] { m_model->fetchMore({}); });
}

void EntityBrowserWidget::runQuery(const Query &query)
{
    m_model->pager()->setQuery(query);
    if (query.sortsOnClient()) {
        // The daemon sorts on other fields only page by page: the loaded rows are sorted here.
        m_view->sortByField(json::splitDotted(query.sort()->fieldPath),
                            query.sort()->desc ? Qt::DescendingOrder : Qt::AscendingOrder);
        m_tables->sortLikeQuery(query.sort()->fieldPath, query.sort()->desc);
    } else {
        m_view->sortBy(-1);
        m_tables->sortLikeQuery({}, false);
    }
    setStatus(query.isEmpty() ? tr("All entities") : tr("Query: %1").arg(query.toDisplayString()));
}

void EntityBrowserWidget::loadSchema()
{
    auto *reply = m_context.client->collectionInfo(m_context.store, m_context.collection);
    m_context.track(reply, tr("read the schema of %1").arg(m_context.collection));
    reply->then(this, [this](auto *reply) {
        if (!reply->ok()) {
            setStatus(tr("The schema could not be read (%1): forms are not available.").arg(reply->error().message()));
            return;
        }
        QString problem;
        const SchemaField schema = parseSchema(reply->result().schema, &problem);
        m_schemaLoaded = true;
        m_editor->setSchema(schema);
        m_tables->setSchema(schema);
        QHash<QString, QString> types;
        const QStringList paths = schema.scalarPaths();
        for (const QString &path : paths) {
            if (const SchemaField *f = schema.at(json::splitDotted(path)))
                types.insert(path, f->type);
        }
        m_queryBar->setFields(paths, types, m_model->idField());
        m_schemaFields = paths;
        if (!problem.isEmpty())
            setStatus(tr("The schema could not be read: %1").arg(problem));
    });
}

void EntityBrowserWidget::updateCount()
{
    const EntityPager *pager = m_model->pager();
    QString text = tr("%1 loaded").arg(numbers().toString(m_model->loadedCount()));
    if (pager->isLoading())
        text += tr(" · loading…");
    else if (pager->loadFailedState())
        text += tr(" · loading failed");
    else if (pager->atEnd())
        text += tr(" · all");
    else
        text += u" ·"_s;
    m_count->setText(text);
    m_more->setVisible(!pager->isLoading() && !pager->atEnd() && !pager->loadFailedState());
    for (EmptyHint *hint : {m_emptyHint, m_treeHint})
        if (hint)
            hint->refresh();
}

// An empty collection says how to create its first entity (with the New action's own shortcut).
QString EntityBrowserWidget::emptyText() const
{
    const EntityPager *pager = m_model->pager();
    if (m_model->rowCount() > 0 || pager->isLoading() || pager->loadFailedState() || !pager->atEnd())
        return {};
    if (!pager->query().isEmpty())
        return tr("No entities match the query.");
    const QAction *create = action(BrowserActions::New);
    return tr("No entities yet. Press %1 or click %2 to create the first one.")
        .arg(create->shortcut().toString(QKeySequence::NativeText), create->text().remove(u'&'));
}

QString EntityBrowserWidget::countText() const
{
    return m_count->text() + (m_more->isHidden() ? QString() : tr(" more…"));
}

QString EntityBrowserWidget::statusText() const
{
    return m_status->text();
}

void EntityBrowserWidget::setStatus(const QString &text)
{
    m_status->setText(text);
    Q_EMIT statusMessage(text);
}

bool EntityBrowserWidget::hasUnsavedChanges() const
{
    return m_model->edits()->hasUnsavedChanges();
}

QString EntityBrowserWidget::tabTitle() const
{
    return m_context.collection + (hasUnsavedChanges() ? u"*"_s : QString());
}

void EntityBrowserWidget::updateTitle()
{
    setWindowTitle(m_context.collection + u"[*]"_s);
    setWindowModified(hasUnsavedChanges());
    const QString title = tabTitle();
    if (title != m_lastTitle) {
        m_lastTitle = title;
        Q_EMIT tabTitleChanged(title);
    }
}

QString EntityBrowserWidget::currentKey() const
{
    return m_view->currentKey();
}

void EntityBrowserWidget::onCurrentChanged()
{
    const QString key = currentKey();
    if (!key.isEmpty())
        m_editor->setEntity(key);
    m_actions->updateEnabled();
}

void EntityBrowserWidget::selectKey(const QString &key)
{
    if (m_view->selectKey(key))
        m_editor->setEntity(key);
}

void EntityBrowserWidget::attachLog(EventLogWidget *log, const QString &source)
{
    const QString from = source.isEmpty() ? m_context.store.toString() : source;
    connect(this, &EntityBrowserWidget::changesSeen, log,
            [log, from](const QList<ChangeEvent> &events) { log->appendChanges(events, from); });
}

bool EntityBrowserWidget::maybeClose()
{
    if (!hasUnsavedChanges())
        return true;
    if (m_closeQuestion && m_closeQuestion->isVisible()) {
        m_closeQuestion->raise(); // already asked
        return false;
    }
    const int n = int(m_model->edits()->dirtyKeys().size());
    const QString collection = m_context.collection;
    const bool gone = m_drafts->isGone();
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Unsaved changes"),
                                n == 1 ? tr("1 entity in %1 has unsaved changes.").arg(collection)
                                       : tr("%1 in %2 have unsaved changes.").arg(entityCount(n), collection),
                                (gone ? QMessageBox::Ok : QMessageBox::Save) | QMessageBox::Discard | QMessageBox::Cancel,
                                this);
    box->setObjectName(u"unsavedChangesBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (gone) {
        // They cannot be saved there any more: kept as a draft, offered when the tab opens again.
        box->button(QMessageBox::Ok)->setText(tr("Keep as draft"));
        box->setInformativeText(tr("The daemon no longer has this collection: keep them as a draft, or discard them?"));
        box->setDefaultButton(QMessageBox::Ok);
    } else {
        box->setInformativeText(tr("Save them to the daemon, or discard them?"));
        box->setDefaultButton(QMessageBox::Save);
    }
    connect(box, &QMessageBox::finished, this, [this, box] {
        m_closeQuestion = nullptr;
        // Answered once the box is done with its signal: closing the tab deletes the box's parent.
        QMetaObject::invokeMethod(this, [this, answer = box->standardButton(box->clickedButton())] {
            switch (answer) {
            case QMessageBox::Ok: // keep as draft
                m_drafts->drafts()->writeNow();
                Q_EMIT closeReady();
                break;
            case QMessageBox::Discard:
                discardAll();
                Q_EMIT closeReady();
                break;
            case QMessageBox::Save:
                m_actions->setCloseAfterSave(true);
                save();
                break;
            default:
                Q_EMIT closeCancelled();
                break;
            }
        }, Qt::QueuedConnection);
    });
    m_closeQuestion = box;
    box->open();
    return false;
}

void EntityBrowserWidget::discardAll()
{
    const QStringList keys = m_model->edits()->dirtyKeys();
    for (const QString &key : keys)
        m_model->edits()->revert(key);
    m_undo->clear();
}

} // namespace loom
