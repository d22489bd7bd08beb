#pragma once

#include "identity.h"
#include "types.h"

#include <QDialog>

#include <memory>
#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace loom {

class ThreadsClient;

// Gets a token from the daemon (GetToken, threads-api.md §5) for a connection being set up: with
// a new Ed25519 identity made here, or one loaded from a file (what `loom-cli token
// --save-identity` writes: the private key, raw or base64). Shows the identity's public key (the
// daemon knows the writer by it) with a button to copy it; a new identity can be saved to a file
// (owner-only, never overwriting). "Use token" accepts; token() is then the daemon's answer. The
// private key is never shown, logged or kept beyond this dialog unless saved to a file.
class TokenDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenDialog)

public:
    // `connection`: where to ask (its token, if any, is not sent).
    explicit TokenDialog(const ConnectionSettings &connection, QWidget *parent = nullptr);
    ~TokenDialog() override;

    QString token() const { return m_token; }
    QString publicKeyText() const;
    QString statusText() const;
    QPushButton *getButton() const { return m_get; }
    QPushButton *useButton() const;
    QPushButton *copyButton() const { return m_copy; }
    QPushButton *saveButton() const { return m_save; }
    QRadioButton *fileChoice() const { return m_fromFile; }
    QLineEdit *fileEdit() const { return m_file; }

    // Writes the new identity to `path` (0600, never over an existing file); false + a word if not.
    bool saveIdentity(const QString &path);
    void requestToken();

Q_SIGNALS:
    void tokenReceived(); // or refused: statusText() says which

private:
    void chooseIdentity();
    void loadFile();
    void setStatus(const QString &text, bool error);

    ConnectionSettings m_connection;
    Identity m_generated;
    std::optional<Identity> m_identity; // the one in use: generated, or loaded
    QRadioButton *m_new;
    QRadioButton *m_fromFile;
    QLineEdit *m_file;
    QPushButton *m_browse;
    QLabel *m_publicKey;
    QPushButton *m_copy;
    QPushButton *m_save;
    QPushButton *m_get;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    std::unique_ptr<ThreadsClient> m_client;
    QString m_token;
    int m_generation = 0;
};

} // namespace loom
