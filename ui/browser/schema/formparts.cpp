#include "formparts.h"

#include "browser/models/schemafield.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace loom::formparts {

QFormLayout *newForm(QWidget *parent)
{
    auto *form = new QFormLayout(parent);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    return form;
}

QWidget *withError(QWidget *editor, QLabel *error, QWidget *extra)
{
    auto *box = new QWidget;
    auto *v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    if (extra) {
        auto *h = new QHBoxLayout;
        h->setContentsMargins(0, 0, 0, 0);
        h->addWidget(editor, 1);
        h->addWidget(extra);
        v->addLayout(h);
    } else {
        v->addWidget(editor);
    }
    v->addWidget(error);
    return box;
}

QLabel *makeErrorLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setStyleSheet(u"color: #c62828;"_s);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
    return label;
}

QLabel *makeLabel(const SchemaField &schema, const QString &fallback)
{
    QString text = (schema.title.isEmpty() ? fallback : schema.title).toHtmlEscaped();
    if (schema.required)
        text = u"<b>"_s + text + u"</b> <span style=\"color:#c62828\">*</span>"_s;
    auto *label = new QLabel(text);
    QString tip = schema.hint();
    if (!schema.title.isEmpty())
        tip = QObject::tr("Field %1").arg(fallback) + (tip.isEmpty() ? QString() : u"\n"_s + tip);
    label->setToolTip(tip);
    return label;
}

} // namespace loom::formparts
