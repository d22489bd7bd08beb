#pragma once

#include "jsonrules.h"
#include "query.h"

#include <QHash>
#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QToolButton;
class QVBoxLayout;

namespace loom {

// A simple query builder: conditions (field, operator, value of a type), joined by "all" (ands)
// or "any" (the first condition in ands, the others as ors alternatives: with an empty ands the
// daemon would match everything), a sort, skip and limit. changed() after every edit; query()
// builds the daemon's query from it. A query it cannot show (and mixed with or, seek, index) is
// not loaded: it says why and stays read-only until it is given one it can show.
class QueryBuilderWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueryBuilderWidget)

public:
    explicit QueryBuilderWidget(QWidget *parent = nullptr);

    // Field paths to offer, with their schema types ("string", "number", "integer", "boolean").
    void setFields(const QStringList &paths, const QHash<QString, QString> &types,
                   const QString &idField = QString(json::kIdField));
    Query query() const;
    // Loads what the builder can express (all-ands, or one and + single-criterion ors; sort, skip,
    // limit). Otherwise false: the builder shows why (note()) and takes no edits.
    bool setQuery(const Query &query);
    QString note() const;

    // Programmatic use (tests, shortcuts).
    int conditionCount() const { return int(m_rows.size()); }
    void addCondition(const QString &field = {}, Op op = Op::Eq, const QString &value = {}, const QString &type = {});
    void setMatchAny(bool any);
    void setSort(const QString &field, bool desc);
    void setLimit(int limit);
    void setSkip(int skip);

Q_SIGNALS:
    void changed();
    void runRequested();

private:
    struct Row
    {
        QWidget *widget;
        QComboBox *field;
        QComboBox *op;
        QLineEdit *value;
        QComboBox *type;
    };
    void removeRow(QWidget *row);
    void clearRows();
    std::optional<Criterion> criterion(const Row &row) const;
    void fieldChosen(Row row);

    QStringList m_paths;
    QHash<QString, QString> m_types;
    std::vector<Row> m_rows;
    QVBoxLayout *m_rowsLayout;
    QComboBox *m_match;
    QComboBox *m_sortField;
    QComboBox *m_sortOrder;
    QSpinBox *m_limit;
    QSpinBox *m_skip;
    QLabel *m_note;
    QWidget *m_body;
};

} // namespace loom
