#include "schemadiffdialog.h"

#include "models/schemadiff.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QTextCursor>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace loom {

SchemaDiffDialog::SchemaDiffDialog(const CollectionConfig &before, const CollectionConfig &after,
                                   const QString &storeName, QWidget *parent)
    : QDialog(parent)
    , m_diff(new QPlainTextEdit(this))
    , m_indexChanges(schemadiff::indexChanges(before.indexes, after.indexes))
{
    setWindowTitle(tr("Review the schema change"));
    setObjectName(u"schemaDiffDialog"_s);
    m_diff->setObjectName(u"schemaDiff"_s);
    m_diff->setReadOnly(true);
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diff->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    const QList<schemadiff::Line> lines = schemadiff::lineDiff(schemadiff::pretty(before.schema).split(u'\n'),
                                                               schemadiff::pretty(after.schema).split(u'\n'));
    const auto [added, removed] = schemadiff::countChanges(lines);

    QTextCharFormat plain;
    QTextCharFormat addedFormat;
    addedFormat.setBackground(QColor(0xd7, 0xf5, 0xdd));
    addedFormat.setForeground(QColor(0x14, 0x5a, 0x1f));
    QTextCharFormat removedFormat;
    removedFormat.setBackground(QColor(0xfd, 0xe0, 0xe0));
    removedFormat.setForeground(QColor(0x8e, 0x16, 0x16));
    QTextCharFormat skippedFormat;
    skippedFormat.setForeground(QColor(0x80, 0x80, 0x80));
    skippedFormat.setFontItalic(true);

    QTextCursor cursor(m_diff->document());
    bool first = true;
    for (const schemadiff::Line &line : lines) {
        if (!first)
            cursor.insertBlock();
        first = false;
        QTextBlockFormat block;
        QString prefix = u"  "_s;
        QTextCharFormat format = plain;
        switch (line.kind) {
        case schemadiff::Line::Added:
            prefix = u"+ "_s;
            format = addedFormat;
            block.setBackground(addedFormat.background());
            break;
        case schemadiff::Line::Removed:
            prefix = u"- "_s;
            format = removedFormat;
            block.setBackground(removedFormat.background());
            break;
        case schemadiff::Line::Skipped:
            format = skippedFormat;
            break;
        case schemadiff::Line::Same:
            break;
        }
        cursor.setBlockFormat(block);
        cursor.insertText(prefix + line.text, format);
    }
    if (lines.isEmpty() || (added == 0 && removed == 0))
        m_diff->setPlaceholderText(tr("The schema does not change."));

    auto *header = new QLabel(tr("<b>Update the collection “%1” in the store “%2”?</b>")
                                  .arg(after.name.toHtmlEscaped(), storeName.toHtmlEscaped()),
                              this);
    QString summary = added == 0 && removed == 0
        ? tr("The schema stays the same.")
        : tr("Schema: %1 line(s) added, %2 removed.").arg(added).arg(removed);
    auto *summaryLabel = new QLabel(summary, this);
    summaryLabel->setObjectName(u"diffSummary"_s);

    auto *indexLabel = new QLabel(this);
    indexLabel->setObjectName(u"indexChanges"_s);
    indexLabel->setTextFormat(Qt::PlainText);
    indexLabel->setText(m_indexChanges.isEmpty() ? tr("Indexes: no change.")
                                                 : tr("Indexes:") + u"\n"_s + m_indexChanges.join(u'\n'));
    indexLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *note = new QLabel(tr("Entities already stored are not checked against the new schema, and a new "
                               "index covers only entities written after the update."),
                            this);
    note->setWordWrap(true);
    note->setStyleSheet(u"color: palette(dark);"_s);

    auto *buttons = new QDialogButtonBox(this);
    m_apply = buttons->addButton(tr("&Apply the change"), QDialogButtonBox::AcceptRole);
    m_apply->setObjectName(u"applyButton"_s);
    auto *back = buttons->addButton(tr("&Back to editing"), QDialogButtonBox::RejectRole);
    back->setObjectName(u"backButton"_s);
    m_apply->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(header);
    layout->addWidget(summaryLabel);
    layout->addWidget(m_diff, 1);
    layout->addWidget(indexLabel);
    layout->addWidget(note);
    layout->addWidget(buttons);
    resize(640, 520);
}

QString SchemaDiffDialog::diffText() const
{
    return m_diff->toPlainText();
}

} // namespace loom
