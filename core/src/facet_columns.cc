#include "pressroom/facet_columns.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "pressroom/database.h"
#include "pressroom/schema.h"

namespace pressroom {

namespace {

FacetColumn build_column(const Xapian::Database& db, Xapian::valueno first, unsigned slots,
                         bool multi, Xapian::docid last) {
  // Provisional ids in order of first sight, renumbered in value order below.
  std::unordered_map<std::string, uint32_t> seen;
  std::vector<std::pair<Xapian::docid, uint32_t>> pairs;
  for (unsigned i = 0; i < slots; ++i) {
    const Xapian::valueno slot = first + i;
    for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
      std::string v = *it;
      if (v.empty()) continue;  // as ValueCountMatchSpy: an empty value is no value
      auto [pos, inserted] = seen.try_emplace(std::move(v), static_cast<uint32_t>(seen.size()));
      pairs.emplace_back(it.get_docid(), pos->second);
    }
  }
  FacetColumn c;
  std::vector<const std::string*> order(seen.size());
  for (const auto& [value, id] : seen) order[id] = &value;
  std::vector<uint32_t> by_value(seen.size());
  for (uint32_t i = 0; i < by_value.size(); ++i) by_value[i] = i;
  std::sort(by_value.begin(), by_value.end(),
            [&](uint32_t a, uint32_t b) { return *order[a] < *order[b]; });
  std::vector<uint32_t> final_id(seen.size());
  c.values.reserve(seen.size());
  for (uint32_t rank = 0; rank < by_value.size(); ++rank) {
    final_id[by_value[rank]] = rank;
    c.values.push_back(*order[by_value[rank]]);
  }
  if (!multi) {
    c.ids.assign(static_cast<size_t>(last) + 1, 0);
    for (auto [did, id] : pairs) c.ids[did] = final_id[id] + 1;
    return c;
  }
  c.offsets.assign(static_cast<size_t>(last) + 2, 0);
  for (auto [did, id] : pairs) ++c.offsets[did + 1];
  for (size_t d = 1; d < c.offsets.size(); ++d) c.offsets[d] += c.offsets[d - 1];
  c.ids.resize(pairs.size());
  std::vector<uint32_t> fill(c.offsets.begin(), c.offsets.end() - 1);
  for (auto [did, id] : pairs) c.ids[fill[did]++] = final_id[id];
  return c;
}

}  // namespace

std::shared_ptr<const FacetColumns> build_facet_columns(const Xapian::Database& db,
                                                        std::string key) {
  auto cols = std::make_shared<FacetColumns>();
  cols->key = std::move(key);
  const Xapian::docid last = db.get_lastdocid();
  cols->fields[FacetColumns::kIssuer] =
      build_column(db, schema::kSlotIssuerFirst, max_issuer_slots(db), true, last);
  cols->fields[FacetColumns::kTopic] =
      build_column(db, schema::kSlotTopicFirst, max_topic_slots(db), true, last);
  cols->fields[FacetColumns::kYear] = build_column(db, schema::kSlotYear, 1, false, last);
  cols->fields[FacetColumns::kMonth] = build_column(db, schema::kSlotMonth, 1, false, last);
  cols->fields[FacetColumns::kDay] = build_column(db, schema::kSlotDay, 1, false, last);
  return cols;
}

std::shared_ptr<const FacetColumns> FacetColumnCache::get(const Xapian::Database& db,
                                                          const std::string& key) {
  {
    MutexLock lock(mu_);
    if (current_ && current_->key == key) return current_;
    if (!building_.empty()) return nullptr;  // one build at a time; the others walk streams
    building_ = key;
  }
  struct Done {  // clears building_ however the build ends
    FacetColumnCache& cache;
    ~Done() {
      MutexLock lock(cache.mu_);
      cache.building_.clear();
    }
  } done{*this};
  auto cols = build_facet_columns(db, key);
  MutexLock lock(mu_);
  current_ = cols;
  return cols;
}

}  // namespace pressroom
