// A title for text whose "first line" is a whole release: one-line files, and captures whose title
// line is absurdly long (more than kLongTitleLine bytes). Used by parse_text.cc.
//
// sentence_title() returns the first sentence when it ends within kMaxTitle bytes (without its
// final '.'; '!' and '?' stay), else the text itself when it fits, else the text cut at the last
// word boundary before the limit with "…" appended. A sentence ends at '.', '!' or '?' (and any
// closing quotes or brackets) followed by white space and a capital letter, digit or opening
// quote, or by the end of the text; a '.' after an initial or an abbreviation ("U.S.", "D.C.",
// "Sen.", "Mr.", "Jan.", "Ala.") ends none. Always valid UTF-8 for valid UTF-8 input. Pure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pressroom::indexer {

inline constexpr size_t kMaxTitle = 200;       // bytes, "…" included
inline constexpr size_t kLongTitleLine = 300;  // a title line longer than this is cut

std::string sentence_title(std::string_view text, size_t max = kMaxTitle);

}  // namespace pressroom::indexer
