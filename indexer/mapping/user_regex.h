#pragma once
// Regular expressions written by users in mapping files: a text capture's line patterns
// ([text] date_line, body_end, ...) and field rewrites (`replace`), plus the built-in line
// patterns. PCRE2 (Perl-compatible; a superset of the ECMAScript patterns these once were),
// matched on bytes, with a bound on the work one subject may cost: a pattern that backtracks
// catastrophically (nested repeats like (a+)+) is an error for that record, not a hang of the
// import, and deep patterns on long bodies cannot overflow the stack.
#include <atomic>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "pressroom/result.h"

namespace pressroom::indexer {

class Regex {
 public:
  // Steps PCRE2 may take per subject before giving up (its match limit); a sane rewrite of a
  // 1 MB body takes a few million.
  static constexpr unsigned kMatchLimit = 20'000'000;

  // An error (invalid_mapping) names the pattern and gives PCRE2's message and offset.
  static Result<Regex> compile(const std::string& pattern, bool caseless = false);

  // The text of the first capture group that took part in the match, else the whole match;
  // nullopt when nothing matches. Error (invalid_record) when the match limit is reached.
  Result<std::optional<std::string>> search(std::string_view subject) const;

  const std::string& pattern() const { return pattern_; }

 private:
  friend class RegexRewrite;
  struct Compiled;
  Error limit_error(int rc) const;
  std::shared_ptr<const Compiled> compiled_;
  std::string pattern_;
};

// A `replace` rewrite: every match of the pattern replaced.
class RegexRewrite {
 public:
  // Replacements use ECMAScript's escapes: $1, ${1}, $& (the match), $$; $` and $' and groups
  // the pattern lacks are errors (invalid_mapping).
  static Result<RegexRewrite> compile(const std::string& pattern, const std::string& replacement);

  // Error (invalid_record) when the match limit is reached. Thread-safe; counts the values it
  // rewrote and those it was given (shared by copies of this rewrite).
  Result<std::string> apply(const std::string& text) const;

  const std::string& pattern() const { return regex_.pattern(); }
  // How many values apply() has been given, and how many of them the pattern matched.
  size_t values_tried() const { return stats_->tried.load(std::memory_order_relaxed); }
  size_t values_matched() const { return stats_->matched.load(std::memory_order_relaxed); }

 private:
  struct Stats {
    std::atomic<size_t> tried{0};
    std::atomic<size_t> matched{0};
  };
  Regex regex_;
  std::string replacement_;  // in PCRE2's syntax ($& written as $0)
  std::shared_ptr<Stats> stats_ = std::make_shared<Stats>();
};

}  // namespace pressroom::indexer
