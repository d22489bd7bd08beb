#include "calllog.h"

#include "error.h"

using namespace Qt::StringLiterals;

namespace loom {

QString CallRecord::toLine() const
{
    const QString duration = durationUs >= 10000 ? u"%1 ms"_s.arg(durationUs / 1000)
                                                 : u"%1 ms"_s.arg(double(durationUs) / 1000.0, 0, 'f', 2);
    QString line = u"%1 %2 %3"_s.arg(started.toString(u"HH:mm:ss.zzz"_s), endpoint, operation);
    if (!store.isEmpty())
        line += u" store="_s + store;
    if (!request.isEmpty())
        line += u' ' + request;
    line += u" (%1) %2 %3"_s.arg(duration, ok ? u"ok:"_s : u"failed:"_s, result);
    return line;
}

CallLog::CallLog(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<loom::CallRecord>();
}

CallLog::~CallLog() = default;

void CallLog::setShowBodies(bool show)
{
    std::lock_guard lock(m_mutex);
    m_showBodies = show;
}

bool CallLog::showBodies() const
{
    std::lock_guard lock(m_mutex);
    return m_showBodies;
}

void CallLog::setCapacity(int records)
{
    std::lock_guard lock(m_mutex);
    m_capacity = qMax(1, records);
    while (int(m_records.size()) > m_capacity)
        m_records.pop_front();
}

int CallLog::capacity() const
{
    std::lock_guard lock(m_mutex);
    return m_capacity;
}

QList<CallRecord> CallLog::records() const
{
    std::lock_guard lock(m_mutex);
    return QList<CallRecord>(m_records.begin(), m_records.end());
}

void CallLog::clear()
{
    {
        std::lock_guard lock(m_mutex);
        m_records.clear();
    }
    Q_EMIT cleared();
}

void CallLog::add(CallRecord record)
{
    // A last guard: whatever a daemon's error text carried, no key or token reaches the log.
    record.result = Error::scrubSecrets(record.result);
    record.request = Error::scrubSecrets(record.request);
    {
        std::lock_guard lock(m_mutex);
        record.serial = ++m_serial;
        m_records.push_back(record);
        while (int(m_records.size()) > m_capacity)
            m_records.pop_front();
    }
    if (m_sink)
        m_sink(record);
    QMetaObject::invokeMethod(this, [this, record] { Q_EMIT recorded(record); }, Qt::QueuedConnection);
}

} // namespace loom
