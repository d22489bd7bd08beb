#pragma once

#include <QString>

class QFormLayout;
class QLabel;
class QWidget;

namespace loom {

struct SchemaField;

// The pieces SchemaFormWidget builds its forms from.
namespace formparts {

QFormLayout *newForm(QWidget *parent);
// An editor with its error line under it (and `extra`, e.g. a remove button, beside it).
QWidget *withError(QWidget *editor, QLabel *error, QWidget *extra = nullptr);
// A field's error line: red, wrapped, hidden until it has something to say.
QLabel *makeErrorLabel(QWidget *parent);
// A field's label: its title (or `fallback`, the name), bold with * when required; the schema's
// hint as tooltip.
QLabel *makeLabel(const SchemaField &schema, const QString &fallback);

} // namespace formparts
} // namespace loom
