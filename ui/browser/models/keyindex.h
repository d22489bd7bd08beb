#pragma once

#include <QHashFunctions>
#include <QString>

#include <vector>

namespace loom::detail {

// Nodes by their `key` (a QString member): an open-addressing table of {hash, node}, 16 bytes a
// slot, at most 3/4 full. Against QHash<QString, Node *> it keeps no copy of the key (the node has
// it), and growing moves slots by their stored hash without touching the nodes or hashing the
// keys again: no stall of several milliseconds when a 100,000-entity collection crosses a power of
// two. Inserting a key that is there replaces its node (as QHash::insert does).
template <typename Node>
class KeyIndex
{
public:
    Node *value(const QString &key) const
    {
        if (m_slots.empty())
            return nullptr;
        const size_t h = hashOf(key);
        for (size_t i = h & mask();; i = (i + 1) & mask()) {
            const Slot &slot = m_slots[i];
            if (!slot.node)
                return nullptr;
            if (slot.hash == h && slot.node->key == key)
                return slot.node;
        }
    }

    void insert(Node *node)
    {
        if ((m_size + 1) * 4 > m_slots.size() * 3)
            grow();
        const size_t h = hashOf(node->key);
        for (size_t i = h & mask();; i = (i + 1) & mask()) {
            Slot &slot = m_slots[i];
            if (!slot.node) {
                slot = {h, node};
                ++m_size;
                return;
            }
            if (slot.hash == h && slot.node->key == node->key) {
                slot.node = node;
                return;
            }
        }
    }

    void remove(const QString &key)
    {
        if (m_slots.empty())
            return;
        const size_t h = hashOf(key);
        size_t i = h & mask();
        for (;; i = (i + 1) & mask()) {
            if (!m_slots[i].node)
                return;
            if (m_slots[i].hash == h && m_slots[i].node->key == key)
                break;
        }
        // Backward shift: later slots of the same run move up into the hole when their home
        // slot is not between the hole and them, so no lookup stops short at an empty slot.
        m_slots[i].node = nullptr;
        --m_size;
        for (size_t j = (i + 1) & mask(); m_slots[j].node; j = (j + 1) & mask()) {
            const size_t home = m_slots[j].hash & mask();
            const bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
            if (stays)
                continue;
            m_slots[i] = m_slots[j];
            m_slots[j].node = nullptr;
            i = j;
        }
    }

    void clear()
    {
        m_slots.clear();
        m_slots.shrink_to_fit();
        m_size = 0;
    }
    size_t size() const { return m_size; }

private:
    struct Slot
    {
        size_t hash = 0;
        Node *node = nullptr;
    };

    static size_t hashOf(const QString &key) { return qHash(key, size_t(0x9e3779b97f4a7c15ULL)); }
    size_t mask() const { return m_slots.size() - 1; }

    void grow()
    {
        std::vector<Slot> old(m_slots.empty() ? 16 : m_slots.size() * 2);
        old.swap(m_slots);
        for (const Slot &slot : old) {
            if (!slot.node)
                continue;
            size_t i = slot.hash & mask();
            while (m_slots[i].node)
                i = (i + 1) & mask();
            m_slots[i] = slot;
        }
    }

    std::vector<Slot> m_slots; // a power of two in size, or empty
    size_t m_size = 0;
};

} // namespace loom::detail
