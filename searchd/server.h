// The pressroom-searchd HTTP server: cpp-httplib with a thread pool, the route table, static
// files, the access log (one spdlog line per request) and the metrics.
//
// Every request passes, in this order: the drain check (503 while stopping), security headers,
// CORS (preflight answered here), the per-client rate limit (429 with Retry-After), behind a
// trusted proxy the cap on requests in progress per forwarded client (429), the route's method
// (405) and access (401/403, see routes.h and auth.h), then its handler, which holds one of the
// --threads search workers while it runs (connections.h). Connections are capped in number (in
// all and per address) and guarded against slow and oversized request heads (http_server.h).
//
// Life cycle: construct, bind() (checks the index and the web folder, binds the socket), run()
// on one thread (blocks), stop() from any thread. Stopping drains first: requests that arrive
// get 503 "unavailable" while the ones in flight (streamed exports included) finish, for at most
// Config::shutdown_timeout; only then does httplib stop listening (its stop() would cut chunked
// streams short). Not copyable; destroy after run() has returned.
#pragma once

#include <atomic>
#include <exception>
#include <memory>
#include <string>

#include <httplib.h>

#include "app.h"
#include "config.h"
#include "http_server.h"
#include "pressroom/result.h"
#include "routes.h"

namespace pressroom::searchd {

class Server {
 public:
  explicit Server(Config config);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Opens the index once (schema check), loads the tokens, checks the web folder, binds. Returns
  // the port (the actual one when the config asked for port 0). Errors: "unavailable" (index or
  // token file; the message names the path: it is for the operator), "invalid_argument" (web
  // folder, a malformed token, --require-token without tokens), "bind_failed".
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
  // The constructor's steps: connection limits and timeouts; routing every method to
  // dispatch(); the error and exception handlers and the access log.
  void configure_connections();
  void install_routing();
  void install_error_handlers();
  void dispatch(const httplib::Request& req, httplib::Response& res);
  void begin_request(const httplib::Request& req, httplib::Response& res);
  void log_request(const httplib::Request& req, const httplib::Response& res);
  // CORS headers; true when the request was a preflight and has been answered.
  bool cors(const httplib::Request& req, httplib::Response& res);
  // True when the client may make this request now; else the 429 has been sent.
  bool within_rate(const httplib::Request& req, httplib::Response& res);
  // True unless the request came through a trusted proxy for a client that has
  // --max-connections-per-client requests in progress already; else the 429 has been sent. The
  // slot is held in `slot` until the request's handler is done.
  bool within_client_cap(const httplib::Request& req, httplib::Response& res,
                         ClientSlots::Token& slot);
  [[nodiscard]] bool is_trusted_proxy(const std::string& peer) const;
  // True when the route may be called with the request's token; else 401/403 has been sent.
  bool authorize(const Route& route, const httplib::Request& req, httplib::Response& res);

  App app_;
  HttpServer http_;
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

// The text of a caught exception, for the log: Xapian::Error's description (it is not a
// std::exception), std::exception::what(), or "unknown exception" (also for a null pointer).
std::string exception_text(const std::exception_ptr& error);

}  // namespace pressroom::searchd
