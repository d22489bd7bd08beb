#include "firstwriteprompt.h"

#include "threadsclient.h"

#include <QMessageBox>
#include <QPointer>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace loom::firstwrite {

QMessageBox *confirmThen(QWidget *parent, const BrowserContext &context, std::function<void()> go)
{
    ThreadsClient *client = context.client;
    if (!client || !client->needsFirstWriteWarning(context.store)) {
        go();
        return nullptr;
    }
    auto *box = new QMessageBox(QMessageBox::Warning, QObject::tr("First write to a joined store"),
                                QObject::tr("This is the first write to this store on this daemon. A go-threads "
                                            "v0.1.10 daemon stops right after the first write to a store it joined "
                                            "(a bug of that daemon)."),
                                QMessageBox::NoButton, parent);
    box->setObjectName(u"firstWriteWarning"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->setInformativeText(QObject::tr("The write is kept: restart the daemon (with the same repository) and it "
                                        "replicates. Later writes do not stop it. Continue?"));
    QPushButton *proceed = box->addButton(QObject::tr("Continue"), QMessageBox::AcceptRole);
    proceed->setObjectName(u"continueButton"_s);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    const QPointer<ThreadsClient> guard(client);
    const StoreId store = context.store;
    QObject::connect(box, &QMessageBox::buttonClicked, box, [box, proceed, guard, store, go = std::move(go)](auto *button) {
        if (button != proceed || !guard)
            return;
        guard->acknowledgeFirstWrite(store);
        go();
    });
    box->open();
    return box;
}

} // namespace loom::firstwrite
