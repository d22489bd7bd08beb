#pragma once

#include "calldialog.h"
#include "storeid.h"

class QLabel;
class QLineEdit;

namespace loom {

// "New store": an optional name, checked as it is typed; OK creates the store on the connection.
class NewStoreDialog final : public CallDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NewStoreDialog)

public:
    NewStoreDialog(Connection *connection, ActivityTracker *tracker, QWidget *parent = nullptr);

    QLineEdit *nameEdit() const { return m_name; }
    StoreId createdStore() const { return m_created; }

Q_SIGNALS:
    void storeCreated(const loom::StoreId &store, const QString &name);

protected:
    void submit() override;
    void setInputsEnabled(bool enabled) override;

private:
    void validate();

    QPointer<Connection> m_connection;
    QLineEdit *m_name;
    QLabel *m_hint;
    StoreId m_created;
};

} // namespace loom
