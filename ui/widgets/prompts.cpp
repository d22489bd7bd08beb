#include "prompts.h"

#include <QMessageBox>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace loom::prompts {

QMessageBox *confirm(QWidget *parent, const QString &title, const QString &question, const QString &explanation,
                     const QString &yesText, std::function<void()> onYes)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, question, QMessageBox::NoButton, parent);
    box->setObjectName(u"confirmBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(explanation);
    QPushButton *yes = box->addButton(yesText, QMessageBox::DestructiveRole);
    yes->setObjectName(u"confirmButton"_s);
    QPushButton *no = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(no);
    box->setEscapeButton(no);
    QObject::connect(box, &QMessageBox::finished, box, [box, yes, onYes = std::move(onYes)] {
        if (box->clickedButton() == yes && onYes)
            onYes();
    });
    box->open();
    return box;
}

QMessageBox *showError(QWidget *parent, const QString &what, const loom::Error &error)
{
    auto *box = new QMessageBox(QMessageBox::Critical, u"Loom"_s, what, QMessageBox::Ok, parent);
    box->setObjectName(u"errorBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(error.message());
    if (error.grpcCode() >= 0)
        box->setDetailedText(error.details());
    box->open();
    return box;
}

} // namespace loom::prompts
