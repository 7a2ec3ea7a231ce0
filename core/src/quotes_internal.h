// Internals of the quotation extractor shared by quotes.cc (finding quotations and their
// attributions) and quotes_speaker.cc (reading an attribution phrase as a speaker). Not installed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pressroom/quotes.h"

namespace pressroom::quotes::detail {

// What an attribution phrase says about the speaker, before names are resolved in the body.
struct PhraseSpeaker {
  std::string name;  // as written, normalised; one word when only a surname was given
  std::string role;
  std::string organisation;
  bool pronoun = false;  // "he", "she", "they": the previous speaker
};

// Reads "Thomas E. Perez, Assistant Attorney General for the Civil Rights Division",
// "Attorney General Eric Holder", "a spokesperson for the company", "he", … as a speaker.
PhraseSpeaker parse_speaker_phrase(std::string_view phrase);

// The fullest form of a one-word `surname` (or of a two-word name that has a fuller form, "Zane
// Hill" -> "Zane M. Hill") among `known` names and the capitalised words of `body`; `name`
// itself when nothing fuller is found.
std::string fullest_name(std::string_view name, const std::vector<std::string>& known,
                         std::string_view body);

// True for a capitalised word that is part of a title rather than a name ("Attorney", "Sen.").
bool is_role_word(std::string_view word);

// Splits on single spaces (runs of white space count as one).
std::vector<std::string_view> split_words(std::string_view s);

// True when the word starts with an upper-case letter (ASCII, or a Latin-1 capital in UTF-8).
bool starts_upper(std::string_view word);

}  // namespace pressroom::quotes::detail
