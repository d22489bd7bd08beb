#include "icons/iconprovider.h"

#include <QApplication>
#include <QHash>
#include <QPainter>
#include <QPixmap>
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
        {u"document-new"_s, QStyle::SP_FileIcon},
        {u"document-save"_s, QStyle::SP_DialogSaveButton},
        {u"document-revert"_s, QStyle::SP_DialogResetButton},
        {u"document-import"_s, QStyle::SP_DialogOpenButton},
        {u"document-export"_s, QStyle::SP_DialogSaveButton},
        {u"edit-undo"_s, QStyle::SP_ArrowBack},
        {u"edit-redo"_s, QStyle::SP_ArrowForward},
        {u"edit-find"_s, QStyle::SP_FileDialogContentsView},
        {u"media-playback-start"_s, QStyle::SP_MediaPlay},
    };
    return map.value(name, QStyle::SP_FileIcon);
}

// Loom's own icons (resources/icons, bundled as ":/icons/..."): the application icon and the
// tree's node kinds, which desktop icon themes do not draw consistently.
QString bundledFor(const QString &name)
{
    static const QHash<QString, QString> map = {
        {u"loom"_s, u":/icons/app/loom.svg"_s},
        {u"network-server"_s, u":/icons/nodes/connection.svg"_s},
        {u"server-database"_s, u":/icons/nodes/store.svg"_s},
        {u"x-office-spreadsheet"_s, u":/icons/nodes/collection.svg"_s},
        {u"text-x-generic"_s, u":/icons/nodes/entity.svg"_s},
    };
    return map.value(name);
}

// Small coloured dots that mark an entity's state in the browser's tree.
QColor dotColor(const QString &name)
{
    static const QHash<QString, QColor> map = {
        {u"state-unsaved"_s, QColor(0x1f, 0x6f, 0xd1)},
        {u"state-problem"_s, QColor(0xc6, 0x28, 0x28)},
        {u"state-conflict"_s, QColor(0xe6, 0x8a, 0x00)},
    };
    return map.value(name);
}

QIcon dotIcon(const QColor &color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(2.5, 2.5, 7, 7));
    return QIcon(pixmap);
}

} // namespace

QIcon icon(const QString &name)
{
    if (const QColor dot = dotColor(name); dot.isValid()) {
        static QHash<QString, QIcon> dots;
        auto it = dots.find(name);
        if (it == dots.end())
            it = dots.insert(name, dotIcon(dot));
        return *it;
    }
    if (const QString bundled = bundledFor(name); !bundled.isEmpty()) {
        static QHash<QString, QIcon> cache;
        auto it = cache.find(name);
        if (it == cache.end())
            it = cache.insert(name, QIcon(bundled));
        return *it;
    }
    QStyle *style = QApplication::style();
    const QIcon fallback = style ? style->standardIcon(fallbackFor(name)) : QIcon();
    return QIcon::fromTheme(name, fallback);
}

} // namespace loom
