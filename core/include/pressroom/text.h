// Text helpers shared by core, the indexer and searchd: UTF-8 validation, decoding and repair,
// white-space trimming and cleanup, and case folding. One place for each rule, so that every
// caller agrees on what "valid UTF-8" or "white space" means.
// Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pressroom::text {

// ---- UTF-8 -------------------------------------------------------------------------------------

// Length of the valid UTF-8 sequence starting at s[i] (precondition: i < s.size()): 1 for an
// ASCII byte, 2 to 4 for a well-formed multi-byte sequence, 0 when the bytes at i are not one
// (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF, no truncated sequence).
std::size_t valid_utf8_len(std::string_view s, std::size_t i);

struct CodePoint {
  unsigned cp = 0;      // Unicode scalar value
  std::size_t len = 0;  // bytes taken from the text, ≥ 1
};

// The code point at s[i] (precondition: i < s.size()). A byte that does not start a valid UTF-8
// sequence is taken as one Latin-1 character (len 1), as Xapian's Utf8Iterator does.
CodePoint decode_utf8_lenient(std::string_view s, std::size_t i);

// The largest length ≤ max of a prefix of s that does not end inside a UTF-8 sequence (it backs
// up over continuation bytes); s.size() when max ≥ s.size().
std::size_t utf8_floor(std::string_view s, std::size_t max);

// Appends the UTF-8 encoding of cp (precondition: cp ≤ U+10FFFF) to out.
void append_utf8(std::string& out, unsigned cp);

// Repairs invalid UTF-8 (each bad byte becomes U+FFFD), drops NUL and control characters other
// than newline, carriage return and tab. Returns whether anything was replaced or dropped
// through `repaired` when non-null.
std::string repair_utf8(std::string_view in, bool* repaired = nullptr);

// ---- White space -------------------------------------------------------------------------------

// Without leading and trailing ASCII space, tab, CR and LF: as a copy, and as a view into `s`.
std::string trim(std::string_view s);
std::string_view trim_view(std::string_view s);

// Without leading and trailing spaces and tabs only (CR and LF are kept).
std::string trim_blanks(std::string_view s);

// Length of the white space `s` starts with when ASCII white space (space, \t \n \v \f \r) and
// the no-break space (U+00A0, how HTML pages often write "April&nbsp;13") count: 0 when none,
// 1 for an ASCII byte, 2 for a no-break space.
std::size_t leading_space_or_nbsp(std::string_view s);

// Without leading and trailing white space in the sense of leading_space_or_nbsp(); the view
// points into `s`.
std::string_view trim_space_and_nbsp(std::string_view s);

// Trims and folds runs of horizontal white space (ASCII and the Unicode spaces U+00A0,
// U+2002..U+200B, U+202F, U+3000) to one space. With keep_newlines, line breaks (LF, CR, CR LF)
// are kept: one break stays one, runs of blank lines become one empty line; otherwise they count
// as white space.
std::string clean_text(std::string_view in, bool keep_newlines);

// ---- Case --------------------------------------------------------------------------------------

// 'A'..'Z' to 'a'..'z'; every other byte unchanged (UTF-8 sequences pass through).
char lower_ascii(char c);
std::string lower_ascii(std::string_view s);

// Equal ignoring ASCII case.
bool iequals_ascii(std::string_view a, std::string_view b);

// Unicode lower case (Xapian's tables), as used for boolean filter terms and for comparing
// issuers and topics.
std::string fold_case(std::string_view s);

}  // namespace pressroom::text
