// Facet counts and the date histogram over a whole match set.
//
// A multi-valued field (issuers, topics) is stored one value per slot (schema.h), so its exact
// per-value count is the sum of the counts over slots first..first+max_slots(db)-1: a release
// naming two issuers counts once for each. Year, month and day use one slot each.
// Two ways to count, with the same answers:
// - FacetSource::kSpies: one Xapian::ValueCountMatchSpy per slot (the one spy a stock remote
//   shard server can run), i.e. a value lookup per matching document per slot. Needed when any
//   shard is remote (xapian-tcpsrv).
// - FacetSource::kValueStreams: one spy that only records the matching docids; counts() then
//   walks each slot's value stream (Database::valuestream_begin + skip_to over the sorted
//   docids): sequential reads, and a slot no match uses ends at once. One local database
//   only (see facet_source_for); the constructor falls back to kSpies for several.
//   With use_columns(), the docids are counted from in-memory FacetColumns of the same database
//   state instead: an array lookup per matching document and value.
// Counts are exact when the spies saw the whole match set: pass check_at_least >= the database
// size to Enquire::get_mset and compare documents_seen() with the match count.
//
// Ownership: a FacetCounter owns its spies and must outlive every get_mset() of the Enquire it
// was attached to, and keeps a copy of the database handle (kValueStreams reads it after the
// match). Not thread-safe: one per request.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "pressroom/facet_columns.h"
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

enum class FacetSource { kSpies, kValueStreams };

// kValueStreams for one local database (it reports a revision), else kSpies: remote and
// in-memory backends report no revision, and over several shards Xapian 1.4 hands match spies
// each document with its own shard's docid, which the combined value streams cannot use.
FacetSource facet_source_for(const std::vector<Xapian::Database>& shards);

// Records the docids of the documents the matcher visits (no value lookups), in the order
// visited (not sorted). One local database only: it cannot be serialised to a remote server,
// and over several shards the docids are each shard's own.
class DocidCollector : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double wt) override;
  [[nodiscard]] const std::vector<Xapian::docid>& docids() const { return docids_; }
  std::vector<Xapian::docid>& docids() { return docids_; }

 private:
  std::vector<Xapian::docid> docids_;
};

class FacetCounter {
 public:
  FacetCounter(const Xapian::Database& db, const std::vector<FacetField>& facets,
               HistogramInterval histogram, FacetSource source = FacetSource::kSpies);
  FacetCounter(const FacetCounter&) = delete;
  FacetCounter& operator=(const FacetCounter&) = delete;

  // Registers the spies on enq (without giving it ownership).
  void attach(Xapian::Enquire& enq);

  // kValueStreams only: count from these columns, built from the same database state as db
  // (precondition). nullptr: keep walking the value streams.
  void use_columns(std::shared_ptr<const FacetColumns> columns);

  // The facet_size values with the most matches. Issuer/topic: count descending, then value
  // ascending. Year/month: the same selection, then ordered by value ascending.
  [[nodiscard]] std::vector<FacetValue> facet(FacetField f, unsigned facet_size) const;

  // The histogram asked for (kAuto resolved: year when the matches span 3 or more years, else
  // month when they span 3 or more months, else day). Precondition: histogram != kNone.
  [[nodiscard]] Histogram histogram() const;

  // Number of documents the spies saw; nullopt when nothing was asked for (no spies).
  [[nodiscard]] std::optional<Xapian::doccount> documents_seen() const;

 private:
  struct Field {
    Xapian::valueno first = 0;
    unsigned slots = 0;
    FacetColumns::Field column = FacetColumns::kYear;
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;  // kSpies: one per slot
  };
  int add_field(Xapian::valueno first, unsigned slots, FacetColumns::Field column);
  // Ascending by value, values with a count > 0 only. kValueStreams: computed once per field.
  [[nodiscard]] const std::vector<FacetValue>& counts(int field) const;
  [[nodiscard]] std::vector<FacetValue> count_spies(const Field& f) const;
  [[nodiscard]] std::vector<FacetValue> count_streams(const Field& f) const;
  [[nodiscard]] std::vector<FacetValue> count_columns(const Field& f) const;

  Xapian::Database db_;
  FacetSource source_;
  std::unique_ptr<DocidCollector> collector_;  // kValueStreams
  std::shared_ptr<const FacetColumns> columns_;
  mutable bool sorted_ = false;  // collector_'s docids sorted yet
  std::vector<Field> fields_;
  mutable std::vector<std::optional<std::vector<FacetValue>>> counted_;  // per field
  int issuer_ = -1, topic_ = -1, year_ = -1, month_ = -1, day_ = -1;
  HistogramInterval histogram_;
};

// The next key after `key` in the interval's calendar ("2015" -> "2016", "2015-12" -> "2016-01",
// "2016-02-28" -> "2016-02-29"); "" when key is malformed.
std::string next_bucket_key(const std::string& key, HistogramInterval interval);

}  // namespace pressroom
