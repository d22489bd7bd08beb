#pragma once

#include "calldialog.h"
#include "invitelink.h"
#include "types.h"

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;

namespace loom {

class CollectionEditor;
class ConnectionManager;

// Join a store from an invitation link (either text form InviteLink::parse reads) or from an
// address and a key, checked as they are typed with the parser's own message.
//
// Collections are not replicated to a joining daemon, so they must be sent with the join. When
// another open connection has the store (preferably the daemon whose peer ID is in the link),
// its collection configs are taken and the dialog says so; otherwise the person can add the
// schemas (name + schema editor, repeatable), and the dialog says why.
class JoinStoreDialog final : public CallDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JoinStoreDialog)

public:
    JoinStoreDialog(Connection *target, ConnectionManager *manager, ActivityTracker *tracker,
                    QWidget *parent = nullptr);

    QLineEdit *linkEdit() const { return m_link; }
    QLineEdit *addressEdit() const { return m_address; }
    QLineEdit *keyEdit() const { return m_key; }
    QLineEdit *nameEdit() const { return m_name; }
    QTabWidget *inputTabs() const { return m_inputTabs; }
    // The parser's message for the current input ("" when the link is valid).
    QString linkProblem() const { return m_linkProblem; }
    QString collectionsStatus() const;
    // Where the collections come from (null: typed in by the person, or none).
    Connection *collectionSource() const { return m_source; }
    QList<CollectionConfig> collections() const;
    bool isLookingUp() const { return m_pending > 0 || m_listing; }
    void addCollectionEditor();

Q_SIGNALS:
    void storeJoined(const loom::StoreId &store, const QString &name);

protected:
    void submit() override;
    void setInputsEnabled(bool enabled) override;

private:
    void parseInput();
    void validate();
    QString generationNote() const;
    QString checkGeneration(const QString &text) const;
    void findInviter();
    void choose(Connection *source);
    void findLegacyInviter(const QList<Connection *> &others, quint64 lookup);
    void showManual(const QString &why);

    QPointer<Connection> m_target;
    ConnectionManager *m_manager;
    QTabWidget *m_inputTabs;
    QLineEdit *m_link;
    QLineEdit *m_address;
    QLineEdit *m_key;
    QLabel *m_linkStatus;
    QLineEdit *m_name;
    QLabel *m_nameHint;
    QLabel *m_collectionsStatus;
    QStackedWidget *m_collectionsStack;
    QTabWidget *m_editors;
    QPushButton *m_addCollection;
    std::optional<InviteLink> m_parsed;
    QString m_linkProblem;
    StoreId m_lookedUp;
    StoreId m_sourceStore; // the store on the inviting connection (a legacy link names its thread)
    quint64 m_lookup = 0;
    int m_pending = 0;
    bool m_listing = false;
    QPointer<Connection> m_fallback;
    QPointer<Connection> m_source;
    QList<CollectionConfig> m_sourceConfigs;
};

} // namespace loom
