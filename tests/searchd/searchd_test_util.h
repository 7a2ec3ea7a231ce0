// Helpers for the searchd tests: test indexes built with the core's DocumentBuilder (as
// pressroom-index would), the sample archive, and an in-process server on 127.0.0.1:0.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "config.h"
#include "server.h"

namespace pressroom::test {

using Json = nlohmann::ordered_json;

// Adds (or replaces, by id) records in the index at db, creating it, and commits: schema version
// and language via open_writable, max issuer/topic slots metadata as the indexer sets them.
// REQUIREs every record to be valid.
void index_records(const std::filesystem::path& db, const std::vector<Json>& records);

// The sample archive: 48 generated releases over 2014-2017 with 1-2 issuers and 0-2 topics,
// plus edge cases (boundary dates, year-only and month-only dates, an undated release, a body
// with HTML, an id with '/', spaces and '?').
std::vector<Json> sample_records();

// n releases "bulk-0".."bulk-<n-1>" titled `title`, each with a 2,000-character body (plus its
// number): enough bytes that a client which stops reading keeps an export open.
std::vector<Json> bulk_records(int n, const std::string& title = "bulk");

// Test settings: one database, port 0, small limits where a test needs them.
searchd::Config test_config(const std::filesystem::path& db, const std::filesystem::path& web = {});

// A searchd running in this process on its own thread; stopped and joined on destruction.
class TestServer {
 public:
  explicit TestServer(searchd::Config config);
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] httplib::Client client() const;
  // GET and parse a JSON body (REQUIREs a response).
  httplib::Result get(const std::string& target) const;
  void stop();
  // Starts Server::stop() (drain, then stop listening) on another thread; stop() joins it.
  void stop_async();

 private:
  std::unique_ptr<searchd::Server> server_;
  std::thread thread_;
  std::thread stopper_;
  int port_ = 0;
};

// Parses a response body as JSON (REQUIREs that it is JSON).
Json json_of(const httplib::Result& res);

// Rows of an RFC 4180 text (CRLF or LF line ends, quoted fields with commas, quotes, newlines).
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

// The DOJ archive of ../shared (doj_dir) as canonical records, from its two metadata CSVs (ids
// "doj-NNNNN" as corpus/mappings/doj-csv.toml makes them; no bodies: those are in the tarball).
std::vector<Json> doj_records(const std::filesystem::path& doj_dir);

// Percent-encodes a query parameter value.
std::string enc(const std::string& s);

// A raw TCP connection to 127.0.0.1:port, for requests httplib's client would not send (or would
// tidy up first). Closed on destruction.
class RawConnection {
 public:
  // receive_buffer > 0 shrinks the socket's receive buffer (a client that reads slowly).
  // source_ip, when given, is the local address to connect from (e.g. "127.0.0.2": another
  // client address on loopback).
  explicit RawConnection(int port, int receive_buffer = 0, const char* source_ip = nullptr);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  // Sends everything; false when the server closed the connection first.
  bool send(std::string_view bytes);
  // Reads until the server closes the connection or the timeout passes.
  std::string receive(std::chrono::milliseconds timeout = std::chrono::seconds(20));
  // Whether the server has closed the connection (waits up to timeout for it).
  bool closed_by_server(std::chrono::milliseconds timeout);
  [[nodiscard]] int fd() const { return fd_; }

 private:
  int fd_ = -1;
};

// Sends a request on a new connection and returns every byte of the answer.
std::string raw_exchange(int port, const std::string& request);

// The status code of a raw HTTP response ("HTTP/1.1 404 ..." -> 404), 0 when there is none.
int raw_status(const std::string& response);

// The body of a raw response (after the blank line; chunked bodies are not decoded).
std::string raw_body(const std::string& response);

// Resident memory of this process in KiB (VmRSS).
long resident_kib();

}  // namespace pressroom::test
