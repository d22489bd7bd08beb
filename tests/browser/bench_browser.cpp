// Entity browser benchmark: a program that prints figures (not a test).
//
//   bench_browser --port <api port> [--host 127.0.0.1] [--count 100000] [--rate 1000] [--seconds 5]
//                 [--screenshots <dir>]
//
// Against a daemon started by the caller (inside scripts/netns.sh), in a fresh store:
//  1. inserts <count> small entities with createMany;
//  2. opens an EntityBrowserWidget on them (offscreen) and measures the time from the first page's
//     reply to the first paint that shows it;
//  3. scrolls to the bottom until every entity is loaded, then scrolls around, while a 1 ms timer
//     measures the gaps of the GUI event loop (goal: < 16 ms);
//  4. the RSS growth per loaded entity (VmRSS of /proc/self/status) against the entities' JSON;
//  5. another client (on its own thread) sends <rate> changes per second for <seconds> s: events
//     received and applied per second, and the longest stall meanwhile.
#include "browser/entitybrowserwidget.h"
#include "browser/browsertable.h"
#include "browser/widgets/entitytableview.h"
#include "browser/widgets/entitytreeview.h"
#include "browser/models/entitymodel.h"
#include "subscription.h"
#include "threadsclient.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QThread>
#include <QTimer>
#include <QTreeView>

#include <malloc.h>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace loom;

namespace {

QTextStream out(stdout);

qint64 rssKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Runs the event loop until `done` holds (checked every 5 ms) or the time is up.
bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer check;
    check.setInterval(5);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    check.start();
    loop.exec();
    return done();
}

void spinFor(int ms)
{
    spinUntil([] { return false; }, ms);
}

// Measures how long the GUI event loop goes without running a 1 ms timer.
class StallProbe : public QObject
{
public:
    StallProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const double gap = (now - m_last) / 1e6;
            m_last = now;
            m_max = std::max(m_max, gap);
            if (gap > 16)
                ++m_over16;
            if (gap > 50)
                ++m_over50;
            ++m_ticks;
        });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_max = 0;
        m_over16 = m_over50 = m_ticks = 0;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double max() const { return m_max; }
    int over16() const { return m_over16; }
    int over50() const { return m_over50; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    double m_max = 0;
    int m_over16 = 0, m_over50 = 0, m_ticks = 0;
};

// Another client on its own thread: `rate` entity writes per second, `batch` entities per call
// (9 of 10 writes change an existing entity, 1 of 10 creates one), at most `inFlight` calls at once.
class Writer : public QObject
{
public:
    Writer(ConnectionSettings settings, StoreId store, QString collection, QStringList ids, int rate, int seconds,
           int batch, int inFlight)
        : m_settings(std::move(settings)), m_store(std::move(store)), m_collection(std::move(collection)),
          m_ids(std::move(ids)), m_rate(rate), m_seconds(seconds), m_batch(std::max(1, batch)), m_inFlight(inFlight)
    {
    }
    void run()
    {
        m_client = std::make_unique<ThreadsClient>(m_settings);
        m_clock.start();
        auto *tick = new QTimer(this);
        tick->setTimerType(Qt::PreciseTimer);
        tick->setInterval(5);
        connect(tick, &QTimer::timeout, this, [this, tick] {
            const qint64 total = qint64(m_rate) * m_seconds;
            const qint64 due = std::min<qint64>(total, m_clock.elapsed() * m_rate / 1000);
            while (m_sent < due && m_running < m_inFlight) {
                QList<Instance> saves, creates;
                for (int k = 0; k < m_batch && m_sent < total; ++k) {
                    const int i = int(m_sent++);
                    if (i % 10 == 9)
                        creates.append(QJsonObject{{u"n"_s, -i}, {u"name"_s, u"live %1"_s.arg(i)}, {u"tag"_s, u"new"_s}, {u"flag"_s, false}});
                    else
                        saves.append(QJsonObject{{u"_id"_s, m_ids[i % m_ids.size()]}, {u"n"_s, i}, {u"name"_s, u"changed %1"_s.arg(i)}, {u"tag"_s, u"live"_s}, {u"flag"_s, true}});
                }
                if (!saves.isEmpty())
                    track(m_client->save(m_store, m_collection, saves), saves.size());
                if (!creates.isEmpty())
                    track(m_client->create(m_store, m_collection, creates), creates.size());
            }
            if (m_sent >= total)
                tick->stop();
        });
        tick->start();
    }
    template <typename R>
    void track(R *reply, qsizetype n)
    {
        ++m_running;
        connect(reply, &ReplyBase::finished, this, [this, reply, n] {
            --m_running;
            (reply->ok() ? m_ok : m_failed) += n;
        });
    }
    std::atomic<qint64> m_ok{0}, m_failed{0};

private:
    ConnectionSettings m_settings;
    StoreId m_store;
    QString m_collection;
    QStringList m_ids;
    int m_rate, m_seconds, m_batch, m_inFlight;
    qint64 m_sent = 0;
    int m_running = 0;
    std::unique_ptr<ThreadsClient> m_client;
    QElapsedTimer m_clock;
};

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"host"_s, u"daemon host"_s, u"host"_s, u"127.0.0.1"_s});
    parser.addOption({u"port"_s, u"daemon API port"_s, u"port"_s});
    parser.addOption({u"count"_s, u"entities to insert"_s, u"n"_s, u"100000"_s});
    parser.addOption({u"rate"_s, u"live changes per second"_s, u"n"_s, u"1000"_s});
    parser.addOption({u"seconds"_s, u"seconds of live changes"_s, u"s"_s, u"5"_s});
    parser.addOption({u"batch"_s, u"entities per live write call"_s, u"n"_s, u"1"_s});
    parser.addOption({u"inflight"_s, u"live write calls in flight at most"_s, u"n"_s, u"64"_s});
    parser.addOption({u"screenshots"_s, u"directory for pictures"_s, u"dir"_s});
    parser.process(app);
    if (!parser.isSet(u"port"_s)) {
        std::fprintf(stderr, "bench_browser: --port is required\n");
        return 2;
    }
    ConnectionSettings settings;
    settings.host = parser.value(u"host"_s);
    settings.port = parser.value(u"port"_s).toUShort();
    settings.deadlineMs = 60000;
    const int count = parser.value(u"count"_s).toInt();
    const int rate = parser.value(u"rate"_s).toInt();
    const int seconds = parser.value(u"seconds"_s).toInt();
    const QString shots = parser.value(u"screenshots"_s);
    const QString collection = u"Items"_s;

    ThreadsClient client(settings);
    out << "Loom entity browser benchmark against " << settings.endpoint() << "\n";

    // 1. A fresh store with `count` small entities.
    const QByteArray schema = R"({"$schema":"http://json-schema.org/draft-04/schema#","type":"object","properties":{"_id":{"type":"string"},"_mod":{"type":"integer"},"n":{"type":"integer"},"name":{"type":"string"},"tag":{"type":"string"},"flag":{"type":"boolean"}}})";
    StoreId store;
    {
        std::unique_ptr<Reply<StoreId>> reply(client.newStore(u"bench-"_s + QString::number(QRandomGenerator::global()->generate(), 36), {{collection, schema, {}, {}, {}}}));
        reply->setAutoDelete(false);
        spinUntil([&reply] { return reply->isFinished(); }, 30000);
        if (!reply->ok()) {
            std::fprintf(stderr, "new store: %s\n", qPrintable(reply->error().toString()));
            return 1;
        }
        store = reply->result();
    }
    QStringList ids;
    {
        QList<Instance> entities;
        entities.reserve(count);
        for (int i = 0; i < count; ++i)
            entities.append(QJsonObject{{u"n"_s, i}, {u"name"_s, u"item %1"_s.arg(i)}, {u"tag"_s, u"t%1"_s.arg(i % 7)}, {u"flag"_s, i % 2 == 0}});
        QElapsedTimer clock;
        clock.start();
        auto *reply = client.createMany(store, collection, entities, 1000, 4);
        reply->setAutoDelete(false);
        spinUntil([reply] { return reply->isFinished(); }, 600000);
        if (!reply->ok()) {
            std::fprintf(stderr, "createMany: %s\n", qPrintable(reply->error().toString()));
            return 1;
        }
        ids = reply->result();
        delete reply;
        out << QString::asprintf("insert: %d entities with createMany in %.1f s (%.0f/s)\n", count,
                                 clock.elapsed() / 1000.0, count * 1000.0 / std::max<qint64>(1, clock.elapsed()));
    }
    malloc_trim(0);
    spinFor(200);
    malloc_trim(0);
    const qint64 rssBefore = rssKiB();

    // 2. Open the browser; first page: reply -> painted.
    StallProbe probe;
    QElapsedTimer openClock;
    openClock.start();
    auto browser = std::make_unique<EntityBrowserWidget>(BrowserContext{&client, store, collection});
    EntityModel *model = browser->model();
    // The table (fields as columns), the browser's default view; LOOM_BENCH_VIEW=tree: the key-value tree.
    browser->tables()->setTableMode(qgetenv("LOOM_BENCH_VIEW") != "tree");
    QTreeView *view = browser->tables()->isTableMode() ? static_cast<QTreeView *>(browser->tableView()) : browser->view();
    qint64 arrivedNs = -1, insertedNs = -1, paintedNs = -1, openToPaintMs = -1;
    qint64 pageStartNs = 0;
    double pageMaxMs = 0;
    int pages = 0;
    QElapsedTimer precise;
    precise.start();
    QObject::connect(model->pager(), &EntityPager::pageArrived, model, [&] {
        pageStartNs = precise.nsecsElapsed();
        if (arrivedNs < 0)
            arrivedNs = pageStartNs;
    });
    QObject::connect(model->pager(), &EntityPager::pageLoaded, model, [&] {
        const qint64 now = precise.nsecsElapsed();
        if (insertedNs < 0)
            insertedNs = now;
        pageMaxMs = std::max(pageMaxMs, (now - pageStartNs) / 1e6);
        ++pages;
    });
    struct PaintWatch : QObject
    {
        std::function<void()> onPaint;
        bool eventFilter(QObject *, QEvent *e) override
        {
            if (e->type() == QEvent::Paint && onPaint)
                onPaint();
            return false;
        }
    } watch;
    watch.onPaint = [&] {
        if (paintedNs < 0 && insertedNs >= 0) {
            paintedNs = precise.nsecsElapsed();
            openToPaintMs = openClock.elapsed();
        }
    };
    view->viewport()->installEventFilter(&watch);
    browser->resize(1280, 800);
    browser->show();
    probe.start();
    spinUntil([&] { return paintedNs >= 0; }, 30000);
    out << QString::asprintf("first page: reply -> rows in the model %.2f ms, reply -> painted %.2f ms; "
                             "open -> first rows painted %lld ms (%d rows)\n",
                             (insertedNs - arrivedNs) / 1e6, (paintedNs - arrivedNs) / 1e6, openToPaintMs, model->loadedCount());
    const double firstStall = probe.max();

    // 3. Scroll to the bottom until everything is loaded, then around.
    probe.start();
    QElapsedTimer loadClock;
    loadClock.start();
    QTimer scroller;
    scroller.setInterval(16);
    QObject::connect(&scroller, &QTimer::timeout, view, [view] {
        view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum());
    });
    scroller.start();
    spinUntil([&] { return model->pager()->atEnd() && !model->pager()->isLoading(); }, 600000);
    scroller.stop();
    const qint64 loadMs = loadClock.elapsed();
    const double loadStall = probe.max();
    const int loadOver16 = probe.over16();
    const int loaded = model->loadedCount();
    out << QString::asprintf("load all by scrolling: %d entities in %d pages in %.1f s (%.0f/s); longest GUI stall %.1f ms "
                             "(%d gaps > 16 ms); longest page insertion %.1f ms; stall while the window first showed %.1f ms\n",
                             loaded, pages, loadMs / 1000.0, loaded * 1000.0 / std::max<qint64>(1, loadMs), loadStall, loadOver16,
                             pageMaxMs, firstStall);
    probe.start();
    QTimer jumper;
    jumper.setInterval(16);
    QObject::connect(&jumper, &QTimer::timeout, view, [view] {
        QScrollBar *bar = view->verticalScrollBar();
        bar->setValue(int(QRandomGenerator::global()->bounded(bar->maximum() + 1)));
    });
    jumper.start();
    spinFor(3000);
    jumper.stop();
    out << QString::asprintf("scrolling around 100k rows for 3 s: longest GUI stall %.1f ms (%d gaps > 16 ms)\n",
                             probe.max(), probe.over16());
    // Expand a few entities, sort the loaded rows by the name field, expand rows.
    probe.start();
    QElapsedTimer sortClock;
    sortClock.start();
    browser->view()->sortBy(EntityModel::KeyColumn, Qt::DescendingOrder);
    const qint64 sortMs = sortClock.elapsed();
    spinFor(300);
    sortClock.restart();
    browser->view()->sortByField({u"n"_s}, Qt::AscendingOrder);
    const qint64 fieldSortMs = sortClock.elapsed();
    spinFor(300);
    browser->view()->sortBy(-1);
    spinFor(300);
    out << QString::asprintf("sorting the %d loaded rows (the sort proxy comes in): by id %lld ms, by a field %lld ms\n",
                             loaded, sortMs, fieldSortMs);

    // What one relayout and one repaint of the tree cost now.
    {
        double layoutMax = 0, paintMax = 0;
        for (int i = 0; i < 10; ++i) {
            QElapsedTimer t;
            t.start();
            view->doItemsLayout();
            layoutMax = std::max(layoutMax, t.nsecsElapsed() / 1e6);
            t.restart();
            view->viewport()->repaint();
            paintMax = std::max(paintMax, t.nsecsElapsed() / 1e6);
        }
        out << QString::asprintf("with %d rows: a full relayout of the tree takes up to %.1f ms, a full repaint of its viewport %.1f ms\n",
                                 loaded, layoutMax, paintMax);
    }

    // 4. Memory per entity.
    malloc_trim(0);
    const qint64 rssAfter = rssKiB();
    qint64 jsonBytes = 0;
    for (int r = 0; r < model->rowCount(); ++r)
        jsonBytes += QJsonDocument(model->document(model->keyAt(model->index(r, 0)))).toJson(QJsonDocument::Compact).size();
    out << QString::asprintf("entities with child rows built: %d (of %d)\n", model->builtEntityCount(), loaded);
    out << QString::asprintf("memory: RSS +%.1f MiB for %d entities = %.0f bytes/entity (their JSON: %.0f bytes/entity, ratio %.1f)\n",
                             (rssAfter - rssBefore) / 1024.0, loaded, (rssAfter - rssBefore) * 1024.0 / std::max(1, loaded),
                             double(jsonBytes) / std::max(1, loaded),
                             (rssAfter - rssBefore) * 1024.0 / std::max<qint64>(1, jsonBytes));
    if (!shots.isEmpty()) {
        QDir().mkpath(shots);
        view->scrollToTop();
        spinFor(100);
        browser->grab().save(shots + u"/bench-100k.png"_s);
    }

    // 5. Live: `rate` changes per second from another client, for `seconds`.
    // (The daemon sends nothing until the first event: warm the subscription up first.)
    {
        qint64 seen = 0;
        QObject::connect(browser.get(), &EntityBrowserWidget::changesSeen, browser.get(),
                         [&seen](const QList<ChangeEvent> &e) { seen += e.size(); });
        for (int attempt = 0; attempt < 20 && seen == 0; ++attempt) {
            std::unique_ptr<VoidReply> r(client.save(store, collection, {QJsonObject{{u"_id"_s, ids.first()}, {u"n"_s, -1}, {u"name"_s, u"warm-up %1"_s.arg(attempt)}}}));
            r->setAutoDelete(false);
            spinUntil([&r] { return r->isFinished(); }, 5000);
            spinUntil([&] { return seen > 0; }, 500);
        }
    }
    const qint64 appliedBefore = model->live()->liveEventsApplied();
    qint64 received = 0;
    qint64 batches = 0;
    QObject::connect(browser.get(), &EntityBrowserWidget::changesSeen, browser.get(), [&](const QList<ChangeEvent> &e) {
        received += e.size();
        ++batches;
    });
    QThread writerThread;
    auto *writer = new Writer(settings, store, collection, ids.mid(0, std::min<qsizetype>(ids.size(), 5000)), rate, seconds,
                              parser.value(u"batch"_s).toInt(), parser.value(u"inflight"_s).toInt());
    writer->moveToThread(&writerThread);
    QObject::connect(&writerThread, &QThread::finished, writer, &QObject::deleteLater);
    writerThread.start();
    probe.start();
    QElapsedTimer liveClock;
    liveClock.start();
    QMetaObject::invokeMethod(writer, [writer] { writer->run(); }, Qt::QueuedConnection);
    const qint64 total = qint64(rate) * seconds;
    spinUntil([&] { return writer->m_ok + writer->m_failed >= total; }, (seconds + 60) * 1000);
    const qint64 writesMs = liveClock.elapsed();
    spinFor(1500); // the last events and the coalescing interval
    const double liveStall = probe.max();
    const int liveOver16 = probe.over16();
    const qint64 applied = model->live()->liveEventsApplied() - appliedBefore;
    out << QString::asprintf("live: another client wrote %lld changes (%lld ok; %s per call) in %.2f s = %.0f/s; the browser received %lld events "
                             "in %lld batches (%.0f/s over the writing time), applied %lld (%.0f/s); longest GUI stall %.1f ms (%d gaps > 16 ms); "
                             "entities now %d\n",
                             total, qint64(writer->m_ok), qPrintable(parser.value(u"batch"_s)), writesMs / 1000.0, total * 1000.0 / std::max<qint64>(1, writesMs), received,
                             batches, received * 1000.0 / std::max<qint64>(1, writesMs), applied,
                             applied * 1000.0 / std::max<qint64>(1, writesMs), liveStall, liveOver16, model->loadedCount());
    if (!shots.isEmpty()) {
        browser->grab().save(shots + u"/bench-live.png"_s);
    }
    writerThread.quit();
    writerThread.wait();

    // 6. The view's own capacity, without the daemon's write speed in the way: the same mix of
    // changes fed to the model as Listen batches of 100 ms, at `rate` events per second.
    {
        spinFor(1600); // let the last highlights fade
        probe.start();
        const qint64 appliedStart = model->live()->liveEventsApplied();
        QElapsedTimer clock;
        clock.start();
        qint64 fed = 0;
        QTimer feeder;
        feeder.setTimerType(Qt::PreciseTimer);
        feeder.setInterval(100);
        QObject::connect(&feeder, &QTimer::timeout, model, [&] {
            const qint64 due = std::min<qint64>(qint64(rate) * seconds, clock.elapsed() * rate / 1000);
            QList<ChangeEvent> batch;
            for (; fed < due; ++fed) {
                const int i = int(fed);
                ChangeEvent e;
                e.collection = collection;
                e.receivedMs = QDateTime::currentMSecsSinceEpoch();
                if (i % 10 == 9) {
                    e.action = ChangeAction::Create;
                    e.instanceId = u"zz-synthetic-%1"_s.arg(i, 8, 10, QChar(u'0'));
                    e.instance = QJsonObject{{u"_id"_s, e.instanceId}, {u"n"_s, -i}, {u"name"_s, u"synthetic %1"_s.arg(i)}, {u"tag"_s, u"new"_s}, {u"flag"_s, false}};
                } else {
                    e.action = ChangeAction::Save;
                    e.instanceId = ids[(i * 7) % ids.size()];
                    e.instance = QJsonObject{{u"_id"_s, e.instanceId}, {u"n"_s, i}, {u"name"_s, u"fed %1"_s.arg(i)}, {u"tag"_s, u"live"_s}, {u"flag"_s, true}};
                }
                batch.append(e);
            }
            if (!batch.isEmpty())
                model->live()->applyChanges(batch);
            if (fed >= qint64(rate) * seconds)
                feeder.stop();
        });
        feeder.start();
        spinUntil([&] { return !feeder.isActive(); }, (seconds + 10) * 1000);
        const qint64 ms = clock.elapsed();
        spinFor(300);
        out << QString::asprintf("view capacity: %lld events fed straight to the model in 100 ms batches over %.2f s: applied %lld "
                                 "(%.0f/s); longest GUI stall %.1f ms (%d gaps > 16 ms); entities now %d\n",
                                 fed, ms / 1000.0, model->live()->liveEventsApplied() - appliedStart,
                                 (model->live()->liveEventsApplied() - appliedStart) * 1000.0 / std::max<qint64>(1, ms), probe.max(),
                                 probe.over16(), model->loadedCount());
    }
    probe.stop();
    browser.reset();
    out.flush();
    return 0;
}
