#include "tokendialog.h"

#include "threadsclient.h"

#include <QButtonGroup>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

// Identity files are tiny; anything larger is not one (and is not read whole).
constexpr qint64 kMaxIdentityFile = 4096;

} // namespace

TokenDialog::TokenDialog(const ConnectionSettings &connection, QWidget *parent)
    : QDialog(parent)
    , m_connection(connection)
    , m_generated(Identity::generate())
    , m_new(new QRadioButton(tr("A &new identity, made now"), this))
    , m_fromFile(new QRadioButton(tr("An identity &file:"), this))
    , m_file(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse…"), this))
    , m_publicKey(new QLabel(this))
    , m_copy(new QPushButton(tr("&Copy"), this))
    , m_save(new QPushButton(tr("&Save identity as…"), this))
    , m_get(new QPushButton(tr("&Get token"), this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    m_connection.token.clear(); // the token being replaced is not sent
    setObjectName(u"tokenDialog"_s);
    setWindowTitle(tr("Get a token from %1").arg(m_connection.endpoint()));
    auto *intro = new QLabel(tr("The daemon issues a token to an identity (an Ed25519 key pair) that proves it holds "
                                "the private key. Loom sends the token with every call of this connection; the "
                                "daemon knows the writer by the identity's public key."),
                             this);
    intro->setWordWrap(true);
    m_file->setObjectName(u"identityFile"_s);
    m_file->setPlaceholderText(tr("saved by “loom-cli token --save-identity FILE”"));
    m_publicKey->setObjectName(u"publicKey"_s);
    m_publicKey->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_publicKey->setWordWrap(true);
    m_copy->setObjectName(u"copyPublicKey"_s);
    m_copy->setToolTip(tr("Copy the public key (not a secret)"));
    m_save->setObjectName(u"saveIdentity"_s);
    m_save->setToolTip(tr("Write the new identity's private key to a file only you can read, to use it again "
                          "(here or with loom-cli --identity)"));
    m_get->setObjectName(u"getToken"_s);
    m_status->setObjectName(u"tokenStatus"_s);
    m_status->setWordWrap(true);
    useButton()->setText(tr("&Use token"));
    useButton()->setEnabled(false);

    auto *choice = new QButtonGroup(this);
    choice->addButton(m_new);
    choice->addButton(m_fromFile);
    m_new->setChecked(true);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_fromFile);
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_browse);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_publicKey, 1);
    keyRow->addWidget(m_copy);
    auto *form = new QFormLayout;
    auto *keyLabel = new QLabel(tr("Public key:"), this);
    form->addRow(keyLabel, keyRow);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_save);
    actions->addStretch();
    actions->addWidget(m_get);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_new);
    layout->addLayout(fileRow);
    layout->addLayout(form);
    layout->addLayout(actions);
    layout->addWidget(m_status);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(choice, &QButtonGroup::buttonToggled, this, [this](QAbstractButton *, bool on) {
        if (on)
            chooseIdentity();
    });
    connect(m_file, &QLineEdit::editingFinished, this, &TokenDialog::loadFile);
    connect(m_browse, &QPushButton::clicked, this, [this] {
        auto *dialog = new QFileDialog(this, tr("Identity file"), m_file->text());
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setFileMode(QFileDialog::ExistingFile);
        connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
            m_fromFile->setChecked(true);
            m_file->setText(path);
            loadFile();
        });
        dialog->open();
    });
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(publicKeyText());
        setStatus(tr("Copied the public key."), false);
    });
    connect(m_save, &QPushButton::clicked, this, [this] {
        auto *dialog = new QFileDialog(this, tr("Save the identity (private key)"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        connect(dialog, &QFileDialog::fileSelected, this, &TokenDialog::saveIdentity);
        dialog->open();
    });
    connect(m_get, &QPushButton::clicked, this, &TokenDialog::requestToken);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!m_token.isEmpty())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    chooseIdentity();
    m_get->setDefault(true);
    m_get->setFocus();
    resize(560, sizeHint().height());
}

TokenDialog::~TokenDialog() = default;

QPushButton *TokenDialog::useButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QString TokenDialog::publicKeyText() const
{
    return m_identity ? m_identity->publicKeyText() : QString();
}

QString TokenDialog::statusText() const
{
    return m_status->text();
}

void TokenDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? u"color: #c62828;"_s : QString());
}

void TokenDialog::chooseIdentity()
{
    m_token.clear();
    useButton()->setEnabled(false);
    const bool fromFile = m_fromFile->isChecked();
    m_file->setEnabled(fromFile);
    m_save->setEnabled(!fromFile);
    if (fromFile) {
        loadFile();
        return;
    }
    m_identity = m_generated;
    m_publicKey->setText(publicKeyText());
    m_copy->setEnabled(true);
    m_get->setEnabled(true);
    setStatus(QString(), false);
}

void TokenDialog::loadFile()
{
    if (!m_fromFile->isChecked())
        return;
    m_identity.reset();
    m_token.clear();
    useButton()->setEnabled(false);
    const QString path = m_file->text().trimmed();
    QString problem;
    if (path.isEmpty()) {
        problem = tr("Choose the identity file.");
    } else {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            problem = tr("Cannot read %1: %2.").arg(path, file.errorString());
        } else if (file.size() > kMaxIdentityFile) {
            problem = tr("%1 is not an identity file (too large).").arg(path);
        } else {
            QString why;
            m_identity = Identity::fromFileContents(file.readAll(), &why);
            if (!m_identity)
                problem = tr("%1 is not an identity (an Ed25519 private key): %2.").arg(path, why);
        }
    }
    m_publicKey->setText(m_identity ? publicKeyText() : tr("—"));
    m_copy->setEnabled(m_identity.has_value());
    m_get->setEnabled(m_identity.has_value());
    setStatus(problem, !problem.isEmpty() && !path.isEmpty());
}

bool TokenDialog::saveIdentity(const QString &path)
{
    QFile file(path);
    // Never over another file, and readable by the owner only: the private key is a secret.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        setStatus(tr("Cannot create %1: %2.").arg(path, file.errorString()), true);
        return false;
    }
    const QByteArray key = m_generated.privateKeyBytes();
    if (file.write(key) != key.size() || !file.flush()) {
        setStatus(tr("Cannot write %1: %2.").arg(path, file.errorString()), true);
        file.remove();
        return false;
    }
    setStatus(tr("Saved the identity to %1 (readable by you only).").arg(path), false);
    return true;
}

void TokenDialog::requestToken()
{
    if (!m_identity)
        return;
    m_client = std::make_unique<ThreadsClient>(m_connection); // an earlier request is cancelled
    const int generation = ++m_generation;
    m_get->setEnabled(false);
    setStatus(tr("Asking %1 for a token…").arg(m_connection.endpoint()), false);
    auto *reply = m_client->getToken(*m_identity);
    reply->then(this, [this, generation](Reply<QString> *r) {
        if (generation != m_generation)
            return;
        m_get->setEnabled(true);
        if (r->ok()) {
            m_token = r->result();
            useButton()->setEnabled(true);
            useButton()->setDefault(true);
            setStatus(tr("✔ The daemon issued a token for this identity. “Use token” puts it in the connection."),
                      false);
        } else {
            m_token.clear();
            useButton()->setEnabled(false);
            setStatus(tr("No token: %1").arg(r->error().message()), true);
        }
        Q_EMIT tokenReceived();
    });
}

} // namespace loom
