#include "db_pool.h"

#include <spdlog/spdlog.h>

#include "connections.h"
#include "pressroom/database.h"

namespace pressroom::searchd {

namespace {
Error unavailable() {
  return make_error(ErrorCode::kUnavailable,
                    "the index is not available at the moment; try again later");
}
}  // namespace

Result<IndexHandle> open_index(const std::vector<std::string>& paths) {
  if (paths.empty()) return make_error(ErrorCode::kInvalidArgument, "no database given");
  IndexHandle h;
  for (const auto& path : paths) {
    auto one = open_readonly({path});
    if (!one) return one.error();
    h.db.add_database(one.value());
    h.shards.push_back(std::move(one.value()));
  }
  return h;
}

std::vector<ShardState> shard_states(const IndexHandle& index) {
  std::vector<ShardState> out;
  out.reserve(index.shards.size());
  for (const auto& s : index.shards)
    out.push_back(ShardState{s.get_uuid(), database_revision(s), s.get_doccount()});
  return out;
}

std::string state_key(const IndexHandle& index) {
  std::string key;
  for (const auto& s : index.shards) {
    if (!key.empty()) key += '+';
    key += s.get_uuid() + "@" + std::to_string(database_revision(s));
  }
  return key;
}

DatabasePool::DatabasePool(std::vector<std::string> paths) : paths_(std::move(paths)) {}

Result<IndexHandle*> DatabasePool::acquire() {
  Slot* slot;
  {
    MutexLock lock(mu_);
    // A search worker's handle belongs to its slot, whichever connection thread holds the slot
    // now: the permit hands it over with a happens-before edge. Callers without one (tests,
    // tools) get one per thread.
    const int worker = current_worker();
    const SlotKey key =
        worker >= 0 ? SlotKey{worker, std::thread::id()} : SlotKey{-1, std::this_thread::get_id()};
    slot = &slots_[key];  // map nodes are stable
  }
  const uint64_t generation = generation_.load();
  try {
    if (slot->index && slot->generation == generation) {
      slot->index->db.reopen();  // reopens the shards too: they share its internals
      return slot->index.get();
    }
  } catch (const Xapian::Error& e) {
    spdlog::error("reopening the index failed: {}", e.get_description());
  }
  slot->index.reset();  // open afresh below
  auto index = open_index(paths_);
  if (!index) {
    spdlog::error("opening the index failed: {}", index.error().message);
    return unavailable();
  }
  slot->index = std::make_unique<IndexHandle>(std::move(index.value()));
  slot->generation = generation;
  return slot->index.get();
}

Result<IndexHandle> DatabasePool::snapshot() const {
  auto index = open_index(paths_);
  if (!index) {
    spdlog::error("opening the index failed: {}", index.error().message);
    return unavailable();
  }
  return index;
}

}  // namespace pressroom::searchd
