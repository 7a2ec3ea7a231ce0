// Access control: bearer tokens (read and admin), the admin reload endpoint, per-client rate
// limits, CORS, and the security headers of the UI and the API.
#include <chrono>
#include <regex>
#include <sstream>
#include <thread>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <catch2/catch.hpp>

#include "auth.h"
#include "rate_limit.h"
#include "searchd_test_util.h"
#include "static_files.h"
#include "test_support.h"

using namespace pressroom;
using namespace pressroom::test;
using namespace pressroom::searchd;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

const std::string kReadToken = "read-token-5f1d2c3b4a69788796a5";
const std::string kAdminToken = "admin-token-0c1b2a39485766758493";

struct Fixture {
  TempDir dir;
  fs::path db = dir / "db";
  fs::path tokens = dir / "tokens.txt";
  Fixture() {
    index_records(db, sample_records());
    write_file(tokens,
               "# role  name      token\n"
               "read    newsroom  " +
                   kReadToken +
                   "\n"
                   "admin   ops       " +
                   kAdminToken + "   # the operators\n");
  }
  searchd::Config config() const {
    auto c = test_config(db);
    c.token_file = tokens.string();
    return c;
  }
};

httplib::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

Json error_of(const httplib::Result& res, int status) {
  REQUIRE(res);
  INFO(res->body);
  CHECK(res->status == status);
  auto j = json_of(res);
  REQUIRE(j.contains("error"));
  return j["error"];
}

httplib::Result post(const TestServer& s, const std::string& path, const httplib::Headers& h = {}) {
  auto c = s.client();
  return c.Post(path.c_str(), h, "", "text/plain");
}

// Captures what spdlog logs while it lives.
class LogCapture {
 public:
  LogCapture() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out_);
    auto logger = std::make_shared<spdlog::logger>("capture", sink);
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::info);
  }
  ~LogCapture() {
    spdlog::set_default_logger(previous_);
    spdlog::set_level(spdlog::level::warn);
  }
  std::string text() {
    spdlog::default_logger()->flush();
    return out_.str();
  }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::ostringstream out_;
};

// The policy the browser tests put on every page (tests/web/lib/harness.mjs), read from there.
std::string harness_csp() {
  const std::string js = read_file(source_dir() / "tests" / "web" / "lib" / "harness.mjs");
  const size_t start = js.find("export const CSP =");
  REQUIRE(start != std::string::npos);
  const size_t end = js.find(";\n", js.find('"', start));
  std::string csp;
  const std::regex piece("\"([^\"]*)\"");
  const std::string decl = js.substr(start, end - start);
  for (auto it = std::sregex_iterator(decl.begin(), decl.end(), piece);
       it != std::sregex_iterator(); ++it)
    csp += (*it)[1].str();
  REQUIRE(!csp.empty());
  return csp;
}

}  // namespace

TEST_CASE("access: token lines are parsed strictly and never echoed", "[access]") {
  auto ok = parse_tokens("# comment\n\nread a " + kReadToken + "\nadmin b.c-d_e " + kAdminToken +
                             " # trailing comment\n",
                         "t.txt");
  REQUIRE(ok.ok());
  REQUIRE(ok->size() == 2);
  CHECK(ok.value()[0].role == Role::kRead);
  CHECK(ok.value()[1].name == "b.c-d_e");
  // Entries separated by ';' (the environment variable's form).
  auto env = parse_tokens("read x " + kReadToken + ";admin y " + kAdminToken, "PRESSROOM_TOKENS");
  REQUIRE(env.ok());
  CHECK(env->size() == 2);
  struct Bad {
    std::string text;
    const char* message;
  };
  const std::string secret = "s3cr3t-s3cr3t-s3cr3t-s3cr3t";
  for (const Bad& b : {Bad{"reader x " + secret, "t.txt:1: the role must be read or admin"},
                       Bad{"\n\nread " + secret, "t.txt:3: expected ROLE NAME TOKEN"},
                       Bad{"read x short", "the token of 'x' must be 16 to 256 characters long"},
                       Bad{"read na/me " + secret, "the name must be 1-64 characters"},
                       Bad{"read x " + secret + " extra", "(three fields), got 4 field(s)"}}) {
    INFO(b.text);
    auto r = parse_tokens(b.text, "t.txt");
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Catch::Contains(b.message));
    CHECK_THAT(r.error().message, !Catch::Contains(secret) && !Catch::Contains("short"));
  }
  TokenStore store;
  auto dup = store.load("", "read x " + kReadToken + ";admin x " + kAdminToken);
  REQUIRE_FALSE(dup.ok());
  CHECK_THAT(dup.error().message, Catch::Contains("'x' is used twice"));
  // Only the exact token matches: not a prefix, an extension, or another case.
  REQUIRE(store.load("", "read x " + kReadToken).value() == 1);
  CHECK(store.check(kReadToken));
  CHECK(store.check(kReadToken)->name == "x");
  CHECK_FALSE(store.check(kReadToken.substr(0, kReadToken.size() - 1)));
  CHECK_FALSE(store.check(kReadToken + "0"));
  CHECK_FALSE(store.check("READ-TOKEN-5F1D2C3B4A69788796A5"));
  CHECK_FALSE(store.check(""));
  CHECK(bearer_token("Bearer abc") == std::optional<std::string_view>("abc"));
  CHECK(bearer_token("bearer   abc ") == std::optional<std::string_view>("abc"));
  CHECK_FALSE(bearer_token("Basic YWxhZGRpbjpvcGVuc2VzYW1l"));
  CHECK_FALSE(bearer_token("Bearer "));
}

TEST_CASE_METHOD(Fixture, "access: reading is open by default", "[access]") {
  TestServer s(config());
  for (const char* target :
       {"/api/v1/search?q=fraud", "/api/v1/documents/r-001", "/api/v1/export",
        "/api/v1/export/manifest", "/api/v1/feed", "/api/v1/stats", "/healthz", "/metrics"}) {
    INFO(target);
    auto res = s.client().Get(target);
    REQUIRE(res);
    CHECK(res->status == 200);
  }
}

TEST_CASE_METHOD(Fixture, "access: --require-token asks for a read or admin token", "[access]") {
  auto cfg = config();
  cfg.require_token = true;
  TestServer s(cfg);
  for (const char* target :
       {"/api/v1/search?q=fraud", "/api/v1/documents/r-001", "/api/v1/export",
        "/api/v1/export/manifest", "/api/v1/feed", "/api/v1/stats", "/metrics"}) {
    INFO(target);
    auto none = s.client().Get(target);
    auto e = error_of(none, 401);
    CHECK(e["code"] == "unauthorized");
    CHECK_THAT(e["message"].get<std::string>(), Catch::Contains("Authorization: Bearer TOKEN"));
    CHECK(none->get_header_value("WWW-Authenticate") == "Bearer realm=\"pressroom\"");
    auto wrong = s.client().Get(target, bearer("not-the-token-at-all-0000"));
    CHECK(error_of(wrong, 401)["message"] == "the bearer token is not valid");
    CHECK(wrong->get_header_value("WWW-Authenticate") ==
          "Bearer realm=\"pressroom\", error=\"invalid_token\"");
    CHECK(
        error_of(s.client().Get(target, httplib::Headers{{"Authorization", "Basic " + kReadToken}}),
                 401)["code"] == "unauthorized");
    for (const auto& token : {kReadToken, kAdminToken}) {
      auto res = s.client().Get(target, bearer(token));
      REQUIRE(res);
      CHECK(res->status == 200);
    }
  }
  // Health checks stay open for load balancers; so does a wrong token on them.
  CHECK(s.client().Get("/healthz")->status == 200);
  // A token in the query string is not a token (it would end up in logs): unknown parameter.
  CHECK(error_of(s.client().Get("/api/v1/search?access_token=" + kReadToken), 401)["code"] ==
        "unauthorized");

  // --require-token without any token refuses to start.
  auto bad = test_config(db);
  bad.require_token = true;
  searchd::Server server(bad);
  auto bound = server.bind();
  REQUIRE_FALSE(bound.ok());
  CHECK_THAT(bound.error().message, Catch::Contains("needs at least one token"));
}

TEST_CASE_METHOD(Fixture, "access: the admin reload endpoint always needs an admin token",
                 "[access]") {
  {
    TestServer open(test_config(db));  // no tokens at all: maintenance is off
    auto e = error_of(post(open, "/api/v1/admin/reload", bearer(kAdminToken)), 403);
    CHECK(e["code"] == "forbidden");
    CHECK_THAT(e["message"].get<std::string>(), Catch::Contains("no token is configured"));
  }
  TestServer s(config());  // reading is open, maintenance is not
  auto none = post(s, "/api/v1/admin/reload");
  CHECK(error_of(none, 401)["code"] == "unauthorized");
  CHECK(none->get_header_value("WWW-Authenticate") == "Bearer realm=\"pressroom\"");
  CHECK(error_of(post(s, "/api/v1/admin/reload", bearer("x" + kAdminToken)), 401)["code"] ==
        "unauthorized");
  auto reader = error_of(post(s, "/api/v1/admin/reload", bearer(kReadToken)), 403);
  CHECK(reader["message"] == "the token 'newsroom' may read but not run maintenance");
  auto get = s.client().Get("/api/v1/admin/reload", bearer(kAdminToken));
  CHECK(error_of(get, 405)["code"] == "method_not_allowed");
  CHECK(get->get_header_value("Allow") == "POST");

  auto ok = post(s, "/api/v1/admin/reload", bearer(kAdminToken));
  REQUIRE(ok);
  REQUIRE(ok->status == 200);
  auto j = json_of(ok);
  CHECK(j["status"] == "reloaded");
  CHECK(j["tokens"] == 2);
  CHECK(j["documents"] == sample_records().size());

  // Rotation: a new file replaces the tokens on reload.
  const std::string rotated = "admin-token-rotated-7a6b5c4d3e2f";
  write_file(tokens, "admin ops " + rotated + "\n");
  REQUIRE(post(s, "/api/v1/admin/reload", bearer(kAdminToken))->status == 200);
  CHECK(post(s, "/api/v1/admin/reload", bearer(kAdminToken))->status == 401);
  CHECK(post(s, "/api/v1/admin/reload", bearer(rotated))->status == 200);
  // A broken file leaves the tokens in force and says so without the details.
  write_file(tokens, "admin ops short\n");
  auto broken = post(s, "/api/v1/admin/reload", bearer(rotated));
  auto e = error_of(broken, 500);
  CHECK_THAT(e["message"].get<std::string>(), Catch::Contains("previous tokens stay in force"));
  CHECK_THAT(broken->body, !Catch::Contains(tokens.string()));
  CHECK(post(s, "/api/v1/admin/reload", bearer(rotated))->status == 500);  // still the old tokens

  // Reload opens the index afresh: a database folder replaced under the server (a restore).
  write_file(tokens, "admin ops " + rotated + "\n");
  TempDir other;
  index_records(other / "db", {Json{{"id", "restored-1"}, {"title", "Restored"}, {"body", "x"}}});
  fs::remove_all(db);
  fs::copy(other / "db", db, fs::copy_options::recursive);
  auto after = post(s, "/api/v1/admin/reload", bearer(rotated));
  REQUIRE(after->status == 200);
  CHECK(json_of(after)["documents"] == 1);
  CHECK(json_of(s.get("/api/v1/stats"))["documents"] == 1);
  CHECK(s.get("/api/v1/documents/restored-1")->status == 200);
}

TEST_CASE_METHOD(Fixture, "access: tokens never reach the log", "[access]") {
  auto cfg = config();
  cfg.require_token = true;
  const std::string env_token = "env-token-e1e2e3e4e5e6e7e8e9";
  cfg.env_tokens = "read from-env " + env_token;
  TestServer s(cfg);
  LogCapture log;
  CHECK(s.client().Get("/api/v1/search?q=fraud", bearer(kReadToken))->status == 200);
  CHECK(s.client().Get("/api/v1/stats", bearer(env_token))->status == 200);
  CHECK(s.client().Get("/api/v1/stats", bearer("wrong-token-wrong-token-1234"))->status == 401);
  CHECK(post(s, "/api/v1/admin/reload", bearer(kAdminToken))->status == 200);
  CHECK(post(s, "/api/v1/admin/reload", bearer(kReadToken))->status == 403);
  std::string text;
  for (int i = 0; i < 100; ++i) {  // requests are logged once their body was sent
    text = log.text();
    if (std::count(text.begin(), text.end(), '\n') >= 6) break;
    std::this_thread::sleep_for(10ms);
  }
  INFO(text);
  CHECK_THAT(text, Catch::Contains("token=newsroom"));
  CHECK_THAT(text, Catch::Contains("token=from-env"));
  CHECK_THAT(text, Catch::Contains("token=ops"));
  CHECK_THAT(text, Catch::Contains("an unknown bearer token was presented"));
  for (const auto& t :
       {kReadToken, kAdminToken, env_token, std::string("wrong-token-wrong-token-1234")})
    CHECK_THAT(text, !Catch::Contains(t));
}

TEST_CASE("access: the token bucket", "[access][rate]") {
  RateLimiter off(0, 10);
  for (int i = 0; i < 1000; ++i) CHECK(off.take("a") == 0);
  RateLimiter r(2, 3);  // 2 per second, 3 at once
  auto t = RateLimiter::Clock::now();
  CHECK(r.take("a", t) == 0);
  CHECK(r.take("a", t) == 0);
  CHECK(r.take("a", t) == 0);
  CHECK(r.take("a", t) == Approx(0.5));  // the next token in half a second
  CHECK(r.take("b", t) == 0);            // another client has its own bucket
  t += 500ms;
  CHECK(r.take("a", t) == 0);
  CHECK(r.take("a", t) > 0);
  t += 10s;  // refills up to the burst, not beyond
  for (int i = 0; i < 3; ++i) CHECK(r.take("a", t) == 0);
  CHECK(r.take("a", t) > 0);
  CHECK(is_loopback("127.0.0.1"));
  CHECK(is_loopback("127.3.2.1"));
  CHECK(is_loopback("::1"));
  CHECK(is_loopback("::ffff:127.0.0.1"));
  CHECK_FALSE(is_loopback("10.0.0.1"));
  CHECK_FALSE(is_loopback("::ffff:10.0.0.1"));
  CHECK(client_address("10.0.0.9", "203.0.113.7", {}) == "10.0.0.9");  // untrusted: ignored
  CHECK(client_address("10.0.0.9", "198.51.100.1, 203.0.113.7", {"10.0.0.9"}) == "203.0.113.7");
  CHECK(client_address("10.0.0.9", "", {"10.0.0.9"}) == "10.0.0.9");
}

TEST_CASE_METHOD(Fixture, "access: rate limits answer 429 with Retry-After", "[access][rate]") {
  {
    // Loopback clients are not limited unless asked for (tests, a local reverse proxy).
    auto cfg = test_config(db);
    cfg.rate_limit = 1;
    cfg.rate_burst = 2;
    TestServer s(cfg);
    for (int i = 0; i < 20; ++i) CHECK(s.client().Get("/healthz")->status == 200);
  }
  auto cfg = test_config(db);
  cfg.rate_limit = 2;
  cfg.rate_burst = 3;
  cfg.rate_limit_loopback = true;
  TestServer s(cfg);
  for (int i = 0; i < 3; ++i) CHECK(s.client().Get("/api/v1/search?q=fraud")->status == 200);
  auto limited = s.client().Get("/api/v1/search?q=fraud");
  auto e = error_of(limited, 429);
  CHECK(e["code"] == "too_many_requests");
  CHECK_THAT(e["message"].get<std::string>(),
             Catch::Contains("too many requests from this address"));
  const int retry = std::stoi(limited->get_header_value("Retry-After"));
  CHECK(retry >= 1);
  CHECK(retry <= 2);
  // Static files and health checks count too (a flood is a flood), errors included.
  CHECK(s.client().Get("/healthz")->status == 429);
  std::this_thread::sleep_for(std::chrono::seconds(retry));
  CHECK(s.client().Get("/api/v1/search?q=fraud")->status == 200);
}

TEST_CASE_METHOD(Fixture, "access: behind a trusted proxy each forwarded client has its own limit",
                 "[access][rate]") {
  auto cfg = test_config(db);
  cfg.rate_limit = 0.5;
  cfg.rate_burst = 2;
  cfg.trusted_proxies = {"127.0.0.1"};
  TestServer s(cfg);
  auto from = [&](const std::string& client) {
    return s.client().Get("/healthz", httplib::Headers{{"X-Forwarded-For", client}})->status;
  };
  CHECK(from("203.0.113.5") == 200);
  CHECK(from("203.0.113.5") == 200);
  CHECK(from("203.0.113.5") == 429);
  CHECK(from("198.51.100.1, 203.0.113.6") == 200);  // the proxy's own entry is the last one
  CHECK(from("203.0.113.6") == 200);
  CHECK(from("203.0.113.6") == 429);
  CHECK(s.client().Get("/healthz")->status == 200);  // the proxy itself: loopback, not limited
  // Without the trusted proxy, X-Forwarded-For is ignored: spoofing it changes nothing.
  auto plain = test_config(db);
  plain.rate_limit = 0.5;
  plain.rate_burst = 2;
  plain.rate_limit_loopback = true;
  TestServer p(plain);
  int ok = 0;
  for (int i = 0; i < 6; ++i)
    ok += p.client()
              .Get("/healthz",
                   httplib::Headers{{"X-Forwarded-For", "203.0.113." + std::to_string(i)}})
              ->status == 200;
  CHECK(ok == 2);
}

TEST_CASE_METHOD(Fixture, "access: CORS is off by default and allows only the configured origins",
                 "[access][cors]") {
  const httplib::Headers from_site{{"Origin", "https://newsroom.example.org"}};
  const httplib::Headers preflight{{"Origin", "https://newsroom.example.org"},
                                   {"Access-Control-Request-Method", "GET"},
                                   {"Access-Control-Request-Headers", "authorization"}};
  {
    TestServer s(test_config(db));
    auto res = s.client().Get("/api/v1/search?q=fraud", from_site);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK_FALSE(res->has_header("Access-Control-Allow-Origin"));
    auto pre = s.client().Options("/api/v1/search", preflight);
    REQUIRE(pre);
    CHECK(pre->status == 405);
    CHECK_FALSE(pre->has_header("Access-Control-Allow-Origin"));
  }
  auto cfg = test_config(db);
  cfg.cors_origins = {"https://newsroom.example.org", "http://localhost:3000"};
  TestServer s(cfg);
  auto res = s.client().Get("/api/v1/search?q=fraud", from_site);
  CHECK(res->get_header_value("Access-Control-Allow-Origin") == "https://newsroom.example.org");
  CHECK(res->get_header_value("Vary") == "Origin");
  CHECK_THAT(res->get_header_value("Access-Control-Expose-Headers"),
             Catch::Contains("X-Pressroom-Ids-Sha256") && Catch::Contains("Retry-After"));
  auto pre = s.client().Options("/api/v1/search", preflight);
  REQUIRE(pre);
  CHECK(pre->status == 204);
  CHECK(pre->get_header_value("Access-Control-Allow-Origin") == "https://newsroom.example.org");
  CHECK_THAT(pre->get_header_value("Access-Control-Allow-Headers"),
             Catch::Contains("Authorization"));
  CHECK_THAT(pre->get_header_value("Access-Control-Allow-Methods"), Catch::Contains("GET"));
  // Errors carry the header too, so a page can read the message.
  auto err = s.client().Get("/api/v1/search?sort=bad", from_site);
  CHECK(err->status == 400);
  CHECK(err->get_header_value("Access-Control-Allow-Origin") == "https://newsroom.example.org");
  // Another origin gets nothing, and its preflight is refused.
  const httplib::Headers evil{{"Origin", "https://evil.example"},
                              {"Access-Control-Request-Method", "GET"}};
  auto other = s.client().Get("/api/v1/search?q=fraud",
                              httplib::Headers{{"Origin", "https://evil.example"}});
  CHECK(other->status == 200);  // the browser, not the server, withholds the answer
  CHECK_FALSE(other->has_header("Access-Control-Allow-Origin"));
  auto refused = s.client().Options("/api/v1/search", evil);
  CHECK(error_of(refused, 403)["code"] == "forbidden");
  CHECK_FALSE(refused->has_header("Access-Control-Allow-Origin"));

  auto any = test_config(db);
  any.cors_origins = {"*"};
  TestServer a(any);
  CHECK(
      a.client().Get("/api/v1/stats", from_site)->get_header_value("Access-Control-Allow-Origin") ==
      "*");
}

TEST_CASE_METHOD(Fixture, "access: security headers on the UI and the API", "[access][static]") {
  fs::path web = dir / "web";
  write_file(web / "index.html", "<!doctype html><title>Pressroom</title>");
  write_file(web / "app.js", "console.log(1);");
  TestServer s(test_config(db, web));
  // The UI's policy is exactly the one its browser tests enforce.
  CHECK(std::string(kWebContentSecurityPolicy) == harness_csp());
  for (const char* path : {"/", "/index.html", "/app.js"}) {
    INFO(path);
    auto res = s.client().Get(path);
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Security-Policy") == kWebContentSecurityPolicy);
    CHECK(res->get_header_value_count("Content-Security-Policy") == 1);
    CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(res->get_header_value_count("X-Content-Type-Options") == 1);
    CHECK(res->get_header_value("Referrer-Policy") == "no-referrer");
    CHECK(res->get_header_value("X-Frame-Options") == "DENY");
  }
  CHECK_THAT(std::string(kWebContentSecurityPolicy),
             !Catch::Contains("unsafe-inline") && !Catch::Contains("unsafe-eval"));
  for (const char* path : {"/api/v1/search?q=fraud", "/api/v1/search?sort=bad", "/missing.html",
                           "/api/v1/nothing", "/healthz"}) {
    INFO(path);
    auto res = s.client().Get(path);
    REQUIRE(res);
    CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
    CHECK(res->get_header_value("Referrer-Policy") == "no-referrer");
    CHECK(res->get_header_value("Content-Security-Policy") ==
          "default-src 'none'; frame-ancestors 'none'");
  }
}
