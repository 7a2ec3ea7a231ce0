// Ranking on hand-made records (issue #14): the zero-hit fallback and its warning, and the
// re-ranking components. Each case builds its own tiny archive, so the expected order is known.
#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "pressroom/database.h"
#include "pressroom/export.h"
#include "pressroom/query_builder.h"
#include "pressroom/searcher.h"
#include "test_index.h"
#include "test_support.h"

using namespace pressroom;
using test::Json;

namespace {

Json rec(const std::string& id, const std::string& title, const std::string& body,
         const std::string& issuer = "Tax Division") {
  return Json{
      {"id", id}, {"title", title}, {"body", body}, {"date", "2016-05-04"}, {"issuers", {issuer}}};
}

struct Archive {
  test::TempDir dir;
  Xapian::Database db;
  explicit Archive(const std::vector<Json>& records) {
    test::index_records(dir / "db", records);
    db = open_readonly({(dir / "db").string()}).value();
  }
  SearchResult run(SearchRequest r) {
    INFO(r.q);
    auto res = search(db, r, Limits{});
    REQUIRE(res.ok());
    return res.value();
  }
  SearchResult run(const std::string& q) {
    SearchRequest r;
    r.q = q;
    r.facets = {FacetField::kIssuer};
    return run(r);
  }
};

std::vector<std::string> ids(const SearchResult& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.id);
  return out;
}

}  // namespace

TEST_CASE("ranking: when every word matches nothing, the fallback ranks any of them",
          "[ranking][fallback]") {
  Archive a({rec("a", "Bank fraud sentencing", "A banker was sentenced for wire fraud."),
             rec("b", "Tax refund scheme", "Two preparers filed false tax refund claims.",
                 "Criminal Division"),
             rec("c", "Unrelated", "Nothing to see here.")});
  // No release holds both "fraud" and "refund": the AND query is empty, the fallback is not.
  SearchResult r = a.run("fraud refund");
  CHECK(r.warning == kFallbackWarning);
  CHECK(r.total == 2);
  CHECK(r.total_exact);
  std::vector<std::string> got = ids(r);
  std::sort(got.begin(), got.end());
  CHECK(got == std::vector<std::string>{"a", "b"});
  CHECK_THAT(r.parsed, Catch::Contains("OR"));
  // Facets count the fallback's match set.
  REQUIRE(r.facets.size() == 1);
  CHECK(r.facets[0].second.size() == 2);

  // A release with more of the words comes first.
  Archive more({rec("one", "Refund", "A refund was paid."),
                rec("two", "Fraud refund", "A refund obtained by fraud, and more fraud.")});
  SearchResult m = more.run("fraud refund scheme");
  CHECK(m.warning == kFallbackWarning);
  CHECK(ids(m) == std::vector<std::string>{"two", "one"});
}

TEST_CASE("ranking: the fallback leaves matching queries, filters and exports alone",
          "[ranking][fallback]") {
  Archive a({rec("a", "Bank fraud sentencing", "A banker was sentenced for wire fraud."),
             rec("b", "Tax refund scheme", "Two preparers filed false tax refund claims.",
                 "Criminal Division")});
  SECTION("a query that matches keeps AND and has no warning") {
    SearchResult r = a.run("wire fraud");
    CHECK(r.warning.empty());
    CHECK(ids(r) == std::vector<std::string>{"a"});
    CHECK_THAT(r.parsed, Catch::Contains("AND"));
  }
  SECTION("one word, an explicit AND and a phrase have nothing to relax") {
    for (const char* q : {"zebra", "fraud AND refund", "\"refund fraud\""}) {
      SearchResult r = a.run(q);
      CHECK(r.total == 0);
      CHECK(r.warning.empty());
    }
  }
  SECTION("filters still apply to the fallback") {
    SearchRequest req;
    req.q = "fraud refund";
    req.issuers = {"Criminal Division"};
    SearchResult r = a.run(req);
    CHECK(r.warning == kFallbackWarning);
    CHECK(ids(r) == std::vector<std::string>{"b"});
    req.issuers = {"Antitrust Division"};
    SearchResult none = a.run(req);
    CHECK(none.total == 0);
    CHECK(none.warning.empty());  // the fallback matched nothing either: no claim made
  }
  SECTION("exports keep the strict reading: their match set is the AND query's") {
    SearchRequest req;
    req.q = "fraud refund";
    auto ex = Export::prepare(a.db, req, Limits{}, "test", std::chrono::system_clock::now());
    REQUIRE(ex.ok());
    CHECK(ex->manifest().count == 0);
    CHECK(ex->manifest().warning.empty());
  }
  SECTION("the lenient reading's warning comes first") {
    SearchResult r = a.run("fraud refund AND");
    CHECK(r.warning == "Query was read leniently as plain words: fraud refund; " +
                           std::string(kFallbackWarning));
    CHECK(r.total == 2);
  }
  SECTION("query building gives the OR reading only where the default AND joined words") {
    SearchRequest req;
    req.q = "fraud refund";
    auto b = build_query(req, a.db, Limits{});
    REQUIRE(b.ok());
    CHECK(b->fallback.get_description() == "Query((Zfraud@1 OR Zrefund@2))");
    req.q = "fraud";
    auto one = build_query(req, a.db, Limits{});
    REQUIRE(one.ok());
    CHECK(one->fallback.empty());
  }
}

TEST_CASE("ranking: the words side by side outrank the same words far apart",
          "[ranking][proximity]") {
  // Same words, same counts, same length: BM25 cannot tell them apart (ties go to the lower
  // docid, "far"); only where the words stand differs.
  std::string gap;
  for (int i = 0; i < 30; ++i) gap += " filler";
  Archive a({rec("far", "Report", "Customs officers seized" + gap + " counterfeit watches."),
             rec("near", "Report", "Customs officers" + gap + " seized counterfeit watches.")});
  SearchResult r = a.run("seized counterfeit");
  CHECK(ids(r) == std::vector<std::string>{"near", "far"});
  CHECK(r.hits[0].score == 1.0);
  CHECK(r.hits[1].score < 1.0);
  CHECK(r.total == 2);
  // Stemmed query words find their surface forms' positions ("seize" -> "seized").
  CHECK(ids(a.run("seize counterfeits")) == std::vector<std::string>{"near", "far"});
  // One word has no window to measure: BM25's order (the tie by docid) stays.
  CHECK(ids(a.run("counterfeit")) == std::vector<std::string>{"far", "near"});
  // Newest/oldest orders are not touched.
  SearchRequest oldest;
  oldest.q = "seized counterfeit";
  oldest.sort = SortOrder::kOldest;
  CHECK(ids(a.run(oldest)) == std::vector<std::string>{"far", "near"});
}

TEST_CASE("ranking: proximity re-orders only the top of the list, pages stay consistent",
          "[ranking][proximity]") {
  // 61 releases with the same BM25 weight, so Xapian's order is the docid order. Two hold the
  // words side by side: the 40th (inside the re-ranked top 50: it comes first) and the 61st
  // (outside it: it keeps its place).
  std::string gap;
  for (int i = 0; i < 20; ++i) gap += " filler";
  std::vector<Json> records;
  for (int i = 1; i <= 61; ++i) {
    const bool near = i == 40 || i == 61;
    records.push_back(rec("r" + std::to_string(100 + i), "Report",
                          near ? "Wire fraud" + gap + " transfers scheme."
                               : "Wire transfers" + gap + " fraud scheme."));
  }
  Archive a(records);
  SearchRequest req;
  req.q = "wire fraud";
  req.per_page = 10;
  std::vector<std::string> all;
  for (unsigned page = 1; page <= 7; ++page) {
    req.page = page;
    SearchResult r = a.run(req);
    CHECK(r.total == 61);
    for (size_t i = 0; i < r.hits.size(); ++i) CHECK(r.hits[i].rank == (page - 1) * 10 + i + 1);
    for (const auto& id : ids(r)) all.push_back(id);
  }
  REQUIRE(all.size() == 61);
  CHECK(all[0] == "r140");
  CHECK(all[1] == "r101");
  CHECK(all[40] == "r141");  // the 41st, as BM25 had it
  CHECK(all[60] == "r161");  // beyond the re-ranked depth
  // Every release exactly once across the pages.
  std::sort(all.begin(), all.end());
  CHECK(std::adjacent_find(all.begin(), all.end()) == all.end());
}
