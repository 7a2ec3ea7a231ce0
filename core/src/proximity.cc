#include "proximity.h"

#include <algorithm>
#include <set>

namespace pressroom {

namespace {

bool upper(char c) { return c >= 'A' && c <= 'Z'; }

// The unprefixed terms of db that stem to `stem`: the indexer keeps positions for the surface
// forms only (STEM_SOME), so a Z term's positions are those of its forms. They share the stem's
// start but for its last letter ("compani" <- "company", "companies").
std::vector<std::string> forms_of(const Xapian::Database& db, const std::string& stem,
                                  const Xapian::Stem& stemmer) {
  const std::string prefix = stem.size() > 3 ? stem.substr(0, stem.size() - 1) : stem;
  std::vector<std::string> out;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    const std::string term = *t;
    if (stemmer(term) == stem) out.push_back(term);
    if (out.size() == ProximityRanker::kMaxForms) break;
  }
  return out;
}

}  // namespace

ProximityRanker::ProximityRanker(const Xapian::Database& db, const Xapian::Query& query,
                                 const std::string& stemmer)
    : db_(db) {
  const Xapian::Stem stem(stemmer);
  std::set<std::string> seen;
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
    const std::string term = *t;
    if (term.empty()) continue;
    std::vector<std::string> forms;
    if (term[0] == 'Z' && term.size() > 1 && !upper(term[1])) {
      forms = forms_of(db, term.substr(1), stem);
    } else if (!upper(term[0])) {
      if (db.term_exists(term)) forms.push_back(term);
    } else {
      continue;  // a prefixed word (title:, issuer:, topic:) or a filter's term
    }
    if (forms.empty() || !seen.insert(term[0] == 'Z' ? term.substr(1) : term).second) {
      if (forms.empty()) {  // a word no release holds: no window can hold every word
        words_.clear();
        return;
      }
      continue;
    }
    words_.push_back(std::move(forms));
    if (words_.size() > kMaxWords) {
      words_.clear();
      return;
    }
  }
}

Xapian::termpos ProximityRanker::smallest_window(
    const std::vector<std::pair<Xapian::termpos, unsigned>>& positions, unsigned words) {
  std::vector<unsigned> count(words, 0);
  unsigned covered = 0;
  Xapian::termpos best = 0;
  size_t lo = 0;
  for (size_t hi = 0; hi < positions.size(); ++hi) {
    if (count[positions[hi].second]++ == 0) ++covered;
    while (covered == words) {
      const Xapian::termpos span = positions[hi].first - positions[lo].first + 1;
      if (best == 0 || span < best) best = span;
      if (--count[positions[lo].second] == 0) --covered;
      ++lo;
    }
  }
  return best;
}

void ProximityRanker::rerank(std::vector<RankedDoc>& docs) const {
  if (!active() || docs.size() < 2) return;
  // Each form's posting list is walked once, in docid order, to the candidates that hold it
  // (cheaper than a position lookup per candidate and form: most forms miss most candidates).
  std::vector<size_t> by_docid(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) by_docid[i] = i;
  std::sort(by_docid.begin(), by_docid.end(),
            [&](size_t a, size_t b) { return docs[a].did < docs[b].did; });
  std::vector<std::vector<std::pair<Xapian::termpos, unsigned>>> positions(docs.size());
  for (unsigned w = 0; w < words_.size(); ++w) {
    for (const auto& form : words_[w]) {
      auto p = db_.postlist_begin(form);
      const auto end = db_.postlist_end(form);
      for (size_t i : by_docid) {
        p.skip_to(docs[i].did);
        if (p == end) break;
        if (*p != docs[i].did) continue;
        for (auto pos = p.positionlist_begin(); pos != p.positionlist_end(); ++pos)
          positions[i].emplace_back(*pos, w);
      }
    }
  }
  const auto n = static_cast<unsigned>(words_.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    std::sort(positions[i].begin(), positions[i].end());
    const Xapian::termpos span = smallest_window(positions[i], n);
    if (span > 0) docs[i].weight *= 1.0 + kProximityWeight * n / static_cast<double>(span);
  }
  std::stable_sort(docs.begin(), docs.end(),
                   [](const RankedDoc& a, const RankedDoc& b) { return a.weight > b.weight; });
}

}  // namespace pressroom
