#include "pressroom/result.h"

#include <ostream>

namespace pressroom {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::kBindFailed:
      return "bind_failed";
    case ErrorCode::kEmpty:
      return "empty";
    case ErrorCode::kForbidden:
      return "forbidden";
    case ErrorCode::kHeaderTooLarge:
      return "header_too_large";
    case ErrorCode::kInternal:
      return "internal";
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kInvalidDate:
      return "invalid_date";
    case ErrorCode::kInvalidFrontMatter:
      return "invalid_front_matter";
    case ErrorCode::kInvalidInput:
      return "invalid_input";
    case ErrorCode::kInvalidMapping:
      return "invalid_mapping";
    case ErrorCode::kInvalidMarkdown:
      return "invalid_markdown";
    case ErrorCode::kInvalidRecord:
      return "invalid_record";
    case ErrorCode::kInvalidXpath:
      return "invalid_xpath";
    case ErrorCode::kIoError:
      return "io_error";
    case ErrorCode::kLocked:
      return "locked";
    case ErrorCode::kMalformedCsv:
      return "malformed_csv";
    case ErrorCode::kMalformedJson:
      return "malformed_json";
    case ErrorCode::kMalformedXml:
      return "malformed_xml";
    case ErrorCode::kMethodNotAllowed:
      return "method_not_allowed";
    case ErrorCode::kNoDate:
      return "no_date";
    case ErrorCode::kNotADatabase:
      return "not_a_database";
    case ErrorCode::kNotAFeed:
      return "not_a_feed";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kPathMismatch:
      return "path_mismatch";
    case ErrorCode::kPayloadTooLarge:
      return "payload_too_large";
    case ErrorCode::kRequestTimeout:
      return "request_timeout";
    case ErrorCode::kSchemaMismatch:
      return "schema_mismatch";
    case ErrorCode::kSnapshotChanged:
      return "snapshot_changed";
    case ErrorCode::kTooManyRequests:
      return "too_many_requests";
    case ErrorCode::kUnauthorized:
      return "unauthorized";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kUndecodable:
      return "undecodable";
    case ErrorCode::kUriTooLong:
      return "uri_too_long";
  }
  return "internal";  // unreachable: every enumerator is handled above (-Wswitch)
}

std::ostream& operator<<(std::ostream& out, ErrorCode code) { return out << to_string(code); }

}  // namespace pressroom
