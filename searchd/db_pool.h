// Per-thread read-only database handles for the worker threads of searchd.
//
// Xapian objects are not thread-safe, so each search worker (the slot of a WorkerPool permit,
// connections.h; else the calling thread) gets its own IndexHandle (every --db
// combined, plus each shard on its own), opened on its first request and reopen()ed at the start
// of every later one, so a commit by pressroom-index shows on the next request without a
// restart. invalidate() makes every thread open its handle afresh on its next request (after a
// database folder was replaced by a restore, say).
// Thread-safety: acquire(), snapshot() and invalidate() may be called from any thread; the
// returned handle belongs to the calling thread while it holds its worker permit, or while it
// lives when it holds none (acquire), or to the caller (snapshot).
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <xapian.h>

#include "pressroom/export.h"
#include "pressroom/result.h"
#include "pressroom/thread_annotations.h"

namespace pressroom::searchd {

// One state of the index: the combined database and the same shards one by one. The shard
// objects share their internals with the combined one (Database::add_database), so they are
// always at the revision it reads: their uuid and revision make a state of several shards
// citable, which Xapian's combined database cannot say itself.
struct IndexHandle {
  Xapian::Database db;
  std::vector<Xapian::Database> shards;
};

// Opens every path (with the schema check of open_readonly). Errors as open_readonly.
Result<IndexHandle> open_index(const std::vector<std::string>& paths);

// Each shard's uuid, revision and document count, in --db order.
std::vector<ShardState> shard_states(const IndexHandle& index);

// "uuid@revision" of every shard joined with '+': changes whenever any shard commits (the
// combined revision of several shards is always 0, so it cannot key a cache).
std::string state_key(const IndexHandle& index);

class DatabasePool {
 public:
  explicit DatabasePool(std::vector<std::string> paths);

  // The calling thread's handle, at the latest committed revision. Error "unavailable" (the
  // details, which name paths, go to the log only). The pointer stays valid for the pool's life.
  Result<IndexHandle*> acquire();

  // A new handle of its own: a snapshot that stays at its revision (exports).
  Result<IndexHandle> snapshot() const;

  // Every thread opens its handle afresh on its next acquire().
  void invalidate() { ++generation_; }

  [[nodiscard]] const std::vector<std::string>& paths() const { return paths_; }

 private:
  struct Slot {
    std::unique_ptr<IndexHandle> index;
    uint64_t generation = 0;
  };
  std::vector<std::string> paths_;
  std::atomic<uint64_t> generation_{0};
  Mutex mu_;
  using SlotKey = std::pair<int, std::thread::id>;  // {worker, {}} or {-1, thread}
  std::map<SlotKey, Slot> slots_ GUARDED_BY(mu_);
};

// Runs f(index) on the calling thread's handle; a Xapian::DatabaseModifiedError (the writer
// committed twice during the request) reopens and runs f again, up to 3 times in all. Returns
// f's Result, or Error "unavailable".
template <class F>
auto with_index(DatabasePool& pool, F&& f) -> decltype(f(std::declval<IndexHandle&>())) {
  constexpr int kAttempts = 3;
  for (int attempt = 1;; ++attempt) {
    auto index = pool.acquire();
    if (!index) return index.error();
    try {
      return f(*index.value());
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kAttempts)
        return make_error(ErrorCode::kUnavailable,
                          "the index changed repeatedly during the request; try again");
    }
  }
}

// with_index for handlers that need only the combined database.
template <class F>
auto with_database(DatabasePool& pool, F&& f) -> decltype(f(std::declval<Xapian::Database&>())) {
  return with_index(pool, [&](IndexHandle& index) { return f(index.db); });
}

}  // namespace pressroom::searchd
