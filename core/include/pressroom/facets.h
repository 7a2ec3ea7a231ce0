// Facet counts and the date histogram over a whole match set, with Xapian's own match spies.
//
// Every count comes from Xapian::ValueCountMatchSpy (the one spy a stock remote shard server can
// run). A multi-valued field (issuers, topics) is stored one value per slot (schema.h), so its
// exact per-value count is the sum of the spies over slots first..first+max_slots(db)-1: a
// release naming two issuers counts once for each. Year, month and day use one slot each.
// Counts are exact when the spies saw the whole match set: pass check_at_least >= the database
// size to Enquire::get_mset and compare documents_seen() with the match count.
//
// Ownership: a FacetCounter owns its spies and must outlive every get_mset() of the Enquire it
// was attached to. Not thread-safe: one per request.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "pressroom/search_request.h"

namespace pressroom {

struct FacetValue {
  std::string value;  // facet: the value as stored; histogram: "YYYY", "YYYY-MM" or "YYYY-MM-DD"
  Xapian::doccount count = 0;
};

struct Histogram {
  HistogramInterval interval = HistogramInterval::kYear;  // never kNone or kAuto once computed
  std::vector<FacetValue> buckets;                        // ascending keys, gaps filled with 0
};

// A histogram whose gaps would need more buckets than this lists only the non-empty buckets.
inline constexpr size_t kMaxFilledBuckets = 5000;

class FacetCounter {
 public:
  FacetCounter(const Xapian::Database& db, const std::vector<FacetField>& facets,
               HistogramInterval histogram);
  FacetCounter(const FacetCounter&) = delete;
  FacetCounter& operator=(const FacetCounter&) = delete;

  // Registers the spies on enq (without giving it ownership).
  void attach(Xapian::Enquire& enq);

  // The facet_size values with the most matches. Issuer/topic: count descending, then value
  // ascending. Year/month: the same selection, then ordered by value ascending.
  [[nodiscard]] std::vector<FacetValue> facet(FacetField f, unsigned facet_size) const;

  // The histogram asked for (kAuto resolved: year when the matches span 3 or more years, else
  // month when they span 3 or more months, else day). Precondition: histogram != kNone.
  [[nodiscard]] Histogram histogram() const;

  // Number of documents the spies saw; nullopt when nothing was asked for (no spies).
  [[nodiscard]] std::optional<Xapian::doccount> documents_seen() const;

 private:
  using Spies = std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>>;  // one per slot
  int add_field(Xapian::valueno first, unsigned slots);
  [[nodiscard]] std::vector<FacetValue> counts(int field) const;

  std::vector<Spies> fields_;
  int issuer_ = -1, topic_ = -1, year_ = -1, month_ = -1, day_ = -1;
  HistogramInterval histogram_;
};

// The next key after `key` in the interval's calendar ("2015" -> "2016", "2015-12" -> "2016-01",
// "2016-02-28" -> "2016-02-29"); "" when key is malformed.
std::string next_bucket_key(const std::string& key, HistogramInterval interval);

}  // namespace pressroom
