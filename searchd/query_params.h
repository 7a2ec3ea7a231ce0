// A request's query parameters as core's QueryParams, and the URLs built from them.
// Thread-safety: pure.
#pragma once

#include <string>

#include <httplib.h>

#include "pressroom/params.h"
#include "pressroom/result.h"

namespace pressroom::searchd {

// The decoded query parameters, repeated names in the order given.
QueryParams query_params(const httplib::Request& req);

// invalid_argument naming the first parameter, for endpoints that take none.
Result<void> reject_params(const httplib::Request& req);

// The address clients use to reach this server ("http://host:port", no trailing slash):
// base_url when configured, else from the Host header when it looks like a host name, else
// fallback.
std::string public_base(const httplib::Request& req, const std::string& base_url,
                        const std::string& fallback);

// The request's parameters encoded again as a query string ("" when none): httplib decodes the
// target, so this is the form to put in URLs (names sorted, repeated values in their order).
std::string query_string(const httplib::Request& req);

// Percent-encodes everything but RFC 3986 unreserved characters.
std::string url_encode(const std::string& s);

}  // namespace pressroom::searchd
