// Schema inference from example entities (core/schemainfer.h) and the entity text reader it and
// every importer share (core/entitytext.h). Whether the daemon accepts the proposed schemas and
// the samples under them is tst_cli's (collection infer | collection new | instance create).
#include "entitytext.h"
#include "schemacheck.h"
#include "schemainfer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace loom;

namespace {

QList<QJsonObject> samples(const char *jsonLines)
{
    QString problem;
    const auto parsed = parseEntityText(QByteArray(jsonLines), &problem);
    if (!parsed)
        qFatal("bad samples: %s", qPrintable(problem));
    return *parsed;
}

QJsonObject prop(const QJsonObject &schema, const QString &name)
{
    return schema.value(u"properties"_s).toObject().value(name).toObject();
}

QStringList required(const QJsonObject &schema)
{
    QStringList names;
    for (const QJsonValue &v : schema.value(u"required"_s).toArray())
        names << v.toString();
    return names;
}

QStringList anyOfTypes(const QJsonObject &schema)
{
    QStringList types;
    for (const QJsonValue &v : schema.value(u"anyOf"_s).toArray())
        types << v.toObject().value(u"type"_s).toString();
    return types;
}

} // namespace

class TestSchemaInfer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void entityTextForms()
    {
        QCOMPARE(parseEntityText(R"({"a": 1})")->size(), 1);
        QCOMPARE(parseEntityText(R"([{"a": 1}, {"a": 2}])")->size(), 2);
        QCOMPARE(parseEntityText("{\"a\": 1}\n\n{\"a\": 2}\n{\"a\": 3}\n")->size(), 3);
        QCOMPARE(parseEntityText("[]")->size(), 0);

        QString problem;
        QVERIFY(!parseEntityText("{\"a\": 1}\n[1]\n", &problem));
        QCOMPARE(problem, u"line 2: not a JSON object"_s);
        QVERIFY(!parseEntityText("{\"a\": 1}\n\n{\"a\": }\n", &problem));
        QVERIFY2(problem.startsWith(u"line 3: "_s), qPrintable(problem));
        QVERIFY(!parseEntityText(R"([{"a": 1}, 2])", &problem));
        QCOMPARE(problem, u"element 2 of the array is not a JSON object"_s);
        QVERIFY(!parseEntityText("  \n ", &problem));
        QCOMPARE(problem, u"no JSON was given"_s);
        QVERIFY(!parseEntityText("{\"a\": ", &problem));
        QVERIFY2(problem.startsWith(u"not valid JSON: "_s), qPrintable(problem));
    }

    void scalarTypesAndRequired()
    {
        const auto result = inferSchema(samples(R"(
{"_id": "a1", "_mod": 1700000000000000000, "name": "Ann", "age": 31, "score": 1.5, "active": true}
{"_id": "a2", "_mod": 1700000000000000001, "name": "Bob", "age": 40, "score": 2, "nick": "bobby"}
)"));
        const QJsonObject &s = result.schema;
        QCOMPARE(result.samples, 2);
        QCOMPARE(s.value(u"$schema"_s).toString(), u"http://json-schema.org/draft-04/schema#"_s);
        QCOMPARE(s.value(u"type"_s).toString(), u"object"_s);
        QCOMPARE(prop(s, u"_id"_s), QJsonObject({{u"type"_s, u"string"_s}}));
        QVERIFY2(!s.value(u"properties"_s).toObject().contains(u"_mod"_s), "_mod is the daemon's");
        QCOMPARE(prop(s, u"name"_s).value(u"type"_s).toString(), u"string"_s);
        QCOMPARE(prop(s, u"age"_s).value(u"type"_s).toString(), u"integer"_s); // whole in every sample
        QCOMPARE(prop(s, u"score"_s).value(u"type"_s).toString(), u"number"_s); // int and float
        QCOMPARE(prop(s, u"active"_s).value(u"type"_s).toString(), u"boolean"_s);
        // Required: in every sample (by name: a JSON object's keys have no order here); never _id
        // (the daemon makes it).
        QCOMPARE(required(s), (QStringList{u"age"_s, u"name"_s, u"score"_s}));
        QVERIFY(result.notes.join(u'\n').contains(u"age: only whole numbers"_s));
        QVERIFY(result.notes.join(u'\n').contains(u"_mod is left out"_s));
        QVERIFY(schemacheck::checkSchema(QJsonDocument(s).toJson()).isEmpty());
    }

    // A legacy v0.1 daemon's models name the id "ID" (a UUID it makes when empty) and have no _mod:
    // a "_mod" in the samples is the user's own field there.
    void legacyIdField()
    {
        const auto result = inferSchema(samples(R"(
{"ID": "6f1c2b1e-8d0a-4a57-9d55-3a4b5c6d7e8f", "name": "Ann", "_mod": 3}
{"ID": "0b7e1c2d-1111-4a57-9d55-3a4b5c6d7e8f", "name": "Bob", "_mod": 4}
)"),
                                        u"ID"_s);
        const QJsonObject &s = result.schema;
        QCOMPARE(prop(s, u"ID"_s), QJsonObject({{u"type"_s, u"string"_s}}));
        QVERIFY2(!s.value(u"properties"_s).toObject().contains(u"_id"_s), "no v1 id on a legacy model");
        QCOMPARE(prop(s, u"_mod"_s).value(u"type"_s).toString(), u"integer"_s);
        QCOMPARE(required(s), (QStringList{u"_mod"_s, u"name"_s}));
        const QString notes = result.notes.join(u'\n');
        QVERIFY2(notes.contains(u"ID is a string and not required"_s), qPrintable(notes));
        QVERIFY2(!notes.contains(u"_mod is left out"_s), qPrintable(notes));
    }

    void nullsAndMixedTypes()
    {
        const auto result = inferSchema(samples(R"(
{"note": null, "maybe": "x", "mixed": 1, "gone": null}
{"note": null, "maybe": null, "mixed": "one"}
{"maybe": "y", "mixed": true, "gone": null}
)"));
        const QJsonObject &s = result.schema;
        // Only ever null: no type at all (the daemon refuses type lists; any value passes).
        QCOMPARE(prop(s, u"note"_s), QJsonObject());
        QCOMPARE(prop(s, u"gone"_s), QJsonObject());
        QCOMPARE(anyOfTypes(prop(s, u"maybe"_s)), (QStringList{u"string"_s, u"null"_s}));
        QCOMPARE(anyOfTypes(prop(s, u"mixed"_s)), (QStringList{u"boolean"_s, u"integer"_s, u"string"_s}));
        QVERIFY(!prop(s, u"maybe"_s).contains(u"type"_s));
        // A null value counts as present: "maybe" and "mixed" are in all three.
        QCOMPARE(required(s), (QStringList{u"maybe"_s, u"mixed"_s}));
        const QString notes = result.notes.join(u'\n');
        QVERIFY2(notes.contains(u"note: null in every sample"_s), qPrintable(notes));
        QVERIFY2(notes.contains(u"maybe: sometimes null"_s), qPrintable(notes));
        QVERIFY2(notes.contains(u"mixed: has values of 3 types"_s), qPrintable(notes));
        const auto problems = schemacheck::checkSchema(QJsonDocument(s).toJson());
        QVERIFY2(!schemacheck::hasErrors(problems), qPrintable(schemacheck::toString(problems.value(0))));
    }

    void nestedObjectsAndArrays()
    {
        const auto result = inferSchema(samples(R"(
{"address": {"city": "Oslo", "zip": "0150"}, "tags": ["a", "b"], "pets": [{"name": "Rex", "age": 3}, {"name": "Tom"}], "empty": []}
{"address": {"city": "Bergen"}, "tags": [], "pets": [{"name": "Kit", "age": 1.5}], "empty": []}
)"));
        const QJsonObject &s = result.schema;
        const QJsonObject address = prop(s, u"address"_s);
        QCOMPARE(address.value(u"type"_s).toString(), u"object"_s);
        QCOMPARE(prop(address, u"city"_s).value(u"type"_s).toString(), u"string"_s);
        QCOMPARE(required(address), QStringList{u"city"_s}); // zip is missing in one
        const QJsonObject tags = prop(s, u"tags"_s);
        QCOMPARE(tags.value(u"type"_s).toString(), u"array"_s);
        QCOMPARE(tags.value(u"items"_s).toObject(), QJsonObject({{u"type"_s, u"string"_s}}));
        // Arrays of objects: one items schema for every element of every sample.
        const QJsonObject pets = prop(s, u"pets"_s).value(u"items"_s).toObject();
        QCOMPARE(pets.value(u"type"_s).toString(), u"object"_s);
        QCOMPARE(required(pets), QStringList{u"name"_s});
        QCOMPARE(prop(pets, u"age"_s).value(u"type"_s).toString(), u"number"_s);
        // Never a non-empty element: no items schema, and a note says why.
        QCOMPARE(prop(s, u"empty"_s), QJsonObject({{u"type"_s, u"array"_s}}));
        QVERIFY(result.notes.join(u'\n').contains(u"empty: every sample is an empty array"_s));
        QVERIFY(schemacheck::checkSchema(QJsonDocument(s).toJson()).isEmpty());
    }

    void formats_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<QString>("format");
        QTest::newRow("date-time") << "2026-12-03T08:58:17Z" << "2020-01-31T23:59:59.123+01:00" << "date-time";
        QTest::newRow("date only") << "2026-12-03" << "2026-12-04" << "";
        QTest::newRow("space, no zone") << "2026-12-03 08:58:17" << "2026-12-03T08:58:17Z" << "";
        QTest::newRow("email") << "ann@example.org" << "bob.b@mail.example.co.uk" << "email";
        QTest::newRow("not all email") << "ann@example.org" << "bob" << "";
        QTest::newRow("uri") << "https://example.org/a?b=1" << "ftp://files.example.org" << "uri";
        QTest::newRow("scheme only") << "urn:isbn:0451450523" << "https://example.org" << "";
        QTest::newRow("plain") << "Oslo" << "Bergen" << "";
    }

    void formats()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(QString, format);
        const auto result = inferSchema({QJsonObject{{u"f"_s, first}}, QJsonObject{{u"f"_s, second}}});
        const QJsonObject f = prop(result.schema, u"f"_s);
        QCOMPARE(f.value(u"type"_s).toString(), u"string"_s);
        QCOMPARE(f.value(u"format"_s).toString(), format);
    }

    void oneSampleAndNone()
    {
        const auto one = inferSchema(samples(R"({"name": "Ann"})"));
        QCOMPARE(required(one.schema), QStringList{u"name"_s});
        QVERIFY(one.notes.first().startsWith(u"From 1 sample"_s));
        const auto none = inferSchema({});
        QCOMPARE(none.samples, 0);
        QCOMPARE(prop(none.schema, u"_id"_s).value(u"type"_s).toString(), u"string"_s);
        QVERIFY(schemacheck::checkSchema(QJsonDocument(none.schema).toJson()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSchemaInfer)
#include "tst_schemainfer.moc"
