// Per-client rate limiting: one token bucket per client address.
//
// A client may make `burst` requests at once and `rate` per second on average; a request that
// finds its bucket empty is refused with the number of seconds until the next token, for the
// Retry-After header. At most kMaxClients buckets are kept: when the table is full, the buckets
// that have filled up again (clients idle for burst/rate seconds) are dropped, and if none has,
// every bucket is (a flood from many addresses then starts afresh rather than growing memory).
// Thread-safe (one mutex; the work under it is a hash lookup).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pressroom/thread_annotations.h"

namespace pressroom::searchd {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr size_t kMaxClients = 100000;

  // rate <= 0: no limit (take() always allows).
  RateLimiter(double rate, double burst);

  // Takes one token from the client's bucket. Returns 0 when the request may go ahead, else the
  // seconds (> 0) after which one token will be there.
  double take(const std::string& client, Clock::time_point now = Clock::now());

  [[nodiscard]] bool enabled() const { return rate_ > 0; }

 private:
  struct Bucket {
    double tokens;
    Clock::time_point last;
  };
  double rate_, burst_;
  Mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_ GUARDED_BY(mu_);
};

// Whether an address (as httplib gives it: "127.0.0.1", "::1", "::ffff:127.0.0.1") is loopback.
bool is_loopback(std::string_view address);

// The address requests are accounted to: the peer address, or, when the peer is one of the
// trusted proxies, the last address of its X-Forwarded-For header (the one the proxy added).
std::string client_address(const std::string& peer, const std::string& forwarded_for,
                           const std::vector<std::string>& trusted_proxies);

}  // namespace pressroom::searchd
