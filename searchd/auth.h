// Bearer tokens: who may read (when --require-token is on) and who may run maintenance.
//
// Tokens come from the file of --token-file and from the environment variable PRESSROOM_TOKENS,
// in one format: one entry per line (';' also separates entries in the environment), blank
// lines and '#' comments ignored, each entry three fields separated by white space:
//     ROLE NAME TOKEN        e.g.  admin ops 6f1c0e4a9b2d7e11c0ffee5eed...
// ROLE is `read` (search, documents, exports, feeds, stats, metrics) or `admin` (everything,
// maintenance endpoints included); NAME ([A-Za-z0-9._-], 1-64 characters) is what the log shows
// of a token; TOKEN is 16 to 256 printable ASCII characters without spaces.
//
// Only SHA-256 digests of the tokens are kept, and check() compares a presented token's digest
// with every entry's with CRYPTO_memcmp, without stopping at a match: the time taken does not
// depend on how much of a token was right. Error messages name the source and line, never a
// token. Thread-safety: check() and size() may run while reload() replaces the entries.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pressroom/result.h"
#include "pressroom/thread_annotations.h"

namespace pressroom::searchd {

enum class Role { kRead, kAdmin };

struct TokenEntry {
  Role role = Role::kRead;
  std::string name;
  std::array<unsigned char, 32> digest{};
};

// Parses entries. `source` names the text in messages ("tokens.txt", "PRESSROOM_TOKENS").
// Error "invalid_argument": a malformed entry, with its line.
Result<std::vector<TokenEntry>> parse_tokens(std::string_view text, const std::string& source);

class TokenStore {
 public:
  // Reads the file (when not empty) and the environment text; replaces the entries only when
  // both parse. Returns the number of tokens. Errors: "invalid_argument" (a malformed entry, or
  // the same name twice), "unavailable" (the file cannot be read).
  Result<size_t> load(const std::string& file, const std::string& env_text);

  // The entry a presented token belongs to, or nullopt.
  [[nodiscard]] std::optional<TokenEntry> check(std::string_view presented) const;

  [[nodiscard]] size_t size() const;

 private:
  mutable Mutex mu_;
  std::shared_ptr<const std::vector<TokenEntry>> entries_ GUARDED_BY(mu_) =
      std::make_shared<const std::vector<TokenEntry>>();
};

// The token of an "Authorization: Bearer TOKEN" header value (scheme case-insensitive), or
// nullopt when the value has another form.
std::optional<std::string_view> bearer_token(std::string_view authorization);

}  // namespace pressroom::searchd
