#include "connectiondialog.h"

#include "tokendialog.h"

#include "threadsclient.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace loom {

ConnectionDialog::ConnectionDialog(QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_tls(new QCheckBox(tr("Use &TLS"), this))
    , m_caFile(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Browse…"), this))
    , m_token(new QLineEdit(this))
    , m_getToken(new QPushButton(tr("&Get…"), this))
    , m_remember(new QCheckBox(tr("&Remember the token (in the system keychain)"), this))
    , m_deadline(new QDoubleSpinBox(this))
    , m_problem(new QLabel(this))
    , m_test(new QPushButton(tr("&Test"), this))
    , m_testResult(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Connection"));
    setObjectName(u"connectionDialog"_s);
    m_name->setObjectName(u"connectionName"_s);
    m_host->setObjectName(u"host"_s);
    m_port->setObjectName(u"port"_s);
    m_tls->setObjectName(u"tls"_s);
    m_caFile->setObjectName(u"caFile"_s);
    m_token->setObjectName(u"token"_s);
    m_remember->setObjectName(u"rememberToken"_s);
    m_remember->setToolTip(tr("Kept in the system keychain (GNOME Keyring, KWallet), never in Loom's settings file; "
                              "without a keychain, only until Loom quits"));
    m_getToken->setObjectName(u"getTokenButton"_s);
    m_getToken->setToolTip(tr("Get a token from the daemon with a new or saved identity"));
    m_deadline->setObjectName(u"deadline"_s);
    m_test->setObjectName(u"testButton"_s);
    m_testResult->setObjectName(u"testResult"_s);
    okButton()->setObjectName(u"okButton"_s);

    m_name->setPlaceholderText(tr("defaults to host:port"));
    m_host->setPlaceholderText(u"127.0.0.1"_s);
    m_port->setRange(1, 65535);
    m_caFile->setPlaceholderText(tr("system roots"));
    m_caFile->setToolTip(tr("PEM file with the certificate authorities to trust; empty: the system's"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("none (a local daemon needs none)"));
    m_token->setToolTip(tr("Sent as “authorization: bearer <token>” with every call"));
    m_deadline->setRange(0.5, 600);
    m_deadline->setDecimals(1);
    m_deadline->setSuffix(tr(" s"));
    m_deadline->setToolTip(tr("How long one call may take before Loom gives up (the gRPC deadline)"));
    m_problem->setObjectName(u"problem"_s);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(u"color: #c62828;"_s);
    m_testResult->setWordWrap(true);
    m_testResult->setTextFormat(Qt::PlainText);

    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(m_browse);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_testResult, 1);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(QString(), m_tls);
    auto *caLabel = new QLabel(tr("&CA file:"), this);
    caLabel->setBuddy(m_caFile); // (a row of a layout gets no buddy: the & would show)
    form->addRow(caLabel, caRow);
    auto *tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(m_getToken);
    auto *tokenLabel = new QLabel(tr("T&oken:"), this);
    tokenLabel->setBuddy(m_token);
    form->addRow(tokenLabel, tokenRow);
    form->addRow(QString(), m_remember);
    form->addRow(tr("&Deadline:"), m_deadline);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addLayout(testRow);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (isInputValid())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_browse, &QPushButton::clicked, this, &ConnectionDialog::browseCa);
    connect(m_test, &QPushButton::clicked, this, &ConnectionDialog::test);
    connect(m_getToken, &QPushButton::clicked, this, &ConnectionDialog::getToken);
    for (QLineEdit *edit : {m_name, m_host, m_caFile, m_token})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionDialog::validate);
    connect(m_port, &QSpinBox::valueChanged, this, &ConnectionDialog::validate);
    connect(m_tls, &QCheckBox::toggled, this, &ConnectionDialog::validate);

    setSettings(ConnectionSettings(), false);
    resize(480, sizeHint().height());
}

ConnectionDialog::~ConnectionDialog() = default;

QPushButton *ConnectionDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void ConnectionDialog::setSettings(const ConnectionSettings &s, bool rememberToken)
{
    m_name->setText(s.name);
    m_host->setText(s.host);
    m_port->setValue(s.port);
    m_tls->setChecked(s.tls);
    m_caFile->setText(s.caFile);
    m_token->setText(s.token);
    m_remember->setChecked(rememberToken);
    m_deadline->setValue(s.deadlineMs / 1000.0);
    validate();
}

ConnectionSettings ConnectionDialog::settings() const
{
    ConnectionSettings s;
    s.name = m_name->text().trimmed();
    s.host = m_host->text().trimmed();
    s.port = quint16(m_port->value());
    s.tls = m_tls->isChecked();
    s.caFile = s.tls ? m_caFile->text().trimmed() : QString();
    s.token = m_token->text().trimmed();
    s.deadlineMs = int(m_deadline->value() * 1000);
    return s;
}

bool ConnectionDialog::rememberToken() const
{
    return m_remember->isChecked() && !m_token->text().trimmed().isEmpty();
}

bool ConnectionDialog::isInputValid() const
{
    return okButton()->isEnabled();
}

QString ConnectionDialog::testResult() const
{
    return m_testResult->text();
}

void ConnectionDialog::validate()
{
    m_caFile->setEnabled(m_tls->isChecked());
    m_browse->setEnabled(m_tls->isChecked());
    m_remember->setEnabled(!m_token->text().trimmed().isEmpty());
    QString problem;
    const QString host = m_host->text().trimmed();
    const QString ca = m_caFile->text().trimmed();
    if (host.isEmpty())
        problem = tr("A host is required, e.g. 127.0.0.1.");
    else if (host.contains(u' ') || host.contains(u'/'))
        problem = tr("The host must be a name or an address, without spaces or slashes.");
    else if (m_tls->isChecked() && !ca.isEmpty() && !QFileInfo(ca).isFile())
        problem = tr("The CA file does not exist: %1").arg(ca);
    else if (m_tls->isChecked() && !ca.isEmpty())
        problem = readCaFile(ca).message(); // the core's own check: readable, PEM certificates
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    okButton()->setEnabled(problem.isEmpty());
    m_test->setEnabled(problem.isEmpty());
    m_getToken->setEnabled(problem.isEmpty());
    m_testResult->clear();
}

TokenDialog *ConnectionDialog::getToken()
{
    auto *dialog = new TokenDialog(settings(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { m_token->setText(dialog->token()); });
    dialog->open();
    return dialog;
}

void ConnectionDialog::browseCa()
{
    auto *dialog = new QFileDialog(this, tr("CA certificates (PEM)"), m_caFile->text(),
                                   tr("PEM files (*.pem *.crt);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, m_caFile, &QLineEdit::setText);
    dialog->open();
}

void ConnectionDialog::test()
{
    m_testClient = std::make_unique<ThreadsClient>(settings()); // the earlier test's call is cancelled
    const int test = ++m_testGeneration;
    m_testResult->setText(tr("Asking %1…").arg(settings().endpoint()));
    m_test->setEnabled(false);
    auto *reply = m_testClient->ping();
    reply->then(this, [this, test](VoidReply *r) {
        if (test != m_testGeneration)
            return; // an earlier test's answer
        m_test->setEnabled(true);
        m_testResult->setText(r->ok() ? tr("✔ A go-threads daemon answers at %1.").arg(settings().endpoint())
                                      : r->error().message());
        m_testResult->setToolTip(r->ok() ? QString() : r->error().details());
        m_testResult->setStyleSheet(r->ok() ? u"color: #2e7d32;"_s : u"color: #c62828;"_s);
    });
}

} // namespace loom
