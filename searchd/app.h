// App: everything the request handlers share, built once per server.
// Thread-safety: every member is safe to use from the worker threads (see each class).
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "auth.h"
#include "config.h"
#include "connections.h"
#include "db_pool.h"
#include "metrics.h"
#include "pressroom/database.h"
#include "pressroom/facet_columns.h"
#include "pressroom/facets.h"
#include "pressroom/thread_annotations.h"
#include "rate_limit.h"
#include "static_files.h"

namespace pressroom::searchd {

// Bounds the number of exports streaming at once.
class ExportSlots {
 public:
  explicit ExportSlots(unsigned max) : max_(max) {}
  // A token held for the life of an export; nullptr when `max` exports are streaming already.
  std::shared_ptr<const void> try_acquire();
  [[nodiscard]] unsigned active() const { return active_.load(); }

 private:
  std::atomic<unsigned> active_{0};
  unsigned max_;
};

// compute_stats() walks every value of the facet slots: keep the answer per index state
// (state_key: every shard's uuid and revision).
class StatsCache {
 public:
  IndexStats get(const IndexHandle& index);
  void clear();

 private:
  Mutex mu_;
  std::string state_ GUARDED_BY(mu_);
  std::optional<IndexStats> cached_ GUARDED_BY(mu_);
};

// Facets and histogram of the unfiltered match set (every release) per index revision: the web
// UI's front page asks for them all the time, and counting them walks every document.
// Thread-safe; holds a few dozen entries at most and forgets them when the revision changes.
class FacetCache {
 public:
  struct Entry {
    std::vector<std::pair<FacetField, std::vector<FacetValue>>> facets;
    std::optional<Histogram> histogram;
  };
  std::optional<Entry> get(const std::string& index_state, const std::string& key);
  void put(const std::string& index_state, const std::string& key, Entry entry);
  void clear();

 private:
  static constexpr size_t kMaxEntries = 64;
  Mutex mu_;
  std::string index_state_ GUARDED_BY(mu_);  // uuid@revision the entries belong to
  std::map<std::string, Entry> entries_ GUARDED_BY(mu_);
};

struct App {
  explicit App(Config c)
      : config(std::move(c)),
        dbs(config.dbs),
        workers(config.threads),
        exports(config.max_concurrent_exports),
        rate_limiter(config.rate_limit, config.rate_burst) {}

  Config config;
  DatabasePool dbs;
  Metrics metrics;
  WorkerPool workers;             // --threads: held by a request while its handler computes
  ClientSlots forwarded_clients;  // requests in progress per X-Forwarded-For client of a proxy
  ExportSlots exports;
  StatsCache stats;
  FacetCache facets;
  FacetCache shares;  // histogram_normalize's denominators (histograms without words), per filter
  FacetColumnCache facet_columns;  // per index state, for facet counting (core facet_columns.h)
  TokenStore tokens;  // loaded by Server::bind(), reloaded by POST /api/v1/admin/reload
  RateLimiter rate_limiter;
  std::optional<StaticFiles> web;            // set when --web is given
  std::string local_url;                     // "http://host:port" once bound
  std::function<size_t()> open_connections;  // set by the Server, for /metrics
};

}  // namespace pressroom::searchd
