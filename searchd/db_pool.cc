#include "db_pool.h"

#include <spdlog/spdlog.h>

#include "pressroom/database.h"

namespace pressroom::searchd {

namespace {
Error unavailable() {
  return make_error("unavailable", "the index is not available at the moment; try again later");
}
}  // namespace

DatabasePool::DatabasePool(std::vector<std::string> paths) : paths_(std::move(paths)) {}

Result<Xapian::Database*> DatabasePool::acquire() {
  std::unique_ptr<Xapian::Database>* slot;
  {
    std::lock_guard lock(mu_);
    slot = &slots_[std::this_thread::get_id()];  // map nodes are stable
  }
  try {
    if (*slot) {
      (*slot)->reopen();
      return slot->get();
    }
  } catch (const Xapian::Error& e) {
    spdlog::error("reopening the index failed: {}", e.get_description());
    slot->reset();  // open afresh below
  }
  auto db = open_readonly(paths_);
  if (!db) {
    spdlog::error("opening the index failed: {}", db.error().message);
    return unavailable();
  }
  *slot = std::make_unique<Xapian::Database>(std::move(db.value()));
  return slot->get();
}

Result<Xapian::Database> DatabasePool::snapshot() const {
  auto db = open_readonly(paths_);
  if (!db) {
    spdlog::error("opening the index failed: {}", db.error().message);
    return unavailable();
  }
  return db;
}

}  // namespace pressroom::searchd
