#include "schemaviewwidget.h"

#include "widgets/messagebar.h"
#include "icons/iconprovider.h"
#include "models/schemadiff.h"
#include "schemaeditor.h"
#include "threadsclient.h"

#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace loom {

SchemaViewWidget::SchemaViewWidget(ThreadsClient *client, const StoreId &store, const QString &collection,
                                   QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_store(store)
    , m_collection(collection)
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_edit(new QPushButton(icon(u"document-edit"_s), tr("&Edit schema…"), this))
    , m_schema(new SchemaEditor(this))
    , m_indexes(new QLabel(this))
    , m_hooks(new QLabel(this))
    , m_error(new MessageBar(this))
{
    setObjectName(u"schemaView"_s);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setText(collection);
    m_subtitle->setText(tr("Collection schema — loading…"));
    m_subtitle->setStyleSheet(u"color: palette(dark);"_s);
    m_edit->setObjectName(u"editSchemaButton"_s);
    m_edit->setEnabled(false);
    auto *reloadButton = new QPushButton(icon(u"view-refresh"_s), tr("Reload"), this);
    m_schema->setReadOnly(true);
    m_schema->setObjectName(u"schemaText"_s);
    m_indexes->setObjectName(u"indexList"_s);
    m_indexes->setWordWrap(true);
    m_indexes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hooks->setWordWrap(true);
    m_hooks->setVisible(false);

    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    header->addLayout(titles, 1);
    header->addWidget(reloadButton, 0, Qt::AlignTop);
    header->addWidget(m_edit, 0, Qt::AlignTop);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_error);
    layout->addWidget(m_schema, 1);
    layout->addWidget(m_indexes);
    layout->addWidget(m_hooks);

    connect(m_edit, &QPushButton::clicked, this, &SchemaViewWidget::editRequested);
    connect(reloadButton, &QPushButton::clicked, this, &SchemaViewWidget::reload);
    reload();
}

QString SchemaViewWidget::schemaText() const
{
    return m_schema->toPlainText();
}

QString SchemaViewWidget::indexText() const
{
    return m_indexes->text();
}

void SchemaViewWidget::reload()
{
    if (!m_client)
        return;
    const quint64 generation = ++m_generation;
    m_client->collectionInfo(m_store, m_collection)->then(this, [this, generation](Reply<CollectionConfig> *r) {
        if (generation != m_generation)
            return;
        if (!r->ok()) {
            m_error->showError(r->error());
            m_subtitle->setText(tr("Collection schema"));
            return;
        }
        m_error->clear();
        showConfig(r->result());
    });
}

void SchemaViewWidget::showConfig(const CollectionConfig &config)
{
    m_config = config;
    m_loaded = true;
    m_edit->setEnabled(true);
    const QString title = QJsonDocument::fromJson(config.schema).object().value(u"title"_s).toString();
    m_subtitle->setText(title.isEmpty() ? tr("Collection schema (JSON Schema, as the daemon stores it)")
                                        : tr("Collection schema “%1” (JSON Schema, as the daemon stores it)").arg(title));
    // Keep the scroll position across reloads.
    const int scroll = m_schema->verticalScrollBar()->value();
    m_schema->setPlainText(schemadiff::pretty(config.schema));
    m_schema->verticalScrollBar()->setValue(scroll);
    QStringList indexes;
    for (const IndexSpec &i : config.indexes)
        indexes << (i.unique ? tr("%1 (unique)").arg(i.path) : i.path);
    m_indexes->setText(indexes.isEmpty() ? tr("Indexes: only _id.") : tr("Indexes: _id, %1.").arg(indexes.join(u", "_s)));
    QStringList hooks;
    if (!config.writeValidator.isEmpty())
        hooks << tr("a write validator (%n line(s))", nullptr, int(config.writeValidator.count(u'\n')) + 1);
    if (!config.readFilter.isEmpty())
        hooks << tr("a read filter (%n line(s))", nullptr, int(config.readFilter.count(u'\n')) + 1);
    m_hooks->setText(tr("This collection has %1 (JavaScript); schema edits keep them as they are.")
                         .arg(hooks.join(tr(" and "))));
    m_hooks->setVisible(!hooks.isEmpty());
    Q_EMIT loaded();
}

} // namespace loom
