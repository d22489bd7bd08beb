#include "columnchooserdialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace loom {

ColumnChooserDialog::ColumnChooserDialog(QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_up(new QPushButton(tr("Move &up"), this))
    , m_down(new QPushButton(tr("Move &down"), this))
{
    setObjectName(u"columnChooser"_s);
    setWindowTitle(tr("Columns"));
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(tr("&Fields shown as columns, in order (_id always comes first):"), this);
    label->setBuddy(m_list);
    layout->addWidget(label);
    auto *row = new QHBoxLayout;
    m_list->setObjectName(u"columnList"_s);
    m_list->setToolTip(tr("Space shows or hides a field; Alt+Up and Alt+Down move it"));
    row->addWidget(m_list, 1);
    auto *buttons = new QVBoxLayout;
    m_list->installEventFilter(this); // Alt+Up, Alt+Down move the current field
    m_up->setToolTip(tr("Move the field left in the table (Alt+Up)"));
    m_down->setToolTip(tr("Move the field right in the table (Alt+Down)"));
    m_up->setAutoDefault(false);
    m_down->setAutoDefault(false);
    buttons->addWidget(m_up);
    buttons->addWidget(m_down);
    buttons->addStretch(1);
    row->addLayout(buttons);
    layout->addLayout(row, 1);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(box);
    connect(box, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_up, &QPushButton::clicked, this, [this] { move(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { move(+1); });
    connect(m_list, &QListWidget::currentRowChanged, this, &ColumnChooserDialog::updateButtons);
    resize(360, 420);
}

bool ColumnChooserDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() == Qt::AltModifier && (key->key() == Qt::Key_Up || key->key() == Qt::Key_Down)) {
            move(key->key() == Qt::Key_Up ? -1 : +1);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void ColumnChooserDialog::setItems(const QList<Item> &items)
{
    m_list->clear();
    for (const Item &item : items) {
        auto *w = new QListWidgetItem(item.name, m_list);
        w->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        w->setCheckState(item.shown ? Qt::Checked : Qt::Unchecked);
    }
    m_list->setCurrentRow(0);
    m_list->setFocus();
    updateButtons();
}

QList<ColumnChooserDialog::Item> ColumnChooserDialog::items() const
{
    QList<Item> items;
    for (int i = 0; i < m_list->count(); ++i)
        items.append({m_list->item(i)->text(), m_list->item(i)->checkState() == Qt::Checked});
    return items;
}

void ColumnChooserDialog::move(int delta)
{
    const int row = m_list->currentRow();
    const int to = row + delta;
    if (row < 0 || to < 0 || to >= m_list->count())
        return;
    QListWidgetItem *item = m_list->takeItem(row);
    m_list->insertItem(to, item);
    m_list->setCurrentRow(to);
    m_list->setFocus();
}

void ColumnChooserDialog::updateButtons()
{
    const int row = m_list->currentRow();
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row < m_list->count() - 1);
}

} // namespace loom
