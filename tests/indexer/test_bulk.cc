// Bulk imports with parallel writers (indexer/bulk_import.h): the database they make is the one
// the single writer makes, and an interrupted one leaves a database that opens.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <xapian.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "pressroom/database.h"
#include "pressroom/schema.h"
#include "pressroom/stored_fields.h"
#include "test_support.h"

using namespace pressroom;
using namespace pressroom::test;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

RunResult index_cmd(std::vector<std::string> args) {
  args.insert(args.begin(), index_bin());
  return run(args);
}

// Records with repeated ids (the later one wins, sometimes with another body), bodies repeated
// under other ids (duplicate_of), and an original that changes its body later in the input (its
// copies get another original at the end).
std::string archive(size_t n, unsigned seed, size_t first_id = 0) {
  std::mt19937 rng(seed);
  const char* words[] = {"council", "water",     "budget",  "harbour",   "union",    "plan",
                         "school",  "transport", "housing", "statement", "minister", "court",
                         "ferry",   "storm",     "grant",   "review"};
  std::string out;
  for (size_t k = 0; k < n; ++k) {
    const size_t i = first_id + k;
    json j;
    // One record in 9 repeats an id seen earlier (possibly in another segment).
    const size_t id = (k > 50 && k % 9 == 0) ? first_id + rng() % k : i;
    j["id"] = "r-" + std::to_string(id);
    j["date"] = std::to_string(2010 + i % 10) + "-0" + std::to_string(1 + i % 9) + "-1" +
                std::to_string(i % 10);
    j["issuers"] = json::array({"Org " + std::to_string(i % 7)});
    if (i % 4 == 0) j["issuers"].push_back("Agency " + std::to_string(i % 3));
    j["topics"] = json::array({"topic " + std::to_string(i % 5)});
    std::string body;
    if (i % 13 == 0) {
      body = "A text repeated by several releases, number " + std::to_string(i % 3) + ".";
    } else {
      for (int w = 0; w < 40; ++w) body += std::string(words[rng() % 16]) + " ";
    }
    j["title"] = "Release " + std::to_string(i) + " " + words[i % 16];
    j["body"] = body;
    out += j.dump() + "\n";
  }
  return out;
}

// Everything a reader can see of a database, by document id.
struct Contents {
  Xapian::doccount documents = 0;
  Xapian::docid last_docid = 0;
  std::map<Xapian::docid, std::string> data;
  std::map<Xapian::docid, std::string> terms;   // term:wdf:positions, ...
  std::map<Xapian::docid, std::string> values;  // slot=value, ...
  std::map<std::string, std::string> metadata;
  std::map<std::string, Xapian::doccount> spelling;
  Xapian::totallength total_length = 0;
};

Contents contents_of(const fs::path& path) {
  Xapian::Database db(path.string());
  Contents c;
  c.documents = db.get_doccount();
  c.last_docid = db.get_lastdocid();
  c.total_length = db.get_total_length();
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    Xapian::Document doc = db.get_document(*it);
    c.data[*it] = doc.get_data();
    std::string terms;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      terms += *t + ":" + std::to_string(t.get_wdf()) + ":";
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
        terms += std::to_string(*p) + " ";
      terms += "|" + std::to_string(db.get_termfreq(*t)) + ",";
    }
    c.terms[*it] = terms;
    std::string values;
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
      values += std::to_string(v.get_valueno()) + "=" + *v + ",";
    c.values[*it] = values;
  }
  for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k)
    c.metadata[*k] = db.get_metadata(*k);
  for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w)
    c.spelling[*w] = w.get_termfreq();
  return c;
}

void check_same(const Contents& a, const Contents& b) {
  CHECK(a.documents == b.documents);
  CHECK(a.last_docid == b.last_docid);
  CHECK(a.total_length == b.total_length);
  size_t data_differ = 0, terms_differ = 0, values_differ = 0;
  for (const auto& [did, d] : a.data) {
    auto it = b.data.find(did);
    if (it == b.data.end() || it->second != d) {
      if (data_differ++ == 0) {
        INFO("document " << did << "\n  " << d << "\n  "
                         << (it == b.data.end() ? "(none)" : it->second));
        CHECK(false);
      }
    }
    if (b.terms.count(did) == 0 || b.terms.at(did) != a.terms.at(did)) ++terms_differ;
    if (b.values.count(did) == 0 || b.values.at(did) != a.values.at(did)) ++values_differ;
  }
  CHECK(data_differ == 0);
  CHECK(terms_differ == 0);
  CHECK(values_differ == 0);
  CHECK(a.metadata == b.metadata);
  CHECK(a.spelling == b.spelling);
}

std::vector<fs::path> work_folders(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(".bulk-") != std::string::npos) out.push_back(e.path());
  return out;
}

pid_t spawn(const std::vector<std::string>& argv, const fs::path& out_file) {
  return spawn_process(argv, out_file, out_file.string() + ".err");
}

// Waits until the import running as `pid` has written a segment of its bulk import (or ended).
// Only its own work folder counts: a killed run's folder stays until the next run removes it.
bool wait_for_segment(pid_t pid, const fs::path& dir) {
  const fs::path own = dir / (".db.bulk-" + std::to_string(pid));
  for (int i = 0; i < 3000; ++i) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(own, ec))
      if (e.path().filename().string().rfind("seg-", 0) == 0) return true;
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

}  // namespace

TEST_CASE("a parallel import makes the database a single writer makes", "[ingest][bulk]") {
  TempDir dir;
  write_file(dir / "a.jsonl", archive(1500, 1));
  write_file(dir / "b.jsonl", archive(700, 2, 1200));  // ids overlapping a.jsonl's last ones
  const std::string a = (dir / "a.jsonl").string(), b = (dir / "b.jsonl").string();

  auto single = index_cmd(
      {"add", "--db", (dir / "single.db").string(), "--writers", "1", "--batch-size", "600", a, b});
  INFO(single.out << single.err);
  REQUIRE(single.exit_code == 0);
  CHECK_THAT(single.out, !Catch::Contains("bulk import"));
  // The input is what the test means it to be: repeated ids and repeated bodies.
  CHECK_THAT(single.out, Catch::Contains("record(s) repeat the body"));
  CHECK_THAT(single.out, !Catch::Contains("replaced 0 "));

  // 3 writers, segments of 100 documents: about 20 segments over 3 threads.
  auto parallel = index_cmd({"add", "--db", (dir / "parallel.db").string(), "--writers", "3",
                             "--batch-size", "600", a, b});
  INFO(parallel.out << parallel.err);
  REQUIRE(parallel.exit_code == 0);
  CHECK_THAT(parallel.out, Catch::Contains("bulk import: 3 writer threads"));
  // The same accounts (read, added, replaced, unchanged, rejected). The duplicates line counts
  // copies as they were written; when an original changes its body later in the run, its copies
  // are re-pointed at the end, so that line may differ, but the records (below) do not.
  auto accounts = [](const std::string& out) { return out.substr(0, out.find(" · rejected")); };
  CHECK(accounts(parallel.out) == accounts(single.out));

  const Contents s = contents_of(dir / "single.db");
  const Contents p = contents_of(dir / "parallel.db");
  REQUIRE(s.documents > 1500);
  check_same(s, p);

  // Last wins: a repeated id holds its last record.
  {
    Xapian::Database db((dir / "parallel.db").string());
    std::map<std::string, std::string> last_title;
    for (const auto* text : {&a, &b}) {
      std::istringstream in(read_file(*text));
      std::string line;
      while (std::getline(in, line)) {
        json j = json::parse(line);
        last_title[j["id"]] = j["title"];
      }
    }
    CHECK(db.get_doccount() == last_title.size());
    for (const auto& [id, title] : last_title) {
      auto pl = db.postlist_begin("Q" + id);
      REQUIRE(pl != db.postlist_end("Q" + id));
      CHECK(json::parse(pressroom::decode_record_data(db.get_document(*pl).get_data()))["title"] ==
            title);
      CHECK(db.get_termfreq("Q" + id) == 1);
    }
  }

  // The same facet counts, and no work folder left.
  auto stats = [&](const char* name) {
    auto r = index_cmd({"stats", "--db", (dir / name).string(), "--json"});
    REQUIRE(r.exit_code == 0);
    json j = json::parse(r.out);
    j.erase("uuid");
    j.erase("revision");
    return j;
  };
  CHECK(stats("single.db") == stats("parallel.db"));
  CHECK(work_folders(dir.path()).empty());

  // The bulk-built database takes incremental imports as the other does.
  for (const char* name : {"single.db", "parallel.db"}) {
    auto again = index_cmd({"add", "--db", (dir / name).string(), "--rescan", a, b});
    REQUIRE(again.exit_code == 0);
    CHECK_THAT(again.out, !Catch::Contains("bulk import") && Catch::Contains("added 0 · "));
    auto skipped = index_cmd({"add", "--db", (dir / name).string(), a, b});
    CHECK_THAT(skipped.out, Catch::Contains("2 file(s) unchanged"));
  }
  check_same(contents_of(dir / "single.db"), contents_of(dir / "parallel.db"));
}

TEST_CASE("a bulk import of many segments is merged in tiers, and is smaller", "[ingest][bulk]") {
  TempDir dir;
  write_file(dir / "a.jsonl", archive(5000, 3));
  const std::string a = (dir / "a.jsonl").string();
  // batch 100 over 2 writers: segments of 64 documents, 70+ of them (more than one merge takes).
  auto parallel = index_cmd(
      {"add", "--db", (dir / "p.db").string(), "--writers", "2", "--batch-size", "100", a});
  INFO(parallel.out << parallel.err);
  REQUIRE(parallel.exit_code == 0);
  const auto at = parallel.out.find("bulk import: 2 writer threads, ");
  REQUIRE(at != std::string::npos);
  CHECK(std::stoul(parallel.out.substr(at + 31)) > 64);
  auto single = index_cmd(
      {"add", "--db", (dir / "s.db").string(), "--writers", "1", "--batch-size", "100", a});
  REQUIRE(single.exit_code == 0);
  check_same(contents_of(dir / "s.db"), contents_of(dir / "p.db"));
  auto size_of = [](const fs::path& p) {
    uintmax_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(p))
      if (e.is_regular_file()) n += e.file_size();
    return n;
  };
  CHECK(size_of(dir / "p.db") < size_of(dir / "s.db"));
  CHECK(work_folders(dir.path()).empty());
}

TEST_CASE("an interrupted parallel import leaves a database that opens; a re-run completes it",
          "[ingest][bulk][crash]") {
  TempDir dir;
  const size_t n = 12000;
  write_file(dir / "big.jsonl", archive(n, 4));
  size_t ids = 0;
  {
    std::set<std::string> seen;
    std::istringstream in(read_file(dir / "big.jsonl"));
    std::string line;
    while (std::getline(in, line)) seen.insert(json::parse(line)["id"].get<std::string>());
    ids = seen.size();
  }
  const std::string db = (dir / "db").string();
  const std::vector<std::string> args = {index_bin(),
                                         "add",
                                         "--db",
                                         db,
                                         "--writers",
                                         "2",
                                         "--batch-size",
                                         "1000",
                                         (dir / "big.jsonl").string()};
  std::mt19937 rng(11);

  // kill -9 after the first segments: the target stays as it was (empty), and opens; the work
  // folder stays behind until the next run.
  for (int attempt = 0; attempt < 2; ++attempt) {
    pid_t pid = spawn(args, dir / "out.txt");
    const bool running = wait_for_segment(pid, dir.path());
    std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 400));
    ::kill(pid, SIGKILL);
    const int rc = wait_exit(pid);
    auto rdb = open_readonly({db});
    REQUIRE(rdb.ok());
    INFO("attempt " << attempt << ", exit " << rc << ", running " << running);
    if (rc == 128 + SIGKILL) {
      CHECK((rdb->get_doccount() == 0 || rdb->get_doccount() == ids));
    } else {
      CHECK(rdb->get_doccount() == ids);
    }
    if (rdb->get_doccount() == ids) break;
    if (rc == 128 + SIGKILL) CHECK(work_folders(dir.path()).size() == 1);
  }

  // SIGINT: what was read is merged and swapped in; the summary's count is what the database holds.
  if (open_readonly({db})->get_doccount() == 0) {
    pid_t pid = spawn(args, dir / "out.txt");
    wait_for_segment(pid, dir.path());
    ::kill(pid, SIGINT);
    const int rc = wait_exit(pid);
    const std::string out = read_file(dir / "out.txt");
    auto rdb = open_readonly({db});
    REQUIRE(rdb.ok());
    if (rc == 130) {
      CHECK_THAT(out, Catch::Contains("INTERRUPTED"));
      auto pos = out.find("added ");
      REQUIRE(pos != std::string::npos);
      CHECK(rdb->get_doccount() == std::stoul(out.substr(pos + 6)));
      for (auto it = rdb->postlist_begin(""); it != rdb->postlist_end(""); ++it) {
        json j = json::parse(pressroom::decode_record_data(rdb->get_document(*it).get_data()));
        CHECK(rdb->get_termfreq("Q" + j["id"].get<std::string>()) == 1);
      }
    } else {
      CHECK(rc == 0);
      WARN("the import finished before SIGINT arrived");
    }
  }

  // A re-run completes it: one document per id, and no work folder left behind.
  auto rerun = index_cmd({"add", "--db", db, (dir / "big.jsonl").string()});
  INFO(rerun.out << rerun.err);
  REQUIRE(rerun.exit_code == 0);
  auto rdb = open_readonly({db});
  REQUIRE(rdb.ok());
  CHECK(rdb->get_doccount() == ids);
  for (auto it = rdb->postlist_begin(""); it != rdb->postlist_end(""); ++it) {
    json j = json::parse(pressroom::decode_record_data(rdb->get_document(*it).get_data()));
    CHECK(rdb->get_termfreq("Q" + j["id"].get<std::string>()) == 1);
  }
  CHECK(work_folders(dir.path()).empty());
}

TEST_CASE("a run killed between the two renames of a fallback swap is completed by the next run",
          "[ingest][bulk]") {
  // Where renameat2(RENAME_EXCHANGE) is missing, the swap is two renames after a marker: the
  // target moved away, then the merged database moved in. Killed in between, the target is gone
  // and the next run puts the finished database in place; a work folder without the marker is
  // only removed.
  TempDir dir;
  write_file(dir / "first.jsonl", archive(60, 5));
  write_file(dir / "more.jsonl", archive(20, 6, 1000));
  REQUIRE(index_cmd({"add", "--db", (dir / "finished.db").string(), "--writers", "1",
                     (dir / "first.jsonl").string()})
              .exit_code == 0);
  const size_t finished = Xapian::Database((dir / "finished.db").string()).get_doccount();
  REQUIRE(finished > 40);

  fs::create_directories(dir / ".db.bulk-999999");
  fs::rename(dir / "finished.db", dir / ".db.bulk-999999" / "merged");
  write_file(dir / ".db.bulk-999999" / "swap-ready", "\n");
  auto r = index_cmd({"add", "--db", (dir / "db").string(), (dir / "more.jsonl").string()});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, !Catch::Contains("bulk import"));  // populated: the single writer
  CHECK(Xapian::Database((dir / "db").string()).get_doccount() == finished + 20);
  CHECK(work_folders(dir.path()).empty());

  // Without the marker the swap had not begun: the folder is a leftover, the target new.
  fs::create_directories(dir / ".db2.bulk-999998" / "merged");
  auto r2 = index_cmd({"add", "--db", (dir / "db2").string(), (dir / "more.jsonl").string()});
  REQUIRE(r2.exit_code == 0);
  CHECK(Xapian::Database((dir / "db2").string()).get_doccount() == 20);
  CHECK(work_folders(dir.path()).empty());
}
