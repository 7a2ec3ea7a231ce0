// Per-thread read-only database handles for the worker threads of searchd.
//
// Xapian objects are not thread-safe, so each worker thread gets its own Xapian::Database
// (combining every --db), opened on its first request and reopen()ed at the start of every later
// one, so a commit by pressroom-index shows on the next request without a restart.
// Thread-safety: acquire() and snapshot() may be called from any thread; the returned database
// belongs to the calling thread (acquire) or to the caller (snapshot).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "pressroom/result.h"

namespace pressroom::searchd {

class DatabasePool {
 public:
  explicit DatabasePool(std::vector<std::string> paths);

  // The calling thread's database, at the latest committed revision. Error "unavailable" (the
  // details, which name paths, go to the log only). The pointer stays valid for the pool's life.
  Result<Xapian::Database*> acquire();

  // A new database object of its own: a snapshot that stays at its revision (exports).
  Result<Xapian::Database> snapshot() const;

  [[nodiscard]] const std::vector<std::string>& paths() const { return paths_; }

 private:
  std::vector<std::string> paths_;
  std::mutex mu_;
  std::map<std::thread::id, std::unique_ptr<Xapian::Database>> slots_;
};

// Runs f(db) on the calling thread's database; a Xapian::DatabaseModifiedError (the writer
// committed twice during the request) reopens and runs f again, up to 3 times in all. Returns
// f's Result, or Error "unavailable".
template <class F>
auto with_database(DatabasePool& pool, F&& f) -> decltype(f(std::declval<Xapian::Database&>())) {
  constexpr int kAttempts = 3;
  for (int attempt = 1;; ++attempt) {
    auto db = pool.acquire();
    if (!db) return db.error();
    try {
      return f(*db.value());
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kAttempts)
        return make_error("unavailable",
                          "the index changed repeatedly during the request; try again");
    }
  }
}

}  // namespace pressroom::searchd
