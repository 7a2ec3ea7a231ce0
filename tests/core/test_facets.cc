// Facet counting: the value-stream walk and the in-memory columns give the same counts as Xapian's
// ValueCountMatchSpy, with empty and unused slots and deleted documents, and agree with counts
// made from the records themselves; asked for over several shards, search() falls back to the
// spies and stays exact. The columns follow every commit and are shared between threads. (That a
// commit shows in the next search over HTTP is searchd's: tests/searchd/test_facets_http.cc.)
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>
#include <catch2/catch.hpp>

#include "pressroom/database.h"
#include "pressroom/document_builder.h"
#include "pressroom/searcher.h"
#include "test_index.h"
#include "test_support.h"

using namespace pressroom;
using test::Json;

namespace {

// Releases with 0 to 6 issuers and 0 to 3 topics, some undated, some year- or month-only, so
// that high slots are mostly empty and the date slots have gaps.
std::vector<Json> varied_records(const std::string& prefix, int n, int seed) {
  std::vector<Json> out;
  for (int i = 0; i < n; ++i) {
    const int k = i * 7 + seed;
    Json issuers = Json::array();
    for (int s = 0; s < k % 7; ++s) issuers.push_back("Issuer " + std::to_string((k + s * 3) % 11));
    Json topics = Json::array();
    for (int s = 0; s < k % 4; ++s) topics.push_back("Topic " + std::to_string((k + s) % 5));
    Json r{{"id", prefix + std::to_string(i)},
           {"title", "Release " + std::to_string(i)},
           {"body", std::string(k % 3 == 0 ? "harbour " : "") + "common words for release " +
                        std::to_string(i)},
           {"issuers", issuers},
           {"topics", topics}};
    switch (k % 5) {
      case 0:
        break;  // undated
      case 1:
        r["date"] = std::to_string(2010 + k % 9);
        break;
      case 2:
        r["date"] = std::to_string(2010 + k % 9) + "-0" + std::to_string(1 + k % 9);
        break;
      default:
        r["date"] = std::to_string(2010 + k % 9) + "-1" + std::to_string(k % 3) + "-" +
                    std::to_string(10 + k % 18);
    }
    out.push_back(r);
  }
  return out;
}

void delete_ids(const std::filesystem::path& db, const std::vector<std::string>& ids) {
  auto w = open_writable(db.string());
  REQUIRE(w.ok());
  for (const auto& id : ids) w->delete_document(DocumentBuilder::id_term(id));
  w->commit();
}

std::vector<SearchRequest> requests() {
  std::vector<SearchRequest> out;
  auto add = [&](std::string q, HistogramInterval h, std::vector<std::string> issuers = {}) {
    SearchRequest r;
    r.q = std::move(q);
    r.histogram = h;
    r.issuers = std::move(issuers);
    r.facets = {FacetField::kIssuer, FacetField::kTopic, FacetField::kYear, FacetField::kMonth};
    r.facet_size = 1000;
    out.push_back(r);
  };
  add("", HistogramInterval::kAuto);
  add("harbour", HistogramInterval::kYear);
  add("common", HistogramInterval::kMonth);
  add("release", HistogramInterval::kDay);
  add("", HistogramInterval::kAuto, {"Issuer 3"});
  add("nomatchatall", HistogramInterval::kAuto);
  return out;
}

// [{"<name>": value, "count": n}, …] of facet values or histogram buckets.
Json counted(const std::vector<FacetValue>& list, const char* name) {
  Json out = Json::array();
  for (const auto& v : list) out.push_back(Json{{name, v.value}, {"count", v.count}});
  return out;
}

// Every count search() reports, for comparison.
Json counts_of(const SearchResult& r) {
  Json facets = Json::object();
  for (const auto& [field, values] : r.facets)
    facets[std::string(to_string(field))] = counted(values, "value");
  Json histogram;
  if (r.histogram)
    histogram = Json{{"interval", std::string(to_string(r.histogram->interval))},
                     {"buckets", counted(r.histogram->buckets, "key")}};
  return Json{{"total", r.total},
              {"facets", std::move(facets)},
              {"facets_exact", r.facets_exact},
              {"histogram", std::move(histogram)}};
}

SearchOptions with(FacetSource source, FacetColumnCache* columns = nullptr, std::string key = {}) {
  SearchOptions o;
  o.facet_source = source;
  o.columns = columns;
  o.state_key = std::move(key);
  return o;
}

std::string key_of(const Xapian::Database& db) {
  return db.get_uuid() + "@" + std::to_string(database_revision(db));
}

// Spies, value streams and columns give the same counts for every request.
void check_same_counts(const Xapian::Database& db) {
  FacetColumnCache columns;
  for (const auto& req : requests()) {
    INFO("q=" << req.q << " histogram=" << to_string(req.histogram));
    auto spies = search(db, req, Limits{}, with(FacetSource::kSpies));
    auto streams = search(db, req, Limits{}, with(FacetSource::kValueStreams));
    auto cols = search(db, req, Limits{}, with(FacetSource::kValueStreams, &columns, key_of(db)));
    REQUIRE(spies.ok());
    REQUIRE(streams.ok());
    REQUIRE(cols.ok());
    CHECK(counts_of(streams.value()) == counts_of(spies.value()));
    CHECK(counts_of(cols.value()) == counts_of(spies.value()));
    CHECK(streams->facets_exact);
  }
}

std::map<std::string, Xapian::doccount> issuer_counts(const std::vector<Json>& records) {
  std::map<std::string, Xapian::doccount> c;
  for (const auto& r : records)
    for (const auto& v : r["issuers"]) ++c[v.get<std::string>()];
  return c;
}

}  // namespace

TEST_CASE("facets: value streams count as the spies do, on one shard", "[facets]") {
  test::TempDir dir;
  auto records = varied_records("a-", 300, 1);
  test::index_records(dir / "a", records);
  // Holes in the docids, at the start, in the middle and at the end.
  delete_ids(dir / "a", {"a-0", "a-1", "a-150", "a-298", "a-299"});
  std::erase_if(records, [](const Json& r) {
    const auto id = r["id"].get<std::string>();
    return id == "a-0" || id == "a-1" || id == "a-150" || id == "a-298" || id == "a-299";
  });
  auto db = open_readonly({(dir / "a").string()}).value();
  REQUIRE(facet_source_for({db}) == FacetSource::kValueStreams);
  check_same_counts(db);

  // And both agree with the records: every issuer counted once per release naming it.
  SearchRequest all;
  all.facets = {FacetField::kIssuer};
  all.facet_size = 1000;
  auto r = search(db, all, Limits{}, with(FacetSource::kValueStreams));
  REQUIRE(r.ok());
  std::map<std::string, Xapian::doccount> got;
  for (const auto& v : r->facets.front().second) got[v.value] = v.count;
  CHECK(got == issuer_counts(records));
}

TEST_CASE("facets: value streams count as the spies do, on several shards with deletions",
          "[facets][shards]") {
  test::TempDir dir;
  test::index_records(dir / "a", varied_records("a-", 200, 1));
  test::index_records(dir / "b", varied_records("b-", 90, 4));
  test::index_records(dir / "c", test::sample_records());
  // Holes in the docid ranges of two shards.
  delete_ids(dir / "a", {"a-0", "a-5", "a-6", "a-7", "a-150", "a-199"});
  delete_ids(dir / "b", {"b-1", "b-2", "b-3"});
  auto db = open_readonly({(dir / "a").string(), (dir / "b").string(), (dir / "c").string()});
  REQUIRE(db.ok());
  check_same_counts(db.value());

  SearchRequest all;
  all.facets = {FacetField::kIssuer};
  all.facet_size = 1000;
  auto r = search(db.value(), all, Limits{}, with(FacetSource::kValueStreams));
  REQUIRE(r.ok());
  CHECK(r->total == 200 - 6 + 90 - 3 + test::sample_records().size());
  CHECK(r->facets_exact);
}

TEST_CASE("facets: value streams are used for one local database only", "[facets][shards]") {
  test::TempDir dir;
  test::index_records(dir / "a", varied_records("a-", 5, 1));
  test::index_records(dir / "b", varied_records("b-", 5, 2));
  Xapian::Database a((dir / "a").string()), b((dir / "b").string());
  CHECK(facet_source_for({a}) == FacetSource::kValueStreams);
  // Over several shards the spies see each shard's own docids: the spies count.
  CHECK(facet_source_for({a, b}) == FacetSource::kSpies);
  // In-memory (like remote) databases have no revisions: the spies, which work everywhere.
  Xapian::WritableDatabase mem(std::string(), Xapian::DB_BACKEND_INMEMORY);
  CHECK(facet_source_for({mem}) == FacetSource::kSpies);
  CHECK(facet_source_for({}) == FacetSource::kSpies);
}

TEST_CASE("facets: columns are rebuilt when the database changes", "[facets]") {
  test::TempDir dir;
  test::index_records(dir / "a", varied_records("a-", 50, 1));
  FacetColumnCache cache;
  SearchRequest req;
  req.facets = {FacetField::kIssuer, FacetField::kYear};
  req.facet_size = 1000;
  auto db = open_readonly({(dir / "a").string()}).value();
  auto first = cache.get(db, key_of(db));
  REQUIRE(first);
  CHECK(cache.get(db, key_of(db)) == first);  // shared, not rebuilt
  auto before = search(db, req, Limits{}, with(FacetSource::kValueStreams, &cache, key_of(db)));
  REQUIRE(before.ok());

  // A commit: a new issuer and year, one document gone.
  test::index_records(dir / "a", {Json{{"id", "new"},
                                       {"title", "New"},
                                       {"body", "common words"},
                                       {"issuers", {"Brand New Office"}},
                                       {"date", "1999-01-02"}}});
  delete_ids(dir / "a", {"a-3"});
  db.reopen();
  auto after = search(db, req, Limits{}, with(FacetSource::kValueStreams, &cache, key_of(db)));
  REQUIRE(after.ok());
  CHECK(cache.get(db, key_of(db)) != first);
  auto spies = search(db, req, Limits{}, with(FacetSource::kSpies));
  REQUIRE(spies.ok());
  CHECK(counts_of(after.value()) == counts_of(spies.value()));
  CHECK(counts_of(after.value()) != counts_of(before.value()));
  CHECK(after->total == before->total);  // one added, one deleted
  bool found = false;
  for (const auto& v : after->facets.front().second)
    if (v.value == "Brand New Office") found = v.count == 1;
  CHECK(found);
}

TEST_CASE("facets: threads share one build of the columns", "[facets][concurrency]") {
  test::TempDir dir;
  test::index_records(dir / "a", varied_records("a-", 400, 3));
  FacetColumnCache cache;
  SearchRequest req;
  req.q = "common";
  req.facets = {FacetField::kIssuer, FacetField::kTopic, FacetField::kYear};
  req.facet_size = 1000;
  req.histogram = HistogramInterval::kAuto;
  auto reference_db = open_readonly({(dir / "a").string()}).value();
  auto reference = search(reference_db, req, Limits{}, with(FacetSource::kSpies));
  REQUIRE(reference.ok());
  const Json expected = counts_of(reference.value());
  constexpr size_t kThreads = 4, kSearches = 25;
  std::vector<Json> got(kThreads * kSearches);
  std::vector<std::set<const FacetColumns*>> built(kThreads);
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (size_t t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      auto db = open_readonly({(dir / "a").string()}).value();  // one per thread, as searchd
      for (size_t i = 0; i < kSearches; ++i) {
        auto r = search(db, req, Limits{}, with(FacetSource::kValueStreams, &cache, key_of(db)));
        got[t * kSearches + i] = r.ok() ? counts_of(r.value()) : Json();
        if (auto c = cache.get(db, key_of(db))) built[t].insert(c.get());
      }
    });
  for (auto& th : threads) th.join();
  for (const auto& g : got) CHECK(g == expected);
  std::set<const FacetColumns*> all;
  for (const auto& b : built) all.insert(b.begin(), b.end());
  CHECK(all.size() == 1);
}
