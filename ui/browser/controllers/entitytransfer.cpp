#include "entitytransfer.h"

#include "browser/models/jsonvalues.h"
#include "browser/models/counttext.h"
#include "browser/models/entitymodel.h"
#include "browser/models/pagequery.h"
#include "entitytext.h"
#include "jsonrules.h"
#include "threadsclient.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProgressDialog>
#include <QThreadPool>

using namespace Qt::StringLiterals;

namespace loom {

namespace {
constexpr int kExportPage = 1000;
}

EntityTransfer::EntityTransfer(const BrowserContext &context, EntityModel *model, QWidget *dialogParent)
    : QObject(model)
    , m_context(context)
    , m_model(model)
    , m_dialogParent(dialogParent)
{
}

EntityTransfer::~EntityTransfer()
{
    if (m_reply)
        m_reply->cancel();
    closeProgress();
}

void EntityTransfer::showProgress(const QString &label, int maximum)
{
    closeProgress();
    m_progress = new QProgressDialog(label, tr("Cancel"), 0, maximum, m_dialogParent);
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(300);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    m_progress->setValue(0);
    connect(m_progress, &QProgressDialog::canceled, this, &EntityTransfer::cancel);
}

void EntityTransfer::closeProgress()
{
    if (m_progress) {
        m_progress->disconnect(this);
        m_progress->hide();
        m_progress->deleteLater();
    }
    m_progress = nullptr;
}

void EntityTransfer::cancel()
{
    m_cancelled = true;
    ++m_generation;
    if (m_reply)
        m_reply->cancel(); // createMany: batches already created stay created
    if (m_file) {
        m_file->cancelWriting();
        finishExport({});
    }
}

void EntityTransfer::importFile(const QString &path)
{
    if (m_busy)
        return;
    m_busy = true;
    m_cancelled = false;
    showProgress(tr("Reading %1…").arg(path), 0);
    // Reading and parsing a big file would stall the GUI: done on the thread pool.
    QPointer<EntityTransfer> self(this);
    QThreadPool::globalInstance()->start([self, path] {
        QList<QJsonObject> entities;
        QString problem;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            problem = tr("Cannot read %1: %2").arg(path, file.errorString());
        } else if (auto parsed = parseEntityText(file.readAll(), &problem)) {
            entities = std::move(*parsed);
        } else {
            problem = tr("%1: %2").arg(path, problem);
        }
        if (problem.isEmpty() && entities.isEmpty())
            problem = tr("The file holds no entities.");
        QMetaObject::invokeMethod(
            qApp, [self, entities = std::move(entities), problem] {
                if (self)
                    self->startImport(entities, problem);
            },
            Qt::QueuedConnection);
    });
}

void EntityTransfer::startImport(const QList<QJsonObject> &entities, const QString &problem)
{
    if (m_cancelled || !problem.isEmpty()) {
        closeProgress();
        m_busy = false;
        Q_EMIT importFinished(0, problem.isEmpty() ? Error() : Error::invalidInput(problem), m_cancelled);
        return;
    }
    showProgress(tr("Creating %1…").arg(entityCount(entities.size())), int(entities.size()));
    m_lastImport = {};
    QList<QJsonObject> sent = entities;
    if (m_context.idField() != json::kIdField) // legacy v0.1: each needs an "ID" ("" for a new one)
        for (QJsonObject &entity : sent)
            entity = json::forCreate(entity, m_context.idField());
    auto *reply = m_context.client->createEntities(m_context.store, m_context.collection, sent);
    m_context.track(reply, tr("import %1 into %2").arg(entityCount(entities.size()), m_context.collection));
    m_reply = reply;
    connect(reply, &ReplyBase::progress, this, [this](qint64 done, qint64 total) {
        if (m_progress) {
            m_progress->setMaximum(int(total));
            m_progress->setValue(int(done));
        }
    });
    reply->then(this, [this](auto *reply) {
        m_reply = nullptr;
        closeProgress();
        m_busy = false;
        const bool cancelled = m_cancelled || reply->error().kind() == ErrorKind::Cancelled;
        // Listen drops events under bursts: read the loaded range again.
        m_model->pager()->refreshLoaded();
        m_lastImport = reply->result();
        const int stored = int(m_lastImport.count(BatchOutcome::Stored));
        Q_EMIT importFinished(stored, cancelled ? Error() : reply->error(), cancelled);
    });
}

void EntityTransfer::exportQuery(const Query &query, const QString &path)
{
    if (m_busy)
        return;
    m_busy = true;
    m_cancelled = false;
    m_file = std::make_unique<QSaveFile>(path);
    if (!m_file->open(QIODevice::WriteOnly)) {
        const QString error = tr("Cannot write %1: %2").arg(path, m_file->errorString());
        m_file.reset();
        m_busy = false;
        Q_EMIT exportFinished(0, error, false);
        return;
    }
    m_file->write("[");
    m_exportQuery = query;
    m_after.clear();
    m_written = 0;
    m_sortBuffer.clear();
    showProgress(tr("Exporting…"), 0);
    requestExportPage();
}

void EntityTransfer::requestExportPage()
{
    int rows = kExportPage;
    if (m_exportQuery.limit() > 0)
        rows = std::min(rows, m_exportQuery.limit() - m_written - int(m_sortBuffer.size()));
    if (!m_exportQuery.index().isEmpty())
        rows = m_exportQuery.limit();
    const Query q = paging::page(m_exportQuery, m_after, rows);
    auto *reply = m_context.client->find(m_context.store, m_context.collection, q);
    m_context.track(reply, tr("export %1").arg(m_context.collection));
    m_reply = reply;
    reply->then(this, [this, generation = m_generation, requested = q.limit()](auto *reply) {
        if (generation != m_generation || !m_file)
            return;
        m_reply = nullptr;
        if (!reply->ok()) {
            m_file->cancelWriting();
            finishExport(reply->error().message());
            return;
        }
        QList<QJsonObject> docs = reply->takeResult();
        const qsizetype received = paging::trimPage(docs, m_after, m_model->idField());
        const bool end = received < requested || requested == 0 || !m_exportQuery.index().isEmpty()
                         || (m_exportQuery.limit() > 0 && m_written + m_sortBuffer.size() + docs.size() >= m_exportQuery.limit());
        if (!docs.isEmpty())
            m_after = docs.last().value(m_model->idField()).toString();
        if (m_exportQuery.sortsOnClient()) {
            m_sortBuffer += docs;
        } else {
            for (const QJsonObject &doc : std::as_const(docs)) {
                m_file->write(m_written++ == 0 ? "\n  " : ",\n  ");
                m_file->write(QJsonDocument(doc).toJson(QJsonDocument::Compact));
            }
        }
        if (m_progress)
            m_progress->setLabelText(tr("Exporting… %1").arg(entityCount(m_written + m_sortBuffer.size())));
        if (end || docs.isEmpty())
            finishExport({});
        else
            requestExportPage();
    });
}

void EntityTransfer::finishExport(const QString &error)
{
    ++m_generation;
    closeProgress();
    bool cancelled = m_cancelled;
    QString problem = error;
    if (m_file && error.isEmpty() && !cancelled) {
        if (!m_sortBuffer.isEmpty()) {
            Query::sortPage(m_sortBuffer, *m_exportQuery.sort());
            for (const QJsonObject &doc : std::as_const(m_sortBuffer)) {
                m_file->write(m_written++ == 0 ? "\n  " : ",\n  ");
                m_file->write(QJsonDocument(doc).toJson(QJsonDocument::Compact));
            }
            m_sortBuffer.clear();
        }
        m_file->write(m_written > 0 ? "\n]\n" : "]\n");
        if (!m_file->commit())
            problem = tr("Cannot write %1: %2").arg(m_file->fileName(), m_file->errorString());
    }
    m_file.reset();
    m_busy = false;
    Q_EMIT exportFinished(m_written, problem, cancelled);
}

} // namespace loom
