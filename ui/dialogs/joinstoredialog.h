#pragma once

#include "calldialog.h"
#include "invitelink.h"
#include "joinattempts.h"
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
class JoinAttemptsView;

// Join a store from an invitation link (either text form InviteLink::parse reads) or from an
// address and a key, checked as they are typed with the parser's own message.
//
// Collections are not replicated to a joining daemon, so they must be sent with the join. When
// another open connection has the store (preferably the daemon whose peer ID is in the link),
// its collection configs are taken and the dialog says so; otherwise the person can add the
// schemas (name + schema editor, repeatable), and the dialog says why.
//
// Several links at once (pasted lines, or the "Copy all links" output; issue 15): the addresses
// are tried in turn by the joining daemon (joinFromAny), loopback and private ones last when that
// daemon is on another machine; the dialog lists them in that order and then what happened at
// each. It says where the join runs: on the joining daemon, not on Loom's machine.
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
    // The links to try, in the order they will be tried (one for a single link).
    QList<InviteLink> linksToTry() const { return m_links; }
    JoinAttemptsView *attemptsView() const { return m_attempts; }
    // The last join's report, address by address (after a join from several links).
    const JoinReport &lastReport() const { return m_report; }
    // "The join runs on …": where the join runs, in words.
    QString whereText() const;
    // Whether the joining daemon is on this computer (its connection's host is a loopback address).
    bool targetIsLocal() const;
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
    bool parseSeveral(const QString &text);
    void submitSeveral();

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
    QList<InviteLink> m_links;
    JoinReport m_report;
    JoinAttemptsView *m_attempts;
    QLabel *m_where;
};

} // namespace loom
