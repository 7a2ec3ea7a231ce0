#include "http_util.h"

#include <random>

namespace pressroom::searchd {

int status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthorized:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kRequestTimeout:
      return 408;
    case ErrorCode::kPayloadTooLarge:
      return 413;
    case ErrorCode::kUriTooLong:
      return 414;
    case ErrorCode::kTooManyRequests:
      return 429;
    case ErrorCode::kHeaderTooLarge:
      return 431;
    case ErrorCode::kUnavailable:
      return 503;
    // Codes of failures that are the server's, not the request's: the database or the files
    // behind it (and the indexer's input codes, which a request never produces).
    case ErrorCode::kInternal:
    case ErrorCode::kIoError:
    case ErrorCode::kSchemaMismatch:
    case ErrorCode::kNotADatabase:
    case ErrorCode::kLocked:
    case ErrorCode::kSnapshotChanged:
    case ErrorCode::kBindFailed:
    case ErrorCode::kEmpty:
    case ErrorCode::kInvalidDate:
    case ErrorCode::kInvalidFrontMatter:
    case ErrorCode::kInvalidInput:
    case ErrorCode::kInvalidMapping:
    case ErrorCode::kInvalidMarkdown:
    case ErrorCode::kInvalidRecord:
    case ErrorCode::kInvalidXpath:
    case ErrorCode::kMalformedCsv:
    case ErrorCode::kMalformedJson:
    case ErrorCode::kMalformedXml:
    case ErrorCode::kNoDate:
    case ErrorCode::kNotAFeed:
    case ErrorCode::kPathMismatch:
    case ErrorCode::kUndecodable:
      return 500;
  }
  return 500;
}

void send_json(httplib::Response& res, const nlohmann::ordered_json& body, int status) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

std::string error_body(const Error& error) {
  nlohmann::ordered_json body = {
      {"error",
       {{"code", to_string(error.code)}, {"message", error.message}, {"field", error.field}}}};
  return body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

void send_error(httplib::Response& res, const Error& error) {
  res.status = status_for(error.code);
  res.set_content(error_body(error), "application/json; charset=utf-8");
}

QueryParams query_params(const httplib::Request& req) {
  QueryParams out;
  out.reserve(req.params.size());
  for (const auto& [name, value] : req.params) out.emplace_back(name, value);
  return out;
}

Result<void> reject_params(const httplib::Request& req) {
  if (req.params.empty()) return {};
  const std::string& name = req.params.begin()->first;
  return make_error(ErrorCode::kInvalidArgument,
                    "unknown parameter \"" + name.substr(0, 60) + "\"; this endpoint takes none",
                    name);
}

RequestContext& current_request() {
  thread_local RequestContext ctx;
  return ctx;
}

std::string request_id(const httplib::Request& req) {
  const std::string given = req.get_header_value("X-Request-Id");
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

std::string public_base(const httplib::Request& req, const std::string& base_url,
                        const std::string& fallback) {
  if (!base_url.empty()) return base_url;
  const std::string host = req.get_header_value("Host");
  bool ok = !host.empty() && host.size() <= 255;
  for (char c : host)
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '-' || c == ':' || c == '[' || c == ']');
  return ok ? "http://" + host : fallback;
}

std::string url_encode(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string query_string(const httplib::Request& req) {
  std::string out;
  for (const auto& [name, value] : req.params) {
    if (!out.empty()) out += '&';
    out += url_encode(name) + "=" + url_encode(value);
  }
  return out;
}

}  // namespace pressroom::searchd
