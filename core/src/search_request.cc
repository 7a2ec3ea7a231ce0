#include "pressroom/search_request.h"

namespace pressroom {

std::string_view to_string(SortOrder s) {
  switch (s) {
    case SortOrder::kNewest:
      return "newest";
    case SortOrder::kOldest:
      return "oldest";
    case SortOrder::kRelevance:
      break;
  }
  return "relevance";
}

std::string_view to_string(FacetField f) {
  switch (f) {
    case FacetField::kTopic:
      return "topic";
    case FacetField::kYear:
      return "year";
    case FacetField::kMonth:
      return "month";
    case FacetField::kIssuer:
      break;
  }
  return "issuer";
}

std::string_view to_string(HistogramInterval h) {
  switch (h) {
    case HistogramInterval::kYear:
      return "year";
    case HistogramInterval::kMonth:
      return "month";
    case HistogramInterval::kDay:
      return "day";
    case HistogramInterval::kAuto:
      return "auto";
    case HistogramInterval::kNone:
      break;
  }
  return "none";
}

std::string_view to_string(ExportFormat f) {
  switch (f) {
    case ExportFormat::kJson:
      return "json";
    case ExportFormat::kCsv:
      return "csv";
    case ExportFormat::kNdjson:
      break;
  }
  return "ndjson";
}

std::string_view to_string(HistogramNormalize n) {
  switch (n) {
    case HistogramNormalize::kArchive:
      return "archive";
    case HistogramNormalize::kIssuer:
      return "issuer";
    case HistogramNormalize::kNone:
      break;
  }
  return "none";
}

}  // namespace pressroom
