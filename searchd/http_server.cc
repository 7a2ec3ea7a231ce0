#include "http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

namespace pressroom::searchd {

namespace {

using Clock = std::chrono::steady_clock;

// poll() for one event, retried on EINTR. Returns >0 ready, 0 timeout, <0 error.
int wait_for(int fd, short events, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    pollfd p{fd, events, 0};
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    const int n = ::poll(&p, 1, static_cast<int>(std::max<long long>(0, left)));
    if (n < 0 && errno == EINTR) continue;
    if (n > 0 && (p.revents & (POLLERR | POLLNVAL))) return -1;
    return n;
  }
}

std::chrono::milliseconds to_ms(time_t sec, time_t usec) {
  return std::chrono::milliseconds(sec * 1000 + usec / 1000);
}

void address_of(int fd, bool peer, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  const int rc = peer ? ::getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len)
                      : ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  if (rc != 0) return;
  char buf[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
    ::inet_ntop(AF_INET, &a->sin_addr, buf, sizeof buf);
    port = ntohs(a->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
    ::inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof buf);
    port = ntohs(a->sin6_port);
  }
  ip = buf;
}

// A socket stream like httplib's own SocketStream (buffered reads, polled timeouts) that also
// watches the request head: where it ends (the first empty CRLF line), how long it takes and how
// many bytes it has.
class GuardedStream final : public httplib::Stream {
 public:
  GuardedStream(int fd, std::chrono::milliseconds read_timeout,
                std::chrono::milliseconds write_timeout, const ConnectionLimits& limits)
      : fd_(fd),
        read_timeout_(read_timeout),
        write_timeout_(write_timeout),
        max_head_(limits.max_header_bytes),
        head_deadline_(Clock::now() + limits.header_timeout) {}

  bool is_readable() const override {
    return pos_ < len_ || wait_for(fd_, POLLIN, read_wait()) > 0;
  }

  bool is_writable() const override { return wait_for(fd_, POLLOUT, write_timeout_) > 0; }

  ssize_t read(char* ptr, size_t size) override {
    if (failure_ != HeadFailure::kNone) return -1;
    if (pos_ == len_) {
      const auto wait = read_wait();
      const int ready = wait.count() > 0 ? wait_for(fd_, POLLIN, wait) : 0;
      if (ready <= 0) {
        // A head that stalls (for the read timeout or until its deadline) is given up on.
        if (!head_done_ && ready == 0) failure_ = HeadFailure::kTimeout;
        return -1;
      }
      ssize_t n;
      do n = ::recv(fd_, buf_.data(), buf_.size(), 0);
      while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      pos_ = 0;
      len_ = static_cast<size_t>(n);
    }
    size_t n = std::min(size, len_ - pos_);
    if (!head_done_) n = watch_head(n);
    if (n == 0) return -1;  // the head grew too large
    std::memcpy(ptr, buf_.data() + pos_, n);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    ssize_t n;
    do n = ::send(fd_, ptr, size, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    if (n > 0) written_ = true;
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    address_of(fd_, true, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    address_of(fd_, false, ip, port);
  }
  socket_t socket() const override { return fd_; }

  [[nodiscard]] HeadFailure failure() const { return failure_; }
  [[nodiscard]] bool written() const { return written_; }
  [[nodiscard]] bool started() const { return head_bytes_ > 0; }

 private:
  // While the head is incomplete a read waits at most until its deadline.
  [[nodiscard]] std::chrono::milliseconds read_wait() const {
    if (head_done_) return read_timeout_;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(head_deadline_ - Clock::now());
    return std::clamp(left, std::chrono::milliseconds(0), read_timeout_);
  }

  // Looks at the next n buffered bytes, which belong to the head: returns how many of them may
  // be handed out (all but those past the cap), noting where the head ends.
  size_t watch_head(size_t n) {
    for (size_t i = 0; i < n; ++i) {
      if (head_bytes_ >= max_head_) {
        failure_ = line_done_ ? HeadFailure::kTooLarge : HeadFailure::kLineTooLong;
        return 0;
      }
      ++head_bytes_;
      const char c = buf_[pos_ + i];
      // "\r\n\r\n" ends the head (httplib skips lines ending in a bare "\n").
      if (c == '\n') {
        line_done_ = true;
        if (state_ == 3) {
          head_done_ = true;
          return i + 1;
        }
        state_ = state_ == 1 ? 2 : 0;
      } else if (c == '\r') {
        state_ = state_ == 2 ? 3 : 1;
      } else {
        state_ = 0;
      }
    }
    return n;
  }

  int fd_;
  std::chrono::milliseconds read_timeout_, write_timeout_;
  size_t max_head_;
  Clock::time_point head_deadline_;
  std::array<char, 4096> buf_{};
  size_t pos_ = 0, len_ = 0;
  size_t head_bytes_ = 0;
  int state_ = 0;  // 1 after "\r", 2 after "\r\n", 3 after "\r\n\r"
  bool line_done_ = false, head_done_ = false, written_ = false;
  HeadFailure failure_ = HeadFailure::kNone;
};

thread_local const GuardedStream* t_stream = nullptr;

const char* reason(int status) {
  switch (status) {
    case 408:
      return "Request Timeout";
    case 414:
      return "URI Too Long";
    case 431:
      return "Request Header Fields Too Large";
  }
  return "Bad Request";
}

}  // namespace

HeadFailure current_head_failure() { return t_stream ? t_stream->failure() : HeadFailure::kNone; }

int status_for(HeadFailure f) {
  switch (f) {
    case HeadFailure::kTimeout:
      return 408;
    case HeadFailure::kLineTooLong:
      return 414;
    case HeadFailure::kTooLarge:
      return 431;
    case HeadFailure::kNone:
      break;
  }
  return 400;
}

bool HttpServer::set_backlog(int backlog) {
  const socket_t sock = svr_sock_;
  return sock != INVALID_SOCKET && ::listen(sock, backlog) == 0;
}

void HttpServer::refuse(socket_t sock, Refusal why, const std::string& peer) {
  // Closed unread: the client sees a reset or an end of stream at once, and nothing was queued.
  ::close(sock);
  if (refusal_logger_) refusal_logger_(why, peer);
}

bool HttpServer::process_and_close_socket(socket_t sock) {
  std::string peer;
  int port = 0;
  address_of(sock, true, peer, port);
  if (ConnectionQueue::refusing()) {
    refuse(sock, Refusal::kTotal, peer);
    return false;
  }
  ClientSlots::Token slot;
  if (limits_.max_per_client > 0 && !(limits_.exempt && limits_.exempt(peer))) {
    slot = per_client_.try_acquire(peer, limits_.max_per_client);
    if (!slot) {
      refuse(sock, Refusal::kPerClient, peer);
      return false;
    }
  }
  ++open_;
  const bool ret = serve(sock);
  --open_;
  return ret;
}

bool HttpServer::serve(socket_t sock) {
  // httplib's own loop (detail::process_server_socket), over a GuardedStream.
  const auto keep_alive = limits_.keep_alive;
  const auto read_timeout = to_ms(read_timeout_sec_, read_timeout_usec_);
  const auto write_timeout = to_ms(write_timeout_sec_, write_timeout_usec_);
  bool ret = false;
  for (size_t count = keep_alive_max_count_; count > 0 && svr_sock_ != INVALID_SOCKET; --count) {
    // Wait for the next request in short steps, so that stop() is noticed.
    const auto idle_until = Clock::now() + keep_alive;
    int ready = 0;
    while (ready == 0 && svr_sock_ != INVALID_SOCKET && Clock::now() < idle_until)
      ready = wait_for(sock, POLLIN, std::chrono::milliseconds(50));
    if (ready <= 0) break;

    GuardedStream strm(sock, read_timeout, write_timeout, limits_);
    t_stream = &strm;
    bool closed = false;
    ret = process_request(strm, count == 1, closed, nullptr);
    t_stream = nullptr;
    const HeadFailure failure = strm.failure();
    if (failure != HeadFailure::kNone) {
      if (!strm.written() && strm.started()) {
        // httplib gave up on the request line without answering: answer here.
        const int status = status_for(failure);
        const std::string body = error_body_ ? error_body_(failure) : std::string();
        const std::string head = "HTTP/1.1 " + std::to_string(status) + " " + reason(status) +
                                 "\r\nContent-Type: application/json; charset=utf-8"
                                 "\r\nContent-Length: " +
                                 std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
        strm.write(head.data(), head.size());
        strm.write(body.data(), body.size());
        if (reject_logger_) {
          std::string ip;
          int port = 0;
          strm.get_remote_ip_and_port(ip, port);
          reject_logger_(failure, status, ip);
        }
      }
      ret = false;
      break;  // the rest of the connection cannot be trusted to be a request
    }
    if (!ret || closed) break;
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ret;
}

}  // namespace pressroom::searchd
