#include "newstoredialog.h"

#include "session/connection.h"
#include "schemacheck.h"
#include "threadsclient.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace loom {

NewStoreDialog::NewStoreDialog(Connection *connection, ActivityTracker *tracker, QWidget *parent)
    : CallDialog(tracker, parent)
    , m_connection(connection)
    , m_name(new QLineEdit(this))
    , m_hint(new QLabel(this))
{
    setWindowTitle(tr("New store"));
    setObjectName(u"newStoreDialog"_s);
    m_name->setObjectName(u"storeName"_s);
    m_name->setPlaceholderText(tr("optional, e.g. my-notes"));
    m_name->setToolTip(tr("Letters, digits and single hyphens between them. Empty: the daemon calls it “unnamed”."));
    m_hint->setObjectName(u"nameProblem"_s);
    m_hint->setWordWrap(true);
    m_hint->setStyleSheet(u"color: #c62828;"_s);
    m_hint->setVisible(false);

    auto *content = new QWidget(this);
    auto *form = new QFormLayout(content);
    form->setContentsMargins(0, 0, 0, 0);
    auto *intro = new QLabel(tr("A store holds collections of entities and replicates them to every daemon "
                                "that joins it with an invitation link (the daemon's thread DB)."),
                             content);
    intro->setWordWrap(true);
    form->addRow(intro);
    form->addRow(tr("Daemon:"), new QLabel(connection->displayName() + u"  ("_s + connection->endpoint() + u')', content));
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_hint);
    setContent(content);
    setOkText(tr("Create store"));
    resize(460, sizeHint().height());

    connect(m_name, &QLineEdit::textChanged, this, &NewStoreDialog::validate);
    validate();
    m_name->setFocus(); // typing a name then Enter names the store (not "unnamed")
}

void NewStoreDialog::validate()
{
    const QString name = m_name->text().trimmed();
    const QString problem = name.isEmpty() ? QString() : schemacheck::nameProblem(name);
    m_hint->setText(problem);
    m_hint->setVisible(!problem.isEmpty());
    setInputValid(problem.isEmpty() && m_connection);
}

void NewStoreDialog::setInputsEnabled(bool enabled)
{
    m_name->setEnabled(enabled);
}

void NewStoreDialog::submit()
{
    if (!m_connection)
        return;
    const QString name = m_name->text().trimmed();
    auto *reply = m_connection->client()->newStore(name);
    run(reply, m_connection, tr("Creating the store…"), [this, reply, name](ReplyBase *) {
        m_created = reply->result();
        Q_EMIT storeCreated(m_created, name);
        return true;
    });
}

} // namespace loom
