#include "entitycommands.h"

#include "browser/models/entityedits.h"

namespace loom {

SetDocumentCommand::SetDocumentCommand(EntityEdits *edits, const QString &key, const QJsonObject &before,
                                       const QJsonObject &after, const QString &text, const QString &mergeTag)
    : QUndoCommand(text)
    , m_edits(edits)
    , m_key(key)
    , m_before(before)
    , m_after(after)
    , m_mergeTag(mergeTag)
{
}

void SetDocumentCommand::undo()
{
    if (m_edits && !isObsolete()) // (obsolete: its entity is gone)
        m_edits->setDocument(m_key, m_before); // (follows the key's rename once created)
}

void SetDocumentCommand::redo()
{
    if (m_edits && !isObsolete())
        m_edits->setDocument(m_key, m_after);
}

int SetDocumentCommand::id() const
{
    return m_mergeTag.isEmpty() ? -1 : 0x4c4d; // "LM"
}

bool SetDocumentCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const SetDocumentCommand *>(other);
    if (next->m_mergeTag != m_mergeTag || !m_edits
        || m_edits->resolveKey(next->m_key) != m_edits->resolveKey(m_key))
        return false;
    m_after = next->m_after;
    return true;
}

} // namespace loom
