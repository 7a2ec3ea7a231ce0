// Researchers' tools over HTTP (issue #12): "did you mean" suggestions, more like this
// (/api/v1/documents/{id}/similar) and histogram shares (histogram_normalize), each checked
// against an independent count on the sample archive.
#include <map>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "searchd_test_util.h"
#include "test_support.h"

using namespace pressroom;
using test::Json;

namespace {

// What pressroom-index adds unless --no-spelling: every plain word of each release.
void add_spelling_data(const std::filesystem::path& db) {
  Xapian::WritableDatabase w(db.string());
  for (auto d = w.postlist_begin(""); d != w.postlist_end(""); ++d) {
    Xapian::Document doc = w.get_document(*d);
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      const std::string& term = *t;
      const auto c = static_cast<unsigned char>(term[0]);
      if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || term.size() < 3) continue;
      w.add_spelling(term);
    }
  }
  w.commit();
}

std::string search_target(const std::string& params) {
  return "/api/v1/search?facets=none&per_page=5&" + params;
}

}  // namespace

TEST_CASE("research: a misspelt query suggests the better spelling and its total", "[research]") {
  test::TempDir dir;
  test::index_records(dir / "db", test::sample_records());
  add_spelling_data(dir / "db");
  test::TestServer s(test::test_config(dir / "db"));

  for (const auto& [typo, word] : std::map<std::string, std::string>{
           {"fruad", "fraud"}, {"briberry", "bribery"}, {"discrimnation", "discrimination"}}) {
    INFO(typo);
    const Json wrong = test::json_of(s.get(search_target("q=" + typo)));
    const Json right = test::json_of(s.get(search_target("q=" + word)));
    REQUIRE(right["total"].get<int>() > 0);
    CHECK(wrong["total"] == 0);
    REQUIRE(wrong.contains("suggestion"));
    CHECK(wrong["suggestion"]["q"] == word);
    CHECK(wrong["suggestion"]["total"] == right["total"]);
    CHECK_FALSE(right.contains("suggestion"));
  }
  // Operators, phrases and filters are kept: the total is the corrected query's with them.
  const Json filtered = test::json_of(s.get(search_target(
      "q=" + test::enc("\"tax evasoin\" OR briberry") + "&issuer=" + test::enc("Tax Division"))));
  REQUIRE(filtered.contains("suggestion"));
  CHECK(filtered["suggestion"]["q"] == "\"tax evasion\" OR bribery");
  const Json expected = test::json_of(s.get(search_target(
      "q=" + test::enc("\"tax evasion\" OR bribery") + "&issuer=" + test::enc("Tax Division"))));
  CHECK(filtered["suggestion"]["total"] == expected["total"]);
  // A word the archive knows well is not "corrected" into another.
  CHECK_FALSE(test::json_of(s.get(search_target("q=statement")))
                  .contains("suggestion"));  // 2 matches, correct
  // Nothing better to offer: no suggestion.
  CHECK_FALSE(test::json_of(s.get(search_target("q=zzyzx"))).contains("suggestion"));
}

TEST_CASE("research: without spelling data (--no-spelling) the answer has no suggestion",
          "[research]") {
  test::TempDir dir;
  test::index_records(dir / "db", test::sample_records());
  test::TestServer s(test::test_config(dir / "db"));
  const Json j = test::json_of(s.get(search_target("q=fruad")));
  CHECK(j["total"] == 0);
  CHECK_FALSE(j.contains("suggestion"));
}

TEST_CASE("research: similar releases have the search hit shape and follow the filters",
          "[research]") {
  test::TempDir dir;
  const auto records = test::sample_records();
  test::index_records(dir / "db", records);
  test::TestServer s(test::test_config(dir / "db"));

  // r-000's distinctive words are its indictment sentence (the words every release shares, such
  // as "department", are boilerplate): the releases with that sentence, and only they, come back.
  const Json j = test::json_of(s.get("/api/v1/documents/r-000/similar?per_page=20"));
  INFO(j.dump());
  const Json search = test::json_of(s.get(search_target("q=fraud")));
  REQUIRE_FALSE(j["hits"].empty());
  std::set<std::string> hit_keys, search_keys;
  for (const auto& [k, v] : j["hits"][0].items()) hit_keys.insert(k);
  for (const auto& [k, v] : search["hits"][0].items()) search_keys.insert(k);
  CHECK(hit_keys == search_keys);
  std::set<std::string> indicted, similar;
  for (const auto& r : records)
    if (r["body"].get<std::string>().find("indictment") != std::string::npos)
      indicted.insert(r["id"].get<std::string>());
  indicted.erase("r-000");
  for (const auto& h : j["hits"]) similar.insert(h["id"].get<std::string>());
  CHECK(similar == indicted);
  CHECK(j["total"] == indicted.size());
  CHECK(j["query"]["parsed"].get<std::string>().find("department") == std::string::npos);
  CHECK(j["hits"][0]["rank"] == 1);

  // Filters: every hit has the issuer and lies within the dates; per_page bounds the page.
  const Json f = test::json_of(s.get("/api/v1/documents/r-000/similar?per_page=3&issuer=" +
                                     test::enc("Tax Division") + "&from=2015&to=2016"));
  INFO(f.dump());
  CHECK(f["hits"].size() <= 3);
  REQUIRE_FALSE(f["hits"].empty());
  for (const auto& h : f["hits"]) {
    CHECK(h["issuers"].dump().find("Tax Division") != std::string::npos);
    CHECK(h["date"].get<std::string>().substr(0, 4) >= "2015");
    CHECK(h["date"].get<std::string>().substr(0, 4) <= "2016");
  }

  // An id with '/', spaces and '?': percent-encoded in the path, like the document itself.
  auto odd = s.get("/api/v1/documents/" + test::enc("doc/with space?&") + "/similar");
  CHECK(odd->status == 200);
  CHECK(s.get("/api/v1/documents/" + test::enc("doc/with space?&"))->status == 200);

  auto missing = s.get("/api/v1/documents/no-such-id/similar");
  CHECK(missing->status == 404);
  CHECK(test::json_of(missing)["error"]["code"] == "not_found");
  auto bad = s.get("/api/v1/documents/r-000/similar?q=fraud");
  CHECK(bad->status == 400);
  CHECK(test::json_of(bad)["error"]["field"] == "q");
}

TEST_CASE("research: histogram shares equal an independent count of each period's releases",
          "[research]") {
  test::TempDir dir;
  const auto records = test::sample_records();
  test::index_records(dir / "db", records);
  test::TestServer s(test::test_config(dir / "db"));

  // Releases per year, of everyone and of the Tax Division, counted from the records.
  std::map<std::string, int> all, tax;
  for (const auto& r : records) {
    if (!r.contains("date")) continue;
    const std::string year = r["date"].get<std::string>().substr(0, 4);
    ++all[year];
    for (const auto& i : r["issuers"])
      if (i == "Tax Division") ++tax[year];
  }
  for (const auto& [mode, issuer, expected] :
       {std::tuple{std::string("archive"), std::string(), &all},
        std::tuple{std::string("archive"), std::string("Tax Division"), &all},
        std::tuple{std::string("issuer"), std::string("Tax Division"), &tax},
        std::tuple{std::string("issuer"), std::string(), &all}}) {
    INFO(mode << " " << issuer);
    std::string target = "q=evasion&histogram=year&histogram_normalize=" + mode;
    if (!issuer.empty()) target += "&issuer=" + test::enc(issuer);
    const Json j = test::json_of(s.get(search_target(target)));
    INFO(j.dump());
    REQUIRE(j.contains("histogram"));
    CHECK(j["histogram"]["normalize"] == mode);
    REQUIRE_FALSE(j["histogram"]["buckets"].empty());
    for (const auto& b : j["histogram"]["buckets"]) {
      const int releases = (*expected)[b["key"].get<std::string>()];
      CHECK(b["releases"] == releases);
      CHECK(b["share"].get<double>() == b["count"].get<double>() / releases);
    }
  }
  // Bounds cut the period: a bucket counts only the releases inside them.
  const Json cut = test::json_of(
      s.get(search_target("q=settlement&histogram=month&histogram_normalize=archive&from=2015-06-"
                          "30&to=2015-07-01")));
  INFO(cut.dump());
  REQUIRE(cut["histogram"]["buckets"].size() == 2);
  for (const auto& b : cut["histogram"]["buckets"]) {
    CHECK(b["releases"] == 1);
    CHECK(b["share"] == 1.0);
  }
  // The denominators are cached per index revision: a commit shows in the next answer.
  const std::string share_2015 = search_target(
      "q=evasion&histogram=year&histogram_normalize=issuer&from=2015&to=2015&issuer=" +
      test::enc("Tax Division"));
  const Json before = test::json_of(s.get(share_2015));
  REQUIRE(before["histogram"]["buckets"].size() == 1);
  test::index_records(dir / "db", {Json{{"id", "fresh"},
                                        {"date", "2015-03-03"},
                                        {"title", "Fresh"},
                                        {"body", "Nothing about that."},
                                        {"issuers", {"Tax Division"}}}});
  const Json after = test::json_of(s.get(share_2015));
  CHECK(after["histogram"]["buckets"][0]["releases"] ==
        before["histogram"]["buckets"][0]["releases"].get<int>() + 1);
  // Without histogram_normalize the buckets are as before (no share).
  const Json plain = test::json_of(s.get(search_target("q=fraud&histogram=year")));
  CHECK_FALSE(plain["histogram"]["buckets"][0].contains("share"));
  auto bad = s.get(search_target("q=fraud&histogram_normalize=archive"));
  CHECK(bad->status == 400);
  CHECK(test::json_of(bad)["error"]["field"] == "histogram_normalize");
  bad = s.get(search_target("q=fraud&histogram=year&histogram_normalize=output"));
  CHECK(bad->status == 400);
}
