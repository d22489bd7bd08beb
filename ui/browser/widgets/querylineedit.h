#pragma once

#include "jsonrules.h"
#include "queryexpr.h"

#include <QLineEdit>

class QCompleter;
class QStringListModel;

namespace loom {

// The query bar's line: completes the word under the cursor with field names from the schema
// and with the keywords that fit there (core's queryExprCompletionAt), after `and`/`or` too.
// Typing a word opens the list; Ctrl+Space opens it anywhere. With the list open, Enter or Tab
// takes the chosen entry (Enter runs the query when none is chosen) and Escape closes it. Raw JSON
// (text starting with '{') is not completed.
class QueryLineEdit final : public QLineEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueryLineEdit)

public:
    explicit QueryLineEdit(QWidget *parent = nullptr);

    void setFields(const QStringList &paths, const QString &idField = QString(json::kIdField));
    QCompleter *fieldCompleter() const { return m_completer; }
    bool isCompletionVisible() const;
    // Offers what fits at the cursor; with `always`, also before anything is typed.
    void showCompletion(bool always = true);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;

private:
    void insertCompletion(const QString &completion);

    QCompleter *m_completer;
    QStringListModel *m_model;
    QStringList m_fields;
    QueryExprCompletion m_word;
};

} // namespace loom
