// pressroom-searchd settings: command line, environment, config file, defaults, --help.
#include <map>

#include <catch2/catch.hpp>

#include "config.h"
#include "test_support.h"

using namespace pressroom;
using namespace pressroom::searchd;

namespace {

struct Env {
  std::map<std::string, std::string> vars;
  GetEnv fn() const {
    return [this](const std::string& n) -> std::optional<std::string> {
      auto it = vars.find(n);
      if (it == vars.end()) return std::nullopt;
      return it->second;
    };
  }
};

ConfigOutcome load(std::vector<std::string> args, const Env& env = {}) {
  args.insert(args.begin(), "pressroom-searchd");
  return load_config(args, env.fn());
}

Config ok(std::vector<std::string> args, const Env& env = {}) {
  auto o = load(std::move(args), env);
  INFO(o.message);
  REQUIRE(o.config);
  return *o.config;
}

}  // namespace

TEST_CASE("config: defaults and the launcher's command line", "[config]") {
  auto c = ok({"--db", "data/corpus.db", "--listen", "127.0.0.1:8080", "--web", "web/"});
  CHECK(c.dbs == std::vector<std::string>{"data/corpus.db"});
  CHECK(c.host == "127.0.0.1");
  CHECK(c.port == 8080);
  CHECK(c.web == "web/");
  CHECK(c.threads == 8);
  CHECK(c.max_concurrent_exports == 2);
  CHECK(c.limits.max_per_page == 100);
  CHECK(c.limits.max_query_bytes == 2048);
  CHECK(c.limits.query_time_limit == 5.0);
}

TEST_CASE("config: several databases, every limit", "[config]") {
  auto c = ok({"--db",
               "a.db",
               "--db",
               "b.db",
               "--threads",
               "3",
               "--max-query-bytes",
               "100",
               "--max-per-page",
               "50",
               "--max-facet-size",
               "20",
               "--max-result-window",
               "500",
               "--max-wildcard-expansion",
               "7",
               "--query-time-limit",
               "0.5",
               "--max-concurrent-exports",
               "4",
               "--export-page-size",
               "99",
               "--base-url",
               "https://press.example.org/",
               "--log-level",
               "warn",
               "--listen",
               "[::1]:0"});
  CHECK(c.dbs == std::vector<std::string>{"a.db", "b.db"});
  CHECK(c.threads == 3);
  CHECK(c.limits.max_query_bytes == 100);
  CHECK(c.limits.max_per_page == 50);
  CHECK(c.limits.max_facet_size == 20);
  CHECK(c.limits.max_result_window == 500);
  CHECK(c.limits.max_wildcard_expansion == 7);
  CHECK(c.limits.query_time_limit == 0.5);
  CHECK(c.max_concurrent_exports == 4);
  CHECK(c.limits.export_page_size == 99);
  CHECK(c.base_url == "https://press.example.org");
  CHECK(c.log_level == "warn");
  CHECK(c.host == "::1");
  CHECK(c.port == 0);
}

TEST_CASE("config: environment and config file, with precedence", "[config]") {
  test::TempDir dir;
  test::write_file(dir / "searchd.toml",
                   "db = [\"file1.db\", \"file2.db\"]\nlisten = \"127.0.0.1:9000\"\nthreads = 2\n"
                   "query_time_limit = 1.5\nmax_per_page = 30\n");
  Env env;
  env.vars["PRESSROOM_LISTEN"] = "127.0.0.1:9100";
  env.vars["PRESSROOM_DB"] = "env1.db:env2.db";
  auto c = ok({"--config", (dir / "searchd.toml").string(), "--threads", "6"}, env);
  CHECK(c.threads == 6);  // command line beats the file
  CHECK(c.port == 9100);  // environment beats the file
  CHECK(c.dbs == std::vector<std::string>{"env1.db", "env2.db"});
  CHECK(c.limits.query_time_limit == 1.5);  // from the file
  CHECK(c.limits.max_per_page == 30);

  env.vars.clear();
  env.vars["PRESSROOM_CONFIG"] = (dir / "searchd.toml").string();
  c = ok({}, env);
  CHECK(c.dbs == std::vector<std::string>{"file1.db", "file2.db"});
  CHECK(c.port == 9000);
}

TEST_CASE("config: mistakes are usage errors with exit code 2", "[config]") {
  test::TempDir dir;
  test::write_file(dir / "typo.toml", "db = \"a.db\"\nthreds = 4\n");
  test::write_file(dir / "bad.toml", "db = [\n");
  test::write_file(dir / "type.toml", "db = \"a.db\"\nthreads = [1, 2]\n");
  struct Case {
    std::vector<std::string> args;
    const char* message;
  };
  const Case cases[] = {
      {{}, "no database given"},
      {{"--db", "a", "--listen", "8080"}, "expected HOST:PORT"},
      {{"--db", "a", "--listen", "127.0.0.1:70000"}, "expected HOST:PORT"},
      {{"--db", "a", "--threads", "0"}, "--threads: expected a whole number from 1 to 256"},
      {{"--db", "a", "--threads", "many"}, "--threads"},
      {{"--db", "a", "--query-time-limit", "-1"}, "--query-time-limit"},
      {{"--db", "a", "--base-url", "press.example.org"}, "http:// or https://"},
      {{"--db", "a", "--log-level", "loud"}, "--log-level"},
      {{"--db", "a", "--no-such-option"}, "no-such-option"},
      {{"--config", (dir / "typo.toml").string()}, "unknown key 'threds'"},
      {{"--config", (dir / "bad.toml").string()}, "cannot read the config file"},
      {{"--config", (dir / "type.toml").string()}, "key 'threads' has the wrong type"},
      {{"--config", (dir / "missing.toml").string()}, "cannot read the config file"},
  };
  for (const auto& c : cases) {
    auto o = load(c.args);
    INFO(o.message);
    CHECK_FALSE(o.config);
    CHECK(o.exit_code == 2);
    CHECK_THAT(o.message, Catch::Contains(c.message));
  }
}

TEST_CASE("config: --help documents every option and its default", "[config]") {
  auto o = load({"--help"});
  CHECK_FALSE(o.config);
  CHECK(o.exit_code == 0);
  for (const char* opt :
       {"--db", "--listen", "--web", "--threads", "--base-url", "--log-level", "--max-query-bytes",
        "--max-per-page", "--max-facet-size", "--max-result-window", "--max-wildcard-expansion",
        "--query-time-limit", "--max-concurrent-exports", "--export-page-size", "--config"})
    CHECK_THAT(o.message, Catch::Contains(opt));
  for (const char* def : {"=127.0.0.1:8080", "=8", "=2048", "=100", "=1000", "=100000", "=5", "=2",
                          "=10000", "=info"})
    CHECK_THAT(o.message, Catch::Contains(def));
  CHECK_THAT(o.message, Catch::Contains("PRESSROOM_LISTEN"));
  auto v = load({"--version"});
  CHECK(v.exit_code == 0);
  CHECK_THAT(v.message, Catch::Contains(PRESSROOM_VERSION));
}

TEST_CASE("config: connection and access settings", "[config]") {
  auto d = ok({"--db", "x"});
  CHECK(d.header_timeout == 10);
  CHECK(d.read_timeout == 10);
  CHECK(d.write_timeout == 30);
  CHECK(d.max_header_bytes == 32768);
  CHECK_FALSE(d.require_token);
  CHECK(d.rate_limit == 20);
  CHECK(d.rate_burst == 60);
  CHECK_FALSE(d.rate_limit_loopback);
  CHECK(d.cors_origins.empty());
  CHECK(d.limits.max_query_terms == 256);
  CHECK(d.limits.max_query_depth == 32);

  auto c = ok({"--db",
               "x",
               "--require-token",
               "--token-file",
               "t.txt",
               "--rate-limit",
               "2.5",
               "--rate-burst",
               "5",
               "--rate-limit-loopback",
               "--trusted-proxy",
               "10.0.0.1",
               "--trusted-proxy",
               "::1",
               "--cors-origin",
               "https://a.example/",
               "--header-timeout",
               "2.5",
               "--max-header-bytes",
               "4096",
               "--max-query-terms",
               "50",
               "--max-query-depth",
               "4"});
  CHECK(c.require_token);
  CHECK(c.token_file == "t.txt");
  CHECK(c.rate_limit == 2.5);
  CHECK(c.rate_burst == 5);
  CHECK(c.rate_limit_loopback);
  CHECK(c.trusted_proxies == std::vector<std::string>{"10.0.0.1", "::1"});
  CHECK(c.cors_origins == std::vector<std::string>{"https://a.example"});
  CHECK(c.header_timeout == 2.5);
  CHECK(c.max_header_bytes == 4096);
  CHECK(c.limits.max_query_terms == 50);
  CHECK(c.limits.max_query_depth == 4);

  // Flags from the environment and the file; tokens only from the environment.
  Env env;
  env.vars = {{"PRESSROOM_REQUIRE_TOKEN", "yes"}, {"PRESSROOM_TOKENS", "read a 0123456789abcdef"}};
  auto e = ok({"--db", "x"}, env);
  CHECK(e.require_token);
  CHECK(e.env_tokens == "read a 0123456789abcdef");
  pressroom::test::TempDir dir;
  pressroom::test::write_file(dir / "s.toml",
                              "db = \"x\"\nrequire_token = true\nrate_limit = 0\n"
                              "cors_origin = [\"*\"]\n");
  auto f = ok({"--config", (dir / "s.toml").string()});
  CHECK(f.require_token);
  CHECK(f.rate_limit == 0);
  CHECK(f.cors_origins == std::vector<std::string>{"*"});

  CHECK(load({"--db", "x", "--cors-origin", "example.org"}).exit_code == 2);
  CHECK(load({"--db", "x", "--rate-limit", "-1"}).exit_code == 2);
  Env bad;
  bad.vars = {{"PRESSROOM_REQUIRE_TOKEN", "maybe"}};
  auto o = load({"--db", "x"}, bad);
  CHECK(o.exit_code == 2);
  CHECK_THAT(o.message, Catch::Contains("PRESSROOM_REQUIRE_TOKEN: expected true or false"));
  CHECK(load({"--db", "x", "--tokens", "abc"}).exit_code == 2);  // no such option
}

TEST_CASE("config: connection caps and keep-alive", "[config]") {
  auto d = ok({"--db", "x"});
  CHECK(d.keep_alive_timeout == 5);
  CHECK(d.max_connections == 512);
  CHECK(d.max_connections_per_client == 32);

  auto c = ok({"--db", "x", "--keep-alive-timeout", "1.5", "--max-connections", "100",
               "--max-connections-per-client", "0"});
  CHECK(c.keep_alive_timeout == 1.5);
  CHECK(c.max_connections == 100);
  CHECK(c.max_connections_per_client == 0);  // no cap per address

  pressroom::test::TempDir dir;
  pressroom::test::write_file(dir / "s.toml",
                              "db = \"x\"\nkeep_alive_timeout = 2\n"
                              "max_connections = 64\n"
                              "max_connections_per_client = 8\n");
  auto f = ok({"--config", (dir / "s.toml").string()});
  CHECK(f.keep_alive_timeout == 2);
  CHECK(f.max_connections == 64);
  CHECK(f.max_connections_per_client == 8);

  auto zero = load({"--db", "x", "--max-connections", "0"});
  CHECK(zero.exit_code == 2);
  CHECK_THAT(zero.message, Catch::Contains("--max-connections: expected a whole number from 1"));
  CHECK(load({"--db", "x", "--keep-alive-timeout", "0"}).exit_code == 2);
  auto over = load({"--db", "x", "--max-connections", "10", "--max-connections-per-client", "20"});
  CHECK(over.exit_code == 2);
  CHECK_THAT(over.message, Catch::Contains("cannot be larger than --max-connections (10)"));
  pressroom::test::write_file(dir / "bad.toml", "db = \"x\"\nmax_connections = \"many\"\n");
  auto bad = load({"--config", (dir / "bad.toml").string()});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.message, Catch::Contains("max_connections: expected a whole number"));
}
