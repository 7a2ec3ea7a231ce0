#include "mapping/user_regex.h"

#include <cstdint>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

namespace pressroom::indexer {

struct Regex::Compiled {
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

bool is_limit(int rc) {
  return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
         rc == PCRE2_ERROR_HEAPLIMIT;
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
      return make_error(ErrorCode::kInvalidMapping,
                        std::string("replacement \"") + rep + "\": $" + next +
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

// The highest group number a PCRE2 replacement names ($n or ${n}).
unsigned long highest_group(const std::string& rep) {
  unsigned long highest = 0;
  for (size_t i = 0; i + 1 < rep.size(); ++i) {
    if (rep[i] != '$') continue;
    if (rep[i + 1] == '$') {
      ++i;
      continue;
    }
    size_t j = i + 1 + (rep[i + 1] == '{' ? 1 : 0);
    unsigned long n = 0;
    size_t digits = 0;
    for (; j < rep.size() && rep[j] >= '0' && rep[j] <= '9' && digits < 6; ++j, ++digits)
      n = n * 10 + static_cast<unsigned long>(rep[j] - '0');
    if (digits > 0) highest = std::max(highest, n);
  }
  return highest;
}

}  // namespace

Result<Regex> Regex::compile(const std::string& pattern, bool caseless) {
  int code = 0;
  PCRE2_SIZE offset = 0;
  // Bytes, not UTF mode (so no subject is ever rejected as invalid UTF-8); $ is the end of the
  // subject, as in ECMAScript.
  pcre2_code* re = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                 PCRE2_DOLLAR_ENDONLY | (caseless ? PCRE2_CASELESS : 0u), &code,
                                 &offset, nullptr);
  if (!re)
    return make_error(ErrorCode::kInvalidMapping, "invalid regular expression \"" + pattern +
                                                      "\": " + pcre2_message(code) + " at offset " +
                                                      std::to_string(offset));
  auto compiled = std::make_shared<Compiled>();
  compiled->code = re;
  compiled->context = pcre2_match_context_create(nullptr);
  pcre2_set_match_limit(compiled->context, kMatchLimit);
  Regex r;
  r.compiled_ = std::move(compiled);
  r.pattern_ = pattern;
  return r;
}

Error Regex::limit_error(int rc) const {
  return make_error(ErrorCode::kInvalidRecord,
                    "pattern \"" + pattern_ + "\" gave up after " + std::to_string(kMatchLimit) +
                        " steps (" + pcre2_message(rc) +
                        "); nested repeats such as (a+)+ backtrack without end");
}

Result<std::optional<std::string>> Regex::search(std::string_view subject) const {
  std::unique_ptr<pcre2_match_data, void (*)(pcre2_match_data*)> md(
      pcre2_match_data_create_from_pattern(compiled_->code, nullptr), pcre2_match_data_free);
  const int rc = pcre2_match(compiled_->code, reinterpret_cast<PCRE2_SPTR>(subject.data()),
                             subject.size(), 0, 0, md.get(), compiled_->context);
  if (rc == PCRE2_ERROR_NOMATCH) return std::optional<std::string>();
  if (is_limit(rc)) return limit_error(rc);
  if (rc < 0)
    return make_error(ErrorCode::kInvalidRecord,
                      "pattern \"" + pattern_ + "\": " + pcre2_message(rc));
  const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md.get());
  const uint32_t pairs = pcre2_get_ovector_count(md.get());
  for (size_t g = 1; g < pairs && g < static_cast<size_t>(rc); ++g)
    if (ov[2 * g] != PCRE2_UNSET)
      return std::optional<std::string>(subject.substr(ov[2 * g], ov[(2 * g) + 1] - ov[2 * g]));
  return std::optional<std::string>(subject.substr(ov[0], ov[1] - ov[0]));
}

Result<RegexRewrite> RegexRewrite::compile(const std::string& pattern,
                                           const std::string& replacement) {
  auto rep = translate_replacement(replacement);
  if (!rep) return rep.error();
  auto re = Regex::compile(pattern);
  if (!re) return re.error();
  // A replacement naming a group the pattern lacks would fail on every match: say so now.
  uint32_t groups = 0;
  pcre2_pattern_info(re->compiled_->code, PCRE2_INFO_CAPTURECOUNT, &groups);
  if (const unsigned long n = highest_group(rep.value()); n > groups)
    return make_error(ErrorCode::kInvalidMapping,
                      "replacement \"" + replacement + "\" names group " + std::to_string(n) +
                          " but \"" + pattern + "\" has " + std::to_string(groups));
  RegexRewrite r;
  r.regex_ = std::move(re).value();
  r.replacement_ = std::move(rep).value();
  return r;
}

Result<std::string> RegexRewrite::apply(const std::string& text) const {
  const auto& c = *regex_.compiled_;
  std::string out;
  PCRE2_SIZE size = text.size() + text.size() / 4 + 64;
  for (int attempt = 0; attempt < 2; ++attempt) {
    out.resize(size);
    PCRE2_SIZE len = size;
    const int rc =
        pcre2_substitute(c.code, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), 0,
                         PCRE2_SUBSTITUTE_GLOBAL | PCRE2_SUBSTITUTE_OVERFLOW_LENGTH, nullptr,
                         c.context, reinterpret_cast<PCRE2_SPTR>(replacement_.data()),
                         replacement_.size(), reinterpret_cast<PCRE2_UCHAR*>(out.data()), &len);
    if (rc >= 0) {
      out.resize(len);
      stats_->tried.fetch_add(1, std::memory_order_relaxed);
      if (rc > 0) stats_->matched.fetch_add(1, std::memory_order_relaxed);  // rc: substitutions
      return out;
    }
    if (rc == PCRE2_ERROR_NOMEMORY) {  // len is now the size needed: once more with that
      size = len;
      continue;
    }
    if (is_limit(rc)) return regex_.limit_error(rc);
    return make_error(ErrorCode::kInvalidMapping,
                      "replace pattern \"" + pattern() + "\": " + pcre2_message(rc));
  }
  return make_error(ErrorCode::kInvalidMapping,
                    "replace pattern \"" + pattern() + "\": output size changed");
}

}  // namespace pressroom::indexer
