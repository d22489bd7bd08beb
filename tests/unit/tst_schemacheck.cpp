#include "schemacheck.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <sys/resource.h>

using namespace Qt::StringLiterals;
namespace sc = loom::schemacheck;

namespace {

// A valid root with an extra member spliced in: `{"type":"object","properties":{"_id":…, PROPS}, EXTRA}`.
QByteArray schemaWith(const QByteArray &props, const QByteArray &extra = QByteArray())
{
    QByteArray s = R"({"type":"object","properties":{"_id":{"type":"string"})";
    if (!props.isEmpty())
        s += ',' + props;
    s += '}';
    if (!extra.isEmpty())
        s += ',' + extra;
    s += '}';
    return s;
}

// "E path | fragment" or "W path | fragment".
QString describe(const sc::Problem &p)
{
    return (p.severity == sc::Problem::Error ? u"E "_s : u"W "_s) + p.path + u" | "_s + p.message;
}

void compareProblems(const QList<sc::Problem> &actual, const QStringList &expected)
{
    QStringList got;
    for (const sc::Problem &p : actual)
        got.append(describe(p));
    const QByteArray all = got.join(u"\n"_s).toUtf8();
    QVERIFY2(actual.size() == expected.size(), all.constData());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const QString want = expected.at(i);
        const qsizetype bar = want.indexOf(u" | "_s);
        const QString head = want.left(bar);
        const QString fragment = want.mid(bar + 3);
        QVERIFY2(got.at(i).startsWith(head + u" | "_s), all.constData());
        QVERIFY2(actual.at(i).message.contains(fragment), all.constData());
    }
}

// The peak resident set size of this process so far, in KiB.
long peakRssKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

} // namespace

class tst_SchemaCheck : public QObject
{
    Q_OBJECT

private slots:
    void names_data();
    void names();
    void minimalSchemaIsClean();
    void checkSchema_data();
    void checkSchema();
    void checkIndexes_data();
    void checkIndexes();
    void helpers();
    void terminatesOnLenientNumbers_data();
    void terminatesOnLenientNumbers();
    void largeSchemaInLinearMemory();
    void tooLargeSchemaRefused();
};

void tst_SchemaCheck::names_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("problem"); // fragment; empty = valid

    QTest::newRow("letters") << u"Person"_s << QString();
    QTest::newRow("digits") << u"2024"_s << QString();
    QTest::newRow("single hyphens") << u"my-db-2"_s << QString();
    QTest::newRow("one char") << u"a"_s << QString();
    QTest::newRow("empty") << QString() << u"A name is required."_s;
    QTest::newRow("space") << u"my db"_s << u"The name contains a space, which is not allowed."_s;
    QTest::newRow("underscore") << u"my_db"_s << u"The name contains \"_\", which is not allowed."_s;
    QTest::newRow("non-ascii") << u"café"_s << u"The name contains \"é\", which is not allowed."_s;
    QTest::newRow("leading hyphen") << u"-db"_s << u"The name must not start with a hyphen."_s;
    QTest::newRow("trailing hyphen") << u"db-"_s << u"The name must not end with a hyphen."_s;
    QTest::newRow("double hyphen") << u"my--db"_s << u"The name must not contain two hyphens in a row."_s;
    QTest::newRow("lone hyphen") << u"-"_s << u"must not start with a hyphen"_s;
}

void tst_SchemaCheck::names()
{
    QFETCH(QString, name);
    QFETCH(QString, problem);
    QCOMPARE(sc::isValidName(name), problem.isEmpty());
    const QString actual = sc::nameProblem(name);
    if (problem.isEmpty()) {
        QCOMPARE(actual, QString());
    } else {
        QVERIFY2(actual.contains(problem), qPrintable(actual));
        if (!name.isEmpty())
            QVERIFY(actual.endsWith(u"single hyphens between them."_s));
    }
}

void tst_SchemaCheck::minimalSchemaIsClean()
{
    const QByteArray schema = sc::minimalSchema();
    QCOMPARE(sc::checkSchema(schema).size(), 0);
    const QJsonObject o = QJsonDocument::fromJson(schema).object();
    QCOMPARE(o.value(u"$schema"_s).toString(), u"http://json-schema.org/draft-04/schema#"_s);
    QCOMPARE(o.value(u"type"_s).toString(), u"object"_s);
    QCOMPARE(o.value(u"title"_s).toString(), u"New collection"_s);
    const QJsonObject props = o.value(u"properties"_s).toObject();
    QCOMPARE(props.value(u"_id"_s).toObject().value(u"type"_s).toString(), u"string"_s);
    QCOMPARE(props.value(u"_mod"_s).toObject().value(u"type"_s).toString(), u"integer"_s);
    const QByteArray titled = sc::minimalSchema(u"Say \"hi\""_s);
    QCOMPARE(QJsonDocument::fromJson(titled).object().value(u"title"_s).toString(), u"Say \"hi\""_s);
    QCOMPARE(sc::checkSchema(titled).size(), 0);
}

void tst_SchemaCheck::checkSchema_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QStringList>("expected");

    // Accepted as is.
    QTest::newRow("minimal") << schemaWith({}) << QStringList();
    QTest::newRow("rich") << schemaWith(R"("age":{"type":"integer","minimum":18,"maximum":130,"multipleOf":1},
                                         "name":{"type":"string","minLength":1,"maxLength":80,"pattern":"^[A-Z]"},
                                         "tags":{"type":"array","items":{"type":"string"},"minItems":1,"uniqueItems":true},
                                         "score":{"type":"number","minimum":-5,"exclusiveMinimum":true},
                                         "_mod":{"type":"integer"})",
                                        R"("required":["name"],"additionalProperties":false,
                                         "dependencies":{"a":{"required":["b"]}},"enum":null)")
                          << QStringList{u"W enum | null is dropped"_s};
    QTest::newRow("root $ref")
        << QByteArray(R"({"$schema":"http://json-schema.org/draft-04/schema#","$ref":"#/definitions/Person",
                         "definitions":{"Person":{"type":"object","properties":{"_id":{"type":"string"}}}}})")
        << QStringList();

    // Errors.
    QTest::newRow("not JSON") << QByteArray(R"({"type":)") << QStringList{u"E  | not JSON: "_s};
    QTest::newRow("empty") << QByteArray() << QStringList{u"E  | not JSON: "_s};
    QTest::newRow("array") << QByteArray("[]") << QStringList{u"E  | the schema must be a JSON object"_s};
    QTest::newRow("no _id") << QByteArray(R"({"type":"object","properties":{"name":{"type":"string"}}})")
                            << QStringList{u"E properties._id | missing: the daemon requires an \"_id\" property"_s};
    QTest::newRow("no properties") << QByteArray(R"({"type":"object"})")
                                   << QStringList{u"E properties._id | missing"_s};
    QTest::newRow("_id integer") << QByteArray(R"({"properties":{"_id":{"type":"integer"}}})")
                                 << QStringList{u"E properties._id | must have \"type\": \"string\""_s};
    QTest::newRow("_id untyped") << QByteArray(R"({"properties":{"_id":{}}})")
                                 << QStringList{u"E properties._id | must have \"type\": \"string\""_s};
    QTest::newRow("$ref to nothing")
        << QByteArray(R"({"$ref":"#/definitions/Ghost","definitions":{}})")
        << QStringList{u"E $ref | names \"Ghost\", which is not in \"definitions\""_s};
    QTest::newRow("$ref ignores root properties")
        << QByteArray(R"({"$ref":"#/definitions/P","properties":{"_id":{"type":"string"}},
                         "definitions":{"P":{"properties":{}}}})")
        << QStringList{u"E definitions.P.properties._id | missing"_s};
    QTest::newRow("type list") << schemaWith(R"("n":{"type":["string","null"]})")
                               << QStringList{u"E properties.n.type | a list of types is refused"_s};
    QTest::newRow("type unknown") << schemaWith(R"("n":{"type":"strng"})")
                                  << QStringList{u"E properties.n.type | \"strng\" is not a JSON Schema type"_s};
    QTest::newRow("type number") << schemaWith(R"("n":{"type":1})")
                                 << QStringList{u"E properties.n.type | must be a string"_s};
    for (const char *key : {"minimum", "maximum", "multipleOf", "maxLength", "minLength", "maxItems", "minItems",
                            "maxProperties", "minProperties"}) {
        const QString k = QString::fromLatin1(key);
        QTest::addRow("%s 18.0", key) << schemaWith("\"n\":{\"" + QByteArray(key) + "\":18.0}")
                                      << QStringList{u"E properties.n."_s + k + u" | 18.0 is refused by the daemon"_s};
        QTest::addRow("%s fraction", key) << schemaWith("\"n\":{\"" + QByteArray(key) + "\":2.5}")
                                          << QStringList{u"E properties.n."_s + k + u" | only accepts whole numbers"_s};
    }
    QTest::newRow("exponent") << schemaWith(R"("n":{"maxLength":1e2})")
                              << QStringList{u"E properties.n.maxLength | write 100"_s};
    QTest::newRow("decimal suggests integer") << schemaWith(R"("n":{"minimum":18.0})")
                                              << QStringList{u"E properties.n.minimum | write 18"_s};
    QTest::newRow("too large") << schemaWith(R"("n":{"maximum":99999999999999999999})")
                               << QStringList{u"E properties.n.maximum | too large"_s};
    QTest::newRow("bound not a number") << schemaWith(R"("n":{"minimum":"5"})")
                                        << QStringList{u"E properties.n.minimum | must be a number"_s};
    QTest::newRow("negative length") << schemaWith(R"("n":{"maxLength":-1})")
                                     << QStringList{u"E properties.n.maxLength | must not be negative"_s};
    QTest::newRow("negative minimum is fine") << schemaWith(R"("n":{"minimum":-1})") << QStringList();
    QTest::newRow("numeric exclusiveMinimum") << schemaWith(R"("n":{"exclusiveMinimum":5})")
                                              << QStringList{u"E properties.n.exclusiveMinimum | draft-06 form"_s};
    QTest::newRow("numeric exclusiveMaximum")
        << schemaWith(R"("n":{"exclusiveMaximum":5})")
        << QStringList{u"E properties.n.exclusiveMaximum | write \"maximum\": N with \"exclusiveMaximum\": true"_s};
    QTest::newRow("items list") << schemaWith(R"("t":{"type":"array","items":[{"type":"string"}]})")
                                << QStringList{u"E properties.t.items | tuple form"_s};
    QTest::newRow("items boolean") << schemaWith(R"("t":{"items":true})")
                                   << QStringList{u"E properties.t.items | must be a schema object"_s};
    QTest::newRow("dependencies list") << schemaWith({}, R"("dependencies":{"a":["b","c"]})")
                                       << QStringList{u"E dependencies.a | a list of property names is refused"_s};
    QTest::newRow("property as boolean") << schemaWith(R"("x":true)")
                                         << QStringList{u"E properties.x | must be a schema object"_s};
    QTest::newRow("properties not object") << QByteArray(R"({"properties":[]})")
                                           << QStringList{u"E properties._id | missing"_s,
                                                          u"E properties | must be an object"_s};
    QTest::newRow("required numbers") << schemaWith({}, R"("required":[1])")
                                      << QStringList{u"E required[0] | must be a property name"_s};
    QTest::newRow("enum object") << schemaWith(R"("n":{"enum":{"a":1}})")
                                 << QStringList{u"E properties.n.enum | must be an array"_s};
    QTest::newRow("allOf object") << schemaWith({}, R"("allOf":{})")
                                  << QStringList{u"E allOf | must be an array"_s};
    QTest::newRow("additionalProperties string")
        << schemaWith({}, R"("additionalProperties":"no")")
        << QStringList{u"E additionalProperties | must be true, false or a schema object"_s};
    QTest::newRow("title number") << schemaWith({}, R"("title":5)") << QStringList{u"E title | must be a string"_s};
    QTest::newRow("uniqueItems text") << schemaWith(R"("t":{"uniqueItems":"yes"})")
                                      << QStringList{u"E properties.t.uniqueItems | must be true or false"_s};

    // Recursion reaches every kept schema position.
    const QList<QPair<const char *, QByteArray>> nested = {
        {"items.minimum", R"("items":{"minimum":1.5})"},
        {"additionalItems.minimum", R"("additionalItems":{"minimum":1.5})"},
        {"not.minimum", R"("not":{"minimum":1.5})"},
        {"allOf[1].minimum", R"("allOf":[{},{"minimum":1.5}])"},
        {"anyOf[0].properties.x.minimum", R"("anyOf":[{"properties":{"x":{"minimum":1.5}}}])"},
        {"oneOf[0].minimum", R"("oneOf":[{"minimum":1.5}])"},
        {"patternProperties.^a.minimum", R"("patternProperties":{"^a":{"minimum":1.5}})"},
        {"additionalProperties.minimum", R"("additionalProperties":{"minimum":1.5})"},
        {"definitions.D.properties.y.minimum", R"("definitions":{"D":{"properties":{"y":{"minimum":1.5}}}})"},
        {"dependencies.a.minimum", R"("dependencies":{"a":{"minimum":1.5}})"},
        {"media.minimum", R"("media":{"minimum":1.5})"},
    };
    for (const auto &[path, extra] : nested) {
        QTest::addRow("nested %s", path) << schemaWith({}, extra)
                                         << QStringList{u"E "_s + QString::fromLatin1(path) + u" | 1.5"_s};
    }
    QTest::newRow("escaped key")
        << schemaWith(R"("a\u0062":{"description":"tricky \"{[:,\" text","minimum":18.0})")
        << QStringList{u"E properties.ab.minimum | 18.0"_s};
    QTest::newRow("same literal elsewhere")
        << schemaWith(R"("a":{"default":18.0,"examples":[2.5],"minimum":18})") << QStringList();

    // Warnings: dropped keywords.
    for (const char *key : {"$id", "id", "const", "contains", "propertyNames", "if", "then", "else", "readOnly",
                            "writeOnly", "$comment", "$defs", "x-custom", "deprecated"}) {
        QTest::addRow("dropped %s", key) << schemaWith("\"n\":{\"" + QByteArray(key) + "\":{}}")
                                         << QStringList{u"W properties.n."_s + QString::fromLatin1(key)
                                                        + u" | silently dropped"_s};
    }
    QTest::newRow("const hint") << schemaWith(R"("n":{"const":1})")
                                << QStringList{u"W properties.n.const | use \"enum\" with a single value"_s};
    QTest::newRow("dropped content not checked") << schemaWith(R"("n":{"if":{"minimum":1.5}})")
                                                 << QStringList{u"W properties.n.if | silently dropped"_s};
    QTest::newRow("case variant")
        << schemaWith(R"("n":{"Minimum":1.5})")
        << QStringList{u"E properties.n.Minimum | 1.5"_s, u"W properties.n.Minimum | read as \"minimum\""_s};

    // Warnings: zero and false values.
    for (const char *key : {"minimum", "maximum", "maxLength", "maxItems", "maxProperties", "multipleOf"}) {
        QTest::addRow("zero %s", key) << schemaWith("\"n\":{\"" + QByteArray(key) + "\":0}")
                                      << QStringList{u"W properties.n."_s + QString::fromLatin1(key)
                                                     + u" | 0 is dropped by the daemon, so this bound is not enforced"_s};
    }
    QTest::newRow("zero minimum hint") << schemaWith(R"("n":{"type":"integer","minimum":0})")
                                       << QStringList{u"W properties.n.minimum | \"minimum\": -1 with \"exclusiveMinimum\": true"_s};
    for (const char *key : {"minLength", "minItems", "minProperties"}) {
        QTest::addRow("zero %s", key) << schemaWith("\"n\":{\"" + QByteArray(key) + "\":0}")
                                      << QStringList{u"W properties.n."_s + QString::fromLatin1(key)
                                                     + u" | harmless: 0 is the default"_s};
    }
    for (const char *key : {"uniqueItems", "exclusiveMinimum", "exclusiveMaximum"}) {
        QTest::addRow("false %s", key) << schemaWith("\"n\":{\"" + QByteArray(key) + "\":false}")
                                       << QStringList{u"W properties.n."_s + QString::fromLatin1(key)
                                                      + u" | harmless: false is the default"_s};
    }
    QTest::newRow("exclusive without bound") << schemaWith(R"("n":{"exclusiveMinimum":true})")
                                             << QStringList{u"W properties.n.exclusiveMinimum | has no effect"_s};
    QTest::newRow("exclusive with zero bound")
        << schemaWith(R"("n":{"maximum":0,"exclusiveMaximum":true})")
        << QStringList{u"W properties.n.exclusiveMaximum | has no effect without a non-zero \"maximum\""_s,
                       u"W properties.n.maximum | not enforced"_s};
    QTest::newRow("null keyword") << schemaWith({}, R"("title":null)") << QStringList{u"W title | null is dropped"_s};

    // Warnings: _mod.
    QTest::newRow("closed without _mod")
        << schemaWith({}, R"("additionalProperties":false)")
        << QStringList{u"W additionalProperties | declare \"_mod\": {\"type\": \"integer\"}"_s};
    QTest::newRow("closed with _mod") << schemaWith(R"("_mod":{"type":"integer"})", R"("additionalProperties":false)")
                                      << QStringList();
    QTest::newRow("closed nested object is fine")
        << schemaWith(R"("o":{"type":"object","additionalProperties":false})") << QStringList();
    QTest::newRow("closed $ref definition")
        << QByteArray(R"({"$ref":"#/definitions/P","definitions":{"P":{"additionalProperties":false,
                         "properties":{"_id":{"type":"string"}}}}})")
        << QStringList{u"W definitions.P.additionalProperties | _mod"_s};
    QTest::newRow("_mod as string") << schemaWith(R"("_mod":{"type":"string"})")
                                    << QStringList{u"W properties._mod | with type \"string\""_s};
    QTest::newRow("_mod as number") << schemaWith(R"("_mod":{"type":"number"})") << QStringList();
    QTest::newRow("_mod required") << schemaWith(R"("_mod":{"type":"integer"})", R"("required":["_mod"])")
                                   << QStringList{u"W required | every Create without _mod fail"_s};

    // Errors come before warnings.
    QTest::newRow("errors first")
        << schemaWith(R"("a":{"const":1},"b":{"type":["string"]})")
        << QStringList{u"E properties.b.type | list of types"_s, u"W properties.a.const | silently dropped"_s};
}

void tst_SchemaCheck::checkSchema()
{
    QFETCH(QByteArray, schema);
    QFETCH(QStringList, expected);
    compareProblems(sc::checkSchema(schema), expected);
}

void tst_SchemaCheck::checkIndexes_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QStringList>("paths");
    QTest::addColumn<QStringList>("expected");

    const QByteArray person = schemaWith(
        R"("name":{"type":"string"},"age":{"type":"integer"},"score":{"type":"number"},"ok":{"type":"boolean"},
           "tags":{"type":"array","items":{"type":"string"}},"meta":{},
           "address":{"type":"object","properties":{"city":{"type":"string"},"geo":{"type":"object"}}},
           "home":{"$ref":"#/definitions/Place"},"Typed":{"Type":"string"})",
        R"("definitions":{"Place":{"properties":{"zip":{"type":"string"}}}})");
    QTest::newRow("all indexable types") << person << QStringList{u"name"_s, u"age"_s, u"score"_s, u"ok"_s}
                                         << QStringList();
    QTest::newRow("nested") << person << QStringList{u"address.city"_s} << QStringList();
    QTest::newRow("through $ref") << person << QStringList{u"home.zip"_s} << QStringList();
    QTest::newRow("keyword case") << person << QStringList{u"Typed"_s} << QStringList();
    QTest::newRow("none") << person << QStringList() << QStringList();
    QTest::newRow("empty path") << person << QStringList{QString()}
                                << QStringList{u"E indexes[0] | an index needs a field path"_s};
    QTest::newRow("_id") << person << QStringList{u"name"_s, u"_id"_s}
                         << QStringList{u"E indexes[1] | _id is always indexed"_s};
    QTest::newRow("duplicate") << person << QStringList{u"name"_s, u"age"_s, u"name"_s}
                               << QStringList{u"E indexes[2] | \"name\" is listed twice"_s};
    QTest::newRow("missing") << person << QStringList{u"nick"_s}
                             << QStringList{u"E indexes[0] | the schema has no field \"nick\""_s};
    QTest::newRow("missing nested") << person << QStringList{u"address.zip"_s}
                                    << QStringList{u"E indexes[0] | no field \"address.zip\""_s};
    QTest::newRow("through non-object") << person << QStringList{u"name.first"_s}
                                        << QStringList{u"E indexes[0] | no field \"name.first\""_s};
    QTest::newRow("array") << person << QStringList{u"tags"_s}
                           << QStringList{u"E indexes[0] | \"tags\" has type \"array\"; only string, number, integer and boolean"_s};
    QTest::newRow("object") << person << QStringList{u"address.geo"_s}
                            << QStringList{u"E indexes[0] | has type \"object\""_s};
    QTest::newRow("untyped") << person << QStringList{u"meta"_s} << QStringList{u"E indexes[0] | \"meta\" has no \"type\""_s};
    QTest::newRow("ref leaf") << person << QStringList{u"home"_s} << QStringList{u"E indexes[0] | has no \"type\""_s};
    QTest::newRow("root $ref")
        << QByteArray(R"({"$ref":"#/definitions/P","definitions":{"P":{"properties":{"_id":{"type":"string"},
                         "n":{"type":"integer"}}}}})")
        << QStringList{u"n"_s} << QStringList();
    QTest::newRow("bad schema") << QByteArray("{") << QStringList{u"a"_s}
                                << QStringList{u"E  | cannot check the indexes: not JSON"_s};
    QTest::newRow("several problems") << person << QStringList{u"_id"_s, QString(), u"tags"_s}
                                      << QStringList{u"E indexes[0] | _id"_s, u"E indexes[1] | field path"_s,
                                                     u"E indexes[2] | array"_s};
}

void tst_SchemaCheck::checkIndexes()
{
    QFETCH(QByteArray, schema);
    QFETCH(QStringList, paths);
    QFETCH(QStringList, expected);
    QList<QPair<QString, bool>> indexes;
    for (const QString &p : paths)
        indexes.append({p, indexes.size() % 2 == 0});
    compareProblems(sc::checkIndexes(schema, indexes), expected);
}

void tst_SchemaCheck::helpers()
{
    const sc::Problem error{sc::Problem::Error, u"properties.a"_s, u"bad"_s};
    const sc::Problem warning{sc::Problem::Warning, QString(), u"meh"_s};
    QVERIFY(sc::hasErrors({warning, error}));
    QVERIFY(!sc::hasErrors({warning}));
    QVERIFY(!sc::hasErrors({}));
    QCOMPARE(sc::toString(error), u"properties.a: bad"_s);
    QCOMPARE(sc::toString(warning), u"meh"_s);
}

// Numbers Qt's parser accepts in forms JSON does not allow (".5", "-.5", "1.") once made the
// raw-number scanner stop advancing: checkSchema() never returned.
void tst_SchemaCheck::terminatesOnLenientNumbers_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QStringList>("expected");
    const QStringList dropped{u"W a | silently dropped"_s};
    QTest::newRow("array") << schemaWith({}, R"("a":[.5])") << dropped;
    QTest::newRow("array of two") << schemaWith({}, R"("a":[.5, -.5, 1.])") << dropped;
    QTest::newRow("nested array") << schemaWith({}, R"("a":[[.5],{"b":.5}])") << dropped;
    QTest::newRow("enum") << schemaWith({}, R"("enum":[.5])") << QStringList();
    QTest::newRow("member") << schemaWith({}, R"("a":.5)") << dropped;
    QTest::newRow("minimum") << schemaWith(R"("n":{"minimum":.5})")
                             << QStringList{u"E properties.n.minimum | .5 is refused"_s};
    QTest::newRow("maxLength") << schemaWith(R"("n":{"maxLength":-.5e1})")
                               << QStringList{u"E properties.n.maxLength | -.5e1 is refused by the daemon, which only "
                                              "accepts integers written without a decimal point or exponent here; write -5"_s};
}

void tst_SchemaCheck::terminatesOnLenientNumbers()
{
    QFETCH(QByteArray, schema);
    QFETCH(QStringList, expected);
    compareProblems(sc::checkSchema(schema), expected);
}

// A schema just under the size limit, both deep (long member names, 300 levels) and wide (60,000
// members at the bottom): the checker once kept the whole path per member and per problem, so
// its memory grew with the square of the size (129 KB took ~808 MB; this one ran out).
void tst_SchemaCheck::largeSchemaInLinearMemory()
{
    const QByteArray name(100, 'n');
    QByteArray open;
    QByteArray close;
    for (int i = 0; i < 300; ++i) {
        open += R"({"properties":{")" + name + R"(":)";
        close += "}}";
    }
    QByteArray wide = R"({"type":"object")";
    for (int i = 0; wide.size() < 660 * 1024; ++i)
        wide += ",\"k" + QByteArray::number(i) + "\":1";
    wide += '}';
    const QByteArray schema = schemaWith(R"("deep":)" + open + wide + close);
    QVERIFY(schema.size() > 680 * 1024);
    QVERIFY(schema.size() <= sc::MaxSchemaSize);

    const long before = peakRssKiB();
    const QList<sc::Problem> problems = sc::checkSchema(schema);
    const long grownMiB = (peakRssKiB() - before) / 1024;
    // ~14 MiB here (QJsonDocument included); the old checker ran out of memory at 8 GiB.
    QVERIFY2(grownMiB < 64, qPrintable(QString::number(grownMiB) + u" MiB"_s));

    QCOMPARE(problems.size(), 101); // 100 warnings listed, then the count of the others
    QVERIFY(problems.first().path.startsWith(u"…"_s));
    QVERIFY(problems.first().path.endsWith(u"."_s + QString::fromLatin1(name) + u".k0"_s));
    QVERIFY(problems.first().path.size() <= 241);
    QCOMPARE(problems.last().severity, sc::Problem::Warning);
    QVERIFY(problems.last().path.isEmpty());
    QVERIFY2(problems.last().message.endsWith(u"more warnings not listed"_s), qPrintable(problems.last().message));
}

void tst_SchemaCheck::tooLargeSchemaRefused()
{
    const QByteArray schema = schemaWith({}, R"("description":")" + QByteArray(sc::MaxSchemaSize, 'x') + '"');
    for (const QList<sc::Problem> &problems :
         {sc::checkSchema(schema), sc::checkIndexes(schema, {{u"a"_s, false}})}) {
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().severity, sc::Problem::Error);
        QVERIFY2(problems.first().message.contains(u"the schema is %1 bytes; Loom accepts schemas of at most 1048576 "
                                                   "bytes (1 MiB)"_s.arg(schema.size())),
                 qPrintable(problems.first().message));
    }
    const QByteArray atLimit = schemaWith({}, R"("description":")" + QByteArray(sc::MaxSchemaSize - 100, 'x') + '"');
    QVERIFY(sc::checkSchema(atLimit).isEmpty());
}

QTEST_APPLESS_MAIN(tst_SchemaCheck)

#include "tst_schemacheck.moc"
