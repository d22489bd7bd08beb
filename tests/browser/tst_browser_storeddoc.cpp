// The entity model's compact stored documents (ui/browser/models/storeddoc.h): they read, compare
// and change like the QJsonObject they replace, and the cache of parsed documents never gives a
// document that is no longer the stored one.
#include "browser/models/keyindex.h"
#include "browser/models/storeddoc.h"

#include <QHash>
#include <QRandomGenerator>

#include <QJsonArray>
#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using loom::detail::StoredDoc;

class tst_BrowserStoredDoc : public QObject
{
    Q_OBJECT

private:
    static QJsonObject entity(int i)
    {
        return QJsonObject{{u"_id"_s, u"id-%1"_s.arg(i, 6, 10, QChar(u'0'))},
                           {u"_mod"_s, qint64(1764752400123456789) + i},
                           {u"name"_s, u"Grüße %1 😀"_s.arg(i)},
                           {u"tags"_s, QJsonArray{i, u"x"_s, QJsonValue::Null}},
                           {u"address"_s, QJsonObject{{u"zip"_s, i}, {u"city"_s, u"Oslo"_s}}}};
    }

private Q_SLOTS:
    void init() { StoredDoc::clearCache(); }

    void readsLikeTheObject()
    {
        const QJsonObject doc = entity(7);
        StoredDoc stored;
        QVERIFY(stored.isEmpty());
        QCOMPARE(stored.object(), QJsonObject());
        QVERIFY(stored == QJsonObject());
        stored = doc;
        for (const bool cached : {true, false}) {
            if (!cached)
                StoredDoc::clearCache(); // parsed again from the text
            QCOMPARE(stored.object(), doc);
            QCOMPARE(stored.object().keys(), doc.keys());
            QCOMPARE(QJsonObject(stored), doc);
            QCOMPARE(QJsonValue(stored), QJsonValue(doc));
            QCOMPARE(stored.size(), doc.size());
            QCOMPARE(stored.value(u"_mod"_s).toInteger(), qint64(1764752400123456789) + 7);
            QCOMPARE(stored.value(QLatin1StringView("name")), doc.value(u"name"_s));
            QCOMPARE(stored.value(u"address"_s), doc.value(u"address"_s));
            QVERIFY(stored.value(u"missing"_s).isUndefined());
            QVERIFY(stored == doc);
            QVERIFY(doc == stored);
            QVERIFY(!(stored != doc));
        }
    }

    void comparesAsDocuments()
    {
        StoredDoc stored;
        stored = QJsonObject{{u"n"_s, 1}, {u"s"_s, u"a"_s}};
        QVERIFY(stored == (QJsonObject{{u"n"_s, 1.0}, {u"s"_s, u"a"_s}})); // as QJsonObject says
        QVERIFY(stored != (QJsonObject{{u"n"_s, 2}, {u"s"_s, u"a"_s}}));
        QVERIFY(stored != (QJsonObject{{u"n"_s, 1}}));
        QVERIFY(stored != QJsonObject());
        StoredDoc empty;
        QVERIFY(empty != (QJsonObject{{u"n"_s, 1}}));
    }

    void changesAreSeen()
    {
        // Many documents replaced many times: what is read is always the last one stored, also
        // when the text of an old one is freed and its address reused for a new one.
        std::vector<std::unique_ptr<StoredDoc>> docs;
        for (int i = 0; i < 2000; ++i) {
            docs.push_back(std::make_unique<StoredDoc>());
            *docs.back() = entity(i);
        }
        for (int round = 1; round <= 3; ++round) {
            for (int i = 0; i < 2000; i += 3) {
                docs[size_t(i)] = std::make_unique<StoredDoc>();
                *docs[size_t(i)] = entity(i + round * 10000);
            }
            for (int i = 1; i < 2000; i += 3)
                *docs[size_t(i)] = entity(i + round * 10000);
            for (int i = 0; i < 2000; ++i) {
                const int expected = i % 3 == 2 ? i : i + round * 10000;
                QCOMPARE(docs[size_t(i)]->object(), entity(expected));
                QCOMPARE(docs[size_t(i)]->value(u"name"_s), entity(expected).value(u"name"_s));
            }
        }
    }

    void copiesShareTheText()
    {
        StoredDoc a;
        a = entity(1);
        StoredDoc b = a;
        QCOMPARE(b.packed().constData(), a.packed().constData());
        a = entity(2);
        QCOMPARE(b.object(), entity(1));
        QCOMPARE(a.object(), entity(2));
        b = a;
        QCOMPARE(b.object(), entity(2));
        a = QJsonObject();
        QVERIFY(a.isEmpty());
        QCOMPARE(b.object(), entity(2));
    }

    void keyIndexAgreesWithQHash()
    {
        // The model's index of entities by key against QHash, through inserts (some replacing),
        // removals (the backward shift of the open addressing) and growth.
        struct Node
        {
            QString key;
        };
        std::vector<std::unique_ptr<Node>> nodes;
        loom::detail::KeyIndex<Node> index;
        QHash<QString, Node *> expected;
        QRandomGenerator random(11);
        for (int step = 0; step < 60000; ++step) {
            const QString key = u"k%1"_s.arg(random.bounded(5000));
            if (random.bounded(3) == 0) {
                index.remove(key);
                expected.remove(key);
            } else {
                nodes.push_back(std::make_unique<Node>(Node{key}));
                index.insert(nodes.back().get());
                expected.insert(key, nodes.back().get());
            }
            if (step % 997 == 0) {
                QCOMPARE(index.size(), size_t(expected.size()));
                for (int k = 0; k < 5000; ++k) {
                    const QString probe = u"k%1"_s.arg(k);
                    QCOMPARE(index.value(probe), expected.value(probe, nullptr));
                }
            }
        }
        index.clear();
        QCOMPARE(index.value(u"k1"_s), nullptr);
        QCOMPARE(index.size(), size_t(0));
    }

    void takesPackedText()
    {
        StoredDoc stored;
        stored.setPacked(loom::packedjson::pack(entity(3)));
        QCOMPARE(stored.object(), entity(3));
        QVERIFY(stored == entity(3));
    }
};

QTEST_GUILESS_MAIN(tst_BrowserStoredDoc)
#include "tst_browser_storeddoc.moc"
