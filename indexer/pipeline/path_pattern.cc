#include "pipeline/path_pattern.h"

#include <cstring>
#include <vector>

#include "pressroom/dates.h"
#include "pressroom/text.h"

namespace pressroom::indexer {

namespace {

using json = nlohmann::ordered_json;

std::string regex_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::strchr(R"(\^$.|?*+()[]{}/)", c)) out += '\\';
    out += c;
  }
  return out;
}

int month_number(std::string_view name) {
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return 0;
  const std::string l = text::lower_ascii(name);
  for (int i = 0; i < 12; ++i)
    if (l.compare(0, 3, kMonths[i]) == 0) return i + 1;
  return 0;
}

bool is_date_part(const std::string& name) {
  return name == "yyyy" || name == "mm" || name == "dd" || name == "mmdd" || name == "yyyymmdd";
}

std::string date_part_regex(const std::string& name) {
  if (name == "yyyy") return R"((\d{4}))";
  if (name == "mm" || name == "dd") return R"((\d{2}))";
  if (name == "mmdd") return R"((\d{4}))";
  return R"((\d{8}))";
}

// The regular expression of one date directive (%Y …), or "" when it is unknown.
std::string directive_regex(char d) {
  switch (d) {
    case 'Y':
      return R"((\d{4}))";
    case 'y':
      return R"((\d{2}))";
    case 'm':
    case 'd':
    case 'H':
    case 'M':
      return R"((\d{1,2}))";
    case 'b':
      return "([A-Za-z]{3})";
    case 'B':
      return "([A-Za-z]{3,9})";
    default:
      return {};
  }
}

// Appends the group of a strftime-like date format to `re`, with one inner group per directive
// (the directives, in order, go to `directives`); the error otherwise.
std::optional<std::string> date_format_regex(const std::string& fmt, std::string& re,
                                             std::string& directives) {
  re += "(";
  for (size_t k = 0; k < fmt.size(); ++k) {
    if (fmt[k] != '%') {
      re += regex_escape(std::string_view(&fmt[k], 1));
      continue;
    }
    if (++k >= fmt.size()) return "a '%' at the end of the date format";
    if (fmt[k] == '%') {
      re += "%";
      continue;
    }
    std::string d = directive_regex(fmt[k]);
    if (d.empty())
      return std::string("unknown date directive %") + fmt[k] + " (known: %Y %y %m %d %b %B %H %M)";
    re += d;
    directives += fmt[k];
  }
  re += ")";
  return std::nullopt;
}

// Turns the pieces of a date into ISO text and checks it is a real date.
Result<std::string> iso_date(int y, int m, int d, int hh, int mi, bool has_time,
                             const std::string& shown) {
  char buf[32];
  if (m == 0) {
    std::snprintf(buf, sizeof buf, "%04d", y);
  } else if (d == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  } else if (has_time) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", y, m, d, hh, mi);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  }
  if (!parse_date(buf))
    return make_error(ErrorCode::kInvalidRecord,
                      "the date \"" + shown + "\" in the path is not a valid date", "date");
  return std::string(buf);
}

}  // namespace

Result<PathPattern> PathPattern::compile(const std::string& pattern) {
  PathPattern p;
  p.text_ = pattern;
  std::string re = "(?:^|/)";
  auto err = [&](const std::string& msg) {
    return make_error(ErrorCode::kInvalidMapping, "path_pattern \"" + pattern + "\": " + msg);
  };
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c != '{') {
      if (c == '}') return err("a '}' without its '{'");
      re += regex_escape(std::string_view(&pattern[i], 1));
      continue;
    }
    size_t close = pattern.find('}', i);
    if (close == std::string::npos) return err("unclosed '{'");
    std::string inner = pattern.substr(i + 1, close - i - 1);
    i = close;
    if (inner == "*") {
      re += "[^/]*";
      continue;
    }
    if (inner == "**") {
      // Any number of whole folders, including none ("{**}/x" also matches "x").
      if (i + 1 < pattern.size() && pattern[i + 1] == '/') {
        re += "(?:[^/]+/)*";
        ++i;
      } else {
        re += ".*";
      }
      continue;
    }
    std::string name = inner, fmt;
    if (auto colon = inner.find(':'); colon != std::string::npos) {
      name = inner.substr(0, colon);
      fmt = inner.substr(colon + 1);
    }
    if (name.empty() || name.find_first_of("/{}") != std::string::npos)
      return err("a placeholder needs a name, like {issuer}");
    if (fmt.empty()) {
      re += is_date_part(name) ? date_part_regex(name) : "([^/]+?)";
      p.groups_.push_back({name, ""});
      continue;
    }
    // A date in a strftime-like format: one outer group for the whole text, inner groups for
    // the directives (kept in order so match() can read them back).
    p.groups_.push_back({name, fmt});
    std::string directives;
    if (auto bad = date_format_regex(fmt, re, directives)) return err(*bad);
    for (char d : directives) p.groups_.push_back({"", std::string(1, d)});
  }
  re += "$";
  try {
    p.re_ = std::regex(re, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return err(std::string("cannot be compiled: ") + e.what());
  }
  return p;
}

std::optional<Result<json>> PathPattern::match(std::string_view path) const {
  std::string s(path);
  std::smatch m;
  if (!std::regex_search(s, m, re_)) return std::nullopt;
  json out = json::object();
  int y = 0, mo = 0, d = 0;
  bool parts = false;
  std::string shown;  // the date parts as they appear in the path, for messages
  for (size_t g = 0; g < groups_.size(); ++g) {
    const Group& grp = groups_[g];
    std::string v = m[g + 1].str();
    if (!grp.name.empty() && grp.date_fmt.empty()) {
      out[grp.name] = v;
      if (is_date_part(grp.name)) shown += (shown.empty() ? "" : "/") + v;
      if (grp.name == "yyyy") y = std::stoi(v), parts = true;
      if (grp.name == "mm") mo = std::stoi(v), parts = true;
      if (grp.name == "dd") d = std::stoi(v), parts = true;
      if (grp.name == "mmdd")
        mo = std::stoi(v.substr(0, 2)), d = std::stoi(v.substr(2)), parts = true;
      if (grp.name == "yyyymmdd")
        y = std::stoi(v.substr(0, 4)), mo = std::stoi(v.substr(4, 2)), d = std::stoi(v.substr(6)),
        parts = true;
      continue;
    }
    if (grp.name.empty()) continue;  // a directive of the preceding date group
    int yy = 0, mm = 0, dd = 0, hh = 0, mi = 0;
    bool time = false;
    for (size_t k = g + 1; k < groups_.size() && groups_[k].name.empty(); ++k) {
      std::string part = m[k + 1].str();
      switch (groups_[k].date_fmt[0]) {
        case 'Y':
          yy = std::stoi(part);
          break;
        case 'y':
          yy = 2000 + std::stoi(part);
          if (yy > 2069) yy -= 100;
          break;
        case 'm':
          mm = std::stoi(part);
          break;
        case 'd':
          dd = std::stoi(part);
          break;
        case 'H':
          hh = std::stoi(part);
          time = true;
          break;
        case 'M':
          mi = std::stoi(part);
          time = true;
          break;
        case 'b':
        case 'B':
          mm = month_number(part);
          if (mm == 0) mm = 99;
          break;
        default:
          break;
      }
    }
    auto iso = iso_date(yy, mm, dd, hh, mi, time, v);
    if (!iso) return Result<json>(iso.error());
    out[grp.name] = iso.value();
  }
  if (parts && !out.contains("date")) {
    if (y == 0)
      return Result<json>(make_error(ErrorCode::kInvalidRecord,
                                     "the path gives a month or day but no {yyyy}", "date"));
    auto iso = iso_date(y, mo, d, 0, 0, false, shown);
    if (!iso) return Result<json>(iso.error());
    out["date"] = iso.value();
  }
  return Result<json>(std::move(out));
}

namespace {

// Every recursive call works on suffixes of the original pattern and path, so (suffix lengths)
// identify a sub-problem: memoising them keeps runs of '*' polynomial instead of exponential
// (a fuzzer found a pattern that hung the plain backtracking).
struct GlobMemo {
  size_t s_total;
  std::vector<signed char> seen;  // -1 unknown, 0 false, 1 true; index p_len * (s_total+1) + s_len
};

bool glob_here(std::string_view p, std::string_view s, GlobMemo& memo);

bool glob_here_uncached(std::string_view p, std::string_view s, GlobMemo& memo) {
  while (!p.empty()) {
    if (p.substr(0, 2) == "**") {
      std::string_view rest = p.substr(2);
      bool slash = !rest.empty() && rest[0] == '/';
      if (slash && glob_here(rest.substr(1), s, memo)) return true;  // "**/" matching no folder
      for (size_t k = 0; k <= s.size(); ++k)
        if (glob_here(rest, s.substr(k), memo)) return true;
      return false;
    }
    if (p[0] == '*') {
      for (size_t k = 0; k <= s.size(); ++k) {
        if (glob_here(p.substr(1), s.substr(k), memo)) return true;
        if (k < s.size() && s[k] == '/') break;
      }
      return false;
    }
    if (s.empty()) return false;
    if (p[0] == '?') {
      if (s[0] == '/') return false;
    } else if (p[0] == '[') {
      size_t close = p.find(']', 2);
      if (close == std::string_view::npos) {
        if (s[0] != '[') return false;
      } else {
        std::string_view set = p.substr(1, close - 1);
        bool negate = !set.empty() && (set[0] == '!' || set[0] == '^');
        if (negate) set.remove_prefix(1);
        bool in = false;
        for (size_t k = 0; k < set.size(); ++k) {
          if (k + 2 < set.size() && set[k + 1] == '-') {
            in |= s[0] >= set[k] && s[0] <= set[k + 2];
            k += 2;
          } else {
            in |= s[0] == set[k];
          }
        }
        if (in == negate || s[0] == '/') return false;
        p.remove_prefix(close + 1);
        s.remove_prefix(1);
        continue;
      }
    } else if (p[0] != s[0]) {
      return false;
    }
    p.remove_prefix(1);
    s.remove_prefix(1);
  }
  return s.empty();
}

bool glob_here(std::string_view p, std::string_view s, GlobMemo& memo) {
  signed char& slot = memo.seen[p.size() * (memo.s_total + 1) + s.size()];
  if (slot < 0) slot = glob_here_uncached(p, s, memo) ? 1 : 0;
  return slot == 1;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view relative_path) {
  while (pattern.substr(0, 2) == "./") pattern.remove_prefix(2);
  if (!pattern.empty() && pattern[0] == '/') pattern.remove_prefix(1);
  if (pattern.find('/') == std::string_view::npos) {
    size_t slash = relative_path.rfind('/');
    if (slash != std::string_view::npos) relative_path.remove_prefix(slash + 1);
  }
  // Linux paths are at most 4096 bytes; longer globs than this are no real patterns. The bound
  // also caps the memo table (at most ~4 MB).
  if (pattern.size() > 1024 || relative_path.size() > 4096) return false;
  GlobMemo memo{relative_path.size(),
                std::vector<signed char>((pattern.size() + 1) * (relative_path.size() + 1), -1)};
  return glob_here(pattern, relative_path, memo);
}

}  // namespace pressroom::indexer
