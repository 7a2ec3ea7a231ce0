#pragma once
// Clang thread-safety analysis (-Wthread-safety): attribute macros, and a Mutex and MutexLock the
// analysis understands (libstdc++'s std::mutex and std::lock_guard carry no annotations, so
// members guarded by a std::mutex cannot be checked). Under GCC the macros expand to nothing and
// the classes are plain wrappers of std::mutex and std::unique_lock.
//
// Use: `mutable Mutex mu_;`, `int n_ GUARDED_BY(mu_);`, `MutexLock lock(mu_);` in each function
// that touches n_, `void helper() REQUIRES(mu_);` for a helper called with the lock held.
// Condition variables wait through the MutexLock (wait(), wait_until()), in a loop written at the
// call site so that the analysis sees the predicate read under the lock.

#include <chrono>
#include <condition_variable>
#include <mutex>

#if defined(__clang__)
#define PRESSROOM_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define PRESSROOM_THREAD_ANNOTATION(x)
#endif

#define CAPABILITY(x) PRESSROOM_THREAD_ANNOTATION(capability(x))
#define SCOPED_CAPABILITY PRESSROOM_THREAD_ANNOTATION(scoped_lockable)
#define GUARDED_BY(x) PRESSROOM_THREAD_ANNOTATION(guarded_by(x))
#define PT_GUARDED_BY(x) PRESSROOM_THREAD_ANNOTATION(pt_guarded_by(x))
#define REQUIRES(...) PRESSROOM_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define EXCLUDES(...) PRESSROOM_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define ACQUIRE(...) PRESSROOM_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define RELEASE(...) PRESSROOM_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define NO_THREAD_SAFETY_ANALYSIS PRESSROOM_THREAD_ANNOTATION(no_thread_safety_analysis)

namespace pressroom {

// A std::mutex the analysis knows as a capability. Not recursive; not copyable.
class CAPABILITY("mutex") Mutex {
 public:
  void lock() ACQUIRE() { mu_.lock(); }
  void unlock() RELEASE() { mu_.unlock(); }

 private:
  friend class MutexLock;
  std::mutex mu_;
};

// Holds a Mutex for its scope (like std::unique_lock: it may be unlocked and locked again, and
// waits on a std::condition_variable with the mutex released meanwhile).
class SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mu) ACQUIRE(mu) : lock_(mu.mu_) {}
  ~MutexLock() RELEASE() {}
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

  void lock() ACQUIRE() { lock_.lock(); }
  void unlock() RELEASE() { lock_.unlock(); }

  // One wait on cv (spurious wake-ups included): the caller loops on its predicate. The mutex is
  // held again on return.
  void wait(std::condition_variable& cv) { cv.wait(lock_); }
  template <class Clock, class Duration>
  std::cv_status wait_until(std::condition_variable& cv,
                            const std::chrono::time_point<Clock, Duration>& deadline) {
    return cv.wait_until(lock_, deadline);
  }

 private:
  std::unique_lock<std::mutex> lock_;
};

}  // namespace pressroom
