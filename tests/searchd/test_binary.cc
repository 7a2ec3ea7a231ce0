// The pressroom-searchd program: options, the listening line, graceful stop on SIGTERM.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>

#include <catch2/catch.hpp>

#include "searchd_test_util.h"
#include "test_support.h"

using namespace pressroom::test;

namespace {

std::string searchd_bin() {
  const char* env = std::getenv("PRESSROOM_SEARCHD_BIN");
  return env && *env ? env : PRESSROOM_SEARCHD_BIN;
}

// A child process whose stdout is readable line by line; stderr goes to a file.
class Child {
 public:
  Child(const std::vector<std::string>& argv, const std::filesystem::path& err_file) {
    int out[2];
    REQUIRE(::pipe(out) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::dup2(out[1], 1);
      int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(err, 2);
      ::close(out[0]);
      ::close(out[1]);
      std::vector<char*> args;
      for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
    ::close(out[1]);
    out_ = out[0];
  }
  ~Child() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    ::close(out_);
  }
  // The next stdout line, waiting up to timeout_ms; "" on timeout or end.
  std::string line(int timeout_ms = 20000) {
    for (;;) {
      auto nl = buf_.find('\n');
      if (nl != std::string::npos) {
        std::string l = buf_.substr(0, nl);
        buf_.erase(0, nl + 1);
        return l;
      }
      pollfd p{out_, POLLIN, 0};
      if (::poll(&p, 1, timeout_ms) <= 0) return "";
      char b[4096];
      ssize_t n = ::read(out_, b, sizeof b);
      if (n <= 0) return "";
      buf_.append(b, static_cast<size_t>(n));
    }
  }
  void signal(int sig) { ::kill(pid_, sig); }
  // Waits for the exit; returns the exit code (128 + signal when killed).
  int wait() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  std::string buf_;
};

int port_of(const std::string& listening_line) {
  const std::string prefix = "listening on http://127.0.0.1:";
  REQUIRE(listening_line.rfind(prefix, 0) == 0);
  return std::stoi(listening_line.substr(prefix.size()));
}

}  // namespace

TEST_CASE("binary: --help and usage errors", "[binary]") {
  auto help = run({searchd_bin(), "--help"});
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Catch::Contains("--db") && Catch::Contains("--listen") &&
                           Catch::Contains("--max-concurrent-exports") &&
                           Catch::Contains("=127.0.0.1:8080"));
  auto bad = run({searchd_bin(), "--db"});
  CHECK(bad.exit_code == 2);
  auto none = run({searchd_bin()});
  CHECK(none.exit_code == 2);
  CHECK_THAT(none.err, Catch::Contains("no database given"));
  TempDir dir;
  auto missing =
      run({searchd_bin(), "--db", (dir / "nothing").string(), "--listen", "127.0.0.1:0"});
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("no Pressroom index at"));
}

TEST_CASE("binary: port 0, the listening line, a graceful stop on SIGTERM", "[binary]") {
  TempDir dir;
  const std::vector<Json> many = bulk_records(3000, "bulk release");
  index_records(dir / "db", many);
  Child child(
      {searchd_bin(), "--db", (dir / "db").string(), "--listen", "127.0.0.1:0", "--threads", "2"},
      dir / "stderr.log");
  const int port = port_of(child.line());

  httplib::Client c("127.0.0.1", port);
  auto health = c.Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);

  // An export in flight when SIGTERM arrives is finished, then the program exits 0.
  size_t received = 0;
  bool signalled = false;
  auto res = c.Get("/api/v1/export", [&](const char* data, size_t n) {
    received += static_cast<size_t>(std::count(data, data + n, '\n'));
    if (!signalled) {
      child.signal(SIGTERM);
      signalled = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(300));  // let the stop begin
    }
    return true;
  });
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(signalled);
  CHECK(res->get_header_value("X-Pressroom-Count") == "3000");
  CHECK(received == 3000);
  CHECK(child.wait() == 0);
  std::string log = read_file(dir / "stderr.log");
  CHECK_THAT(log, Catch::Contains("received SIGTERM"));
  CHECK_THAT(log, Catch::Contains("GET /api/v1/export 200"));
  CHECK_THAT(log, Catch::Contains("hits=3000"));
  // After the stop nothing listens any more.
  httplib::Client after("127.0.0.1", port);
  CHECK_FALSE(after.Get("/healthz"));
}

TEST_CASE("binary: settings from the environment", "[binary]") {
  TempDir dir;
  index_records(dir / "db", sample_records());
  ::setenv("PRESSROOM_DB", (dir / "db").string().c_str(), 1);
  ::setenv("PRESSROOM_LISTEN", "127.0.0.1:0", 1);
  Child child({searchd_bin()}, dir / "stderr.log");
  ::unsetenv("PRESSROOM_DB");
  ::unsetenv("PRESSROOM_LISTEN");
  const int port = port_of(child.line());
  httplib::Client c("127.0.0.1", port);
  auto res = c.Get("/api/v1/search?q=fraud");
  REQUIRE(res);
  CHECK(res->status == 200);
  child.signal(SIGINT);
  CHECK(child.wait() == 0);
  CHECK_THAT(read_file(dir / "stderr.log"), Catch::Contains("GET /api/v1/search?q=fraud 200"));
}
