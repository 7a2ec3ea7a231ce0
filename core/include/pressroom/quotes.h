// Statements: the direct quotations of a release body, each with who said it (issue #11).
//
// extract_quotes() reads a body (paragraphs separated by a blank line, as every parser writes
// them) and returns its quotations in order. It handles the patterns of docs/statements.md:
// `"…," said Name, role` and `"…," said Role Name of Org` (role before the name), `Name said,
// "…"`, `According to Name, "…"`, `"…," Name added.`, later references by surname or pronoun
// (resolved to the fullest form of the name given in the same body), one quotation interrupted by
// its attribution (two quotations, same speaker), quotations running over several paragraphs,
// straight `"` and curly `“ ”` marks, German `„ “`, French and Spanish `« »`, quotes inside
// quotes, and a spokesperson without a person (no name, organisation kept). Titles of bills,
// reports and programmes in quotation marks and one- or two-word scare quotes are not quotations.
// Archives that lost some of their marks (the DOJ scrape) are read as a reader would: a closing
// mark with no opening one starts the quotation at its paragraph's start, an opening mark with no
// closing one ends it at its paragraph's end.
//
// Speaker names are normalised by one rule (speaker_name_key() and docs/statements.md): white
// space folded, an all-capitals name in title case, honorifics ("Dr", "Sen.", "Rep.", "Mr.", …)
// moved into the role, a suffix written ", Jr." kept as "Jr.".
//
// Pure functions, thread-safe. Bounded work on any input: time is linear in the body's length
// (every look-around is capped), invalid UTF-8 is taken byte by byte and never crashes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pressroom::quotes {

struct Speaker {
  std::optional<std::string> name;          // "Leslie R. Caldwell"; none for "a spokesperson"
  std::optional<std::string> role;          // "Assistant Attorney General"
  std::optional<std::string> organisation;  // "Criminal Division"
  bool operator==(const Speaker&) const = default;
};

struct Quote {
  std::string text;         // without its quotation marks; paragraphs of a long quotation joined by
                            // "\n\n" without the opening marks that repeat on each paragraph
  std::size_t begin = 0;    // byte offset in the body of the text's first byte
  std::size_t end = 0;      // byte offset one past its last byte (the last paragraph's)
  Speaker speaker;          // all fields empty when nothing in the body says who it is
  std::string attribution;  // the verbatim phrase naming the speaker ("said Leufer"), or ""
};

// The quotations of `body` in order of position. Never throws on any input.
std::vector<Quote> extract_quotes(std::string_view body);

// The speaker name as one facet value: the normalised name (normalise_speaker_name) lower-cased
// (ASCII) with full stops and commas removed: "Ralph J. Marra, Jr." -> "ralph j marra jr".
std::string speaker_name_key(std::string_view name);

// A name as the attribution wrote it, normalised: white space folded, an all-capitals name in
// title case, a leading honorific ("Dr", "Dr.", "Sen.", "Rep.", "Mr.", "Ms.", "Mrs.", "Prof.")
// removed and returned through `honorific` when non-null, ", Jr." written "Jr.".
std::string normalise_speaker_name(std::string_view name, std::string* honorific = nullptr);

}  // namespace pressroom::quotes
