#include "server.h"

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include <spdlog/spdlog.h>

#include "export_spool.h"
#include "json_reply.h"
#include "pressroom/database.h"
#include "request_context.h"
#include "routes.h"
#include "static_files.h"

namespace pressroom::searchd {

namespace {

using Clock = std::chrono::steady_clock;

std::string shown(const std::string& s, size_t max = 200) {
  return s.size() <= max ? s : s.substr(0, max) + "…";
}

Error internal_error(const std::string& request_id) {
  return make_error(
      ErrorCode::kInternal,
      "internal error; the server log has the details under request id " + request_id);
}

// Errors httplib answers itself, before any route runs.
Error transport_error(int status) {
  switch (status) {
    case 400:
      return make_error(ErrorCode::kInvalidArgument, "the HTTP request could not be read");
    case 404:
      return make_error(ErrorCode::kNotFound, "no such endpoint");
    case 413:
      return make_error(ErrorCode::kPayloadTooLarge, "the request body is too large");
    case 414:
      return make_error(ErrorCode::kUriTooLong, "the URL is too long");
    default:
      return make_error(ErrorCode::kInternal, "the request could not be answered");
  }
}

// A request head the connection guard gave up on.
Error head_error(HeadFailure f, const Config& c) {
  switch (f) {
    case HeadFailure::kTimeout:
      return make_error(ErrorCode::kRequestTimeout, "the request was not sent within " +
                                                        std::to_string(c.header_timeout) +
                                                        " s; send it at once");
    case HeadFailure::kLineTooLong:
      return make_error(ErrorCode::kUriTooLong, "the URL is too long");
    case HeadFailure::kTooLarge:
      return make_error(
          ErrorCode::kHeaderTooLarge,
          "the request headers are larger than " + std::to_string(c.max_header_bytes) + " bytes");
    case HeadFailure::kNone:
      break;
  }
  return transport_error(400);
}

std::chrono::microseconds to_us(double seconds) {
  return std::chrono::microseconds(static_cast<long long>(seconds * 1e6));
}

// What any response may carry: no MIME sniffing, no referrer to other sites, and for API
// answers a policy under which a JSON body opened as a page can do nothing.
void security_headers(httplib::Response& res) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
}

const char* kExposedHeaders =
    "X-Request-Id, Retry-After, Content-Disposition, X-Pressroom-Count, X-Pressroom-Ids-Sha256, "
    "X-Pressroom-Index-Uuid, X-Pressroom-Index-Revision, X-Pressroom-Index-Shards, "
    "X-Pressroom-Generated-At, X-Pressroom-Manifest-Url";

}  // namespace

Server::Server(Config config) : app_(std::move(config)) {
  configure_connections();
  install_routing();
  install_error_handlers();
}

void Server::configure_connections() {
  const Config& c = app_.config;
  // Every connection gets a light thread of its own (up to --max-connections); only a request's
  // handler takes one of the --threads search workers (dispatch()). See connections.h.
  const size_t max_connections = c.max_connections;
  const size_t keep_threads = c.threads;
  http_.new_task_queue = [max_connections, keep_threads] {
    return new ConnectionQueue(max_connections, keep_threads);
  };
  http_.set_read_timeout(to_us(c.read_timeout));
  http_.set_write_timeout(to_us(c.write_timeout));
  ConnectionLimits limits;
  limits.header_timeout =
      std::chrono::milliseconds(static_cast<long long>(c.header_timeout * 1000));
  limits.max_header_bytes = c.max_header_bytes;
  limits.keep_alive =
      std::chrono::milliseconds(static_cast<long long>(c.keep_alive_timeout * 1000));
  limits.max_per_client = c.max_connections_per_client;
  // A trusted proxy carries many clients on its connections: they are capped per forwarded
  // address at request level instead (within_client_cap()).
  limits.exempt = [this](const std::string& peer) { return is_trusted_proxy(peer); };
  http_.set_connection_limits(std::move(limits));
  http_.set_refusal_logger([this](Refusal why, const std::string& peer) {
    const bool total = why == Refusal::kTotal;
    app_.metrics.refuse(total ? "max_connections" : "per_client");
    spdlog::debug("- - connection from {} closed: {} connections are open", peer,
                  total ? "--max-connections" : "--max-connections-per-client of its address");
  });
  app_.open_connections = [this] { return http_.open_connections(); };
  http_.set_error_body([this](HeadFailure f) { return error_body(head_error(f, app_.config)); });
  http_.set_reject_logger([this](HeadFailure, int status, const std::string&) {
    app_.metrics.observe("invalid", status, 0);
    spdlog::info("- - {} rejected before the request was read", status);
  });
  http_.set_payload_max_length(size_t{64} * 1024);  // the API takes no bodies
  // Headers and body go out in separate writes: without TCP_NODELAY, Nagle's algorithm holds the
  // body until the client's delayed ACK (~40 ms) arrives.
  http_.set_tcp_nodelay(true);
}

void Server::install_routing() {
  http_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    begin_request(req, res);
    if (draining_) {
      send_error(res, make_error(ErrorCode::kUnavailable,
                                 "the server is shutting down; try again shortly"));
      return httplib::Server::HandlerResponse::Handled;
    }
    // A request with a body must have it read before the answer, or the rest of a kept-alive
    // connection would be garbage: httplib reads it, then routes to `other` below.
    const bool body = req.has_header("Content-Length") || req.has_header("Transfer-Encoding");
    if (req.method != "GET" && req.method != "HEAD" && body)
      return httplib::Server::HandlerResponse::Unhandled;
    dispatch(req, res);
    return httplib::Server::HandlerResponse::Handled;
  });
  const httplib::Server::Handler other = [this](const httplib::Request& req,
                                                httplib::Response& res) { dispatch(req, res); };
  http_.Post(".*", other);
  http_.Put(".*", other);
  http_.Patch(".*", other);
  http_.Delete(".*", other);
  http_.Options(".*", other);
}

void Server::install_error_handlers() {
  http_.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
        if (!current_request().active) {  // rejected by httplib before routing (400, 414, ...)
          begin_request(req, res);
          current_request().route = "invalid";
        }
        if (!res.body.empty())
          return httplib::Server::HandlerResponse::Unhandled;  // a handler's own error
        if (const HeadFailure f = current_head_failure(); f != HeadFailure::kNone) {
          send_error(res, head_error(f, app_.config));  // 408, 414 or 431 instead of httplib's 400
          res.set_header("Connection", "close");
          return httplib::Server::HandlerResponse::Handled;
        }
        const int status = res.status;
        send_error(res, transport_error(status));
        res.status = status;
        return httplib::Server::HandlerResponse::Handled;
      }));
  http_.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, const std::exception_ptr& error) {
        // The text goes to the log only; the client gets the generic 500 body.
        spdlog::error("rid={} {} {}: unexpected exception: {}", current_request().id, req.method,
                      shown(req.path), exception_text(error));
        send_error(res, internal_error(current_request().id));
      });
  http_.set_logger(
      [this](const httplib::Request& req, const httplib::Response& res) { log_request(req, res); });
}

Server::~Server() = default;

void Server::begin_request(const httplib::Request& req, httplib::Response& res) {
  RequestContext& ctx = current_request();
  ctx = RequestContext{};
  ctx.active = true;
  ++in_flight_;
  ctx.start = Clock::now();
  ctx.id = request_id(req);
  res.set_header("X-Request-Id", ctx.id);
  security_headers(res);
}

bool Server::cors(const httplib::Request& req, httplib::Response& res) {
  const auto& allowed = app_.config.cors_origins;
  if (allowed.empty()) return false;
  res.set_header("Vary", "Origin");
  const std::string origin = req.get_header_value("Origin");
  if (origin.empty()) return false;
  const bool any = std::find(allowed.begin(), allowed.end(), "*") != allowed.end();
  const bool ok = any || std::find(allowed.begin(), allowed.end(), origin) != allowed.end();
  const bool preflight = req.method == "OPTIONS" && req.has_header("Access-Control-Request-Method");
  if (ok) {
    res.set_header("Access-Control-Allow-Origin", any ? "*" : origin);
    res.set_header("Access-Control-Expose-Headers", kExposedHeaders);
  }
  if (!preflight) return false;
  current_request().route = "preflight";
  if (!ok) {
    send_error(res, make_error(ErrorCode::kForbidden, "cross-origin requests from " +
                                                          shown(origin, 100) + " are not allowed"));
    return true;
  }
  res.status = 204;
  res.set_header("Access-Control-Allow-Methods", "GET, HEAD, POST");
  res.set_header("Access-Control-Allow-Headers", "Authorization, X-Request-Id");
  res.set_header("Access-Control-Max-Age", "600");
  return true;
}

bool Server::within_rate(const httplib::Request& req, httplib::Response& res) {
  if (!app_.rate_limiter.enabled()) return true;
  const std::string client = client_address(
      req.remote_addr, req.get_header_value("X-Forwarded-For"), app_.config.trusted_proxies);
  if (!app_.config.rate_limit_loopback && is_loopback(client)) return true;
  const double wait = app_.rate_limiter.take(client);
  if (wait <= 0) return true;
  const long long seconds = std::max(1LL, static_cast<long long>(std::ceil(wait)));
  res.set_header("Retry-After", std::to_string(seconds));
  send_error(res, make_error(ErrorCode::kTooManyRequests,
                             "too many requests from this address; try again in " +
                                 std::to_string(seconds) + " s"));
  return false;
}

bool Server::is_trusted_proxy(const std::string& peer) const {
  const auto& proxies = app_.config.trusted_proxies;
  return std::find(proxies.begin(), proxies.end(), peer) != proxies.end();
}

bool Server::within_client_cap(const httplib::Request& req, httplib::Response& res,
                               ClientSlots::Token& slot) {
  // Direct clients are capped per connection (HttpServer); only a trusted proxy's are counted here.
  const unsigned cap = app_.config.max_connections_per_client;
  if (cap == 0 || !is_trusted_proxy(req.remote_addr)) return true;
  const std::string forwarded = req.get_header_value("X-Forwarded-For");
  if (forwarded.empty()) return true;
  const std::string client =
      client_address(req.remote_addr, forwarded, app_.config.trusted_proxies);
  slot = app_.forwarded_clients.try_acquire(client, cap);
  if (slot) return true;
  app_.metrics.refuse("per_forwarded_client");
  res.set_header("Retry-After", "1");
  send_error(res, make_error(ErrorCode::kTooManyRequests,
                             "too many requests at once from this address (at most " +
                                 std::to_string(cap) + "); wait for an answer before the next"));
  return false;
}

bool Server::authorize(const Route& route, const httplib::Request& req, httplib::Response& res) {
  if (route.access == Access::kOpen) return true;
  if (route.access == Access::kRead && !app_.config.require_token) return true;
  const bool admin = route.access == Access::kAdmin;
  if (admin && app_.tokens.size() == 0) {
    send_error(res, make_error(ErrorCode::kForbidden,
                               "maintenance endpoints are disabled: no token is configured "
                               "(--token-file or PRESSROOM_TOKENS)"));
    return false;
  }
  const std::string header = req.get_header_value("Authorization");
  const auto presented = bearer_token(header);
  if (!presented) {
    res.set_header("WWW-Authenticate", "Bearer realm=\"pressroom\"");
    send_error(res, make_error(ErrorCode::kUnauthorized,
                               std::string(admin ? "this maintenance endpoint needs an admin token"
                                                 : "this server needs a token to read") +
                                   ": send the header Authorization: Bearer TOKEN"));
    return false;
  }
  const auto entry = app_.tokens.check(*presented);
  if (!entry) {
    spdlog::warn("rid={} {} {}: an unknown bearer token was presented by {}", current_request().id,
                 req.method, shown(req.path), req.remote_addr);
    res.set_header("WWW-Authenticate", "Bearer realm=\"pressroom\", error=\"invalid_token\"");
    send_error(res, make_error(ErrorCode::kUnauthorized, "the bearer token is not valid"));
    return false;
  }
  current_request().token = entry->name;
  if (admin && entry->role != Role::kAdmin) {
    send_error(res, make_error(ErrorCode::kForbidden,
                               "the token '" + entry->name + "' may read but not run maintenance"));
    return false;
  }
  return true;
}

void Server::dispatch(const httplib::Request& req, httplib::Response& res) {
  RequestContext& ctx = current_request();
  const bool get = req.method == "GET" || req.method == "HEAD";
  auto method_not_allowed = [&](bool post) {
    res.set_header("Allow", post ? "POST" : "GET, HEAD");
    send_error(res, make_error(ErrorCode::kMethodNotAllowed, req.method + " is not allowed on " +
                                                                 shown(req.path) + "; use " +
                                                                 (post ? "POST" : "GET")));
  };
  if (cors(req, res)) return;
  if (!within_rate(req, res)) return;
  ClientSlots::Token client_slot;
  if (!within_client_cap(req, res, client_slot)) return;
  try {
    if (const Route* route = find_route(req.path)) {
      ctx.route = route->name;
      if (route->post ? req.method != "POST" : !get) return method_not_allowed(route->post);
      if (!authorize(*route, req, res)) return;
      const auto worker = app_.workers.acquire();  // only while the answer is computed
      route->handler(app_, req, res);
      return;
    }
    const bool api = req.path == "/api" || req.path.rfind("/api/", 0) == 0;
    if (!api && app_.web) {
      ctx.route = "static";
      if (!get) return method_not_allowed(false);
      const auto worker = app_.workers.acquire();
      if (app_.web->serve(req.path, res)) return;
      return send_error(res, make_error(ErrorCode::kNotFound, "no such file: " + shown(req.path)));
    }
    ctx.route = "not_found";
    send_error(res, make_error(ErrorCode::kNotFound, "no such endpoint: " + shown(req.path)));
  } catch (const Xapian::Error& e) {
    spdlog::error("rid={} {} {}: {}", ctx.id, req.method, shown(req.path), e.get_description());
    send_error(res, internal_error(ctx.id));
  } catch (const std::exception& e) {
    spdlog::error("rid={} {} {}: {}", ctx.id, req.method, shown(req.path), e.what());
    send_error(res, internal_error(ctx.id));
  }
}

std::string exception_text(const std::exception_ptr& error) {
  if (!error) return "unknown exception";
  try {
    std::rethrow_exception(error);
  } catch (const Xapian::Error& e) {
    return e.get_description();
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown exception";
  }
}

void Server::log_request(const httplib::Request& req, const httplib::Response& res) {
  RequestContext& ctx = current_request();
  const double seconds =
      ctx.active ? std::chrono::duration<double>(Clock::now() - ctx.start).count() : 0.0;
  app_.metrics.observe(ctx.active ? ctx.route : "invalid", res.status, seconds);
  spdlog::info("{} {} {} {:.1f}ms rid={} hits={}{}{}", req.method, shown(req.target), res.status,
               seconds * 1000.0, ctx.id.empty() ? "-" : ctx.id,
               ctx.hits >= 0 ? std::to_string(ctx.hits) : std::string("-"),
               ctx.token.empty() ? "" : " token=" + ctx.token, ctx.aborted ? " aborted" : "");
  if (ctx.active) --in_flight_;
  ctx.active = false;
}

Result<int> Server::bind() {
  const Config& c = app_.config;
  auto db = open_readonly(c.dbs);
  if (!db) return make_error(ErrorCode::kUnavailable, db.error().message);
  auto tokens = app_.tokens.load(c.token_file, c.env_tokens);
  if (!tokens) return tokens.error();
  if (c.require_token && tokens.value() == 0)
    return make_error(ErrorCode::kInvalidArgument,
                      "--require-token needs at least one token (--token-file or PRESSROOM_TOKENS)",
                      "require-token");
  if (auto spool = SpoolFile::create(c.export_spool_dir); !spool)
    return make_error(ErrorCode::kInvalidArgument,
                      "exports need a writable folder: " + spool.error().message,
                      "export-spool-dir");
  if (!c.web.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(c.web, ec))
      return make_error(ErrorCode::kInvalidArgument, "--web " + c.web + " is not a folder", "web");
    app_.web.emplace(c.web);
  }
  int port = c.port;
  if (port == 0)
    port = http_.bind_to_any_port(c.host);
  else if (!http_.bind_to_port(c.host, port))
    port = -1;
  if (port <= 0)
    return make_error(ErrorCode::kBindFailed,
                      "cannot listen on " + c.host + ":" + std::to_string(c.port) +
                          " (address in use, or not an address of this host?)");
  port_ = port;
  // Room for a burst as large as the connection cap (the kernel bounds it by somaxconn).
  if (!http_.set_backlog(static_cast<int>(std::min(c.max_connections, 65535U))))
    spdlog::warn("could not lengthen the accept queue; bursts of connections may wait");
  const std::string host = c.host.find(':') != std::string::npos ? "[" + c.host + "]" : c.host;
  app_.local_url = "http://" + host + ":" + std::to_string(port);
  return port;
}

void Server::run() {
  running_ = true;
  if (!stopping_) http_.listen_after_bind();
  running_ = false;
}

void Server::stop() {
  if (stopping_.exchange(true)) return;
  // Requests count themselves in before they check draining_, so once in_flight_ reads 0 here no
  // request can still start a stream.
  draining_ = true;
  const auto deadline = Clock::now() + std::chrono::duration<double>(app_.config.shutdown_timeout);
  while (in_flight_ > 0 && Clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (in_flight_ > 0)
    spdlog::warn("{} request(s) still running after {} s: cutting them off", in_flight_.load(),
                 app_.config.shutdown_timeout);
  // run() may be between its check of stopping_ and listening: wait until httplib listens, so
  // its stop() is not lost.
  while (running_ && !http_.is_running()) std::this_thread::yield();
  http_.stop();
}

int run_until_signal(Server& server) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::atomic<bool> finished{false};
  std::thread waiter([&] {
    int received = 0;
    for (;;) {
      int sig = 0;
      if (sigwait(&signals, &sig) != 0) continue;
      if (finished) return;
      if (++received == 1) {
        spdlog::info("received {}: finishing the requests in flight, then stopping",
                     sig == SIGINT ? "SIGINT" : "SIGTERM");
        server.stop();
      } else {
        spdlog::warn("second signal: exiting now");
        std::_Exit(1);
      }
    }
  });
  server.run();
  finished = true;
  // Wakes the signal-waiting thread from sigwait (SIGTERM is blocked in every thread and only
  // that one waits for it): it sees `finished` and returns; no thread is terminated.
  pthread_kill(waiter.native_handle(), SIGTERM);  // NOLINT(bugprone-bad-signal-to-kill-thread)
  waiter.join();
  spdlog::info("stopped");
  return 0;
}

}  // namespace pressroom::searchd
