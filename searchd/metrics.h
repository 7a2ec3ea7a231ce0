// Prometheus metrics of the daemon: requests by endpoint and status, a latency histogram by
// endpoint, connections refused by the caps, and gauges given at render time. Thread-safe (one
// mutex; updates are tiny).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "pressroom/thread_annotations.h"

namespace pressroom::searchd {

class Metrics {
 public:
  // Records one answered request; seconds include streaming the body.
  void observe(std::string_view endpoint, int status, double seconds);

  // Records one connection (or, behind a proxy, one request) refused by a cap; reason is
  // "max_connections", "per_client" or "per_forwarded_client".
  void refuse(std::string_view reason);

  struct Gauges {
    long long documents = -1;  // -1: unknown (index unavailable)
    long long revision = -1;
    unsigned exports_in_progress = 0;
    size_t open_connections = 0;
    unsigned workers = 0, workers_busy = 0, waiting_for_worker = 0;
  };
  // The text exposition format (version 0.0.4).
  [[nodiscard]] std::string render(const Gauges& gauges) const;

  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5,   10.0};

 private:
  struct Latency {
    std::array<uint64_t, kBuckets.size()> le{};  // cumulative counts per bucket
    uint64_t count = 0;
    double sum = 0;
  };
  mutable Mutex mu_;
  std::map<std::pair<std::string, int>, uint64_t> requests_ GUARDED_BY(mu_);
  std::map<std::string, Latency> latency_ GUARDED_BY(mu_);
  std::map<std::string, uint64_t, std::less<>> refused_ GUARDED_BY(mu_);
};

}  // namespace pressroom::searchd
