#include "formats/boilerplate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

#include "pressroom/dates.h"
#include "pressroom/text.h"

namespace pressroom::indexer {

namespace {

uint64_t line_key(std::string_view normalised) { return std::hash<std::string_view>{}(normalised); }

using text::trim_view;

// Lines that are page chrome wherever they appear at the top or bottom of a capture. Only whole
// lines that never carry a release's own words; "Latest News" and "More stories" are footer
// markers in parse_text.cc (they end a body) and are left to learning.
constexpr std::string_view kBuiltin[] = {"for immediate release",
                                         "immediate release",
                                         "for release",
                                         "press release",
                                         "press releases",
                                         "news release",
                                         "news releases",
                                         "media release",
                                         "media releases",
                                         "releases",
                                         "newsroom",
                                         "press room",
                                         "printer friendly version",
                                         "printer-friendly version",
                                         "print this page",
                                         "print version",
                                         "email this page",
                                         "e-mail this page",
                                         "back to press releases",
                                         "return to press releases",
                                         "back to releases"};

// A date line ("April 1, 2007", "Posted on: 1 April 2007") recurring in many files of a folder is
// a date many releases share, not chrome: dates anchor a capture (parse_text.cc).
bool date_like(std::string_view line) {
  if (line.size() > 100) return false;
  if (parse_date(line)) return true;
  if (auto colon = line.find(':');
      colon != std::string_view::npos && parse_date(line.substr(colon + 1)))
    return true;
  std::string_view rest = line;
  for (int words = 0; words < 2; ++words) {
    size_t space = rest.find(' ');
    if (space == std::string_view::npos) return false;
    rest = rest.substr(space + 1);
    if (parse_date(rest)) return true;
  }
  return false;
}

std::string shorten(const std::string& s, size_t max) {
  if (s.size() <= max) return s;
  return s.substr(0, text::utf8_floor(s, max)) + "…";
}

}  // namespace

std::string normalise_line(std::string_view line) {
  line = trim_view(line);
  std::string out;
  out.reserve(line.size());
  bool space = false;
  for (char c : line) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += text::lower_ascii(c);
  }
  while (!out.empty() && (out.back() == ':' || out.back() == ' ')) out.pop_back();
  return out;
}

bool builtin_chrome(std::string_view normalised) {
  return std::find(std::begin(kBuiltin), std::end(kBuiltin), normalised) != std::end(kBuiltin);
}

std::vector<std::string> edge_lines(std::string_view text, size_t k) {
  std::vector<std::string> head, tail;
  size_t head_end = 0;  // where the head stopped: the tail must not read it again
  for (size_t pos = 0; head.size() < k && pos < text.size();) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    auto l = trim_view(text.substr(pos, nl - pos));
    if (!l.empty()) head.emplace_back(l);
    pos = nl + 1;
    head_end = pos;
  }
  for (size_t end = text.size(); tail.size() < k && end > head_end;) {
    size_t nl = text.rfind('\n', end - 1);
    size_t begin = nl == std::string_view::npos || nl < head_end ? head_end : nl + 1;
    auto l = trim_view(text.substr(begin, end - begin));
    if (!l.empty()) tail.emplace_back(l);
    if (begin == head_end) break;
    end = nl;
  }
  head.insert(head.end(), std::make_move_iterator(tail.rbegin()),
              std::make_move_iterator(tail.rend()));
  return head;
}

bool Boilerplate::is_chrome(std::string_view line) const {
  std::string n = normalise_line(line);
  if (n.empty()) return false;
  return builtin_chrome(n) || learned_.count(line_key(n)) > 0;
}

bool Boilerplate::is_run_in_chrome(std::string_view text) const {
  std::string n = normalise_line(text);
  if (n.empty()) return false;
  return (builtin_chrome(n) && n.find(' ') != std::string::npos) || learned_.count(line_key(n)) > 0;
}

namespace {

// Cuts chrome off the start (from_end: the end) of a line, piece after piece; returns how many.
// Candidates end at white space within the first (last) 200 bytes, longest first ("FOR IMMEDIATE
// RELEASE", not "IMMEDIATE RELEASE").
size_t cut_run_in(std::string& line, const Boilerplate& chrome, bool from_end) {
  constexpr size_t kReach = 200;
  size_t cut = 0;
  for (bool found = true; found && cut < 2 * kEdgeLines;) {
    found = false;
    const size_t n = line.size();
    for (size_t k = std::min(n - 1, kReach); k > 0; --k) {
      size_t at = from_end ? n - k : k;  // the white space between chrome and the rest
      if (line[at] != ' ' && line[at] != '\t') continue;
      std::string_view piece =
          from_end ? std::string_view(line).substr(at) : std::string_view(line).substr(0, at);
      if (!chrome.is_run_in_chrome(piece)) continue;
      std::string_view rest =
          from_end ? std::string_view(line).substr(0, at) : std::string_view(line).substr(at);
      rest = trim_view(rest);
      if (rest.empty()) break;
      line = std::string(rest);
      ++cut;
      found = true;
      break;
    }
  }
  return cut;
}

}  // namespace

size_t strip_boilerplate(std::vector<std::string>& lines, const Boilerplate& chrome) {
  size_t stripped = 0;
  auto visit = [&](std::string& l, size_t& seen) {
    if (l.empty()) return;
    ++seen;
    if (chrome.is_chrome(l)) {
      l.clear();
      ++stripped;
    }
  };
  size_t seen = 0;
  size_t i = 0;
  for (; i < lines.size() && seen < kEdgeLines; ++i) visit(lines[i], seen);
  seen = 0;
  // The tail window never reaches back into the head window (as in edge_lines()).
  for (size_t j = lines.size(); j > i && seen < kEdgeLines; --j) visit(lines[j - 1], seen);
  std::string* only = nullptr;
  for (auto& l : lines) {
    if (l.empty()) continue;
    if (only) return stripped;
    only = &l;
  }
  if (only) stripped += cut_run_in(*only, chrome, false) + cut_run_in(*only, chrome, true);
  return stripped;
}

void BoilerplateLearner::add_file(const std::vector<std::string>& edge) {
  std::vector<std::pair<uint64_t, const std::string*>> keys;
  keys.reserve(edge.size());
  for (const auto& l : edge) {
    std::string n = normalise_line(l);
    if (!n.empty()) keys.emplace_back(line_key(n), &l);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end(),
                         [](const auto& a, const auto& b) { return a.first == b.first; }),
             keys.end());
  uint64_t signature = 1469598103934665603ull;
  for (const auto& [key, line] : keys) {
    keys_.push_back(key);
    signature = (signature ^ key) * 1099511628211ull;
  }
  file_ends_.push_back(keys_.size());
  if (!signatures_.insert(signature).second) return;  // a copy of a file already counted
  for (const auto& [key, line] : keys) {
    Count& c = counts_[key];
    // Only lines that can reach the threshold need their text: saves memory on big folders.
    if (++c.files == kMinLineFiles) c.text = *line;
  }
}

BoilerplateLearner::Result BoilerplateLearner::finish() const {
  Result r;
  auto chrome = std::make_shared<Boilerplate>();
  const size_t distinct = signatures_.size();
  r.report.files = file_ends_.size();
  if (distinct >= kMinFolderFiles) {
    const auto needed =
        std::max(kMinLineFiles,
                 static_cast<size_t>(std::ceil(threshold_ * static_cast<double>(distinct) - 1e-9)));
    for (const auto& [key, c] : counts_) {
      // Built-in lines are learned too when they recur: reported, and cut off one-line files.
      if (c.files < needed || date_like(c.text)) continue;
      chrome->learned_.insert(key);
      r.report.lines.push_back({c.text, c.files});
    }
  }
  std::sort(r.report.lines.begin(), r.report.lines.end(), [](const auto& a, const auto& b) {
    return a.files != b.files ? a.files > b.files : a.text < b.text;
  });
  std::unordered_set<uint64_t> builtin_keys;
  for (auto b : kBuiltin) builtin_keys.insert(line_key(b));
  size_t begin = 0;
  for (size_t end : file_ends_) {
    for (size_t i = begin; i < end; ++i) {
      if (chrome->learned_.count(keys_[i]) || builtin_keys.count(keys_[i])) {
        ++r.report.affected;
        break;
      }
    }
    begin = end;
  }
  r.chrome = std::move(chrome);
  return r;
}

BoilerplateLearner::Result learn_boilerplate(const std::vector<std::vector<std::string>>& files,
                                             double threshold) {
  BoilerplateLearner learner(threshold);
  for (const auto& f : files) learner.add_file(f);
  return learner.finish();
}

std::string format_boilerplate_report(const std::vector<BoilerplateReport>& reports,
                                      double seconds) {
  size_t folders = 0, lines = 0, affected = 0, files = 0;
  std::string detail;
  for (const auto& r : reports) {
    files += r.files;
    if (r.affected == 0) continue;
    ++folders;
    lines += r.lines.size();
    affected += r.affected;
    detail += "  " + r.folder + ": " + std::to_string(r.affected) + " of " +
              std::to_string(r.files) + " file(s); " + std::to_string(r.lines.size()) +
              " line(s) learned";
    for (size_t i = 0; i < r.lines.size() && i < 3; ++i)
      detail += (i ? ", \"" : ": \"") + shorten(r.lines[i].text, 60) + "\" (" +
                std::to_string(r.lines[i].files) + ")";
    if (r.lines.size() > 3) detail += " and " + std::to_string(r.lines.size() - 3) + " more";
    detail += "\n";
  }
  if (affected == 0) return {};
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.2f", seconds);
  return "boilerplate: page chrome left out of the head and tail of " + std::to_string(affected) +
         " of " + std::to_string(files) + " text file(s): " + std::to_string(lines) +
         " line(s) learned in " + std::to_string(folders) + " folder(s) (first pass " + secs +
         " s; --no-boilerplate keeps them)\n" + detail;
}

}  // namespace pressroom::indexer
