#pragma once

#include "browser/browsercontext.h"

#include <QString>

#include <functional>

class QUndoStack;
class QWidget;

namespace loom {

class EntityEditorPanel;
class EntityModel;
class EntitySaver;
class EntityTransfer;
class EntityTableView;
class EntityTreeView;
class MessageBar;

// The pieces of one entity browser that its controllers (BrowserActions, BrowserLive) work
// with. EntityBrowserWidget makes them and hands this out, so the controllers never include the
// widget that owns them.
struct BrowserParts
{
    BrowserContext context;
    EntityModel *model = nullptr;
    EntityTreeView *view = nullptr;               // the key-value tree (its rows follow the table's)
    EntityTableView *table = nullptr;             // the table: fields as columns
    EntityEditorPanel *editor = nullptr;
    MessageBar *messages = nullptr;
    QUndoStack *undo = nullptr;
    EntitySaver *saver = nullptr;
    EntityTransfer *transfer = nullptr;
    QWidget *window = nullptr;                    // the browser: parent of its dialogs and menus
    std::function<void(const QString &)> status;  // a line for the browser's status label
    std::function<void(const QString &)> select;  // shows an entity (row and editor) by key
};

} // namespace loom
