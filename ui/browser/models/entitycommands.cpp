#include "entitycommands.h"

#include "entitymodel.h"

namespace loom {

SetDocumentCommand::SetDocumentCommand(EntityModel *model, const QString &key, const QJsonObject &before,
                                       const QJsonObject &after, const QString &text, const QString &mergeTag)
    : QUndoCommand(text)
    , m_model(model)
    , m_key(key)
    , m_before(before)
    , m_after(after)
    , m_mergeTag(mergeTag)
{
}

void SetDocumentCommand::undo()
{
    if (m_model)
        m_model->setDocument(m_model->resolveKey(m_key), m_before);
}

void SetDocumentCommand::redo()
{
    if (m_model)
        m_model->setDocument(m_model->resolveKey(m_key), m_after);
}

int SetDocumentCommand::id() const
{
    return m_mergeTag.isEmpty() ? -1 : 0x4c4d; // "LM"
}

bool SetDocumentCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const SetDocumentCommand *>(other);
    if (next->m_mergeTag != m_mergeTag || !m_model
        || m_model->resolveKey(next->m_key) != m_model->resolveKey(m_key))
        return false;
    m_after = next->m_after;
    return true;
}

} // namespace loom
