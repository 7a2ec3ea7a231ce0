#include "request_context.h"

#include <cstdint>
#include <random>

namespace pressroom::searchd {

RequestContext& current_request() {
  thread_local RequestContext ctx;
  return ctx;
}

std::string request_id(const httplib::Request& req) {
  std::string given = req.get_header_value("X-Request-Id");
  bool ok = !given.empty() && given.size() <= 64;
  for (char c : given)
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '_' || c == '-');
  if (ok) return given;
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(16, '0');
  uint64_t r = rng();
  for (auto& c : id) {
    c = kHex[r & 15];
    r >>= 4;
  }
  return id;
}

}  // namespace pressroom::searchd
