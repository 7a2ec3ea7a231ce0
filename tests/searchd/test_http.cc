// The HTTP API end to end: a real server on 127.0.0.1:0 in this process, a real client.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <set>
#include <stdexcept>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <catch2/catch.hpp>

#include "pressroom/export.h"
#include "pressroom/schema.h"
#include "search_json.h"
#include "searchd_test_util.h"
#include "server.h"
#include "test_support.h"

using namespace pressroom;
using namespace pressroom::test;
namespace fs = std::filesystem;

namespace {

struct Fixture {
  TempDir dir;
  std::vector<Json> records = sample_records();
  fs::path db = dir / "db";
  Fixture() { index_records(db, records); }
};

// Checks the one error shape and returns the error object.
Json error_of(const httplib::Result& res, int status) {
  INFO(res->body);
  CHECK(res->status == status);
  auto j = json_of(res);
  REQUIRE(j.is_object());
  REQUIRE(j.size() == 1);
  REQUIRE(j.contains("error"));
  const Json& e = j["error"];
  CHECK(e.size() == 3);
  CHECK(e["code"].is_string());
  CHECK(e["message"].is_string());
  CHECK(e["field"].is_string());
  CHECK(res->get_header_value("Content-Type") == "application/json; charset=utf-8");
  return e;
}

std::vector<std::string> lines(const std::string& body) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < body.size()) {
    size_t nl = body.find('\n', start);
    out.push_back(body.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

// A connected socket to the test server.
int connect_to(int port, int receive_buffer = 0) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  if (receive_buffer > 0)  // before connect, so the advertised window is small too
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  return fd;
}

// The exact bytes of a response to one request (httplib's client decodes header values).
std::string raw_response(int port, const std::string& method, const std::string& target) {
  int fd = connect_to(port);
  const std::string request =
      method + " " + target + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n";
  REQUIRE(::write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size()));
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  ::close(fd);
  return out;
}

struct XmlDoc {
  xmlDocPtr doc = nullptr;
  explicit XmlDoc(const std::string& text)
      : doc(xmlReadMemory(text.data(), static_cast<int>(text.size()), "feed.xml", nullptr,
                          XML_PARSE_NONET)) {}
  ~XmlDoc() { xmlFreeDoc(doc); }
  // The string values of an XPath over the document (prefix a = Atom).
  std::vector<std::string> all(const char* xpath) const {
    std::vector<std::string> out;
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathRegisterNs(ctx, BAD_CAST "a", BAD_CAST "http://www.w3.org/2005/Atom");
    xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST xpath, ctx);
    if (r && r->nodesetval)
      for (int i = 0; i < r->nodesetval->nodeNr; ++i) {
        xmlChar* s = xmlNodeGetContent(r->nodesetval->nodeTab[i]);
        out.emplace_back(s ? reinterpret_cast<const char*>(s) : "");
        xmlFree(s);
      }
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(ctx);
    return out;
  }
};

}  // namespace

TEST_CASE("http: an estimated total carries its bounds in the JSON", "[http]") {
  SearchResult r;
  r.total = 40;
  r.total_exact = false;
  r.total_lower = 30;
  r.total_upper = 50;
  r.facets_exact = false;
  auto j = Json::parse(searchd::search_result_json(r));
  REQUIRE(j.contains("total_bounds"));
  CHECK(j["total_bounds"]["lower"] == 30);
  CHECK(j["total_bounds"]["upper"] == 50);
  CHECK(j["facets_exact"] == false);
  r.total_exact = true;
  CHECK_FALSE(Json::parse(searchd::search_result_json(r)).contains("total_bounds"));
}

TEST_CASE_METHOD(Fixture, "http: search answers the documented shape", "[http]") {
  TestServer s(test_config(db));
  auto res = s.get("/api/v1/search?q=fraud&facets=issuer,topic,year,month&histogram=year");
  REQUIRE(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == "application/json; charset=utf-8");
  CHECK(res->get_header_value("X-Request-Id").size() == 16);
  auto j = json_of(res);
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"total", "total_exact", "page", "per_page", "hits",
                                         "facets", "facets_exact", "histogram", "query", "took_ms",
                                         "index"});
  Xapian::doccount expected = 0;
  for (const auto& r : records)
    expected += r["title"].get<std::string>().find("fraud") != std::string::npos ||
                        r["body"].get<std::string>().find("fraud") != std::string::npos
                    ? 1
                    : 0;
  CHECK(j["total"] == expected);
  CHECK(j["total_exact"] == true);
  CHECK(j["page"] == 1);
  CHECK(j["per_page"] == 20);
  REQUIRE(!j["hits"].empty());
  const Json& hit = j["hits"][0];
  std::vector<std::string> hit_keys;
  for (auto it = hit.begin(); it != hit.end(); ++it) hit_keys.push_back(it.key());
  CHECK(hit_keys == std::vector<std::string>{"id", "title", "date", "issuers", "topics", "url",
                                             "score", "rank", "snippet"});
  CHECK(hit["rank"] == 1);
  CHECK(hit["score"].get<double>() > 0);
  CHECK_THAT(hit["snippet"].get<std::string>(), Catch::Contains("<mark>fraud</mark>"));
  CHECK(j["facets"].contains("month"));
  CHECK(j["facets"]["issuer"][0].contains("value"));
  CHECK(j["histogram"]["interval"] == "year");
  CHECK(j["histogram"]["buckets"][0].contains("key"));
  CHECK(j["query"]["q"] == "fraud");
  CHECK(j["query"]["parsed"] == "Query(Zfraud@1)");
  CHECK(j["took_ms"].is_number());
  CHECK(j["index"]["uuid"].get<std::string>().size() == 36);
  CHECK(j["index"]["revision"].get<int>() >= 1);
  CHECK_FALSE(j.contains("warning"));

  // Filters over HTTP, counted from the records.
  res = s.get("/api/v1/search?issuer=" + enc("Tax Division") +
              "&issuer=" + enc("Antitrust Division") + "&topic=Tax&facet_size=1000");
  j = json_of(res);
  expected = 0;
  std::map<std::string, int> topic_counts;
  for (const auto& r : records) {
    bool issuer = false, topic = false;
    for (const auto& i : r["issuers"])
      issuer = issuer || i == "Tax Division" || i == "Antitrust Division";
    for (const auto& t : r["topics"]) topic = topic || t == "Tax";
    if (issuer && topic) {
      ++expected;
      for (const auto& t : r["topics"]) ++topic_counts[t.get<std::string>()];
    }
  }
  REQUIRE(expected > 0);
  CHECK(j["total"] == expected);
  std::map<std::string, int> got;
  for (const auto& f : j["facets"]["topic"])
    got[f["value"].get<std::string>()] = f["count"].get<int>();
  CHECK(got == topic_counts);

  // The client's request id is echoed.
  auto c = s.client();
  auto echoed = c.Get("/api/v1/search", httplib::Headers{{"X-Request-Id", "abc-123"}});
  REQUIRE(echoed);
  CHECK(echoed->get_header_value("X-Request-Id") == "abc-123");
  // HEAD answers the headers only.
  auto head = c.Head("/api/v1/search?q=fraud");
  REQUIRE(head);
  CHECK(head->status == 200);
  CHECK(head->body.empty());
}

TEST_CASE_METHOD(Fixture, "http: every client mistake gets the one error shape", "[http][errors]") {
  auto cfg = test_config(db);
  cfg.limits.max_query_bytes = 64;
  TestServer s(cfg);
  struct Case {
    std::string target;
    int status;
    const char* code;
    const char* field;
    const char* message;
  };
  const Case cases[] = {
      {"/api/v1/search?from=2015-13", 400, "invalid_argument", "from", "2015-13"},
      {"/api/v1/search?to=" + enc("31/02/2020"), 400, "invalid_argument", "to", "31/02/2020"},
      {"/api/v1/search?from=2016&to=2015", 400, "invalid_argument", "from", "is after to"},
      {"/api/v1/search?sort=date", 400, "invalid_argument", "sort", "relevance, newest, oldest"},
      {"/api/v1/search?q=x&pge=2", 400, "invalid_argument", "pge", "did you mean 'page'?"},
      {"/api/v1/search?per_page=101", 400, "invalid_argument", "per_page", "from 1 to 100"},
      {"/api/v1/search?per_page=0", 400, "invalid_argument", "per_page", "from 1 to 100"},
      {"/api/v1/search?page=99999999", 400, "invalid_argument", "page", "from 1 to"},
      {"/api/v1/search?page=6000", 400, "invalid_argument", "page", "/api/v1/export"},
      {"/api/v1/search?q=" + std::string(65, 'a'), 400, "invalid_argument", "q",
       "at most 64 bytes"},
      {"/api/v1/search?q=" + enc("date:2015..2015-13"), 400, "invalid_argument", "q", "date range"},
      {"/api/v1/search?facets=colour", 400, "invalid_argument", "facets", "colour"},
      {"/api/v1/export?format=xml", 400, "invalid_argument", "format", "ndjson, json, csv"},
      {"/api/v1/export?page=2", 400, "invalid_argument", "page", "does not apply to export"},
      {"/api/v1/feed?sort=oldest", 400, "invalid_argument", "sort", "does not apply to feed"},
      {"/api/v1/stats?verbose=1", 400, "invalid_argument", "verbose", "takes none"},
      {"/api/v1/documents/nope", 404, "not_found", "id", "nope"},
      {"/api/v1/documents/", 404, "not_found", "id", "no release"},
      {"/api/v1/serch?q=x", 404, "not_found", "", "no such endpoint: /api/v1/serch"},
      {"/api/v2/search", 404, "not_found", "", "no such endpoint"},
      {"/nothing-here.html", 404, "not_found", "", "no such endpoint"},  // no --web
  };
  for (const auto& c : cases) {
    INFO(c.target);
    auto res = s.get(c.target);
    auto e = error_of(res, c.status);
    CHECK(e["code"] == c.code);
    CHECK(e["field"] == c.field);
    CHECK_THAT(e["message"].get<std::string>(), Catch::Contains(c.message));
    // Nothing internal: no paths of the server, no library texts.
    CHECK_THAT(res->body, !Catch::Contains(dir.path().string()));
    CHECK_THAT(res->body, !Catch::Contains("Xapian"));
    CHECK_FALSE(res->get_header_value("X-Request-Id").empty());
  }

  auto c = s.client();
  auto post = c.Post("/api/v1/search", "q=fraud", "application/x-www-form-urlencoded");
  REQUIRE(post);
  auto e = error_of(post, 405);
  CHECK(e["code"] == "method_not_allowed");
  CHECK(post->get_header_value("Allow") == "GET, HEAD");
  // Without a body (no Content-Length) too.
  CHECK_THAT(raw_response(s.port(), "POST", "/api/v1/search"), Catch::StartsWith("HTTP/1.1 405"));
  CHECK_THAT(raw_response(s.port(), "OPTIONS", "/api/v1/search"),
             Catch::StartsWith("HTTP/1.1 405"));
  auto del = c.Delete("/api/v1/documents/r-001");
  REQUIRE(del);
  CHECK(error_of(del, 405)["code"] == "method_not_allowed");
  auto put = c.Put("/nowhere", "x", "text/plain");
  REQUIRE(put);
  CHECK(error_of(put, 404)["code"] == "not_found");

  // A URL longer than the HTTP layer accepts still gets the error shape.
  auto long_url = s.get("/api/v1/search?q=" + std::string(9000, 'a'));
  CHECK(error_of(long_url, 414)["code"] == "uri_too_long");

  // Not mistakes: a page after the last result is empty, a query the parser rejects is read
  // leniently with a warning.
  auto past = json_of(s.get("/api/v1/search?page=40&per_page=20"));
  CHECK(past["hits"].empty());
  CHECK(past["total"] == records.size());
  auto lenient = s.get("/api/v1/search?q=" + enc("laundering AND"));
  REQUIRE(lenient->status == 200);
  auto lj = json_of(lenient);
  CHECK(lj["warning"] == "Query was read leniently as plain words: laundering");
  CHECK(lj["total"] == 1);
}

TEST_CASE_METHOD(Fixture, "http: snippets are escaped HTML with marked words", "[http]") {
  TestServer s(test_config(db));
  auto j = json_of(s.get("/api/v1/search?q=laundering"));
  REQUIRE(j["hits"].size() == 1);
  std::string snippet = j["hits"][0]["snippet"];
  CHECK_THAT(snippet, Catch::Contains("&lt;script&gt;"));
  CHECK_THAT(snippet, Catch::Contains("<mark>laundering</mark>"));
  CHECK_THAT(snippet, !Catch::Contains("<script"));
}

TEST_CASE_METHOD(Fixture, "http: documents by URL-encoded id", "[http]") {
  TestServer s(test_config(db));
  auto res = s.get("/api/v1/documents/" + enc("doc/with space?&"));
  REQUIRE(res->status == 200);
  auto j = json_of(res);
  CHECK(j["id"] == "doc/with space?&");
  CHECK(j["title"] == "An odd identifier");
  auto r1 = json_of(s.get("/api/v1/documents/r-001"));
  CHECK(r1["id"] == "r-001");
  CHECK(r1["date"] == "2015-06-08T10:00:00-04:00");  // the canonical record as stored
  CHECK(r1["source"] == "sample");
}

TEST_CASE_METHOD(Fixture, "http: exports in three formats, with manifests", "[http][export]") {
  TestServer s(test_config(db));
  const std::string filters = "q=" + enc("statement OR case") + "&sort=oldest";
  auto manifest = json_of(s.get("/api/v1/export/manifest?" + filters));
  const Xapian::doccount count = manifest["count"];
  REQUIRE(count > 20);
  CHECK(manifest["query"] == "statement OR case");
  CHECK(manifest["parsed_query"] == "Query((Zstatement@1 OR Zcase@2))");
  CHECK(manifest["sort"] == "oldest");
  CHECK(manifest["version"] == PRESSROOM_VERSION);
  CHECK(manifest["index"]["uuid"].get<std::string>().size() == 36);
  CHECK(manifest["generated_at"].get<std::string>().back() == 'Z');

  // ndjson: headers carry the manifest.
  auto nd = s.get("/api/v1/export?" + filters);
  REQUIRE(nd->status == 200);
  CHECK(nd->get_header_value("Content-Type") == "application/x-ndjson; charset=utf-8");
  CHECK(nd->get_header_value("X-Pressroom-Count") == std::to_string(count));
  CHECK(nd->get_header_value("X-Pressroom-Ids-Sha256") == manifest["ids_sha256"]);
  CHECK(nd->get_header_value("X-Pressroom-Index-Uuid") == manifest["index"]["uuid"]);
  CHECK(nd->get_header_value("X-Pressroom-Index-Revision") ==
        std::to_string(manifest["index"]["revision"].get<int>()));
  CHECK_THAT(
      raw_response(s.port(), "HEAD", "/api/v1/export?" + filters),
      Catch::Contains("\r\nX-Pressroom-Manifest-Url: /api/v1/export/manifest?" + filters + "\r\n"));
  auto rows = lines(nd->body);
  REQUIRE(rows.size() == count);
  std::string ids;
  for (const auto& row : rows) ids += Json::parse(row)["id"].get<std::string>() + "\n";
  CHECK(sha256_hex(ids) == manifest["ids_sha256"]);
  // The manifest URL of the export reproduces the manifest.
  auto again = json_of(s.get(nd->get_header_value("X-Pressroom-Manifest-Url")));
  CHECK(again["ids_sha256"] == manifest["ids_sha256"]);

  // csv
  auto csv = s.get("/api/v1/export?" + filters + "&format=csv&fields=id,issuers");
  REQUIRE(csv->status == 200);
  CHECK(csv->get_header_value("Content-Type") == "text/csv; charset=utf-8; header=present");
  CHECK(csv->get_header_value("X-Pressroom-Ids-Sha256") == manifest["ids_sha256"]);
  CHECK(csv->body.rfind("id,issuers\r\n", 0) == 0);
  CHECK(std::count(csv->body.begin(), csv->body.end(), '\n') == static_cast<long>(count) + 1);
  CHECK_THAT(csv->body, Catch::Contains("\"USAO - Florida, Southern\""));

  // json embeds the manifest
  auto js = json_of(s.get("/api/v1/export?" + filters + "&format=json"));
  CHECK(js["manifest"]["ids_sha256"] == manifest["ids_sha256"]);
  CHECK(js["manifest"]["format"] == "json");
  REQUIRE(js["records"].size() == count);
  CHECK(js["records"][0]["id"] == Json::parse(rows[0])["id"]);
}

TEST_CASE_METHOD(Fixture, "http: concurrent exports are limited", "[http][export][concurrency]") {
  // Enough data that a client which does not read keeps its export open.
  const std::vector<Json> many = bulk_records(3000);
  index_records(db, many);
  auto cfg = test_config(db);
  cfg.max_concurrent_exports = 1;
  TestServer s(cfg);

  int fd = connect_to(s.port(), 4096);  // a reader that reads nothing blocks the server's writes
  const std::string request = "GET /api/v1/export HTTP/1.1\r\nHost: test\r\n\r\n";
  REQUIRE(::write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size()));
  char buf[256];
  REQUIRE(::read(fd, buf, sizeof buf) > 0);  // the export has started streaming

  auto busy = s.get("/api/v1/export?format=csv");
  auto e = error_of(busy, 429);
  CHECK(e["code"] == "too_many_requests");
  // Searches are not affected.
  CHECK(s.get("/api/v1/search?q=bulk")->status == 200);

  ::close(fd);  // the reader goes away: the export is aborted and its slot freed
  int status = 0;
  for (int i = 0; i < 100 && status != 200; ++i) {
    auto res = s.client().Get("/api/v1/export?q=nothingmatchesthis");
    status = res ? res->status : 0;
    if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(status == 200);
}

// Whether a raw HTTP/1.1 response holds exactly the Content-Length bytes its head announces.
bool body_is_whole(const std::string& response) {
  const size_t head_end = response.find("\r\n\r\n");
  const size_t at = response.find("\r\nContent-Length: ");
  if (head_end == std::string::npos || at == std::string::npos || at > head_end) return false;
  const auto length = std::stoull(response.substr(at + 18));
  return response.size() - (head_end + 4) == length;
}

TEST_CASE_METHOD(Fixture,
                 "http: a slow download outlives commits: exports are spooled, whole and sized",
                 "[http][export][concurrency]") {
  const std::vector<Json> many = bulk_records(3000);
  index_records(db, many);
  TestServer s(test_config(db));
  const auto expected = s.get("/api/v1/export/manifest");
  const auto manifest = json_of(expected);

  int fd = connect_to(s.port(), 4096);  // reads a little, then stalls while the writer commits
  const std::string request =
      "GET /api/v1/export HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n";
  REQUIRE(::write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size()));
  std::string response;
  char buf[65536];
  ssize_t n = ::read(fd, buf, 512);
  REQUIRE(n > 0);
  response.append(buf, static_cast<size_t>(n));
  // Xapian drops the revision a reader holds once the writer has committed twice more: an export
  // read straight from the index would be cut off here.
  for (int round = 0; round < 3; ++round) {
    auto changed = many;
    for (auto& r : changed) r["title"] = "rewritten " + std::to_string(round);
    index_records(db, changed);
  }
  while ((n = ::read(fd, buf, sizeof buf)) > 0) response.append(buf, static_cast<size_t>(n));
  ::close(fd);
  REQUIRE_THAT(response, Catch::StartsWith("HTTP/1.1 200"));
  CHECK(body_is_whole(response));
  CHECK_THAT(response, !Catch::Contains("Transfer-Encoding: chunked"));
  CHECK_THAT(response, Catch::Contains("\r\nX-Pressroom-Ids-Sha256: " +
                                       manifest["ids_sha256"].get<std::string>() + "\r\n"));
  const std::string body = response.substr(response.find("\r\n\r\n") + 4);
  std::string ids;
  for (const auto& row : lines(body)) ids += Json::parse(row)["id"].get<std::string>() + "\n";
  CHECK(sha256_hex(ids) == manifest["ids_sha256"]);
  CHECK(body.find("rewritten") == std::string::npos);  // the snapshot of the request, whole

  // A Range request gets the whole (newer) export with 200: resuming an older download at an
  // offset of a newer export would tear the file.
  httplib::Headers range{{"Range", "bytes=100-"}};
  auto ranged = s.client().Get("/api/v1/export", range);
  REQUIRE(ranged);
  CHECK(ranged->status == 200);
  CHECK(lines(ranged->body).size() == 3000 + records.size());
  CHECK(ranged->body.find("rewritten 2") != std::string::npos);
  // An empty export is an empty, sized body.
  auto none = s.get("/api/v1/export?q=nothingmatchesthis");
  CHECK(none->status == 200);
  CHECK(none->body.empty());
  CHECK(none->get_header_value("Content-Length") == "0");
}

TEST_CASE_METHOD(Fixture, "http: stopping drains: requests in flight finish, new ones get 503",
                 "[http][export][concurrency]") {
  const std::vector<Json> many = bulk_records(3000);
  index_records(db, many);
  TestServer s(test_config(db));
  int fd = connect_to(s.port(), 4096);
  const std::string request =
      "GET /api/v1/export HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n";
  REQUIRE(::write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size()));
  std::string response;
  char buf[65536];
  ssize_t n = ::read(fd, buf, sizeof buf);
  REQUIRE(n > 0);
  response.append(buf, static_cast<size_t>(n));

  s.stop_async();  // blocks in the drain while the export is unfinished
  int status = 0;
  for (int i = 0; i < 100 && status != 503; ++i) {
    auto res = s.client().Get("/api/v1/search?q=bulk");
    status = res ? res->status : 0;
    if (status == 503) CHECK(json_of(res)["error"]["code"] == "unavailable");
    if (status != 503) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(status == 503);

  while ((n = ::read(fd, buf, sizeof buf)) > 0) response.append(buf, static_cast<size_t>(n));
  ::close(fd);
  // The export in flight was finished: its whole Content-Length arrived.
  CHECK_THAT(response, Catch::StartsWith("HTTP/1.1 200"));
  CHECK(body_is_whole(response));
  CHECK(static_cast<size_t>(std::count(response.begin(), response.end(), '\n')) >=
        3000 + records.size());
  s.stop();
  CHECK_FALSE(s.client().Get("/healthz"));  // no longer listening
}

TEST_CASE_METHOD(Fixture, "http: the Atom feed is valid and newest first", "[http][feed]") {
  TestServer s(test_config(db));
  const std::string target = "/api/v1/feed?issuer=" + enc("Criminal Division");
  auto res = s.get(target);
  REQUIRE(res->status == 200);
  CHECK(res->get_header_value("Content-Type") == "application/atom+xml; charset=utf-8");
  XmlDoc x(res->body);
  REQUIRE(x.doc != nullptr);
  xmlNodePtr root = xmlDocGetRootElement(x.doc);
  REQUIRE(root != nullptr);
  CHECK(std::string(reinterpret_cast<const char*>(root->name)) == "feed");
  REQUIRE(root->ns != nullptr);
  CHECK(std::string(reinterpret_cast<const char*>(root->ns->href)) ==
        "http://www.w3.org/2005/Atom");
  // RFC 4287 requirements: feed id, title, updated; an author; entries with id, title, updated.
  CHECK(x.all("/a:feed/a:id").size() == 1);
  CHECK(x.all("/a:feed/a:title").size() == 1);
  CHECK(x.all("/a:feed/a:updated").size() == 1);
  CHECK(x.all("/a:feed/a:author/a:name").size() == 1);
  auto self = x.all("/a:feed/a:link[@rel='self']/@href");
  REQUIRE(self.size() == 1);
  CHECK(self[0] == "http://127.0.0.1:" + std::to_string(s.port()) + target);

  size_t expected = 0;
  for (const auto& r : records)
    for (const auto& i : r["issuers"]) expected += i == "Criminal Division" ? 1 : 0;
  auto ids = x.all("/a:feed/a:entry/a:id");
  CHECK(ids.size() == std::min<size_t>(expected, 50));
  CHECK(x.all("/a:feed/a:entry/a:title").size() == ids.size());
  CHECK(x.all("/a:feed/a:entry/a:link[@rel='alternate']").size() == ids.size());
  auto updated = x.all("/a:feed/a:entry/a:updated");
  REQUIRE(updated.size() == ids.size());
  for (size_t i = 1; i < updated.size(); ++i)
    CHECK(updated[i - 1].substr(0, 10) >= updated[i].substr(0, 10));
  for (const auto& u : updated) CHECK(u.size() >= 20);  // full RFC 3339 date-times
  CHECK(x.all("/a:feed/a:updated")[0] == updated[0]);
  // The summary is HTML text: markup in the body arrives escaped, the feed stays well-formed.
  auto script = XmlDoc(s.get("/api/v1/feed?q=laundering")->body).all("/a:feed/a:entry/a:summary");
  REQUIRE(script.size() == 1);
  CHECK_THAT(script[0], Catch::Contains("&lt;script&gt;"));
  // An undated release gets the feed time, not an invalid date.
  auto undated = XmlDoc(s.get("/api/v1/feed?q=delivery")->body).all("/a:feed/a:entry/a:updated");
  REQUIRE(undated.size() == 1);
  CHECK(undated[0].back() == 'Z');
}

TEST_CASE_METHOD(Fixture, "http: stats, healthz and metrics", "[http]") {
  TestServer s(test_config(db));
  auto stats = json_of(s.get("/api/v1/stats"));
  CHECK(stats["documents"] == records.size());
  CHECK(stats["date_range"]["min"] == "2014-01-01");
  std::set<std::string> issuers, topics;
  std::string max_date;
  for (const auto& r : records) {
    for (const auto& i : r["issuers"]) issuers.insert(i.get<std::string>());
    for (const auto& t : r["topics"]) topics.insert(t.get<std::string>());
    if (r.contains("date"))
      max_date = std::max(max_date, r["date"].get<std::string>().substr(0, 10));
  }
  CHECK(stats["date_range"]["max"] == max_date);
  CHECK(stats["issuers"] == issuers.size());
  CHECK(stats["topics"] == topics.size());
  CHECK(stats["schema_version"] == pressroom::schema::kSchemaVersion);
  CHECK(stats["index"]["revision"] >= 1);

  auto health = json_of(s.get("/healthz"));
  CHECK(health["status"] == "ok");
  CHECK(health["documents"] == records.size());

  s.get("/api/v1/search?q=fraud");
  s.get("/api/v1/search?sort=bad");
  // A request is counted once its body was sent, just after the client got it: wait for that.
  std::string m, type;
  for (int i = 0; i < 100; ++i) {
    auto metrics = s.get("/metrics");
    REQUIRE(metrics->status == 200);
    m = metrics->body;
    type = metrics->get_header_value("Content-Type");
    if (m.find("pressroom_http_request_duration_seconds_count{endpoint=\"search\"} 2") !=
        std::string::npos)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK_THAT(type, Catch::StartsWith("text/plain; version=0.0.4"));
  CHECK_THAT(m, Catch::Contains("# TYPE pressroom_http_requests_total counter"));
  CHECK_THAT(
      m, Catch::Contains("pressroom_http_requests_total{endpoint=\"search\",status=\"200\"} 1"));
  CHECK_THAT(
      m, Catch::Contains("pressroom_http_requests_total{endpoint=\"search\",status=\"400\"} 1"));
  CHECK_THAT(m,
             Catch::Contains("pressroom_http_requests_total{endpoint=\"stats\",status=\"200\"} 1"));
  CHECK_THAT(m, Catch::Contains("# TYPE pressroom_http_request_duration_seconds histogram"));
  CHECK_THAT(
      m, Catch::Contains(
             "pressroom_http_request_duration_seconds_bucket{endpoint=\"search\",le=\"+Inf\"} 2"));
  CHECK_THAT(
      m, Catch::Contains("pressroom_http_request_duration_seconds_count{endpoint=\"search\"} 2"));
  CHECK_THAT(m, Catch::Contains("pressroom_documents " + std::to_string(records.size())));
}

TEST_CASE_METHOD(Fixture, "http: static files from --web and nothing outside it",
                 "[http][static]") {
  fs::path web = dir / "web";
  write_file(web / "index.html", "<!doctype html><title>Pressroom</title>");
  write_file(web / "js" / "app.js", "console.log(1);");
  write_file(web / "app.css", "body{}");
  write_file(web / "favicon.svg", "<svg/>");
  write_file(web / ".secret", "hidden");
  write_file(dir / "outside.txt", "secret outside");
  fs::create_symlink(dir / "outside.txt", web / "escape.txt");
  fs::create_symlink(web / "app.css", web / "alias.css");
  TestServer s(test_config(db, web));

  struct Ok {
    const char* path;
    const char* type;
    const char* body;
  };
  for (const Ok& c :
       {Ok{"/", "text/html; charset=utf-8", "<!doctype html><title>Pressroom</title>"},
        Ok{"/index.html", "text/html; charset=utf-8", "<!doctype html><title>Pressroom</title>"},
        Ok{"/js/app.js", "text/javascript; charset=utf-8", "console.log(1);"},
        Ok{"/app.css", "text/css; charset=utf-8", "body{}"},
        Ok{"/favicon.svg", "image/svg+xml", "<svg/>"},
        Ok{"/alias.css", "text/css; charset=utf-8", "body{}"}}) {
    INFO(c.path);
    auto res = s.get(c.path);
    CHECK(res->status == 200);
    CHECK(res->get_header_value("Content-Type") == c.type);
    CHECK(res->body == c.body);
  }
  for (const char* bad : {"/../outside.txt", "/%2e%2e/outside.txt", "/js/..%2f..%2foutside.txt",
                          "/escape.txt", "/.secret", "/js/../../outside.txt", "/missing.html",
                          "/js/%00app.js", "/js\\..\\..\\outside.txt"}) {
    INFO(bad);
    auto c = s.client();
    auto res = c.Get(bad);
    if (!res) continue;  // refused at the HTTP layer: fine too
    CHECK((res->status == 404 || res->status == 400));
    CHECK_THAT(res->body, !Catch::Contains("hidden") && !Catch::Contains("secret outside"));
  }
  // /api paths never fall through to files.
  CHECK(error_of(s.get("/api/v1/nothing"), 404)["code"] == "not_found");
  CHECK(error_of(s.client().Post("/index.html", "", "text/plain"), 405)["code"] ==
        "method_not_allowed");
}

TEST_CASE_METHOD(Fixture, "http: a commit made while the server runs shows in the next search",
                 "[http][live][concurrency]") {
  TestServer s(test_config(db));
  const std::string front = "/api/v1/search?facets=issuer&facet_size=1000&histogram=year";
  auto issuers_of = [&](const Json& j) {
    std::map<std::string, int> m;
    for (const auto& f : j["facets"]["issuer"]) m[f["value"]] = f["count"];
    return m;
  };
  auto front_before = json_of(s.get(front));
  CHECK(issuers_of(json_of(s.get(front))) == issuers_of(front_before));  // the cached answer
  CHECK(issuers_of(front_before).count("Zeppelin Office") == 0);
  auto before = json_of(s.get("/api/v1/search?q=zeppelin"));
  CHECK(before["total"] == 0);
  const auto revision = before["index"]["revision"].get<int>();
  index_records(db, {Json{{"id", "live-1"},
                          {"title", "Zeppelin sighting"},
                          {"body", "A zeppelin over the harbour."},
                          {"issuers", {"Tax Division", "Zeppelin Office"}},
                          {"date", "2018-01-02"}}});
  auto after = json_of(s.get("/api/v1/search?q=zeppelin"));
  CHECK(after["total"] == 1);
  CHECK(after["hits"][0]["id"] == "live-1");
  CHECK(after["index"]["revision"].get<int>() > revision);
  CHECK(json_of(s.get("/api/v1/stats"))["documents"] == records.size() + 1);
  CHECK(s.get("/api/v1/documents/live-1")->status == 200);
  // The facets of the front page follow the new revision.
  auto front_after = json_of(s.get(front));
  CHECK(front_after["total"] == records.size() + 1);
  auto issuers = issuers_of(front_after);
  CHECK(issuers["Zeppelin Office"] == 1);
  CHECK(issuers["Tax Division"] == issuers_of(front_before)["Tax Division"] + 1);
  CHECK(front_after["histogram"]["buckets"].back()["key"] == "2018");
}

TEST_CASE_METHOD(Fixture, "http: searches stay right while the index is being rewritten",
                 "[http][live][concurrency]") {
  TestServer s(test_config(db));
  auto lower = [](std::string t) {
    for (auto& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return t;
  };
  int expected = 0;
  for (const auto& r : records)
    expected +=
        lower(r["title"].get<std::string>() + " " + r["body"].get<std::string>()).find("release") !=
                std::string::npos
            ? 1
            : 0;
  REQUIRE(json_of(s.get("/api/v1/search?q=release"))["total"] == expected);
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int round = 0; round < 15; ++round) {
      auto changed = records;
      for (auto& r : changed) r["url"] = "https://example.org/round/" + std::to_string(round);
      index_records(db, changed);
    }
    done = true;
  });
  std::atomic<int> answers{0}, failures{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t)
    readers.emplace_back([&] {
      auto c = s.client();
      while (!done) {
        auto res = c.Get("/api/v1/search?q=release&facets=issuer,topic");
        if (!res || res->status != 200 || Json::parse(res->body)["total"] != expected) ++failures;
        ++answers;
      }
    });
  writer.join();
  for (auto& r : readers) r.join();
  CHECK(failures == 0);
  CHECK(answers > 0);
}

TEST_CASE("http: exception_text names what a handler threw, for the log", "[http][errors]") {
  using pressroom::searchd::exception_text;
  CHECK(exception_text(std::make_exception_ptr(std::runtime_error("disk on fire"))) ==
        "disk on fire");
  const std::string xapian =
      exception_text(std::make_exception_ptr(Xapian::DatabaseCorruptError("bad block 7")));
  CHECK(xapian.find("bad block 7") != std::string::npos);
  CHECK(exception_text(std::make_exception_ptr(42)) == "unknown exception");
  CHECK(exception_text(nullptr) == "unknown exception");
}
