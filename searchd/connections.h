// Connection threads, connection caps and search workers of searchd.
//
// httplib serves each accepted connection with one task of its TaskQueue, for as long as the
// connection lasts: with a pool of --threads threads, clients that are idle between keep-alive
// requests or that trickle their headers hold every thread and starve everybody else. searchd
// therefore splits the two:
//   - ConnectionQueue (the TaskQueue) runs every connection on a light thread of its own, started
//     on demand and reused, up to `max_connections` at once; an idle or slow connection costs a
//     mostly-asleep thread and a socket, nothing more. A connection past the cap is not queued:
//     its task runs at once on the accepting thread with refusing() true, and is closed.
//   - WorkerPool holds the --threads search workers: a request takes a Permit only while its
//     handler computes the answer (never while its head is read or its body sent), and the
//     permit's slot number keys the worker's database handle (db_pool.h), so the number of open
//     Xapian databases stays --threads however many connections there are.
//   - ClientSlots counts what one client address holds (connections, or requests in progress) so
//     that a cap per address can be enforced.
// Thread-safety: every member function may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <httplib.h>

#include "pressroom/thread_annotations.h"

namespace pressroom::searchd {

class ConnectionQueue final : public httplib::TaskQueue {
 public:
  // Threads idle longer than idle_exit end, down to `keep_idle` of them.
  ConnectionQueue(size_t max_connections, size_t keep_idle,
                  std::chrono::milliseconds idle_exit = std::chrono::seconds(10));
  ~ConnectionQueue() override;

  // Runs fn on a connection thread, or, with max_connections running, at once on the calling
  // thread with refusing() true (fn then only closes its socket).
  void enqueue(std::function<void()> fn) override;
  // Waits for every running task and ends the threads.
  void shutdown() override;

  // True on the calling thread while it runs a task refused by the cap.
  static bool refusing();

  // Connections being served now.
  [[nodiscard]] size_t running() const;
  // Connection threads alive now (serving or idle).
  [[nodiscard]] size_t threads() const;

 private:
  void work();

  const size_t max_;
  const size_t keep_idle_;
  const std::chrono::milliseconds idle_exit_;
  mutable Mutex mu_;
  std::condition_variable cv_;
  // handed to idle threads; never longer than idle_
  std::list<std::function<void()>> jobs_ GUARDED_BY(mu_);
  std::list<std::thread> threads_ GUARDED_BY(mu_);
  // ended threads, joined by the next enqueue or shutdown
  std::vector<std::thread> finished_ GUARDED_BY(mu_);
  size_t running_ GUARDED_BY(mu_) = 0;
  size_t idle_ GUARDED_BY(mu_) = 0;
  bool shutdown_ GUARDED_BY(mu_) = false;
};

// The --threads search workers as counted permits.
class WorkerPool {
 public:
  explicit WorkerPool(unsigned workers);

  // Held while a handler computes; gives back the worker on destruction.
  class Permit {
   public:
    Permit(Permit&& other) noexcept : pool_(other.pool_), slot_(other.slot_) {
      other.pool_ = nullptr;
    }
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;
    Permit& operator=(Permit&&) = delete;
    ~Permit();

   private:
    friend class WorkerPool;
    Permit(WorkerPool* pool, int slot) : pool_(pool), slot_(slot) {}
    WorkerPool* pool_;
    int slot_;
  };

  // Blocks until a worker is free. Sets current_worker() on the calling thread.
  [[nodiscard]] Permit acquire();

  // Requests waiting for a worker now; workers computing now.
  [[nodiscard]] unsigned waiting() const;
  [[nodiscard]] unsigned busy() const;
  [[nodiscard]] unsigned size() const { return size_; }

 private:
  void release(int slot);
  const unsigned size_;  // workers in all, fixed at construction
  mutable Mutex mu_;
  std::condition_variable cv_;
  std::vector<int> free_ GUARDED_BY(mu_);  // slot numbers of the idle workers
  unsigned waiting_ GUARDED_BY(mu_) = 0;
};

// The worker slot (0 .. --threads - 1) the calling thread holds a Permit of; -1 when none.
int current_worker();

// How many connections (or requests) each client address holds, for a cap per address.
class ClientSlots {
 public:
  // A held slot; gives it back on destruction. Empty (false) when the cap was reached.
  using Token = std::shared_ptr<void>;

  // Takes one of `cap` slots of `client`; nullptr when it holds `cap` already.
  Token try_acquire(const std::string& client, size_t cap);
  // Slots `client` holds now.
  [[nodiscard]] size_t held(const std::string& client) const;

 private:
  void release(const std::string& client);
  mutable Mutex mu_;
  std::unordered_map<std::string, size_t> held_ GUARDED_BY(mu_);
};

}  // namespace pressroom::searchd
