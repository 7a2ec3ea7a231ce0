// Query building: SearchRequest -> Xapian::Query, checked through get_description() as Omega does.
#include <set>

#include <catch2/catch.hpp>

#include "pressroom/database.h"
#include "pressroom/document_builder.h"
#include "pressroom/query_builder.h"
#include "pressroom/schema.h"
#include "test_index.h"
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
  // Whole years are their year terms; a year a bound cuts through tests the date slot (the
  // fixture holds 2014 to 2017). Weightless either way.
  CHECK(desc("date:2015..2016") == "Query(0 * 0 * (Y2015 OR Y2016))");
  CHECK(desc("date:2015-06..2015-06-30") ==
        "Query(0 * 0 * (Y2015 FILTER VALUE_RANGE 0 20150600 20150630))");
  CHECK(desc("date:2015-06..") ==
        "Query(0 * 0 * ((Y2016 OR Y2017) OR (Y2015 FILTER VALUE_GE 0 20150600)))");
  CHECK(desc("date:..2016-06-30") ==
        "Query(0 * 0 * ((Y2014 OR Y2015) OR (Y2016 FILTER VALUE_LE 0 20160630)))");
  CHECK(desc("fraud date:2015..2015") == "Query((Zfraud@1 FILTER 0 * Y2015))");
  // No year in range matches nothing (not everything).
  CHECK(desc("fraud date:1990..1991") == "Query((Zfraud@1 FILTER Y))");

  for (const char* bad : {"date:2015-13..2016", "date:2016..2015", "date:2015..yesterday"}) {
    INFO(bad);
    auto b = build_query(with_q(bad), db, Limits{});
    REQUIRE_FALSE(b.ok());
    CHECK(b.error().code == pressroom::ErrorCode::kInvalidArgument);
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
  CHECK(
      desc("https://example.org/pr/r-001") ==
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

TEST_CASE_METHOD(Fixture, "query: filters are boolean and combine OR within, AND across",
                 "[query]") {
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
        "0 * Y2015)))");
  SearchRequest from_only;
  from_only.from_key = "20150600";
  CHECK(build(from_only).query.get_description() ==
        "Query(0 * ((Y2016 OR Y2017) OR (Y2015 FILTER VALUE_GE 0 20150600)))");
  SearchRequest to_only;
  to_only.to_key = "20150699";
  CHECK(build(to_only).query.get_description() ==
        "Query(0 * (Y2014 OR (Y2015 FILTER VALUE_LE 0 20150699)))");
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
  for (std::string url :
       {std::string("https://example.org/a"), "https://example.org/" + std::string(400, 'p')}) {
    r.url = url;
    DocumentBuilder b;
    Xapian::Document doc = b.build(r);
    bool found = false;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
      found = found || *t == url_term(url);
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

TEST_CASE("query: date filters match exactly what a range on the date slot matches", "[query]") {
  using test::Json;
  // Documents of every precision (year, month, day) over five years; the filter built from
  // year terms must select the same documents as the plain value range, for bounds that fall
  // on, inside and outside the years, open on either side, and in the query text.
  test::TempDir dir;
  std::vector<Json> records;
  int n = 0;
  for (int y = 2013; y <= 2017; ++y) {
    const std::string ys = std::to_string(y);
    records.push_back(Json{{"id", "y" + std::to_string(n++)}, {"title", "fraud"}, {"date", ys}});
    for (const char* m : {"01", "06", "12"}) {
      records.push_back(
          Json{{"id", "m" + std::to_string(n++)}, {"title", "fraud"}, {"date", ys + "-" + m}});
      for (const char* d : {"01", "15", "30"})
        records.push_back(Json{{"id", "d" + std::to_string(n++)},
                               {"title", "fraud"},
                               {"date", ys + "-" + m + "-" + d}});
    }
  }
  records.push_back(Json{{"id", "undated"}, {"title", "fraud"}});
  test::index_records(dir / "db", records);
  auto db = open_readonly({(dir / "db").string()}).value();
  auto docids = [&](const Xapian::Query& q) {
    Xapian::Enquire enq(db);
    enq.set_query(q);
    std::set<Xapian::docid> out;
    auto mset = enq.get_mset(0, db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) out.insert(*it);
    return out;
  };
  const std::vector<std::string> bounds = {
      "",         "20120000", "20130000", "20130600", "20130615", "20131231",
      "20139999", "20140000", "20150101", "20150600", "20150699", "20151230",
      "20159999", "20170000", "20171231", "20179999", "20180000"};
  size_t checked = 0;
  for (const auto& lo : bounds) {
    for (const auto& hi : bounds) {
      if (lo.empty() && hi.empty()) continue;
      if (!lo.empty() && !hi.empty() && lo > hi) continue;
      const Xapian::Query range =
          lo.empty()   ? Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotDate, hi)
          : hi.empty() ? Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotDate, lo)
                       : Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDate, lo, hi);
      SearchRequest req;
      req.from_key = lo;
      req.to_key = hi;
      auto built = build_query(req, db, Limits{});
      REQUIRE(built.ok());
      INFO(lo << ".." << hi << ": " << built->query.get_description());
      const auto expected = docids(range);
      CHECK(docids(built->query) == expected);
      ++checked;
    }
  }
  CHECK(checked > 100);
  // In the query text, with words: the same documents as the words filtered by the range.
  SearchRequest text;
  text.q = "fraud date:2014-06..2016-06-15";
  auto built = build_query(text, db, Limits{});
  REQUIRE(built.ok());
  const auto words = Xapian::Query("ZSfraud");
  CHECK(docids(built->query) ==
        docids(Xapian::Query(Xapian::Query::OP_FILTER,
                             Xapian::Query(Xapian::Query::OP_OR, words, Xapian::Query("Zfraud")),
                             Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDate,
                                           "20140600", "20160615"))));
  CHECK(docids(built->query).size() > 10);
}
