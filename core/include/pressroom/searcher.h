// Running a search: hits with highlighted snippets, exact totals and facets, a date histogram.
//
// search() visits the whole match set (check_at_least = the database size) so `total` and the
// facet counts are exact, unless Limits::query_time_limit runs out first: Xapian then stops
// counting (the hits are still the right ones) and the result says so (total_exact and
// facets_exact false, total_lower/total_upper bound the true count).
// Zero-hit fallback: when q's words joined by the default AND match nothing (filters applied),
// search() runs BuiltQuery::fallback (the same words joined by OR) instead; if that matches, the
// result is its hits, totals and facets, `parsed` is its description and `warning` says so
// (kFallbackWarning, after any lenient-reading warning). Exports never fall back.
// Sorting: relevance (BM25, ties by docid), newest or oldest (date slot, then relevance). A
// request without words has no relevance, so "relevance" then means newest first.
//
// Errors (values): invalid_argument for a query the parser cannot use (see build_query) and for a
// wildcard that would expand to more than Limits::max_wildcard_expansion words.
// Exceptions: Xapian::DatabaseModifiedError when the database changed under the reader (the caller
// reopens and retries), other Xapian::Error for I/O failures. Thread-safety: the database must
// belong to the calling thread; everything else is per call.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "pressroom/facets.h"
#include "pressroom/query_builder.h"
#include "pressroom/result.h"
#include "pressroom/search_request.h"

namespace pressroom {

struct Hit {
  std::string id;
  std::string title;
  std::string date;         // local date with the precision it has: "2018", "2018-04", "2018-04-13"
  std::string record_date;  // the record's own date text ("2018-04-13T00:00:00-04:00"), "" if none
  std::vector<std::string> issuers;
  std::vector<std::string> topics;
  std::string url;
  double score = 0;           // Xapian's relevance percentage / 100; 0 without query words
  Xapian::doccount rank = 0;  // 1-based position in the whole result list
  std::string snippet;        // HTML: body text escaped, matched words in <mark>…</mark>
};

struct SearchResult {
  Xapian::doccount total = 0;
  bool total_exact = true;
  Xapian::doccount total_lower = 0, total_upper = 0;
  unsigned page = 1, per_page = 20;
  std::vector<Hit> hits;
  std::vector<std::pair<FacetField, std::vector<FacetValue>>> facets;  // in the order asked
  bool facets_exact = true;
  std::optional<Histogram> histogram;
  // With histogram_normalize: each bucket's releases in its period (histogram_share.h), in the
  // order of histogram->buckets; empty otherwise.
  std::vector<Xapian::doccount> histogram_releases;
  HistogramNormalize histogram_normalize = HistogramNormalize::kNone;
  // "Did you mean" (suggest.h): set by the caller when the query had few matches.
  std::optional<std::string> suggestion_q;
  Xapian::doccount suggestion_total = 0;
  std::string q, parsed, warning;
  double took_ms = 0;
  std::string uuid;
  Xapian::rev revision = 0;
};

// The warning of a search answered by the zero-hit fallback.
inline constexpr std::string_view kFallbackWarning =
    "No release has all the words; showing releases with any of them, best matches first";

// The sort a request gets (relevance without words -> newest).
SortOrder effective_sort(SortOrder asked, bool has_text);

// Sets query and order on an Enquire the way search() and exports do.
void configure_enquire(Xapian::Enquire& enq, const BuiltQuery& built, SortOrder sort);

// How search() may count facets. The defaults work for every backend (remote shards too).
struct SearchOptions {
  FacetSource facet_source = FacetSource::kSpies;  // facet_source_for(shards) picks the fastest
  // With kValueStreams: facets are counted from the cache's columns of state `state_key` (which
  // must name the state of db, and change whenever it does; not empty). nullptr: no columns.
  FacetColumnCache* columns = nullptr;
  std::string state_key;
};

Result<SearchResult> search(const Xapian::Database& db, const SearchRequest& req,
                            const Limits& limits, const SearchOptions& options = {});

// The stored canonical JSON of the release with this id. Error "not_found" (field "id").
// The document id of the release with this id, or nullopt (a long id's term is a hash: the
// stored id is checked).
std::optional<Xapian::docid> find_docid(const Xapian::Database& db, std::string_view id);
Result<std::string> find_document(const Xapian::Database& db, std::string_view id);

}  // namespace pressroom
