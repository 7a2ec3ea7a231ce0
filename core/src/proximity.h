// Proximity re-ranking (issue #14): releases whose query words occur close together move up.
//
// BM25 ranks each word on its own; a release where the words a journalist remembers stand next
// to each other is more likely the one meant than one where they are scattered. The top
// kProximityDepth matches of a relevance search are re-ordered by
//   weight × (1 + kProximityWeight × words / span)
// where span is the smallest window of term positions (title and body) holding every query
// word (words / span is 1 for the words side by side, in any order), and 0 for a release that
// lacks a word's positions. Only the order within the top kProximityDepth changes: the match
// set, totals and facets do not, and later results keep Xapian's order.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace pressroom {

// Both chosen on bench/quality's tuning half (docs/search-quality.md). A deeper re-ranking finds
// more (depth 200: phrase MRR@10 0.93-0.96) but reads the positions of every candidate: depth 50
// costs queries of two or more words about 1 ms (p50 of bench/queries.json +70 %, over the
// +20 % budget: see docs/search-quality.md). A weight of 0.5 leaves the title and gist queries
// as they were; 1 to 4 gain a little on phrases and lose on gists.
inline constexpr Xapian::doccount kProximityDepth = 50;
inline constexpr double kProximityWeight = 0.5;

struct RankedDoc {
  Xapian::docid did = 0;
  double weight = 0;
};

class ProximityRanker {
 public:
  // The positional words of `query` (its stemmed Z terms through their surface forms in db,
  // and its unstemmed words; prefixed and boolean terms aside). `stemmer`: the language q was
  // stemmed with. Reads db's term list once. Throws Xapian::Error.
  ProximityRanker(const Xapian::Database& db, const Xapian::Query& query,
                  const std::string& stemmer);

  // Whether re-ranking can change anything: 2 to kMaxWords words, each with a form in db.
  [[nodiscard]] bool active() const { return words_.size() >= 2; }

  // Re-orders docs (Xapian's order, best first) by the combined score, stably; sets each
  // weight to the combined score. Throws Xapian::Error.
  void rerank(std::vector<RankedDoc>& docs) const;

  // The smallest span (last - first + 1) of positions holding every word index 0..words-1;
  // 0 when some word is absent. `positions`: (position, word index) pairs in position order.
  static Xapian::termpos smallest_window(
      const std::vector<std::pair<Xapian::termpos, unsigned>>& positions, unsigned words);

  static constexpr unsigned kMaxWords = 8;
  static constexpr unsigned kMaxForms = 16;

 private:
  const Xapian::Database& db_;
  std::vector<std::vector<std::string>> words_;  // per query word: its forms in the index
};

}  // namespace pressroom
