#pragma once

#include "types.h"

#include <QDialog>

#include <memory>

class QCheckBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace loom {

class ThreadsClient;
class TokenDialog;

// Add or edit a connection: name, host, port, TLS (+ CA file), token, deadline. "Test" asks the
// daemon (a ping) without adding anything; "Get…" gets a token from the daemon with an identity
// (TokenDialog). The token is a secret: it is remembered only when "remember token" is ticked,
// and then in the system keychain.
class ConnectionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionDialog)

public:
    explicit ConnectionDialog(QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    void setSettings(const ConnectionSettings &settings, bool rememberToken);
    ConnectionSettings settings() const;
    bool rememberToken() const;
    bool isInputValid() const;

    QPushButton *okButton() const;
    QPushButton *testButton() const { return m_test; }
    QString testResult() const;
    QPushButton *getTokenButton() const { return m_getToken; }
    // Opens the token dialog (the "Get…" button); its token fills the field when accepted.
    TokenDialog *getToken();

private:
    void validate();
    void test();
    void browseCa();

    QLineEdit *m_name;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QCheckBox *m_tls;
    QLineEdit *m_caFile;
    QPushButton *m_browse;
    QLineEdit *m_token;
    QPushButton *m_getToken;
    QCheckBox *m_remember;
    QDoubleSpinBox *m_deadline;
    QLabel *m_problem;
    QPushButton *m_test;
    QLabel *m_testResult;
    QDialogButtonBox *m_buttons;
    std::unique_ptr<ThreadsClient> m_testClient;
    int m_testGeneration = 0; // drops answers to earlier tests
};

} // namespace loom
