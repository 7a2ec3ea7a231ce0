// Integration tests from issue #16: small fixtures in the shapes of three real archives (nested
// JSON lines of Congress releases, Markdown wires in one folder per wire and day, plain text),
// imported with pressroom-index as a new user would.
#include <fstream>
#include <map>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "pressroom/database.h"
#include "pressroom/document_builder.h"
#include "pressroom/searcher.h"
#include "pressroom/stored_fields.h"
#include "test_support.h"

using namespace pressroom;
using namespace pressroom::test;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

fs::path fixtures() { return source_dir() / "tests" / "fixtures" / "ingest"; }

RunResult index_cmd(std::vector<std::string> args) {
  args.insert(args.begin(), index_bin());
  return run(args);
}

// Every record in a database by id.
std::map<std::string, json> records(const fs::path& db_path) {
  auto db = open_readonly({db_path.string()});
  REQUIRE(db.ok());
  std::map<std::string, json> out;
  for (auto it = db->postlist_begin(""); it != db->postlist_end(""); ++it) {
    json j = json::parse(pressroom::decode_record_data(db->get_document(*it).get_data()));
    out[j["id"].get<std::string>()] = j;
  }
  return out;
}

std::string congress_long_url() {
  std::ifstream f(fixtures() / "congress" / "releases.jsonl");
  std::string line;
  std::getline(f, line);
  return json::parse(line)["release"]["url"].get<std::string>();
}

}  // namespace

TEST_CASE("ids longer than a Xapian term are kept whole: import, lookup, re-import, delete",
          "[ingest][ids]") {
  TempDir dir;
  const std::string db = (dir / "db").string();
  const std::string long_id = congress_long_url();
  REQUIRE(long_id.size() == 300);
  for (const char* writers : {"2", "1"}) {  // a bulk import, then the single writer over it
    auto r = index_cmd({"add", "--db", db, "--writers", writers, "--rescan", "--mapping",
                        (fixtures() / "congress" / "congress.toml").string(),
                        (fixtures() / "congress" / "releases.jsonl").string()});
    INFO(r.out << r.err);
    CHECK_THAT(r.err, !Catch::Contains("field 'id'"));
    auto recs = records(db);
    REQUIRE(recs.count(long_id));
    CHECK(recs[long_id]["url"] == long_id);
    auto rdb = open_readonly({db});
    REQUIRE(rdb.ok());
    auto doc = find_document(rdb.value(), long_id);
    REQUIRE(doc.ok());
    CHECK(json::parse(doc.value())["id"] == long_id);
    CHECK_FALSE(find_document(rdb.value(), long_id.substr(0, 299)).ok());
    CHECK(rdb->get_termfreq(DocumentBuilder::id_term(long_id)) == 1);
    if (std::string(writers) == "1") CHECK_THAT(r.out, Catch::Contains("unchanged 3"));
  }
  // A Markdown release whose default id (the path below the walked folder) is 241 bytes long.
  auto md = index_cmd({"add", "--db", db, (fixtures() / "wires").string()});
  INFO(md.out << md.err);
  CHECK_THAT(md.err, !Catch::Contains("field 'id'"));
  const std::string md_id =
      "prnewswire/2024-03-05/acme-robotics-announces-record-fourth-quarter-results-and-expands-"
      "its-warehouse-automation-partnership-with-northwind-logistics-across-seventeen-"
      "distribution-centres-in-north-america-and-europe-through-2026-full-text.md";
  CHECK(records(db).count(md_id));

  auto del = index_cmd({"delete", "--db", db, long_id, md_id});
  INFO(del.out << del.err);
  CHECK(del.exit_code == 0);
  CHECK_THAT(del.out, Catch::Contains("deleted 2 · not found 0"));
  CHECK_FALSE(records(db).count(long_id));

  json too_long = {{"id", std::string(2049, 'x')}, {"title", "t"}};
  const fs::path jsonl = dir / "long.jsonl";
  std::ofstream(jsonl) << too_long.dump() << "\n";
  auto r = index_cmd({"add", "--db", db, jsonl.string()});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("error: field 'id': id is 2049 bytes long; at most 2048 are allowed"));
}

TEST_CASE("Congress JSON lines with \"member\": null import: defaults, optional joins, from_all",
          "[ingest][mapping]") {
  TempDir dir;
  const std::string db = (dir / "db").string();
  auto r = index_cmd({"add", "--db", db, "--mapping",
                      (fixtures() / "congress" / "congress.toml").string(),
                      (fixtures() / "congress" / "releases.jsonl").string()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("read 3 · added 3 · replaced 0 · unchanged 0 · rejected 0"));
  auto recs = records(db);
  const json& with_member = recs.at(congress_long_url());
  CHECK(with_member["issuers"] == json::array({"Jane Roe"}));
  CHECK(with_member["topics"] == json::array({"D", "House"}));
  CHECK(with_member["state"] == "OR");
  CHECK(with_member["byline"] == "Chair Welcomes Appropriations Deal by Jane Roe");
  // party and chamber both "D": one topic.
  CHECK(recs.at("https://roe.house.gov/media/press-releases/short-1")["topics"] ==
        json::array({"D"}));
  const json& no_member = recs.at("https://www.congress.gov/committee-releases/joint-statement-2");
  CHECK(no_member["issuers"] == json::array({"United States Congress"}));
  CHECK(no_member["topics"] == json::array());
  CHECK_FALSE(no_member.contains("state"));
  CHECK(no_member["byline"] == "Joint Committee Statement by");
}

TEST_CASE("Markdown wires: any YAML front matter, nested keys reach mappings; bad YAML rejects",
          "[ingest][markdown]") {
  TempDir dir;
  const std::string db = (dir / "db").string();
  auto r = index_cmd({"add", "--db", db, "--mapping", (fixtures() / "wires.toml").string(),
                      (fixtures() / "wires").string()});
  INFO(r.out << r.err);
  CHECK_THAT(r.out, Catch::Contains("read 1 · added 1 · replaced 0 · unchanged 0 · rejected 0"));
  CHECK_THAT(r.err, !Catch::Contains("front matter"));
  // The mapping's second rewrite never matched: said once, at the end, naming file and field.
  CHECK_THAT(r.err, Catch::Contains("wires.toml: warning: fields.body: replace pattern "
                                    "\"NEVER-MATCHES-\\d+\" never matched (1 value(s))"));
  CHECK_THAT(r.err, !Catch::Contains("Original/Source"));  // the first one did match
  auto recs = records(db);
  REQUIRE(recs.size() == 1);
  const json& rec = recs.begin()->second;
  CHECK(rec["title"] == "Acme Robotics Announces Record Fourth-Quarter Results");
  CHECK(rec["issuers"] == json::array({"Acme Robotics Inc."}));  // organization: name: (nested)
  CHECK(rec["city"] == "Pittsburgh");                              // three levels down
  CHECK(rec["author"] == "Dana Smith");                            // author: {name: …} (flow)
  CHECK(rec["topics"] == json::array({"earnings", "robotics"}));
  // The source link, picked by its text: [Original/Source Press Release](https://…)
  CHECK(rec["url"] == "https://www.prnewswire.com/news-releases/"
                      "acme-robotics-announces-record-fourth-quarter-results-302080000.html");
  CHECK_THAT(rec["body"].get<std::string>(), Catch::EndsWith("with Northwind Logistics."));

  auto bad = index_cmd({"add", "--db", db, (fixtures() / "badyaml").string()});
  INFO(bad.out << bad.err);
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.err, Catch::Contains("bad-yaml.md: error: YAML front matter line 4: end of map "
                                      "flow not found"));
}
