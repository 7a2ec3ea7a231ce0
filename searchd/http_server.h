// httplib::Server with the connection guards cpp-httplib 0.11.4 lacks.
//
// httplib reads a request head line by line with a timeout per read() only: a client that
// trickles one byte every few seconds holds a worker thread for as long as it likes, and a
// request line or a run of headers without end is buffered in memory until the connection
// drops. HttpServer replaces httplib's per-connection loop (Server::process_and_close_socket,
// a private virtual) with the same keep-alive loop over its own socket stream, which adds
//   - a deadline for the whole request head, from its first byte (ConnectionLimits::
//     header_timeout): past it the client gets 408 and the connection is closed;
//   - a cap on the bytes of the head (request line and headers, max_header_bytes): past it the
//     client gets 414 (still in the request line) or 431, and the connection is closed.
//   - caps on open connections: at most max_per_client from one address (addresses for which
//     `exempt` says true, such as trusted reverse proxies, are not capped) and, through
//     ConnectionQueue (connections.h), at most --max-connections in all; a connection over a cap
//     is closed at once, unanswered, and reported to the refusal logger;
//   - an idle keep-alive connection waits at most keep_alive for its next request.
// Everything else (parsing, routing, writing responses) is httplib's own process_request().
// Reads and writes poll with httplib's read/write timeouts; writes never raise SIGPIPE.
//
// Thread-safety: configure before listening; the worker threads then only read the settings.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>

#include <httplib.h>

#include "connections.h"

namespace pressroom::searchd {

struct ConnectionLimits {
  std::chrono::milliseconds header_timeout{10000};
  size_t max_header_bytes = size_t{32} * 1024;
  std::chrono::milliseconds keep_alive{5000};
  size_t max_per_client = 32;  // open connections per peer address; 0: no cap
  std::function<bool(const std::string& peer)> exempt;  // peers the per-address cap skips
};

// Why a connection was closed unanswered.
enum class Refusal {
  kTotal,      // --max-connections were open
  kPerClient,  // the peer address held --max-connections-per-client
};

// Why a request head was given up on.
enum class HeadFailure {
  kNone,
  kTimeout,      // not complete within header_timeout: 408
  kLineTooLong,  // request line past max_header_bytes: 414
  kTooLarge,     // request line and headers past max_header_bytes: 431
};

// The failure of the request head the calling worker thread is reading (kNone outside one): lets
// the error handler turn httplib's generic 400 into 408/431.
HeadFailure current_head_failure();

class HttpServer : public httplib::Server {
 public:
  // Called (on the worker thread) for a head given up on before httplib could answer it, after
  // HttpServer has answered it itself: for the access log and the metrics.
  using RejectLogger = std::function<void(HeadFailure, int status, const std::string& remote_addr)>;
  // Returns the JSON body for an error answered by HttpServer itself.
  using ErrorBody = std::function<std::string(HeadFailure)>;
  // Called for a connection closed by a cap (on the accepting or the connection's thread).
  using RefusalLogger = std::function<void(Refusal, const std::string& peer)>;

  void set_connection_limits(ConnectionLimits limits) { limits_ = std::move(limits); }
  void set_reject_logger(RejectLogger f) { reject_logger_ = std::move(f); }
  void set_error_body(ErrorBody f) { error_body_ = std::move(f); }
  void set_refusal_logger(RefusalLogger f) { refusal_logger_ = std::move(f); }

  // Re-listens on the bound socket with a longer accept queue: httplib listens with a backlog of
  // 5, so a burst of connections overflows it and the kernel drops SYNs (clients then retry
  // after a second or more). Call after binding. Returns false on failure.
  bool set_backlog(int backlog);

  // Connections open now (admitted, not yet closed).
  [[nodiscard]] size_t open_connections() const { return open_.load(); }

 private:
  bool process_and_close_socket(socket_t sock) override;
  bool serve(socket_t sock);
  void refuse(socket_t sock, Refusal why, const std::string& peer);

  ConnectionLimits limits_;
  RejectLogger reject_logger_;
  ErrorBody error_body_;
  RefusalLogger refusal_logger_;
  ClientSlots per_client_;
  std::atomic<size_t> open_{0};
};

// HTTP status of a head failure (408, 414, 431; 400 for kNone).
int status_for(HeadFailure f);

}  // namespace pressroom::searchd
