#include "pressroom/near_dup.h"

#include <algorithm>
#include <limits>

#include "pressroom/text.h"

namespace pressroom::near_dup {
namespace {

constexpr std::uint64_t kFnvOffset = 14695981039346656037ULL;
constexpr std::uint64_t kFnvPrime = 1099511628211ULL;

// splitmix64's finaliser: FNV alone is too regular in its low bits for bottom-k sampling.
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

bool is_ascii_word(unsigned cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

// Non-ASCII code points that separate words: Latin-1 punctuation and the no-break space, the
// General Punctuation block (spaces, dashes, quotation marks), the ideographic space, the BOM.
bool is_non_ascii_separator(unsigned cp) {
  return (cp >= 0x80 && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x3000 ||
         cp == 0xFEFF;
}

bool is_word_char(unsigned cp) {
  return cp < 0x80 ? is_ascii_word(cp) : !is_non_ascii_separator(cp) && cp != 0xFFFD;
}

// Characters that stand for an apostrophe inside a word: ' ’ ‘ `, and what a lossy conversion
// left of a curly one ('?' or U+FFFD, as in "Department?s").
bool is_apostrophe(unsigned cp) {
  return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == '`' || cp == '?' || cp == 0xFFFD;
}

struct Tokens {
  std::vector<std::uint64_t> words;    // one hash per word, in order
  std::vector<std::uint64_t> names;    // one hash per capitalised word (repeats included)
  std::vector<std::uint64_t> numbers;  // one hash per word with a digit (repeats included)
};

// One pass over the body: word hashes (FNV-1a over the lower-cased bytes), names and numbers.
Tokens tokenize(std::string_view body) {
  body = body.substr(0, text::utf8_floor(body, kMaxBodyBytes));
  Tokens out;
  out.words.reserve(body.size() / 6);
  std::uint64_t h = kFnvOffset;
  bool in_word = false, capital = false, digit = false;
  auto finish = [&] {
    if (!in_word) return;
    out.words.push_back(mix(h));
    if (digit) {
      out.numbers.push_back(mix(h ^ 0x9e3779b97f4a7c15ULL));
    } else if (capital) {
      out.names.push_back(mix(h ^ 0x9e3779b97f4a7c15ULL));
    }
    h = kFnvOffset;
    in_word = capital = digit = false;
  };
  for (std::size_t i = 0; i < body.size();) {
    const text::CodePoint c = text::decode_utf8_lenient(body, i);
    if (is_word_char(c.cp)) {
      if (!in_word) capital = c.cp >= 'A' && c.cp <= 'Z';
      if (c.cp >= '0' && c.cp <= '9') digit = true;
      in_word = true;
      for (std::size_t k = 0; k < c.len; ++k) {
        h ^= static_cast<unsigned char>(text::lower_ascii(body[i + k]));
        h *= kFnvPrime;
      }
    } else if (!(in_word && is_apostrophe(c.cp) && i + c.len < body.size() &&
                 is_word_char(text::decode_utf8_lenient(body, i + c.len).cp))) {
      finish();
    }
    i += c.len;
  }
  finish();
  return out;
}

Sketch make_sketch(std::vector<std::uint64_t> hashes) {
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  Sketch s;
  s.size = hashes.size();
  if (hashes.size() > kSketchSize) hashes.resize(kSketchSize);
  s.hashes = std::move(hashes);
  return s;
}

std::vector<std::uint64_t> shingles(const std::vector<std::uint64_t>& words) {
  std::vector<std::uint64_t> out;
  if (words.empty()) return out;
  const std::size_t n = std::min(words.size(), kShingleWords);
  out.reserve(words.size() - n + 1);
  for (std::size_t i = 0; i + n <= words.size(); ++i) {
    std::uint64_t h = kFnvOffset;
    for (std::size_t k = 0; k < n; ++k) h = mix(h ^ words[i + k]) * kFnvPrime;
    out.push_back(mix(h));
  }
  return out;
}

// Counts over the elements of A ∪ B below the largest hash both sketches see completely: for
// those, membership in A and in B is known exactly (bottom-k sampling).
struct Sample {
  std::size_t both = 0, only_a = 0, only_b = 0;
};

Sample sample(const Sketch& a, const Sketch& b) {
  std::uint64_t limit = std::numeric_limits<std::uint64_t>::max();
  if (a.size > a.hashes.size() && !a.hashes.empty()) limit = std::min(limit, a.hashes.back());
  if (b.size > b.hashes.size() && !b.hashes.empty()) limit = std::min(limit, b.hashes.back());
  Sample s;
  std::size_t i = 0, j = 0;
  while (true) {
    const bool more_a = i < a.hashes.size() && a.hashes[i] <= limit;
    const bool more_b = j < b.hashes.size() && b.hashes[j] <= limit;
    if (!more_a && !more_b) break;
    if (more_a && more_b && a.hashes[i] == b.hashes[j]) {
      ++s.both, ++i, ++j;
    } else if (more_a && (!more_b || a.hashes[i] < b.hashes[j])) {
      ++s.only_a, ++i;
    } else {
      ++s.only_b, ++j;
    }
  }
  return s;
}

double ratio(std::size_t num, std::size_t den) {
  return den == 0 ? 0.0 : static_cast<double>(num) / static_cast<double>(den);
}

}  // namespace

Signature signature(std::string_view body) {
  Tokens t = tokenize(body);
  Signature sig;
  sig.shingles = make_sketch(shingles(t.words));
  sig.names = make_sketch(std::move(t.names));
  sig.numbers = make_sketch(std::move(t.numbers));
  return sig;
}

Similarity compare(const Signature& a, const Signature& b) {
  Similarity out;
  if (a.shingles.size == 0 || b.shingles.size == 0) return out;
  const Sample s = sample(a.shingles, b.shingles);
  out.resemblance = ratio(s.both, s.both + s.only_a + s.only_b);
  // The share of the smaller set found in the other: the larger of the two sampled shares (the
  // same figure whichever body comes first).
  out.containment = std::max(ratio(s.both, s.both + s.only_a), ratio(s.both, s.both + s.only_b));
  const Sample n = sample(a.names, b.names);
  out.name_novelty =
      std::min(ratio(n.only_a, n.both + n.only_a), ratio(n.only_b, n.both + n.only_b));
  // |A∖B| ≈ |A| · (share of A's sampled numbers missing from B): exact for small sets.
  const Sample d = sample(a.numbers, b.numbers);
  const double a_only = static_cast<double>(a.numbers.size) * ratio(d.only_a, d.both + d.only_a);
  const double b_only = static_cast<double>(b.numbers.size) * ratio(d.only_b, d.both + d.only_b);
  out.number_swaps = std::min(a_only, b_only);
  out.number_changes = a_only + b_only;
  return out;
}

bool same_statement(const Similarity& s, const Thresholds& t) {
  if (s.containment <= 0) return false;
  const bool one_sided =
      s.containment >= t.one_sided_containment && s.name_novelty <= t.one_sided_name_novelty &&
      s.number_swaps <= t.one_sided_number_swaps && s.resemblance >= t.one_sided_resemblance;
  const bool two_sided = s.resemblance >= t.two_sided_resemblance &&
                         s.containment >= t.two_sided_containment &&
                         s.number_changes <= t.two_sided_number_changes;
  return one_sided || two_sided;
}

bool same_statement(std::string_view body_a, std::string_view body_b) {
  return same_statement(compare(signature(body_a), signature(body_b)));
}

}  // namespace pressroom::near_dup
