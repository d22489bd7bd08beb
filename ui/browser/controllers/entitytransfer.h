#pragma once

#include "browser/browsercontext.h"
#include "error.h"
#include "query.h"
#include "reply.h"
#include "types.h"

#include <QObject>
#include <QPointer>
#include <QProgressDialog>
#include <QSaveFile>

#include <memory>


namespace loom {

class EntityModel;

// Import and export for an entity browser. Import: a JSON file (an array of entity objects, or
// one object) is read off the GUI thread, then created in bulk with createMany under a progress
// dialog that can cancel (batches already created stay). Export: every page of the current
// query, written to a JSON array file as the pages arrive (QSaveFile: a cancelled or failed
// export leaves no half file).
class EntityTransfer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityTransfer)

public:
    EntityTransfer(const BrowserContext &context, EntityModel *model, QWidget *dialogParent);
    ~EntityTransfer() override;

    bool isBusy() const { return m_busy; }
    QProgressDialog *progressDialog() const { return m_progress; }
    // What the last import did, batch by batch: stored, not stored, or unknown (sent, no answer).
    const BulkCreateResult &lastImport() const { return m_lastImport; }

    void importFile(const QString &path);
    void exportQuery(const Query &query, const QString &path);
    void cancel();

Q_SIGNALS:
    // `created`: the entities stored (also when the import failed part way: see lastImport()).
    void importFinished(int created, const loom::Error &error, bool cancelled);
    void exportFinished(int written, const QString &error, bool cancelled);

private:
    void startImport(const QList<QJsonObject> &entities, const QString &problem);
    void requestExportPage();
    void finishExport(const QString &error);
    void showProgress(const QString &label, int maximum);
    void closeProgress();

    BrowserContext m_context;
    EntityModel *m_model;
    QPointer<QWidget> m_dialogParent;
    QPointer<QProgressDialog> m_progress;
    QPointer<ReplyBase> m_reply;
    BulkCreateResult m_lastImport;
    bool m_busy = false;
    bool m_cancelled = false;
    // export state
    std::unique_ptr<QSaveFile> m_file;
    Query m_exportQuery;
    QList<QJsonObject> m_sortBuffer; // for a sort the daemon cannot do: sorted before writing
    QString m_after;
    int m_written = 0;
    quint64 m_generation = 0;
};

} // namespace loom
