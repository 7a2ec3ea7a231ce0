// "Did you mean": a better spelling of a query that has few or no matches, from the spelling data
// pressroom-index builds (Xapian's spelling table; `--no-spelling` leaves it empty, and then no
// query ever gets a suggestion).
//
// suggest_spelling() looks at each plain word of q (runs of letters; not operator words such as
// AND, not field names such as title:, not words with digits) and asks
// Database::get_spelling_suggestion for it, within 1 edit for words of up to 4 letters, else 2.
// A word is replaced when the suggested word is in kSpellingRatio times more releases than the
// word itself (a word in no release is always replaced): a rare typo that does occur in the
// archive ("fruad" in one release) is still corrected, a correct rare word next to a frequent
// one is mostly left alone. The rest of q (operators, quotes, brackets, prefixes) is kept as
// written. The suggestion is returned only when the corrected query, with the same filters,
// matches more releases than the original.
//
// Errors: none (a corrected query the parser rejects gives no suggestion). Exceptions:
// Xapian::Error as for search(). Thread-safety: the database must belong to the calling thread.
#pragma once

#include <optional>
#include <string>

#include <xapian.h>

#include "pressroom/search_request.h"

namespace pressroom {

// A query with at most this many matches may get a suggestion.
inline constexpr Xapian::doccount kFewMatches = 5;
// A word is replaced by a suggestion found in at least this many times more releases.
inline constexpr Xapian::doccount kSpellingRatio = 10;

struct SpellingSuggestion {
  std::string q;               // the corrected query text
  Xapian::doccount total = 0;  // how many releases it matches (exact), with the same filters
};

// The suggestion for `req` (whose query matched `total` releases), or nullopt when total is
// above kFewMatches, q has no word to correct, or the correction would not match more.
std::optional<SpellingSuggestion> suggest_spelling(const Xapian::Database& db,
                                                   const SearchRequest& req, const Limits& limits,
                                                   Xapian::doccount total);

// The word-by-word correction of q alone (no counting), "" when no word changes. Exposed for
// tests and the bench.
std::string corrected_query(const Xapian::Database& db, const std::string& q);

}  // namespace pressroom
