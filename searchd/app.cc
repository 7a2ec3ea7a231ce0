#include "app.h"

namespace pressroom::searchd {

std::shared_ptr<const void> ExportSlots::try_acquire() {
  unsigned cur = active_.load();
  do {
    if (cur >= max_) return nullptr;
  } while (!active_.compare_exchange_weak(cur, cur + 1));
  return std::shared_ptr<const void>(this, [this](const void*) { active_--; });
}

IndexStats StatsCache::get(const IndexHandle& index) {
  const std::string state = state_key(index);
  {
    MutexLock lock(mu_);
    if (cached_ && state_ == state) return *cached_;
  }
  IndexStats s = compute_stats(index.db);  // outside the lock: it walks the whole index
  MutexLock lock(mu_);
  cached_ = s;
  state_ = state;
  return s;
}

void StatsCache::clear() {
  MutexLock lock(mu_);
  cached_.reset();
  state_.clear();
}

void FacetCache::clear() {
  MutexLock lock(mu_);
  entries_.clear();
  index_state_.clear();
}

std::optional<FacetCache::Entry> FacetCache::get(const std::string& index_state,
                                                 const std::string& key) {
  MutexLock lock(mu_);
  if (index_state != index_state_) return std::nullopt;
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

void FacetCache::put(const std::string& index_state, const std::string& key, Entry entry) {
  MutexLock lock(mu_);
  if (index_state != index_state_) {
    entries_.clear();
    index_state_ = index_state;
  }
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_[key] = std::move(entry);
}

}  // namespace pressroom::searchd
