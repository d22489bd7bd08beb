#include "inferschemadialog.h"

#include "entitytext.h"
#include "widgets/jsonhighlighter.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QThreadPool>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace loom {

namespace {

// A file up to this size is shown in the text box (and can be edited there); a larger one is
// used as it is, without loading its text into the editor.
constexpr qint64 kShowFileBytes = 256 * 1024;

QString count(qsizetype n)
{
    return n == 1 ? InferSchemaDialog::tr("1 example entity")
                  : InferSchemaDialog::tr("%1 example entities").arg(QLocale().toString(n));
}

} // namespace

InferSchemaDialog::InferSchemaDialog(const QString &storeName, QWidget *parent)
    : QDialog(parent)
    , m_text(new QPlainTextEdit(this))
    , m_open(new QPushButton(tr("&Open file…"), this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"inferSchemaDialog"_s);
    setWindowTitle(tr("New collection from JSON in “%1”").arg(storeName));
    auto *intro = new QLabel(tr("Paste example entities, or open a file of them: one JSON object, an array of "
                                "objects, or one object per line. Loom proposes a schema that every example fits; "
                                "you review it, and can import the examples, before anything is created."),
                             this);
    intro->setWordWrap(true);
    m_text->setObjectName(u"examplesText"_s);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlaceholderText(u"{\"name\": \"Ann\", \"age\": 31, \"email\": \"ann@example.org\"}\n"
                               "{\"name\": \"Bob\", \"age\": 40, \"tags\": [\"new\"]}"_s);
    m_text->setTabChangesFocus(true);
    new JsonHighlighter(m_text->document());
    auto *examplesLabel = new QLabel(tr("&Examples:"), this);
    examplesLabel->setBuddy(m_text);
    m_status->setObjectName(u"examplesStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_open->setObjectName(u"openExamplesButton"_s);
    proposeButton()->setText(tr("&Propose schema…"));
    proposeButton()->setObjectName(u"proposeSchemaButton"_s);
    m_buttons->addButton(m_open, QDialogButtonBox::ActionRole);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(examplesLabel);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    m_parseTimer.setSingleShot(true);
    m_parseTimer.setInterval(250);
    connect(&m_parseTimer, &QTimer::timeout, this, &InferSchemaDialog::parseText);
    connect(m_text, &QPlainTextEdit::textChanged, this, [this] {
        m_fileSource.clear(); // typing takes over from a file that was not shown
        m_parseTimer.start();
    });
    connect(m_open, &QPushButton::clicked, this, &InferSchemaDialog::chooseFile);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        m_parseTimer.stop();
        if (m_fileSource.isEmpty())
            parseText(); // what is in the box now, not 250 ms ago
        if (isValid())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    parseText();
    m_text->setFocus();
    resize(640, 480);
}

QPushButton *InferSchemaDialog::proposeButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QString InferSchemaDialog::statusText() const
{
    return m_status->text();
}

void InferSchemaDialog::parseText()
{
    const QString text = m_text->toPlainText();
    if (text.trimmed().isEmpty()) {
        setSamples({}, QString(), QString());
        return;
    }
    QString problem;
    const auto parsed = parseEntityText(text.toUtf8(), &problem);
    setSamples(parsed.value_or(QList<QJsonObject>()), problem, QString());
}

void InferSchemaDialog::setSamples(const QList<QJsonObject> &samples, const QString &problem, const QString &source)
{
    m_samples = samples;
    const bool ok = !samples.isEmpty();
    proposeButton()->setEnabled(ok);
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText, ok || problem.isEmpty() ? this->palette().color(QPalette::WindowText)
                                                                    : QColor(0xc0, 0x1c, 0x28));
    m_status->setPalette(palette);
    if (!problem.isEmpty())
        m_status->setText(source.isEmpty() ? tr("Not usable yet: %1.").arg(problem)
                                           : tr("%1 is not usable: %2.").arg(source, problem));
    else if (!ok)
        m_status->setText(source.isEmpty() ? tr("No examples yet.") : tr("%1 holds no entities.").arg(source));
    else if (source.isEmpty())
        m_status->setText(tr("%1.").arg(count(samples.size())));
    else
        m_status->setText(tr("%1 from %2 (the file is too large to show here; typing in the box uses what you type "
                             "instead).")
                              .arg(count(samples.size()), source));
}

void InferSchemaDialog::chooseFile()
{
    auto *dialog = new QFileDialog(this, tr("Open example entities"), QString(),
                                   tr("JSON (*.json *.jsonl *.ndjson);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, &InferSchemaDialog::openFile);
    dialog->open();
}

void InferSchemaDialog::openFile(const QString &path)
{
    m_status->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    m_open->setEnabled(false);
    proposeButton()->setEnabled(false);
    // Reading and parsing a large file would stall the window: on the thread pool.
    QPointer<InferSchemaDialog> self(this);
    QThreadPool::globalInstance()->start([self, path] {
        QFile file(path);
        QByteArray bytes;
        QString problem;
        std::optional<QList<QJsonObject>> parsed;
        if (!file.open(QIODevice::ReadOnly)) {
            problem = file.errorString();
        } else {
            bytes = file.readAll();
            parsed = parseEntityText(bytes, &problem);
        }
        if (bytes.size() > kShowFileBytes)
            bytes.clear();
        QMetaObject::invokeMethod(
            qApp,
            [self, path, bytes, problem, parsed] {
                if (!self)
                    return;
                self->m_open->setEnabled(true);
                const QString name = QFileInfo(path).fileName();
                if (parsed && !bytes.isEmpty()) {
                    QSignalBlocker block(self->m_text);
                    self->m_text->setPlainText(QString::fromUtf8(bytes));
                    self->m_fileSource.clear();
                    self->setSamples(*parsed, QString(), QString());
                } else {
                    self->m_fileSource = parsed ? name : QString();
                    self->setSamples(parsed.value_or(QList<QJsonObject>()), problem, name);
                }
                Q_EMIT self->fileRead();
            },
            Qt::QueuedConnection);
    });
}

} // namespace loom
