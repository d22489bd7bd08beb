#include "entitybrowserwidget.h"

#include "counttext.h"
#include "entitydelegate.h"
#include "entityeditorpanel.h"
#include "entitymodel.h"
#include "entitysaver.h"
#include "entitysortmodel.h"
#include "entitytransfer.h"
#include "infobarwidget.h"
#include "jsonvalues.h"
#include "querybarwidget.h"
#include "subscription.h"
#include "threadsclient.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSplitter>
#include <QToolBar>
#include <QTreeView>
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

QWidget *createEntityBrowser(ThreadsClient *client, const StoreId &store, const QString &collection, QWidget *parent)
{
    return new EntityBrowserWidget(client, store, collection, parent);
}

EntityBrowserWidget::EntityBrowserWidget(ThreadsClient *client, const StoreId &store, const QString &collection,
                                         QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_store(store)
    , m_collection(collection)
    , m_model(new EntityModel(client, store, collection, this))
    , m_proxy(new EntitySortModel(this))
    , m_undo(new QUndoStack(this))
    , m_saver(new EntitySaver(m_model, this))
    , m_transfer(new EntityTransfer(m_model, this))
{
    setObjectName(u"entityBrowser"_s);
    m_model->setUndoStack(m_undo);
    buildUi();
    createActions();
    wireModel();
    updateTitle();
    updateActions();
    loadSchema();
    startListening();
    m_model->setQuery(Query());
}

EntityBrowserWidget::~EntityBrowserWidget()
{
    // The subscription flushes pending events when it stops: stop it while the model lives,
    // and without listening. The undo stack's commands point at the model: drop them too.
    m_subscription->disconnect(this);
    delete m_subscription;
    m_subscription = nullptr;
    m_undo->clear();
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
    m_queryBar->setHistoryKey(m_store.toString() + u'/' + m_collection);
    layout->addWidget(m_queryBar);

    m_infoBar = new InfoBarWidget(this);
    layout->addWidget(m_infoBar);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_view = new QTreeView(m_splitter);
    m_view->setObjectName(u"entityTree"_s);
    m_view->setModel(m_model); // the sort proxy comes in when a sort is asked for
    m_view->setItemDelegate(new EntityDelegate(m_view));
    m_view->setUniformRowHeights(true); // a must for 100,000 rows
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                            | QAbstractItemView::AnyKeyPressed);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setExpandsOnDoubleClick(true);
    // Header clicks cycle ascending / descending / the query's order (handled here, not by
    // QTreeView's own sorting, which would sort the model directly).
    m_view->header()->setSectionsClickable(true);
    m_view->header()->setSortIndicatorShown(true);
    m_view->header()->setSortIndicatorClearable(true);
    m_view->header()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(EntityModel::ValueColumn, QHeaderView::Stretch);
    m_view->setColumnWidth(EntityModel::KeyColumn, m_view->fontMetrics().horizontalAdvance(u"0"_s) * 34 + 40);
    m_view->setColumnWidth(EntityModel::TypeColumn, m_view->fontMetrics().horizontalAdvance(u"boolean__"_s) + 16);
    m_editor = new EntityEditorPanel(m_model, m_splitter);
    m_editor->setObjectName(u"entityEditor"_s);
    m_splitter->addWidget(m_view);
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

    m_fade.setInterval(50);
    connect(&m_fade, &QTimer::timeout, this, &EntityBrowserWidget::repaintHighlights);
}

void EntityBrowserWidget::createActions()
{
    auto *toolbar = findChild<QToolBar *>(u"browserToolbar"_s);
    const auto make = [this](const QString &name, const QString &text, const QKeySequence &keys,
                             const QString &tip, const std::function<void()> &slot) {
        auto *action = new QAction(text, this);
        action->setObjectName(name);
        if (!keys.isEmpty()) {
            action->setShortcut(keys);
            action->setToolTip(tip + u" ("_s + keys.toString(QKeySequence::NativeText) + u')');
        } else {
            action->setToolTip(tip);
        }
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, [slot] { slot(); });
        m_actions.insert(name, action);
        return action;
    };
    QAction *newAction = make(u"new"_s, tr("New"), QKeySequence::New, tr("New entity, from the schema's form"), [this] { newEntity(); });
    QAction *duplicate = make(u"duplicate"_s, tr("Duplicate"), QKeySequence(u"Ctrl+D"_s), tr("A new entity with the same fields"), [this] { duplicateCurrent(); });
    QAction *remove = make(u"delete"_s, tr("Delete"), QKeySequence::Delete, tr("Delete the selected entities (asks first)"), [this] { deleteSelected(); });
    QAction *save = make(u"save"_s, tr("Save"), QKeySequence::Save, tr("Send every unsaved entity to the daemon"), [this] { this->save(); });
    QAction *revert = make(u"revert"_s, tr("Revert"), {}, tr("Drop the unsaved changes of this entity"), [this] { revertCurrent(); });
    QAction *refresh = make(u"refresh"_s, tr("Refresh"), QKeySequence::Refresh, tr("Run the query again (unsaved changes stay)"), [this] { this->refresh(); });
    QAction *import = make(u"import"_s, tr("Import…"), {}, tr("Create entities from a JSON file (an array of objects)"), [this] { importFile(); });
    QAction *exportAction = make(u"export"_s, tr("Export…"), {}, tr("Write every result of the query to a JSON file"), [this] { exportResults(); });
    QAction *check = make(u"checkIds"_s, tr("Check ids…"), {}, tr("Check whether entities exist (the daemon's Has)"), [this] { checkIds(); });
    // Undo and redo keep short labels; what they would undo is in the tooltip.
    QAction *undo = make(u"undo"_s, tr("Undo"), QKeySequence::Undo, tr("Undo the last local edit"), [this] { m_undo->undo(); });
    QAction *redo = make(u"redo"_s, tr("Redo"), QKeySequence::Redo, tr("Redo the edit undone"), [this] { m_undo->redo(); });
    undo->setEnabled(false);
    redo->setEnabled(false);
    connect(m_undo, &QUndoStack::canUndoChanged, undo, &QAction::setEnabled);
    connect(m_undo, &QUndoStack::canRedoChanged, redo, &QAction::setEnabled);
    connect(m_undo, &QUndoStack::undoTextChanged, undo, [undo](const QString &text) {
        undo->setToolTip(text.isEmpty() ? tr("Undo") : tr("Undo: %1 (Ctrl+Z)").arg(text));
    });
    connect(m_undo, &QUndoStack::redoTextChanged, redo, [redo](const QString &text) {
        redo->setToolTip(text.isEmpty() ? tr("Redo") : tr("Redo: %1").arg(text));
    });
    make(u"copyValue"_s, tr("Copy value"), QKeySequence::Copy, tr("Copy the value (objects as JSON)"), [this] { copyValue(); });
    make(u"copyPath"_s, tr("Copy path"), QKeySequence(u"Ctrl+Shift+C"_s), tr("Copy the field's path, e.g. address.city"), [this] { copyPath(); });
    make(u"copyId"_s, tr("Copy id"), QKeySequence(u"Ctrl+Alt+C"_s), tr("Copy the entity's id"), [this] { copyId(); });
    make(u"copyJson"_s, tr("Copy entity as JSON"), QKeySequence(u"Ctrl+Shift+J"_s), tr("Copy the whole entity as JSON"), [this] { copyEntityJson(); });
    make(u"sortByField"_s, tr("Sort entities by this field"), {}, tr("Order the loaded entities by this field's value"), [this] { sortByCurrentField(); });
    QAction *goTo = new QAction(tr("Go to id"), this);
    goTo->setShortcut(QKeySequence(u"Ctrl+G"_s));
    goTo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(goTo, &QAction::triggered, m_goTo, [this] { m_goTo->setFocus(); m_goTo->selectAll(); });
    QAction *focusQuery = new QAction(tr("Query"), this);
    focusQuery->setShortcut(QKeySequence(u"Ctrl+L"_s));
    focusQuery->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(focusQuery, &QAction::triggered, m_queryBar, [this] { m_queryBar->lineEdit()->setFocus(); });
    addActions({newAction, save, undo, redo, refresh, goTo, focusQuery});
    // Copy, delete and duplicate act on the tree's rows: only while the tree has the focus (so
    // that Ctrl+C and Delete keep working in text fields).
    for (const QString &name : {u"copyValue"_s, u"copyPath"_s, u"copyId"_s, u"copyJson"_s, u"delete"_s, u"duplicate"_s})
        m_view->addAction(m_actions.value(name));

    toolbar->addAction(newAction);
    toolbar->addAction(duplicate);
    toolbar->addAction(remove);
    toolbar->addSeparator();
    toolbar->addAction(save);
    toolbar->addAction(revert);
    toolbar->addAction(undo);
    toolbar->addAction(redo);
    toolbar->addSeparator();
    toolbar->addAction(refresh);
    toolbar->addAction(import);
    toolbar->addAction(exportAction);
    toolbar->addAction(check);
    auto *spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    toolbar->addWidget(m_goTo);
    connect(m_goTo, &QLineEdit::returnPressed, this, [this] { goToId(m_goTo->text().trimmed()); });
}

QAction *EntityBrowserWidget::action(const QString &name) const
{
    return m_actions.value(name);
}

void EntityBrowserWidget::wireModel()
{
    connect(m_queryBar, &QueryBarWidget::queryRequested, this, &EntityBrowserWidget::runQuery);
    connect(m_model, &EntityModel::countChanged, this, &EntityBrowserWidget::updateCount);
    connect(m_model, &EntityModel::loadingChanged, this, &EntityBrowserWidget::updateCount);
    connect(m_model, &EntityModel::loadFailed, this, [this](const Error &error) {
        updateCount();
        m_infoBar->showMessage(InfoBarWidget::Error, tr("Could not load entities: %1").arg(error.message()), error.details());
        m_infoBar->setTopic(u"load"_s);
        m_infoBar->addAction(tr("Retry"), [this] { m_infoBar->dismiss(); m_model->refreshLoaded(); }, u"retryLoad"_s);
    });
    connect(m_model, &EntityModel::unsavedChangesChanged, this, [this](bool any) {
        updateTitle();
        updateActions();
        Q_EMIT unsavedChangesChanged(any);
    });
    connect(m_model, &EntityModel::dirtyChanged, this, &EntityBrowserWidget::updateActions);
    connect(m_model, &EntityModel::highlighted, this, [this] {
        if (!m_fade.isActive())
            m_fade.start();
    });
    connect(m_model, &EntityModel::conflictDetected, this, &EntityBrowserWidget::showConflict);
    connect(m_model, &EntityModel::keyRenamed, this, [this](const QString &from, const QString &to) {
        if (m_infoBar->topic() == from)
            m_infoBar->setTopic(to);
        if (m_editor->entityKey() == to)
            selectKey(to);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &EntityBrowserWidget::onCurrentChanged);
    connect(m_view, &QTreeView::customContextMenuRequested, this, &EntityBrowserWidget::showContextMenu);
    connect(m_view->header(), &QHeaderView::sortIndicatorChanged, this, &EntityBrowserWidget::onSortIndicatorChanged);
    connect(m_saver, &EntitySaver::started, this, [this](int n) { setStatus(tr("Saving %1…").arg(entityCount(n))); });
    connect(m_saver, &EntitySaver::finished, this, &EntityBrowserWidget::onSaveFinished);
    connect(m_transfer, &EntityTransfer::importFinished, this, [this](int created, const Error &error, bool cancelled) {
        if (error)
            m_infoBar->showMessage(InfoBarWidget::Error, tr("Import failed after %1: %2").arg(entityCount(created), error.message()), error.details());
        else
            setStatus(cancelled ? tr("Import cancelled: %1 created").arg(entityCount(created))
                                : tr("Imported %1").arg(entityCount(created)));
    });
    connect(m_transfer, &EntityTransfer::exportFinished, this, [this](int written, const QString &error, bool cancelled) {
        if (!error.isEmpty())
            m_infoBar->showMessage(InfoBarWidget::Error, tr("Export failed: %1").arg(error));
        else
            setStatus(cancelled ? tr("Export cancelled") : tr("Exported %1").arg(entityCount(written)));
    });
    connect(m_more, &QLabel::linkActivated, this, [this] { m_model->fetchMore({}); });
}

void EntityBrowserWidget::runQuery(const Query &query)
{
    m_model->setQuery(query);
    if (query.sortsOnClient()) {
        // The daemon sorts on other fields only page by page: the loaded rows are sorted here.
        sortByField(json::splitDotted(query.sort()->fieldPath), query.sort()->desc ? Qt::DescendingOrder : Qt::AscendingOrder);
    } else {
        sortBy(-1);
    }
    setStatus(query.isEmpty() ? tr("All entities") : tr("Query: %1").arg(query.toDisplayString()));
}

void EntityBrowserWidget::refresh()
{
    m_infoBar->dismiss();
    m_model->reload();
}

void EntityBrowserWidget::updateCount()
{
    QString text = tr("%1 loaded").arg(numbers().toString(m_model->loadedCount()));
    if (m_model->isLoading())
        text += tr(" · loading…");
    else if (m_model->loadFailedState())
        text += tr(" · loading failed");
    else if (m_model->atEnd())
        text += tr(" · all");
    else
        text += u" ·"_s;
    m_count->setText(text);
    m_more->setVisible(!m_model->isLoading() && !m_model->atEnd() && !m_model->loadFailedState());
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
    return m_model->hasUnsavedChanges();
}

QString EntityBrowserWidget::tabTitle() const
{
    return m_collection + (hasUnsavedChanges() ? u"*"_s : QString());
}

void EntityBrowserWidget::updateTitle()
{
    setWindowTitle(m_collection + u"[*]"_s);
    setWindowModified(hasUnsavedChanges());
    const QString title = tabTitle();
    if (title != m_lastTitle) {
        m_lastTitle = title;
        Q_EMIT tabTitleChanged(title);
    }
}

void EntityBrowserWidget::updateActions()
{
    m_actions.value(u"save"_s)->setEnabled(hasUnsavedChanges());
    const QString key = currentKey();
    m_actions.value(u"revert"_s)->setEnabled(!key.isEmpty() && m_model->isDirty(key));
}

QString EntityBrowserWidget::currentKey() const
{
    return m_model->keyAt(currentSourceIndex());
}

void EntityBrowserWidget::onCurrentChanged()
{
    const QString key = currentKey();
    if (!key.isEmpty())
        m_editor->setEntity(key);
    updateActions();
}

void EntityBrowserWidget::selectKey(const QString &key)
{
    const QModelIndex index = toView(m_model->indexForKey(key));
    if (!index.isValid())
        return;
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    m_editor->setEntity(key);
}

} // namespace loom
