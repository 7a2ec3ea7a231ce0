// Query building: SearchRequest -> Xapian::Query, checked through get_description() as Omega does.
#include <catch2/catch.hpp>

#include "pressroom/database.h"
#include "pressroom/document_builder.h"
#include "pressroom/query_builder.h"
#include "pressroom/schema.h"
#include "searchd_test_util.h"
#include "test_support.h"

using namespace pressroom;

namespace {

SearchRequest with_q(std::string q) {
  SearchRequest r;
  r.q = std::move(q);
  return r;
}

struct Fixture {
  test::TempDir dir;
  Xapian::Database db;
  Fixture() {
    test::index_records(dir / "db", test::sample_records());
    db = open_readonly({(dir / "db").string()}).value();
  }
  BuiltQuery build(SearchRequest r, Limits l = {}) {
    auto b = build_query(r, db, l);
    INFO(r.q);
    REQUIRE(b.ok());
    return b.value();
  }
  std::string desc(const std::string& q) { return build(with_q(q)).query.get_description(); }
};

}  // namespace

TEST_CASE_METHOD(Fixture, "query: words, phrases, operators and prefixes", "[query]") {
  struct Case {
    const char* q;
    const char* description;
  };
  const Case cases[] = {
      {"fraud", "Query(Zfraud@1)"},
      {"tax fraud", "Query((Ztax@1 AND Zfraud@2))"},
      {"tax OR fraud", "Query((Ztax@1 OR Zfraud@2))"},
      {"\"tax fraud\"", "Query((tax@1 PHRASE 2 fraud@2))"},
      {"fraud NOT tax", "Query((Zfraud@1 AND_NOT Ztax@2))"},
      {"NOT tax", "Query((<alldocuments> AND_NOT Ztax@1))"},
      {"(tax OR wage) AND fraud", "Query(((Ztax@1 OR Zwage@2) AND Zfraud@3))"},
      {"tax NEAR fraud", "Query((tax@1 NEAR 11 fraud@2))"},
      {"+fraud -tax", "Query((Zfraud@1 AND_NOT Ztax@2))"},
      {"indict*", "Query(WILDCARD SYNONYM indict)"},
      {"title:fraud", "Query(ZSfraud@1)"},
      {"issuer:criminal", "Query(ZXAcrimin@1)"},
      {"topic:\"health care\"", "Query((XBhealth@1 PHRASE 2 XBcare@2))"},
      {"indictments", "Query(Zindict@1)"},  // stemmed with the index language (English)
  };
  for (const auto& c : cases) {
    INFO(c.q);
    CHECK(desc(c.q) == c.description);
    CHECK(build(with_q(c.q)).warning.empty());
  }
}

TEST_CASE_METHOD(Fixture, "query: date ranges in the query text", "[query]") {
  CHECK(desc("date:2015..2016") == "Query(VALUE_RANGE 0 20150000 20169999)");
  CHECK(desc("date:2015-06..2015-06-30") == "Query(VALUE_RANGE 0 20150600 20150630)");
  CHECK(desc("date:2015-06..") == "Query(VALUE_GE 0 20150600)");
  CHECK(desc("date:..2016-06-30") == "Query(VALUE_LE 0 20160630)");
  CHECK(desc("fraud date:2015..2015") == "Query((Zfraud@1 FILTER VALUE_RANGE 0 20150000 20159999))");

  for (const char* bad : {"date:2015-13..2016", "date:2016..2015", "date:2015..yesterday"}) {
    INFO(bad);
    auto b = build_query(with_q(bad), db, Limits{});
    REQUIRE_FALSE(b.ok());
    CHECK(b.error().code == "invalid_argument");
    CHECK(b.error().field == "q");
    CHECK_THAT(b.error().message, Catch::StartsWith("date range in the query"));
  }
}

TEST_CASE_METHOD(Fixture, "query: text the strict parser rejects is read leniently", "[query]") {
  struct Case {
    const char* q;
    const char* words;
  };
  const Case cases[] = {
      {"fraud AND", "fraud"},
      {"tax OR OR fraud", "tax fraud"},
      {"\"fraud\" AND (", "fraud"},
      {"2015..2016 fraud", "2015 2016 fraud"},  // a range without date: is not one we know
      {"wage NOT", "wage"},
  };
  for (const auto& c : cases) {
    INFO(c.q);
    auto b = build(with_q(c.q));
    CHECK(b.warning == std::string("Query was read leniently as plain words: ") + c.words);
    CHECK(b.has_text);
  }
  CHECK(desc("fraud AND") == "Query(Zfraud@1)");
  // Pasted text that is valid syntax needs no retry: lower-case "and" is a word, a URL a phrase.
  CHECK(desc("fraud and tax") == "Query((Zfraud@1 AND Zand@2 AND Ztax@3))");
  CHECK(build(with_q("https://www.justice.gov/opa/pr/x")).warning.empty());
  // A pasted link also finds the release at that address.
  CHECK(desc("https://example.org/pr/r-001") ==
        "Query((Uhttps://example.org/pr/r-001 OR (https@1 PHRASE 6 example@2 PHRASE 6 org@3 PHRASE 6 "
        "pr@4 PHRASE 6 r@5 PHRASE 6 001@6)))");
}

TEST_CASE_METHOD(Fixture, "query: nothing to search for", "[query]") {
  auto b = build(with_q("AND"));
  CHECK_FALSE(b.has_text);
  CHECK(b.query.get_description() == "Query(<alldocuments>)");
  CHECK(b.warning == "Query has no words to search for; it was ignored");
  b = build(with_q("\""));
  CHECK_FALSE(b.has_text);
  CHECK(b.warning == "Query has no words to search for; it was ignored");
  b = build(SearchRequest{});
  CHECK(b.query.get_description() == "Query(<alldocuments>)");
  CHECK(b.warning.empty());
  b = build(with_q("   "));
  CHECK(b.warning.empty());
}

TEST_CASE_METHOD(Fixture, "query: filters are boolean and combine OR within, AND across", "[query]") {
  SearchRequest r;
  r.issuers = {"Tax Division", " Criminal Division "};
  CHECK(build(r).query.get_description() == "Query((XItax division OR XIcriminal division))");
  r.topics = {"Tax"};
  CHECK(build(r).query.get_description() ==
        "Query(((XItax division OR XIcriminal division) AND XTtax))");
  r.q = "fraud";
  r.from_key = "20150000";
  r.to_key = "20159999";
  CHECK(build(r).query.get_description() ==
        "Query((Zfraud@1 FILTER ((XItax division OR XIcriminal division) AND XTtax AND "
        "VALUE_RANGE 0 20150000 20159999)))");
  SearchRequest from_only;
  from_only.from_key = "20150600";
  CHECK(build(from_only).query.get_description() == "Query(VALUE_GE 0 20150600)");
  SearchRequest to_only;
  to_only.to_key = "20150699";
  CHECK(build(to_only).query.get_description() == "Query(VALUE_LE 0 20150699)");
}

TEST_CASE("query: filter terms match the document builder's, long values included", "[query]") {
  CHECK(filter_term(schema::kPrefixIssuer, "Tax Division") == "XItax division");
  CHECK(filter_term(schema::kPrefixTopic, "ÉCONOMIE") == "XTéconomie");
  std::string long_value(300, 'a');
  CHECK(filter_term(schema::kPrefixIssuer, long_value).size() == schema::kMaxTermBytes);
}

TEST_CASE("query: url terms match the document builder's, long URLs included", "[query]") {
  Record r;
  r.id = "x";
  r.title = "t";
  for (std::string url : {std::string("https://example.org/a"), "https://example.org/" + std::string(400, 'p')}) {
    r.url = url;
    DocumentBuilder b;
    Xapian::Document doc = b.build(r);
    bool found = false;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) found = found || *t == url_term(url);
    CHECK(found);
  }
}

TEST_CASE("query: lenient words", "[query]") {
  CHECK(lenient_words("fraud AND (tax") == "fraud tax");
  CHECK(lenient_words("\"stray quote, and/or punctuation!!") == "stray quote and or punctuation");
  CHECK(lenient_words("NEAR ADJ XOR") == "");
  CHECK(lenient_words("Café—société") == "Café—société");  // non-ASCII bytes stay inside words
}

TEST_CASE("query: stemming follows the language of the index", "[query]") {
  test::TempDir dir;
  {
    auto w = open_writable((dir / "db").string());
    REQUIRE(w.ok());
    w->set_metadata(std::string(schema::kMetaDefaultLanguage), "fr");
    w->commit();
  }
  auto db = open_readonly({(dir / "db").string()}).value();
  auto b = build_query(with_q("mangeront"), db, Limits{});
  REQUIRE(b.ok());
  CHECK(b->query.get_description() == "Query(Zmang@1)");
  test::TempDir en;
  test::index_records(en / "db", test::sample_records());
  auto en_db = open_readonly({(en / "db").string()}).value();
  CHECK(index_language(en_db) == "en");
  b = build_query(with_q("mangeront"), en_db, Limits{});
  REQUIRE(b.ok());
  CHECK(b->query.get_description() == "Query(Zmangeront@1)");
}
