// Text captures of web pages (format "text"): the release sits among navigation lines, headline
// lists and footers. The date line ("Monday, 7 June 2021, 4:25 pm", or "Published: 13 April 2018")
// anchors the release: the title is the nearest line above it, the issuer a line like
// "Press Release: Access Now" next to it, and the body runs from below them to the first footer
// line ("© ...", "More stories", "ENDS", "###"), without share/menu lines and without a trailing
// list of headlines. Patterns come from the mapping's [text] table plus built-in defaults
// (docs/ingest.md lists them). Without a date line the first line is the title and the rest the
// body, and the record is rejected ("no date found") unless the date comes from elsewhere (a path
// pattern or a mapping field): a capture without a date is rarely a release.
// Before any of this, the page chrome of the file's folder (boilerplate.h) is blanked out of the
// head and tail. A file of one line (a whole release on one line), or a title line longer than
// kLongTitleLine, gets a title cut at a sentence boundary (text_title.h) and stays whole in the
// body.
#include <algorithm>
#include <stdexcept>

#include "formats/boilerplate.h"
#include "formats/formats.h"
#include "formats/text_decode.h"
#include "formats/text_title.h"
#include "pressroom/dates.h"
#include "pressroom/text.h"

namespace pressroom::indexer {

namespace {

// A built-in pattern: known to compile (the text-capture tests use every one).
Regex builtin(const char* pattern, bool caseless = true) {
  auto re = Regex::compile(pattern, caseless);
  if (!re) throw std::logic_error(re.error().message);
  return std::move(re).value();
}

const TextCaptureOptions& builtin_patterns() {
  static const TextCaptureOptions kBuiltin = [] {
    TextCaptureOptions o;
    o.date_lines = {
        builtin(R"(^(?:published|posted|released|issued|dated?|updated)(?: on)?\s*:?\s*(.+)$)")};
    o.issuer_lines = {builtin(R"(^(?:press|media) release\s*:\s*(.+)$)"),
                      builtin(R"(^(?:issued by|released by|statement from|from)\s*:\s*(.+)$)")};
    o.body_end = {
        builtin(R"(^(?:©|\(c\)\s|copyright\b))"),
        builtin(R"(^find more from .+ on infopages)"),
        builtin(
            R"(^(?:more|related|latest|recent|other|top|popular|trending|most read)\s+(?:stories|news|headlines|releases|articles|posts|from|in)\b)"),
        builtin(R"(^-*\s*ends?\s*-*$)"),
        builtin(R"(^#\s*#\s*#$)", false),
        builtin(R"(^-\s*30\s*-$)", false),
        builtin(
            R"(^(?:back to top|leave a (?:comment|reply)|comments?\s*(?:\(\d+\))?:?$|tags?:|filed under\b))"),
    };
    o.drop_lines = {
        builtin(
            R"(^(?:share|share this|tweet|email|e-mail|print|facebook|twitter|linkedin|whatsapp|reddit)(?:\s*[|•·/,]\s*(?:share|tweet|email|e-mail|print|facebook|twitter|linkedin|whatsapp|reddit))*:?$)"),
        builtin(R"(^(?:skip to (?:main )?content|menu|search|home|close)$)"),
        builtin(R"(^\[\d+\]$)", false),
        // Navigation bars and breadcrumbs: three or more short items between separators.
        builtin(R"(^(?:[^|>]{1,40}?\s+(?:\||•|·|»|>)\s+){2,}[^|>]{1,40}$)", false),
    };
    return o;
  }();
  return kBuiltin;
}

using text::trim;

// The first pattern's match in the line (its first capture group that took part, else the whole
// match), trimmed. A pattern that gives up on a line (the match limit) fails the capture: the
// first such error is kept in `failure`, and the line counts as not matching.
std::optional<std::string> match_value(const std::vector<Regex>& patterns, const std::string& line,
                                       std::optional<Error>& failure) {
  for (const auto& re : patterns) {
    auto m = re.search(line);
    if (!m) {
      if (!failure) failure = m.error();
      continue;
    }
    if (m.value()) return trim(*m.value());
  }
  return std::nullopt;
}

bool matches_any(const std::vector<Regex>& patterns, const std::string& line,
                 std::optional<Error>& failure) {
  return match_value(patterns, line, failure).has_value();
}

bool day_precision(const Date& d) {
  return d.precision != DatePrecision::kYear && d.precision != DatePrecision::kMonth;
}

struct Patterns {
  const TextCaptureOptions* custom;
  const TextCaptureOptions& builtin = builtin_patterns();
  mutable std::optional<Error> failure{};  // the first pattern that gave up on a line

  std::optional<std::string> date(const std::string& line) const {
    if (line.empty() || line.size() > 100) return std::nullopt;
    if (custom) {
      if (auto v = match_value(custom->date_lines, line, failure))
        if (parse_date(*v)) return v;
      if (!custom->builtin) return std::nullopt;
    }
    auto whole = parse_date(line);
    if (whole && day_precision(*whole)) return line;
    if (auto v = match_value(builtin.date_lines, line, failure)) {
      auto d = parse_date(*v);
      if (d && day_precision(*d)) return v;
    }
    return std::nullopt;
  }
  template <class Member>
  std::optional<std::string> value(Member member, const std::string& line) const {
    if (custom) {
      if (auto v = match_value(custom->*member, line, failure)) return v;
      if (!custom->builtin) return std::nullopt;
    }
    return match_value(builtin.*member, line, failure);
  }
  template <class Member>
  bool any(Member member, const std::string& line) const {
    if (custom && matches_any(custom->*member, line, failure)) return true;
    if (custom && !custom->builtin) return false;
    return matches_any(builtin.*member, line, failure);
  }
};

size_t word_count(const std::string& s) {
  size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\t';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

// A line from a list of other releases' headlines: a few words, capitalised, no sentence end.
bool headline_like(const std::string& s) {
  if (s.empty() || s.size() > 120) return false;
  size_t words = word_count(s);
  if (words < 4 || words > 20) return false;
  auto first = static_cast<unsigned char>(s.front());
  if (!(std::isupper(first) || std::isdigit(first) || first >= 0x80)) return false;
  static constexpr std::string_view kEnds = ".!?:;\"')";
  if (kEnds.find(s.back()) != std::string_view::npos) return false;
  if (s.size() >= 3 && (s.compare(s.size() - 3, 3, "\xE2\x80\x9D") == 0 ||
                        s.compare(s.size() - 3, 3, "\xE2\x80\x99") == 0))
    return false;
  return true;
}

bool list_marker(const std::string& s) {
  if (s.size() >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ') return true;
  if (s.compare(0, 3, "\xE2\x80\xA2") == 0) return true;  // bullet
  size_t i = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  return i > 0 && i + 1 < s.size() && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ';
}

// Whether the body lines are hard-wrapped (most long lines end near the same column).
bool looks_wrapped(const std::vector<std::string>& lines) {
  size_t max_len = 0, long_lines = 0;
  for (const auto& l : lines) max_len = std::max(max_len, l.size());
  if (max_len > 100 || max_len < 50) return false;
  size_t near_max = 0;
  for (const auto& l : lines) {
    if (l.size() < 50) continue;
    ++long_lines;
    if (l.size() + 25 >= max_len) ++near_max;
  }
  return long_lines >= 3 && near_max * 5 >= long_lines * 4;
}

std::string build_body(const std::vector<std::string>& lines, TextCaptureOptions::Unwrap unwrap) {
  bool join = unwrap == TextCaptureOptions::Unwrap::kAlways ||
              (unwrap == TextCaptureOptions::Unwrap::kAuto && looks_wrapped(lines));
  std::string out;
  bool para_open = false;
  for (const auto& l : lines) {
    if (l.empty()) {
      para_open = false;
      continue;
    }
    if (join && para_open && !list_marker(l)) {
      out += ' ';
    } else if (!out.empty()) {
      out += join && list_marker(l) && para_open ? "\n" : "\n\n";
    }
    out += l;
    para_open = true;
  }
  return out;
}

std::vector<std::string> split_lines(const std::string& t) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= t.size()) {
    size_t nl = t.find('\n', start);
    lines.push_back(
        trim(t.substr(start, nl == std::string::npos ? std::string::npos : nl - start)));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return lines;
}

// The date line and the issuer line, with their values.
struct Anchors {
  std::optional<size_t> date_line, issuer_line;
  std::string date, issuer;
};

// The date line next to an issuer line wins over earlier dates (a dated headline list above the
// release); without a date line, the first issuer line.
Anchors find_anchors(const std::vector<std::string>& lines, const Patterns& pat) {
  std::vector<std::pair<size_t, std::string>> dates, issuers;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (auto d = pat.date(lines[i])) dates.emplace_back(i, *d);
    if (auto v = pat.value(&TextCaptureOptions::issuer_lines, lines[i]))
      if (!v->empty()) issuers.emplace_back(i, *v);
  }
  Anchors a;
  if (dates.empty()) {
    if (!issuers.empty()) a.issuer_line = issuers.front().first;
  } else {
    auto near = [](size_t x, size_t y) { return (x > y ? x - y : y - x) <= 3; };
    size_t di = 0;
    bool anchored = false;
    for (size_t k = 0; k < dates.size() && !anchored; ++k) {
      for (const auto& is : issuers) {
        if (near(dates[k].first, is.first)) {
          di = k;
          anchored = true;
          break;
        }
      }
    }
    a.date_line = dates[di].first;
    a.date = dates[di].second;
    for (const auto& is : issuers)
      if (near(*a.date_line, is.first) && (!a.issuer_line || is.first > *a.date_line))
        a.issuer_line = is.first;
  }
  if (a.issuer_line) {
    for (const auto& is : issuers)
      if (is.first == *a.issuer_line) a.issuer = is.second;
  }
  return a;
}

struct Title {
  std::optional<size_t> line;
  std::string text;
  bool in_body = false;  // the title is the first sentence of a line that stays in the body
};

// A title_line pattern, else the nearest line above the date that is neither the issuer line
// nor furniture (without a date line: the first such line of the file).
Title find_title(const std::vector<std::string>& lines, const Patterns& pat,
                 const FormatOptions& options, const Anchors& a) {
  Title t;
  if (options.text) {
    for (size_t i = 0; i < lines.size() && !t.line; ++i)
      if (auto v = match_value(options.text->title_lines, lines[i], pat.failure))
        t.line = i, t.text = *v;
  }
  auto furniture = [&](size_t i) {
    return lines[i].empty() || (a.issuer_line && i == *a.issuer_line) ||
           pat.any(&TextCaptureOptions::drop_lines, lines[i]);
  };
  if (a.date_line) {
    for (size_t i = *a.date_line; !t.line && i-- > 0;) {
      if (furniture(i)) continue;
      if (*a.date_line - i > 6) break;
      t.line = i;
      t.text = lines[i];
    }
  } else {
    for (size_t i = 0; i < lines.size() && !t.line; ++i) {
      if (furniture(i)) continue;
      t.line = i;
      t.text = lines[i];
    }
  }
  // A whole release on one line, or a paragraph above the date: the title is its first sentence
  // and the line stays in the body.
  const size_t text_lines = static_cast<size_t>(
      std::count_if(lines.begin(), lines.end(), [](const std::string& l) { return !l.empty(); }));
  t.in_body = t.line && (text_lines == 1 || lines[*t.line].size() > kLongTitleLine);
  if (t.in_body) t.text = sentence_title(t.text);
  return t;
}

// The lines after the date, issuer and title lines, up to a body_end line, without drop lines
// and repeats of the title.
std::vector<std::string> body_lines(const std::vector<std::string>& lines, const Patterns& pat,
                                    const Anchors& a, const Title& title) {
  size_t start = a.date_line ? *a.date_line + 1 : 0;
  if (a.issuer_line && *a.issuer_line >= start) start = *a.issuer_line + 1;
  if (title.line && !title.in_body && *title.line >= start && *title.line <= start + 1)
    start = *title.line + 1;
  std::vector<std::string> body;
  bool body_text = false;
  for (size_t i = start; i < lines.size(); ++i) {
    const std::string& l = lines[i];
    if (!l.empty() && pat.any(&TextCaptureOptions::body_end, l)) {
      // A footer line above any body text is navigation ("Latest News" over the release).
      if (!body_text) continue;
      break;
    }
    if (!l.empty() && (pat.any(&TextCaptureOptions::drop_lines, l) ||
                       (l == title.text && !(title.in_body && i == *title.line))))
      continue;
    body.push_back(l);
    body_text = body_text || !l.empty();
  }
  return body;
}

// A trailing list of other headlines (three or more headline-like lines) is page furniture.
void drop_trailing_headlines(std::vector<std::string>& body) {
  size_t keep = body.size(), headlines = 0;
  for (size_t i = body.size(); i-- > 0;) {
    if (body[i].empty()) continue;
    if (!headline_like(body[i])) break;
    ++headlines;
    keep = i;
  }
  if (headlines >= 3) body.resize(keep);
}

}  // namespace

void parse_text(const DocumentInput& in, const FormatOptions& options, const ItemSink& sink) {
  RawItem item;
  auto decoded = decode_or_reject(in, item, sink);
  if (!decoded) return;
  Patterns pat{options.text.get()};
  std::vector<std::string> lines = split_lines(*decoded);
  if (in.boilerplate) strip_boilerplate(lines, *in.boilerplate);

  const Anchors anchors = find_anchors(lines, pat);
  item.fields = nlohmann::ordered_json::object();
  item.context = nlohmann::ordered_json::object();
  if (!in.id_base.empty()) item.fields["id"] = in.id_base;
  if (!anchors.date_line) {
    // No anchor: the first line is the title and the rest the body. The record is only kept if
    // the date comes from elsewhere (a path pattern, a mapping field).
    item.context["undated_error"] =
        "no date found: no line is a date like \"Monday, 7 June 2021, 4:25 pm\" (a [text] "
        "date_line pattern in the mapping, or a path_pattern, can give the date)";
  } else {
    item.fields["date"] = anchors.date;
  }
  if (anchors.issuer_line) item.fields["issuers"] = nlohmann::ordered_json::array({anchors.issuer});

  const Title title = find_title(lines, pat, options, anchors);
  if (!title.text.empty()) item.fields["title"] = title.text;
  std::vector<std::string> body = body_lines(lines, pat, anchors, title);
  drop_trailing_headlines(body);
  std::string text =
      build_body(body, options.text ? options.text->unwrap : TextCaptureOptions::Unwrap::kAuto);
  if (!text.empty()) item.fields["body"] = std::move(text);
  if (pat.failure) {
    item.error = pat.failure;
    item.error->message = "text capture: " + item.error->message;
  }
  sink(std::move(item));
}

}  // namespace pressroom::indexer
