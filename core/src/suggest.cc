#include "pressroom/suggest.h"

#include "pressroom/query_builder.h"

namespace pressroom {

namespace {

bool is_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_operator_word(std::string_view w) {
  return w == "AND" || w == "OR" || w == "NOT" || w == "XOR" || w == "NEAR" || w == "ADJ";
}

// The better spelling of one lower-case word, or "" to keep it.
std::string better_word(const Xapian::Database& db, const std::string& word) {
  constexpr size_t kShortWord = 4;
  const unsigned distance = word.size() <= kShortWord ? 1 : 2;
  std::string s = db.get_spelling_suggestion(word, distance);
  if (s.empty() || s == word) return "";
  const Xapian::doccount own = db.get_termfreq(word);
  // Compared in 64 bits: the ratio times a count near the 32-bit limit must not wrap.
  const unsigned long long needed = static_cast<unsigned long long>(own) * kSpellingRatio;
  if (own > 0 && db.get_termfreq(s) < needed) return "";
  return s;
}

}  // namespace

std::string corrected_query(const Xapian::Database& db, const std::string& q) {
  std::string out;
  bool changed = false;
  size_t i = 0;
  while (i < q.size()) {
    const auto c = static_cast<unsigned char>(q[i]);
    // A word: letters and digits (and non-ASCII bytes), taken whole so "fruad2" is not split.
    if (!is_letter(c) && !(c >= '0' && c <= '9') && c < 0x80) {
      out += q[i++];
      continue;
    }
    size_t end = i;
    bool letters_only = true;
    while (end < q.size()) {
      const auto d = static_cast<unsigned char>(q[end]);
      if (is_letter(d)) {
        ++end;
      } else if ((d >= '0' && d <= '9') || d >= 0x80) {
        letters_only = false;
        ++end;
      } else {
        break;
      }
    }
    const std::string word = q.substr(i, end - i);
    const bool field_name = end < q.size() && q[end] == ':';
    const bool wildcard = end < q.size() && q[end] == '*';
    std::string better;
    if (letters_only && !field_name && !wildcard && !is_operator_word(word)) {
      std::string lower = word;
      for (char& ch : lower)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
      better = better_word(db, lower);
    }
    if (better.empty()) {
      out += word;
    } else {
      out += better;
      changed = true;
    }
    i = end;
  }
  return changed ? out : "";
}

std::optional<SpellingSuggestion> suggest_spelling(const Xapian::Database& db,
                                                   const SearchRequest& req, const Limits& limits,
                                                   Xapian::doccount total) {
  if (total > kFewMatches || req.q.empty()) return std::nullopt;
  std::string q = corrected_query(db, req.q);
  if (q.empty()) return std::nullopt;
  SearchRequest corrected = req;
  corrected.q = q;
  auto built = build_query(corrected, db, limits);
  if (!built || !built->has_text) return std::nullopt;
  Xapian::Enquire enq(db);
  enq.set_query(built->query);
  if (limits.query_time_limit > 0) enq.set_time_limit(limits.query_time_limit);
  Xapian::MSet mset;
  try {
    mset = enq.get_mset(0, 0, db.get_doccount());
  } catch (const Xapian::WildcardError&) {
    return std::nullopt;
  }
  const Xapian::doccount n = mset.get_matches_estimated();
  if (n <= total) return std::nullopt;
  return SpellingSuggestion{std::move(q), n};
}

}  // namespace pressroom
