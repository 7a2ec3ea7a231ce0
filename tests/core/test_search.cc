// Search and export in the core, on the sample archive: counts checked against counts computed
// from the records themselves, never from Xapian.
#include <algorithm>
#include <map>
#include <set>

#include <catch2/catch.hpp>

#include "pressroom/database.h"
#include "pressroom/dates.h"
#include "pressroom/export.h"
#include "pressroom/query_builder.h"
#include "pressroom/schema.h"
#include "pressroom/searcher.h"
#include "pressroom/stored_fields.h"
#include "test_index.h"
#include "test_support.h"

using namespace pressroom;
using test::Json;

namespace {

// The sort key of a record date as the API defines it: YYYYMMDD with 00 for a missing part.
std::string key_of(const Json& r) {
  if (!r.contains("date")) return "";
  std::string d = r["date"].get<std::string>().substr(0, 10);
  std::string k = d.substr(0, 4);
  k += d.size() >= 7 ? d.substr(5, 2) : "00";
  k += d.size() >= 10 ? d.substr(8, 2) : "00";
  return k;
}

// Independent bound keys: "2015" -> 20150000 / 20159999, "2015-06" -> 20150600 / 20150699.
std::string bound_key(const std::string& b, bool upper) {
  std::string k = b.substr(0, 4);
  k += b.size() >= 7 ? b.substr(5, 2) : (upper ? "99" : "00");
  k += b.size() >= 10 ? b.substr(8, 2) : (upper ? "99" : "00");
  return k;
}

std::vector<std::string> strings(const Json& j, const char* key) {
  std::vector<std::string> out;
  if (j.contains(key))
    for (const auto& v : j[key]) out.push_back(v.get<std::string>());
  return out;
}

struct Fixture {
  test::TempDir dir;
  std::vector<Json> records = test::sample_records();
  Xapian::Database db;
  Fixture() {
    test::index_records(dir / "db", records);
    db = open_readonly({(dir / "db").string()}).value();
  }
  SearchResult run(SearchRequest r, Limits l = {}) {
    auto res = search(db, r, l);
    INFO(r.q);
    REQUIRE(res.ok());
    return res.value();
  }
  // Value counts of a field over the records that pass `keep`.
  template <class Pred>
  std::map<std::string, Xapian::doccount> count(const char* field, Pred keep) {
    std::map<std::string, Xapian::doccount> c;
    for (const auto& r : records)
      if (keep(r))
        for (const auto& v : strings(r, field)) ++c[v];
    return c;
  }
};

std::map<std::string, Xapian::doccount> as_map(const std::vector<FacetValue>& v) {
  std::map<std::string, Xapian::doccount> m;
  for (const auto& f : v) m[f.value] = f.count;
  return m;
}

std::vector<FacetValue> facet(const SearchResult& r, FacetField f) {
  for (const auto& [field, values] : r.facets)
    if (field == f) return values;
  FAIL("facet " << to_string(f) << " missing");
  return {};
}

}  // namespace

TEST_CASE_METHOD(Fixture, "search: empty query lists every release, newest first", "[search]") {
  SearchRequest req;
  req.per_page = 100;
  auto r = run(req);
  CHECK(r.total == records.size());
  CHECK(r.total_exact);
  CHECK(r.facets_exact);
  REQUIRE(r.hits.size() == records.size());
  std::vector<std::string> keys;
  for (const auto& h : r.hits) {
    auto it = std::find_if(records.begin(), records.end(),
                           [&](const Json& j) { return j["id"] == h.id; });
    REQUIRE(it != records.end());
    keys.push_back(key_of(*it));
  }
  CHECK(std::is_sorted(keys.rbegin(), keys.rend()));  // descending, undated last
  CHECK(keys.back().empty());
  CHECK(r.hits.front().rank == 1);
  CHECK(r.hits.back().rank == records.size());
  CHECK(r.parsed == "Query(<alldocuments>)");
  CHECK_FALSE(r.uuid.empty());
  CHECK(r.revision >= 1);
}

TEST_CASE_METHOD(Fixture, "search: facet counts are exact and per value", "[search][facets]") {
  SearchRequest req;
  req.facets = {FacetField::kIssuer, FacetField::kTopic, FacetField::kYear, FacetField::kMonth};
  req.facet_size = 1000;
  auto all = [](const Json&) { return true; };
  auto r = run(req);
  CHECK(as_map(facet(r, FacetField::kIssuer)) == count("issuers", all));
  CHECK(as_map(facet(r, FacetField::kTopic)) == count("topics", all));
  std::map<std::string, Xapian::doccount> years, months;
  for (const auto& j : records) {
    std::string k = key_of(j);
    if (k.empty()) continue;
    ++years[k.substr(0, 4)];
    if (k.substr(4, 2) != "00") ++months[k.substr(0, 4) + "-" + k.substr(4, 2)];
  }
  CHECK(as_map(facet(r, FacetField::kYear)) == years);
  CHECK(as_map(facet(r, FacetField::kMonth)) == months);

  SECTION("with a query and a filter") {
    req.q = "settlement OR indictment";
    req.issuers = {"Tax Division", "Criminal Division"};
    auto keep = [](const Json& j) {
      std::string body = j["body"].get<std::string>();
      bool words = body.find("settlement") != std::string::npos ||
                   body.find("indictment") != std::string::npos;
      auto iss = strings(j, "issuers");
      bool issuer = std::count(iss.begin(), iss.end(), "Tax Division") +
                        std::count(iss.begin(), iss.end(), "Criminal Division") >
                    0;
      return words && issuer;
    };
    auto fr = run(req);
    Xapian::doccount expected = 0;
    for (const auto& j : records) expected += keep(j) ? 1 : 0;
    REQUIRE(expected > 3);
    CHECK(fr.total == expected);
    CHECK(as_map(facet(fr, FacetField::kIssuer)) == count("issuers", keep));
    CHECK(as_map(facet(fr, FacetField::kTopic)) == count("topics", keep));
  }
}

TEST_CASE_METHOD(Fixture, "search: facet order and size", "[search][facets]") {
  SearchRequest req;
  req.facet_size = 2;
  req.facets = {FacetField::kIssuer, FacetField::kYear};
  auto r = run(req);
  const auto issuers = facet(r, FacetField::kIssuer);
  REQUIRE(issuers.size() == 2);
  auto counts = count("issuers", [](const Json&) { return true; });
  std::vector<std::pair<Xapian::doccount, std::string>> ranked;
  for (auto& [v, n] : counts) ranked.emplace_back(n, v);
  std::sort(ranked.begin(), ranked.end(), [](auto& a, auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  CHECK(issuers[0].value == ranked[0].second);
  CHECK(issuers[1].value == ranked[1].second);
  const auto years = facet(r, FacetField::kYear);
  REQUIRE(years.size() == 2);
  CHECK(years[0].value < years[1].value);  // time facets read in time order
}

TEST_CASE_METHOD(Fixture, "search: date filters include their boundaries", "[search][dates]") {
  struct Case {
    const char* from;
    const char* to;
  };
  const Case cases[] = {{"2015-06-30", "2015-06-30"},
                        {"2015-07", ""},
                        {"", "2015-06"},
                        {"2015", "2015"},
                        {"2016", "2016"},
                        {"2016-01", "2016-12"},
                        {"2015-01-01", "2015-01-01"},
                        {"2015-12-31", ""},
                        {"2014-02-29", ""}};
  for (const auto& c : cases) {
    INFO("from=" << c.from << " to=" << c.to);
    SearchRequest req;
    req.per_page = 100;
    req.from = c.from;
    req.to = c.to;
    if (*c.from) {
      auto b = date_bound(c.from, false);
      if (!b) {  // 2014-02-29 does not exist: the API rejects it before searching
        CHECK(std::string(c.from) == "2014-02-29");
        continue;
      }
      req.from_key = b.value();
    }
    if (*c.to) req.to_key = date_bound(c.to, true).value();
    std::set<std::string> expected;
    for (const auto& j : records) {
      std::string k = key_of(j);
      if (k.empty()) continue;
      if (*c.from && k < bound_key(c.from, false)) continue;
      if (*c.to && k > bound_key(c.to, true)) continue;
      expected.insert(j["id"].get<std::string>());
    }
    auto r = run(req);
    std::set<std::string> got;
    for (const auto& h : r.hits) got.insert(h.id);
    CHECK(got == expected);
    CHECK(r.total == expected.size());
  }
  // The boundary records are where they should be.
  SearchRequest june;
  june.from = june.to = "2015-06";
  june.from_key = "20150600";
  june.to_key = "20150699";
  auto r = run(june);
  bool has_30 = false, has_july = false;
  for (const auto& h : r.hits) {
    has_30 = has_30 || h.id == "edge-2015-06-30";
    has_july = has_july || h.id == "edge-2015-07-01";
  }
  CHECK(has_30);
  CHECK_FALSE(has_july);
}

TEST_CASE_METHOD(Fixture, "search: sort orders", "[search]") {
  SearchRequest req;
  req.q = "statement OR case OR release";
  req.per_page = 100;
  auto keys_of = [&](const SearchResult& r) {
    std::vector<std::string> keys;
    for (const auto& h : r.hits)
      for (const auto& j : records)
        if (j["id"] == h.id) keys.push_back(key_of(j));
    return keys;
  };
  req.sort = SortOrder::kNewest;
  auto newest = run(req);
  REQUIRE(newest.hits.size() > 20);
  auto k = keys_of(newest);
  CHECK(std::is_sorted(k.rbegin(), k.rend()));
  req.sort = SortOrder::kOldest;
  k = keys_of(run(req));
  CHECK(std::is_sorted(k.begin(), k.end()));
  req.sort = SortOrder::kRelevance;
  auto rel = run(req);
  for (size_t i = 1; i < rel.hits.size(); ++i) CHECK(rel.hits[i - 1].score >= rel.hits[i].score);
  // Scores are relative to the best match: the first is 1, none is above it or at 0.
  CHECK(rel.hits.front().score == Approx(1.0));
  CHECK(rel.hits.back().score > 0);
  CHECK(rel.hits.back().score <= 1.0);
  // A date filter keeping every dated match weighs nothing (its year terms are not words): the
  // dated releases keep their order and their scores up to one factor (the best may be undated).
  SearchRequest dated = req;
  dated.from_key = "10000000";
  dated.to_key = "30009999";
  auto rel_dated = run(dated);
  std::map<std::string, double> score_of;
  for (const auto& h : rel.hits) score_of[h.id] = h.score;
  REQUIRE(rel_dated.hits.size() + 5 > rel.hits.size());
  const double factor = rel_dated.hits.front().score / score_of.at(rel_dated.hits.front().id);
  for (const auto& h : rel_dated.hits) CHECK(h.score == Approx(score_of.at(h.id) * factor));
}

TEST_CASE_METHOD(Fixture, "search: hits carry the record fields and escaped snippets", "[search]") {
  SearchRequest req;
  req.q = "laundering";
  auto r = run(req);
  REQUIRE(r.total == 1);
  const Hit& h = r.hits.front();
  CHECK(h.id == "script");
  CHECK(h.title == "Money laundering charges");
  CHECK(h.date == "2017-05-05");
  CHECK(h.issuers == std::vector<std::string>{"Criminal Division"});
  CHECK(h.rank == 1);
  CHECK_THAT(h.snippet, Catch::Contains("<mark>laundering</mark>"));
  CHECK_THAT(h.snippet, Catch::Contains("&lt;script&gt;alert"));
  CHECK_THAT(h.snippet, Catch::Contains("&amp;"));
  CHECK_THAT(h.snippet, !Catch::Contains("<script>"));
  // A match in the title only: the snippet is the start of the body, escaped all the same.
  SearchRequest in_title;
  in_title.q = "title:laundering";
  auto t = run(in_title);
  REQUIRE(t.total == 1);
  CHECK_THAT(t.hits.front().snippet, !Catch::Contains("<script>"));
  // Without words, the snippet is the start of the body.
  SearchRequest none;
  none.issuers = {"Office of the Attorney General"};
  auto n = run(none);
  REQUIRE(n.hits.size() == 1);
  CHECK(n.hits[0].snippet == "Remarks as prepared for delivery.");
  Limits short_snippets;
  short_snippets.snippet_bytes = 20;
  SearchRequest script;
  script.q = "";
  script.from = script.to = "2017-05-05";
  script.from_key = script.to_key = "20170505";
  auto sr = search(db, script, short_snippets);
  REQUIRE(sr.ok());
  REQUIRE(sr->hits.size() == 1);
  CHECK(sr->hits[0].snippet == "The body mentions…");
  short_snippets.snippet_bytes = 46;
  CHECK(search(db, script, short_snippets)->hits[0].snippet ==
        "The body mentions &lt;script&gt;alert('x')&lt;/script&gt;…");
  // Precision of the date is kept.
  SearchRequest y;
  y.q = "shipping";
  CHECK(run(y).hits.at(0).date == "2016");
  y.q = "trucking";
  CHECK(run(y).hits.at(0).date == "2016-03");
}

TEST_CASE_METHOD(Fixture, "search: snippets mark other forms of a query word", "[search]") {
  // The snippet generator stems the body's words (through a memoising stemmer) and marks those
  // whose stem is a query term: "launders" finds and marks "laundering".
  SearchRequest req;
  req.q = "launders";
  auto r = run(req);
  REQUIRE(r.total == 1);
  CHECK_THAT(r.hits.front().snippet, Catch::Contains("money <mark>laundering</mark> with"));
  // Twice in one request (two hits): the remembered stems give the same marks.
  req.q = "launders OR investigation";
  auto two = run(req);
  REQUIRE(two.total >= 2);
  bool seen = false;
  for (const auto& h : two.hits) {
    if (h.id != "script") continue;
    seen = true;
    CHECK_THAT(h.snippet, Catch::Contains("<mark>laundering</mark>"));
  }
  CHECK(seen);
}

TEST_CASE("search: snippets of long bodies come from around the first matching word", "[search]") {
  test::TempDir dir;
  std::string filler;
  for (int i = 0; filler.size() < 6000; ++i)
    filler += "The country account filler sentence number " + std::to_string(i) + ". ";
  const std::string body = filler + "Two counts of fraud were filed in Zanzibar. " + filler +
                           "A swiss bank appears once. " + filler;
  test::index_records(dir / "db",
                      {Json{{"id", "long"}, {"title", "Long release"}, {"body", body}}});
  auto db = open_readonly({(dir / "db").string()}).value();
  auto snippet_for = [&](const std::string& q) {
    SearchRequest req;
    req.q = q;
    auto r = search(db, req, Limits{});
    REQUIRE(r.ok());
    REQUIRE(r->hits.size() == 1);
    return r->hits.front().snippet;
  };
  // "count" begins "country" and "account" (not a match) long before "counts" (a match).
  std::string s = snippet_for("counts");
  CHECK_THAT(s, Catch::Contains("<mark>counts</mark> of fraud"));
  CHECK_THAT(s, Catch::StartsWith("…"));
  CHECK_THAT(s, Catch::EndsWith("…"));
  CHECK(s.size() < Limits{}.snippet_bytes + 40);
  CHECK_THAT(snippet_for("zanzibar"), Catch::Contains("in <mark>Zanzibar</mark>."));
  // A phrase is marked where the phrase matches (the whole body is looked at).
  CHECK_THAT(snippet_for("\"swiss bank\""), Catch::Contains("<mark>swiss bank</mark> appears"));
}

TEST_CASE("search: hit fields come from the top level of the stored record only", "[search]") {
  test::TempDir dir;
  {
    auto w = open_writable((dir / "db").string());
    REQUIRE(w.ok());
    auto add = [&](const std::string& data) {
      Xapian::Document d;
      d.set_data(data);
      d.add_term("zzqq");
      d.add_term("Zzzqq");  // the stem the query parser looks for
      w->add_document(d);
    };
    // Nested objects and arrays must not leak into the fields; non-strings are skipped.
    add(R"({"id":"n1","extra":{"title":"not this","issuers":["no"]},"issuers":["A",{"x":"no"},)"
        R"(["no"],7,"B"],"title":"Kept","topics":"not a list","url":5,"body":"zzqq body"})");
    add("not json at all zzqq");
    add(R"(["zzqq", "an array, not a record"])");
    w->commit();
  }
  auto db = open_readonly({(dir / "db").string()}).value();
  SearchRequest req;
  req.q = "zzqq";
  req.sort = SortOrder::kOldest;
  auto r = search(db, req, Limits{});
  REQUIRE(r.ok());
  REQUIRE(r->hits.size() == 3);
  std::map<std::string, const Hit*> by_id;
  for (const auto& h : r->hits) by_id[h.id] = &h;
  REQUIRE(by_id.count("n1") == 1);
  const Hit& n1 = *by_id["n1"];
  CHECK(n1.title == "Kept");
  CHECK(n1.issuers == std::vector<std::string>{"A", "B"});
  CHECK(n1.topics.empty());
  CHECK(n1.url.empty());
  CHECK_THAT(n1.snippet, Catch::Contains("<mark>zzqq</mark> body"));
  // The two records that are not JSON objects show no fields at all.
  REQUIRE(by_id.count("") == 1);
  for (const auto& h : r->hits) {
    if (h.id == "n1") continue;
    CHECK(h.title.empty());
    CHECK(h.issuers.empty());
    CHECK(h.snippet.empty());
  }
}

TEST_CASE_METHOD(Fixture, "search: a pasted link finds its release", "[search]") {
  SearchRequest req;
  req.q = " https://example.org/pr/r-017 ";
  auto r = run(req);
  REQUIRE(r.total == 1);
  CHECK(r.hits[0].id == "r-017");
}

TEST_CASE_METHOD(Fixture, "search: pages", "[search]") {
  SearchRequest req;
  req.per_page = 10;
  req.page = 2;
  auto r = run(req);
  CHECK(r.hits.size() == 10);
  CHECK(r.hits.front().rank == 11);
  req.page = 6;  // 57 releases: the last page holds 7
  r = run(req);
  CHECK(r.hits.size() == records.size() - 50);
  req.page = 500;
  r = run(req);
  CHECK(r.hits.empty());
  CHECK(r.total == records.size());
  CHECK(r.total_exact);
}

TEST_CASE_METHOD(Fixture, "search: histograms over the whole match set", "[search][histogram]") {
  SearchRequest req;
  req.per_page = 1;
  req.histogram = HistogramInterval::kYear;
  auto r = run(req);
  REQUIRE(r.histogram);
  CHECK(r.histogram->interval == HistogramInterval::kYear);
  std::vector<std::string> keys;
  Xapian::doccount sum = 0;
  for (const auto& b : r.histogram->buckets) {
    keys.push_back(b.value);
    sum += b.count;
  }
  CHECK(keys == std::vector<std::string>{"2014", "2015", "2016", "2017"});
  CHECK(sum == records.size() - 1);  // the undated release is in no bucket

  req.histogram = HistogramInterval::kMonth;
  req.from = "2016";
  req.to = "2016";
  req.from_key = "20160000";
  req.to_key = "20169999";
  r = run(req);
  REQUIRE(r.histogram);
  // Gaps are filled: every month from the first to the last one with a release.
  const auto& b = r.histogram->buckets;
  REQUIRE(b.size() >= 2);
  for (size_t i = 1; i < b.size(); ++i)
    CHECK(b[i].value == next_bucket_key(b[i - 1].value, HistogramInterval::kMonth));
  CHECK(std::any_of(b.begin(), b.end(),
                    [](const FacetValue& v) { return v.value == "2016-03" && v.count >= 1; }));

  req.histogram = HistogramInterval::kAuto;
  r = run(req);  // one year: months
  CHECK(r.histogram->interval == HistogramInterval::kMonth);
  req.from = req.to = "2015-06";
  req.from_key = "20150600";
  req.to_key = "20150699";
  r = run(req);  // one month: days
  CHECK(r.histogram->interval == HistogramInterval::kDay);
  CHECK(r.histogram->buckets.back().value == "2015-06-30");
  req.from_key = req.to_key = "";
  r = run(req);
  CHECK(r.histogram->interval == HistogramInterval::kYear);
}

TEST_CASE("search: when the time limit stops counting, the answer says so", "[search][facets]") {
  test::TempDir dir;
  std::vector<Json> many;
  for (int i = 0; i < 5000; ++i) {
    Json issuers = Json::array();  // many issuer slots: counting is the slow part of the match
    for (int k = 0; k < 12; ++k) issuers.push_back("Issuer " + std::to_string((i + k) % 40));
    many.push_back(
        Json{{"id", "b-" + std::to_string(i)},
             {"date", std::to_string(2000 + i % 20) + "-01-01"},
             {"issuers", issuers},
             {"title", "bulk release"},
             {"body", std::string(static_cast<size_t>(5 * (1 + i % 13)), 'x') + " bulk text"}});
  }
  test::index_records(dir / "db", many);
  auto db = open_readonly({(dir / "db").string()}).value();
  SearchRequest req;
  req.q = "bulk OR text";
  req.histogram = HistogramInterval::kYear;
  auto full = search(db, req, Limits{});
  REQUIRE(full.ok());
  CHECK(full->total == 5000);
  CHECK(full->facets_exact);
  Limits hurried;
  hurried.query_time_limit = 1e-7;  // Xapian's timer fires long before 5000 documents are counted
  bool stopped = false;
  for (int attempt = 0; attempt < 20 && !stopped; ++attempt) {
    auto r = search(db, req, hurried);
    REQUIRE(r.ok());
    // The page is right whatever the counting did.
    REQUIRE(r->hits.size() == full->hits.size());
    for (size_t i = 0; i < r->hits.size(); ++i) CHECK(r->hits[i].id == full->hits[i].id);
    if (r->facets_exact) continue;
    stopped = true;
    Xapian::doccount counted = 0;
    for (const auto& [field, values] : r->facets)
      if (field == FacetField::kYear)
        for (const auto& v : values) counted += v.count;
    CHECK(counted < 5000);
    if (!r->total_exact) {
      CHECK(r->total_lower <= r->total);
      CHECK(r->total <= r->total_upper);
      CHECK(r->total_lower < r->total_upper);
      CHECK_FALSE(r->facets_exact);
    }
  }
  CHECK(stopped);
}

TEST_CASE("search: bucket keys step through the calendar", "[histogram]") {
  CHECK(next_bucket_key("2015", HistogramInterval::kYear) == "2016");
  CHECK(next_bucket_key("2015-12", HistogramInterval::kMonth) == "2016-01");
  CHECK(next_bucket_key("2016-02-28", HistogramInterval::kDay) == "2016-02-29");
  CHECK(next_bucket_key("2015-02-28", HistogramInterval::kDay) == "2015-03-01");
  CHECK(next_bucket_key("2015-12-31", HistogramInterval::kDay) == "2016-01-01");
  CHECK(next_bucket_key("garbage", HistogramInterval::kDay).empty());
}

TEST_CASE_METHOD(Fixture, "search: a wildcard that expands too far is the client's error",
                 "[search]") {
  Limits l;
  l.max_wildcard_expansion = 3;
  SearchRequest req;
  req.q = "d*";
  auto r = search(db, req, l);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == pressroom::ErrorCode::kInvalidArgument);
  CHECK(r.error().field == "q");
  CHECK_THAT(r.error().message, Catch::Contains("more than 3"));
  req.q = "indict*";
  CHECK(search(db, req, l).ok());
}

TEST_CASE_METHOD(Fixture, "search: documents by id", "[search]") {
  auto d = find_document(db, "doc/with space?&");
  REQUIRE(d.ok());
  CHECK(Json::parse(d.value())["title"] == "An odd identifier");
  auto missing = find_document(db, "nope");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == pressroom::ErrorCode::kNotFound);
  CHECK(missing.error().field == "id");
  CHECK_FALSE(find_document(db, "").ok());
  CHECK_FALSE(find_document(db, std::string(1000, 'x')).ok());
}

// ---------------------------------------------------------------- exports

namespace {

std::string drain(Export& ex) {
  std::string body;
  while (!ex.done()) {
    auto step = ex.next(body);
    REQUIRE(step.ok());
  }
  return body;
}

}  // namespace

TEST_CASE_METHOD(Fixture, "export: ndjson holds every match, in order, with a reproducible hash",
                 "[export]") {
  SearchRequest req;
  req.sort = SortOrder::kOldest;
  Limits l;
  l.export_page_size = 7;  // many pages
  auto now = std::chrono::system_clock::now();
  auto ex = Export::prepare(db, req, l, "test", now);
  REQUIRE(ex.ok());
  const auto m = ex->manifest();
  CHECK(m.count == records.size());
  CHECK(m.sort == SortOrder::kOldest);
  std::string body = drain(ex.value());
  std::vector<std::string> ids;
  std::string hash_input;
  size_t start = 0;
  while (start < body.size()) {
    size_t nl = body.find('\n', start);
    REQUIRE(nl != std::string::npos);
    auto j = Json::parse(body.substr(start, nl - start));
    ids.push_back(j["id"].get<std::string>());
    hash_input += ids.back() + "\n";
    start = nl + 1;
  }
  CHECK(ids.size() == records.size());
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == records.size());
  CHECK(m.ids_sha256 == sha256_hex(hash_input));
  // A second export of the same index has the same manifest but for the time.
  auto again = Export::prepare(db, req, Limits{}, "test", now);
  REQUIRE(again.ok());
  CHECK(again->manifest().ids_sha256 == m.ids_sha256);
  CHECK(drain(again.value()) == body);
}

TEST_CASE_METHOD(Fixture, "export: csv is RFC 4180 with joined multi-valued fields", "[export]") {
  SearchRequest req;
  req.format = ExportFormat::kCsv;
  req.issuers = {"USAO - Florida, Southern"};
  auto ex = Export::prepare(db, req, Limits{}, "test", std::chrono::system_clock::now());
  REQUIRE(ex.ok());
  auto rows = test::parse_csv(drain(ex.value()));
  REQUIRE(rows.size() == ex->manifest().count + 1);
  CHECK(rows[0] == std::vector<std::string>{"id", "date", "issuers", "topics", "title", "body",
                                            "url", "language", "source"});
  for (size_t i = 1; i < rows.size(); ++i) {
    REQUIRE(rows[i].size() == 9);
    auto it = std::find_if(records.begin(), records.end(),
                           [&](const Json& j) { return j["id"] == rows[i][0]; });
    REQUIRE(it != records.end());
    std::string joined;
    for (const auto& s : strings(*it, "issuers")) joined += (joined.empty() ? "" : "; ") + s;
    CHECK(rows[i][2] == joined);
    CHECK(rows[i][4] == (*it)["title"]);
  }
  // Quotes, commas and line breaks survive.
  SearchRequest q;
  q.q = "laundering";
  q.format = ExportFormat::kCsv;
  q.fields = {"body", "id"};
  auto one = Export::prepare(db, q, Limits{}, "test", std::chrono::system_clock::now());
  REQUIRE(one.ok());
  rows = test::parse_csv(drain(one.value()));
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == std::vector<std::string>{"body", "id"});
  CHECK(rows[1][0] ==
        "The body mentions <script>alert('x')</script> & money laundering with \"quotes\".");
  CHECK(csv_field("a\nb") == "\"a\nb\"");
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("say \"hi\", twice") == "\"say \"\"hi\"\", twice\"");
  CHECK(csv_field("\"") == "\"\"\"\"");
  CHECK(csv_field("\"\"x\"") == "\"\"\"\"\"x\"\"\"");
  CHECK(csv_field("").empty());
}

TEST_CASE_METHOD(Fixture, "export: json embeds the manifest; fields select", "[export]") {
  SearchRequest req;
  req.format = ExportFormat::kJson;
  req.topics = {"Tax"};
  req.fields = {"id", "topics"};
  auto ex = Export::prepare(db, req, Limits{}, "9.9.9", std::chrono::system_clock::now());
  REQUIRE(ex.ok());
  auto j = Json::parse(drain(ex.value()));
  CHECK(j["manifest"]["count"] == ex->manifest().count);
  CHECK(j["manifest"]["version"] == "9.9.9");
  CHECK(j["manifest"]["filters"]["topic"] == Json::array({"Tax"}));
  CHECK(j["manifest"]["fields"] == Json::array({"id", "topics"}));
  Xapian::doccount expected = 0;
  for (const auto& r : records) {
    auto t = strings(r, "topics");
    expected += std::count(t.begin(), t.end(), "Tax") ? 1 : 0;
  }
  REQUIRE(j["records"].size() == expected);
  for (const auto& r : j["records"]) {
    CHECK(r.size() == 2);
    CHECK(r.begin().key() == "id");
  }
  // An empty result is still well-formed.
  SearchRequest none;
  none.q = "xylophone";
  none.format = ExportFormat::kJson;
  auto empty = Export::prepare(db, none, Limits{}, "t", std::chrono::system_clock::now());
  REQUIRE(empty.ok());
  auto e = Json::parse(drain(empty.value()));
  CHECK(e["records"].empty());
  CHECK(e["manifest"]["count"] == 0);
  CHECK(e["manifest"]["ids_sha256"] == sha256_hex(""));
}

// Databases written before the id had a value slot (schema version 1 all the same): exports take
// the id from the "Q" term instead, with the same hash, whether no document or only some carry it.
TEST_CASE_METHOD(Fixture, "export: ids without the id slot come from the Q term", "[export]") {
  const auto now = std::chrono::system_clock::now();
  auto export_of = [&](const Xapian::Database& d, const SearchRequest& req) {
    Limits l;
    l.export_page_size = 9;
    auto ex = Export::prepare(d, req, l, "t", now);
    REQUIRE(ex.ok());
    return std::make_pair(ex->manifest().ids_sha256, drain(ex.value()));
  };
  // Strips the id slot from every `every`-th document, as an older pressroom-index wrote them.
  auto strip = [&](const std::filesystem::path& path, Xapian::docid every) {
    test::index_records(path, records);
    Xapian::WritableDatabase w(path.string());
    std::vector<Xapian::docid> docids;
    for (auto it = w.postlist_begin(""); it != w.postlist_end(""); ++it)
      if ((*it - 1) % every == 0) docids.push_back(*it);
    Xapian::doccount stripped = 0;
    for (auto did : docids) {
      Xapian::Document doc = w.get_document(did);
      REQUIRE_FALSE(doc.get_value(schema::kSlotId).empty());
      doc.remove_value(schema::kSlotId);
      w.replace_document(did, doc);
      ++stripped;
    }
    w.commit();
    REQUIRE(stripped > 0);
    return open_readonly({path.string()}).value();
  };
  auto none = strip(dir / "none", 1);
  auto some = strip(dir / "some", 3);
  CHECK(none.valuestream_begin(schema::kSlotId) == none.valuestream_end(schema::kSlotId));
  CHECK(some.get_value_freq(schema::kSlotId) == records.size() - (records.size() + 2) / 3);
  for (auto sort : {SortOrder::kRelevance, SortOrder::kNewest, SortOrder::kOldest}) {
    for (const char* q : {"", "fraud OR tax", "release"}) {
      SearchRequest req;
      req.q = q;
      req.sort = sort;
      INFO(q << " " << to_string(sort));
      const auto expected = export_of(db, req);
      std::string hash_input;
      size_t start = 0;
      while (start < expected.second.size()) {
        size_t nl = expected.second.find('\n', start);
        hash_input +=
            Json::parse(expected.second.substr(start, nl - start))["id"].get<std::string>() + "\n";
        start = nl + 1;
      }
      CHECK(expected.first == sha256_hex(hash_input));
      CHECK(export_of(none, req) == expected);
      CHECK(export_of(some, req) == expected);
    }
  }
}

// Exports rank the whole match set in one pass instead of asking Enquire for pages: the order
// must stay Enquire's own, ties included (equal weights, equal dates, undated releases), on one
// database and on two searched as one (interleaved docids).
TEST_CASE("export: the order is Enquire's, ties included, on one database and on shards",
          "[export]") {
  test::TempDir dir;
  auto records = test::sample_records();
  for (int i = 0; i < 6; ++i) {
    // Same date and same text as edge-2015-06-30 (equal weights), same year-only date, undated.
    records.push_back(Json{{"id", "tie-" + std::to_string(i)},
                           {"date", "2015-06-30"},
                           {"issuers", {"Tax Division"}},
                           {"title", "Last day of June"},
                           {"body", "A settlement in a wage case was announced."}});
    records.push_back(Json{{"id", "year-" + std::to_string(i)},
                           {"date", "2016"},
                           {"issuers", {"Antitrust Division"}},
                           {"title", "Year " + std::to_string(i)},
                           {"body", "Cartel conduct and a settlement" + std::string(i, '!')}});
    records.push_back(Json{{"id", "nodate-" + std::to_string(i)},
                           {"issuers", {"Tax Division"}},
                           {"title", "Undated"},
                           {"body", "A settlement of tax fraud."}});
  }
  std::vector<Json> even, odd;
  for (size_t i = 0; i < records.size(); ++i) (i % 2 ? odd : even).push_back(records[i]);
  test::index_records(dir / "one", records);
  test::index_records(dir / "a", even);
  test::index_records(dir / "b", odd);
  const auto one = open_readonly({(dir / "one").string()}).value();
  const auto shards = open_readonly({(dir / "a").string(), (dir / "b").string()}).value();

  struct Case {
    const char* q;
    std::vector<std::string> issuers;
  };
  const Case cases[] = {{"", {}},
                        {"", {"Tax Division"}},
                        {"settlement", {}},
                        {"settlement OR fraud OR cartel", {}},
                        {"tax", {"Tax Division", "Criminal Division"}},
                        {"\"grand jury\"", {}},
                        {"xylophone", {}}};
  for (const auto* db : {&one, &shards}) {
    for (const auto& c : cases) {
      for (auto sort : {SortOrder::kRelevance, SortOrder::kNewest, SortOrder::kOldest}) {
        SearchRequest req;
        req.q = c.q;
        req.issuers = c.issuers;
        req.sort = sort;
        INFO((db == &one ? "one database" : "two shards")
             << ", q=" << c.q << ", " << to_string(sort));
        auto built = build_query(req, *db, Limits{});
        REQUIRE(built.ok());
        Xapian::Enquire enq(*db);
        configure_enquire(enq, *built, sort);
        auto mset = enq.get_mset(0, db->get_doccount());
        std::vector<std::string> expected;
        for (auto it = mset.begin(); it != mset.end(); ++it)
          expected.push_back(
              Json::parse(pressroom::decode_record_data(it.get_document().get_data()))["id"]
                  .get<std::string>());

        auto ex = Export::prepare(*db, req, Limits{}, "t", std::chrono::system_clock::now());
        REQUIRE(ex.ok());
        const std::string body = drain(ex.value());
        std::vector<std::string> ids;
        std::string hash_input;
        for (size_t start = 0; start < body.size();) {
          size_t nl = body.find('\n', start);
          REQUIRE(nl != std::string::npos);
          ids.push_back(Json::parse(body.substr(start, nl - start))["id"].get<std::string>());
          hash_input += ids.back() + "\n";
          start = nl + 1;
        }
        CHECK(ids == expected);
        CHECK(ex->manifest().count == expected.size());
        CHECK(ex->manifest().ids_sha256 == sha256_hex(hash_input));
      }
    }
  }
}

TEST_CASE("export: sha256 of known text", "[export]") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE_METHOD(Fixture, "export: a snapshot never tears under concurrent commits", "[export]") {
  SearchRequest req;
  Limits l;
  l.export_page_size = 5;
  auto snapshot = open_readonly({(dir / "db").string()}).value();
  auto ex = Export::prepare(snapshot, req, l, "t", std::chrono::system_clock::now());
  REQUIRE(ex.ok());
  const auto manifest = ex->manifest();
  std::string body;
  REQUIRE(ex->next(body).ok());  // header and the first chunk
  // The writer rewrites every release, three commits in a row.
  for (int round = 0; round < 3; ++round) {
    auto changed = records;
    for (auto& r : changed) r["title"] = "rewritten " + std::to_string(round);
    changed.push_back(
        Json{{"id", "new-" + std::to_string(round)}, {"title", "new"}, {"body", "new"}});
    test::index_records(dir / "db", changed);
  }
  // Either the stream ends with exactly the manifest's records, or it fails visibly.
  bool failed = false;
  try {
    while (!ex->done() && !failed) failed = !ex->next(body).ok();
  } catch (const Xapian::DatabaseModifiedError&) {
    failed = true;
  }
  if (!failed) {
    std::string ids;
    size_t start = 0, lines = 0;
    while (start < body.size()) {
      size_t nl = body.find('\n', start);
      ids += Json::parse(body.substr(start, nl - start))["id"].get<std::string>() + "\n";
      ++lines;
      start = nl + 1;
    }
    CHECK(lines == manifest.count);
    CHECK(sha256_hex(ids) == manifest.ids_sha256);
    CHECK(body.find("rewritten") == std::string::npos);
  }
  SUCCEED((failed ? "the stream failed visibly" : "the stream kept its snapshot"));
}
