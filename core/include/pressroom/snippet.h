// Snippets: the passage of a body that best shows why it matched, as HTML with the matching words
// in <mark>. Replaces Xapian's MSet::snippet for hits, which tokenised and stemmed every word of
// the text it was given (a third of a search's CPU): here a word is stemmed only when its first
// letter could give a query stem, every answer is remembered for the page, and the passage is
// chosen from the matches found in one pass over the body.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <xapian.h>

namespace pressroom {

// What a query looks for in a body: its unprefixed terms (exact words), "Z" terms (stems), words
// starting with a wildcard's prefix, and phrases (the words in order, marked only where they
// follow each other). Prefixed terms are other fields or filters; the right-hand side of AND_NOT
// is never marked.
struct SnippetTerms {
  struct Word {
    std::string text;      // lower case; the stem for a stemmed word, the prefix for a wildcard
    bool stemmed = false;  // matches a body word whose stem is `text`
    bool prefix = false;   // matches a body word that starts with `text`
  };
  // Each group is one word, or a phrase (two or more words in order).
  std::vector<std::vector<Word>> groups;
  bool empty() const { return groups.empty(); }
};

SnippetTerms snippet_terms(const Xapian::Query& query);

// The words of a text as the snippet generator sees them: byte ranges, with the lower-cased form
// (Unicode case folding, ’ as '). Letters and digits of any script, joined by an apostrophe
// between letters, "&" between letters (AT&T) and "." or "," between digits (1,000.5).
struct SnippetWord {
  size_t begin = 0, end = 0;
  std::string lower;
};
std::vector<SnippetWord> snippet_words(std::string_view text);

// Makes the snippets of one page of hits (not thread-safe: it remembers the stems it computed).
class SnippetMaker {
 public:
  // `stemmer`: Xapian's name of the stemmer the index used ("english", "german", ...).
  SnippetMaker(SnippetTerms terms, const std::string& stemmer);

  // At most about `bytes` bytes of `body` (cut at word boundaries; runs of white space shown as
  // one space), HTML-escaped, with the words the terms match in <mark>…</mark>, and "…" where
  // text was left out. The passage holds the most distinct query words, then the most matches,
  // then comes first; it starts at its sentence's start when that is close, else a few words
  // before its first match. No match at all: the start of the body.
  std::string make(std::string_view body, size_t bytes);

 private:
  struct Match;  // a body word that a term's word matches
  struct Hit;    // a match of a one-word group, or a whole phrase

  // The steps of make(), in order: the matches in the body, the hits they make, the passage
  // [start, end) that shows the most of them, and that passage as HTML.
  std::vector<Match> find_matches(std::string_view body, size_t bytes);
  std::vector<Hit> join_phrases(const std::vector<Match>& found) const;
  static std::pair<size_t, size_t> best_passage(std::string_view body, const std::vector<Hit>& hits,
                                                size_t bytes);
  static std::string render(std::string_view body, const std::vector<Hit>& hits, size_t start,
                            size_t end);

  // Which groups' word `index` (within the group) word `w` matches, as (group, index) pairs.
  const std::vector<std::pair<unsigned, unsigned>>& matches(const std::string& w);
  const std::string& stem(const std::string& w);

  SnippetTerms terms_;
  Xapian::Stem stemmer_;
  bool stem_keeps_first_letter_ = false;  // the stemmer never changes a word's first byte
  // First bytes of the terms' words (all, and the stemmed ones): a body word starting with
  // another byte is not looked up (when the stemmer keeps first letters).
  std::array<bool, 256> first_bytes_{}, stem_first_bytes_{};
  bool any_first_byte_ = false;  // every word must be looked up
  bool words_only_ = true;       // no phrases: the body scan may stop early
  std::unordered_map<std::string, std::string> stems_;
  std::unordered_map<std::string, std::vector<std::pair<unsigned, unsigned>>> matches_;
};

// The start of a body as an HTML snippet: at most `bytes` bytes, cut at a space (never inside a
// UTF-8 sequence), white space runs as one space, escaped, "…" when cut.
std::string leading_snippet(std::string_view body, size_t bytes);

}  // namespace pressroom
