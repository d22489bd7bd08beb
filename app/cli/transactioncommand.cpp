// transaction: a list of operations run in one read or write transaction.
#include "cli.h"
#include "command.h"
#include "input.h"

#include "transaction.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace loom::cli {

namespace {

struct Op
{
    QString kind; // create, save, verify, delete, has, find, get
    QList<Instance> entities;
    QStringList ids;
    Query query;
};

bool isWrite(const QString &kind)
{
    return kind == u"create"_s || kind == u"save"_s || kind == u"verify"_s || kind == u"delete"_s;
}

// One operation object; an empty message on success.
QString parseOp(const QJsonObject &o, bool readOnly, Op *op)
{
    static const QStringList kinds{u"create"_s, u"save"_s, u"verify"_s, u"delete"_s, u"has"_s, u"find"_s, u"get"_s};
    op->kind = o.value(u"op"_s).toString();
    if (!kinds.contains(op->kind))
        return u"\"op\" must be one of %1"_s.arg(kinds.join(u", "_s));
    if (readOnly && isWrite(op->kind))
        return u"a read transaction cannot %1 (leave out --read)"_s.arg(op->kind);
    if (op->kind == u"create"_s || op->kind == u"save"_s || op->kind == u"verify"_s) {
        const QJsonArray array = o.contains(u"entity"_s) ? QJsonArray{o.value(u"entity"_s)} : o.value(u"entities"_s).toArray();
        for (const QJsonValue &v : array) {
            if (!v.isObject())
                return u"every entity must be a JSON object"_s;
            op->entities << v.toObject();
        }
        if (op->entities.isEmpty())
            return u"give \"entities\": [objects] or \"entity\": {object}"_s;
    } else if (op->kind == u"delete"_s || op->kind == u"has"_s || op->kind == u"get"_s) {
        const QJsonArray array = o.contains(u"id"_s) ? QJsonArray{o.value(u"id"_s)} : o.value(u"ids"_s).toArray();
        for (const QJsonValue &v : array) {
            if (!v.isString() || v.toString().isEmpty())
                return u"every id must be a non-empty string"_s;
            op->ids << v.toString();
        }
        if (op->ids.isEmpty() || (op->kind == u"get"_s && op->ids.size() != 1))
            return op->kind == u"get"_s ? u"give \"id\": \"...\""_s : u"give \"ids\": [...] or \"id\": \"...\""_s;
    } else if (o.contains(u"query"_s)) {
        if (!o.value(u"query"_s).isObject())
            return u"\"query\" must be a JSON object"_s;
        QString why;
        const auto query = Query::fromJson(QJsonDocument(o.value(u"query"_s).toObject()).toJson(QJsonDocument::Compact), &why);
        if (!query)
            return u"query: "_s + why;
        if (const QString invalid = query->validate(); !invalid.isEmpty())
            return u"query: "_s + invalid;
        op->query = *query;
    }
    return {};
}

// Runs the operations one after another; the first failure cancels the transaction.
class TxnRun final : public QObject
{
public:
    TxnRun(Cli &cli, Transaction *txn, QList<Op> ops, bool discard)
        : QObject(&cli), m_cli(cli), m_txn(txn), m_ops(std::move(ops)), m_discard(discard)
    {
        // The stream can end on its own (the store or collection is missing, the deadline passed).
        connect(txn, &Transaction::finished, this, [this](const Error &error) {
            if (error.isError())
                m_cli.fail(error);
        });
    }

    // A legacy v0.1 daemon exits on a create without an "ID" attribute: "" asks it for a new one.
    QList<Instance> withLegacyIds(QList<Instance> entities) const
    {
        if (m_cli.out().idField() == u"ID"_s)
            for (Instance &e : entities)
                if (!e.contains(u"ID"_s))
                    e.insert(u"ID"_s, QString());
        return entities;
    }

    void next()
    {
        if (m_index >= m_ops.size())
            return end();
        const Op &op = m_ops[m_index];
        QJsonObject result{{u"op"_s, op.kind}};
        if (op.kind == u"create"_s)
            step(m_txn->create(withLegacyIds(op.entities)), [result](const QStringList &ids) mutable {
                result.insert(u"ids"_s, QJsonArray::fromStringList(ids));
                return result;
            });
        else if (op.kind == u"save"_s || op.kind == u"verify"_s || op.kind == u"delete"_s) {
            QStringList ids = op.ids;
            for (const Instance &e : op.entities)
                ids << e.value(m_cli.out().idField()).toString();
            VoidReply *reply = op.kind == u"save"_s ? m_txn->save(op.entities)
                : op.kind == u"verify"_s            ? m_txn->verify(op.entities)
                                                    : m_txn->remove(op.ids);
            step(reply, [result, ids](Done) mutable {
                result.insert(u"ids"_s, QJsonArray::fromStringList(ids));
                return result;
            });
        } else if (op.kind == u"has"_s)
            step(m_txn->has(op.ids), [result](bool exists) mutable {
                result.insert(u"exists"_s, exists);
                return result;
            });
        else if (op.kind == u"find"_s)
            step(m_txn->find(op.query), [result](const QList<Instance> &found) mutable {
                QJsonArray array;
                for (const Instance &i : found)
                    array.append(i);
                result.insert(u"entities"_s, array);
                return result;
            });
        else
            step(m_txn->findById(op.ids.first()), [result](const Instance &entity) mutable {
                result.insert(u"entity"_s, entity);
                return result;
            });
    }

private:
    template <typename T, typename F>
    void step(Reply<T> *reply, F &&toJson)
    {
        const QString context = u"operation %1 (%2)"_s.arg(m_index + 1).arg(m_ops[m_index].kind);
        reply->then(this, [this, context, f = std::forward<F>(toJson)](Reply<T> *r) mutable {
            if (m_cli.isFinished())
                return;
            if (!r->ok()) {
                m_txn->cancel(); // nothing of a write transaction is committed
                m_cli.fail(r->error(), context);
                return;
            }
            m_results.append(f(r->takeResult()));
            ++m_index;
            next();
        });
    }

    void end()
    {
        const bool write = m_txn->kind() == Transaction::Write;
        if (write && m_discard)
            m_txn->discard();
        m_cli.call(m_txn->commit(), [this, committed = write && !m_discard](Done) {
            if (m_cli.out().isTable()) {
                QList<QStringList> rows;
                for (qsizetype i = 0; i < m_results.size(); ++i) {
                    QJsonObject o = m_results[i].toObject();
                    const QString op = o.take(u"op"_s).toString();
                    rows << QStringList{QString::number(i + 1), op, Output::cell(o)};
                }
                m_cli.out().table({u"#"_s, u"OP"_s, u"RESULT"_s}, rows);
            } else {
                m_cli.out().json(QJsonObject{{u"committed"_s, committed}, {u"results"_s, m_results}});
            }
            m_cli.finish();
        }, u"commit"_s);
    }

    Cli &m_cli;
    Transaction *m_txn;
    QList<Op> m_ops;
    bool m_discard;
    qsizetype m_index = 0;
    QJsonArray m_results;
};

void transaction(Cli &cli)
{
    const bool readOnly = cli.isSet(u"read"_s);
    if (readOnly && cli.isSet(u"discard"_s))
        return cli.usageError(u"--discard is for write transactions"_s);
    const auto collection = cli.requiredValue(u"collection"_s);
    if (!collection)
        return;
    Problem problem;
    const QString path = cli.args().value(0, u"-"_s);
    const auto text = input::readFile(path, &problem);
    std::optional<QList<QJsonObject>> objects;
    if (text)
        objects = input::parseEntities(*text, path == u"-"_s ? u"stdin"_s : path, &problem);
    if (!objects)
        return cli.failWith(problem.code, problem.message);
    QList<Op> ops;
    for (qsizetype i = 0; i < objects->size(); ++i) {
        Op op;
        if (const QString why = parseOp(objects->at(i), readOnly, &op); !why.isEmpty())
            return cli.failWith(ExitRefused, u"operation %1: %2"_s.arg(i + 1).arg(why));
        ops << op;
    }
    cli.withStore([&cli, readOnly, name = *collection, ops](const StoreId &store) {
        Transaction *txn = readOnly ? cli.client().readTransaction(store, name, &cli)
                                    : cli.client().writeTransaction(store, name, &cli);
        auto *run = new TxnRun(cli, txn, ops, cli.isSet(u"discard"_s));
        run->next();
    });
}

} // namespace

Command transactionCommand()
{
    return {u"transaction"_s, {}, u"[FILE] -s STORE -c COLLECTION [--read] [--discard]"_s,
            u"Run operations in one transaction"_s,
            u"Runs a list of operations on one collection in a single transaction: a write transaction\n"
            "(the default) applies all of them at the end, atomically, or none; --read opens a read\n"
            "transaction (has, find, get only). Reads inside see the stored state, not the transaction's\n"
            "own changes. The first failing operation cancels the whole transaction. --discard runs the\n"
            "operations and then drops them (a dry run). The open write transaction locks the store.\n"
            "FILE (stdin when absent or \"-\") holds a JSON array of operations or one per line:\n"
            "  {\"op\": \"create\", \"entities\": [{...}]}    {\"op\": \"save\", \"entity\": {...}}\n"
            "  {\"op\": \"verify\", \"entities\": [...]}      {\"op\": \"delete\", \"ids\": [\"...\"]}\n"
            "  {\"op\": \"has\", \"ids\": [...]}              {\"op\": \"get\", \"id\": \"...\"}\n"
            "  {\"op\": \"find\", \"query\": {...}}           (query in the daemon's JSON language)"_s,
            u"{\"committed\": true|false, \"results\": [{\"op\", \"ids\"|\"exists\"|\"entities\"|\"entity\"}, ...]}"_s,
            {storeOption(), collectionOption(),
             makeOption({u"read"_s}, u"A read transaction."_s),
             makeOption({u"discard"_s}, u"Drop the operations' changes at the end (dry run)."_s)},
            0, 1, transaction};
}

} // namespace loom::cli
