#include "formats/text_title.h"

#include <algorithm>
#include <cctype>

#include "pressroom/text.h"

namespace pressroom::indexer {

namespace {

// Words a '.' follows without ending a sentence (lower case, without the '.'): titles, months,
// the state abbreviations of US press releases ("R-Ala."), Latin and business shorthand.
constexpr std::string_view kAbbreviations[] = {
    "mr",   "mrs",  "ms",   "dr",     "sen",  "sens", "rep", "reps", "gov",  "lt",
    "gen",  "col",  "sgt",  "capt",   "cmdr", "adm",  "maj", "hon",  "prof", "st",
    "jr",   "sr",   "inc",  "co",     "corp", "ltd",  "no",  "nos",  "vol",  "dept",
    "est",  "etc",  "vs",   "approx", "jan",  "feb",  "mar", "apr",  "jun",  "jul",
    "aug",  "sep",  "sept", "oct",    "nov",  "dec",  "ala", "ariz", "ark",  "calif",
    "colo", "conn", "del",  "fla",    "ga",   "ill",  "ind", "kan",  "kans", "ky",
    "la",   "md",   "mass", "mich",   "minn", "miss", "mo",  "mont", "neb",  "nev",
    "okla", "ore",  "pa",   "tenn",   "tex",  "va",   "vt",  "wash", "wis",  "wyo",
    "wva",  "nm",   "ny",   "nc",     "nd",   "sc",   "sd",  "ri",   "nh",   "nj"};

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool closing(char c) { return c == '"' || c == '\'' || c == ')' || c == ']'; }

// Whether the '.' at `dot` follows an abbreviation or an initial ("U.S", "D.C", "Sen", "J").
bool after_abbreviation(std::string_view s, size_t dot) {
  size_t b = dot;
  while (b > 0 && !space(s[b - 1]) && s[b - 1] != '(' && s[b - 1] != '-' && s[b - 1] != '"') --b;
  std::string_view word = s.substr(b, dot - b);
  if (word.empty()) return false;
  if (word.find('.') != std::string_view::npos) return true;  // U.S, D.C, a.m
  if (word.size() == 1 && std::isalpha(static_cast<unsigned char>(word[0]))) return true;
  const std::string lower = text::lower_ascii(word);
  return std::find(std::begin(kAbbreviations), std::end(kAbbreviations), lower) !=
         std::end(kAbbreviations);
}

// The end (one past the punctuation and closing quotes) of the first sentence, or npos.
size_t first_sentence_end(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c != '.' && c != '!' && c != '?') continue;
    size_t end = i + 1;
    while (end < s.size() && closing(s[end])) ++end;
    // Closing curly quotes (U+201D, U+2019).
    while (end + 3 <= s.size() &&
           (s.compare(end, 3, "\xE2\x80\x9D") == 0 || s.compare(end, 3, "\xE2\x80\x99") == 0))
      end += 3;
    if (end == s.size()) return end;
    if (!space(s[end])) continue;
    size_t next = end;
    while (next < s.size() && space(s[next])) ++next;
    if (next == s.size()) return end;
    auto n = static_cast<unsigned char>(s[next]);
    bool starts =
        std::isupper(n) || std::isdigit(n) || n == '"' || n == '\'' || n == '(' || n >= 0x80;
    if (!starts) continue;
    if (c == '.' && after_abbreviation(s, i)) continue;
    return end;
  }
  return std::string_view::npos;
}

}  // namespace

std::string sentence_title(std::string_view text, size_t max) {
  size_t b = 0;
  while (b < text.size() && space(text[b])) ++b;
  size_t e = text.size();
  while (e > b && space(text[e - 1])) --e;
  text = text.substr(b, e - b);
  size_t end = first_sentence_end(text);
  if (end != std::string_view::npos && end <= max) {
    std::string_view s = text.substr(0, end);
    if (s.size() > 1 && s.back() == '.') s.remove_suffix(1);
    return std::string(s);
  }
  if (text.size() <= max) return std::string(text);
  static constexpr std::string_view kEllipsis = "…";
  size_t limit = text::utf8_floor(text, max > kEllipsis.size() ? max - kEllipsis.size() : 1);
  size_t cut = limit;
  while (cut > 0 && !space(text[cut])) --cut;
  if (cut == 0) cut = limit;  // one long word
  while (cut > 0 && (space(text[cut - 1]) || text[cut - 1] == ',' || text[cut - 1] == ';' ||
                     text[cut - 1] == ':' || text[cut - 1] == '-'))
    --cut;
  if (cut == 0) cut = limit;
  return std::string(text.substr(0, cut)) + std::string(kEllipsis);
}

}  // namespace pressroom::indexer
