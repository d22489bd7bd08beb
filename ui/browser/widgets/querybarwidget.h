#pragma once

#include "jsonrules.h"
#include "query.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QLineEdit;
class QMenu;
class QToolButton;

namespace loom {

class QueryBuilderWidget;
class QueryLineEdit;

// The query bar of an entity browser. It takes the query language of core/queryexpr.h
// (`age > 30 and name = "Bob" sort -age limit 50`) or, for text starting with '{', the daemon's
// raw JSON (Query::fromJson + validate()). It is checked as you type: a mistake is shown under the
// bar with its column and a caret under it, and nothing is sent while it stands. Field names and
// keywords complete from the schema (QueryLineEdit). The builder and the bar follow each other:
// an edit in the builder rewrites the bar in the language; a valid query typed in the bar is
// loaded into the builder, or the builder says why it cannot show it. History keeps the text as
// typed, per collection (QSettings).
class QueryBarWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueryBarWidget)

public:
    explicit QueryBarWidget(QWidget *parent = nullptr);

    // Where the history lives in QSettings, e.g. "<store id>/<collection>".
    void setHistoryKey(const QString &key);
    QStringList history() const;
    // `idField`: "_id", or "ID" on a legacy v0.1 daemon.
    void setFields(const QStringList &paths, const QHash<QString, QString> &types,
                   const QString &idField = QString(json::kIdField));

    QString text() const;
    void setText(const QString &text);
    bool isValid() const { return m_valid; }
    Query query() const { return m_query; }
    // "Not sent: column 12: expected a value after '>'" (empty when valid).
    QString errorText() const;
    // The text near the mistake, and a caret line under it (empty when valid).
    QString caretText() const;
    QString hintText() const;
    QueryBuilderWidget *builder() const { return m_builder; }
    QLineEdit *lineEdit() const;
    QueryLineEdit *queryEdit() const { return m_edit; }
    void setBuilderVisible(bool visible);

public Q_SLOTS:
    void run(); // emits queryRequested() when the text is a valid query; else shows the mistake

Q_SIGNALS:
    void queryRequested(const loom::Query &query);

private:
    void check();
    void showError(const QString &message, int column, int length);
    void syncBuilder();
    void addToHistory(const QString &text);
    void fillHistoryMenu();

    QueryLineEdit *m_edit;
    QToolButton *m_run;
    QToolButton *m_builderButton;
    QToolButton *m_historyButton;
    QMenu *m_historyMenu;
    QLabel *m_error;
    QLabel *m_caret;
    QLabel *m_hint;
    QueryBuilderWidget *m_builder;
    QString m_historyKey;
    Query m_query;
    bool m_valid = true;
    bool m_fromBuilder = false;
    bool m_insist = false; // run() asked: show even an unfinished query's mistake in red
    int m_errorColumn = 0;
    int m_errorLength = 0;
};

} // namespace loom
