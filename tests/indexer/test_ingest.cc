// Integration tests: the pressroom-index binary on real files.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>

#include <xapian.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "pressroom/database.h"
#include "pressroom/record.h"
#include "pressroom/schema.h"
#include "pressroom/stored_fields.h"
#include "test_support.h"

using namespace pressroom;
using namespace pressroom::test;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

RunResult index_cmd(std::vector<std::string> args, const std::string& stdin_text = {}) {
  args.insert(args.begin(), index_bin());
  return run(args, stdin_text);
}

json stats_json(const fs::path& db) {
  auto r = index_cmd({"stats", "--db", db.string(), "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

std::map<std::string, size_t> counts_of(const json& arr) {
  std::map<std::string, size_t> m;
  for (const auto& e : arr) m[e["value"].get<std::string>()] = e["count"].get<size_t>();
  return m;
}

// A generated archive of n small records (ids gen-0..gen-{n-1}).
std::string generated_jsonl(size_t n) {
  std::string out;
  std::mt19937 rng(42);
  const char* words[] = {"council", "water",     "budget",  "harbour",   "union",    "plan",
                         "school",  "transport", "housing", "statement", "minister", "court"};
  for (size_t i = 0; i < n; ++i) {
    json j;
    j["id"] = "gen-" + std::to_string(i);
    j["date"] = std::to_string(2010 + i % 10) + "-0" + std::to_string(1 + i % 9) + "-1" +
                std::to_string(i % 10);
    j["issuers"] = {"Org " + std::to_string(i % 7)};
    j["topics"] = {"topic " + std::to_string(i % 5)};
    std::string body;
    for (int w = 0; w < 60; ++w) body += std::string(words[rng() % 12]) + " ";
    j["title"] = "Release number " + std::to_string(i);
    j["body"] = body;
    out += j.dump() + "\n";
  }
  return out;
}

pid_t spawn(const std::vector<std::string>& argv, const fs::path& out_file) {
  return spawn_process(argv, out_file, out_file.string() + ".err");
}

}  // namespace

TEST_CASE("indexing corpus/ yields the independent counts per issuer, topic and year",
          "[ingest][corpus]") {
  TempDir dir;
  fs::path releases = source_dir() / "corpus" / "releases";
  REQUIRE(fs::exists(releases));
  auto r = index_cmd({"add", "--db", (dir / "db").string(), releases.string()});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);

  // Independent counts straight from the JSONL files.
  std::set<std::string> ids;
  std::map<std::string, size_t> issuers, topics, years;
  for (const auto& entry : fs::directory_iterator(releases)) {
    if (entry.path().extension() != ".jsonl") continue;
    std::ifstream f(entry.path());
    std::string line;
    while (std::getline(f, line)) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      json j = json::parse(line);
      ids.insert(j["id"].get<std::string>());
      for (const auto& i : j["issuers"]) issuers[i.get<std::string>()]++;
      for (const auto& t : j["topics"]) topics[t.get<std::string>()]++;
    }
  }
  json s = stats_json(dir / "db");
  CHECK(s["documents"] == ids.size());
  CHECK(ids.size() >= 150);
  CHECK(counts_of(s["issuers"]) == issuers);
  CHECK(counts_of(s["topics"]) == topics);
  CHECK(issuers.size() >= 15);
  CHECK(topics.size() >= 8);

  // And against the counts the corpus generator recorded.
  fs::path expected_file = source_dir() / "corpus" / "expected-counts.json";
  if (fs::exists(expected_file)) {
    json expected = json::parse(read_file(expected_file));
    CHECK(s["documents"] == expected["total"]);
    CHECK(counts_of(s["issuers"]) == expected["per_issuer"].get<std::map<std::string, size_t>>());
    CHECK(counts_of(s["topics"]) == expected["per_topic"].get<std::map<std::string, size_t>>());
    auto db = open_readonly({(dir / "db").string()});
    REQUIRE(db.ok());
    for (const auto& [year, n] : expected["per_year"].items()) {
      CHECK(db->get_termfreq(std::string(schema::kPrefixYear) + year) == n.get<size_t>());
    }
  }
}

TEST_CASE("re-running the same import changes nothing, and a changed record is replaced",
          "[ingest]") {
  TempDir dir;
  std::string db = (dir / "db").string();
  write_file(dir / "a.jsonl", generated_jsonl(300));
  auto first = index_cmd({"add", "--db", db, (dir / "a.jsonl").string()});
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.out, Catch::Contains("added 300 · replaced 0 · unchanged 0 · rejected 0"));
  auto rev1 = stats_json(dir / "db")["revision"];

  auto second = index_cmd({"add", "--db", db, (dir / "a.jsonl").string()});
  REQUIRE(second.exit_code == 0);
  CHECK_THAT(second.out, Catch::Contains("added 0 · replaced 0 · unchanged 300 · rejected 0"));
  json s = stats_json(dir / "db");
  CHECK(s["documents"] == 300);
  CHECK(s["revision"] == rev1);  // nothing written, no new revision

  std::string changed = generated_jsonl(300);
  auto pos = changed.find("Release number 7\"");
  REQUIRE(pos != std::string::npos);
  changed.replace(pos, 16, "Release number 7 (corrected)");
  write_file(dir / "a.jsonl", changed);
  auto third = index_cmd({"add", "--db", db, (dir / "a.jsonl").string()});
  CHECK_THAT(third.out, Catch::Contains("added 0 · replaced 1 · unchanged 299"));
  CHECK(stats_json(dir / "db")["documents"] == 300);
}

TEST_CASE("batches larger than Xapian's own flush threshold import into a populated database",
          "[ingest]") {
  // Xapian commits by itself every XAPIAN_FLUSH_THRESHOLD changes; two of those inside one batch
  // made the writer's existence snapshot unreadable (DatabaseModifiedError) and stopped the
  // import. A small threshold in the environment stands for the default 10,000 against a
  // --batch-size above it.
  TempDir dir;
  const std::string db = (dir / "db").string();
  write_file(dir / "a.jsonl", generated_jsonl(200));
  REQUIRE(index_cmd({"add", "--db", db, (dir / "a.jsonl").string()}).exit_code == 0);
  write_file(dir / "b.jsonl", generated_jsonl(1500));  // 200 unchanged, 1300 new
  ::setenv("XAPIAN_FLUSH_THRESHOLD", "100", 1);
  auto r = index_cmd({"add", "--db", db, "--batch-size", "1000", (dir / "b.jsonl").string()});
  ::unsetenv("XAPIAN_FLUSH_THRESHOLD");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("added 1300 · replaced 0 · unchanged 200 · rejected 0"));
  CHECK(stats_json(dir / "db")["documents"] == 1500);
}

TEST_CASE("bad records are reported like a compiler's and written to the rejects file",
          "[ingest]") {
  TempDir dir;
  write_file(dir / "mixed.jsonl",
             "{\"id\":\"ok-1\",\"title\":\"Fine\",\"date\":\"2020-01-02\"}\n"
             "{\"id\":\"bad-date\",\"title\":\"x\",\"date\":\"31/02/2020\"}\n"
             "\n"
             "{\"id\":\"ok-2\",\"body\":\"Only a body\"}\n"
             "{\"id\":\"trunc\",\n"
             "{\"title\":\"no id\"}\n"
             "{\"id\":\"ok-3\",\"title\":\"Caf\xFF\"}\n");
  fs::path rejects = dir / "rejects.jsonl";
  auto r = index_cmd({"add", "--db", (dir / "db").string(), "--rejects", rejects.string(),
                      (dir / "mixed.jsonl").string()});
  CHECK(r.exit_code == 1);
  std::string name = (dir / "mixed.jsonl").string();
  CHECK_THAT(r.err,
             Catch::Contains(name + ":2: error: field 'date': \"31/02/2020\" is not a valid date"));
  CHECK_THAT(r.err, Catch::Contains(name + ":5: error: malformed JSON"));
  CHECK_THAT(r.err, Catch::Contains(name + ":6: error: field 'id': missing id"));
  CHECK_THAT(r.err, Catch::Contains(name + ":7: warning: invalid UTF-8"));
  CHECK_THAT(r.out, Catch::Contains("read 6 · added 3 · replaced 0 · unchanged 0 · rejected 3"));

  std::vector<json> lines;
  std::ifstream f(rejects);
  std::string line;
  while (std::getline(f, line)) lines.push_back(json::parse(line));
  REQUIRE(lines.size() == 3);
  CHECK(lines[0]["location"] == name + ":2");
  CHECK(lines[0]["error"]["field"] == "date");
  CHECK(lines[0]["record"]["id"] == "bad-date");
  CHECK(lines[1]["location"] == name + ":5");
  CHECK(lines[1]["record"] == "{\"id\":\"trunc\",");
  CHECK(lines[2]["error"]["field"] == "id");
  CHECK(stats_json(dir / "db")["documents"] == 3);
}

TEST_CASE("CSV, TSV, JSON arrays and standard input import", "[ingest]") {
  TempDir dir;
  std::string db = (dir / "db").string();
  write_file(dir / "in.csv",
             "id,date,issuers,topics,title,body\n"
             "c1,2019-03-14,\"Org A; Org B\",water,\"Title, with comma\",\"Line one\n\nLine "
             "\"\"two\"\"\"\n");
  write_file(dir / "in.tsv", "id\ttitle\tissuers\nt1\tTab title\tOrg C\n");
  write_file(dir / "in.json", "[{\"id\":\"j1\",\"title\":\"From an array\"}]");
  auto r = index_cmd({"add", "--db", db, (dir / "in.csv").string(), (dir / "in.tsv").string(),
                      (dir / "in.json").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto s = index_cmd({"add", "--db", db, "-"}, "{\"id\":\"s1\",\"title\":\"From stdin\"}\n");
  REQUIRE(s.exit_code == 0);

  auto rdb = open_readonly({db});
  REQUIRE(rdb.ok());
  CHECK(rdb->get_doccount() == 4);
  auto doc_of = [&](const std::string& id) {
    auto pl = rdb->postlist_begin("Q" + id);
    REQUIRE(pl != rdb->postlist_end("Q" + id));
    return json::parse(pressroom::decode_record_data(rdb->get_document(*pl).get_data()));
  };
  json c1 = doc_of("c1");
  CHECK(c1["issuers"] == json::array({"Org A", "Org B"}));
  CHECK(c1["title"] == "Title, with comma");
  CHECK(c1["body"] == "Line one\n\nLine \"two\"");
  CHECK(doc_of("t1")["issuers"] == json::array({"Org C"}));
  CHECK(doc_of("j1")["title"] == "From an array");
  CHECK(doc_of("s1")["title"] == "From stdin");
}

TEST_CASE("delete and stats", "[ingest]") {
  TempDir dir;
  std::string db = (dir / "db").string();
  write_file(dir / "a.jsonl", generated_jsonl(20));
  REQUIRE(index_cmd({"add", "--db", db, (dir / "a.jsonl").string()}).exit_code == 0);
  auto d = index_cmd({"delete", "--db", db, "gen-3", "gen-4", "nope"});
  CHECK(d.exit_code == 1);
  CHECK_THAT(d.out, Catch::Contains("deleted 2 · not found 1"));
  CHECK_THAT(d.err, Catch::Contains("no release with id \"nope\""));
  json s = stats_json(dir / "db");
  CHECK(s["documents"] == 18);
  CHECK(s["schema_version"] == schema::kSchemaVersion);
  CHECK(s["date_range"]["min"] == "2010-01-10");
  CHECK(s["issuers"].size() == 7);
  auto text = index_cmd({"stats", "--db", db});
  CHECK_THAT(text.out, Catch::Contains("documents       18"));
}

TEST_CASE("usage and fatal errors exit 2 with a clear message", "[ingest]") {
  TempDir dir;
  CHECK(index_cmd({}).exit_code == 2);
  CHECK(index_cmd({"frobnicate"}).exit_code == 2);
  auto missing = index_cmd({"add", "--db", (dir / "db").string(), (dir / "nope.jsonl").string()});
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("nope.jsonl does not exist"));
  write_file(dir / "bad.toml", "[fields]\ntitle = \"t\"\n");
  write_file(dir / "a.csv", "t\nx\n");
  auto bad_map = index_cmd({"add", "--db", (dir / "db").string(), "--mapping",
                            (dir / "bad.toml").string(), (dir / "a.csv").string()});
  CHECK(bad_map.exit_code == 2);
  CHECK_THAT(bad_map.err, Catch::Contains("fields.id: missing"));

  // A held write lock is named as such.
  auto held = open_writable((dir / "db").string());
  REQUIRE(held.ok());
  write_file(dir / "a.jsonl", generated_jsonl(1));
  auto locked = index_cmd({"add", "--db", (dir / "db").string(), (dir / "a.jsonl").string()});
  CHECK(locked.exit_code == 2);
  CHECK_THAT(locked.err, Catch::Contains("is locked by another writer"));
}

TEST_CASE("kill -9 during an import leaves an openable database and a re-run completes it",
          "[ingest][crash]") {
  TempDir dir;
  const size_t n = 20000;
  write_file(dir / "big.jsonl", generated_jsonl(n));
  std::string db = (dir / "db").string();
  std::mt19937 rng(7);
  for (int attempt = 0; attempt < 3; ++attempt) {
    pid_t pid = spawn({index_bin(), "add", "--db", db, "--batch-size", "500", "--threads", "2",
                       (dir / "big.jsonl").string()},
                      dir / "out.txt");
    // Kill during the import, not before it starts: on a loaded machine (or under ASan) the
    // process may take longer than the shortest delay to create the database at all.
    const auto created = std::filesystem::path(db) / "iamglass";
    for (int i = 0; i < 3000 && !std::filesystem::exists(created); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(200 + rng() % 1200));
    ::kill(pid, SIGKILL);
    wait_exit(pid);
    auto rdb = open_readonly({db});
    REQUIRE(rdb.ok());  // opens at its last commit
    Xapian::doccount count = rdb->get_doccount();
    INFO("attempt " << attempt << ": " << count << " documents after kill");
    CHECK(count <= n);
    // every committed document is whole: its data parses and carries its id term
    for (auto it = rdb->postlist_begin(""); it != rdb->postlist_end(""); ++it) {
      json j = json::parse(pressroom::decode_record_data(rdb->get_document(*it).get_data()));
      CHECK(rdb->term_exists("Q" + j["id"].get<std::string>()));
      if (*it > 50) break;
    }
  }
  auto rerun = index_cmd({"add", "--db", db, (dir / "big.jsonl").string()});
  INFO(rerun.err);
  REQUIRE(rerun.exit_code == 0);
  auto rdb = open_readonly({db});
  REQUIRE(rdb.ok());
  CHECK(rdb->get_doccount() == n);
  CHECK(rdb->get_termfreq("Qgen-0") == 1);
  CHECK(rdb->get_termfreq("Qgen-19999") == 1);
}

TEST_CASE("SIGINT commits what is done and prints the summary", "[ingest]") {
  // The signal must arrive while the import runs: it is sent once a progress line shows records
  // read (and the import not finished). An import that still ends normally (the signal came too
  // late on a very fast machine, or was ignored) is retried with twice the records; three such
  // imports fail the test.
  TempDir dir;
  size_t n = 30000;
  bool interrupted = false;
  for (int attempt = 0; attempt < 3 && !interrupted; ++attempt, n *= 2) {
    const fs::path input = dir / ("big-" + std::to_string(attempt) + ".jsonl");
    const fs::path out_file = dir / ("out-" + std::to_string(attempt) + ".txt");
    const std::string db = (dir / ("db-" + std::to_string(attempt))).string();
    write_file(input, generated_jsonl(n));
    pid_t pid = spawn({index_bin(), "add", "--db", db, "--batch-size", "500", "--progress",
                       "--progress-interval", "0.02", input.string()},
                      out_file);
    const fs::path err_file = out_file.string() + ".err";
    bool running = false;
    for (int i = 0; i < 3000 && !running; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      const std::string err = read_file(err_file);
      const size_t last = err.rfind("progress: ");
      running = last != std::string::npos && err.compare(last, 12, "progress: 0 ") != 0 &&
                err.find("100%", last) == std::string::npos;
    }
    ::kill(pid, SIGINT);
    const int rc = wait_exit(pid);
    const std::string out = read_file(out_file);
    INFO("attempt " << attempt << " (" << n << " records), exit " << rc << ": " << out
                    << read_file(err_file));
    if (rc == 0) {  // the signal came too late (or was ignored): retry, bounded
      WARN("attempt " << attempt << ": the import of " << n
                      << " records ended before SIGINT stopped it");
      continue;
    }
    REQUIRE(rc == 130);
    interrupted = true;
    CHECK_THAT(out, Catch::Contains("INTERRUPTED"));
    // Everything the summary says was added is committed, and the import really stopped early.
    const auto pos = out.find("added ");
    REQUIRE(pos != std::string::npos);
    const size_t added = std::stoul(out.substr(pos + 6));
    auto rdb = open_readonly({db});
    REQUIRE(rdb.ok());
    CHECK(rdb->get_doccount() == added);
    CHECK(added > 0);
    CHECK(added < n);
  }
  REQUIRE(interrupted);
}

TEST_CASE("the DOJ archive imports from its CSV + text files through the shipped mapping",
          "[ingest][doj]") {
  auto doj = doj_dir_or_skip();
  if (!doj) return;
  TempDir dir;
  REQUIRE(unpack_tar_zst(*doj / "pressReleases_txt.tar.zst", dir / "txt"));
  auto r =
      index_cmd({"add", "--db", (dir / "db").string(), "--mapping",
                 (source_dir() / "corpus" / "mappings" / "doj-csv.toml").string(), "--file-root",
                 (dir / "txt").string(), (*doj / "main_out_pr_list.csv").string()});
  INFO(r.err.substr(0, 2000));
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out,
             Catch::Contains("read 12694 · added 12694 · replaced 0 · unchanged 0 · rejected 0"));
  json s = stats_json(dir / "db");
  CHECK(s["documents"] == 12694);
  CHECK(s["issuers"].size() == 148);
  CHECK(s["topics"].size() == 42);
  CHECK(s["date_range"]["min"] == "2009-01-05");
  CHECK(s["date_range"]["max"] == "2018-04-13");
  auto issuers = counts_of(s["issuers"]);
  CHECK(issuers["Criminal Division"] == 3462);
  CHECK(issuers["Civil Rights Division"] == 2344);
  CHECK(issuers["Tax Division"] == 2055);
  auto topics = counts_of(s["topics"]);
  CHECK(topics["Tax"] == 802);
  CHECK(topics["Civil Rights"] == 425);
  CHECK(topics["Consumer Protection"] == 382);
  CHECK(topics["Health Care Fraud"] == 309);
  CHECK(topics["Antitrust"] == 298);

  auto db = open_readonly({(dir / "db").string()});
  REQUIRE(db.ok());
  const std::map<std::string, Xapian::doccount> per_year = {
      {"2009", 1144}, {"2010", 1202}, {"2011", 1479}, {"2012", 1340}, {"2013", 1256},
      {"2014", 1374}, {"2015", 1631}, {"2016", 1495}, {"2017", 1339}, {"2018", 434}};
  for (const auto& [year, n] : per_year) {
    INFO(year);
    CHECK(db->get_termfreq(std::string(schema::kPrefixYear) + year) == n);
  }
  // Releases: no stray "None", titles trimmed, 665 bodies empty in the text capture.
  size_t empty_bodies = 0, none_tail = 0, untrimmed = 0, multi_issuer = 0, no_issuer = 0;
  for (auto it = db->postlist_begin(""); it != db->postlist_end(""); ++it) {
    json j = json::parse(pressroom::decode_record_data(db->get_document(*it).get_data()));
    const std::string body = j["body"];
    if (body.empty()) ++empty_bodies;
    if (body.size() >= 4 && body.compare(body.size() - 4, 4, "None") == 0) ++none_tail;
    const std::string title = j["title"];
    if (!title.empty() && (title.front() == ' ' || title.back() == ' ')) ++untrimmed;
    if (j["issuers"].size() > 1) ++multi_issuer;
    if (j["issuers"].empty()) ++no_issuer;
  }
  // Independently: text files holding nothing but "None" runs and white space.
  size_t placeholder_files = 0;
  for (const auto& e : fs::directory_iterator(dir / "txt" / "pressReleases_txt")) {
    std::string text = read_file(e.path());
    size_t pos;
    while ((pos = text.find("None")) != std::string::npos) text.erase(pos, 4);
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) ++placeholder_files;
  }
  CHECK(placeholder_files > 600);
  CHECK(empty_bodies == placeholder_files);
  CHECK(none_tail == 0);
  CHECK(untrimmed == 0);
  CHECK(multi_issuer == 3140);
  CHECK(no_issuer == 18);
}

TEST_CASE("corpus/broken: every bad record is rejected at its line, every good one indexed",
          "[ingest][corpus]") {
  TempDir dir;
  fs::path broken = source_dir() / "corpus" / "broken";
  fs::path rejects = dir / "rejects.jsonl";
  auto r = index_cmd(
      {"add", "--db", (dir / "db").string(), "--rejects", rejects.string(), broken.string()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  // The line numbers corpus/broken/README.md documents.
  const std::set<std::string> expected = {
      "malformed.jsonl:2",      "malformed.jsonl:4",      "malformed.jsonl:6",
      "malformed.jsonl:7",      "malformed.jsonl:9",      "bad-dates.jsonl:2",
      "bad-dates.jsonl:4",      "bad-dates.jsonl:5",      "bad-dates.jsonl:7",
      "bad-dates.jsonl:9",      "missing-fields.jsonl:2", "missing-fields.jsonl:3",
      "missing-fields.jsonl:5", "missing-fields.jsonl:9", "multiline.csv:9",
      "array.json:17"};
  std::set<std::string> got;
  std::ifstream f(rejects);
  std::string line;
  while (std::getline(f, line)) {
    std::string loc = json::parse(line)["location"];
    got.insert(fs::path(loc).filename().string());
  }
  CHECK(got == expected);
  CHECK_THAT(r.out, Catch::Contains("read 45 · added 29 · replaced 0 · unchanged 0 · rejected 16"));
  CHECK_THAT(r.out, Catch::Contains("1 documentation file(s) skipped"));  // README.md
  for (const char* bad_utf8_line : {":1: warning", ":2: warning", ":3: warning", ":5: warning"})
    CHECK_THAT(r.err, Catch::Contains(std::string("invalid-utf8.jsonl") + bad_utf8_line));
  CHECK(stats_json(dir / "db")["documents"] == 29);
}
