// Helpers shared by the tests: temporary directories, running programs, locating data.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pressroom::test {

// A fresh directory under the system temp dir, removed (recursively) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::filesystem::path operator/(const std::string& name) const {
    return path_ / name;
  }

 private:
  std::filesystem::path path_;
};

// The source tree root (for corpus/ and fixtures).
std::filesystem::path source_dir();
std::filesystem::path binary_dir();

// Whether a test that cannot run here fails instead of skipping: PRESSROOM_REQUIRE_SHARED=1 (as in
// CI, .ci/run, which promises the DOJ archive and root with tmpfs mounts).
bool skips_fail();

// Reports that a test, or the part of it that matters, cannot run here (Catch v2 has no SKIP): a
// Catch WARN "SKIPPED: <reason>", after which the caller returns or takes its fallback; or, when
// skips_fail(), FAILs the test (throws) with the reason.
void skip_or_fail(const std::string& reason);

// The shared data folder ($PRESSROOM_SHARED, default <source>/../shared). When the DOJ archive is
// absent: skip_or_fail, then nullopt (the test should return).
std::optional<std::filesystem::path> doj_dir_or_skip();

// Unpacks a .tar.zst into dir (once per dir; uses the `tar` and `zstd` programs). Returns success.
bool unpack_tar_zst(const std::filesystem::path& archive, const std::filesystem::path& dir);

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};
// Runs argv (argv[0] a path) with optional stdin text, capturing stdout and stderr.
RunResult run(const std::vector<std::string>& argv, const std::string& stdin_text = {});

// Starts argv (argv[0] a path) in the background with stdout to `out` and stderr to `err`
// (empty: to `out` too); the files are truncated, or appended to with `append`. Returns its pid.
int spawn_process(const std::vector<std::string>& argv, const std::filesystem::path& out,
                  const std::filesystem::path& err = {}, bool append = false);
// Waits for a process: its exit code, or 128 + the signal that ended it.
int wait_exit(int pid);

// Path of the pressroom-index binary ($PRESSROOM_INDEX_BIN, else <binary>/indexer/pressroom-index).
std::string index_bin();

// Writes text to a file (creating parent folders).
void write_file(const std::filesystem::path& p, const std::string& text);
std::string read_file(const std::filesystem::path& p);

// Every record of a database (its stored JSON) by id; REQUIREs that the database opens.
std::map<std::string, nlohmann::json> records_by_id(const std::filesystem::path& db_path);

}  // namespace pressroom::test
