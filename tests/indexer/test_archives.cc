// Integration tests from issue #16 ("importing real archives"): small fixtures in the shapes of
// the archives a new user imported — Markdown releases one folder per wire and day, Senate text
// files with their metadata in folder and file names, bulk imports stopped and restarted.
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "pipeline/progress.h"
#include "test_support.h"

using namespace pressroom::test;
namespace fs = std::filesystem;

namespace {

RunResult index_cmd(std::vector<std::string> args) {
  args.insert(args.begin(), index_bin());
  return run(args);
}

std::string markdown_release(const std::string& title, const std::string& date,
                             const std::string& issuer) {
  return "---\ntitle: " + title + "\ndate: " + date + "\nissuers: [" + issuer + "]\n---\n" + title +
         ": the full text of the release.\n";
}

// Corporate releases as Markdown, one folder per wire and day, with the archive's README on top.
void write_corporate_archive(const fs::path& root) {
  write_file(root / "README.md", "# About this archive\n");
  write_file(root / "businesswire" / "2024-01-02" / "acme-results.md",
             markdown_release("Acme results", "2024-01-02", "Acme"));
  write_file(root / "businesswire" / "2024-01-02" / "changes-in-hhla-s-supervisory-board.md",
             markdown_release("Changes in HHLA's Supervisory Board", "2024-01-02", "HHLA"));
  write_file(root / "globenewswire" / "2024-01-03" / "beta-opens-plant.md",
             markdown_release("Beta opens a plant", "2024-01-03", "Beta"));
}

// Senate releases as plain text, their metadata only in folder and file names, and a folder of
// symbolic links to some senators' folders (with a link back to itself and one to nothing).
void write_senate_archive(const fs::path& root) {
  for (const char* senator : {"Smith", "Jones"})
    for (const char* day : {"2019-03-04", "2020-05-06"})
      write_file(
          root / "senate" / senator / (std::string(day) + "_water-statement.txt"),
          std::string("Senator ") + senator + " on water\n\nThe senator spoke on " + day + ".\n");
  write_file(root / "senate.toml",
             "format = \"text\"\npath_pattern = \"{issuer}/{date:%Y-%m-%d}_{slug}.txt\"\n");
  fs::create_directories(root / "links");
  fs::create_directory_symlink("../senate/Smith", root / "links" / "Smith");
  fs::create_directory_symlink("../senate/Jones", root / "links" / "Jones");
  fs::create_directory_symlink(".", root / "links" / "again");
  fs::create_symlink("../senate/Doe", root / "links" / "Doe");
}

nlohmann::json stats_of(const fs::path& db) {
  auto r = index_cmd({"stats", "--db", db.string(), "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("a bulk import keeps the work folders of runs still going", "[ingest][bulk][archives]") {
  TempDir dir;
  write_file(dir / "one.jsonl", R"({"id":"a","title":"t","body":"b"})"
                                "\n");
  // A live process (as a SIGTERMed import still merging), a dead one, and a dead pid whose lock
  // file is held (a pid the folder's owner no longer runs under, e.g. in another pid namespace).
  const int live = spawn_process({"/bin/sleep", "30"}, dir / "sleep.out");
  const int dead = spawn_process({"/bin/true"}, dir / "true.out");
  REQUIRE(wait_exit(dead) == 0);
  const fs::path live_work = dir / (".db.bulk-" + std::to_string(live));
  const fs::path dead_work = dir / (".db.bulk-" + std::to_string(dead));
  const fs::path locked_work = dir / ".db.bulk-999999999";
  for (const auto& w : {live_work, dead_work, locked_work})
    write_file(w / "merged" / "iamglass", "x");
  write_file(locked_work / "lock", "");
  const int fd = ::open((locked_work / "lock").c_str(), O_RDWR | O_CLOEXEC);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);

  auto r = index_cmd(
      {"add", "--db", (dir / "db").string(), "--writers", "2", (dir / "one.jsonl").string()});
  ::close(fd);
  ::kill(live, SIGKILL);
  wait_exit(live);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(fs::exists(live_work / "merged" / "iamglass"));
  CHECK(fs::exists(locked_work / "merged" / "iamglass"));
  CHECK_FALSE(fs::exists(dead_work));
  CHECK_THAT(r.err, Catch::Contains(live_work.string() + ": note: kept"));
  CHECK_THAT(r.err, Catch::Contains(locked_work.string() + ": note: kept"));

  // Once both are over, the next import removes them.
  fs::remove_all(dir / "db");
  auto again = index_cmd({"add", "--db", (dir / "db").string(), (dir / "one.jsonl").string()});
  CHECK(again.exit_code == 0);
  CHECK_FALSE(fs::exists(live_work));
  CHECK_FALSE(fs::exists(locked_work));
}

TEST_CASE("globs: --include and --exclude take one glob each and leave the inputs after them",
          "[ingest][archives]") {
  TempDir dir;
  write_corporate_archive(dir / "corp");
  write_file(dir / "more" / "gamma.md", markdown_release("Gamma news", "2024-02-01", "Gamma"));
  const std::string corp = (dir / "corp").string();
  // The user's command: a glob that matches nothing at this depth, a folder and a file after it.
  auto r = index_cmd({"add", "--db", (dir / "db").string(), "--include", "*/*.md", corp,
                      (dir / "more" / "gamma.md").string()});
  INFO(r.err);
  CHECK(r.exit_code == 1);  // nothing read from a folder named on the command line
  CHECK(stats_of(dir / "db")["documents"] == 1);  // gamma.md, named: globs do not apply
  CHECK_THAT(r.err, Catch::Contains(corp + ": warning: 4 file(s) seen, 0 read: 4 did not match "
                                           "the include globs '*/*.md'"));

  // Repeated flags accumulate.
  auto r2 = index_cmd({"add", "--db", (dir / "db2").string(), "--include", "**/*.md", "--exclude",
                       "globenewswire", "--exclude", "README.md", corp});
  INFO(r2.err);
  CHECK(r2.exit_code == 0);
  CHECK(stats_of(dir / "db2")["documents"] == 2);
  CHECK_THAT(r2.out, Catch::Contains("1 file(s) left out by include/exclude patterns"));
}

TEST_CASE("a release whose name starts like CHANGES is read, the archive's README is counted",
          "[ingest][archives]") {
  TempDir dir;
  write_corporate_archive(dir / "corp");
  auto r = index_cmd({"add", "--db", (dir / "db").string(), (dir / "corp").string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  auto stats = stats_of(dir / "db");
  CHECK(stats["documents"] == 3);
  CHECK(stats["issuers"].dump().find("HHLA") != std::string::npos);
  CHECK_THAT(r.out, Catch::Contains("1 documentation file(s) skipped"));
  CHECK_THAT(r.err, Catch::Contains("README.md: note: skipped, a documentation file"));
  CHECK_THAT(r.err, !Catch::Contains("changes-in-hhla"));
}

TEST_CASE("hidden files are counted, and an include glob naming the dot reads them",
          "[ingest][archives]") {
  TempDir dir;
  write_corporate_archive(dir / "corp");
  // Two releases whose slug came out empty, and a hidden folder that is no release.
  write_file(dir / "corp" / "businesswire" / "2024-01-03" / ".md",
             markdown_release("A release with an empty slug", "2024-01-03", "Delta"));
  write_file(dir / "corp" / "globenewswire" / "2024-01-04" / ".md",
             markdown_release("Another one", "2024-01-04", "Epsilon"));
  write_file(dir / "corp" / ".git" / "HEAD.md", "ref: refs/heads/main\n");
  const std::string corp = (dir / "corp").string();

  auto r = index_cmd({"add", "--db", (dir / "db").string(), corp});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(stats_of(dir / "db")["documents"] == 3);
  CHECK_THAT(r.out, Catch::Contains("2 hidden file(s) skipped"));
  CHECK_THAT(r.out, Catch::Contains("1 hidden folder(s) not entered"));

  // '*.md' alone leaves them out, as a shell's glob would; '.md' names them.
  auto star = index_cmd({"add", "--db", (dir / "star").string(), "--include", "*.md", corp});
  CHECK(stats_of(dir / "star")["documents"] == 4);  // with README.md: the include chose it
  auto dot = index_cmd(
      {"add", "--db", (dir / "dot").string(), "--include", "*.md", "--include", ".md", corp});
  INFO(dot.err);
  CHECK(dot.exit_code == 0);
  CHECK(stats_of(dir / "dot")["documents"] == 6);
  CHECK_THAT(dot.out, !Catch::Contains("hidden file(s)"));
}

TEST_CASE("links to folders are followed once each, links to nothing are counted",
          "[ingest][archives]") {
  TempDir dir;
  write_senate_archive(dir.path());
  auto r = index_cmd({"add", "--db", (dir / "db").string(), "--mapping",
                      (dir / "senate.toml").string(), (dir / "links").string()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  auto stats = stats_of(dir / "db");
  CHECK(stats["documents"] == 4);
  CHECK(stats["issuers"].size() == 2);
  CHECK_THAT(r.out, Catch::Contains("1 symbolic link(s) to nothing skipped"));
  CHECK_THAT(r.out, Catch::Contains("1 linked folder(s) not walked again"));
  CHECK_THAT(r.err, Catch::Contains("again: note: skipped, a link to a folder already walked"));

  // A folder holding only a link to nothing: nothing read from a non-empty input says why, and
  // is not "all good".
  fs::create_directories(dir / "only");
  fs::create_symlink("../senate/Doe", dir / "only" / "Doe");
  auto none = index_cmd({"add", "--db", (dir / "db2").string(), (dir / "only").string()});
  CHECK(none.exit_code == 1);
  CHECK_THAT(none.err,
             Catch::Contains((dir / "only").string() + ": warning: 1 file(s) seen, 0 "
                                                       "read: 1 are symbolic links to nothing"));
}

TEST_CASE("./pressroom up and build compile the two programs, not the test suite",
          "[archives][launcher]") {
  TempDir dir;
  // A copy of the launcher with a no-op dependency check and a cmake that only logs its calls.
  fs::copy_file(source_dir() / "pressroom", dir / "pressroom");
  write_file(dir / "scripts" / "install-deps", "#!/bin/sh\n");
  write_file(dir / "bin" / "cmake", "#!/bin/sh\necho \"cmake $*\" >> \"$CMAKE_LOG\"\n");
  for (const char* exe : {"scripts/install-deps", "bin/cmake"})
    fs::permissions(dir / exe, fs::perms::owner_all, fs::perm_options::add);
  const std::string log = (dir / "cmake.log").string();
  const std::string path = "PATH=" + (dir / "bin").string() + ":/usr/bin:/bin";
  auto build =
      run({"/usr/bin/env", path, "CMAKE_LOG=" + log, (dir / "pressroom").string(), "build"});
  INFO(build.err);
  CHECK(build.exit_code == 0);
  CHECK_THAT(read_file(log), Catch::Contains("--target pressroom-index pressroom-searchd"));
  // `up` builds the same, then indexes (here it stops there: this cmake built nothing).
  fs::remove(log);
  run({"/usr/bin/env", path, "CMAKE_LOG=" + log, (dir / "pressroom").string(), "up"});
  const std::string up_log = read_file(log);
  CHECK_THAT(up_log, Catch::Contains("-DPRESSROOM_BUILD_TESTS=ON"));  // one build folder for all
  CHECK_THAT(up_log, Catch::Contains("--target pressroom-index pressroom-searchd"));
  // No `cmake --build` without a target: that would build the tests too.
  std::istringstream lines(up_log);
  for (std::string line; std::getline(lines, line);)
    if (line.find("cmake --build") == 0) CHECK_THAT(line, Catch::Contains("--target"));
}

TEST_CASE("stats counts documents per year and per issuer, in JSON and in text",
          "[ingest][archives][stats]") {
  TempDir dir;
  // Congress releases as nested JSON lines.
  std::string lines;
  const char* members[] = {"Sen. Smith", "Rep. Jones", "Rep. Jones",
                           "Rep. Doe",   "Sen. Smith", "Rep. Jones"};
  const char* dates[] = {"2019-03-04", "2019-11-30", "2020-01-02", "2021-06-07", "2021-12-31", ""};
  for (int i = 0; i < 6; ++i)
    lines +=
        nlohmann::json(
            {{"release",
              {{"number", i}, {"headline", "Release " + std::to_string(i)}, {"issued", dates[i]}}},
             {"member", {{"name", members[i]}}},
             {"text", "The member spoke."}})
            .dump() +
        "\n";
  write_file(dir / "congress.jsonl", lines);
  write_file(
      dir / "congress.toml",
      "format = \"jsonl\"\n[fields.id]\ntemplate = \"congress-{release.number}\"\n"
      "[fields.title]\nfrom = \"release.headline\"\n[fields.date]\nfrom = \"release.issued\"\n"
      "[fields.issuers]\nfrom = \"member.name\"\n[fields.body]\nfrom = \"text\"\n");
  auto r = index_cmd({"add", "--db", (dir / "db").string(), "--mapping",
                      (dir / "congress.toml").string(), (dir / "congress.jsonl").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);

  auto j = stats_of(dir / "db");
  CHECK(j["documents"] == 6);
  CHECK(j["years"] ==
        nlohmann::json::parse(R"([{"value":"2019","count":2},{"value":"2020","count":1},
                                                {"value":"2021","count":2}])"));
  CHECK(j["undated"] == 1);
  CHECK(j["issuers"] == nlohmann::json::parse(R"([{"value":"Rep. Jones","count":3},
                                                  {"value":"Sen. Smith","count":2},
                                                  {"value":"Rep. Doe","count":1}])"));
  auto text = index_cmd({"stats", "--db", (dir / "db").string()});
  CHECK(text.exit_code == 0);
  CHECK_THAT(text.out, Catch::Contains("documents per year\n  2\t2019\n  1\t2020\n  2\t2021\n"
                                       "  1\tundated\n"));
  CHECK_THAT(text.out, Catch::Contains("documents per issuer\n  3\tRep. Jones\n  2\tSen. Smith\n"
                                       "  1\tRep. Doe\n"));
}

TEST_CASE("progress into a file is plain lines; diagnostics are on lines of their own",
          "[ingest][archives][progress]") {
  TempDir dir;
  write_senate_archive(dir.path());
  for (int i = 0; i < 40; ++i)
    write_file(
        dir / "senate" / "Smith" /
            ("2021-01-" + std::to_string(10 + i % 18) + "_note-" + std::to_string(i) + ".txt"),
        "Note " + std::to_string(i) + "\n\nOn water.\n");
  write_file(dir / "senate" / "Smith" / "undated-note.txt", "No date in this name\n\nText.\n");
  auto r = index_cmd({"add", "--db", (dir / "db").string(), "--mapping",
                      (dir / "senate.toml").string(), "--progress", "--progress-interval", "0",
                      "--threads", "1", (dir / "senate").string()});
  INFO(r.err);
  CHECK(r.exit_code == 1);  // the undated note
  CHECK(r.err.find('\r') == std::string::npos);
  CHECK(r.err.find('\033') == std::string::npos);
  size_t progress_lines = 0, diagnostics = 0;
  std::istringstream lines(r.err);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("progress: ", 0) == 0) {
      ++progress_lines;
      CHECK_THAT(line, Catch::Contains(" records · "));
    } else {
      ++diagnostics;
      CHECK_THAT(line, !Catch::Contains(" records · "));
    }
  }
  CHECK(progress_lines >= 2);
  CHECK(diagnostics >= 1);
  CHECK_THAT(r.err, Catch::Contains((dir / "senate" / "Smith" / "undated-note.txt").string() +
                                    ": error: the path does not match"));
}

TEST_CASE("on a terminal a diagnostic clears the progress line first", "[archives][progress]") {
  std::ostringstream out;
  pressroom::indexer::ProgressStream terminal(out, true, 10);
  terminal.show("12 records", 0.2, false);
  terminal.stream() << "a.txt: error: no date\n";
  terminal.show("13 records", 0.4, false);
  terminal.show("14 records", 0.6, true);
  CHECK(out.str() ==
        "\r12 records\033[K\r\033[Ka.txt: error: no date\n\r13 records\033[K\r14 records\033[K\n");

  std::ostringstream file;
  pressroom::indexer::ProgressStream plain(file, false, 10);
  plain.show("12 records", 0.2, false);
  plain.show("13 records", 5, false);  // within the interval: not shown
  plain.stream() << "a.txt: error: no date\n";
  plain.show("20 records", 10.3, false);
  plain.show("21 records", 11, true);
  CHECK(
      file.str() ==
      "progress: 12 records\na.txt: error: no date\nprogress: 20 records\nprogress: 21 records\n");
}
