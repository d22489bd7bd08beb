#include "iconprovider.h"

#include <QApplication>
#include <QHash>
#include <QStyle>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

QStyle::StandardPixmap fallbackFor(const QString &name)
{
    static const QHash<QString, QStyle::StandardPixmap> map = {
        {u"network-server"_s, QStyle::SP_DriveNetIcon},
        {u"network-connect"_s, QStyle::SP_DriveNetIcon},
        {u"network-offline"_s, QStyle::SP_MessageBoxCritical},
        {u"network-wired"_s, QStyle::SP_DriveNetIcon},
        {u"server-database"_s, QStyle::SP_DriveHDIcon},
        {u"folder"_s, QStyle::SP_DirIcon},
        {u"folder-open"_s, QStyle::SP_DirOpenIcon},
        {u"x-office-spreadsheet"_s, QStyle::SP_FileDialogDetailedView},
        {u"text-x-generic"_s, QStyle::SP_FileIcon},
        {u"view-refresh"_s, QStyle::SP_BrowserReload},
        {u"process-working"_s, QStyle::SP_BrowserReload},
        {u"process-stop"_s, QStyle::SP_BrowserStop},
        {u"list-add"_s, QStyle::SP_FileDialogNewFolder},
        {u"list-remove"_s, QStyle::SP_DialogDiscardButton},
        {u"edit-delete"_s, QStyle::SP_TrashIcon},
        {u"edit-copy"_s, QStyle::SP_FileDialogContentsView},
        {u"document-edit"_s, QStyle::SP_FileDialogDetailedView},
        {u"document-properties"_s, QStyle::SP_FileDialogInfoView},
        {u"document-open"_s, QStyle::SP_DialogOpenButton},
        {u"go-jump"_s, QStyle::SP_ArrowRight},
        {u"dialog-error"_s, QStyle::SP_MessageBoxCritical},
        {u"dialog-warning"_s, QStyle::SP_MessageBoxWarning},
        {u"dialog-information"_s, QStyle::SP_MessageBoxInformation},
        {u"dialog-ok"_s, QStyle::SP_DialogApplyButton},
        {u"view-visible"_s, QStyle::SP_DialogYesButton},
        {u"view-hidden"_s, QStyle::SP_DialogNoButton},
        {u"application-exit"_s, QStyle::SP_DialogCloseButton},
        {u"help-about"_s, QStyle::SP_MessageBoxQuestion},
        {u"window-close"_s, QStyle::SP_TitleBarCloseButton},
    };
    return map.value(name, QStyle::SP_FileIcon);
}

} // namespace

QIcon icon(const QString &name)
{
    QStyle *style = QApplication::style();
    const QIcon fallback = style ? style->standardIcon(fallbackFor(name)) : QIcon();
    return QIcon::fromTheme(name, fallback);
}

} // namespace loom
