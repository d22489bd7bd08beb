#pragma once

#include <QStringList>
#include <QStyledItemDelegate>

namespace loom {

// Edits an index's field path with an editable combo box that suggests the schema's indexable
// fields (string, number, integer and boolean properties).
class IndexPathDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IndexPathDelegate)

public:
    explicit IndexPathDelegate(QObject *parent = nullptr);

    void setSuggestions(const QStringList &paths) { m_suggestions = paths; }

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

private:
    QStringList m_suggestions;
};

} // namespace loom
