// The whole DOJ archive (12,694 real releases) through the HTTP API: complete exports in every
// format, ids equal to the index's, a reproducible manifest, facets equal to the archive's facts.
// Skipped (or failed, with PRESSROOM_REQUIRE_SHARED=1) when ../shared is absent.
#include <map>
#include <set>

#include <catch2/catch.hpp>

#include "pressroom/database.h"
#include "pressroom/export.h"
#include "pressroom/schema.h"
#include "searchd_test_util.h"
#include "test_support.h"

using namespace pressroom;
using namespace pressroom::test;

TEST_CASE("doj: complete exports of the whole archive", "[doj][export]") {
  auto doj = doj_dir_or_skip();
  if (!doj) return;
  TempDir dir;
  const auto records = doj_records(*doj);
  REQUIRE(records.size() == 12694);
  index_records(dir / "db", records);

  // The ids the index holds, read from its id terms.
  std::vector<std::string> index_ids;
  {
    auto db = open_readonly({(dir / "db").string()}).value();
    const std::string q(schema::kPrefixId);
    for (auto t = db.allterms_begin(q); t != db.allterms_end(q); ++t)
      index_ids.push_back((*t).substr(1));
  }
  std::set<std::string> expected_ids;
  for (const auto& r : records) expected_ids.insert(r["id"].get<std::string>());
  REQUIRE(std::set<std::string>(index_ids.begin(), index_ids.end()) == expected_ids);

  TestServer s(test_config(dir / "db"));

  // Facets over the whole archive equal the facts counted on the files (README of doj-opa).
  auto all = json_of(s.get("/api/v1/search?facets=issuer,topic,year&facet_size=1000&per_page=1"));
  CHECK(all["total"] == 12694);
  CHECK(all["total_exact"] == true);
  std::map<std::string, int> years, issuers, topics;
  for (const auto& f : all["facets"]["year"]) years[f["value"]] = f["count"];
  for (const auto& f : all["facets"]["issuer"]) issuers[f["value"]] = f["count"];
  for (const auto& f : all["facets"]["topic"]) topics[f["value"]] = f["count"];
  CHECK(years == std::map<std::string, int>{{"2009", 1144},
                                            {"2010", 1202},
                                            {"2011", 1479},
                                            {"2012", 1340},
                                            {"2013", 1256},
                                            {"2014", 1374},
                                            {"2015", 1631},
                                            {"2016", 1495},
                                            {"2017", 1339},
                                            {"2018", 434}});
  CHECK(issuers.size() == 148);
  CHECK(issuers["Criminal Division"] == 3462);
  CHECK(issuers["Civil Rights Division"] == 2344);
  CHECK(issuers["Tax Division"] == 2055);
  CHECK(topics.size() == 42);
  CHECK(topics["Tax"] == 802);
  CHECK(topics["Antitrust"] == 298);
  CHECK(all["facets"]["issuer"][0]["value"] == "Criminal Division");
  auto stats = json_of(s.get("/api/v1/stats"));
  CHECK(stats["date_range"]["min"] == "2009-01-05");
  CHECK(stats["date_range"]["max"] == "2018-04-13");

  // ndjson, twice: the same ids in the same order, and a hash anyone can recompute.
  std::vector<std::string> first_ids;
  std::string first_hash;
  for (int run = 0; run < 2; ++run) {
    auto res = s.get("/api/v1/export");
    REQUIRE(res->status == 200);
    CHECK(res->get_header_value("X-Pressroom-Count") == "12694");
    std::vector<std::string> ids;
    std::string hash_input;
    size_t start = 0;
    while (start < res->body.size()) {
      size_t nl = res->body.find('\n', start);
      REQUIRE(nl != std::string::npos);
      auto j = Json::parse(res->body.substr(start, nl - start));
      ids.push_back(j["id"].get<std::string>());
      hash_input += ids.back() + "\n";
      start = nl + 1;
    }
    CHECK(ids.size() == 12694);
    CHECK(std::set<std::string>(ids.begin(), ids.end()) == expected_ids);
    CHECK(sha256_hex(hash_input) == res->get_header_value("X-Pressroom-Ids-Sha256"));
    if (run == 0) {
      first_ids = ids;
      first_hash = res->get_header_value("X-Pressroom-Ids-Sha256");
    } else {
      CHECK(ids == first_ids);
      CHECK(res->get_header_value("X-Pressroom-Ids-Sha256") == first_hash);
    }
  }
  auto manifest = json_of(s.get("/api/v1/export/manifest"));
  CHECK(manifest["count"] == 12694);
  CHECK(manifest["ids_sha256"] == first_hash);

  // csv: a header and one row per release, in the same order.
  auto csv = s.get("/api/v1/export?format=csv");
  REQUIRE(csv->status == 200);
  auto rows = parse_csv(csv->body);
  REQUIRE(rows.size() == 12695);
  CHECK(rows[0][0] == "id");
  std::vector<std::string> csv_ids;
  for (size_t i = 1; i < rows.size(); ++i) {
    REQUIRE(rows[i].size() == 9);
    csv_ids.push_back(rows[i][0]);
  }
  CHECK(csv_ids == first_ids);
  CHECK(csv->get_header_value("X-Pressroom-Ids-Sha256") == first_hash);

  // json: the manifest and every record.
  auto js = json_of(s.get("/api/v1/export?format=json"));
  REQUIRE(js["records"].size() == 12694);
  CHECK(js["manifest"]["ids_sha256"] == first_hash);
  std::vector<std::string> json_ids;
  for (const auto& r : js["records"]) json_ids.push_back(r["id"].get<std::string>());
  CHECK(json_ids == first_ids);
}
