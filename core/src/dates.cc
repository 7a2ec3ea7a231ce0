// A hand-written tokenizer and recursive-descent parser: strptime and std::get_time depend on the
// C locale and GCC 12's <chrono> has no parse(), so this is the only way to behave identically on
// every host. <chrono> is used for calendar arithmetic (leap years, weekdays) only.
#include "pressroom/dates.h"

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pressroom/text.h"

namespace pressroom {
namespace {

// The longest real form ("Wednesday, 30 September 2021, 12:25:00 p.m. GMT") is ~50 bytes; a cap
// keeps the work and the error message bounded whatever a caller passes.
constexpr std::size_t kMaxLength = 100;
constexpr std::size_t kMaxQuoted = 60;  // bytes of quoted text in a message, escapes included
constexpr int kMaxOffsetMinutes = 18 * 60;

constexpr std::array<std::string_view, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> kWeekdays = {  // chrono's c_encoding: Sunday is 0
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

struct Zone {
  std::string_view name;
  int offset_minutes;
};
// RFC 2822 section 4.3 names plus UTC and Z. Ambiguous names such as "ET" are refused rather
// than guessed.
constexpr Zone kZones[] = {{"Z", 0},      {"UT", 0},     {"UTC", 0},    {"GMT", 0},
                           {"EST", -300}, {"EDT", -240}, {"CST", -360}, {"CDT", -300},
                           {"MST", -420}, {"MDT", -360}, {"PST", -480}, {"PDT", -420}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// Messages end up in JSON bodies and logs: escape what is not printable or not valid UTF-8 (JSON
// encoders throw on invalid UTF-8) and cut long input.
std::string quote(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    if (out.size() > kMaxQuoted) {
      out += "...";
      break;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c >= 0x80 ? text::valid_utf8_len(s, i) : 0;
    if (c >= 0x20 && c < 0x7F) {
      if (c == '"' || c == '\\') out += '\\';
      out += static_cast<char>(c);
      ++i;
    } else if (len > 0) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out += {'\\', 'x', kHex[c >> 4], kHex[c & 0xF]};
      ++i;
    }
  }
  out += '"';
  return out;
}

// Appends `sep` (unless NUL) and v zero-padded to `width` digits. Private to this file, where
// every call reads (separator, value, width).
// NOLINTNEXTLINE(bugprone-easily-swappable-parameters)
void append_number(std::string& out, char sep, int v, int width) {
  if (sep != '\0') out += sep;
  if (v < 0) out += '-';
  const std::string digits = std::to_string(std::abs(v));
  for (int i = static_cast<int>(digits.size()); i < width; ++i) out += '0';
  out += digits;
}

enum class Kind { kNumber, kWord, kPunct };
// What may separate a token from the one before it: kApart allows white space and requires a
// separator between letters and digits, kTight forbids white space, kAny allows anything.
enum class Gap { kApart, kTight, kAny };

struct Token {
  Kind kind;
  std::string_view text;
  bool spaced;  // white space before it
  int value;    // for numbers of at most 9 digits, else -1
};

// Splits into digit runs, ASCII letter runs and single punctuation characters. Returns an empty
// string on success, else the reason.
std::string tokenize(std::string_view s, std::vector<Token>& out) {
  bool spaced = false;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (const std::size_t n = text::leading_space_or_nbsp(s.substr(i))) {
      spaced = true;
      i += n;
      continue;
    }
    if (c >= 0x80) return "it contains a non-ASCII character";
    if (c < 0x20 || c == 0x7F) return "it contains a control character";
    std::size_t j = i + 1;
    Kind kind = Kind::kPunct;
    if (is_digit(s[i])) {
      kind = Kind::kNumber;
      while (j < s.size() && is_digit(s[j])) ++j;
    } else if (is_alpha(s[i])) {
      kind = Kind::kWord;
      while (j < s.size() && is_alpha(s[j])) ++j;
    }
    Token t{kind, s.substr(i, j - i), spaced, -1};
    if (kind == Kind::kNumber && t.text.size() <= 9) {
      t.value = 0;
      for (char d : t.text) t.value = t.value * 10 + (d - '0');
    }
    out.push_back(t);
    spaced = false;
    i = j;
  }
  return {};
}

// Returns the 1-based index of a full or abbreviated name, 0 when `word` names none of them.
template <std::size_t N>
int lookup_name(const std::array<std::string_view, N>& names, std::string_view word,
                bool* abbreviated) {
  for (std::size_t i = 0; i < N; ++i) {
    if (text::iequals_ascii(word, names[i])) {
      *abbreviated = false;
      return static_cast<int>(i) + 1;
    }
  }
  for (std::size_t i = 0; i < N; ++i) {
    const std::string_view n = names[i];
    const bool extra = (n == "September" && text::iequals_ascii(word, "sept")) ||
                       (n == "Tuesday" && text::iequals_ascii(word, "tues")) ||
                       (n == "Thursday" &&
                        (text::iequals_ascii(word, "thur") || text::iequals_ascii(word, "thurs")));
    if (text::iequals_ascii(word, n.substr(0, 3)) || extra) {
      *abbreviated = true;
      return static_cast<int>(i) + 1;
    }
  }
  return 0;
}

class Parser {
 public:
  Parser(std::string_view text, std::vector<Token> tokens)
      : text_(text), toks_(std::move(tokens)) {}

  // Fills `d`; returns an empty string on success, else the reason.
  std::string run(Date& d) {
    const Token& first = toks_[0];
    bool ok = false;
    if (first.kind == Kind::kNumber && first.text.size() == 4) {
      ok = numeric(d);
    } else if (first.kind == Kind::kNumber && first.text.size() <= 2 && toks_.size() > 1 &&
               toks_[1].kind == Kind::kPunct && !toks_[1].spaced &&
               std::string_view("/.-").find(toks_[1].text[0]) != std::string_view::npos) {
      ok = ambiguous();
    } else {
      ok = text_form(d);
    }
    if (ok && pos_ < toks_.size()) {
      const std::size_t at = static_cast<std::size_t>(toks_[pos_].text.data() - text_.data());
      fail("unexpected " + quote(text_.substr(at)) + " after the date");
    } else if (ok) {
      check(d);
    }
    return why_;
  }

 private:
  bool fail(std::string why) {
    if (why_.empty()) why_ = std::move(why);
    return false;
  }
  const Token* peek(std::size_t ahead = 0) const {
    return pos_ + ahead < toks_.size() ? &toks_[pos_ + ahead] : nullptr;
  }
  bool is_punct(const Token* t, char c, bool tight) const {
    return t != nullptr && t->kind == Kind::kPunct && t->text[0] == c && !(tight && t->spaced);
  }
  bool eat_punct(char c, bool tight = false) {
    if (!is_punct(peek(), c, tight)) return false;
    ++pos_;
    return true;
  }
  // True when the next token touches the previous one across a letter/digit boundary ("Apr13").
  bool glued() const {
    const Token* t = peek();
    if (t == nullptr || pos_ == 0 || t->spaced) return false;
    const Kind prev = toks_[pos_ - 1].kind;
    return (prev == Kind::kWord && t->kind == Kind::kNumber) ||
           (prev == Kind::kNumber && t->kind == Kind::kWord);
  }
  // Consumes the next token when `matches`; a glued one is refused for kApart because "Apr1009"
  // or "2018at" is a typo or a fused field more often than a date.
  bool eat(bool matches, Gap gap) {
    const Token* t = peek();
    if (!matches || (gap == Gap::kTight && t->spaced)) return false;
    if (gap == Gap::kApart && glued()) {
      return fail("a space is missing between \"" + std::string(toks_[pos_ - 1].text) +
                  "\" and \"" + std::string(t->text) + "\"");
    }
    ++pos_;
    return true;
  }
  bool eat_word(std::string_view w, Gap gap = Gap::kApart) {
    const Token* t = peek();
    return eat(t != nullptr && t->kind == Kind::kWord && text::iequals_ascii(t->text, w), gap);
  }
  bool eat_number(int& v, std::size_t min_digits, std::size_t max_digits, Gap gap = Gap::kApart) {
    const Token* t = peek();
    if (!eat(t != nullptr && t->kind == Kind::kNumber && t->text.size() >= min_digits &&
                 t->text.size() <= max_digits,
             gap)) {
      return false;
    }
    v = t->value;
    return true;
  }

  // YYYY, YYYY-MM, YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, then an optional time.
  bool numeric(Date& d) {
    eat_number(d.year, 4, 4);
    d.precision = DatePrecision::kYear;
    const Token* sep = peek();
    if (sep == nullptr || sep->spaced || sep->kind != Kind::kPunct) return true;
    const char c = sep->text[0];
    if (c != '-' && c != '/' && c != '.') return true;  // reported as trailing text
    ++pos_;
    if (!eat_number(d.month, 1, 2, Gap::kTight)) return fail("expected a month after the year");
    d.precision = DatePrecision::kMonth;
    if (!eat_punct(c, true)) {
      if (c == '-') return true;
      return fail("expected a day after the month");
    }
    if (!eat_number(d.day, 1, 2, Gap::kTight)) return fail("expected a day after the month");
    d.precision = DatePrecision::kDay;
    if (eat_word("T", Gap::kTight)) return time(d, Gap::kTight);
    return optional_time(d);
  }

  // NN/NN/YYYY and friends: refused, with the readings that would make sense.
  bool ambiguous() {
    int a = 0, b = 0, year = 0;
    const char c = toks_[1].text[0];
    eat_number(a, 1, 2);
    ++pos_;
    if (!eat_number(b, 1, 2, Gap::kTight) || !eat_punct(c, true)) {
      return fail("expected a date such as 2018-04-13, 13 April 2018 or April 13, 2018");
    }
    if (!eat_number(year, 4, 4, Gap::kTight)) {
      return fail(
          "day-first or month-first is ambiguous and so is a two-digit year, use YYYY-MM-DD");
    }
    std::string readings;
    for (const auto& [month, day] : {std::pair{a, b}, std::pair{b, a}}) {
      const std::chrono::year_month_day ymd{std::chrono::year{year},
                                            std::chrono::month{static_cast<unsigned>(month)},
                                            std::chrono::day{static_cast<unsigned>(day)}};
      if (!ymd.ok() || (a == b && !readings.empty())) continue;
      Date reading;
      reading.year = year;
      reading.month = month;
      reading.day = day;
      readings += (readings.empty() ? " (" : " or ") + reading.to_iso();
    }
    if (!readings.empty()) readings += ')';
    return fail("day-first or month-first is ambiguous, use YYYY-MM-DD" + readings);
  }

  // [Weekday[,]] then "Month D[,] YYYY", "D Month[,] YYYY" or "Month YYYY", then an optional time.
  bool text_form(Date& d) {
    bool abbreviated = false;
    const Token* t = peek();
    if (t != nullptr && t->kind == Kind::kWord) {
      weekday_ = lookup_name(kWeekdays, t->text, &abbreviated) - 1;
      if (weekday_ >= 0) {
        ++pos_;
        if (abbreviated) eat_punct('.', true);
        eat_punct(',');
      }
    }
    if (eat_month(d)) {
      if (eat_number(d.year, 4, 4)) {
        d.precision = DatePrecision::kMonth;
        if (weekday_ >= 0) return fail("a weekday needs a day of the month");
        return true;
      }
      if (!eat_number(d.day, 1, 2) || !eat_ordinal(d.day)) {
        return why_.empty() ? fail("expected a day or a year after the month") : false;
      }
      eat_punct(',');
    } else if (eat_number(d.day, 1, 2)) {
      if (!eat_ordinal(d.day)) return false;
      if (!eat_month(d)) return fail("expected a month name after the day");
      eat_punct(',');
    } else {
      return fail("expected a date such as 2018-04-13, 13 April 2018 or April 13, 2018");
    }
    if (!eat_number(d.year, 4, 4)) return fail("expected a four-digit year");
    d.precision = DatePrecision::kDay;
    return optional_time(d);
  }

  bool eat_month(Date& d) {
    const Token* t = peek();
    bool abbreviated = false;
    if (t == nullptr || t->kind != Kind::kWord) return false;
    const int month = lookup_name(kMonths, t->text, &abbreviated);
    if (!eat(month != 0, Gap::kApart)) return false;
    d.month = month;
    if (abbreviated) eat_punct('.', true);  // AP style: "Apr. 13, 2018"
    return true;
  }

  // An optional suffix glued to the day ("13th"); it must be the right one.
  bool eat_ordinal(int day) {
    const Token* t = peek();
    if (t == nullptr || t->kind != Kind::kWord || t->spaced) return true;
    bool is_suffix = false;
    for (const char* any : {"st", "nd", "rd", "th"})
      is_suffix = is_suffix || text::iequals_ascii(t->text, any);
    if (!is_suffix) return true;
    const char* suffix = "th";
    if (day % 100 < 11 || day % 100 > 13) {
      if (day % 10 == 1) suffix = "st";
      if (day % 10 == 2) suffix = "nd";
      if (day % 10 == 3) suffix = "rd";
    }
    if (!eat_word(suffix, Gap::kTight)) {
      return fail("\"" + std::to_string(day) + std::string(t->text) + "\" is not an ordinal");
    }
    return true;
  }

  // [,] [at] then a time, or nothing.
  bool optional_time(Date& d) {
    bool lead = eat_punct(',');
    lead = eat_word("at") || lead;
    if (peek() != nullptr && peek()->kind == Kind::kNumber) return time(d, Gap::kApart);
    return lead ? fail("expected a time") : true;
  }

  // H:MM[:SS[.fraction]] [am|pm|a.m.|p.m.] [zone]
  bool time(Date& d, Gap gap) {
    if (!eat_number(d.hour, 1, 2, gap) || !eat_punct(':', true) ||
        !eat_number(d.minute, 2, 2, Gap::kTight)) {
      return fail("expected a time such as 16:25");
    }
    d.precision = DatePrecision::kMinute;
    if (eat_punct(':', true)) {
      if (!eat_number(d.second, 2, 2, Gap::kTight))
        return fail("expected seconds after the minutes");
      d.precision = DatePrecision::kSecond;
      // Fractions of a second (JavaScript's toISOString) carry nothing a release date needs.
      int fraction = 0;
      if (is_punct(peek(), '.', true) && peek(1) != nullptr && !peek(1)->spaced) {
        ++pos_;
        if (!eat_number(fraction, 1, 9, Gap::kTight)) return fail("expected digits after '.'");
      }
    }
    const int meridiem = eat_meridiem();
    if (meridiem != 0) {
      if (d.hour < 1 || d.hour > 12) {
        return fail("hour " + std::to_string(d.hour) + " does not exist with am/pm");
      }
      d.hour = d.hour % 12 + (meridiem == 2 ? 12 : 0);
    }
    return zone(d);
  }

  // 0 none, 1 am, 2 pm.
  int eat_meridiem() {
    for (int m = 1; m <= 2; ++m) {
      const char* word = m == 1 ? "am" : "pm";
      const char* letter = m == 1 ? "a" : "p";
      if (eat_word(word, Gap::kAny)) {  // "4:25pm"
        eat_punct('.', true);
        return m;
      }
      const Token* t = peek();
      if (t != nullptr && t->kind == Kind::kWord && text::iequals_ascii(t->text, letter) &&
          is_punct(peek(1), '.', true) && peek(2) != nullptr && !peek(2)->spaced &&
          peek(2)->kind == Kind::kWord && text::iequals_ascii(peek(2)->text, "m")) {
        pos_ += 3;
        eat_punct('.', true);
        return m;
      }
    }
    return 0;
  }

  // Z, a zone name, or an offset +hh:mm, +hhmm or +hh.
  bool zone(Date& d) {
    const Token* t = peek();
    if (t == nullptr) return true;
    if (t->kind == Kind::kWord) {
      for (const Zone& z : kZones) {
        if (text::iequals_ascii(t->text, z.name)) {
          ++pos_;
          d.utc_offset_minutes = z.offset_minutes;
          return true;
        }
      }
      return fail("unknown time zone \"" + std::string(t->text) + "\"");
    }
    if (!is_punct(t, '+', false) && !is_punct(t, '-', false)) return true;
    const int sign = t->text[0] == '-' ? -1 : 1;
    ++pos_;
    int hours = 0, minutes = 0;
    if (eat_number(hours, 4, 4, Gap::kTight)) {
      minutes = hours % 100;
      hours /= 100;
    } else if (!eat_number(hours, 2, 2, Gap::kTight) ||
               (eat_punct(':', true) && !eat_number(minutes, 2, 2, Gap::kTight))) {
      return fail("expected a UTC offset such as +02:00 or -0400");
    }
    if (minutes > 59 || hours * 60 + minutes > kMaxOffsetMinutes) {
      return fail("UTC offset out of range -18:00..+18:00");
    }
    d.utc_offset_minutes = sign * (hours * 60 + minutes);
    return true;
  }

  bool check(const Date& d) {
    if (d.year < 1000 || d.year > 9999) {
      return fail("year " + std::to_string(d.year) + " is outside 1000..9999");
    }
    if (d.precision == DatePrecision::kYear) return true;
    if (d.month < 1 || d.month > 12) {
      return fail("month " + std::to_string(d.month) + " does not exist");
    }
    if (d.precision == DatePrecision::kMonth) return true;
    const std::chrono::year_month_day ymd{std::chrono::year{d.year},
                                          std::chrono::month{static_cast<unsigned>(d.month)},
                                          std::chrono::day{static_cast<unsigned>(d.day)}};
    const std::string month_year =
        std::string(kMonths[static_cast<std::size_t>(d.month - 1)]) + " " + std::to_string(d.year);
    if (!ymd.ok()) {
      return fail("day " + std::to_string(d.day) + " does not exist in " + month_year);
    }
    if (d.hour > 23) return fail("hour " + std::to_string(d.hour) + " does not exist");
    if (d.minute > 59) return fail("minute " + std::to_string(d.minute) + " does not exist");
    if (d.second > 59) return fail("second " + std::to_string(d.second) + " does not exist");
    const int actual =
        static_cast<int>(std::chrono::weekday{std::chrono::sys_days{ymd}}.c_encoding());
    if (weekday_ >= 0 && weekday_ != actual) {
      return fail(std::to_string(d.day) + " " + month_year + " is a " +
                  std::string(kWeekdays[static_cast<std::size_t>(actual)]) + ", not a " +
                  std::string(kWeekdays[static_cast<std::size_t>(weekday_)]));
    }
    return true;
  }

  std::string_view text_;
  std::vector<Token> toks_;
  std::size_t pos_ = 0;
  int weekday_ = -1;  // c_encoding of a given weekday name
  std::string why_;
};

}  // namespace

std::string Date::to_iso() const {
  std::string out;
  append_number(out, '\0', year, 4);
  if (precision >= DatePrecision::kMonth) append_number(out, '-', month, 2);
  if (precision >= DatePrecision::kDay) append_number(out, '-', day, 2);
  if (precision <= DatePrecision::kDay) return out;
  append_number(out, 'T', hour, 2);
  append_number(out, ':', minute, 2);
  if (precision == DatePrecision::kSecond) append_number(out, ':', second, 2);
  if (utc_offset_minutes.has_value()) {
    const int offset = *utc_offset_minutes;
    if (offset == 0) return out + 'Z';
    append_number(out, offset < 0 ? '-' : '+', std::abs(offset) / 60, 2);
    append_number(out, ':', std::abs(offset) % 60, 2);
  }
  return out;
}

std::string Date::sort_key() const {
  std::string out;
  append_number(out, '\0', year, 4);
  append_number(out, '\0', precision == DatePrecision::kYear ? 0 : month, 2);
  append_number(out, '\0', precision <= DatePrecision::kMonth ? 0 : day, 2);
  return out;
}

Result<Date> parse_date(std::string_view text) {
  const std::string_view s = text::trim_space_and_nbsp(text);
  std::string why;
  std::vector<Token> tokens;
  if (s.empty()) {
    why = text.empty() ? "it is empty" : "it contains only white space";
  } else if (s.size() > kMaxLength) {
    why = "it is longer than " + std::to_string(kMaxLength) + " characters";
  } else {
    why = tokenize(s, tokens);
    if (why.empty() && tokens.empty()) why = "it contains only white space";  // trim() prevents it
  }
  Date d;
  if (why.empty()) why = Parser(s, std::move(tokens)).run(d);
  if (!why.empty())
    return make_error(ErrorCode::kInvalidDate, quote(s) + " is not a valid date: " + why);
  return d;
}

Result<std::string> date_bound(std::string_view text, bool upper) {
  Result<Date> d = parse_date(text);
  if (!d.ok()) return d.error();
  std::string key = d->sort_key();
  if (upper && d->precision == DatePrecision::kYear) key.replace(4, 4, "9999");
  if (upper && d->precision == DatePrecision::kMonth) key.replace(6, 2, "99");
  return key;
}

}  // namespace pressroom
