// HTTP query parameters -> SearchRequest, driven by one table of parameters.
//
// parse_params() is a pure function (no HTTP, no database): it takes the decoded (name, value)
// pairs in the order the client sent them and returns a SearchRequest or the first precise
// Error (code "invalid_argument", `field` = the parameter's name, message says what was expected
// and what was given). Rules:
//   - a parameter the endpoint does not know is an error, with a suggestion for a likely typo;
//   - a non-repeatable parameter given twice is an error;
//   - an empty value means "not given" (HTML forms send empty fields), the default applies;
//   - every value must be valid UTF-8 without NUL bytes (the error names the first bad byte);
//   - q is bounded in bytes, words and bracket depth (Limits::max_query_*);
//   - numbers are whole decimal numbers within the bounds of the table (bounds from Limits);
//   - dates are checked with date_bound() and `from` may not be after `to`;
//   - `facets`/`fields` take comma-separated lists and may be repeated; `facets=none` asks for
//   none.
// Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pressroom/result.h"
#include "pressroom/search_request.h"

namespace pressroom {

// The parameter sets of the endpoints that take search filters.
enum class Endpoint : unsigned {
  kSearch = 1,   // /api/v1/search
  kExport = 2,   // /api/v1/export and /api/v1/export/manifest
  kFeed = 4,     // /api/v1/feed
  kSimilar = 8,  // /api/v1/documents/{id}/similar
};

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// One row of the parameter table, for documentation and tests; the bounds text is rendered with
// the given limits ("1..100").
struct ParamInfo {
  std::string name;
  std::string type;
  std::string bounds;
  std::string default_value;
  bool repeatable = false;
};

Result<SearchRequest> parse_params(const QueryParams& params, Endpoint endpoint,
                                   const Limits& limits);

// The parameters an endpoint accepts, in table order.
std::vector<ParamInfo> endpoint_params(Endpoint endpoint, const Limits& limits);

}  // namespace pressroom
