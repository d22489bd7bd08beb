#include "clientreaper.h"

#include "threadsclient.h"

#include <QCoreApplication>
#include <QTimer>

namespace loom {

namespace {
constexpr int kMarginMs = 2000;
} // namespace

void retireClient(std::unique_ptr<ThreadsClient> client)
{
    if (!client)
        return;
    QCoreApplication *app = QCoreApplication::instance();
    ThreadsClient *retired = client.release();
    if (!app)
        return; // nothing can run later: left to the end of the process
    const int graceMs = std::max(retired->settings().deadlineMs, 1000) + kMarginMs;
    QTimer::singleShot(graceMs, app, [retired] { delete retired; });
}

} // namespace loom
