#include "connections.h"

#include <algorithm>
#include <system_error>
#include <utility>

namespace pressroom::searchd {

namespace {
thread_local bool t_refusing = false;
thread_local int t_worker = -1;
}  // namespace

// ------------------------------------------------------------------------------ ConnectionQueue

ConnectionQueue::ConnectionQueue(size_t max_connections, size_t keep_idle,
                                 std::chrono::milliseconds idle_exit)
    : max_(std::max<size_t>(1, max_connections)), keep_idle_(keep_idle), idle_exit_(idle_exit) {}

ConnectionQueue::~ConnectionQueue() { shutdown(); }

bool ConnectionQueue::refusing() { return t_refusing; }

void ConnectionQueue::enqueue(std::function<void()> fn) {
  std::vector<std::thread> done;
  {
    MutexLock lock(mu_);
    done.swap(finished_);
    if (!shutdown_ && running_ < max_) {
      ++running_;
      if (idle_ > jobs_.size()) {
        jobs_.push_back(std::move(fn));
        lock.unlock();
        cv_.notify_one();
        for (auto& t : done) t.join();
        return;
      }
      // No idle thread: start one with this connection as its first task.
      try {
        threads_.emplace_back([this, first = std::move(fn)]() mutable {
          first();
          first = nullptr;
          work();
        });
        lock.unlock();
        for (auto& t : done) t.join();
        return;
      } catch (const std::system_error&) {
        --running_;  // no thread to be had (resource limits): refused below
      }
    }
  }
  for (auto& t : done) t.join();
  // Over the cap (or stopping): the task runs here and only closes its socket. Never queued, so
  // a flood cannot grow memory or delay the connections already admitted.
  t_refusing = true;
  fn();
  t_refusing = false;
}

void ConnectionQueue::work() {
  MutexLock lock(mu_);
  --running_;  // the first task, run before the lock was taken
  for (;;) {
    if (shutdown_) cv_.notify_all();  // shutdown() waits for running_ to reach 0
    ++idle_;
    // cv_.wait_for(lock, idle_exit_, predicate), written out so that the analysis sees the
    // predicate read under the lock.
    const auto deadline = std::chrono::steady_clock::now() + idle_exit_;
    bool woken = true;
    while (!shutdown_ && jobs_.empty())
      if (lock.wait_until(cv_, deadline) == std::cv_status::timeout) {
        woken = shutdown_ || !jobs_.empty();
        break;
      }
    --idle_;
    if (jobs_.empty()) {
      // Stopping, or idle for idle_exit_ with threads to spare: this thread ends.
      if (shutdown_ || (!woken && threads_.size() > keep_idle_)) break;
      continue;
    }
    auto fn = std::move(jobs_.front());
    jobs_.pop_front();
    lock.unlock();
    fn();
    fn = nullptr;
    lock.lock();
    --running_;
  }
  // Hand this thread's object to the next enqueue() or shutdown() to join (after shutdown() has
  // taken threads_, it joins this one from there).
  const auto self = std::this_thread::get_id();
  for (auto it = threads_.begin(); it != threads_.end(); ++it)
    if (it->get_id() == self) {
      finished_.push_back(std::move(*it));
      threads_.erase(it);
      break;
    }
}

void ConnectionQueue::shutdown() {
  std::list<std::thread> threads;
  std::vector<std::thread> finished;
  {
    MutexLock lock(mu_);
    shutdown_ = true;
    cv_.notify_all();
    // Tasks still running end once httplib's listening socket is closed (they watch it).
    while (running_ != 0 || !jobs_.empty()) lock.wait(cv_);
    threads.swap(threads_);
    finished.swap(finished_);
  }
  cv_.notify_all();
  for (auto& t : threads)
    if (t.joinable()) t.join();
  for (auto& t : finished)
    if (t.joinable()) t.join();
}

size_t ConnectionQueue::running() const {
  MutexLock lock(mu_);
  return running_;
}

size_t ConnectionQueue::threads() const {
  MutexLock lock(mu_);
  return threads_.size();
}

// ----------------------------------------------------------------------------------- WorkerPool

WorkerPool::WorkerPool(unsigned workers) : size_(std::max(1U, workers)) {
  free_.reserve(size_);
  for (int i = static_cast<int>(size_) - 1; i >= 0; --i) free_.push_back(i);
}

WorkerPool::Permit WorkerPool::acquire() {
  MutexLock lock(mu_);
  if (free_.empty()) {
    ++waiting_;
    while (free_.empty()) lock.wait(cv_);
    --waiting_;
  }
  const int slot = free_.back();
  free_.pop_back();
  t_worker = slot;
  return Permit(this, slot);
}

void WorkerPool::release(int slot) {
  t_worker = -1;
  {
    MutexLock lock(mu_);
    free_.push_back(slot);
  }
  cv_.notify_one();
}

WorkerPool::Permit::~Permit() {
  if (pool_) pool_->release(slot_);
}

unsigned WorkerPool::waiting() const {
  MutexLock lock(mu_);
  return waiting_;
}

unsigned WorkerPool::busy() const {
  MutexLock lock(mu_);
  return size_ - static_cast<unsigned>(free_.size());
}

int current_worker() { return t_worker; }

// ---------------------------------------------------------------------------------- ClientSlots

ClientSlots::Token ClientSlots::try_acquire(const std::string& client, size_t cap) {
  {
    MutexLock lock(mu_);
    size_t& n = held_[client];
    if (n >= cap) {
      if (n == 0) held_.erase(client);
      return nullptr;
    }
    ++n;
  }
  // A non-null pointer whose deleter gives the slot back (the pointee is never used).
  return Token(this, [client](ClientSlots* self) { self->release(client); });
}

void ClientSlots::release(const std::string& client) {
  MutexLock lock(mu_);
  auto it = held_.find(client);
  if (it != held_.end() && --it->second == 0) held_.erase(it);
}

size_t ClientSlots::held(const std::string& client) const {
  MutexLock lock(mu_);
  auto it = held_.find(client);
  return it == held_.end() ? 0 : it->second;
}

}  // namespace pressroom::searchd
