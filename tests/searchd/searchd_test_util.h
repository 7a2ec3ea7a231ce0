// Helpers for the searchd tests: an in-process server on 127.0.0.1:0 and raw HTTP connections.
// The test indexes and the sample archive are in tests/support/test_index.h (shared with the core
// tests).
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
#include "test_index.h"

namespace pressroom::test {

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
