// Crash safety of pressroom-index (the binary, as an operator runs it): nothing is lost when it
// is killed at random moments of a large import, when the disk fills up, or when the database
// folder cannot be written.
//
// "Whole records" means: every document in the database carries exactly the stored data an
// uninterrupted import of the same input gives it (for the generated archive, also exactly the
// canonical JSON of its input record), and each id is held by exactly one document.
//
// Environment: PRESSROOM_INDEX_BIN (the binary under test), PRESSROOM_SHARED (the DOJ archive),
// PRESSROOM_CRASH_SEED (repeat the kill moments of an earlier run; the seed is printed).
#include <fcntl.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <random>
#include <thread>

#include <xapian.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "pressroom/database.h"
#include "pressroom/record.h"
#include "pressroom/stored_fields.h"
#include "test_support.h"

using namespace pressroom;
using namespace pressroom::test;
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

namespace {

// The import under test: its arguments without --db, and a description.
struct Import {
  std::vector<std::string> args;
  std::string what;
  std::map<std::string, Json> canonical;  // expected record per id, when known independently
};

// A generated archive with every kind of field: dates of each precision and with offsets,
// several issuers and topics, non-ASCII text, quotes and line breaks, extra fields of every
// JSON type. Bodies are distinct (no duplicate_of).
Import generated_import(const fs::path& dir, int n) {
  Import im;
  std::mt19937 rng(2024);
  const char* words[] = {"council",  "water",    "budget",    "harbour", "union",
                         "plan",     "school",   "transport", "housing", "statement",
                         "minister", "court",    "Māori",     "café",    "naïve",
                         "Zürich",   "«quoted»", "\"quote\"", "línea"};
  const char* issuers[] = {"Ministry of Health", "Port Authority", "Access Now",
                           "Tax Division",       "Conseil d'État", "Ōtautahi City Council"};
  const char* dates[] = {"2018",
                         "2018-04",
                         "2018-04-13",
                         "2021-06-07T16:25",
                         "2018-04-13T00:00:00-04:00",
                         "Monday, 7 June 2021, 4:25 pm",
                         "April 13, 2018"};
  std::string text;
  for (int i = 0; i < n; ++i) {
    Json j;
    j["id"] = "gen-" + std::to_string(i);
    if (i % 11 != 0) j["date"] = dates[i % 7];
    j["issuers"] = Json::array({issuers[i % 6]});
    if (i % 3 == 0) j["issuers"].push_back(issuers[(i + 1) % 6]);
    if (i % 5 == 0) j["issuers"].push_back(issuers[(i + 2) % 6]);
    j["topics"] = Json::array();
    if (i % 2 == 0) j["topics"].push_back("topic " + std::to_string(i % 9));
    std::string body = "Release " + std::to_string(i) + ".";
    for (int w = 0; w < 80; ++w)
      body += std::string(w % 20 == 19 ? "\n\n" : " ") + words[rng() % 19];
    j["title"] = "Statement " + std::to_string(i) + " on " + words[i % 19];
    j["body"] = body;
    j["url"] = "https://example.org/releases/" + std::to_string(i);
    j["language"] = i % 4 == 0 ? "fr" : "en";
    j["source"] = "generated";
    j["pr_number"] = i;
    if (i % 7 == 0)
      j["contacts"] = Json::array({{{"name", "Press office"}, {"phone", "+64 4 000"}}});
    if (i % 13 == 0) j["embargoed"] = false;
    text += j.dump() + "\n";
    auto r = record_from_json(j);
    REQUIRE(r.ok());
    im.canonical[r->id] = record_to_json(r.value());
  }
  write_file(dir / "archive.jsonl", text);
  im.args = {"--threads", "2", (dir / "archive.jsonl").string()};
  im.what = "a generated archive of " + std::to_string(n) + " releases";
  return im;
}

// The DOJ archive from its CSV and text files, through the shipped mapping.
Import doj_import(const fs::path& doj, const fs::path& dir) {
  Import im;
  REQUIRE(unpack_tar_zst(doj / "pressReleases_txt.tar.zst", dir / "txt"));
  im.args = {"--threads",
             "2",
             "--mapping",
             (source_dir() / "corpus" / "mappings" / "doj-csv.toml").string(),
             "--file-root",
             (dir / "txt").string(),
             (doj / "main_out_pr_list.csv").string()};
  im.what = "the DOJ archive (12,694 releases with their text files)";
  return im;
}

pid_t spawn_index(const std::vector<std::string>& args, const fs::path& log) {
  std::vector<std::string> argv = args;
  argv.insert(argv.begin(), index_bin());
  return spawn_process(argv, log, {}, true);
}

std::vector<std::string> with_db(const std::vector<std::string>& args, const fs::path& db,
                                 std::vector<std::string> extra = {}) {
  std::vector<std::string> out = {"add", "--db", db.string(), "--quiet"};
  out.insert(out.end(), extra.begin(), extra.end());
  out.insert(out.end(), args.begin(), args.end());
  return out;
}

// id -> stored data of every document.
std::map<std::string, std::string> stored_records(const fs::path& db) {
  auto rdb = open_readonly({db.string()});
  INFO((rdb.ok() ? "" : rdb.error().message));
  REQUIRE(rdb.ok());
  std::map<std::string, std::string> out;
  for (auto it = rdb->postlist_begin(""); it != rdb->postlist_end(""); ++it) {
    const std::string data = decode_record_data(rdb->get_document(*it).get_data());
    auto j = Json::parse(data, nullptr, false);
    INFO("document " << *it << ": " << data.substr(0, 200));
    REQUIRE(j.is_object());
    REQUIRE(j.contains("id"));
    const std::string id = j["id"].get<std::string>();
    CHECK(rdb->get_termfreq("Q" + id) == 1);  // one document per id
    CHECK(out.emplace(id, data).second);
  }
  CHECK(out.size() == rdb->get_doccount());
  return out;
}

// The committed revision of a database; 0 while it does not exist (yet).
Xapian::rev current_revision(const fs::path& db) {
  try {
    return Xapian::Database(db.string()).get_revision();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

// xapian-check (xapian-tools) walks every table of the database.
void structurally_sound(const fs::path& db) {
  if (!fs::exists("/usr/bin/xapian-check")) {
    WARN("xapian-check is missing (package xapian-tools): structure not checked");
    return;
  }
  auto r = run({"/usr/bin/xapian-check", db.string()});
  INFO(r.out.substr(r.out.size() > 2000 ? r.out.size() - 2000 : 0) << r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("No errors found"));
}

// Every record of `got` is whole: exactly its data in `expected`.
void only_whole_records(const std::map<std::string, std::string>& got,
                        const std::map<std::string, std::string>& expected) {
  size_t wrong = 0;
  for (const auto& [id, data] : got) {
    auto it = expected.find(id);
    if (it == expected.end() || it->second != data) {
      if (++wrong <= 5) {
        INFO("id " << id << "\n got:      " << data.substr(0, 300) << "\n expected: "
                   << (it == expected.end() ? std::string("(no such id)")
                                            : it->second.substr(0, 300)));
        CHECK(false);
      }
    }
  }
  CHECK(wrong == 0);
}

// A tmpfs mounted for the test (needs root); unmounted (lazily) on destruction.
class TmpfsMount {
 public:
  TmpfsMount(const fs::path& at, const std::string& options) : at_(at) {
    fs::create_directories(at);
    if (::geteuid() != 0) {
      why_not_ = "not root";
    } else if (::mount("tmpfs", at.c_str(), "tmpfs", 0, options.c_str()) != 0) {
      why_not_ = std::string("mount tmpfs: ") + std::strerror(errno);
    } else {
      ok_ = true;
    }
  }
  ~TmpfsMount() {
    if (ok_) ::umount2(at_.c_str(), MNT_DETACH);
  }
  [[nodiscard]] bool ok() const { return ok_; }
  // Why the mount failed ("not root", "mount tmpfs: Operation not permitted"), "" when mounted.
  [[nodiscard]] const std::string& why_not() const { return why_not_; }
  bool remount(const std::string& options, unsigned long flags = 0) {
    return ::mount("tmpfs", at_.c_str(), "tmpfs", MS_REMOUNT | flags, options.c_str()) == 0;
  }

 private:
  fs::path at_;
  bool ok_ = false;
  std::string why_not_;
};

// Runs pressroom-index with a limit on the size of any file it writes (RLIMIT_FSIZE) and SIGXFSZ
// ignored, so that writes past it fail with EFBIG like writes to a full disk.
RunResult run_with_file_size_limit(const std::vector<std::string>& args, rlim_t bytes,
                                   const fs::path& log) {
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    ::signal(SIGXFSZ, SIG_IGN);
    rlimit lim{bytes, bytes};
    ::setrlimit(RLIMIT_FSIZE, &lim);
    std::vector<std::string> argv = args;
    argv.insert(argv.begin(), index_bin());
    std::vector<char*> cargs;
    for (auto& a : argv) cargs.push_back(a.data());
    cargs.push_back(nullptr);
    ::execv(cargs[0], cargs.data());
    ::_exit(127);
  }
  RunResult r;
  r.exit_code = wait_exit(pid);
  r.err = read_file(log);
  return r;
}

}  // namespace

TEST_CASE("crash: SIGKILL at random moments of a large import loses nothing", "[crash][nosan]") {
  TempDir dir;
  const char* shared_env = std::getenv("PRESSROOM_SHARED");
  const fs::path doj =
      (shared_env && *shared_env ? fs::path(shared_env) : source_dir() / ".." / "shared") /
      "corpus" / "doj-opa";
  Import im;
  if (fs::exists(doj / "pressReleases_txt.tar.zst")) {
    im = doj_import(doj, dir.path());
  } else {
    skip_or_fail("the DOJ archive is absent at " + doj.string() + ": using a generated archive");
    im = generated_import(dir.path(), 20000);
  }

  // The reference: the same import, uninterrupted.
  const auto t0 = Clock::now();
  const int ref_rc = wait_exit(spawn_index(with_db(im.args, dir / "ref.db"), dir / "ref.log"));
  const double ref_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  INFO(read_file(dir / "ref.log").substr(0, 2000));
  REQUIRE(ref_rc == 0);
  const auto expected = stored_records(dir / "ref.db");
  REQUIRE(expected.size() > 1000);
  if (!im.canonical.empty()) {
    // The reference itself holds exactly the canonical record of every input record.
    REQUIRE(expected.size() == im.canonical.size());
    size_t differ = 0;
    for (const auto& [id, data] : expected)
      differ += Json::parse(data) != im.canonical.at(id) ? 1 : 0;
    CHECK(differ == 0);
  }

  const char* seed_env = std::getenv("PRESSROOM_CRASH_SEED");
  const unsigned seed =
      seed_env && *seed_env ? static_cast<unsigned>(std::stoul(seed_env)) : std::random_device{}();
  std::mt19937 rng(seed);
  const fs::path db = dir / "crash.db";
  std::printf("\ncrash: %s, uninterrupted import %.1f s; PRESSROOM_CRASH_SEED=%u\n",
              im.what.c_str(), ref_seconds, seed);

  // 1. The first import into an empty database is a bulk import (parallel writers, merged and
  // swapped in at the end, docs/ingest.md#bulk-imports). Killed part-way through, the database is
  // the empty one still (or the whole import, had the swap come first).
  {
    const double part = std::uniform_real_distribution<double>(0.15, 0.85)(rng);
    const pid_t pid = spawn_index(with_db(im.args, db), dir / "bulk.log");
    const auto until = Clock::now() + std::chrono::duration<double>(part * ref_seconds);
    int status = 0;
    bool ended = false;
    while (Clock::now() < until && !(ended = ::waitpid(pid, &status, WNOHANG) == pid))
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (!ended) {
      ::kill(pid, SIGKILL);
      wait_exit(pid);
    }
    const auto got = stored_records(db);
    std::printf(
        "crash: SIGKILL 0 after %.0f%% of the uninterrupted time of a bulk import: %zu of %zu "
        "releases, all whole%s\n",
        part * 100, got.size(), expected.size(), ended ? " (it had finished)" : "");
    CHECK((got.empty() || got.size() == expected.size()));
    only_whole_records(got, expected);
    structurally_sound(db);
    if (!got.empty()) fs::remove_all(db);
  }

  // 2. Imports into a populated database update it in place and commit every batch: one release
  // of another archive makes it populated (and the next import removes the work folder the
  // killed bulk import left).
  write_file(dir / "seed.jsonl",
             R"({"id":"crash-seed","title":"Seed release","body":"Not part of the archive."})"
             "\n");
  REQUIRE(run({index_bin(), "add", "--db", db.string(), "--quiet", (dir / "seed.jsonl").string()})
              .exit_code == 0);
  for (const auto& e : fs::directory_iterator(dir.path()))
    CHECK_FALSE(e.path().filename().string().rfind(".crash.db.bulk-", 0) == 0);
  auto expected_here = expected;
  expected_here.merge(stored_records(db));  // + the seed release

  // Killed at random moments: each run goes on from the last commit of the previous one. The
  // machine's speed varies (CI shares it), so a moment is chosen by progress rather than by the
  // clock: after a random number of this run's commits (0: while it re-reads what is committed),
  // plus a random part of the time one batch takes.
  constexpr size_t kBatch = 500;
  size_t committed = 1;
  int kills = 0;
  for (int kill = 1; kill <= 4 && committed < expected_here.size(); ++kill) {
    const size_t batches_left = (expected_here.size() - committed) / kBatch;
    const size_t after_commits =
        std::uniform_int_distribution<size_t>(0, std::max<size_t>(1, batches_left * 7 / 10))(rng);
    const double batch_part = std::uniform_real_distribution<double>(0, 1)(rng);
    const Xapian::rev start_rev = current_revision(db);
    fs::remove(dir / "crash.log");
    const auto started = Clock::now();
    const pid_t pid = spawn_index(with_db(im.args, db, {"--batch-size", std::to_string(kBatch)}),
                                  dir / "crash.log");
    // Watch the commits; then wait part of a batch's time (the last interval seen) and kill.
    int rc = -1;
    Xapian::rev last_rev = start_rev;
    auto last_commit = started;
    double batch_seconds = 1.0;
    bool killed = false;
    while (rc < 0) {
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        break;
      }
      const Xapian::rev rev = current_revision(db);
      if (rev > last_rev) {
        if (last_rev > start_rev)
          batch_seconds = std::chrono::duration<double>(Clock::now() - last_commit).count();
        last_rev = rev;
        last_commit = Clock::now();
      }
      if (last_rev >= start_rev + after_commits) {
        std::this_thread::sleep_for(std::chrono::duration<double>(batch_part * batch_seconds));
        ::kill(pid, SIGKILL);
        killed = true;
        rc = wait_exit(pid);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const double at = std::chrono::duration<double>(Clock::now() - started).count();
    INFO("kill " << kill << " at " << at << " s");
    if (!killed || rc != 128 + SIGKILL) {
      INFO(read_file(dir / "crash.log").substr(0, 2000));
      CHECK(rc == 0);  // it finished before the kill: fine, but only if it finished well
      WARN("the import ended (exit " << rc << ") before its kill");
      committed = stored_records(db).size();
      continue;
    }
    ++kills;
    const auto got = stored_records(db);  // opens, one document per id
    committed = got.size();
    std::printf(
        "crash: SIGKILL %d %4.1f s into a run, %.0f%% of a batch after its commit #%zu: %zu of "
        "%zu releases committed, all whole\n",
        kill, at, batch_part * 100, after_commits, got.size(), expected_here.size());
    only_whole_records(got, expected_here);
    structurally_sound(db);
  }
  std::fflush(stdout);
  CHECK(kills >= 1);  // the in-place writer was killed at least once

  // A re-run completes the import: every release once, every field intact.
  // (With the batch size of the killed runs: a re-run that commits often into a populated
  // database once stopped with DatabaseModifiedError, see the last test of this file.)
  const int rc = wait_exit(spawn_index(
      with_db(im.args, db, {"--batch-size", std::to_string(kBatch)}), dir / "rerun.log"));
  INFO(read_file(dir / "rerun.log").substr(0, 2000));
  REQUIRE(rc == 0);
  const auto final_records = stored_records(db);
  CHECK(final_records.size() == expected_here.size());
  only_whole_records(final_records, expected_here);
  for (const auto& [id, data] : expected_here) {
    if (!final_records.count(id)) {
      FAIL_CHECK("missing after the re-run: " << id);
      break;
    }
  }
  structurally_sound(db);
}

TEST_CASE("crash: a full disk gives a clear error and a database that still opens", "[crash]") {
  TempDir dir;
  Import im = generated_import(dir.path(), 6000);  // about 12 MB of index
  write_file(dir / "first.jsonl", [&] {
    std::string s;
    for (int i = 0; i < 300; ++i) s += im.canonical.at("gen-" + std::to_string(i)).dump() + "\n";
    return s;
  }());
  TmpfsMount disk(dir / "disk", "size=4m");
  const fs::path db = disk.ok() ? dir / "disk" / "db" : dir / "db";
  // What is committed before the disk fills must survive it: an earlier import, and the first
  // batches of this one.
  auto first =
      run({index_bin(), "add", "--db", db.string(), "--quiet", (dir / "first.jsonl").string()});
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  RunResult full;
  if (disk.ok()) {
    full = run({index_bin(), "add", "--db", db.string(), "--quiet", "--batch-size", "500",
                (dir / "archive.jsonl").string()});
  } else {
    // The simulation (EFBIG past a file size limit) is not the real thing (ENOSPC from the file
    // system, for every file at once): report the skip, fail under PRESSROOM_REQUIRE_SHARED=1.
    skip_or_fail("a real full disk needs a tmpfs mounted as root (" + disk.why_not() +
                 "): simulated with RLIMIT_FSIZE instead");
    full = run_with_file_size_limit({"add", "--db", db.string(), "--quiet", "--batch-size", "500",
                                     (dir / "archive.jsonl").string()},
                                    4 << 20, dir / "full.log");
  }
  INFO(full.out << full.err);
  CHECK(full.exit_code == 2);
  CHECK_THAT(full.err, Catch::Contains("pressroom-index: error:"));
  CHECK_THAT(full.err, Catch::Contains(db.string()));
  CHECK_THAT(full.err,
             Catch::Contains("No space left on device") || Catch::Contains("File too large"));
  CHECK(full.err.size() < 2000);  // one clear message, not a flood

  // The database opens, at a commit: whole records only, the first import's among them.
  std::map<std::string, std::string> expected;
  for (const auto& [id, j] : im.canonical) expected[id] = j.dump();
  auto got = stored_records(db);
  CHECK(got.size() >= 800);
  CHECK(got.size() < im.canonical.size());
  only_whole_records(got, expected);
  structurally_sound(db);

  // With room again, a re-run completes the import.
  if (disk.ok()) REQUIRE(disk.remount("size=256m"));
  auto rerun = run({index_bin(), "add", "--db", db.string(), "--quiet", "--batch-size", "500",
                    (dir / "archive.jsonl").string()});
  INFO(rerun.err);
  CHECK(rerun.exit_code == 0);
  got = stored_records(db);
  CHECK(got.size() == im.canonical.size());
  only_whole_records(got, expected);
}

namespace {

// A database in a folder that is made read-only after a first import: a read-only mount as root
// (file modes do not stop root), the file modes otherwise. Writable again on destruction.
class ReadOnlyDatabase {
 public:
  ReadOnlyDatabase(const fs::path& dir, const fs::path& input)
      : root_(::geteuid() == 0), area_(dir / "area", "size=64m") {
    folder_ = root_ ? dir / "area" : dir / "area-plain";
    db_ = folder_ / "db";
    if (root_ && !area_.ok()) return;
    fs::create_directories(folder_);
    auto ok = run({index_bin(), "add", "--db", db_.string(), "--quiet", input.string()});
    INFO(ok.err);
    REQUIRE(ok.exit_code == 0);
    if (root_) {
      REQUIRE(area_.remount("size=64m", MS_RDONLY));
    } else {
      fs::permissions(folder_, fs::perms::owner_read | fs::perms::owner_exec,
                      fs::perm_options::replace);
      fs::permissions(db_, fs::perms::owner_read | fs::perms::owner_exec,
                      fs::perm_options::replace);
    }
    ready_ = true;
  }
  ~ReadOnlyDatabase() {
    if (!ready_) return;
    if (root_) {
      area_.remount("size=64m");
    } else {
      std::error_code ec;
      fs::permissions(folder_, fs::perms::owner_all, fs::perm_options::replace, ec);
      fs::permissions(db_, fs::perms::owner_all, fs::perm_options::replace, ec);
    }
  }
  [[nodiscard]] bool ready() const { return ready_; }
  [[nodiscard]] const fs::path& db() const { return db_; }
  [[nodiscard]] const fs::path& folder() const { return folder_; }

 private:
  bool root_;
  TmpfsMount area_;
  fs::path folder_, db_;
  bool ready_ = false;
};

}  // namespace

TEST_CASE("crash: an unwritable database folder gives an error and leaves the database readable",
          "[crash]") {
  TempDir dir;
  Import im = generated_import(dir.path(), 200);
  ReadOnlyDatabase ro(dir.path(), dir / "archive.jsonl");
  if (!ro.ready()) {
    skip_or_fail("running as root without permission to mount a tmpfs");
    return;
  }
  write_file(dir / "more.jsonl", R"({"id":"more-1","title":"One more","body":"Text."})"
                                 "\n");
  // Adding to the existing database, and creating a new one beside it: exit 2, one error line
  // naming the database.
  for (const fs::path& target : {ro.db(), ro.folder() / "new.db"}) {
    INFO(target);
    auto r = run(
        {index_bin(), "add", "--db", target.string(), "--quiet", (dir / "more.jsonl").string()});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::StartsWith("pressroom-index: error:"));
    CHECK_THAT(r.err, Catch::Contains(target.string()));
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
  // The database still opens, for reading (searchd) as well as for stats, with everything in it.
  std::map<std::string, std::string> expected;
  for (const auto& [id, j] : im.canonical) expected[id] = j.dump();
  auto got = stored_records(ro.db());
  CHECK(got.size() == expected.size());
  only_whole_records(got, expected);
  CHECK(run({index_bin(), "stats", "--db", ro.db().string(), "--json"}).exit_code == 0);
}

TEST_CASE("crash: the error for an unwritable database folder says why", "[crash]") {
  // Regression: open_writable (core/src/database.cc) used to report a lock file it could not
  // create (read-only folder) as "locked by another writer", and "mkdir failed" without the
  // reason.
  TempDir dir;
  generated_import(dir.path(), 50);
  ReadOnlyDatabase ro(dir.path(), dir / "archive.jsonl");
  if (!ro.ready()) return;
  for (const fs::path& target : {ro.db(), ro.folder() / "new.db"}) {
    INFO(target);
    auto r = run(
        {index_bin(), "add", "--db", target.string(), "--quiet", (dir / "archive.jsonl").string()});
    INFO(r.err);
    CHECK_THAT(r.err,
               Catch::Contains("Read-only file system") || Catch::Contains("Permission denied"));
    CHECK_THAT(r.err, !Catch::Contains("locked by another writer"));
  }
}

TEST_CASE("crash: new releases imported into a populated database over many commits", "[crash]") {
  // Regression: the writer (indexer/writer.cc) checked whether an id exists against a snapshot
  // of the database opened when the run started and never reopened. Once the run had committed
  // a few batches, Xapian reused the blocks of that old revision and reading the snapshot threw
  // DatabaseModifiedError: the import stopped with exit 2 ("writing to DB failed:
  // DatabaseModifiedError: The revision being read has been discarded ..."), and the same error
  // hid the real message when the disk filled during such an import. Whether a given import
  // meets a recycled block depends on the state of the files (the kill test above met it in
  // about one run in three); this import met it with the build it was found with.
  TempDir dir;
  Import im = generated_import(dir.path(), 3000);
  std::string first;
  for (int i = 0; i < 300; ++i) first += im.canonical.at("gen-" + std::to_string(i)).dump() + "\n";
  write_file(dir / "first.jsonl", first);
  const fs::path db = dir / "db";
  REQUIRE(run({index_bin(), "add", "--db", db.string(), "--quiet", (dir / "first.jsonl").string()})
              .exit_code == 0);
  auto r = run({index_bin(), "add", "--db", db.string(), "--quiet", "--batch-size", "200",
                (dir / "archive.jsonl").string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  std::map<std::string, std::string> expected;
  for (const auto& [id, j] : im.canonical) expected[id] = j.dump();
  auto got = stored_records(db);
  CHECK(got.size() == expected.size());
  only_whole_records(got, expected);
}
