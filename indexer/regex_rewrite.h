#pragma once
// A mapping's `replace` rewrite: a regular expression and its replacement, applied to every match
// of a field's value. PCRE2 (Perl-compatible; a superset of the ECMAScript patterns mappings
// used before), with a bound on the work one value may cost: a pattern that backtracks
// catastrophically on some value (nested repeats like (a+)+) is an error for that record, not a
// hang of the import, and deep patterns on long bodies cannot overflow the stack.
#include <memory>
#include <string>

#include "pressroom/result.h"

namespace pressroom::indexer {

class RegexRewrite {
 public:
  // Steps PCRE2 may take per value before giving up (its match limit); a sane rewrite of a
  // 1 MB body takes a few million.
  static constexpr unsigned kMatchLimit = 20'000'000;

  // An error names the pattern and says what is wrong with it (PCRE2's message and offset), or
  // which replacement escape is not supported.
  static Result<RegexRewrite> compile(const std::string& pattern, const std::string& replacement);

  // Every match of the pattern in `text` replaced. Error when the match limit is reached.
  Result<std::string> apply(const std::string& text) const;

  const std::string& pattern() const { return pattern_; }

 private:
  struct Compiled;
  std::shared_ptr<const Compiled> compiled_;
  std::string pattern_;
  std::string replacement_;  // in PCRE2's syntax ($& written as $0)
};

}  // namespace pressroom::indexer
