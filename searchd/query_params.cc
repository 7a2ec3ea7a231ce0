#include "query_params.h"

namespace pressroom::searchd {

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
