// In-memory facet columns: for one database state, each document's issuers, topics, year, month
// and day as small integer ids, so counting the facets of a match set costs an array lookup per
// matching document and value (instead of a value-stream walk per slot).
//
// A FacetColumns is built from the value slots of one local database (schema.h: issuer slots
// kSlotIssuerFirst.., topic slots kSlotTopicFirst.., kSlotYear, kSlotMonth, kSlotDay) and is
// immutable afterwards. Memory: 4 bytes per docid per single-valued field, 4 bytes per docid plus
// 4 per value for issuers and topics (≈ 30 MB at 1M releases).
//
// FacetColumnCache keeps the columns of the latest database state a search asked for, keyed by
// a string that changes whenever the database does (searchd: state_key, "uuid@revision"). It is
// built lazily by the first search that needs it; other searches meanwhile get nullptr and count
// from value streams, so no request waits for a build.
// Thread-safety: FacetColumns is immutable (share it freely); FacetColumnCache is thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>
#include "pressroom/thread_annotations.h"

#include <xapian.h>

namespace pressroom {

// One field: the sorted distinct values and, per docid, the ids of the document's values.
struct FacetColumn {
  std::vector<std::string> values;  // ascending (std::string order), ids index into it
  // Multi-valued: ids of docid d are ids[offsets[d] .. offsets[d + 1]). Single-valued
  // (offsets empty): ids[d] is the id + 1, 0 when the document has no value.
  std::vector<uint32_t> offsets;
  std::vector<uint32_t> ids;

  // Adds 1 to counts[id] for every value of the document (counts.size() == values.size()).
  void count(Xapian::docid did, std::vector<Xapian::doccount>& counts) const {
    if (offsets.empty()) {
      if (did < ids.size() && ids[did] != 0) ++counts[ids[did] - 1];
      return;
    }
    if (did + 1 >= offsets.size()) return;
    for (uint32_t k = offsets[did]; k < offsets[did + 1]; ++k) ++counts[ids[k]];
  }
};

struct FacetColumns {
  enum Field { kIssuer, kTopic, kYear, kMonth, kDay, kFields };
  std::string key;  // the database state they were built from
  FacetColumn fields[kFields];
};

// Reads every facet slot of db (one local database). Exceptions: Xapian::Error
// (DatabaseModifiedError when the writer commits twice during the build).
std::shared_ptr<const FacetColumns> build_facet_columns(const Xapian::Database& db,
                                                        std::string key);

class FacetColumnCache {
 public:
  // The columns of state `key` (db must be that state): cached, or built now by this caller.
  // nullptr while another thread builds them. Exceptions: those of build_facet_columns.
  std::shared_ptr<const FacetColumns> get(const Xapian::Database& db, const std::string& key);

 private:
  Mutex mu_;
  std::shared_ptr<const FacetColumns> current_ GUARDED_BY(mu_);
  std::string building_ GUARDED_BY(mu_);  // key being built, "" when none
};

}  // namespace pressroom
