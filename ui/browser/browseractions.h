#pragma once

#include "browser/browserparts.h"
#include "error.h"

#include <QObject>
#include <QPointer>

#include <array>
#include <functional>

class QAction;
class QLineEdit;
class QModelIndex;
class QMessageBox;
class QPoint;
class QToolBar;

namespace loom {

// What a person can do in an entity browser, as QActions (looked up by Action) with their
// shortcuts and tooltips, the toolbar, the context menu, and what each does: save (all unsaved
// entities), new, duplicate, delete (asks first, without blocking), revert, undo/redo, refresh,
// go to id, check ids, import, export, copy. Every call goes through the context's
// ActivityTracker (status bar, Stop); failures go to the message bar and clear themselves once
// the same action succeeds.
class BrowserActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrowserActions)

public:
    enum Action {
        New, Duplicate, Delete, Save, Revert, Undo, Redo, Refresh, Import, Export, CheckIds,
        CopyValue, CopyPath, CopyId, CopyJson, SortByField, GoToId, FocusQuery,
        ActionCount
    };
    Q_ENUM(Action)

    explicit BrowserActions(const BrowserParts &parts, QObject *parent = nullptr);

    QAction *action(Action which) const { return m_actions[size_t(which)]; }
    // Fills the browser's toolbar; `goTo` is the "go to id" field (Ctrl+G focuses it), `query`
    // the query line (Ctrl+L).
    void populate(QToolBar *toolbar, QLineEdit *goTo, QWidget *query);
    void showContextMenu(const QPoint &pos); // the key-value tree's
    // The menu for a row of any view: `source` is the EntityModel index it stands for, `edit`
    // starts editing the value where the person clicked.
    void showContextMenuFor(QWidget *viewport, const QPoint &pos, const QModelIndex &source,
                            const std::function<void()> &edit);
    void updateEnabled(); // after the current row or the unsaved state changed

    void save();
    void newEntity();
    void duplicateCurrent();
    void deleteSelected();
    void revertCurrent();
    void refresh();
    void goToId(const QString &id);
    void checkIds();
    void importFile(const QString &path = {});
    void exportResults(const QString &path = {});
    void copyValue();
    void copyPath();
    void copyId();
    void copyEntityJson();
    void sortByCurrentField();

    // The next successful save that leaves nothing unsaved emits closeReady() (Save in the
    // "unsaved changes" question); a save that fails or leaves something unsaved, closeCancelled()
    // (the tab stays, and whatever waited for it to close stops waiting).
    void setCloseAfterSave(bool on) { m_closeAfterSave = on; }

Q_SIGNALS:
    void closeReady();
    void closeCancelled();

private:
    QAction *make(Action which, const QString &text, const QKeySequence &keys, const QString &tip);
    void onSaveFinished(int saved, const QStringList &failed, const Error &error);
    void deleteConfirmed(const QStringList &ids, const QStringList &fresh);

    BrowserParts m_parts;
    std::array<QAction *, ActionCount> m_actions{};
    bool m_closeAfterSave = false;
};

} // namespace loom
