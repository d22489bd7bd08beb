#pragma once

#include "query.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QLineEdit;
class QMenu;
class QToolButton;

namespace loom {

class QueryBuilderWidget;

// The query bar of an entity browser: the daemon's JSON query language as text, checked as you
// type (Query::fromJson + validate(); the problem shown inline, nothing sent while it stands),
// its warnings as a hint, a builder that writes the JSON, and the recent queries of the
// collection (QSettings).
class QueryBarWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueryBarWidget)

public:
    explicit QueryBarWidget(QWidget *parent = nullptr);

    // Where the history lives in QSettings, e.g. "<store id>/<collection>".
    void setHistoryKey(const QString &key);
    QStringList history() const;
    void setFields(const QStringList &paths, const QHash<QString, QString> &types);

    QString text() const;
    void setText(const QString &text);
    bool isValid() const { return m_valid; }
    Query query() const { return m_query; }
    QString errorText() const;
    QString hintText() const;
    QueryBuilderWidget *builder() const { return m_builder; }
    QLineEdit *lineEdit() const { return m_edit; }
    void setBuilderVisible(bool visible);

public Q_SLOTS:
    void run(); // emits queryRequested() when the text is a valid query

Q_SIGNALS:
    void queryRequested(const loom::Query &query);

private:
    void check();
    void addToHistory(const QString &text);
    void fillHistoryMenu();

    QLineEdit *m_edit;
    QToolButton *m_run;
    QToolButton *m_builderButton;
    QToolButton *m_historyButton;
    QMenu *m_historyMenu;
    QLabel *m_error;
    QLabel *m_hint;
    QueryBuilderWidget *m_builder;
    QString m_historyKey;
    Query m_query;
    bool m_valid = true;
    bool m_fromBuilder = false;
};

} // namespace loom
