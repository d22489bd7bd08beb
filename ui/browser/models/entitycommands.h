#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QString>
#include <QUndoCommand>

namespace loom {

class EntityEdits;

// One local edit of an entity's working copy: the whole document before and after (documents
// are implicitly shared, so this is cheap). Edits with the same merge tag in a row (typing in
// one field) become one undo step.
class SetDocumentCommand final : public QUndoCommand
{
public:
    SetDocumentCommand(EntityEdits *edits, const QString &key, const QJsonObject &before,
                       const QJsonObject &after, const QString &text, const QString &mergeTag = {});

    void undo() override;
    void redo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;
    QString key() const { return m_key; }

private:
    QPointer<EntityEdits> m_edits;
    QString m_key;
    QJsonObject m_before;
    QJsonObject m_after;
    QString m_mergeTag;
};

} // namespace loom
