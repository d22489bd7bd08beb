#include "joinstoredialog.h"

#include "session/connection.h"
#include "session/connectionmanager.h"
#include "icons/iconprovider.h"
#include "dialogs/joinattemptsview.h"
#include "models/invitelinkmodel.h"
#include "schemacheck.h"
#include "threadsclient.h"
#include "widgets/collectioneditor.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

QLineEdit *secretEdit(QWidget *parent, const QString &objectName)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setEchoMode(QLineEdit::Password);
    return edit;
}

// The edit and a "Show" button that reveals its text (a link or key is a secret).
QWidget *secretRow(QLineEdit *edit, QWidget *parent)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *show = new QToolButton(row);
    show->setObjectName(edit->objectName() + u"Show"_s);
    show->setText(QObject::tr("Show"));
    show->setCheckable(true);
    show->setToolTip(QObject::tr("Show the text (it contains the store's key)"));
    QObject::connect(show, &QToolButton::toggled, edit,
                     [edit](bool on) { edit->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    layout->addWidget(edit, 1);
    layout->addWidget(show);
    return row;
}

} // namespace

JoinStoreDialog::JoinStoreDialog(Connection *target, ConnectionManager *manager, ActivityTracker *tracker,
                                 QWidget *parent)
    : CallDialog(tracker, parent)
    , m_target(target)
    , m_manager(manager)
    , m_inputTabs(new QTabWidget(this))
    , m_link(secretEdit(this, u"inviteLink"_s))
    , m_address(new QLineEdit(this))
    , m_key(secretEdit(this, u"storeKey"_s))
    , m_linkStatus(new QLabel(this))
    , m_name(new QLineEdit(this))
    , m_nameHint(new QLabel(this))
    , m_collectionsStatus(new QLabel(this))
    , m_collectionsStack(new QStackedWidget(this))
    , m_editors(new QTabWidget(this))
    , m_addCollection(new QPushButton(icon(u"list-add"_s), tr("Add a collection"), this))
    , m_attempts(new JoinAttemptsView(this))
    , m_where(new QLabel(this))
{
    setObjectName(u"joinStoreDialog"_s);
    setWindowTitle(tr("Join a store on “%1”").arg(target->displayName()));
    m_inputTabs->setObjectName(u"inputTabs"_s);
    m_link->setPlaceholderText(tr("/ip4/…/tcp/…/p2p/…/thread/…?key"));
    m_link->setToolTip(tr("An invitation link: <address>?<key> (Loom, go-threads v1) or "
                          "<address>?<follow key>&<read key> (the seed client)"));
    m_address->setObjectName(u"address"_s);
    m_address->setPlaceholderText(tr("/ip4/…/tcp/…/p2p/<peer ID>/thread/<store ID>"));
    m_address->setToolTip(tr("One address of the inviting daemon (a multiaddr with /p2p/ and /thread/)"));
    m_key->setPlaceholderText(tr("the store key (multibase), or <follow key>&<read key>"));
    m_linkStatus->setObjectName(u"linkStatus"_s);
    m_linkStatus->setWordWrap(true);
    m_linkStatus->setTextFormat(Qt::PlainText);
    m_name->setObjectName(u"storeName"_s);
    m_name->setPlaceholderText(tr("optional: the name of the store on this daemon"));
    m_nameHint->setWordWrap(true);
    m_nameHint->setStyleSheet(u"color: #c62828;"_s);
    m_nameHint->setVisible(false);
    m_collectionsStatus->setObjectName(u"collectionsStatus"_s);
    m_collectionsStatus->setWordWrap(true);
    m_collectionsStatus->setTextFormat(Qt::PlainText);
    m_editors->setObjectName(u"collectionEditors"_s);
    m_editors->setTabsClosable(true);
    m_addCollection->setObjectName(u"addCollection"_s);

    auto *linkPage = new QWidget(this);
    auto *linkLayout = new QVBoxLayout(linkPage);
    linkLayout->addWidget(new QLabel(tr("Paste the invitation link you received (or all of its links, one per line):"),
                                     linkPage));
    linkLayout->addWidget(secretRow(m_link, linkPage));
    linkLayout->addWidget(m_attempts);
    m_attempts->setVisible(false);
    m_where->setObjectName(u"joinWhere"_s);
    m_where->setWordWrap(true);
    m_where->setTextFormat(Qt::PlainText);
    m_where->setStyleSheet(u"color: #616161;"_s);
    m_where->setText(whereText());
    linkLayout->addStretch();
    auto *partsPage = new QWidget(this);
    auto *partsLayout = new QFormLayout(partsPage);
    partsLayout->addRow(tr("&Address:"), m_address);
    partsLayout->addRow(tr("&Key:"), secretRow(m_key, partsPage));
    m_inputTabs->addTab(linkPage, tr("Invitation link"));
    m_inputTabs->addTab(partsPage, tr("Address and key"));

    auto *form = new QFormLayout;
    form->addRow(tr("Join on:"), new QLabel(target->displayName() + u"  ("_s + target->endpoint() + u')', this));
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_nameHint);

    auto *manualPage = new QWidget(this);
    auto *manualLayout = new QVBoxLayout(manualPage);
    manualLayout->setContentsMargins(0, 0, 0, 0);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_addCollection);
    addRow->addStretch();
    manualLayout->addLayout(addRow);
    manualLayout->addWidget(m_editors, 1);
    m_collectionsStack->addWidget(new QWidget(this));
    m_collectionsStack->addWidget(manualPage);
    m_collectionsStack->setVisible(false);

    auto *collectionsBox = new QGroupBox(tr("Collections"), this);
    auto *collectionsLayout = new QVBoxLayout(collectionsBox);
    collectionsLayout->addWidget(m_collectionsStatus);
    collectionsLayout->addWidget(m_collectionsStack, 1);

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_inputTabs);
    layout->addWidget(m_linkStatus);
    layout->addWidget(m_where);
    layout->addLayout(form);
    layout->addWidget(collectionsBox);
    layout->addStretch(1);
    setContent(content);
    // Only typed-in collections need room; otherwise the sentence says it all.
    connect(m_collectionsStack, &QStackedWidget::currentChanged, this, [this, layout, collectionsBox](int page) {
        m_collectionsStack->setVisible(page == 1);
        layout->setStretchFactor(collectionsBox, page == 1 ? 1 : 0);
        layout->setStretch(layout->count() - 1, page == 1 ? 0 : 1);
    });
    setOkText(tr("Join store"));

    connect(m_link, &QLineEdit::textChanged, this, &JoinStoreDialog::parseInput);
    connect(m_address, &QLineEdit::textChanged, this, &JoinStoreDialog::parseInput);
    connect(m_key, &QLineEdit::textChanged, this, &JoinStoreDialog::parseInput);
    connect(m_inputTabs, &QTabWidget::currentChanged, this, &JoinStoreDialog::parseInput);
    connect(m_name, &QLineEdit::textChanged, this, &JoinStoreDialog::validate);
    connect(m_addCollection, &QPushButton::clicked, this, &JoinStoreDialog::addCollectionEditor);
    connect(m_editors, &QTabWidget::tabCloseRequested, this, [this](int i) {
        QWidget *page = m_editors->widget(i);
        m_editors->removeTab(i);
        delete page;
        validate();
    });

    resize(760, 480);
    parseInput();
}

QString JoinStoreDialog::collectionsStatus() const
{
    return m_collectionsStatus->text();
}

void JoinStoreDialog::parseInput()
{
    QString text;
    QString missing;
    if (m_inputTabs->currentIndex() == 0) {
        text = m_link->text();
        if (text.trimmed().isEmpty())
            missing = tr("Paste an invitation link: <address>?<key>.");
    } else {
        const QString address = m_address->text().trimmed();
        const QString key = m_key->text().trimmed();
        if (address.isEmpty())
            missing = tr("Enter the address of the inviting daemon.");
        else if (key.isEmpty())
            missing = tr("Enter the store key.");
        text = address + u'?' + key;
    }
    m_parsed.reset();
    m_links.clear();
    m_attempts->setVisible(false);
    const bool several = missing.isEmpty() && m_inputTabs->currentIndex() == 0 && parseSeveral(text);
    const bool otherGeneration = !several && missing.isEmpty() && !(missing = checkGeneration(text)).isEmpty();
    if (several) {
        // several links: parseSeveral said what it found
    } else if (!missing.isEmpty()) {
        m_linkProblem = missing;
        m_linkStatus->setStyleSheet(otherGeneration ? u"color: #c62828;"_s : QString());
        m_linkStatus->setText(missing);
    } else {
        QString why;
        m_parsed = InviteLink::parse(text, &why);
        if (!m_parsed) {
            m_linkProblem = why.isEmpty() ? tr("This is not an invitation link.") : why;
            m_linkStatus->setStyleSheet(u"color: #c62828;"_s);
            // The parser's message never contains key text.
            m_linkStatus->setText(tr("Not a valid invitation link: %1").arg(m_linkProblem));
        } else {
            m_linkProblem.clear();
            m_links = {*m_parsed};
            const Multiaddr address = m_parsed->address();
            m_linkStatus->setStyleSheet(u"color: #2e7d32;"_s);
            const bool legacy = m_parsed->generation() == ApiGeneration::Legacy;
            m_linkStatus->setText(tr("✔ Store %1\nat peer %2 (%3:%4, %5); key %6")
                                      .arg(m_parsed->storeId().toString(), address.peerId(), address.host())
                                      .arg(address.port())
                                      .arg(InviteLinkModel::scopeLabel(address.scope()),
                                           legacy ? tr("(follow and read keys, hidden)") : m_parsed->key().masked())
                                  + u'\n' + generationNote());
        }
    }
    const StoreId id = m_parsed ? m_parsed->storeId() : StoreId();
    if (id != m_lookedUp) {
        m_lookedUp = id;
        findInviter();
    }
    validate();
}

void JoinStoreDialog::validate()
{
    const QString name = m_name->text().trimmed();
    const QString nameProblem = name.isEmpty() ? QString() : schemacheck::nameProblem(name);
    m_nameHint->setText(nameProblem);
    m_nameHint->setVisible(!nameProblem.isEmpty());
    bool editorsValid = true;
    for (int i = 0; i < m_editors->count(); ++i) {
        auto *editor = static_cast<CollectionEditor *>(m_editors->widget(i));
        editorsValid = editorsValid && editor->isValid();
        const QString title = editor->config().name.isEmpty() ? tr("Collection %1").arg(i + 1) : editor->config().name;
        m_editors->setTabText(i, title);
        m_editors->setTabIcon(i, editor->isValid() ? QIcon() : icon(u"dialog-error"_s));
    }
    setInputValid(m_parsed.has_value() && nameProblem.isEmpty() && editorsValid && !isLookingUp() && m_target);
}

void JoinStoreDialog::findInviter()
{
    const quint64 lookup = ++m_lookup;
    m_pending = 0;
    m_listing = false;
    m_source = nullptr;
    m_fallback = nullptr;
    m_sourceConfigs.clear();
    if (!m_parsed) {
        m_collectionsStatus->setText(tr("The collections are looked up once the link is valid."));
        m_collectionsStack->setCurrentIndex(0);
        return;
    }
    QList<Connection *> others;
    for (Connection *c : m_manager->connections())
        if (c != m_target && c->state() != ConnectionMonitor::Unreachable)
            others << c;
    if (others.isEmpty())
        return showManual(tr("No other daemon is connected in Loom, so Loom cannot copy the collections from "
                             "the inviting daemon."));
    m_collectionsStatus->setText(tr("Looking for this store on your other connections…"));
    m_collectionsStack->setCurrentIndex(0);
    m_sourceStore = m_parsed->storeId();
    if (m_parsed->generation() == ApiGeneration::Legacy)
        return findLegacyInviter(others, lookup);
    const StoreId store = m_parsed->storeId();
    const QString peer = m_parsed->address().peerId();
    m_pending = int(others.size());
    for (Connection *c : others) {
        const QPointer<Connection> guard(c);
        c->client()->storeInfo(store)->then(this, [this, lookup, guard, peer](Reply<StoreInfo> *r) {
            if (lookup != m_lookup)
                return;
            if (m_pending > 0)
                --m_pending;
            if (r->ok() && guard && !m_listing && !m_source) {
                const bool inviter = std::any_of(r->result().addresses.begin(), r->result().addresses.end(),
                                                 [&](const Multiaddr &a) { return a.peerId() == peer; });
                if (inviter)
                    return choose(guard);
                if (!m_fallback)
                    m_fallback = guard;
            }
            if (m_pending == 0 && !m_listing && !m_source) {
                if (m_fallback)
                    return choose(m_fallback);
                showManual(tr("None of your other connections has this store, so Loom cannot copy its "
                              "collections."));
            }
        });
    }
}

void JoinStoreDialog::choose(Connection *source)
{
    const quint64 lookup = m_lookup;
    m_listing = true;
    const QPointer<Connection> guard(source);
    source->client()->listCollections(m_sourceStore)->then(this, [this, lookup, guard](Reply<QList<CollectionConfig>> *r) {
        if (lookup != m_lookup)
            return;
        m_listing = false;
        m_pending = 0;
        if (!r->ok() || !guard) {
            return showManual(tr("Loom could not read the collections of the store on another connection (%1).")
                                  .arg(r->error().message()));
        }
        m_source = guard;
        m_sourceConfigs = r->result();
        QStringList names;
        for (const CollectionConfig &c : m_sourceConfigs)
            names << c.name;
        names.sort(Qt::CaseInsensitive);
        const QString from = tr("Your connection “%1” has this store").arg(guard->displayName());
        m_collectionsStatus->setText(
            m_sourceConfigs.isEmpty()
                ? from + tr(", without collections. Nothing to copy: the store is joined without collections.")
                : from + tr(": its %n collection(s) (%1) will be created here with the same schemas and indexes. "
                            "A joining daemon receives entities, not collection definitions.",
                            nullptr, int(m_sourceConfigs.size()))
                             .arg(names.join(u", "_s)));
        m_collectionsStack->setCurrentIndex(0);
        validate();
    });
}

void JoinStoreDialog::showManual(const QString &why)
{
    m_pending = 0;
    m_listing = false;
    const bool legacy = m_parsed && m_parsed->generation() == ApiGeneration::Legacy;
    m_collectionsStatus->setText(why + u' '
                                 + (legacy ? tr("A v0.1 daemon must have the schemas registered before it starts the "
                                                "store: add each model with the same name and schema as on the "
                                                "inviting daemon. ")
                                           : QString())
                                 + tr("A joining daemon receives the entities but not the collection definitions: "
                                      "add the collections with the same names and schemas as on the inviting "
                                      "daemon (or add them later with “New collection”)."));
    m_collectionsStack->setCurrentIndex(1);
    validate();
}

void JoinStoreDialog::addCollectionEditor()
{
    auto *editor = new CollectionEditor(CollectionEditor::Mode::Create, m_editors);
    if (m_target)
        editor->setIdField(m_target->client()->idField());
    connect(editor, &CollectionEditor::validated, this, &JoinStoreDialog::validate);
    m_editors->addTab(editor, tr("Collection %1").arg(m_editors->count() + 1));
    m_editors->setCurrentWidget(editor);
    if (height() < 800)
        resize(width(), 860);
    editor->nameEdit()->setFocus();
    validate();
}

QList<CollectionConfig> JoinStoreDialog::collections() const
{
    if (m_source)
        return m_sourceConfigs;
    QList<CollectionConfig> configs;
    if (m_collectionsStack->currentIndex() == 1)
        for (int i = 0; i < m_editors->count(); ++i)
            configs << static_cast<CollectionEditor *>(m_editors->widget(i))->config();
    return configs;
}

void JoinStoreDialog::setInputsEnabled(bool enabled)
{
    m_inputTabs->setEnabled(enabled);
    m_name->setEnabled(enabled);
    m_collectionsStack->setEnabled(enabled);
}

void JoinStoreDialog::submit()
{
    if (!m_parsed || !m_target)
        return;
    if (m_links.size() > 1)
        return submitSeveral();
    const QString name = m_name->text().trimmed();
    const StoreId store = m_parsed->storeId();
    auto *reply = m_target->client()->joinStore(*m_parsed, collections(), name, false);
    run(reply, m_target, tr("Joining the store (the daemon dials the inviting peer)…"), [this, store, name](ReplyBase *r) {
        // A v0.1 daemon gives the joined store an id of its own (a new UUID).
        const StoreId joined = static_cast<Reply<StoreId> *>(r)->result();
        Q_EMIT storeJoined(joined.isValid() ? joined : store, name);
        return true;
    });
}

} // namespace loom
