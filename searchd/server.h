// The pressroom-searchd HTTP server: cpp-httplib with a thread pool, the route table, static
// files, the access log (one spdlog line per request) and the metrics.
//
// Life cycle: construct, bind() (checks the index and the web folder, binds the socket), run()
// on one thread (blocks), stop() from any thread. Stopping drains first: requests that arrive
// get 503 "unavailable" while the ones in flight (streamed exports included) finish, for at most
// Config::shutdown_timeout; only then does httplib stop listening (its stop() would cut chunked
// streams short). Not copyable; destroy after run() has returned.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include <httplib.h>

#include "app.h"
#include "config.h"
#include "pressroom/result.h"

namespace pressroom::searchd {

class Server {
 public:
  explicit Server(Config config);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Opens the index once (schema check), checks the web folder, binds. Returns the port (the
  // actual one when the config asked for port 0). Errors: "unavailable" (index, message names
  // the path: it is for the operator), "invalid_argument" (web folder), "bind_failed".
  Result<int> bind();

  // Serves until stop(). Precondition: bind() succeeded.
  void run();

  // Drains (see above), then stops listening; run() returns. Blocks while draining.
  // Thread-safe; idempotent.
  void stop();

  [[nodiscard]] int port() const { return port_; }
  // "http://host:port" of the bound socket.
  [[nodiscard]] const std::string& url() const { return app_.local_url; }

 private:
  void dispatch(const httplib::Request& req, httplib::Response& res);
  void begin_request(const httplib::Request& req, httplib::Response& res);
  void log_request(const httplib::Request& req, const httplib::Response& res);

  App app_;
  httplib::Server http_;
  int port_ = -1;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> draining_{false};
  std::atomic<bool> running_{false};
  std::atomic<int> in_flight_{0};  // requests between begin_request() and log_request()
};

// Runs the server until SIGINT or SIGTERM, then stops it gracefully; a second signal exits at
// once. Blocks both signals in the calling thread first, so call it before any other thread
// exists (threads inherit the mask). Returns the exit code (0).
int run_until_signal(Server& server);

}  // namespace pressroom::searchd
