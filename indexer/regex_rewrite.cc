#include "regex_rewrite.h"

#include <cstdint>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

namespace pressroom::indexer {

struct RegexRewrite::Compiled {
  pcre2_code* code = nullptr;
  pcre2_match_context* context = nullptr;
  ~Compiled() {
    pcre2_match_context_free(context);
    pcre2_code_free(code);
  }
};

namespace {

std::string pcre2_message(int code) {
  PCRE2_UCHAR buf[256];
  const int n = pcre2_get_error_message(code, buf, sizeof buf);
  return n < 0 ? "PCRE2 error " + std::to_string(code) : std::string(reinterpret_cast<char*>(buf));
}

// ECMAScript's replacement escapes in PCRE2's syntax: $& is $0; $` and $' (the text before and
// after the match) have no PCRE2 equivalent. $n, ${n}, $$ mean the same in both.
Result<std::string> translate_replacement(const std::string& rep) {
  std::string out;
  for (size_t i = 0; i < rep.size(); ++i) {
    if (rep[i] != '$' || i + 1 == rep.size()) {
      out += rep[i];
      continue;
    }
    const char next = rep[i + 1];
    if (next == '&') {
      out += "$0";
      ++i;
    } else if (next == '`' || next == '\'') {
      return make_error("invalid_mapping", std::string("replacement \"") + rep + "\": $" + next +
                                               " is not supported (use groups: $1, $2, ...)");
    } else if (next == '$') {
      out += "$$";
      ++i;
    } else {
      out += '$';
    }
  }
  return out;
}

}  // namespace

Result<RegexRewrite> RegexRewrite::compile(const std::string& pattern,
                                           const std::string& replacement) {
  auto rep = translate_replacement(replacement);
  if (!rep) return rep.error();
  int code = 0;
  PCRE2_SIZE offset = 0;
  // Bytes, not UTF mode (values are valid UTF-8 by then, and byte matching never rejects them);
  // $ is the end of the value, as in ECMAScript.
  pcre2_code* re = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                 PCRE2_DOLLAR_ENDONLY, &code, &offset, nullptr);
  if (!re)
    return make_error("invalid_mapping", "invalid regular expression \"" + pattern +
                                             "\": " + pcre2_message(code) + " at offset " +
                                             std::to_string(offset));
  auto compiled = std::make_shared<Compiled>();
  compiled->code = re;
  compiled->context = pcre2_match_context_create(nullptr);
  pcre2_set_match_limit(compiled->context, kMatchLimit);
  RegexRewrite r;
  r.compiled_ = std::move(compiled);
  r.pattern_ = pattern;
  r.replacement_ = std::move(rep).value();
  // A replacement naming a group the pattern lacks would fail on every match: say so now.
  uint32_t groups = 0;
  pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &groups);
  const std::string& t = r.replacement_;
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    if (t[i] != '$') continue;
    if (t[i + 1] == '$') {
      ++i;
      continue;
    }
    size_t j = i + 1 + (t[i + 1] == '{' ? 1 : 0);
    unsigned long n = 0;
    size_t digits = 0;
    for (; j < t.size() && t[j] >= '0' && t[j] <= '9' && digits < 6; ++j, ++digits)
      n = n * 10 + static_cast<unsigned long>(t[j] - '0');
    if (digits > 0 && n > groups)
      return make_error("invalid_mapping", "replacement \"" + replacement + "\" names group " +
                                               std::to_string(n) + " but \"" + pattern + "\" has " +
                                               std::to_string(groups));
  }
  return r;
}

Result<std::string> RegexRewrite::apply(const std::string& text) const {
  std::string out;
  PCRE2_SIZE size = text.size() + text.size() / 4 + 64;
  for (int attempt = 0; attempt < 2; ++attempt) {
    out.resize(size);
    PCRE2_SIZE len = size;
    const int rc =
        pcre2_substitute(compiled_->code, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), 0,
                         PCRE2_SUBSTITUTE_GLOBAL | PCRE2_SUBSTITUTE_OVERFLOW_LENGTH, nullptr,
                         compiled_->context, reinterpret_cast<PCRE2_SPTR>(replacement_.data()),
                         replacement_.size(), reinterpret_cast<PCRE2_UCHAR*>(out.data()), &len);
    if (rc >= 0) {
      out.resize(len);
      return out;
    }
    if (rc == PCRE2_ERROR_NOMEMORY) {  // len is the size needed; once more with that
      size = len;
      continue;
    }
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT)
      return make_error("invalid_record",
                        "replace pattern \"" + pattern_ + "\" gave up on this value after " +
                            std::to_string(kMatchLimit) + " steps (" + pcre2_message(rc) +
                            "); nested repeats such as (a+)+ backtrack without end");
    return make_error("invalid_mapping",
                      "replace pattern \"" + pattern_ + "\": " + pcre2_message(rc));
  }
  return make_error("invalid_mapping", "replace pattern \"" + pattern_ + "\": output size changed");
}

}  // namespace pressroom::indexer
