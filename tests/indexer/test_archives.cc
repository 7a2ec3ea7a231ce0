// Integration tests from issue #16 ("importing real archives"): small fixtures in the shapes of
// the archives a new user imported — Markdown releases one folder per wire and day, Senate text
// files with their metadata in folder and file names, bulk imports stopped and restarted.
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "test_support.h"

using namespace pressroom::test;
namespace fs = std::filesystem;

namespace {

RunResult index_cmd(std::vector<std::string> args) {
  args.insert(args.begin(), index_bin());
  return run(args);
}

}  // namespace

TEST_CASE("a bulk import keeps the work folders of runs still going", "[ingest][bulk][archives]") {
  TempDir dir;
  write_file(dir / "one.jsonl", R"({"id":"a","title":"t","body":"b"})" "\n");
  // A live process (as a SIGTERMed import still merging), a dead one, and a dead pid whose lock
  // file is held (a pid the folder's owner no longer runs under, e.g. in another pid namespace).
  const int live = spawn_process({"/bin/sleep", "30"}, dir / "sleep.out");
  const int dead = spawn_process({"/bin/true"}, dir / "true.out");
  REQUIRE(wait_exit(dead) == 0);
  const fs::path live_work = dir / (".db.bulk-" + std::to_string(live));
  const fs::path dead_work = dir / (".db.bulk-" + std::to_string(dead));
  const fs::path locked_work = dir / ".db.bulk-999999999";
  for (const auto& w : {live_work, dead_work, locked_work}) write_file(w / "merged" / "iamglass", "x");
  write_file(locked_work / "lock", "");
  const int fd = ::open((locked_work / "lock").c_str(), O_RDWR | O_CLOEXEC);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);

  auto r = index_cmd({"add", "--db", (dir / "db").string(), "--writers", "2", (dir / "one.jsonl").string()});
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
