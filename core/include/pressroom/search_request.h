// SearchRequest: one validated search, export or feed request, and the limits that bound its work.
//
// A SearchRequest is built by parse_params() (params.h) from HTTP query parameters, or directly by
// code and tests. It is the only input of query building (query_builder.h), search (searcher.h)
// and export (export.h). Plain values, thread-safe to copy.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace pressroom {

enum class SortOrder { kRelevance, kNewest, kOldest };
enum class FacetField { kIssuer, kTopic, kYear, kMonth };
enum class HistogramInterval { kNone, kYear, kMonth, kDay, kAuto };
enum class ExportFormat { kNdjson, kJson, kCsv };
// What each histogram bucket's count is divided by (histogram_share.h): nothing, all releases of
// the bucket's period, or all releases of the period from the filtered issuer(s).
enum class HistogramNormalize { kNone, kArchive, kIssuer };

// API names: "relevance", "issuer", "month", "csv", ... (kNone is "none").
std::string_view to_string(SortOrder s);
std::string_view to_string(FacetField f);
std::string_view to_string(HistogramInterval h);
std::string_view to_string(ExportFormat f);
std::string_view to_string(HistogramNormalize n);

// The record fields an export may select (`fields=`), in canonical record order.
inline constexpr std::array<std::string_view, 9> kExportFields = {
    "id", "date", "issuers", "topics", "title", "body", "url", "language", "source"};

struct SearchRequest {
  std::string q;                     // query text in Xapian syntax; empty: every release
  std::vector<std::string> issuers;  // OR within issuers, AND with the other filters
  std::vector<std::string> topics;
  std::string from;  // bounds as the client wrote them ("2015", "2015-06", "2015-06-30"), "" = open
  std::string to;
  std::string from_key;  // inclusive "YYYYMMDD" bounds on schema::kSlotDate (dates.h date_bound)
  std::string to_key;
  SortOrder sort = SortOrder::kRelevance;
  unsigned page = 1;  // 1-based
  unsigned per_page = 20;
  std::vector<FacetField> facets = {FacetField::kIssuer, FacetField::kTopic, FacetField::kYear};
  unsigned facet_size = 10;
  HistogramInterval histogram = HistogramInterval::kNone;
  HistogramNormalize histogram_normalize = HistogramNormalize::kNone;
  ExportFormat format = ExportFormat::kNdjson;
  std::vector<std::string> fields;  // export columns (from kExportFields); empty: whole record

  [[nodiscard]] bool has_filters() const {
    return !issuers.empty() || !topics.empty() || !from_key.empty() || !to_key.empty();
  }
};

// Bounds on the work one request may cause. Every member is a searchd option (docs/api.md).
struct Limits {
  size_t max_query_bytes = 2048;   // longest accepted `q`, in bytes
  unsigned max_query_terms = 256;  // words (operators aside) one `q` may hold
  unsigned max_query_depth = 32;   // deepest nesting of brackets in `q`
  unsigned max_per_page = 100;     // largest `per_page`
  unsigned max_facet_size = 1000;  // largest `facet_size`
  Xapian::doccount max_result_window =
      100000;  // page * per_page may not exceed this (export has no cap)
  Xapian::termcount max_wildcard_expansion = 1000;  // words one trailing `*` may expand to
  double query_time_limit =
      5.0;  // seconds before counting stops (total/facets become estimates); 0 = none
  Xapian::doccount export_page_size = 10000;  // matches an export ranks per step
  size_t snippet_bytes = 300;                 // length of a hit's snippet
};

}  // namespace pressroom
