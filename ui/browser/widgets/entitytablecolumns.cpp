#include "entitytablecolumns.h"

#include "browser/dialogs/columnchooserdialog.h"
#include "browser/models/entitycolumnmodel.h"
#include "browser/widgets/entitytableview.h"
#include "jsonrules.h"

#include <QHeaderView>
#include <QMenu>
#include <QSettings>

#include <utility>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

const QString kSettings = u"browser/columns/"_s;

} // namespace

EntityTableColumns::EntityTableColumns(EntityTableView *view, EntityColumnModel *model)
    : QObject(view)
    , m_view(view)
    , m_model(model)
{
    QHeaderView *h = view->header();
    connect(h, &QHeaderView::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu *menu = makeMenu(m_view);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_view->header()->viewport()->mapToGlobal(pos));
    });
    connect(h, &QHeaderView::sectionMoved, this, [this] { save(); });
    connect(h, &QHeaderView::sectionResized, this, [this](int logical) {
        if (!m_fitting && !m_quiet && logical < m_model->columnCount())
            m_userSized.insert(m_model->columns().at(logical).name);
    });
    connect(m_model, &EntityColumnModel::columnsAdded, this, &EntityTableColumns::onColumnsAdded);
}

void EntityTableColumns::setSettingsKey(const QString &key)
{
    m_settingsKey = key;
    apply();
}

bool EntityTableColumns::isColumnShown(const QString &name) const
{
    const int c = m_model->columnOf(name);
    return c >= 0 && !m_view->isColumnHidden(c);
}

void EntityTableColumns::setColumnShown(const QString &name, bool shown)
{
    const int c = m_model->columnOf(name);
    if (c <= 0) // (_id is always shown)
        return;
    const bool was = std::exchange(m_quiet, true);
    m_view->setColumnHidden(c, !shown);
    m_quiet = was;
    if (shown && m_view->columnWidth(c) < 20)
        fit(c, c);
    save();
}

QStringList EntityTableColumns::visualOrder() const
{
    QStringList names;
    for (int v = 0; v < m_view->header()->count(); ++v) {
        const int logical = m_view->header()->logicalIndex(v);
        if (logical >= 0 && logical < m_model->columnCount())
            names.append(m_model->columns().at(logical).name);
    }
    return names;
}

void EntityTableColumns::setVisualOrder(const QStringList &names)
{
    const bool was = m_quiet;
    m_quiet = true;
    int target = 1;
    for (const QString &name : names) {
        const int logical = m_model->columnOf(name);
        if (logical <= 0)
            continue;
        const int from = m_view->header()->visualIndex(logical);
        if (from != target)
            m_view->header()->moveSection(from, target);
        ++target;
    }
    m_quiet = was;
    if (!was)
        save();
}

void EntityTableColumns::apply()
{
    if (m_view->model()->columnCount() != m_model->columnCount())
        return;
    const bool was = std::exchange(m_quiet, true);
    QSettings settings;
    const QString base = kSettings + m_settingsKey;
    const bool saved = !m_settingsKey.isEmpty() && settings.contains(base + u"/order"_s);
    const QStringList hidden = saved ? settings.value(base + u"/hidden"_s).toStringList() : QStringList{json::kModField};
    for (int c = 1; c < m_model->columnCount(); ++c)
        m_view->setColumnHidden(c, hidden.contains(m_model->columns().at(c).name));
    if (saved)
        setVisualOrder(settings.value(base + u"/order"_s).toStringList());
    m_quiet = was;
}

void EntityTableColumns::save() const
{
    if (m_settingsKey.isEmpty() || m_quiet)
        return;
    QStringList hidden;
    for (int c = 1; c < m_model->columnCount(); ++c) {
        if (m_view->isColumnHidden(c))
            hidden.append(m_model->columns().at(c).name);
    }
    QSettings settings;
    const QString base = kSettings + m_settingsKey;
    settings.setValue(base + u"/order"_s, visualOrder());
    settings.setValue(base + u"/hidden"_s, hidden);
}

void EntityTableColumns::reset()
{
    if (!m_settingsKey.isEmpty())
        QSettings().remove(kSettings + m_settingsKey);
    m_quiet = true;
    for (int v = 1; v < m_view->header()->count(); ++v) {
        const int logical = m_view->header()->logicalIndex(v);
        if (logical != v)
            m_view->header()->moveSection(m_view->header()->visualIndex(v), v);
    }
    m_quiet = false;
    m_userSized.clear();
    apply();
    fit();
}

void EntityTableColumns::onColumnsAdded(int first, int last)
{
    // Columns found later: hidden if the saved settings say so, placed where they were, fitted.
    apply();
    fit(first, last);
}

QMenu *EntityTableColumns::makeMenu(QWidget *parent)
{
    auto *menu = new QMenu(tr("Columns"), parent);
    menu->setObjectName(u"columnMenu"_s);
    menu->setToolTipsVisible(true);
    const QStringList order = visualOrder();
    for (const QString &name : order) {
        if (name == m_model->columns().idField())
            continue;
        QAction *a = menu->addAction(name);
        a->setCheckable(true);
        a->setChecked(isColumnShown(name));
        a->setToolTip(m_model->headerData(m_model->columnOf(name), Qt::Horizontal, Qt::ToolTipRole).toString());
        connect(a, &QAction::toggled, this, [this, name](bool on) { setColumnShown(name, on); });
    }
    menu->addSeparator();
    menu->addAction(tr("Choose and order columns…"), this, &EntityTableColumns::choose);
    menu->addAction(tr("Fit column widths"), this, [this] {
        m_userSized.clear();
        fit();
    });
    menu->addAction(tr("Reset columns"), this, &EntityTableColumns::reset);
    return menu;
}

void EntityTableColumns::choose()
{
    auto *dialog = new ColumnChooserDialog(m_view);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QList<ColumnChooserDialog::Item> items;
    const QStringList order = visualOrder();
    for (const QString &name : order) {
        if (name != m_model->columns().idField())
            items.append({name, isColumnShown(name)});
    }
    dialog->setItems(items);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QList<ColumnChooserDialog::Item> chosen = dialog->items();
        QStringList names;
        m_quiet = true;
        for (const auto &item : chosen) {
            names.append(item.name);
            const int c = m_model->columnOf(item.name);
            if (c > 0)
                m_view->setColumnHidden(c, !item.shown);
        }
        setVisualOrder(names);
        m_quiet = false;
        fit();
        save();
    });
    dialog->open();
}

void EntityTableColumns::fit(int first, int last)
{
    const int count = m_model->columnCount();
    if (last < 0 || last >= count)
        last = count - 1;
    const QFontMetrics fm = m_view->fontMetrics();
    const QAbstractItemModel *shown = m_view->model();
    const int rows = std::min(shown->rowCount(), kWidthSampleRows);
    m_fitting = true;
    for (int c = std::max(first, 0); c <= last; ++c) {
        const QString name = m_model->columns().at(c).name;
        if (m_userSized.contains(name))
            continue;
        int width = fm.horizontalAdvance(name) + 28; // room for the sort arrow
        for (int r = 0; r < rows; ++r)
            width = std::max(width, fm.horizontalAdvance(shown->index(r, c).data().toString()) + 14);
        if (c == 0)
            width += m_view->indentation() + 24; // the expand arrow and the state icon
        m_view->setColumnWidth(c, std::clamp(width, 48, c == 0 ? kMaxColumnWidth - 40 : kMaxColumnWidth));
    }
    m_fitting = false;
}

} // namespace loom

