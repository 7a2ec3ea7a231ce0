#include "pressroom/snippet.h"

#include <algorithm>
#include <array>

#include <xapian.h>

#include "pressroom/text.h"

namespace pressroom {

namespace {

// Hits kept per body: enough for any real passage choice, a bound for hostile bodies.
constexpr size_t kMaxHits = 256;

using text::CodePoint;

// Word characters among ASCII bytes (Xapian's definition); bytes ≥ 0x80 need decoding.
const std::array<bool, 128>& ascii_word_chars() {
  static const std::array<bool, 128> table = [] {
    std::array<bool, 128> t{};
    for (unsigned c = 0; c < 128; ++c) t[c] = Xapian::Unicode::is_wordchar(c);
    return t;
  }();
  return table;
}

bool is_digit(unsigned cp) { return cp >= '0' && cp <= '9'; }
bool is_apostrophe(unsigned cp) { return cp == '\'' || cp == 0x2019; }

// Lower case of text[begin, end) as the generator's terms have it: Unicode case folding, ’ as '.
void lower_word(std::string_view text, size_t begin, size_t end, std::string& out) {
  out.clear();
  for (size_t i = begin; i < end;) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      ++i;
      continue;
    }
    const CodePoint d = text::decode_utf8_lenient(text, i);
    if (d.cp == 0x2019)
      out += '\'';
    else
      Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(d.cp));
    i += d.len;
  }
}

// Calls fn(begin, end) for each word of `text`, in order, until it returns false. The rules follow
// Xapian's TermGenerator where it matters for matching query words: word characters of any script,
// an apostrophe between letters and "&" between letters kept inside a word, "." and "," between
// digits too, and up to 3 trailing "+" or one "#" (C++, C#). ASCII goes through a table.
template <typename Fn>
void for_each_word(std::string_view text, Fn&& fn) {
  const auto& ascii = ascii_word_chars();
  const size_t n = text.size();
  // The code point at i, and whether it is a word character.
  auto at = [&](size_t i, CodePoint& c) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      c = {b, 1};
      return ascii[b];
    }
    c = text::decode_utf8_lenient(text, i);
    return Xapian::Unicode::is_wordchar(c.cp);
  };
  size_t i = 0;
  CodePoint c;
  while (i < n) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80 && !ascii[b]) {
      ++i;
      continue;
    }
    if (!at(i, c)) {
      i += c.len;
      continue;
    }
    const size_t begin = i;
    unsigned prev = c.cp;
    i += c.len;
    while (i < n) {
      const unsigned char d0 = static_cast<unsigned char>(text[i]);
      if (d0 < 0x80 && ascii[d0]) {
        prev = d0;
        ++i;
        continue;
      }
      CodePoint d;
      if (at(i, d)) {
        prev = d.cp;
        i += d.len;
        continue;
      }
      const bool joiner_letters = is_apostrophe(d.cp) || d.cp == '&';
      const bool joiner_digits = d.cp == '.' || d.cp == ',';
      if ((joiner_letters && !is_digit(prev)) || (joiner_digits && is_digit(prev))) {
        const size_t next = i + d.len;
        CodePoint e;
        if (next < n && at(next, e) && (joiner_letters ? !is_digit(e.cp) : is_digit(e.cp))) {
          prev = e.cp;
          i = next + e.len;
          continue;
        }
      }
      break;
    }
    // C++, C#: a suffix of "+"s or one "#" not followed by a word character.
    if (i < n && (text[i] == '+' || text[i] == '#')) {
      size_t j = i;
      if (text[j] == '#') {
        ++j;
      } else {
        while (j < n && j - i < 3 && text[j] == '+') ++j;
      }
      if (j == n || !at(j, c)) i = j;
    }
    if (!fn(begin, i)) return;
  }
}

bool is_space(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

// Appends text[begin, end) as HTML: white space runs as one space, &<>" escaped.
void append_html(std::string& out, std::string_view text, size_t begin, size_t end) {
  for (size_t i = begin; i < end; ++i) {
    const char c = text[i];
    if (is_space(c)) {
      if (out.empty() || out.back() != ' ') out += ' ';
      continue;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
}

// The largest end ≤ limit that does not cut a word or a UTF-8 sequence: just before white space,
// else (one very long word) at a character boundary. At least `floor`.
size_t cut_end(std::string_view text, size_t limit, size_t floor) {
  if (limit >= text.size()) return text.size();
  for (size_t e = limit; e > floor; --e)
    if (is_space(text[e])) return e;
  return std::max(text::utf8_floor(text, limit), floor);
}

void add_query_terms(const Xapian::Query& q, SnippetTerms& out);

// A leaf's term as a snippet word, or nothing for prefixed (other field, boolean) terms.
bool leaf_word(const std::string& term, SnippetTerms::Word& w) {
  const bool stemmed = !term.empty() && term[0] == 'Z';
  const size_t start = stemmed ? 1 : 0;
  if (term.size() <= start || (term[start] >= 'A' && term[start] <= 'Z')) return false;
  w.text = term.substr(start);
  w.stemmed = stemmed;
  return true;
}

void add_query_terms(const Xapian::Query& q, SnippetTerms& out) {
  switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM: {
      SnippetTerms::Word w;
      if (q.get_terms_begin() != q.get_terms_end() && leaf_word(*q.get_terms_begin(), w))
        out.groups.push_back({std::move(w)});
      return;
    }
    case Xapian::Query::OP_WILDCARD: {
      // Xapian 1.4 has no accessor for the pattern; its description ends with it:
      // "Query(WILDCARD SYNONYM launder)".
      std::string d = q.get_description();
      if (d.ends_with(")")) d.pop_back();
      const size_t space = d.rfind(' ');
      SnippetTerms::Word w;
      if (space != std::string::npos && leaf_word(d.substr(space + 1), w)) {
        w.prefix = true;
        w.stemmed = false;
        out.groups.push_back({std::move(w)});
      }
      return;
    }
    case Xapian::Query::OP_PHRASE: {
      std::vector<SnippetTerms::Word> phrase;
      bool all_words = true;
      for (size_t i = 0; i < q.get_num_subqueries(); ++i) {
        const Xapian::Query sub = q.get_subquery(i);
        SnippetTerms::Word w;
        if (sub.get_type() == Xapian::Query::LEAF_TERM &&
            sub.get_terms_begin() != sub.get_terms_end() && leaf_word(*sub.get_terms_begin(), w)) {
          phrase.push_back(std::move(w));
        } else {
          all_words = false;
        }
      }
      if (all_words && phrase.size() > 1) {
        out.groups.push_back(std::move(phrase));
        return;
      }
      break;  // not a plain phrase of body words: mark its words one by one
    }
    case Xapian::Query::OP_AND_NOT:
      // What is excluded is not shown as a reason for the match.
      if (q.get_num_subqueries() > 0) add_query_terms(q.get_subquery(0), out);
      return;
    default:
      break;
  }
  for (size_t i = 0; i < q.get_num_subqueries(); ++i) add_query_terms(q.get_subquery(i), out);
}

}  // namespace

SnippetTerms snippet_terms(const Xapian::Query& query) {
  SnippetTerms out;
  add_query_terms(query, out);
  return out;
}

std::vector<SnippetWord> snippet_words(std::string_view text) {
  std::vector<SnippetWord> out;
  for_each_word(text, [&](size_t b, size_t e) {
    SnippetWord w{b, e, {}};
    lower_word(text, b, e, w.lower);
    out.push_back(std::move(w));
    return true;
  });
  return out;
}

SnippetMaker::SnippetMaker(SnippetTerms terms, const std::string& stemmer)
    : terms_(std::move(terms)), stemmer_(stemmer) {
  // Snowball's English stemmers only ever change the end of a word.
  stem_keeps_first_letter_ = stemmer == "english" || stemmer == "porter" || stemmer == "lovins" ||
                             stemmer == "earlyenglish";
  any_first_byte_ = !stem_keeps_first_letter_;
  for (const auto& g : terms_.groups) {
    words_only_ = words_only_ && g.size() == 1;
    for (const auto& t : g) {
      if (t.text.empty()) {
        any_first_byte_ = true;
        continue;
      }
      const auto first = static_cast<unsigned char>(t.text[0]);
      first_bytes_[first] = true;
      if (t.stemmed) stem_first_bytes_[first] = true;
    }
  }
}

const std::string& SnippetMaker::stem(const std::string& w) {
  auto it = stems_.find(w);
  if (it == stems_.end()) it = stems_.emplace(w, stemmer_(w)).first;
  return it->second;
}

const std::vector<std::pair<unsigned, unsigned>>& SnippetMaker::matches(const std::string& w) {
  auto it = matches_.find(w);
  if (it != matches_.end()) return it->second;
  std::vector<std::pair<unsigned, unsigned>> found;
  const bool may_stem =
      !stem_keeps_first_letter_ || stem_first_bytes_[static_cast<unsigned char>(w[0])];
  for (unsigned g = 0; g < terms_.groups.size(); ++g) {
    const auto& group = terms_.groups[g];
    for (unsigned k = 0; k < group.size(); ++k) {
      const auto& t = group[k];
      const bool hit = t.prefix    ? w.starts_with(t.text)
                       : t.stemmed ? may_stem && stem(w) == t.text
                                   : w == t.text;
      if (hit) found.emplace_back(g, k);
    }
  }
  return matches_.emplace(w, std::move(found)).first->second;
}

struct SnippetMaker::Match {
  size_t begin, end, ordinal;  // bytes in the body; the word's position among the body's words
  unsigned group, index;       // which group's which word it is
};

struct SnippetMaker::Hit {
  size_t begin, end;
  unsigned group;
};

namespace {

// Where a passage showing a hit at `at` starts: the start of its sentence if that is within a
// third of the passage before it, else a sixth of the passage before it, at a word's start.
size_t passage_start(std::string_view body, size_t at, size_t bytes) {
  const size_t reach = bytes / 3;
  const size_t low = at > reach ? at - reach : 0;
  for (size_t p = at; p > low; --p) {
    const char c = body[p - 1];
    if (c == '\n' ||
        (is_space(c) && p >= 2 &&
         (body[p - 2] == '.' || body[p - 2] == '!' || body[p - 2] == '?' || body[p - 2] == ':'))) {
      size_t s = p;
      while (s < at && is_space(body[s])) ++s;
      return s;
    }
  }
  if (low == 0) return 0;
  size_t s = at > bytes / 6 ? at - bytes / 6 : 0;
  while (s < at && !is_space(body[s])) ++s;  // to the next word start
  while (s < at && is_space(body[s])) ++s;
  return s;
}

}  // namespace

std::string SnippetMaker::make(std::string_view body, size_t bytes) {
  if (terms_.empty()) return leading_snippet(body, bytes);
  const std::vector<Hit> hits = join_phrases(find_matches(body, bytes));
  if (hits.empty()) return leading_snippet(body, bytes);
  const auto [start, end] = best_passage(body, hits, bytes);
  return render(body, hits, start, end);
}

// One pass over the body: every word a term matches, with its ordinal for phrases.
std::vector<SnippetMaker::Match> SnippetMaker::find_matches(std::string_view body, size_t bytes) {
  std::vector<Match> found;
  size_t ordinal = 0;
  std::string lower;
  // Without phrases the scan stops a passage's length after the first stretch of `bytes` that
  // holds every query word: the passage chosen is then the earliest that shows them all (with
  // as many matches as fit), and a long body costs no more than its first matches.
  std::vector<size_t> last_seen(terms_.groups.size(), std::string_view::npos);
  size_t groups_seen = 0, stop_at = std::string_view::npos;
  for_each_word(body, [&](size_t b, size_t e) {
    const size_t n = ordinal++;
    if (found.size() >= kMaxHits * 4 || b >= stop_at) return false;
    const unsigned char first = static_cast<unsigned char>(body[b]);
    const unsigned char first_lower = first >= 'A' && first <= 'Z' ? first + 32 : first;
    if (!any_first_byte_ && first < 0x80 && !first_bytes_[first_lower]) return true;
    lower_word(body, b, e, lower);
    for (const auto& [g, k] : matches(lower)) {
      found.push_back(Match{b, e, n, g, k});
      if (!words_only_) continue;
      if (last_seen[g] == std::string_view::npos) ++groups_seen;
      last_seen[g] = b;
      if (stop_at == std::string_view::npos && groups_seen == terms_.groups.size() &&
          e - *std::min_element(last_seen.begin(), last_seen.end()) <= bytes)
        stop_at = e + bytes;
    }
    return true;
  });
  return found;
}

// Hits: a one-word group's matches, and phrases whose words follow each other; in body order.
std::vector<SnippetMaker::Hit> SnippetMaker::join_phrases(const std::vector<Match>& found) const {
  std::vector<Hit> hits;
  for (size_t i = 0; i < found.size() && hits.size() < kMaxHits; ++i) {
    const Match& m = found[i];
    const auto& group = terms_.groups[m.group];
    if (group.size() == 1) {
      hits.push_back(Hit{m.begin, m.end, m.group});
      continue;
    }
    if (m.index != 0) continue;
    size_t end = m.end, want = 1;
    for (size_t j = i + 1; j < found.size() && want < group.size(); ++j) {
      if (found[j].ordinal > m.ordinal + want) break;
      if (found[j].ordinal == m.ordinal + want && found[j].group == m.group &&
          found[j].index == want) {
        end = found[j].end;
        ++want;
      }
    }
    if (want == group.size()) hits.push_back(Hit{m.begin, end, m.group});
  }
  std::stable_sort(hits.begin(), hits.end(),
                   [](const Hit& a, const Hit& b) { return a.begin < b.begin; });
  return hits;
}

// The passage [start, end) with the most distinct groups, then the most hits, then the first.
std::pair<size_t, size_t> SnippetMaker::best_passage(std::string_view body,
                                                     const std::vector<Hit>& hits, size_t bytes) {
  size_t best_start = 0, best_end = 0;
  size_t best_distinct = 0, best_count = 0;
  std::vector<unsigned> seen;
  for (size_t i = 0; i < hits.size(); ++i) {
    const size_t s = passage_start(body, hits[i].begin, bytes);
    const size_t limit = s + bytes;
    seen.clear();
    size_t count = 0;
    for (size_t j = i; j < hits.size() && hits[j].end <= limit; ++j) {
      ++count;
      if (std::find(seen.begin(), seen.end(), hits[j].group) == seen.end())
        seen.push_back(hits[j].group);
    }
    const size_t distinct = seen.size();
    if (best_end == 0 || distinct > best_distinct ||
        (distinct == best_distinct && count > best_count)) {
      best_distinct = distinct;
      best_count = count;
      best_start = s;
      best_end = cut_end(body, limit, hits[i].begin);
    }
  }
  // A passage that reaches the end of the body may start earlier, to show more.
  if (best_end == body.size() && body.size() - best_start < bytes && best_start > 0) {
    size_t s = body.size() > bytes ? body.size() - bytes : 0;
    while (s > 0 && s < best_start && !is_space(body[s - 1])) ++s;
    best_start = std::min(best_start, s);
  }
  while (best_end > best_start && is_space(body[best_end - 1])) --best_end;
  return {best_start, best_end};
}

// The passage as HTML: "…" where text was left out, the hits inside it in <mark>, overlapping
// ones (a phrase word that is also a query word on its own) merged into one.
std::string SnippetMaker::render(std::string_view body, const std::vector<Hit>& hits, size_t start,
                                 size_t end) {
  std::string out;
  out.reserve(end - start + 64);
  if (start > 0) out += "…";
  std::vector<std::pair<size_t, size_t>> marks;
  for (const Hit& h : hits) {
    if (h.begin < start || h.end > end) continue;
    if (!marks.empty() && h.begin < marks.back().second)
      marks.back().second = std::max(marks.back().second, h.end);
    else
      marks.emplace_back(h.begin, h.end);
  }
  size_t pos = start;
  for (const auto& [b, e] : marks) {
    append_html(out, body, pos, b);
    out += "<mark>";
    append_html(out, body, b, e);
    out += "</mark>";
    pos = e;
  }
  append_html(out, body, pos, end);
  size_t rest = end;
  while (rest < body.size() && is_space(body[rest])) ++rest;
  if (rest < body.size()) out += "…";
  return out;
}

std::string leading_snippet(std::string_view body, size_t bytes) {
  size_t start = 0;
  while (start < body.size() && is_space(body[start])) ++start;
  body.remove_prefix(start);
  size_t end = cut_end(body, bytes, 0);
  while (end > 0 && is_space(body[end - 1])) --end;
  std::string out;
  append_html(out, body, 0, end);
  size_t rest = end;
  while (rest < body.size() && is_space(body[rest])) ++rest;
  if (rest < body.size()) out += "…";
  return out;
}

}  // namespace pressroom
