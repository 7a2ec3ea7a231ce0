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
// Everything else (parsing, routing, writing responses) is httplib's own process_request().
// Reads and writes poll with httplib's read/write timeouts; writes never raise SIGPIPE.
//
// Thread-safety: configure before listening; the worker threads then only read the settings.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include <httplib.h>

namespace pressroom::searchd {

struct ConnectionLimits {
  std::chrono::milliseconds header_timeout{10000};
  size_t max_header_bytes = 32 * 1024;
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

  void set_connection_limits(ConnectionLimits limits) { limits_ = limits; }
  void set_reject_logger(RejectLogger f) { reject_logger_ = std::move(f); }
  void set_error_body(ErrorBody f) { error_body_ = std::move(f); }

 private:
  bool process_and_close_socket(socket_t sock) override;

  ConnectionLimits limits_;
  RejectLogger reject_logger_;
  ErrorBody error_body_;
};

// HTTP status of a head failure (408, 414, 431; 400 for kNone).
int status_for(HeadFailure f);

}  // namespace pressroom::searchd
