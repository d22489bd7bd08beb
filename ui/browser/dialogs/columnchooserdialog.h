#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QListWidget;
class QPushButton;

namespace loom {

// Chooses the entity table's columns by keyboard or mouse: a list of fields with a check box
// each (shown or hidden) in the table's order, moved with Move up / Move down (Alt+Up, Alt+Down).
// Applied on OK; the table remembers it per collection.
class ColumnChooserDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ColumnChooserDialog)

public:
    struct Item
    {
        QString name;
        bool shown = true;
    };

    explicit ColumnChooserDialog(QWidget *parent = nullptr);

    void setItems(const QList<Item> &items);
    QList<Item> items() const;
    QListWidget *list() const { return m_list; }
    void move(int delta); // the current field, up (-1) or down (+1)

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateButtons();

    QListWidget *m_list;
    QPushButton *m_up;
    QPushButton *m_down;
};

} // namespace loom
