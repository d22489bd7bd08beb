// EntityBrowserWidget: what its actions do (save, new, delete, copy, go to id, import/export...).
#include "entitybrowserwidget.h"

#include "counttext.h"
#include "entityeditorpanel.h"
#include "entitymodel.h"
#include "entitysaver.h"
#include "entitysortmodel.h"
#include "entitytransfer.h"
#include "hasidsdialog.h"
#include "infobarwidget.h"
#include "jsonvalues.h"
#include "threadsclient.h"

#include <QAction>
#include <QClipboard>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeView>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace loom {

QModelIndex EntityBrowserWidget::currentSourceIndex() const
{
    return toSource(m_view->currentIndex());
}

QStringList EntityBrowserWidget::selectedKeys() const
{
    QStringList keys;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows) {
        const QString key = m_model->keyAt(toSource(row));
        if (!key.isEmpty() && !keys.contains(key))
            keys.append(key);
    }
    if (keys.isEmpty() && !currentKey().isEmpty())
        keys.append(currentKey());
    return keys;
}

bool EntityBrowserWidget::confirm(const QString &title, const QString &text, const QString &yes)
{
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::Cancel, this);
    QPushButton *ok = box.addButton(yes, QMessageBox::AcceptRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == ok;
}

void EntityBrowserWidget::save()
{
    if (!hasUnsavedChanges()) {
        setStatus(tr("Nothing to save"));
        return;
    }
    m_saver->save();
}

void EntityBrowserWidget::onSaveFinished(int saved, const QStringList &failed, const Error &error)
{
    updateActions();
    if (failed.isEmpty()) {
        if (m_infoBar->topic() == u"save")
            m_infoBar->dismiss();
        setStatus(saved == 0 ? tr("Nothing to save") : tr("Saved %1").arg(entityCount(saved)));
        if (std::exchange(m_closeAfterSave, false) && !hasUnsavedChanges())
            Q_EMIT closeReady();
        return;
    }
    m_closeAfterSave = false;
    const bool fixable = error.kind() == ErrorKind::SchemaViolation || error.kind() == ErrorKind::Denied
                         || error.kind() == ErrorKind::InvalidInput || error.kind() == ErrorKind::AlreadyExists;
    const QString next = fixable ? tr("Your changes are kept: correct them and save again.")
                                 : tr("Your changes are kept: save again once the daemon answers.");
    const QString what = failed.size() == 1 ? tr("Could not save: %1").arg(error.message())
                                            : tr("Could not save %1 of %2: %3").arg(failed.size()).arg(entityCount(failed.size() + saved), error.message());
    const QString text = what + u' ' + next;
    setStatus(tr("Save failed"));
    m_infoBar->showMessage(InfoBarWidget::Error, text, error.details());
    m_infoBar->setTopic(u"save"_s);
    m_infoBar->addAction(tr("Retry"), [this] { save(); }, u"retrySave"_s);
    if (!failed.isEmpty() && m_model->contains(failed.first()))
        m_infoBar->addAction(tr("Show"), [this, key = failed.first()] { selectKey(key); }, u"showFailed"_s);
}

void EntityBrowserWidget::newEntity()
{
    const QString key = m_model->addNewEntity(newDocument(m_schema));
    selectKey(key);
    m_editor->showForm();
    setStatus(tr("New entity: fill in the form, then save (Ctrl+S)"));
}

void EntityBrowserWidget::duplicateCurrent()
{
    const QString key = currentKey();
    if (key.isEmpty())
        return;
    const QString copy = m_model->addNewEntity(json::withoutMeta(m_model->document(key)));
    selectKey(copy);
    setStatus(tr("Duplicated: the copy is saved as a new entity with Ctrl+S"));
}

void EntityBrowserWidget::revertCurrent()
{
    const QString key = currentKey();
    if (!key.isEmpty())
        m_model->revert(key);
    updateActions();
}

void EntityBrowserWidget::deleteSelected()
{
    const QStringList keys = selectedKeys();
    if (keys.isEmpty())
        return;
    QStringList ids;
    QStringList fresh;
    for (const QString &key : keys)
        (m_model->isNew(key) ? fresh : ids).append(key);
    const QString what = keys.size() == 1 ? (fresh.isEmpty() ? tr("entity %1").arg(keys.first()) : tr("the new entity"))
                                          : entityCount(keys.size());
    if (!confirm(tr("Delete"), tr("Delete %1 from %2? This cannot be undone.").arg(what, m_collection), tr("Delete")))
        return;
    for (const QString &key : std::as_const(fresh))
        m_model->revert(key);
    if (ids.isEmpty())
        return;
    setStatus(tr("Deleting %1…").arg(entityCount(ids.size())));
    auto *reply = m_client->remove(m_store, m_collection, ids);
    connect(reply, &ReplyBase::finished, this, [this, reply, ids] {
        if (!reply->ok()) {
            m_infoBar->showMessage(InfoBarWidget::Error, tr("Could not delete: %1").arg(reply->error().message()),
                                   reply->error().details());
            return;
        }
        m_model->markRemoved(ids);
        setStatus(tr("Deleted %1").arg(entityCount(ids.size())));
    });
}

void EntityBrowserWidget::goToId(const QString &id)
{
    if (id.isEmpty())
        return;
    if (m_model->contains(id)) {
        selectKey(id);
        return;
    }
    setStatus(tr("Looking for %1…").arg(id));
    auto *reply = m_client->findById(m_store, m_collection, id);
    connect(reply, &ReplyBase::finished, this, [this, reply, id] {
        if (!reply->ok()) {
            setStatus(reply->error().kind() == ErrorKind::InstanceNotFound
                          ? tr("No entity with id %1 in %2").arg(id, m_collection)
                          : reply->error().message());
            return;
        }
        m_model->pin(reply->result());
        selectKey(id);
        setStatus(tr("Opened %1 (pinned below the query's results)").arg(id));
    });
}

void EntityBrowserWidget::checkIds()
{
    auto *dialog = new HasIdsDialog(m_client, m_store, m_collection, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setIds(selectedKeys());
    dialog->show();
}

void EntityBrowserWidget::importFile(const QString &path)
{
    const QString file = !path.isEmpty() ? path
        : QFileDialog::getOpenFileName(this, tr("Import entities into %1").arg(m_collection), {}, tr("JSON (*.json);;All files (*)"));
    if (!file.isEmpty())
        m_transfer->importFile(file);
}

void EntityBrowserWidget::exportResults(const QString &path)
{
    const QString file = !path.isEmpty() ? path
        : QFileDialog::getSaveFileName(this, tr("Export %1").arg(m_collection), m_collection + u".json"_s, tr("JSON (*.json)"));
    if (!file.isEmpty())
        m_transfer->exportQuery(m_model->query(), file);
}

void EntityBrowserWidget::copyValue()
{
    const QModelIndex index = currentSourceIndex();
    if (!index.isValid())
        return;
    QGuiApplication::clipboard()->setText(json::clipboardText(m_model->valueAt(index)));
}

void EntityBrowserWidget::copyPath()
{
    const QModelIndex index = currentSourceIndex();
    if (!index.isValid())
        return;
    const QStringList path = m_model->pathAt(index);
    QGuiApplication::clipboard()->setText(path.isEmpty() ? m_model->keyAt(index)
                                                         : json::pathText(m_model->document(m_model->keyAt(index)), path));
}

void EntityBrowserWidget::copyId()
{
    const QString key = currentKey();
    if (!key.isEmpty() && !m_model->isNew(key))
        QGuiApplication::clipboard()->setText(key);
}

void EntityBrowserWidget::copyEntityJson()
{
    const QString key = currentKey();
    if (!key.isEmpty())
        QGuiApplication::clipboard()->setText(QString::fromUtf8(QJsonDocument(m_model->document(key)).toJson(QJsonDocument::Indented)));
}

void EntityBrowserWidget::sortByCurrentField()
{
    const QStringList path = m_model->pathAt(currentSourceIndex());
    if (path.isEmpty())
        return;
    const bool again = isSorted() && m_proxy->entitySortPath() == path && m_proxy->sortOrder() == Qt::AscendingOrder;
    sortByField(path, again ? Qt::DescendingOrder : Qt::AscendingOrder);
    setStatus(tr("Loaded entities sorted by %1").arg(json::dottedPath(path)));
}

void EntityBrowserWidget::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    QMenu menu(this);
    if (index.isValid()) {
        const QModelIndex source = toSource(index);
        const bool field = !m_model->pathAt(source).isEmpty();
        menu.addAction(m_actions.value(u"copyValue"_s));
        if (field)
            menu.addAction(m_actions.value(u"copyPath"_s));
        menu.addAction(m_actions.value(u"copyId"_s));
        menu.addAction(m_actions.value(u"copyJson"_s));
        menu.addSeparator();
        if (field && (m_model->flags(source.siblingAtColumn(EntityModel::ValueColumn)) & Qt::ItemIsEditable)) {
            QAction *edit = menu.addAction(tr("Edit value"));
            connect(edit, &QAction::triggered, this, [this, index] { m_view->edit(index.siblingAtColumn(EntityModel::ValueColumn)); });
        }
        if (field)
            menu.addAction(m_actions.value(u"sortByField"_s));
        menu.addSeparator();
        menu.addAction(m_actions.value(u"duplicate"_s));
        menu.addAction(m_actions.value(u"revert"_s));
        menu.addAction(m_actions.value(u"delete"_s));
    }
    menu.addAction(m_actions.value(u"new"_s));
    menu.addAction(m_actions.value(u"refresh"_s));
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

bool EntityBrowserWidget::maybeClose()
{
    if (!hasUnsavedChanges())
        return true;
    const int n = int(m_model->dirtyKeys().size());
    QMessageBox box(QMessageBox::Warning, tr("Unsaved changes"),
                    (n == 1 ? tr("1 entity in %1 has unsaved changes.").arg(m_collection) : tr("%1 in %2 have unsaved changes.").arg(entityCount(n), m_collection)),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setInformativeText(tr("Save them to the daemon, or discard them?"));
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Discard: {
        const QStringList keys = m_model->dirtyKeys();
        for (const QString &key : keys)
            m_model->revert(key);
        m_undo->clear();
        return true;
    }
    case QMessageBox::Save:
        m_closeAfterSave = true;
        save();
        return false;
    default:
        return false;
    }
}

} // namespace loom
