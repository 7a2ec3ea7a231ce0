// Reading an attribution phrase as a speaker, and the name normalisation rule
// (docs/statements.md). Titles are recognised by a closed list of words; a name is the run of
// capitalised words that are not title words.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "pressroom/quotes.h"
#include "pressroom/text.h"
#include "quotes_internal.h"

namespace pressroom::quotes {
namespace detail {
namespace {

constexpr std::array<std::string_view, 9> kHonorifics = {"Dr",  "Dr.",  "Sen.",  "Rep.", "Mr.",
                                                         "Ms.", "Mrs.", "Prof.", "Mr"};

// Capitalised words of titles, agencies and honorifics: never part of a person's name.
// clang-format off
constexpr std::array<std::string_view, 103> kRoleWords = {
    "Attorney", "General", "Assistant", "Associate", "Deputy", "Acting", "Principal", "Special",
    "Agent", "Agent-in-Charge", "Special-Agent-in-Charge", "Charge", "Director", "Secretary",
    "Minister", "Mayor", "Commissioner", "Chief", "Inspector", "Postal", "Senator", "Sen.", "Rep.",
    "Representative", "Congressman", "Congresswoman", "Governor", "President", "Vice",
    "Administrator", "Counsel", "Officer", "Regional", "Commander", "Admiral", "Rear", "Brigadier",
    "Major", "Colonel", "Lieutenant", "Captain", "Sheriff", "Judge", "Executive", "Head", "Leader",
    "Chair", "Chairman", "Chairwoman", "Spokesperson", "Spokesman", "Spokeswoman", "Professor",
    "Prof.", "Dr", "Dr.", "Mr.", "Mr", "Ms.", "Ms", "Mrs.", "Mrs", "Sir", "Dame", "U.S.", "U.S",
    "US", "United", "States", "Interim", "Superintendent", "Oberbürgermeisterin",
    "Oberbürgermeister", "Bürgermeister", "Bürgermeisterin", "FBI", "IRS", "DEA", "ICE", "EPA",
    "GSA", "SBA", "BOEM", "HUD", "NYPD", "FCC", "HHS-OIG", "HHS", "ATF", "Assistant-in-Charge",
    "Director-in-Charge", "Senior", "Manager", "Deputy-in-Charge", "Adm.", "Gen.", "Lt.", "Col.",
    "Capt.", "Sgt.", "Gov.", "Supt.", "Det.",
};
// clang-format on

// Words that make a capitalised run an organisation rather than a person.
constexpr std::array<std::string_view, 26> kOrgWords = {
    "Department", "Division",       "Office",     "Bureau",    "Agency",    "Service",
    "Services",   "Council",        "Ministry",   "Authority", "Coalition", "Foundation",
    "Union",      "Court",          "Inc.",       "Co.",       "Company",   "Corporation",
    "LLC",        "Administration", "Commission", "Committee", "Board",     "Alliance",
    "Federation", "Institute"};

constexpr std::array<std::string_view, 4> kSuffixes = {"Jr.", "Sr.", "II", "III"};

bool in(std::string_view w, auto const& list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

bool is_initial(std::string_view w) {
  return (w.size() == 2 && starts_upper(w) && w[1] == '.') ||
         (w.size() == 1 && std::isupper(static_cast<unsigned char>(w[0])));
}

std::string join(const std::vector<std::string_view>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

std::string_view strip_punct(std::string_view s) {
  while (!s.empty() && (s.back() == ',' || s.back() == ';' || s.back() == ':' || s.back() == ' '))
    s.remove_suffix(1);
  while (!s.empty() && (s.front() == ',' || s.front() == ' ' || s.front() == '('))
    s.remove_prefix(1);
  return s;
}

// Where an organisation starts in a role phrase: " of ", " for ", " at ", " with ".
std::size_t org_split(std::string_view part) {
  std::size_t best = std::string_view::npos;
  for (std::string_view sep : {" of ", " for ", " at ", " with "}) {
    auto p = part.find(sep);
    if (p != std::string_view::npos && p < best) best = p;
  }
  return best;
}

std::string_view after_sep(std::string_view part, std::size_t at) {
  auto rest = part.substr(at + 1);
  rest = rest.substr(rest.find(' ') + 1);
  if (rest.starts_with("the ")) rest.remove_prefix(4);
  return strip_punct(rest);
}

// The trailing run of name words in `words` (capitalised, not title words, initials and
// suffixes allowed): [first, words.size()), or first == size when there is none.
std::size_t name_run_start(const std::vector<std::string_view>& words) {
  std::size_t i = words.size();
  while (i > 0) {
    auto w = words[i - 1];
    bool suffix = in(w, kSuffixes);
    if (!suffix && (!starts_upper(w) || is_role_word(w))) break;
    --i;
  }
  return i;
}

void set_role_org(PhraseSpeaker& out, std::string_view part) {
  part = strip_punct(part);
  if (part.starts_with("the ") || part.starts_with("a ") || part.starts_with("an ")) {
    // "the union's Northwater branch chair", "the Chief of …": drop the determiner.
    auto sp = part.find(' ');
    auto word_end = part.find(' ', sp + 1);
    auto first =
        part.substr(sp + 1, word_end == std::string_view::npos ? part.npos : word_end - sp - 1);
    if (first.ends_with("'s") || first.ends_with("’s")) {
      part = word_end == std::string_view::npos ? std::string_view{} : part.substr(word_end + 1);
    } else {
      part = part.substr(sp + 1);
    }
  }
  if (part.empty()) return;
  auto at = org_split(part);
  std::string_view role = at == std::string_view::npos ? part : part.substr(0, at);
  if (out.role.empty()) {
    out.role = std::string(role);
  } else if (!role.empty() && out.role.find(role) == std::string::npos) {
    out.role += ", " + std::string(role);
  }
  if (at != std::string_view::npos && out.organisation.empty()) {
    auto org = after_sep(part, at);
    if (!org.empty() && starts_upper(org)) out.organisation = std::string(org);
  }
}

// The start of the name in a run of capitalised words that follows an organisation's "of the":
// from the word before the first initial, or the last two words of three or more; size() when
// the run is too short to hold both ("of New Jersey").
std::size_t trim_org_run(const std::vector<std::string_view>& words, std::size_t start) {
  for (std::size_t i = start + 1; i < words.size(); ++i) {
    if (is_initial(words[i])) return i - 1;
  }
  std::size_t n = words.size() - start;
  if (n >= 3) return words.size() - 2;
  return words.size();
}

// The name in one comma-separated part, or "" (all title words, or an organisation).
std::string name_in_part(std::string_view part, std::string* before) {
  auto words = split_words(part);
  auto start = name_run_start(words);
  if (start == words.size()) return {};
  // A run inside an organisation ("… for the Eastern District of New York Benton J. Campbell"):
  // keep the words from the one before the first initial, or the last two of three or more.
  bool inside_org = start > 1 && !starts_upper(words[start - 1]);
  if (inside_org) {
    start = trim_org_run(words, start);
    if (start == words.size()) return {};
  }
  for (std::size_t i = start; i < words.size(); ++i) {
    if (in(words[i], kOrgWords)) return {};
  }
  if (start == words.size() - 1 && in(words[start], kSuffixes)) return {};
  if (before) *before = join(words, 0, start);
  return join(words, start, words.size());
}

std::vector<std::string> split_parts(std::string_view phrase) {
  std::vector<std::string> parts;
  std::size_t pos = 0;
  while (pos <= phrase.size()) {
    auto comma = phrase.find(", ", pos);
    auto piece = phrase.substr(pos, comma == std::string_view::npos ? phrase.npos : comma - pos);
    piece = strip_punct(piece);
    if (!piece.empty()) {
      if (in(piece, kSuffixes) && !parts.empty()) {
        parts.back() += " " + std::string(piece);
      } else {
        parts.emplace_back(piece);
      }
    }
    if (comma == std::string_view::npos) break;
    pos = comma + 2;
  }
  return parts;
}

}  // namespace

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool starts_upper(std::string_view w) {
  if (w.empty()) return false;
  auto c = static_cast<unsigned char>(w[0]);
  if (c < 0x80) return std::isupper(c) != 0;
  // UTF-8 Latin-1 capitals À..Þ (except ×) are C3 80..C3 9E.
  return c == 0xC3 && w.size() > 1 && static_cast<unsigned char>(w[1]) >= 0x80 &&
         static_cast<unsigned char>(w[1]) <= 0x9E && static_cast<unsigned char>(w[1]) != 0x97;
}

bool is_role_word(std::string_view w) {
  while (!w.empty() && (w.back() == ',' || w.back() == ')')) w.remove_suffix(1);
  if (in(w, kRoleWords)) return true;
  // Agency abbreviations in capitals with a possessive or a hyphen ("FBI's", "ICE-HSI").
  std::size_t caps = 0;
  for (char c : w) caps += std::isupper(static_cast<unsigned char>(c)) ? 1 : 0;
  return w.size() >= 2 && caps >= 2 && caps * 2 > w.size() && !is_initial(w) &&
         w.find('.') == std::string_view::npos;
}

// A phrase with no person in it: "a spokesperson for the company", "the court".
PhraseSpeaker nameless_speaker(std::string_view phrase) {
  PhraseSpeaker out;
  auto sp = phrase.find(' ');
  auto first = phrase.substr(0, sp);
  bool the = first == "the" || first == "The";
  bool article = the || first == "a" || first == "A" || first == "an" || first == "An";
  auto rest = article && sp != std::string_view::npos ? phrase.substr(sp + 1) : phrase;
  auto at = org_split(rest);
  if (at != std::string_view::npos) {
    out.role = std::string(rest.substr(0, at));
    auto org = rest.substr(at + 1);
    out.organisation = std::string(strip_punct(org.substr(org.find(' ') + 1)));
  } else if (the) {
    out.organisation = std::string(phrase);  // "the court"
  } else {
    out.role = std::string(rest);
  }
  return out;
}

PhraseSpeaker parse_speaker_phrase(std::string_view phrase) {
  PhraseSpeaker out;
  phrase = strip_punct(text::trim_view(phrase));
  if (phrase.ends_with('.') && !phrase.ends_with("Jr.") && !phrase.ends_with("Sr.") &&
      !phrase.ends_with("Co.") && !phrase.ends_with("Inc.")) {
    phrase.remove_suffix(1);
  }
  if (phrase.empty()) return out;
  for (std::string_view p : {"he", "she", "they", "He", "She", "They"}) {
    if (phrase == p) {
      out.pronoun = true;
      return out;
    }
  }
  // "The court", "A spokeswoman for …" at a sentence's start: no name either.
  bool determiner =
      (phrase.starts_with("The ") || phrase.starts_with("A ") || phrase.starts_with("An ")) &&
      !starts_upper(phrase.substr(phrase.find(' ') + 1));
  if (!starts_upper(phrase) || determiner) return nameless_speaker(phrase);
  // "Attorney General Holder and Secretary Sebelius in the letter": the first speaker, without
  // the circumstances.
  for (std::string_view cut :
       {" in the ", " in a ", " in his ", " in her ", " in their ", " and "}) {
    auto at = phrase.find(cut);
    if (at == std::string_view::npos) continue;
    auto next = phrase.substr(at + cut.size());
    // A second speaker starts with a title ("and Secretary Sebelius"); an organisation's "and"
    // does not ("U.S. Immigration and Customs Enforcement").
    if (cut == " and " && !is_role_word(next.substr(0, next.find(' ')))) continue;
    phrase = phrase.substr(0, at);
  }
  auto parts = split_parts(phrase);
  std::size_t name_part = parts.size();
  for (std::size_t i = 0; i < parts.size() && name_part == parts.size(); ++i) {
    std::string before;
    std::string_view part = parts[i];
    auto at = org_split(part);
    // "Special Agent in Charge Eric J. Rommal of the FBI": the name ends before " of ".
    std::string head(at == std::string_view::npos ? part : part.substr(0, at));
    auto name = name_in_part(head, &before);
    if (name.empty() && at != std::string_view::npos) name = name_in_part(part, &before);
    if (name.empty()) continue;
    std::string honorific;
    out.name = normalise_speaker_name(name, &honorific);
    name_part = i;
    std::string role = before;
    if (!honorific.empty()) role = role.empty() ? honorific : honorific + ", " + role;
    if (!role.empty()) out.role = role;
    if (at != std::string_view::npos && head.find(name) != std::string::npos) {
      auto org = after_sep(part, at);
      if (!org.empty() && starts_upper(org)) out.organisation = std::string(org);
    }
  }
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i != name_part) set_role_org(out, parts[i]);
  }
  return out;
}

std::string fullest_name(std::string_view name, const std::vector<std::string>& known,
                         std::string_view body) {
  auto words = split_words(name);
  if (words.empty()) return std::string(name);
  std::string_view surname = words.back();
  if (in(surname, kSuffixes) && words.size() > 1) surname = words[words.size() - 2];
  std::string best(name);
  auto better = [&](std::string_view cand) {
    auto cw = split_words(cand);
    if (cw.size() < 2 || cw.size() <= split_words(best).size()) return;
    // A fuller form keeps the given first name ("Zane Hill" -> "Zane M. Hill").
    if (words.size() >= 2 && cw.front() != words.front()) return;
    best = std::string(cand);
  };
  for (const auto& k : known) {
    auto kw = split_words(k);
    if (kw.empty()) continue;
    auto last = kw.back();
    if (in(last, kSuffixes) && kw.size() > 1) last = kw[kw.size() - 2];
    if (last == surname) better(k);
  }
  if (split_words(best).size() >= 2 && best != name) return best;
  // Not given in an attribution: look for "Attorney General Jeff Sessions" in the body. Capped
  // at 64 occurrences so that a body of one repeated name stays linear.
  std::size_t pos = 0;
  int seen = 0;
  while (seen++ < 64 && (pos = body.find(surname, pos)) != std::string_view::npos) {
    std::size_t end = pos + surname.size();
    bool word_end = end >= body.size() || !std::isalnum(static_cast<unsigned char>(body[end]));
    std::size_t from = pos >= 80 ? pos - 80 : 0;
    auto before = body.substr(from, pos - from);
    pos = end;
    if (!word_end || before.empty() || before.back() != ' ') continue;
    auto bw = split_words(before);
    bw.push_back(surname);
    std::size_t i = bw.size() - 1;
    while (i > 0 && i + 4 >= bw.size() && starts_upper(bw[i - 1]) && !is_role_word(bw[i - 1]) &&
           bw[i - 1].back() != ',' && !in(bw[i - 1], kOrgWords))
      --i;
    if (i + 1 == bw.size()) continue;
    if (i > 1 && !starts_upper(bw[i - 1])) i = trim_org_run(bw, i);  // "of the Interior Ken …"
    if (i + 1 >= bw.size()) continue;
    std::string cand = join(bw, i, bw.size());
    if (end + 5 <= body.size() && body.substr(end, 5) == ", Jr.") cand += " Jr.";
    better(normalise_speaker_name(cand));
  }
  return best;
}

}  // namespace detail

std::string normalise_speaker_name(std::string_view name, std::string* honorific) {
  auto words = detail::split_words(text::trim_view(name));
  std::size_t first = 0;
  std::string hon;
  while (first < words.size() && detail::in(words[first], detail::kHonorifics)) {
    if (!hon.empty()) hon += ' ';
    hon += words[first++];
  }
  if (honorific) *honorific = hon;
  std::string out;
  for (std::size_t i = first; i < words.size(); ++i) {
    std::string w(words[i]);
    if (!w.empty() && w.back() == ',' && i + 1 < words.size() &&
        detail::in(words[i + 1], detail::kSuffixes))
      w.pop_back();
    bool all_caps =
        w.size() > 2 &&
        std::none_of(w.begin(), w.end(),
                     [](char c) { return std::islower(static_cast<unsigned char>(c)); }) &&
        std::any_of(w.begin(), w.end(),
                    [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
    if (all_caps && w.find('.') == std::string::npos) {
      for (std::size_t k = 1; k < w.size(); ++k) {
        if (static_cast<unsigned char>(w[k]) < 0x80 &&
            std::isalpha(static_cast<unsigned char>(w[k - 1])))
          w[k] = static_cast<char>(std::tolower(static_cast<unsigned char>(w[k])));
      }
    }
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

std::string speaker_name_key(std::string_view name) {
  std::string norm = normalise_speaker_name(name);
  std::string out;
  for (char c : norm) {
    if (c == '.' || c == ',') continue;
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += text::lower_ascii(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace pressroom::quotes
