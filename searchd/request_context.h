// The request this thread is answering: its id and what the access log and the metrics need.
// Thread-safety: current_request() is the calling thread's (thread_local).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <httplib.h>

namespace pressroom::searchd {

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

}  // namespace pressroom::searchd
