#pragma once

#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

class QMenu;
class QWidget;

namespace loom {

class EntityColumnModel;
class EntityTableView;

// Which columns the entity table shows, in what order and how wide: hidden, shown and
// reordered from the header's menu (right click), the chooser dialog (keyboard) or by dragging
// headers, remembered per collection in QSettings (browser/columns/<key>: the names in order and
// the hidden ones; _mod is hidden until shown). Columns found later take their saved place.
// Widths fit the header and a sample of the loaded rows (not all of them), capped; a width the
// person dragged is kept.
class EntityTableColumns final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityTableColumns)

public:
    static constexpr int kMaxColumnWidth = 320;
    static constexpr int kWidthSampleRows = 64;

    EntityTableColumns(EntityTableView *view, EntityColumnModel *model);

    void setSettingsKey(const QString &key); // and applies what was saved under it
    bool isColumnShown(const QString &name) const;
    void setColumnShown(const QString &name, bool shown);
    QStringList visualOrder() const; // every column's name, as the header shows them
    void setVisualOrder(const QStringList &names); // _id stays first; names not given keep their place
    void reset(); // forgets the saved columns
    QMenu *makeMenu(QWidget *parent); // show/hide each column, the chooser, fit, reset
    void choose(); // the chooser dialog (window-modal, opened without blocking)
    void fit(int first = 0, int last = -1);
    void apply(); // the saved columns onto the header

    // While quiet, changes of the header are not the person's: not saved, not kept as widths.
    bool isQuiet() const { return m_quiet; }
    void setQuiet(bool quiet) { m_quiet = quiet; }

private:
    void save() const;
    void onColumnsAdded(int first, int last);

    EntityTableView *m_view;
    EntityColumnModel *m_model;
    QString m_settingsKey;
    QSet<QString> m_userSized;
    bool m_quiet = false;
    bool m_fitting = false;
};

} // namespace loom
