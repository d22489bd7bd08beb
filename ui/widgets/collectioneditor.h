#pragma once

#include "schemacheck.h"
#include "types.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableView;

namespace loom {

class IndexListModel;
class IndexPathDelegate;
class SchemaEditor;

// Edits one collection config: name (new collections only), JSON schema and indexes, checked as
// the person types (schemacheck): "valid JSON / valid schema", then the errors and warnings with
// their paths. isValid() is false while anything would be refused.
class CollectionEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CollectionEditor)

public:
    enum class Mode { Create, Edit };

    explicit CollectionEditor(Mode mode, QWidget *parent = nullptr);

    Mode mode() const { return m_mode; }
    // Create: starts from the config (name may be empty); Edit: the collection as it is now.
    void setConfig(const CollectionConfig &config);
    CollectionConfig original() const { return m_original; }
    CollectionConfig config() const;

    bool isValid() const { return m_valid; }
    bool isJsonValid() const { return m_jsonValid; }
    // Edit mode: whether the schema (by value) or the indexes differ from the original.
    bool isModified() const;
    QList<schemacheck::Problem> problems() const { return m_problems; }
    QString nameProblem() const { return m_nameProblem; }
    QString summary() const;

    SchemaEditor *schemaEditor() const { return m_editor; }
    QLineEdit *nameEdit() const { return m_name; }
    IndexListModel *indexModel() const { return m_indexes; }
    void setReadOnly(bool readOnly);
    // The entity id field of the daemon's generation. "ID" (a legacy v0.1 daemon): the starting
    // schema declares "ID" instead of "_id" and "_mod", and the v1 rules about them do not apply.
    void setIdField(const QString &field);
    void focusFirstField(); // the name (creating) or the schema text (editing)

Q_SIGNALS:
    // After every check (each edit of name, schema or indexes).
    void validated(bool valid);

private:
    void validate();
    void showProblems();
    void jumpToProblem(int row);
    QStringList indexablePaths() const;

    Mode m_mode;
    QString m_idField = QStringLiteral("_id");
    CollectionConfig m_original;
    QLineEdit *m_name;
    QLabel *m_nameHint;
    SchemaEditor *m_editor;
    QLabel *m_summary;
    QListWidget *m_problemList;
    IndexListModel *m_indexes;
    IndexPathDelegate *m_pathDelegate;
    QTableView *m_indexTable;
    QPushButton *m_addIndex;
    QPushButton *m_removeIndex;
    QPushButton *m_format;
    QList<schemacheck::Problem> m_problems;
    QString m_nameProblem;
    QString m_jsonError;
    int m_jsonErrorOffset = -1;
    bool m_jsonValid = false;
    bool m_valid = false;
};

} // namespace loom
