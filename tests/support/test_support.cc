#include "test_support.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>

#include "pressroom/database.h"
#include "pressroom/stored_fields.h"

extern char** environ;

namespace fs = std::filesystem;

namespace pressroom::test {

TempDir::TempDir() {
  static std::atomic<unsigned> counter{0};
  std::random_device rd;
  for (;;) {
    auto p = fs::temp_directory_path() / ("pressroom-test-" + std::to_string(::getpid()) + "-" +
                                          std::to_string(rd()) + "-" + std::to_string(counter++));
    std::error_code ec;
    if (fs::create_directory(p, ec)) {
      path_ = p;
      return;
    }
  }
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path source_dir() { return PRESSROOM_SOURCE_DIR; }
fs::path binary_dir() { return PRESSROOM_BINARY_DIR; }

bool skips_fail() {
  const char* req = std::getenv("PRESSROOM_REQUIRE_SHARED");
  return req && std::string(req) == "1";
}

void skip_or_fail(const std::string& reason) {
  if (skips_fail()) FAIL("required (PRESSROOM_REQUIRE_SHARED=1) but not possible here: " << reason);
  WARN("SKIPPED: " << reason);
}

std::optional<fs::path> doj_dir_or_skip() {
  const char* env = std::getenv("PRESSROOM_SHARED");
  fs::path shared = env && *env ? fs::path(env) : source_dir() / ".." / "shared";
  fs::path doj = shared / "corpus" / "doj-opa";
  if (fs::exists(doj / "main_out_pr_list.csv")) return fs::canonical(doj);
  skip_or_fail("the DOJ archive is absent at " + doj.string() +
               " (set PRESSROOM_SHARED to its parent folder)");
  return std::nullopt;
}

bool unpack_tar_zst(const fs::path& archive, const fs::path& dir) {
  fs::create_directories(dir);
  auto r = run({"/bin/tar", "-I", "zstd", "-xf", archive.string(), "-C", dir.string()});
  if (r.exit_code != 0) WARN("tar failed: " << r.err);
  return r.exit_code == 0;
}

namespace {
std::string drain(int fd) {
  std::string s;
  char buf[65536];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) s.append(buf, static_cast<size_t>(n));
  return s;
}
}  // namespace

int spawn_process(const std::vector<std::string>& argv, const fs::path& out, const fs::path& err,
                  bool append) {
  const int flags = O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), flags, 0644);
  if (err.empty()) {
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
  } else {
    posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), flags, 0644);
  }
  std::vector<std::string> copy = argv;
  std::vector<char*> args;
  args.reserve(copy.size() + 1);
  for (auto& a : copy) args.push_back(a.data());
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, args[0], &fa, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  INFO("spawning " << argv.front());
  REQUIRE(rc == 0);
  return pid;
}

int wait_exit(int pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

RunResult run(const std::vector<std::string>& argv, const std::string& stdin_text) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  REQUIRE(::pipe(in_pipe) == 0);
  REQUIRE(::pipe(out_pipe) == 0);
  REQUIRE(::pipe(err_pipe) == 0);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::dup2(in_pipe[0], 0);
    ::dup2(out_pipe[1], 1);
    ::dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
      ::close(fd);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  std::thread writer([&] {
    size_t off = 0;
    while (off < stdin_text.size()) {
      ssize_t n = ::write(in_pipe[1], stdin_text.data() + off, stdin_text.size() - off);
      if (n <= 0) break;
      off += static_cast<size_t>(n);
    }
    ::close(in_pipe[1]);
  });
  RunResult r;
  std::thread err_reader([&] { r.err = drain(err_pipe[0]); });
  r.out = drain(out_pipe[0]);
  err_reader.join();
  writer.join();
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

std::string index_bin() {
  const char* env = std::getenv("PRESSROOM_INDEX_BIN");
  if (env && *env) return env;
  return (binary_dir() / "indexer" / "pressroom-index").string();
}

void write_file(const fs::path& p, const std::string& text) {
  if (p.has_parent_path()) fs::create_directories(p.parent_path());
  std::ofstream f(p, std::ios::binary);
  f << text;
}

std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::map<std::string, nlohmann::json> records_by_id(const std::filesystem::path& db_path) {
  auto db = open_readonly({db_path.string()});
  REQUIRE(db.ok());
  std::map<std::string, nlohmann::json> out;
  for (auto it = db->postlist_begin(""); it != db->postlist_end(""); ++it) {
    auto j = nlohmann::json::parse(decode_record_data(db->get_document(*it).get_data()));
    out[j["id"].get<std::string>()] = j;
  }
  return out;
}

}  // namespace pressroom::test
