// Hostile input: each case gets a clear 4xx in the one error shape, within a bounded time and
// memory, and the server keeps answering afterwards.
#include <atomic>
#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "searchd_test_util.h"
#include "test_support.h"

using namespace pressroom;
using namespace pressroom::test;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

struct Fixture {
  TempDir dir;
  fs::path db = dir / "db";
  Fixture() { index_records(db, sample_records()); }
};

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// The error of a response in the one shape, with its status.
Json error_json(int status, const std::string& body) {
  INFO(body.substr(0, 300));
  auto j = Json::parse(body, nullptr, false);
  REQUIRE(j.is_object());
  REQUIRE(j.contains("error"));
  CHECK(j["error"]["code"].is_string());
  CHECK(j["error"]["message"].is_string());
  CHECK(status >= 400);
  CHECK(status < 500);
  return j["error"];
}

Json error_of(const httplib::Result& res, int status) {
  REQUIRE(res);
  CHECK(res->status == status);
  return error_json(res->status, res->body);
}

// GET with the target exactly as given (httplib's client would percent-encode '+' again).
httplib::Result get_as_is(const TestServer& s, const std::string& target) {
  auto c = s.client();
  c.set_url_encode(false);
  return c.Get(target);
}

void still_up(const TestServer& s) {
  auto res = s.client().Get("/healthz");
  REQUIRE(res);
  CHECK(res->status == 200);
}

// A query for a URL as an HTML form sends it: spaces as '+', brackets as they are (both
// allowed in a query string), everything else percent-encoded.
std::string form(const std::string& q) {
  std::string out;
  for (char c : q) {
    if (c == ' ')
      out += '+';
    else if (c == '(' || c == ')')
      out += c;
    else
      out += enc(std::string(1, c));
  }
  return out;
}

std::string get_request(const std::string& target) {
  return "GET " + target + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n";
}

}  // namespace

TEST_CASE_METHOD(Fixture, "hostile: a 1 MB q is refused after the first 32 KiB", "[hostile]") {
  TestServer s(test_config(db));
  const auto start = Clock::now();
  RawConnection c(s.port());
  const std::string request =
      "GET /api/v1/search?q=" + std::string(1 << 20, 'a') + " HTTP/1.1\r\nHost: test\r\n\r\n";
  std::thread sender([&] { c.send(request); });  // fails once the server has closed: fine
  const std::string response = c.receive(10s);
  sender.join();
  CHECK(seconds_since(start) < 5);
  CHECK(raw_status(response) == 414);
  CHECK(error_json(414, raw_body(response))["code"] == "uri_too_long");
  // Within httplib's own URL limit (8 KiB) the answer is the same, from httplib.
  CHECK(error_of(s.client().Get("/api/v1/search?q=" + std::string(9000, 'a')), 414)["code"] ==
        "uri_too_long");
  // Under it, the query limit of the API speaks.
  auto e = error_of(s.client().Get("/api/v1/search?q=" + std::string(5000, 'a')), 400);
  CHECK(e["field"] == "q");
  CHECK_THAT(e["message"].get<std::string>(), Catch::Contains("at most 2048 bytes"));
  // A body of 1 MB (the API takes none) is refused too.
  auto post = s.client().Post("/api/v1/search", std::string(1 << 20, 'q'), "text/plain");
  if (post) CHECK(post->status == 413);  // or the connection was closed while sending: fine too
  still_up(s);
}

TEST_CASE_METHOD(Fixture, "hostile: a request line of 64 MB does not grow the server's memory",
                 "[hostile]") {
  TestServer s(test_config(db));
  const long before = resident_kib();
  RawConnection c(s.port());
  std::thread sender([&] {
    c.send("GET /api/v1/search?q=");
    const std::string chunk(1 << 20, 'b');
    for (int i = 0; i < 64 && c.send(chunk); ++i) {
    }
  });
  const std::string response = c.receive(20s);
  sender.join();
  CHECK(raw_status(response) == 414);
  const long grown = resident_kib() - before;
  INFO("resident memory grew by " << grown << " KiB");
  CHECK(grown < 16 * 1024);
  still_up(s);
}

TEST_CASE_METHOD(Fixture, "hostile: thousands of OR terms", "[hostile]") {
  std::string q;
  for (int i = 0; i < 1300; ++i) {
    if (i) q += " OR ";
    q += static_cast<char>('a' + i / 26 % 26);
    q += static_cast<char>('a' + i % 26);
  }
  REQUIRE(q.size() < 8000);
  {
    TestServer s(test_config(db));  // default limits: refused for its length
    auto e = error_of(get_as_is(s, "/api/v1/search?q=" + form(q)), 400);
    CHECK(e["field"] == "q");
  }
  auto cfg = test_config(db);
  cfg.limits.max_query_bytes = 8000;  // long enough: refused for its number of words
  TestServer s(cfg);
  const auto start = Clock::now();
  auto e = error_of(get_as_is(s, "/api/v1/search?q=" + form(q)), 400);
  CHECK(seconds_since(start) < 2);
  CHECK(e["field"] == "q");
  CHECK(e["message"] == "the query has 1300 words; at most 256 are accepted");
  CHECK(error_of(get_as_is(s, "/api/v1/export?q=" + form(q)), 400)["field"] == "q");
  // 256 words are fine, and quick.
  std::string ok;
  for (int i = 0; i < 256; ++i) ok += std::string(i ? " OR " : "") + "w" + std::to_string(i);
  const auto t = Clock::now();
  auto res = s.client().Get("/api/v1/search?q=" + enc(ok));
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(seconds_since(t) < 5);
  still_up(s);
}

TEST_CASE_METHOD(Fixture, "hostile: deeply nested brackets", "[hostile]") {
  auto cfg = test_config(db);
  cfg.limits.max_query_bytes = 8000;
  TestServer s(cfg);
  for (const std::string& q :
       {std::string(1000, '(') + "fraud" + std::string(1000, ')'), std::string(3000, '(') + "fraud",
        "fraud AND " + std::string(40, '(') + "tax" + std::string(40, ')')}) {
    INFO(q.substr(0, 50));
    const auto start = Clock::now();
    auto e = error_of(get_as_is(s, "/api/v1/search?q=" + form(q)), 400);
    CHECK(seconds_since(start) < 2);
    CHECK(e["field"] == "q");
    CHECK_THAT(e["message"].get<std::string>(), Catch::Contains("at most 32 levels"));
  }
  // Brackets inside a phrase are words, not nesting; 32 levels are fine.
  CHECK(s.client().Get("/api/v1/search?q=" + enc("\"" + std::string(100, '(') + "\""))->status ==
        200);
  auto ok = s.client().Get("/api/v1/search?q=" +
                           enc(std::string(32, '(') + "fraud" + std::string(32, ')')));
  REQUIRE(ok);
  CHECK(ok->status == 200);
  CHECK(json_of(ok)["total"].get<int>() > 0);
  still_up(s);
}

TEST_CASE_METHOD(Fixture, "hostile: a* over a large index", "[hostile]") {
  // 20,000 releases, each with its own words starting with 'a'.
  std::vector<Json> many;
  for (int i = 0; i < 20000; ++i)
    many.push_back(Json{{"id", "w-" + std::to_string(i)},
                        {"title", "word list " + std::to_string(i)},
                        {"body", "a" + std::to_string(i) + "x ab" + std::to_string(i) + " ac" +
                                     std::to_string(i * 7)}});
  index_records(db, many);
  TestServer s(test_config(db));
  for (const char* q : {"a*", "ab*", "fraud OR a*", "(a*) AND NOT tax", "a* b* c* d*"}) {
    INFO(q);
    const auto start = Clock::now();
    auto e = error_of(s.client().Get(std::string("/api/v1/search?q=") + enc(q)), 400);
    CHECK(seconds_since(start) < 5);
    CHECK(e["field"] == "q");
    CHECK_THAT(e["message"].get<std::string>(), Catch::Contains("more than 1000 different words"));
  }
  auto e = error_of(s.client().Get("/api/v1/export?q=a*"), 400);
  CHECK(e["field"] == "q");
  e = error_of(s.client().Get("/api/v1/export/manifest?q=a*"), 400);
  CHECK(e["field"] == "q");
  // A narrow wildcard works.
  auto ok = s.client().Get("/api/v1/search?q=ab1999*");
  REQUIRE(ok);
  CHECK(ok->status == 200);
  still_up(s);
}

TEST_CASE_METHOD(Fixture, "hostile: invalid UTF-8 and NUL bytes in parameters", "[hostile]") {
  TestServer s(test_config(db));
  struct Case {
    std::string target;
    int status;
    const char* field;
    const char* message;
  };
  const Case cases[] = {
      {"/api/v1/search?q=%FF%FE", 400, "q", "q is not valid UTF-8 text (byte 0xFF at byte 1)"},
      {"/api/v1/search?q=fraud%C0%AF", 400, "q", "byte 0xC0 at byte 6"},  // overlong '/'
      {"/api/v1/search?q=%ED%A0%80", 400, "q", "byte 0xED at byte 1"},    // a surrogate
      {"/api/v1/search?q=caf%C3", 400, "q", "byte 0xC3 at byte 4"},       // cut short
      {"/api/v1/search?q=fraud%00tax", 400, "q", "q contains a NUL byte (at byte 6)"},
      {"/api/v1/search?issuer=%00", 400, "issuer", "NUL byte"},
      {"/api/v1/search?topic=Tax%FF", 400, "topic", "not valid UTF-8"},
      {"/api/v1/search?from=2015%00", 400, "from", "NUL byte"},
      {"/api/v1/export?fields=id%FF", 400, "fields", "not valid UTF-8"},
      {"/api/v1/feed?q=%F4%90%80%80", 400, "q", "not valid UTF-8"},  // past U+10FFFF
      {"/api/v1/search?%FF=1", 400, "\xFF", "unknown parameter"},
      {"/api/v1/documents/%FF%00", 404, "id", "no release has the id"},
  };
  for (const auto& c : cases) {
    INFO(c.target);
    auto res = s.client().Get(c.target);
    auto e = error_of(res, c.status);
    if (std::string(c.field) != "\xFF") CHECK(e["field"] == c.field);
    CHECK_THAT(e["message"].get<std::string>(), Catch::Contains(c.message));
  }
  // Valid UTF-8 passes: "café" and a CJK word.
  CHECK(s.client().Get("/api/v1/search?q=caf%C3%A9")->status == 200);
  CHECK(s.client().Get("/api/v1/search?q=%E6%96%B0%E9%97%BB")->status == 200);
  // Raw (not percent-encoded) bytes in the request line: refused, in the error shape.
  for (const std::string& target :
       {std::string("/api/v1/search?q=a\xFF"), std::string("/api/v1/search?q=a\0b", 20)}) {
    const std::string response = raw_exchange(s.port(), get_request(target));
    const int status = raw_status(response);
    INFO(response.substr(0, 200));
    CHECK(status >= 400);
    CHECK(status < 500);
  }
  still_up(s);
}

TEST_CASE_METHOD(Fixture, "hostile: negative, huge and malformed page and per_page", "[hostile]") {
  TestServer s(test_config(db));
  for (const char* target :
       {"/api/v1/search?page=-1", "/api/v1/search?page=0",
        "/api/v1/search?page=99999999999999999999", "/api/v1/search?page=4294967297",
        "/api/v1/search?page=1.5", "/api/v1/search?page=0x10", "/api/v1/search?page=%201",
        "/api/v1/search?page=1e3", "/api/v1/search?per_page=-20", "/api/v1/search?per_page=0",
        "/api/v1/search?per_page=18446744073709551617", "/api/v1/search?per_page=101",
        "/api/v1/search?facet_size=-1", "/api/v1/search?facet_size=99999999999",
        "/api/v1/search?page=5001&per_page=20"}) {
    INFO(target);
    const auto start = Clock::now();
    auto e = error_of(s.client().Get(target), 400);
    CHECK(seconds_since(start) < 2);
    CHECK((e["field"] == "page" || e["field"] == "per_page" || e["field"] == "facet_size"));
  }
  still_up(s);
}

TEST_CASE_METHOD(Fixture, "hostile: path traversal on static files", "[hostile][static]") {
  fs::path web = dir / "web";
  write_file(web / "index.html", "<!doctype html><title>Pressroom</title>");
  write_file(web / "js" / "app.js", "console.log(1);");
  write_file(dir / "secret.txt", "TOP SECRET OUTSIDE");
  fs::create_directories(dir / "outside-dir");
  write_file(dir / "outside-dir" / "leak.txt", "TOP SECRET IN A FOLDER");
  fs::create_symlink(dir / "secret.txt", web / "link.txt");               // a file link out
  fs::create_symlink(dir / "outside-dir", web / "linked-dir");            // a folder link out
  fs::create_symlink("../secret.txt", web / "js" / "relative-link.txt");  // a relative link out
  fs::create_symlink("/etc/passwd", web / "passwd");                      // an absolute link out
  TestServer s(test_config(db, web));
  const std::string secret = (dir / "secret.txt").string();
  const std::string targets[] = {
      "/../secret.txt",
      "/js/../../secret.txt",
      "/%2e%2e/secret.txt",
      "/%2E%2E%2Fsecret.txt",
      "/js/%2e%2e%2f%2e%2e%2fsecret.txt",
      "/%252e%252e%252fsecret.txt",  // double-encoded
      "/js/%252e%252e/%252e%252e/secret.txt",
      "/..%5csecret.txt",  // backslash
      "/js\\..\\..\\secret.txt",
      "/%c0%ae%c0%ae/secret.txt",  // overlong-encoded dots
      "/./index.html",
      "//etc/passwd",
      "/etc/passwd",
      secret,  // the absolute path of the file
      "/" + secret,
      "http://test/../secret.txt",  // absolute-form target
      "/link.txt",
      "/linked-dir/leak.txt",
      "/js/relative-link.txt",
      "/passwd",
      "/.hidden",
      "/js/app.js%00.html",
      "/index.html/..",
  };
  for (const auto& target : targets) {
    INFO(target);
    const std::string response = raw_exchange(s.port(), get_request(target));
    const int status = raw_status(response);
    CHECK(status >= 400);
    CHECK(status < 500);
    CHECK_THAT(response, !Catch::Contains("TOP SECRET") && !Catch::Contains("root:x:0"));
    if (status == 404) CHECK(error_json(status, raw_body(response))["code"] == "not_found");
  }
  // The folder's own files are still served.
  CHECK(raw_status(raw_exchange(s.port(), get_request("/js/app.js"))) == 200);
  CHECK(raw_status(raw_exchange(s.port(), get_request("/js/%61pp.js"))) == 200);
  still_up(s);
}

TEST_CASE_METHOD(Fixture, "hostile: oversized headers", "[hostile]") {
  TestServer s(test_config(db));
  // One header of 100 KB: 431, and the connection is closed.
  {
    const auto start = Clock::now();
    RawConnection c(s.port());
    std::thread sender([&] {
      c.send("GET /api/v1/search HTTP/1.1\r\nHost: test\r\nX-Big: " + std::string(100000, 'x') +
             "\r\n\r\n");
    });
    const std::string response = c.receive(10s);
    sender.join();
    CHECK(raw_status(response) == 431);
    CHECK(error_json(431, raw_body(response))["code"] == "header_too_large");
    CHECK(seconds_since(start) < 5);
  }
  // Thousands of small headers: 431.
  {
    std::string request = "GET /api/v1/search HTTP/1.1\r\nHost: test\r\n";
    for (int i = 0; i < 5000; ++i) request += "X-H" + std::to_string(i) + ": v\r\n";
    request += "\r\n";
    RawConnection c(s.port());
    std::thread sender([&] { c.send(request); });
    const std::string response = c.receive(10s);
    sender.join();
    CHECK(raw_status(response) == 431);
  }
  // A header line over httplib's own limit (8 KiB) but within ours: still a clear 4xx.
  {
    const std::string response = raw_exchange(
        s.port(), "GET /api/v1/search HTTP/1.1\r\nHost: test\r\nX-Mid: " + std::string(10000, 'm') +
                      "\r\nConnection: close\r\n\r\n");
    CHECK(raw_status(response) == 400);
    CHECK(error_json(400, raw_body(response))["code"] == "invalid_argument");
  }
  // Ordinary requests with a few KiB of headers (cookies, say) are fine.
  auto ok = s.client().Get("/api/v1/search?q=fraud",
                           httplib::Headers{{"Cookie", std::string(4000, 'c')}});
  REQUIRE(ok);
  CHECK(ok->status == 200);
  // The limit is configurable.
  auto cfg = test_config(db);
  cfg.max_header_bytes = 2048;
  TestServer small(cfg);
  CHECK(error_of(
            small.client().Get("/api/v1/search", httplib::Headers{{"X-A", std::string(3000, 'a')}}),
            431)["code"] == "header_too_large");
  still_up(s);
}

TEST_CASE_METHOD(Fixture, "hostile: slow clients that trickle bytes time out",
                 "[hostile][slow][concurrency]") {
  auto cfg = test_config(db);
  cfg.header_timeout = 1.0;
  cfg.read_timeout = 1.0;
  cfg.keep_alive_timeout = 2;
  cfg.threads = 4;
  TestServer s(cfg);

  // A client trickling its head one byte every 100 ms: 408 once the head deadline has passed,
  // though no single read ever waited long.
  std::vector<std::thread> slow;
  std::atomic<int> timeouts{0};
  for (int i = 0; i < 2; ++i)
    slow.emplace_back([&] {
      const auto start = Clock::now();
      RawConnection c(s.port());
      const std::string head =
          "GET /api/v1/search?q=fraud HTTP/1.1\r\nHost: test\r\nX-Slow: " + std::string(200, 's') +
          "\r\n\r\n";
      std::string response;
      for (char ch : head) {
        if (!c.send(std::string_view(&ch, 1))) break;
        std::this_thread::sleep_for(100ms);
        if (seconds_since(start) > 1.5) break;
      }
      response = c.receive(5s);
      if (raw_status(response) == 408 && seconds_since(start) < 4 &&
          Json::parse(raw_body(response), nullptr, false)["error"]["code"] == "request_timeout")
        ++timeouts;
    });
  // Meanwhile other clients are answered at once.
  for (int i = 0; i < 10; ++i) {
    const auto start = Clock::now();
    auto res = s.client().Get("/api/v1/search?q=tax");
    REQUIRE(res);
    CHECK(res->status == 200);
    CHECK(seconds_since(start) < 1);
    std::this_thread::sleep_for(50ms);
  }
  for (auto& t : slow) t.join();
  CHECK(timeouts == 2);

  // A client that stops in the middle of its head: 408 after the read timeout.
  {
    const auto start = Clock::now();
    RawConnection c(s.port());
    c.send("GET /api/v1/search HTTP/1.1\r\nHost: te");
    const std::string response = c.receive(5s);
    CHECK(raw_status(response) == 408);
    CHECK(seconds_since(start) < 3);
  }
  // A client that connects and says nothing is dropped after the keep-alive time (2 s).
  {
    RawConnection c(s.port());
    CHECK(c.closed_by_server(5s));
  }
  // A body that never arrives: the connection is closed after the read timeout.
  {
    const auto start = Clock::now();
    RawConnection c(s.port());
    c.send("POST /api/v1/search HTTP/1.1\r\nHost: test\r\nContent-Length: 1000\r\n\r\nonly a bit");
    c.receive(5s);
    CHECK(seconds_since(start) < 4);
  }
  still_up(s);
}

TEST_CASE_METHOD(Fixture, "hostile: more concurrent exports than allowed",
                 "[hostile][export][concurrency]") {
  const std::vector<Json> many = bulk_records(3000);
  index_records(db, many);
  auto cfg = test_config(db);
  cfg.max_concurrent_exports = 2;
  cfg.threads = 6;
  TestServer s(cfg);
  // Two clients that read nothing hold both export slots.
  std::vector<std::unique_ptr<RawConnection>> holders;
  for (int i = 0; i < 2; ++i) {
    holders.push_back(std::make_unique<RawConnection>(s.port(), 4096));
    REQUIRE(holders.back()->send("GET /api/v1/export HTTP/1.1\r\nHost: test\r\n\r\n"));
    char buf[256];
    REQUIRE(::recv(holders.back()->fd(), buf, sizeof buf, 0) > 0);  // streaming has begun
  }
  for (const char* target :
       {"/api/v1/export", "/api/v1/export?format=csv", "/api/v1/export?q=bulk"}) {
    const auto start = Clock::now();
    auto res = s.client().Get(target);
    auto e = error_of(res, 429);
    CHECK(e["code"] == "too_many_requests");
    CHECK(res->get_header_value("Retry-After") == "2");
    CHECK(seconds_since(start) < 1);
  }
  // Manifests and searches still work.
  CHECK(s.client().Get("/api/v1/export/manifest?q=bulk")->status == 200);
  CHECK(s.client().Get("/api/v1/search?q=bulk")->status == 200);
  holders.clear();  // the readers go away: their exports are aborted and the slots freed
  int status = 0;
  for (int i = 0; i < 100 && status != 200; ++i) {
    auto res = s.client().Get("/api/v1/export?q=nothingmatchesthis");
    status = res ? res->status : 0;
    if (status != 200) std::this_thread::sleep_for(100ms);
  }
  CHECK(status == 200);
}
