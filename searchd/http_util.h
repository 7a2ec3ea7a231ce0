// HTTP helpers shared by the handlers: the one error shape, status mapping, JSON responses,
// query parameters, the per-request context used by the access log.
// Thread-safety: free functions; current_request() is the calling thread's request.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "pressroom/params.h"
#include "pressroom/result.h"

namespace pressroom::searchd {

// HTTP status for an error code of the core or of searchd: invalid_argument 400, unauthorized
// 401, forbidden 403, not_found 404, method_not_allowed 405, request_timeout 408,
// payload_too_large 413, uri_too_long 414, too_many_requests 429, header_too_large 431,
// unavailable 503, anything else 500.
int status_for(ErrorCode code);

// The one error shape as text: {"error": {"code", "message", "field"}}.
std::string error_body(const Error& error);

// Sends the error body with the status of the code.
void send_error(httplib::Response& res, const Error& error);

// Sends JSON (invalid UTF-8 replaced, never thrown on) with the given status.
void send_json(httplib::Response& res, const nlohmann::ordered_json& body, int status = 200);

// The decoded query parameters, repeated names in the order given.
QueryParams query_params(const httplib::Request& req);

// invalid_argument naming the first parameter, for endpoints that take none.
Result<void> reject_params(const httplib::Request& req);

// What the access log and the metrics need to know about the request this thread is answering.
struct RequestContext {
  bool active = false;
  std::chrono::steady_clock::time_point start;
  std::string id;                   // X-Request-Id
  std::string_view route = "none";  // route name (metrics label)
  long long hits = -1;              // result count when the endpoint has one
  bool aborted = false;             // a streamed body was cut off on purpose
  std::string token;                // name of the bearer token presented, "" when none
};
RequestContext& current_request();

// A request id: the client's X-Request-Id when it is 1-64 characters of [A-Za-z0-9._-],
// else 16 random hex digits.
std::string request_id(const httplib::Request& req);

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
