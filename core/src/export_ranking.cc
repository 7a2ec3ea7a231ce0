#include "export_ranking.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "pressroom/schema.h"
#include "pressroom/searcher.h"

namespace pressroom {

namespace {

// One match while the result set is ranked: 16 bytes, so ranking 1M matches takes 16 MB.
struct Ranked {
  double wt;          // the weight Xapian ranks by (the same for every match of a boolean query)
  Xapian::docid did;  // docid in the combined database, as Xapian numbers it
  uint32_t key;       // date sorts: the rank of the date sort key among the distinct keys
};
static_assert(sizeof(Ranked) == 16);

// The date sort keys (value slot kSlotDate) of a match set as dense integers that order like the
// strings. A key gets a provisional number when it is first met (an archive has a few thousand
// distinct dates, however many releases) and the numbers are ranked in byte order, as Xapian
// compares sort keys, once the match is over: sorting then compares integers, yet orders exactly
// as Enquire::set_sort_by_value_then_relevance does, whatever the slot holds.
class DateKeys {
 public:
  uint32_t number(const std::string& v) {
    if (!values_.empty() && v == values_[last_]) return last_;  // neighbours often share a date
    auto [it, added] = index_.try_emplace(v, static_cast<uint32_t>(values_.size()));
    if (added) values_.push_back(v);
    last_ = it->second;
    return last_;
  }
  // ranks()[provisional number] = position of that key in byte order.
  [[nodiscard]] std::vector<uint32_t> ranks() const {
    std::vector<uint32_t> order(values_.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return values_[a] < values_[b]; });
    std::vector<uint32_t> rank(values_.size());
    for (uint32_t r = 0; r < order.size(); ++r) rank[order[r]] = r;
    return rank;
  }

 private:
  std::unordered_map<std::string, uint32_t> index_;
  std::vector<std::string> values_;
  uint32_t last_ = 0;
};

// Records every match the matcher visits, with its weight and, for date sorts, its date key. The
// document Xapian hands a match spy reads values through value streams, so the date is a
// sequential read, not a B-tree lookup per document.
class MatchCollector : public Xapian::MatchSpy {
 public:
  MatchCollector(std::vector<Ranked, PageAllocator<Ranked>>& out, DateKeys* keys)
      : out_(out), keys_(keys) {}
  void operator()(const Xapian::Document& doc, double wt) override {
    const uint32_t key = keys_ ? keys_->number(doc.get_value(schema::kSlotDate)) : 0;
    out_.push_back({wt, doc.get_docid(), key});
  }

 private:
  std::vector<Ranked, PageAllocator<Ranked>>& out_;
  DateKeys* keys_;
};

}  // namespace

DocidList rank_matches(const Xapian::Database& db, const BuiltQuery& built, SortOrder asked,
                       Xapian::doccount page) {
  const SortOrder sort = effective_sort(asked, built.has_text);
  DocidList docids;
  auto by_pages = [&] {
    Xapian::Enquire enq(db);
    configure_enquire(enq, built, asked);
    for (Xapian::doccount offset = 0;; offset += page) {
      Xapian::MSet mset = enq.get_mset(offset, page);
      for (auto it = mset.begin(); it != mset.end(); ++it) docids.push_back(*it);
      if (mset.size() < page) return;
    }
  };
  // A match spy sees each shard's own docids, one shard after the other: which shard a match
  // came from is not known, so several shards are ranked page by page.
  if (db.size() != 1) {
    by_pages();
    return docids;
  }
  {
    std::vector<Ranked, PageAllocator<Ranked>> matches;
    DateKeys keys;
    const bool by_date = sort != SortOrder::kRelevance;
    MatchCollector collector(matches, by_date ? &keys : nullptr);
    // Same query and weighting, but no ranking: the matcher reads no sort keys and keeps no heap;
    // with maxitems 0 and check_at_least = every document it still visits every match.
    Xapian::Enquire all(db);
    configure_enquire(all, built, asked);
    all.set_sort_by_relevance();
    matches.reserve(std::min(all.get_mset(0, 0).get_matches_upper_bound(), db.get_doccount()));
    all.add_matchspy(&collector);
    try {
      (void)all.get_mset(0, 0, db.get_doccount());
    } catch (const Xapian::UnimplementedError&) {  // a remote database
      all.clear_matchspies();
      by_pages();
      return docids;
    }
    all.clear_matchspies();
    if (by_date) {
      const auto rank = keys.ranks();
      for (auto& r : matches) r.key = rank[r.key];
    }
    auto by_weight = [](const Ranked& a, const Ranked& b) {
      return a.wt != b.wt ? a.wt > b.wt : a.did < b.did;
    };
    switch (sort) {
      case SortOrder::kRelevance:
        std::sort(matches.begin(), matches.end(), by_weight);
        break;
      case SortOrder::kNewest:
        std::sort(matches.begin(), matches.end(), [&](const Ranked& a, const Ranked& b) {
          return a.key != b.key ? a.key > b.key : by_weight(a, b);
        });
        break;
      case SortOrder::kOldest:
        std::sort(matches.begin(), matches.end(), [&](const Ranked& a, const Ranked& b) {
          return a.key != b.key ? a.key < b.key : by_weight(a, b);
        });
        break;
    }
    docids.reserve(matches.size());
    for (const auto& r : matches) docids.push_back(r.did);
  }  // the 16-byte entries are freed here
  return docids;
}

}  // namespace pressroom
