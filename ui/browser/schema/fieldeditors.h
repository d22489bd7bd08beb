#pragma once

#include <QJsonValue>

#include <functional>
#include <optional>

class QLabel;
class QObject;
class QWidget;

namespace loom {

struct SchemaField;

// The editor widgets of one scalar form field, by schema type: a line edit for strings, numbers
// (validated) and fields of any type (JSON text), a combo box for enums and optional booleans, a
// check box for required booleans.
namespace fieldeditors {

QWidget *create(const SchemaField &field, QWidget *parent);
// The value shown: std::nullopt when the field is left empty (absent); *valid becomes false
// when the text is not a value of the field's type.
std::optional<QJsonValue> read(const QWidget *editor, const SchemaField &field, bool *valid);
// Shows a value (undefined = absent) without emitting change signals; leaves an editor that
// already shows it alone (so that typing is never disturbed).
void write(QWidget *editor, const SchemaField &field, const QJsonValue &value);
void onChange(QWidget *editor, QObject *context, const std::function<void()> &f);
void setError(QWidget *editor, bool error);
// A number field that refuses a key (a letter) says why in `line` ("Numbers only: …") instead of
// dropping it without a word; the next key it takes puts back what `line` showed before.
void explainRefusedKeys(QWidget *editor, QLabel *line);
// A fresh value for a new array element of this schema.
QJsonValue emptyValue(const SchemaField &field);

} // namespace fieldeditors
} // namespace loom
