// Page chrome in text files ("boilerplate"): lines that recur at the top or bottom of many files of
// one folder ("United States Senator Richard Shelby Press Room", "Latest News", a contact footer)
// belong to the site the text was captured from, not to the release. They never become a title or
// part of a body.
//
// Learning is per folder, over the text files' *edge lines*: the first and last
// kEdgeLines non-empty lines of each file (trimmed; the rest of a file is never held). A line
// (compared normalised: ASCII case folded, runs of white space as one space, a trailing ':'
// dropped) is chrome when
//   - the folder holds at least kMinFolderFiles distinct files (files with the same edge lines
//     count once, so copies of one release do not turn its title into chrome), and
//   - it is an edge line of at least max(kMinLineFiles, ceil(threshold × distinct files)) of them
//     (threshold: 5 % unless the mapping or --boilerplate-threshold says otherwise), and
//   - it is not a date (dates anchor a capture: see parse_text.cc).
// A small built-in list ("FOR IMMEDIATE RELEASE", "Press Release", "News Releases", "Printer
// friendly version", …; builtin_chrome()) is chrome in every file, learned or not.
//
// Stripping (strip_boilerplate, called by parse_text) blanks chrome lines among the first and
// last kEdgeLines non-empty lines of a file, before the title and body are picked. When one line
// of text is left (a file whose line breaks were lost: "… Press Room Latest News Shelby Secures
// …"), chrome run into its start or end is cut off too: learned lines, and built-in lines of more
// than one word ("Releases" could begin a sentence).
//
// Everything here is pure (no I/O) and thread-safe for concurrent const use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace pressroom::indexer {

inline constexpr size_t kEdgeLines = 8;       // first and last K non-empty lines of a file
inline constexpr size_t kMinFolderFiles = 5;  // distinct text files a folder needs to learn
inline constexpr size_t kMinLineFiles = 3;    // files a chrome line must recur in, at least
inline constexpr double kDefaultBoilerplateThreshold = 0.05;  // share of a folder's files

// "  FOR   Immediate Release: " -> "for immediate release".
std::string normalise_line(std::string_view line);
// Whether a normalised line is on the built-in list.
bool builtin_chrome(std::string_view normalised);

// The first and last `k` non-empty lines of a text, trimmed, in order (a line in both halves of a
// short file is listed once).
std::vector<std::string> edge_lines(std::string_view text, size_t k = kEdgeLines);

// The chrome of one folder, as used by the parser.
class Boilerplate {
 public:
  Boilerplate() = default;  // the built-in list only
  // Whether a (trimmed, not normalised) line is chrome: learned for this folder or built in.
  [[nodiscard]] bool is_chrome(std::string_view line) const;
  // The same for the start or end of a line: learned, or built in and of more than one word.
  [[nodiscard]] bool is_run_in_chrome(std::string_view text) const;
  [[nodiscard]] size_t learned_lines() const { return learned_.size(); }

 private:
  friend class BoilerplateLearner;
  std::unordered_set<uint64_t> learned_;  // line_key() of the normalised lines
};

// Blanks (sets to "") the chrome lines among the first and last kEdgeLines non-empty lines, then
// cuts chrome off the start and end of the line left if only one is. Returns how many lines and
// run-in pieces it took out.
size_t strip_boilerplate(std::vector<std::string>& lines, const Boilerplate& chrome);

// What was learned in one folder, for the summary.
struct BoilerplateReport {
  std::string folder;   // as given on the command line
  size_t files = 0;     // text files examined
  size_t affected = 0;  // files with at least one chrome edge line (learned or built in)
  struct Line {
    std::string text;  // as first seen
    size_t files = 0;  // distinct files it is an edge line of
  };
  std::vector<Line> lines;  // the learned lines, most frequent first
};

// Learns one folder's chrome from its files' edge lines, file by file. Memory: a counter per
// distinct normalised edge line (8 bytes of hash and a count; the text only for lines seen in
// kMinLineFiles files) and the hashes of every file's edge lines.
class BoilerplateLearner {
 public:
  // threshold: share of the folder's distinct files, in (0, 1].
  explicit BoilerplateLearner(double threshold = kDefaultBoilerplateThreshold)
      : threshold_(threshold) {}
  void add_file(const std::vector<std::string>& edge_lines);
  struct Result {
    std::shared_ptr<const Boilerplate> chrome;
    BoilerplateReport report;  // `folder` left empty
  };
  [[nodiscard]] Result finish() const;

 private:
  struct Count {
    size_t files = 0;
    std::string text;
  };
  double threshold_;
  std::unordered_map<uint64_t, Count> counts_;
  std::unordered_set<uint64_t> signatures_;  // of distinct files' edge lines
  std::vector<uint64_t> keys_;               // every file's edge-line keys, file after file
  std::vector<size_t> file_ends_;            // end of each file's keys in keys_
};

// The pure form: files' edge lines in, chrome out.
BoilerplateLearner::Result learn_boilerplate(const std::vector<std::vector<std::string>>& files,
                                             double threshold = kDefaultBoilerplateThreshold);

// The summary lines for the folders that had chrome ("" if none): a total and one line per folder
// with its most frequent lines.
std::string format_boilerplate_report(const std::vector<BoilerplateReport>& reports,
                                      double seconds);

}  // namespace pressroom::indexer
