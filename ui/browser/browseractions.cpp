#include "browseractions.h"

#include "browser/controllers/entitysaver.h"
#include "browser/dialogs/firstwriteprompt.h"
#include "browser/controllers/entitytransfer.h"
#include "browser/dialogs/hasidsdialog.h"
#include "browser/models/counttext.h"
#include "browser/models/entitymodel.h"
#include "browser/models/entitysortmodel.h"
#include "browser/models/jsonvalues.h"
#include "browser/models/schemafield.h"
#include "browser/schema/schemaformwidget.h"
#include "browser/widgets/entityeditorpanel.h"
#include "browser/widgets/entitytreeview.h"
#include "icons/iconprovider.h"
#include "threadsclient.h"
#include "widgets/messagebar.h"
#include "widgets/prompts.h"

#include <QAction>
#include <QMetaEnum>
#include <QClipboard>
#include <QFileDialog>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QLineEdit>
#include <QMenu>
#include <QToolBar>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace loom {

BrowserActions::BrowserActions(const BrowserParts &parts, QObject *parent)
    : QObject(parent)
    , m_parts(parts)
{
    QAction *newAction = make(New, tr("New"), QKeySequence::New, tr("New entity, from the schema's form"));
    newAction->setIcon(icon(u"document-new"_s));
    make(Duplicate, tr("Duplicate"), QKeySequence(u"Ctrl+D"_s), tr("A new entity with the same fields"))
        ->setIcon(icon(u"edit-copy"_s));
    make(Delete, tr("Delete"), QKeySequence::Delete, tr("Delete the selected entities (asks first)"))
        ->setIcon(icon(u"edit-delete"_s));
    make(Save, tr("Save"), QKeySequence::Save, tr("Send every unsaved entity to the daemon"))
        ->setIcon(icon(u"document-save"_s));
    make(Revert, tr("Revert"), {}, tr("Drop the unsaved changes of this entity"))->setIcon(icon(u"document-revert"_s));
    make(Refresh, tr("Refresh"), QKeySequence::Refresh, tr("Run the query again (unsaved changes stay)"))
        ->setIcon(icon(u"view-refresh"_s));
    make(Import, tr("Import…"), {}, tr("Create entities from a JSON file (an array of objects)"))
        ->setIcon(icon(u"document-import"_s));
    make(Export, tr("Export…"), {}, tr("Write every result of the query to a JSON file"))
        ->setIcon(icon(u"document-export"_s));
    make(CheckIds, tr("Check ids…"), {}, tr("Check whether entities exist (the daemon's Has)"))->setIcon(icon(u"edit-find"_s));
    // Undo and redo keep short labels; what they would undo is in the tooltip.
    QAction *undo = make(Undo, tr("Undo"), QKeySequence::Undo, tr("Undo the last local edit"));
    QAction *redo = make(Redo, tr("Redo"), QKeySequence::Redo, tr("Redo the edit undone"));
    undo->setIcon(icon(u"edit-undo"_s));
    redo->setIcon(icon(u"edit-redo"_s));
    undo->setEnabled(false);
    redo->setEnabled(false);
    QUndoStack *stack = m_parts.undo;
    connect(stack, &QUndoStack::canUndoChanged, undo, &QAction::setEnabled);
    connect(stack, &QUndoStack::canRedoChanged, redo, &QAction::setEnabled);
    connect(stack, &QUndoStack::undoTextChanged, undo, [undo](const QString &text) {
        undo->setToolTip(text.isEmpty() ? tr("Undo") : tr("Undo: %1 (Ctrl+Z)").arg(text));
    });
    connect(stack, &QUndoStack::redoTextChanged, redo, [redo](const QString &text) {
        redo->setToolTip(text.isEmpty() ? tr("Redo") : tr("Redo: %1").arg(text));
    });
    make(CopyValue, tr("Copy value"), QKeySequence::Copy, tr("Copy the value (objects as JSON)"));
    make(CopyPath, tr("Copy path"), QKeySequence(u"Ctrl+Shift+C"_s), tr("Copy the field's path, e.g. address.city"));
    make(CopyId, tr("Copy id"), QKeySequence(u"Ctrl+Alt+C"_s), tr("Copy the entity's id"));
    make(CopyJson, tr("Copy entity as JSON"), QKeySequence(u"Ctrl+Shift+J"_s), tr("Copy the whole entity as JSON"));
    make(SortByField, tr("Sort entities by this field"), {}, tr("Order the loaded entities by this field's value"));
    make(GoToId, tr("Go to id"), QKeySequence(u"Ctrl+G"_s), tr("Open one entity by its id"));
    make(FocusQuery, tr("Query"), QKeySequence(u"Ctrl+L"_s), tr("Type a query"));

    const std::pair<Action, void (BrowserActions::*)()> handlers[] = {
        {New, &BrowserActions::newEntity},         {Duplicate, &BrowserActions::duplicateCurrent},
        {Delete, &BrowserActions::deleteSelected}, {Save, &BrowserActions::save},
        {Revert, &BrowserActions::revertCurrent},  {Refresh, &BrowserActions::refresh},
        {CheckIds, &BrowserActions::checkIds},     {CopyValue, &BrowserActions::copyValue},
        {CopyPath, &BrowserActions::copyPath},     {CopyId, &BrowserActions::copyId},
        {CopyJson, &BrowserActions::copyEntityJson}, {SortByField, &BrowserActions::sortByCurrentField},
    };
    for (const auto &[which, handler] : handlers)
        connect(action(which), &QAction::triggered, this, handler);
    connect(action(Import), &QAction::triggered, this, [this] { importFile(); });
    connect(action(Export), &QAction::triggered, this, [this] { exportResults(); });
    connect(undo, &QAction::triggered, m_parts.model->edits(), &EntityEdits::undo);
    connect(redo, &QAction::triggered, m_parts.model->edits(), &EntityEdits::redo);
    connect(m_parts.saver, &EntitySaver::started, this,
            [this](int n) { m_parts.status(tr("Saving %1…").arg(entityCount(n))); });
    connect(m_parts.saver, &EntitySaver::finished, this, &BrowserActions::onSaveFinished);
}

QAction *BrowserActions::make(Action which, const QString &text, const QKeySequence &keys, const QString &tip)
{
    auto *a = new QAction(text, this);
    a->setObjectName(QString::fromLatin1(QMetaEnum::fromType<Action>().valueToKey(which)));
    if (!keys.isEmpty()) {
        a->setShortcut(keys);
        a->setToolTip(tip + u" ("_s + keys.toString(QKeySequence::NativeText) + u')');
    } else {
        a->setToolTip(tip);
    }
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_actions[size_t(which)] = a;
    return a;
}

void BrowserActions::populate(QToolBar *toolbar, QLineEdit *goTo, QWidget *query)
{
    connect(action(GoToId), &QAction::triggered, goTo, [goTo] {
        goTo->setFocus();
        goTo->selectAll();
    });
    connect(action(FocusQuery), &QAction::triggered, query, [query] { query->setFocus(); });
    connect(goTo, &QLineEdit::returnPressed, this, [this, goTo] { goToId(goTo->text().trimmed()); });
    m_parts.window->addActions({action(New), action(Save), action(Undo), action(Redo), action(Refresh),
                                action(GoToId), action(FocusQuery)});
    // Copy, delete and duplicate act on the tree's rows: only while the tree has the focus (so
    // that Ctrl+C and Delete keep working in text fields).
    for (Action a : {CopyValue, CopyPath, CopyId, CopyJson, Delete, Duplicate})
        m_parts.view->addAction(action(a));
    for (Action a : {New, Duplicate, Delete})
        toolbar->addAction(action(a));
    toolbar->addSeparator();
    for (Action a : {Save, Revert, Undo, Redo})
        toolbar->addAction(action(a));
    toolbar->addSeparator();
    for (Action a : {Refresh, Import, Export, CheckIds})
        toolbar->addAction(action(a));
    auto *spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    toolbar->addWidget(goTo);
}

void BrowserActions::updateEnabled()
{
    action(Save)->setEnabled(m_parts.model->edits()->hasUnsavedChanges());
    const QString key = m_parts.view->currentKey();
    action(Revert)->setEnabled(!key.isEmpty() && m_parts.model->isDirty(key));
}

void BrowserActions::showContextMenu(const QPoint &pos)
{
    EntityTreeView *view = m_parts.view;
    const QModelIndex index = view->indexAt(pos);
    showContextMenuFor(view->viewport(), pos, view->toSource(index), [view, index] {
        view->edit(index.siblingAtColumn(EntityModel::ValueColumn));
    });
}

void BrowserActions::showContextMenuFor(QWidget *viewport, const QPoint &pos, const QModelIndex &source,
                                        const std::function<void()> &edit)
{
    EntityModel *model = m_parts.model;
    auto *menu = new QMenu(m_parts.window);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    if (source.isValid()) {
        const bool field = !model->pathAt(source).isEmpty();
        menu->addAction(action(CopyValue));
        if (field)
            menu->addAction(action(CopyPath));
        menu->addAction(action(CopyId));
        menu->addAction(action(CopyJson));
        menu->addSeparator();
        if (field && (model->flags(source.siblingAtColumn(EntityModel::ValueColumn)) & Qt::ItemIsEditable)) {
            QAction *editAction = menu->addAction(tr("Edit value"));
            connect(editAction, &QAction::triggered, viewport, edit);
        }
        if (field)
            menu->addAction(action(SortByField));
        menu->addSeparator();
        menu->addAction(action(Duplicate));
        menu->addAction(action(Revert));
        menu->addAction(action(Delete));
    }
    menu->addAction(action(New));
    menu->addAction(action(Refresh));
    menu->popup(viewport->mapToGlobal(pos));
}

void BrowserActions::save()
{
    if (!m_parts.model->edits()->hasUnsavedChanges()) {
        m_parts.status(tr("Nothing to save"));
        return;
    }
    firstwrite::confirmThen(m_parts.window, m_parts.context, [saver = QPointer<EntitySaver>(m_parts.saver)] {
        if (saver)
            saver->save();
    });
}

void BrowserActions::onSaveFinished(int saved, const QStringList &failed, const Error &error)
{
    updateEnabled();
    MessageBar *bar = m_parts.messages;
    if (failed.isEmpty()) {
        bar->resolve(u"save"_s);
        m_parts.status(saved == 0                            ? tr("Nothing to save")
                       : m_parts.saver->lastRoundWasAtomic() ? tr("Saved %1 in one transaction").arg(entityCount(saved))
                                                             : tr("Saved %1").arg(entityCount(saved)));
        if (!m_parts.saver->lastWarning().isEmpty())
            bar->showMessage(m_parts.saver->lastWarning(), QString(), MessageBar::Warning, u"save"_s);
        if (std::exchange(m_closeAfterSave, false)) {
            if (!m_parts.model->edits()->hasUnsavedChanges())
                Q_EMIT closeReady();
            else
                Q_EMIT closeCancelled();
        }
        return;
    }
    if (std::exchange(m_closeAfterSave, false))
        Q_EMIT closeCancelled();
    const bool fixable = error.kind() == ErrorKind::SchemaViolation || error.kind() == ErrorKind::Denied
                         || error.kind() == ErrorKind::InvalidInput || error.kind() == ErrorKind::AlreadyExists;
    const QString next = fixable ? tr("Your changes are kept: correct them and save again.")
                                 : tr("Your changes are kept: save again once the daemon answers.");
    // The core's message already says what failed ("Could not save the entities: …"): say it once,
    // as a sentence.
    QString why = error.message().trimmed();
    if (!why.isEmpty() && !why.endsWith(u'.') && !why.endsWith(u'!') && !why.endsWith(u'?'))
        why += u'.';
    const QString what = failed.size() == 1 ? why
                         : m_parts.saver->lastRoundWasAtomic()
                             ? tr("None of the %1 were saved: they go in one transaction, all or nothing. %2")
                                   .arg(entityCount(failed.size()), why)
                             : tr("%1 of %2 were not saved. %3").arg(numberText(failed.size()), entityCount(failed.size() + saved), why);
    m_parts.status(tr("Save failed"));
    bar->showMessage(what + u' ' + next, error.details(), MessageBar::Error, u"save"_s);
    bar->addAction(tr("Retry"), [this] { save(); }, u"retrySave"_s);
    if (m_parts.model->contains(failed.first()))
        bar->addAction(tr("Show"), [this, key = failed.first()] { m_parts.select(key); }, u"showFailed"_s);
}

void BrowserActions::newEntity()
{
    const QString key = m_parts.model->edits()->addNewEntity(newDocument(m_parts.editor->form()->schema(), m_parts.model->idField()));
    m_parts.select(key);
    m_parts.editor->showForm();
    m_parts.status(tr("New entity: fill in the form, then save (Ctrl+S)"));
}

void BrowserActions::duplicateCurrent()
{
    const QString key = m_parts.view->currentKey();
    if (key.isEmpty())
        return;
    const QString copy = m_parts.model->edits()->addNewEntity(json::withoutMeta(m_parts.model->document(key), m_parts.model->idField()));
    m_parts.select(copy);
    m_parts.status(tr("Duplicated: the copy is saved as a new entity with Ctrl+S"));
}

void BrowserActions::revertCurrent()
{
    const QString key = m_parts.view->currentKey();
    if (!key.isEmpty())
        m_parts.model->edits()->revert(key);
    updateEnabled();
}

void BrowserActions::refresh()
{
    m_parts.messages->clear();
    m_parts.model->pager()->reload();
}

void BrowserActions::deleteSelected()
{
    const QStringList keys = m_parts.view->selectedKeys();
    if (keys.isEmpty())
        return;
    QStringList ids;
    QStringList fresh;
    for (const QString &key : keys)
        (m_parts.model->isNew(key) ? fresh : ids).append(key);
    // Named by the title people know (entityTitle: name, title, label, … or the schema's first
    // required string) as well as by the id.
    const SchemaField &schema = m_parts.editor->form()->schema();
    const auto titleOf = [&](const QString &key) { return entityTitle(schema, m_parts.model->document(key)); };
    QString what;
    if (keys.size() == 1) {
        const QString title = titleOf(keys.first());
        const QString which = fresh.isEmpty() ? tr("entity %1").arg(keys.first()) : tr("the new entity");
        what = title.isEmpty() ? which : tr("“%1” (%2)").arg(title, which);
    } else {
        QStringList titles;
        for (const QString &key : keys.mid(0, 3))
            titles << (titleOf(key).isEmpty() ? key : u"“"_s + titleOf(key) + u"”"_s);
        what = tr("%1 (%2%3)").arg(entityCount(keys.size()), titles.join(u", "_s), keys.size() > 3 ? u", …"_s : QString());
    }
    prompts::confirm(m_parts.window, tr("Delete"), tr("Delete %1 from %2?").arg(what, m_parts.context.collection),
                     fresh.size() == keys.size() ? tr("It was never saved.")
                                                 : tr("The daemon deletes at once: this cannot be undone."),
                     tr("Delete"), [this, ids, fresh] {
                         firstwrite::confirmThen(m_parts.window, m_parts.context, [self = QPointer(this), ids, fresh] {
                             if (self)
                                 self->deleteConfirmed(ids, fresh);
                         });
                     });
}

void BrowserActions::deleteConfirmed(const QStringList &ids, const QStringList &fresh)
{
    for (const QString &key : fresh)
        m_parts.model->edits()->revert(key);
    if (ids.isEmpty())
        return;
    const BrowserContext &context = m_parts.context;
    m_parts.status(tr("Deleting %1…").arg(entityCount(ids.size())));
    auto *reply = context.client->remove(context.store, context.collection, ids);
    context.track(reply, tr("delete %1 from %2").arg(entityCount(ids.size()), context.collection));
    reply->then(this, [this, ids](auto *reply) {
        if (!reply->ok()) {
            m_parts.messages->showMessage(tr("Could not delete: %1").arg(reply->error().message()),
                                          reply->error().details(), MessageBar::Error, u"delete"_s);
            return;
        }
        m_parts.messages->resolve(u"delete"_s);
        m_parts.model->edits()->markRemoved(ids);
        // Sent at once, so not on the undo stack (markRemoved drops the deleted entities' steps).
        m_parts.status(tr("Deleted %1 (a delete cannot be undone)").arg(entityCount(ids.size())));
    });
}

void BrowserActions::goToId(const QString &id)
{
    if (id.isEmpty())
        return;
    if (m_parts.model->contains(id)) {
        m_parts.select(id);
        return;
    }
    const BrowserContext &context = m_parts.context;
    m_parts.status(tr("Looking for %1…").arg(id));
    auto *reply = context.client->findById(context.store, context.collection, id);
    context.track(reply, tr("find entity %1").arg(id));
    reply->then(this, [this, id](auto *reply) {
        if (!reply->ok()) {
            m_parts.status(reply->error().kind() == ErrorKind::InstanceNotFound
                               ? tr("No entity with id %1 in %2").arg(id, m_parts.context.collection)
                               : reply->error().message());
            return;
        }
        m_parts.model->pin(reply->result());
        m_parts.select(id);
        m_parts.status(tr("Opened %1 (pinned below the query's results)").arg(id));
    });
}

void BrowserActions::checkIds()
{
    auto *dialog = new HasIdsDialog(m_parts.context, m_parts.window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setIds(m_parts.view->selectedKeys());
    dialog->show();
}

void BrowserActions::importFile(const QString &path)
{
    if (!path.isEmpty()) {
        firstwrite::confirmThen(m_parts.window, m_parts.context, [transfer = QPointer(m_parts.transfer), path] {
            if (transfer)
                transfer->importFile(path);
        });
        return;
    }
    auto *dialog = new QFileDialog(m_parts.window, tr("Import entities into %1").arg(m_parts.context.collection), {},
                                   tr("JSON (*.json);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &file) { importFile(file); });
    dialog->open();
}

void BrowserActions::exportResults(const QString &path)
{
    if (!path.isEmpty()) {
        m_parts.transfer->exportQuery(m_parts.model->pager()->query(), path);
        return;
    }
    auto *dialog = new QFileDialog(m_parts.window, tr("Export %1").arg(m_parts.context.collection),
                                   m_parts.context.collection + u".json"_s, tr("JSON (*.json)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    connect(dialog, &QFileDialog::fileSelected, this,
            [this](const QString &file) { m_parts.transfer->exportQuery(m_parts.model->pager()->query(), file); });
    dialog->open();
}

void BrowserActions::copyValue()
{
    const QModelIndex index = m_parts.view->currentSourceIndex();
    if (index.isValid())
        QGuiApplication::clipboard()->setText(json::clipboardText(m_parts.model->valueAt(index)));
}

void BrowserActions::copyPath()
{
    const QModelIndex index = m_parts.view->currentSourceIndex();
    if (!index.isValid())
        return;
    EntityModel *model = m_parts.model;
    const QStringList path = model->pathAt(index);
    QGuiApplication::clipboard()->setText(path.isEmpty() ? model->keyAt(index)
                                                         : json::pathText(model->document(model->keyAt(index)), path));
}

void BrowserActions::copyId()
{
    const QString key = m_parts.view->currentKey();
    if (!key.isEmpty() && !m_parts.model->isNew(key))
        QGuiApplication::clipboard()->setText(key);
}

void BrowserActions::copyEntityJson()
{
    const QString key = m_parts.view->currentKey();
    if (!key.isEmpty())
        QGuiApplication::clipboard()->setText(
            QString::fromUtf8(QJsonDocument(m_parts.model->document(key)).toJson(QJsonDocument::Indented)));
}

void BrowserActions::sortByCurrentField()
{
    EntityTreeView *view = m_parts.view;
    const QStringList path = m_parts.model->pathAt(view->currentSourceIndex());
    if (path.isEmpty())
        return;
    const bool again = view->isSorted() && view->sortModel()->entitySortPath() == path
                       && view->sortModel()->sortOrder() == Qt::AscendingOrder;
    view->sortByField(path, again ? Qt::DescendingOrder : Qt::AscendingOrder);
    m_parts.status(tr("Loaded entities sorted by %1").arg(json::dottedPath(path)));
}

} // namespace loom
