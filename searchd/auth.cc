#include "auth.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

#include "pressroom/text.h"

namespace pressroom::searchd {

namespace {

std::array<unsigned char, 32> digest_of(std::string_view token) {
  std::array<unsigned char, 32> out{};
  unsigned int n = 0;
  EVP_Digest(token.data(), token.size(), out.data(), &n, EVP_sha256(), nullptr);
  return out;
}

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

std::vector<std::string_view> fields_of(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

Result<std::vector<TokenEntry>> parse_tokens(std::string_view text, const std::string& source) {
  std::vector<TokenEntry> out;
  size_t line_no = 0;
  while (!text.empty()) {
    const size_t end = text.find_first_of("\n;");
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_no;
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) {
      // A comment starts a line or follows white space ('#' may be part of a token).
      if (hash == 0 || line[hash - 1] == ' ' || line[hash - 1] == '\t') line = line.substr(0, hash);
    }
    const auto f = fields_of(line);
    if (f.empty()) continue;
    const std::string where = source + ":" + std::to_string(line_no) + ": ";
    if (f.size() != 3)
      return make_error(ErrorCode::kInvalidArgument,
                        where + "expected ROLE NAME TOKEN (three fields), got " +
                            std::to_string(f.size()) + " field(s)");
    TokenEntry e;
    if (f[0] == "read")
      e.role = Role::kRead;
    else if (f[0] == "admin")
      e.role = Role::kAdmin;
    else
      return make_error(ErrorCode::kInvalidArgument, where + "the role must be read or admin");
    if (f[1].empty() || f[1].size() > 64 || !std::all_of(f[1].begin(), f[1].end(), name_char))
      return make_error(ErrorCode::kInvalidArgument,
                        where + "the name must be 1-64 characters of A-Z a-z 0-9 . _ -");
    e.name = std::string(f[1]);
    const std::string_view token = f[2];
    if (token.size() < 16 || token.size() > 256)
      return make_error(ErrorCode::kInvalidArgument,
                        where + "the token of '" + e.name + "' must be 16 to 256 characters long");
    for (char c : token)
      if (c < 0x21 || c > 0x7E)
        return make_error(ErrorCode::kInvalidArgument,
                          where + "the token of '" + e.name + "' must be printable ASCII");
    e.digest = digest_of(token);
    out.push_back(std::move(e));
  }
  return out;
}

Result<size_t> TokenStore::load(const std::string& file, const std::string& env_text) {
  std::vector<TokenEntry> all;
  if (!file.empty()) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    if (!in || !(text << in.rdbuf()))
      return make_error(ErrorCode::kUnavailable, "cannot read the token file " + file);
    auto parsed = parse_tokens(text.str(), file);
    if (!parsed) return parsed.error();
    all = std::move(parsed.value());
  }
  if (!env_text.empty()) {
    auto parsed = parse_tokens(env_text, "PRESSROOM_TOKENS");
    if (!parsed) return parsed.error();
    for (auto& e : parsed.value()) all.push_back(std::move(e));
  }
  std::set<std::string> names;
  for (const auto& e : all)
    if (!names.insert(e.name).second)
      return make_error(ErrorCode::kInvalidArgument,
                        "the token name '" + e.name + "' is used twice");
  const size_t n = all.size();
  auto fresh = std::make_shared<const std::vector<TokenEntry>>(std::move(all));
  MutexLock lock(mu_);
  entries_ = std::move(fresh);
  return n;
}

std::optional<TokenEntry> TokenStore::check(std::string_view presented) const {
  std::shared_ptr<const std::vector<TokenEntry>> entries;
  {
    MutexLock lock(mu_);
    entries = entries_;
  }
  const auto d = digest_of(presented);
  const TokenEntry* match = nullptr;
  for (const auto& e : *entries) {
    const bool same = CRYPTO_memcmp(d.data(), e.digest.data(), d.size()) == 0;
    if (same && !match) match = &e;
  }
  if (!match) return std::nullopt;
  return *match;
}

size_t TokenStore::size() const {
  MutexLock lock(mu_);
  return entries_->size();
}

std::optional<std::string_view> bearer_token(std::string_view v) {
  constexpr std::string_view kScheme = "bearer ";
  if (v.size() <= kScheme.size() || !text::iequals_ascii(v.substr(0, kScheme.size()), kScheme))
    return std::nullopt;
  v.remove_prefix(kScheme.size());
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  if (v.empty()) return std::nullopt;
  return v;
}

}  // namespace pressroom::searchd
