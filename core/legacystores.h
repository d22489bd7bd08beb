#pragma once

#include "storeid.h"
#include "types.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

class QSettings;

namespace loom {

// A model (the legacy daemon's collection) as Loom registered it: the daemon cannot list them.
struct RememberedModel
{
    QString name;
    QByteArray schema;        // JSON schema text as registered
    QList<IndexSpec> indexes;
    bool operator==(const RememberedModel &) const = default;
};

// A legacy store Loom knows on one daemon: made (NewStore), joined (StartFromAddress) or opened
// by id by the user. `started`: Start/StartFromAddress succeeded (a never-started store is
// forgotten by the daemon when it restarts; GetStoreLink on it kills a v0.1.10 daemon).
// `written`: this daemon wrote to it (for joined stores: the first local write kills a v0.1.10
// joiner, see ThreadsClient::needsFirstWriteWarning).
struct RememberedStore
{
    enum How { Created, Joined, Opened };
    StoreId id;
    QString name;
    How how = Created;
    bool started = false;
    bool written = false;
    QList<RememberedModel> models;
};

// Loom's memory of the stores of legacy v0.1 daemons, which cannot list their own stores: per
// daemon endpoint ("host:port"), in QSettings (by default QSettings("Loom", "loom"), which the GUI
// and loom-cli share). Never holds keys. Used on the caller's thread.
class LegacyStoreBook
{
public:
    // `settings` (not owned) must outlive the book; null: QSettings("Loom", "loom").
    explicit LegacyStoreBook(QString endpoint, QSettings *settings = nullptr);
    ~LegacyStoreBook();
    Q_DISABLE_COPY_MOVE(LegacyStoreBook)

    QString endpoint() const { return m_endpoint; }
    QList<RememberedStore> stores() const; // in the order they were first remembered
    std::optional<RememberedStore> find(const StoreId &store) const;
    // Adds or replaces (by id); the models and flags of an existing entry are kept when the new
    // one has none / false (a store once started stays started).
    void remember(const RememberedStore &store);
    void forget(const StoreId &store);
    void markStarted(const StoreId &store);
    void addModel(const StoreId &store, const RememberedModel &model); // replaces one of that name
    void markWritten(const StoreId &store);

private:
    void write(const RememberedStore &store);
    QString group() const;

    QString m_endpoint;
    QSettings *m_settings;
    std::unique_ptr<QSettings> m_own;
};

} // namespace loom
