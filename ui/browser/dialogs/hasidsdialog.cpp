#include "hasidsdialog.h"

#include "browser/models/counttext.h"
#include "threadsclient.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace loom {

HasIdsDialog::HasIdsDialog(const BrowserContext &context, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_input(new QPlainTextEdit(this))
    , m_check(new QPushButton(tr("Check"), this))
    , m_summary(new QLabel(this))
    , m_list(new QListWidget(this))
{
    setWindowTitle(tr("Check ids in %1").arg(context.collection));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Entity ids, one per line:"), this);
    intro->setToolTip(tr("Uses the daemon's Has call"));
    layout->addWidget(intro);
    m_input->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_input->setObjectName(u"hasIds"_s);
    layout->addWidget(m_input, 2);
    m_check->setObjectName(u"hasCheck"_s);
    m_check->setDefault(true);
    layout->addWidget(m_check, 0, Qt::AlignLeft);
    m_summary->setObjectName(u"hasSummary"_s);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 3);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_check, &QPushButton::clicked, this, &HasIdsDialog::check);
    resize(460, 420);
}

void HasIdsDialog::setIds(const QStringList &ids)
{
    m_input->setPlainText(ids.join(u'\n'));
}

QStringList HasIdsDialog::ids() const
{
    QStringList out;
    for (const QString &line : m_input->toPlainText().split(u'\n')) {
        const QString id = line.trimmed();
        if (!id.isEmpty() && !out.contains(id))
            out.append(id);
    }
    return out;
}

QString HasIdsDialog::summary() const
{
    return m_summary->text();
}

void HasIdsDialog::check()
{
    const QStringList list = ids();
    m_results.clear();
    m_list->clear();
    if (list.isEmpty()) {
        m_summary->setText(tr("Paste some ids first."));
        return;
    }
    const quint64 generation = ++m_generation;
    m_summary->setText(tr("Checking %1…").arg(countText(list.size(), "id", "ids")));
    m_check->setEnabled(false);
    auto *all = m_context.client->has(m_context.store, m_context.collection, list);
    m_context.track(all, tr("check %1 in %2").arg(countText(list.size(), "id", "ids"), m_context.collection));
    all->then(this, [this, list, generation](auto *all) {
        if (generation != m_generation)
            return;
        if (!all->ok()) {
            m_summary->setText(tr("Could not check: %1").arg(all->error().message()));
            m_check->setEnabled(true);
            Q_EMIT checked();
            return;
        }
        if (all->result()) {
            for (const QString &id : list)
                m_results.insert(id, true);
            showResults();
            return;
        }
        // Some are missing: ask for each one to say which.
        m_pending = int(list.size());
        for (const QString &id : list) {
            auto *one = m_context.client->has(m_context.store, m_context.collection, {id});
            m_context.track(one, tr("check id %1").arg(id));
            one->then(this, [this, id, generation](auto *one) {
                if (generation != m_generation)
                    return;
                m_results.insert(id, one->ok() && one->result());
                if (--m_pending == 0)
                    showResults();
            });
        }
    });
}

void HasIdsDialog::showResults()
{
    const QStringList list = ids();
    int found = 0;
    for (const QString &id : list) {
        const bool exists = m_results.value(id);
        found += exists ? 1 : 0;
        auto *item = new QListWidgetItem((exists ? u"✓  "_s : u"✗  "_s) + id, m_list);
        item->setForeground(exists ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28));
        item->setToolTip(exists ? tr("Exists") : tr("Not found"));
    }
    m_summary->setText(found == list.size() ? (list.size() == 1 ? tr("It exists.") : tr("All %1 exist.").arg(list.size()))
                                            : tr("%1 of %2 exist; %3 not found.").arg(found).arg(list.size()).arg(list.size() - found));
    m_check->setEnabled(true);
    Q_EMIT checked();
}

} // namespace loom
