#pragma once

#include "browser/browsercontext.h"

#include "storeid.h"

#include <QDialog>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace loom {

class ThreadsClient;

// "Do these entities exist?": paste ids, one per line, and check them in one go (the daemon's
// Has answers for all at once; when some are missing, each id is asked on its own to say which).
class HasIdsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HasIdsDialog)

public:
    explicit HasIdsDialog(const BrowserContext &context, QWidget *parent = nullptr);

    void setIds(const QStringList &ids);
    QStringList ids() const;
    QString summary() const;
    // id -> exists, once checked.
    QHash<QString, bool> results() const { return m_results; }

public Q_SLOTS:
    void check();

Q_SIGNALS:
    void checked();

private:
    void showResults();

    BrowserContext m_context;
    QPlainTextEdit *m_input;
    QPushButton *m_check;
    QLabel *m_summary;
    QListWidget *m_list;
    QHash<QString, bool> m_results;
    quint64 m_generation = 0;
    int m_pending = 0;
};

} // namespace loom
