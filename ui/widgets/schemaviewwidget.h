#pragma once

#include "storeid.h"
#include "types.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;

namespace loom {

class MessageBar;
class SchemaEditor;
class ThreadsClient;

// A collection's schema and indexes, read-only, as the daemon has them now (GetCollectionInfo).
// The default content of a collection's tab; "Edit schema…" asks the owner to open the editor.
class SchemaViewWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SchemaViewWidget)

public:
    SchemaViewWidget(ThreadsClient *client, const StoreId &store, const QString &collection,
                     QWidget *parent = nullptr);

    StoreId store() const { return m_store; }
    QString collection() const { return m_collection; }
    bool isLoaded() const { return m_loaded; }
    CollectionConfig config() const { return m_config; }
    QString schemaText() const;
    QString indexText() const;
    void reload();

Q_SIGNALS:
    void loaded();
    void editRequested();

private:
    void showConfig(const CollectionConfig &config);

    QPointer<ThreadsClient> m_client;
    StoreId m_store;
    QString m_collection;
    QLabel *m_title;
    QLabel *m_subtitle;
    QPushButton *m_edit;
    SchemaEditor *m_schema;
    QLabel *m_indexes;
    QLabel *m_hooks;
    MessageBar *m_error;
    CollectionConfig m_config;
    bool m_loaded = false;
    quint64 m_generation = 0;
};

} // namespace loom
