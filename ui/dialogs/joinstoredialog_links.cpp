// JoinStoreDialog: joining from several invitation links at once (issue 15), and where the join runs.
#include "joinstoredialog.h"

#include "session/connection.h"
#include "dialogs/joinattemptsview.h"
#include "models/invitelinkmodel.h"
#include "threadsclient.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace loom {

bool JoinStoreDialog::targetIsLocal() const
{
    if (!m_target)
        return true;
    QString host = m_target->settings().host.trimmed().toLower();
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    return host == u"localhost"_s || host.startsWith(u"127."_s) || host == u"::1"_s
           || host.startsWith(u"unix:"_s);
}

QString JoinStoreDialog::whereText() const
{
    if (!m_target)
        return {};
    const QString daemon = u"“%1” (%2)"_s.arg(m_target->displayName(), m_target->endpoint());
    if (targetIsLocal())
        return tr("The join runs on the daemon %1, which is on this computer: that daemon dials the inviting "
                  "daemon's address, not Loom.").arg(daemon);
    return tr("The join runs on the daemon %1, not on this computer: that daemon must be able to reach the "
              "inviting daemon's address. Loopback and private-network addresses are tried last, since from "
              "there they may point at its own machine or network.").arg(daemon);
}

bool JoinStoreDialog::parseSeveral(const QString &text)
{
    static const QRegularExpression space(u"\\s+"_s);
    const QStringList tokens = text.split(space, Qt::SkipEmptyParts);
    if (tokens.size() < 2)
        return false;
    QStringList errors;
    const QList<InviteLink> links = parseInviteLinks(tokens.join(u'\n'), &errors);
    QString problem;
    if (!errors.isEmpty() || links.isEmpty())
        problem = errors.isEmpty() ? tr("none of the lines is an invitation link.") : errors.join(u"; "_s);
    for (const InviteLink &link : links) {
        if (problem.isEmpty() && link.storeId() != links.first().storeId())
            problem = tr("the links are of different stores (%1 and %2): paste the links of one store.")
                          .arg(links.first().storeId().toString(), link.storeId().toString());
    }
    if (!problem.isEmpty()) {
        m_linkProblem = problem;
        m_linkStatus->setStyleSheet(u"color: #c62828;"_s);
        // The parser's messages never contain key text.
        m_linkStatus->setText(tr("Not valid invitation links: %1").arg(problem));
        return true;
    }
    m_linkProblem.clear();
    m_parsed = links.first();
    m_links = orderForJoin(links, targetIsLocal());
    m_linkStatus->setStyleSheet(u"color: #2e7d32;"_s);
    m_linkStatus->setText(tr("✔ %n links to the store %1 (key %2). The joining daemon tries their addresses in "
                             "turn, in the order below, and stops at the first that works.",
                             nullptr, int(m_links.size()))
                              .arg(m_parsed->storeId().toString(), m_parsed->key().masked()));
    m_attempts->setPlan(m_links);
    m_attempts->setVisible(true);
    return true;
}

void JoinStoreDialog::submitSeveral()
{
    const QString name = m_name->text().trimmed();
    const StoreId store = m_parsed->storeId();
    auto *reply = joinFromAny(m_target->client(), m_links, collections(), 8000, name);
    // The report is there whether the join worked or not: show it before the dialog says more.
    reply->then(this, [this](Reply<JoinReport> *r) {
        m_report = r->result();
        if (!m_report.attempts.isEmpty())
            m_attempts->setReport(m_report);
    });
    run(reply, m_target,
        tr("Trying %n address(es) in turn (the joining daemon dials each, up to 8 s per address)…", nullptr,
           int(m_links.size())),
        [this, store, name](ReplyBase *) {
            Q_EMIT storeJoined(store, name);
            // Stay open on the report: which address worked, and what happened at the others.
            const int used = m_report.joinedIndex;
            m_linkStatus->setStyleSheet(u"color: #2e7d32;"_s);
            m_linkStatus->setText(used >= 0 ? tr("✔ Joined the store through address %1 (%2).")
                                                  .arg(used + 1)
                                                  .arg(JoinAttemptsView::addressText(m_report.attempts[used].link))
                                            : tr("✔ Joined the store."));
            setInputsEnabled(false);
            okButton()->setVisible(false);
            cancelButton()->setText(tr("Close"));
            return false;
        });
}

} // namespace loom
