#include <algorithm>

#include <xapian.h>
#include <catch2/catch.hpp>

#include "pressroom/database.h"
#include "pressroom/document_builder.h"
#include "pressroom/record.h"
#include "pressroom/schema.h"
#include "pressroom/searcher.h"
#include "pressroom/stored_fields.h"
#include "test_support.h"

using namespace pressroom;
using json = nlohmann::ordered_json;

namespace {

std::vector<std::string> terms_of(const Xapian::Document& doc) {
  std::vector<std::string> out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) out.push_back(*t);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

Record make(const char* text) {
  auto r = record_from_json(json::parse(text));
  REQUIRE(r.ok());
  return r.value();
}

}  // namespace

TEST_CASE("document builder writes the schema's terms, values and data", "[documents]") {
  Record r = make(R"({"id":"nwc-1","date":"2019-03-14T09:30:00+01:00",
    "issuers":["Northwater Council","Harbour Union"],"topics":["Water","Public Safety"],
    "title":"Flooding plan announced","body":"The council announced flooding defences today.",
    "url":"https://nwc.example/1","source":"NWC"})");
  DocumentBuilder b;
  Xapian::Document doc = b.build(r);
  auto terms = terms_of(doc);

  CHECK(has(terms, "Qnwc-1"));
  CHECK(has(terms, "XInorthwater council"));
  CHECK(has(terms, "XIharbour union"));
  CHECK(has(terms, "XTwater"));
  CHECK(has(terms, "XTpublic safety"));
  CHECK(has(terms, "XAnorthwater"));  // issuer words are searchable
  CHECK(has(terms, "XBsafety"));
  CHECK(has(terms, "Sflooding"));  // title, prefixed
  CHECK(has(terms, "ZSflood"));    // and stemmed
  CHECK(has(terms, "flooding"));   // title words also unprefixed
  CHECK(has(terms, "defences"));
  CHECK(has(terms, "Zdefenc"));  // English stem
  CHECK(has(terms, "Y2019"));
  CHECK(has(terms, "M201903"));
  CHECK(has(terms, "D20190314"));
  CHECK(has(terms, "Len"));
  CHECK(has(terms, "XSnwc"));
  CHECK(has(terms, "Uhttps://nwc.example/1"));
  CHECK(has(terms, "XH" + body_hash(r.body)));

  CHECK(doc.get_value(schema::kSlotId) == "nwc-1");
  CHECK(doc.get_value(schema::kSlotDate) == "20190314");
  CHECK(doc.get_value(schema::kSlotYear) == "2019");
  CHECK(doc.get_value(schema::kSlotMonth) == "2019-03");
  CHECK(doc.get_value(schema::kSlotDay) == "2019-03-14");
  CHECK(doc.get_value(schema::kSlotIssuerFirst) == "Northwater Council");
  CHECK(doc.get_value(schema::kSlotIssuerFirst + 1) == "Harbour Union");
  CHECK(doc.get_value(schema::kSlotIssuerFirst + 2).empty());
  CHECK(doc.get_value(schema::kSlotTopicFirst) == "Water");
  CHECK(doc.get_value(schema::kSlotTopicFirst + 1) == "Public Safety");

  CHECK(json::parse(pressroom::decode_record_data(doc.get_data())) == record_to_json(r));
}

TEST_CASE("title words weigh more than body words", "[documents]") {
  Record r = make(R"({"id":"a","title":"harbour","body":"harbour harbour"})");
  DocumentBuilder b;
  Xapian::Document doc = b.build(r);
  auto t = doc.termlist_begin();
  t.skip_to("harbour");
  REQUIRE(*t == "harbour");
  CHECK(t.get_wdf() == schema::kTitleWeight + 2);
}

TEST_CASE("phrases stay inside one field and positions exist", "[documents]") {
  Record r = make(R"({"id":"a","title":"alpha beta","body":"gamma delta"})");
  DocumentBuilder b;
  Xapian::Document doc = b.build(r);
  auto t = doc.termlist_begin();
  t.skip_to("beta");
  std::vector<Xapian::termpos> beta(t.positionlist_begin(), t.positionlist_end());
  t.skip_to("gamma");
  std::vector<Xapian::termpos> gamma(t.positionlist_begin(), t.positionlist_end());
  REQUIRE_FALSE(beta.empty());
  REQUIRE_FALSE(gamma.empty());
  CHECK(gamma.front() > beta.back() + 1);  // "beta gamma" is not a phrase
}

TEST_CASE("date precision decides the date terms", "[documents]") {
  DocumentBuilder b;
  auto year = terms_of(b.build(make(R"({"id":"a","title":"t","date":"2018"})")));
  CHECK(has(year, "Y2018"));
  CHECK_FALSE(std::any_of(year.begin(), year.end(), [](auto& s) { return s[0] == 'M'; }));
  auto doc = b.build(make(R"({"id":"a","title":"t","date":"2018"})"));
  CHECK(doc.get_value(schema::kSlotDate) == "20180000");
  CHECK(doc.get_value(schema::kSlotMonth).empty());
  auto undated = b.build(make(R"({"id":"a","title":"t"})"));
  CHECK(undated.get_value(schema::kSlotDate).empty());
}

TEST_CASE("stemmer follows the record's language", "[documents]") {
  CHECK(stemmer_name_for("fr") == "french");
  CHECK(stemmer_name_for("de-AT") == "german");
  CHECK(stemmer_name_for("xx") == "english");
  // Every name it gives is a stemmer this Xapian has (1.4 has no Greek: "el" once threw from
  // Xapian::Stem and killed the indexer, a fuzz finding).
  for (const char* code :
       {"ar", "ca", "da", "de", "el", "en", "es", "eu", "fi", "fr", "ga", "hu", "hy",    "id", "it",
        "lt", "nb", "ne", "nl", "nn", "no", "pt", "ro", "ru", "sv", "ta", "tr", "el-GR", "zz"})
    CHECK_NOTHROW(Xapian::Stem(stemmer_name_for(code)));
  DocumentBuilder b;
  CHECK_NOTHROW(b.build(make(R"({"id":"g","title":"t","body":"καλημέρα","language":"el"})")));
  auto fr =
      terms_of(b.build(make(R"({"id":"a","title":"t","body":"les citoyennes","language":"fr"})")));
  CHECK(has(fr, "Zcitoyen"));
  auto en =
      terms_of(b.build(make(R"({"id":"a","title":"t","body":"the councils","language":"en"})")));
  CHECK(has(en, "Zcouncil"));
}

TEST_CASE("body hash ignores spacing and case only", "[documents]") {
  CHECK(body_hash("The  Council\nsaid") == body_hash("the council said"));
  CHECK(body_hash("the council said") != body_hash("the council says"));
  CHECK(body_hash("x").size() == 16);
}

TEST_CASE("databases carry and check the schema version", "[documents]") {
  test::TempDir dir;
  std::string path = (dir / "db").string();
  {
    auto db = open_writable(path);
    REQUIRE(db.ok());
    CHECK(db->get_metadata(std::string(schema::kMetaSchemaVersion)) ==
          std::to_string(schema::kSchemaVersion));
  }
  CHECK(open_readonly({path}).ok());
  {
    Xapian::WritableDatabase raw(path, Xapian::DB_OPEN);
    raw.set_metadata(std::string(schema::kMetaSchemaVersion), "999");
    raw.commit();
  }
  auto w = open_writable(path);
  REQUIRE_FALSE(w.ok());
  CHECK(w.error().code == pressroom::ErrorCode::kSchemaMismatch);
  CHECK_THAT(w.error().message, Catch::Contains("999"));
  auto r = open_readonly({path});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == pressroom::ErrorCode::kSchemaMismatch);
  auto missing = open_readonly({(dir / "nope").string()});
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == pressroom::ErrorCode::kNotADatabase);
}

TEST_CASE("an index of schema version 1 stays readable and is stamped 2 by the next writer",
          "[documents]") {
  test::TempDir dir;
  const std::string path = (dir / "db").string();
  DocumentBuilder b;
  const Record old = make(R"({"id":"old","title":"Old fraud release","body":"Written under 1."})");
  {
    // What schema 1 wrote: the same terms, the record's plain JSON as data.
    Xapian::WritableDatabase raw(path, Xapian::DB_CREATE);
    raw.set_metadata(std::string(schema::kMetaSchemaVersion), "1");
    raw.set_metadata(std::string(schema::kMetaDefaultLanguage), "en");
    Xapian::Document d = b.build(old);
    d.set_data(record_to_json(old).dump());
    raw.replace_document(DocumentBuilder::id_term("old"), d);
    raw.commit();
  }
  auto titles = [&] {
    auto db = open_readonly({path});
    REQUIRE(db.ok());
    SearchRequest req;
    req.q = "fraud";
    req.sort = SortOrder::kOldest;
    auto r = search(*db, req, Limits{});
    REQUIRE(r.ok());
    std::vector<std::string> out;
    for (const auto& h : r->hits) out.push_back(h.id + ": " + h.title);
    return out;
  };
  CHECK(titles() == std::vector<std::string>{"old: Old fraud release"});
  {
    auto w = open_writable(path);
    REQUIRE(w.ok());
    CHECK(w->get_metadata(std::string(schema::kMetaSchemaVersion)) == "2");
    const Record fresh =
        make(R"({"id":"new","title":"New fraud release","body":"Written under 2."})");
    Xapian::Document d = b.build(fresh);
    // Stored as one zstd frame that decodes to the record's JSON.
    CHECK(d.get_data().rfind("\x28\xb5\x2f\xfd", 0) == 0);
    CHECK(json::parse(decode_record_data(d.get_data())) == record_to_json(fresh));
    CHECK(d.get_data().size() < record_to_json(fresh).dump().size() + 16);
    w->replace_document(DocumentBuilder::id_term("new"), d);
    w->commit();
  }
  CHECK(titles() == std::vector<std::string>{"old: Old fraud release", "new: New fraud release"});
  // A corrupt frame reads as no record, never as garbage.
  std::string bad = encode_record_data(R"({"id":"x"})");
  bad[bad.size() - 2] ^= 0x55;
  CHECK(decode_record_data(bad).empty());
  CHECK(decode_record_data("{\"id\":\"plain\"}") == "{\"id\":\"plain\"}");
  CHECK(same_record_data(encode_record_data("{}"), "{}"));
  CHECK_FALSE(same_record_data(encode_record_data("{}"), "{ }"));
}

TEST_CASE("a second writer is told the database is locked", "[documents]") {
  test::TempDir dir;
  std::string path = (dir / "db").string();
  auto first = open_writable(path);
  REQUIRE(first.ok());
  auto second = open_writable(path);
  REQUIRE_FALSE(second.ok());
  CHECK(second.error().code == pressroom::ErrorCode::kLocked);
  CHECK_THAT(second.error().message, Catch::Contains("locked"));
}

TEST_CASE("ids keep exact terms up to 200 bytes and hashed terms beyond", "[documents]") {
  // Short ids: the term is the id, as in every index written before long ids were allowed.
  CHECK(DocumentBuilder::id_term("nwc-1") == "Qnwc-1");
  const std::string at_limit(schema::kMaxExactIdBytes, 'a');
  CHECK(DocumentBuilder::id_term(at_limit) == "Q" + at_limit);
  // Long ids (a Congress URL): a fixed-length term of a head and the SHA-256 of the whole id,
  // so two ids sharing their first 300 bytes still differ.
  const std::string head = "https://www.congress.gov/" + std::string(275, 'x');
  const std::string a = head + "/a", b = head + "/b";
  const std::string ta = DocumentBuilder::id_term(a), tb = DocumentBuilder::id_term(b);
  CHECK(ta.size() == schema::kHashedIdTermBytes);
  CHECK(ta.size() <= schema::kMaxTermBytes);
  CHECK(ta != tb);
  CHECK(ta.substr(0, schema::kIdTermHeadBytes + 2) ==
        "Q" + a.substr(0, schema::kIdTermHeadBytes) + "#");
  CHECK(ta.substr(schema::kIdTermHeadBytes + 2).find_first_not_of("0123456789abcdef") ==
        std::string::npos);
  CHECK(DocumentBuilder::id_term(std::string(201, 'a')).size() == schema::kHashedIdTermBytes);

  // Stored and found whole: the record, the id slot, and the lookup by id.
  test::TempDir dir;
  Xapian::WritableDatabase w((dir.path() / "db").string(), Xapian::DB_CREATE_OR_OPEN);
  DocumentBuilder builder;
  for (const auto& id : {a, b}) {
    Record r = make(R"({"id":"x","title":"Long id","body":"text"})");
    r.id = id;
    w.replace_document(DocumentBuilder::id_term(id), builder.build(r));
  }
  w.commit();
  for (const auto& id : {a, b}) {
    auto doc = find_document(w, id);
    REQUIRE(doc.ok());
    CHECK(json::parse(doc.value())["id"] == id);
  }
  CHECK(w.get_document(1).get_value(schema::kSlotId) == a);
  CHECK_FALSE(find_document(w, head + "/c").ok());
  CHECK_FALSE(find_document(w, std::string(schema::kMaxIdBytes + 1, 'x')).ok());
}
