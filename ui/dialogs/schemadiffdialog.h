#pragma once

#include "types.h"

#include <QDialog>

class QPlainTextEdit;
class QPushButton;

namespace loom {

// Shows what a collection update changes before it is sent: a line diff of the old and new
// schema (pretty-printed) and the index changes. Accept = send it.
class SchemaDiffDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchemaDiffDialog)

public:
    SchemaDiffDialog(const CollectionConfig &before, const CollectionConfig &after, const QString &storeName,
                     QWidget *parent = nullptr);

    QString diffText() const;
    QStringList indexChanges() const { return m_indexChanges; }
    QPushButton *applyButton() const { return m_apply; }

private:
    QPlainTextEdit *m_diff;
    QStringList m_indexChanges;
    QPushButton *m_apply;
};

} // namespace loom
