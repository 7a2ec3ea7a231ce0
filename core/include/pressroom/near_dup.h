// Near-duplicate ("wire copy") detection: a fixed-size similarity signature of a release body and
// the rule that decides whether two bodies carry the same statement (issue #13).
//
// A signature holds three bottom-k sketches (the k smallest 64-bit hashes of a set, plus the
// set's size):
//   - shingles: every run of kShingleWords consecutive words of the normalised body. Their overlap
//     says how much text two bodies share; containment (shared ÷ the smaller set) stays high when
//     one copy adds a local paragraph, a footer or boilerplate, or loses a paragraph.
//   - names: the distinct capitalised words (people, places, organisations), and
//   - numbers: the distinct words with a digit (amounts, ages, dates, sentences).
//     They carry the particulars of a statement. Two template releases ("Culpeper County" vs
//     "Bedford County", two sentencings from one office, a guilty plea and the later sentencing)
//     share most of their text, but each has particulars the other lacks; a copy that adds a
//     local paragraph or a footer, or loses one, has particulars on one side only.
//
// Normalisation: ASCII letters lower-cased; words are runs of ASCII letters and digits and of
// non-ASCII code points other than punctuation and spaces (quotation marks, dashes, U+00A0,
// U+2000..U+206F); an apostrophe (', ’, or a '?' or U+FFFD standing for one) between two word
// characters is dropped ("Department’s" = "Departments"). Everything else separates words, so
// white space, punctuation and line breaks do not matter.
//
// Pure functions, thread-safe. Bounded: only the first kMaxBodyBytes of a body are read; time is
// O(n log n) and memory O(n) in the bytes read; a signature holds at most 2·kSketchSize hashes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pressroom::near_dup {

inline constexpr std::size_t kShingleWords = 4;
inline constexpr std::size_t kSketchSize = 128;
inline constexpr std::size_t kMaxBodyBytes = std::size_t{4} << 20;  // 4 MiB

struct Sketch {
  std::vector<std::uint64_t> hashes;  // the ≤ kSketchSize smallest distinct hashes, ascending
  std::uint64_t size = 0;             // distinct elements in the whole set (≥ hashes.size())
  bool operator==(const Sketch&) const = default;
};

struct Signature {
  Sketch shingles;
  Sketch names;
  Sketch numbers;
  bool operator==(const Signature&) const = default;
};

// The signature of a body (any bytes; invalid UTF-8 is read byte by byte). A body with fewer
// than kShingleWords words has one shingle of all its words; an empty body has none.
Signature signature(std::string_view body);

// Estimates from two signatures (exact when every set has at most kSketchSize elements).
struct Similarity {
  double resemblance = 0;     // shingles: |A∩B| / |A∪B|
  double containment = 0;     // shingles: |A∩B| / min(|A|, |B|)
  double name_novelty = 0;    // names: min(|A∖B| / |A|, |B∖A| / |B|), names on both sides only
  double number_swaps = 0;    // numbers: min(|A∖B|, |B∖A|), numbers on both sides only
  double number_changes = 0;  // numbers: |A∖B| + |B∖A|, numbers on either side only
};
Similarity compare(const Signature& a, const Signature& b);

// The documented thresholds (docs/wire-copies.md, measured on bench/copies/). Two bodies carry
// the same statement when either
//   - one-sided edits: the shorter one is (almost) all inside the longer one, has hardly a name
//     and no number the longer lacks (while the longer may add some: a local paragraph, a
//     footer), and is not a mere fragment of it (a lone boilerplate paragraph); or
//   - two-sided edits: they share most of their text (resemblance and containment) and every
//     number (a sentence, an age, a date or an amount that changed means another event).
// Empty bodies are never copies of anything.
struct Thresholds {
  double one_sided_containment = 0.95;
  double one_sided_name_novelty = 0.035;
  double one_sided_number_swaps = 0;
  double one_sided_resemblance = 0.40;
  double two_sided_resemblance = 0.78;
  double two_sided_containment = 0.90;
  double two_sided_number_changes = 0;
};
bool same_statement(const Similarity& s, const Thresholds& t = {});

// Convenience: same_statement(compare(signature(a), signature(b))).
bool same_statement(std::string_view body_a, std::string_view body_b);

}  // namespace pressroom::near_dup
