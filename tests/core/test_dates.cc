// Tests for pressroom/dates.h: every accepted form, the ugly ones, and every kind of rejection.
#include <catch2/catch.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "pressroom/dates.h"

namespace pressroom {
namespace {

using P = DatePrecision;

// True when s is well-formed UTF-8 (messages end up in JSON, whose encoders refuse anything else).
bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80                 ? 1
                      : c >= 0xC2 && c <= 0xDF ? 2
                      : c >= 0xE0 && c <= 0xEF ? 3
                      : c >= 0xF0 && c <= 0xF4 ? 4
                                               : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

struct Accepted {
  std::string_view input;
  std::string_view iso;
  std::string_view sort_key;
  P precision;
  std::optional<int> offset;
};

const Accepted kAccepted[] = {
    // ISO 8601 / RFC 3339
    {"2018-04-13", "2018-04-13", "20180413", P::kDay, {}},
    {"2018-04-13T16:25", "2018-04-13T16:25", "20180413", P::kMinute, {}},
    {"2018-04-13T16:25:00", "2018-04-13T16:25:00", "20180413", P::kSecond, {}},
    {"2018-04-13T16:25:07Z", "2018-04-13T16:25:07Z", "20180413", P::kSecond, 0},
    {"2018-04-13T16:25Z", "2018-04-13T16:25Z", "20180413", P::kMinute, 0},
    {"2018-04-13t16:25:07z", "2018-04-13T16:25:07Z", "20180413", P::kSecond, 0},
    {"2018-04-13T16:25:07+00:00", "2018-04-13T16:25:07Z", "20180413", P::kSecond, 0},
    {"2018-04-13T00:00:00-04:00", "2018-04-13T00:00:00-04:00", "20180413", P::kSecond, -240},
    {"2018-04-13T23:59:59+12:00", "2018-04-13T23:59:59+12:00", "20180413", P::kSecond, 720},
    {"2018-04-13T16:25:00-0400", "2018-04-13T16:25:00-04:00", "20180413", P::kSecond, -240},
    {"2018-04-13T16:25+05:30", "2018-04-13T16:25+05:30", "20180413", P::kMinute, 330},
    {"2018-04-13T16:25:00+01", "2018-04-13T16:25:00+01:00", "20180413", P::kSecond, 60},
    {"2018-04-13T16:25:00-09:30", "2018-04-13T16:25:00-09:30", "20180413", P::kSecond, -570},
    {"2018-04-13T16:25:00.123Z", "2018-04-13T16:25:00Z", "20180413", P::kSecond, 0},
    {"2018-04-13 16:25:00", "2018-04-13T16:25:00", "20180413", P::kSecond, {}},
    {"2018-04-13 16:25", "2018-04-13T16:25", "20180413", P::kMinute, {}},
    {"2018-04-13 16:25:00 -0400", "2018-04-13T16:25:00-04:00", "20180413", P::kSecond, -240},
    {"2018-04-13T00:00:00Z", "2018-04-13T00:00:00Z", "20180413", P::kSecond, 0},
    {"2018-4-3", "2018-04-03", "20180403", P::kDay, {}},
    // other numeric year-first forms
    {"2018/04/13", "2018-04-13", "20180413", P::kDay, {}},
    {"2018.04.13", "2018-04-13", "20180413", P::kDay, {}},
    {"2018/04/13 16:25", "2018-04-13T16:25", "20180413", P::kMinute, {}},
    // RFC 2822
    {"Fri, 13 Apr 2018 16:25:00 -0400", "2018-04-13T16:25:00-04:00", "20180413", P::kSecond, -240},
    {"Fri, 13 Apr 2018 16:25:00 GMT", "2018-04-13T16:25:00Z", "20180413", P::kSecond, 0},
    {"Fri, 13 Apr 2018 16:25:00 UT", "2018-04-13T16:25:00Z", "20180413", P::kSecond, 0},
    {"Fri, 13 Apr 2018 16:25:00 UTC", "2018-04-13T16:25:00Z", "20180413", P::kSecond, 0},
    {"Fri, 13 Apr 2018 16:25:00 EST", "2018-04-13T16:25:00-05:00", "20180413", P::kSecond, -300},
    {"Fri, 13 Apr 2018 16:25:00 EDT", "2018-04-13T16:25:00-04:00", "20180413", P::kSecond, -240},
    {"Fri, 13 Apr 2018 16:25:00 PDT", "2018-04-13T16:25:00-07:00", "20180413", P::kSecond, -420},
    {"Fri, 13 Apr 2018 16:25:00 +0000", "2018-04-13T16:25:00Z", "20180413", P::kSecond, 0},
    {"Fri, 13 Apr 2018 16:25 +0100", "2018-04-13T16:25+01:00", "20180413", P::kMinute, 60},
    {"13 Apr 2018 16:25:00 +0200", "2018-04-13T16:25:00+02:00", "20180413", P::kSecond, 120},
    {"Fri, 3 Apr 2020 09:05:00 GMT", "2020-04-03T09:05:00Z", "20200403", P::kSecond, 0},
    // written forms
    {"April 13, 2018", "2018-04-13", "20180413", P::kDay, {}},
    {"Apr 13, 2018", "2018-04-13", "20180413", P::kDay, {}},
    {"Apr. 13, 2018", "2018-04-13", "20180413", P::kDay, {}},
    {"april 13 2018", "2018-04-13", "20180413", P::kDay, {}},
    {"APRIL 13, 2018", "2018-04-13", "20180413", P::kDay, {}},
    {"13 April 2018", "2018-04-13", "20180413", P::kDay, {}},
    {"13 Apr 2018", "2018-04-13", "20180413", P::kDay, {}},
    {"13 April, 2018", "2018-04-13", "20180413", P::kDay, {}},
    {"Sept. 4, 2018", "2018-09-04", "20180904", P::kDay, {}},
    {"Sep 4, 2018", "2018-09-04", "20180904", P::kDay, {}},
    {"September 4, 2018", "2018-09-04", "20180904", P::kDay, {}},
    {"May 1, 2018", "2018-05-01", "20180501", P::kDay, {}},
    {"Dec 31, 2018", "2018-12-31", "20181231", P::kDay, {}},
    {"January 1, 2018", "2018-01-01", "20180101", P::kDay, {}},
    {"April 13th, 2018", "2018-04-13", "20180413", P::kDay, {}},
    {"1st June 2021", "2021-06-01", "20210601", P::kDay, {}},
    {"June 2nd, 2021", "2021-06-02", "20210602", P::kDay, {}},
    {"June 3rd, 2021", "2021-06-03", "20210603", P::kDay, {}},
    {"June 11th, 2021", "2021-06-11", "20210611", P::kDay, {}},
    {"June 21st, 2021", "2021-06-21", "20210621", P::kDay, {}},
    {"Monday, 7 June 2021, 4:25 pm", "2021-06-07T16:25", "20210607", P::kMinute, {}},
    {"Monday, June 7, 2021", "2021-06-07", "20210607", P::kDay, {}},
    {"monday june 7 2021", "2021-06-07", "20210607", P::kDay, {}},
    {"Mon, 7 June 2021", "2021-06-07", "20210607", P::kDay, {}},
    {"Mon. 7 June 2021", "2021-06-07", "20210607", P::kDay, {}},
    {"Tues., June 8, 2021", "2021-06-08", "20210608", P::kDay, {}},
    {"Thurs., June 10, 2021", "2021-06-10", "20210610", P::kDay, {}},
    {"June 7, 2021 4:25 PM", "2021-06-07T16:25", "20210607", P::kMinute, {}},
    {"June 7, 2021 4:25PM", "2021-06-07T16:25", "20210607", P::kMinute, {}},
    {"June 7, 2021, 4:25:30 pm", "2021-06-07T16:25:30", "20210607", P::kSecond, {}},
    {"June 7, 2021 at 4:25 p.m.", "2021-06-07T16:25", "20210607", P::kMinute, {}},
    {"June 7, 2021 at 9:05 a.m.", "2021-06-07T09:05", "20210607", P::kMinute, {}},
    {"June 7, 2021 4:25 PM EDT", "2021-06-07T16:25-04:00", "20210607", P::kMinute, -240},
    {"7 June 2021 16:25", "2021-06-07T16:25", "20210607", P::kMinute, {}},
    {"June 7,2021,4:25pm", "2021-06-07T16:25", "20210607", P::kMinute, {}},
    {"Mon,7 June 2021", "2021-06-07", "20210607", P::kDay, {}},
    {"7 June 2021 16:25 +12:00", "2021-06-07T16:25+12:00", "20210607", P::kMinute, 720},
    // the 12-hour clock around midnight and noon
    {"June 7, 2021 12:00 am", "2021-06-07T00:00", "20210607", P::kMinute, {}},
    {"June 7, 2021 12:00am", "2021-06-07T00:00", "20210607", P::kMinute, {}},
    {"June 7, 2021 12:30 AM", "2021-06-07T00:30", "20210607", P::kMinute, {}},
    {"June 7, 2021 12:00 pm", "2021-06-07T12:00", "20210607", P::kMinute, {}},
    {"June 7, 2021 12:59 p.m.", "2021-06-07T12:59", "20210607", P::kMinute, {}},
    {"June 7, 2021 1:00 am", "2021-06-07T01:00", "20210607", P::kMinute, {}},
    {"June 7, 2021 11:59 pm", "2021-06-07T23:59", "20210607", P::kMinute, {}},
    {"June 7, 2021 11:59:59 PM", "2021-06-07T23:59:59", "20210607", P::kSecond, {}},
    // reduced precision
    {"2018", "2018", "20180000", P::kYear, {}},
    {"2018-04", "2018-04", "20180400", P::kMonth, {}},
    {"April 2018", "2018-04", "20180400", P::kMonth, {}},
    {"apr 2018", "2018-04", "20180400", P::kMonth, {}},
    // leap years
    {"2020-02-29", "2020-02-29", "20200229", P::kDay, {}},
    {"2000-02-29", "2000-02-29", "20000229", P::kDay, {}},
    {"February 29, 2024", "2024-02-29", "20240229", P::kDay, {}},
    {"Sat, 29 Feb 2020 10:00:00 GMT", "2020-02-29T10:00:00Z", "20200229", P::kSecond, 0},
    // range edges
    {"1000-01-01", "1000-01-01", "10000101", P::kDay, {}},
    {"9999-12-31", "9999-12-31", "99991231", P::kDay, {}},
    {"2018-04-30", "2018-04-30", "20180430", P::kDay, {}},
    // surrounding white space, and a no-break space from HTML
    {"  2018-04-13\t\n", "2018-04-13", "20180413", P::kDay, {}},
    {"\r\n April 13, 2018 ", "2018-04-13", "20180413", P::kDay, {}},
    {" 2018 ", "2018", "20180000", P::kYear, {}},
    {"\xC2\xA0"
     "2018-04-13\xC2\xA0 ",
     "2018-04-13",
     "20180413",
     P::kDay,
     {}},
    {"April\xC2\xA0"
     "13, 2018",
     "2018-04-13",
     "20180413",
     P::kDay,
     {}},
};

TEST_CASE("parse_date accepts the documented forms", "[dates]") {
  for (const Accepted& c : kAccepted) {
    INFO("input: \"" << c.input << "\"");
    const Result<Date> d = parse_date(c.input);
    REQUIRE(d.ok());
    CHECK(d->to_iso() == c.iso);
    CHECK(d->sort_key() == c.sort_key);
    CHECK(d->precision == c.precision);
    CHECK(d->utc_offset_minutes == c.offset);
    // The canonical form parses back to the same value.
    const Result<Date> again = parse_date(d->to_iso());
    REQUIRE(again.ok());
    CHECK(*again == *d);
  }
}

TEST_CASE("parse_date fills the fields of the Date", "[dates]") {
  const Result<Date> d = parse_date("Monday, 7 June 2021, 4:25 pm");
  REQUIRE(d.ok());
  CHECK(d->year == 2021);
  CHECK(d->month == 6);
  CHECK(d->day == 7);
  CHECK(d->hour == 16);
  CHECK(d->minute == 25);
  CHECK(d->second == 0);
  CHECK_FALSE(d->utc_offset_minutes.has_value());

  const Result<Date> y = parse_date("2018");
  REQUIRE(y.ok());
  CHECK(y->month == 0);
  CHECK(y->day == 0);

  const Result<Date> m = parse_date("April 2018");
  REQUIRE(m.ok());
  CHECK(m->month == 4);
  CHECK(m->day == 0);
}

TEST_CASE("canonical ISO text round-trips exactly", "[dates]") {
  const auto input = GENERATE(
      as<std::string>{}, "2018", "2018-04", "2018-04-13", "2018-04-13T16:25", "2018-04-13T16:25:00",
      "2018-04-13T00:00:00-04:00", "2021-06-07T16:25:00+12:00", "2018-04-13T16:25Z",
      "2018-04-13T16:25:00Z", "2018-04-13T16:25:00+05:45", "1969-07-20T20:17:40Z");
  INFO("input: " << input);
  const Result<Date> d = parse_date(input);
  REQUIRE(d.ok());
  CHECK(d->to_iso() == input);
}

struct Rejected {
  std::string_view input;
  std::string_view reason;  // a part of the message after the quoted input
};

const Rejected kRejected[] = {
    // empty and blank
    {"", "it is empty"},
    {"   ", "only white space"},
    {" \t\r\n ", "only white space"},
    {"\xC2\xA0", "only white space"},
    {" \xC2\xA0\t\xC2\xA0 ", "only white space"},
    // impossible calendar dates
    {"2019-02-29", "day 29 does not exist in February 2019"},
    {"2100-02-29", "day 29 does not exist in February 2100"},
    {"2020-02-30", "day 30 does not exist in February 2020"},
    {"2020-02-31", "day 31 does not exist in February 2020"},
    {"2018-04-31", "day 31 does not exist in April 2018"},
    {"2018-04-00", "day 0 does not exist"},
    {"February 29, 2019", "day 29 does not exist in February 2019"},
    {"29 Feb 2100", "day 29 does not exist in February 2100"},
    {"2018-13-01", "month 13 does not exist"},
    {"2018-00-10", "month 0 does not exist"},
    {"2018-13", "month 13 does not exist"},
    {"2018-04-13T25:00", "hour 25 does not exist"},
    {"2018-04-13T24:00", "hour 24 does not exist"},
    {"2018-04-13T16:60", "minute 60 does not exist"},
    {"2018-04-13T16:25:61", "second 61 does not exist"},
    {"June 7, 2021 13:00 pm", "hour 13 does not exist with am/pm"},
    {"June 7, 2021 0:30 am", "hour 0 does not exist with am/pm"},
    // years out of range
    {"0999-01-01", "year 999 is outside 1000..9999"},
    {"0000", "year 0 is outside 1000..9999"},
    {"10000-01-01", "expected a date such as"},
    {"April 13, 999", "expected a four-digit year"},
    // ambiguous numeric forms
    {"31/02/2020", "day-first or month-first is ambiguous, use YYYY-MM-DD"},
    {"04/13/2018", "ambiguous, use YYYY-MM-DD (2018-04-13)"},
    {"13/04/2018", "ambiguous, use YYYY-MM-DD (2018-04-13)"},
    {"04/05/2018", "ambiguous, use YYYY-MM-DD (2018-04-05 or 2018-05-04)"},
    {"04/04/2018", "ambiguous, use YYYY-MM-DD (2018-04-04)"},
    {"13.04.2018", "ambiguous"},
    {"04-13-2018", "ambiguous"},
    {"4/13/2018", "ambiguous"},
    {"04/13/18", "two-digit year"},
    // weekday mismatch or misplaced
    {"Sunday, 7 June 2021", "7 June 2021 is a Monday, not a Sunday"},
    {"Tue, 13 Apr 2018 16:25:00 -0400", "13 April 2018 is a Friday, not a Tuesday"},
    {"Monday, June 8, 2021", "is a Tuesday, not a Monday"},
    {"Monday, June 2021", "a weekday needs a day"},
    // bad times and zones
    {"June 7, 2021 4:25 ET", "unknown time zone \"ET\""},
    {"2018-04-13T16:25:00+19:00", "UTC offset out of range"},
    {"2018-04-13T16:25:00+04:60", "UTC offset out of range"},
    {"2018-04-13T16:25:00+4", "expected a UTC offset"},
    {"2018-04-13T16", "expected a time"},
    {"2018-04-13T16:5", "expected a time"},
    {"2018-04-13T16:25:", "expected seconds"},
    {"June 7, 2021 at", "expected a time"},
    {"June 7, 2021,", "expected a time"},
    // garbage and malformed
    {"garbage", "expected a date such as 2018-04-13"},
    {"hello world", "expected a date such as"},
    {"13", "expected a month name after the day"},
    {"12:00 am", "expected a month name after the day"},
    {"20180413", "expected a date such as"},
    {"2018-", "expected a month after the year"},
    {"2018-04-", "expected a day after the month"},
    {"2018/04", "expected a day after the month"},
    {"-2018", "expected a date such as"},
    {"2018--04-13", "expected a month after the year"},
    {"2018-04/13", "unexpected \"/13\" after the date"},
    {"2018 - 04 - 13", "unexpected \"- 04 - 13\" after the date"},
    {"Apri 13, 2018", "expected a date such as"},
    {"April", "expected a day or a year after the month"},
    {"April 13", "expected a four-digit year"},
    {"1th June 2021", "\"1th\" is not an ordinal"},
    {"June 12nd, 2021", "\"12nd\" is not an ordinal"},
    // letters glued to digits
    {"Apr1009", "a space is missing between \"Apr\" and \"1009\""},
    {"Nov1018", "a space is missing between \"Nov\" and \"1018\""},
    {"Apr13, 2018", "a space is missing between \"Apr\" and \"13\""},
    {"13April 2018", "a space is missing between \"13\" and \"April\""},
    {"Monday7 June 2021", "a space is missing between \"Monday\" and \"7\""},
    {"April 13th2018", "a space is missing between \"th\" and \"2018\""},
    {"April 13, 2018at 4:25 pm", "a space is missing between \"2018\" and \"at\""},
    {"April 13, 2018 at4:25 pm", "a space is missing between \"at\" and \"4\""},
    // trailing garbage
    {"2018-04-13 garbage", "unexpected \"garbage\" after the date"},
    {"2018-04-13T16:25:00Z extra", "unexpected \"extra\" after the date"},
    {"April 13, 2018 xyz", "unexpected \"xyz\" after the date"},
    {"April 13, 2018 4:25 pm xyz", "unknown time zone \"xyz\""},
    {"April 13, 2018.", "unexpected \".\" after the date"},
    {"2018x", "unexpected \"x\" after the date"},
    {"2018-04-13-04:00", "unexpected \"-04:00\" after the date"},
    {"April 2018 16:25", "unexpected \"16:25\" after the date"},
    // characters that never belong in a date
    {"13 Ao\xC3\xBBt 2018", "non-ASCII character"},
    {"2018-04-13\xFF", "non-ASCII character"},
    {"2018\xE2\x80\x93"
     "04-13",
     "non-ASCII character"},
    {std::string_view("2018-04-13\0", 11), "control character"},
    {"2018-04\x01-13", "control character"},
};

TEST_CASE("parse_date rejects what is not a valid date, saying why", "[dates]") {
  for (const Rejected& c : kRejected) {
    INFO("input: \"" << c.input << "\"");
    const Result<Date> d = parse_date(c.input);
    REQUIRE_FALSE(d.ok());
    CHECK(d.error().code == pressroom::ErrorCode::kInvalidDate);
    CHECK(d.error().field.empty());
    CHECK_THAT(d.error().message, Catch::Contains(std::string(c.reason)));
    CHECK_THAT(d.error().message, Catch::Contains(" is not a valid date: "));
    CHECK(valid_utf8(d.error().message));
  }
}

TEST_CASE("error messages quote the input", "[dates]") {
  struct Case {
    std::string_view input;
    std::string_view message;
  };
  const Case cases[] = {
      {"31/02/2020",
       "\"31/02/2020\" is not a valid date: day-first or month-first is ambiguous, use YYYY-MM-DD"},
      {"  2020-02-31 ",
       "\"2020-02-31\" is not a valid date: day 31 does not exist in February 2020"},
      {"", "\"\" is not a valid date: it is empty"},
      {"say \"hi\"\\",
       "\"say \\\"hi\\\"\\\\\" is not a valid date: expected a date such as "
       "2018-04-13, 13 April 2018 or April 13, 2018"},
      // Valid UTF-8 is kept as written, invalid bytes and control characters are escaped.
      {"13 Ao\xC3\xBBt 2018",
       "\"13 Ao\xC3\xBBt 2018\" is not a valid date: it contains a non-ASCII character"},
      {"2018\xFF\xC3", "\"2018\\xFF\\xC3\" is not a valid date: it contains a non-ASCII character"},
      {"20\x07", "\"20\\x07\" is not a valid date: it contains a control character"},
      // Long input is cut in the message.
      {std::string_view("abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789"),
       "\"abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwx...\" is not a valid date: "
       "expected a date such as 2018-04-13, 13 April 2018 or April 13, 2018"},
  };
  for (const Case& c : cases) {
    INFO("input: \"" << c.input << "\"");
    const Result<Date> d = parse_date(c.input);
    REQUIRE_FALSE(d.ok());
    CHECK(d.error().message == c.message);
  }
}

TEST_CASE("huge inputs are rejected quickly with a short message", "[dates]") {
  const std::string big_digits(10'000, '9');
  const std::string big_letters(10'000, 'a');
  const std::string padded_garbage = "2018-04-13" + std::string(10'000, 'x');
  const std::string big_utf8 = [] {
    std::string s;
    for (int i = 0; i < 5'000; ++i) s += "\xC3\xA9";
    return s;
  }();
  const std::string big_blank(10'000, ' ');
  const std::string big_controls(10'000, '\x01');  // each byte is quoted as 4 characters
  const auto input =
      GENERATE_REF(big_digits, big_letters, padded_garbage, big_utf8, big_blank, big_controls);

  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 1'000; ++i) {
    const Result<Date> d = parse_date(input);
    REQUIRE_FALSE(d.ok());
  }
  const auto elapsed = std::chrono::steady_clock::now() - start;
  // 10 MB scanned in total; a quadratic scan would take minutes, a linear one milliseconds.
  CHECK(elapsed < std::chrono::seconds(2));

  const Result<Date> d = parse_date(input);
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().message.size() < 200);
  CHECK(valid_utf8(d.error().message));
  if (input != big_blank) CHECK_THAT(d.error().message, Catch::Contains("longer than 100"));
}

TEST_CASE("a valid date padded with a lot of white space is accepted", "[dates]") {
  const std::string padding(5'000, ' ');
  const Result<Date> d = parse_date(padding + "April 13, 2018" + padding);
  REQUIRE(d.ok());
  CHECK(d->to_iso() == "2018-04-13");
}

TEST_CASE("Date::to_iso and sort_key on constructed values", "[dates]") {
  struct Case {
    Date date;
    std::string_view iso;
    std::string_view sort_key;
  };
  const Case cases[] = {
      {Date{2018, 0, 0, 0, 0, 0, {}, P::kYear}, "2018", "20180000"},
      {Date{2018, 4, 0, 0, 0, 0, {}, P::kMonth}, "2018-04", "20180400"},
      {Date{2018, 4, 13, 0, 0, 0, {}, P::kDay}, "2018-04-13", "20180413"},
      // Fields below the precision do not leak into the text or the key.
      {Date{2018, 4, 13, 9, 5, 7, {}, P::kMonth}, "2018-04", "20180400"},
      {Date{2018, 4, 13, 9, 5, 7, -240, P::kDay}, "2018-04-13", "20180413"},
      {Date{2018, 4, 13, 9, 5, 7, {}, P::kMinute}, "2018-04-13T09:05", "20180413"},
      {Date{2018, 4, 13, 9, 5, 7, {}, P::kSecond}, "2018-04-13T09:05:07", "20180413"},
      {Date{2018, 4, 13, 9, 5, 7, 0, P::kSecond}, "2018-04-13T09:05:07Z", "20180413"},
      {Date{2018, 4, 13, 0, 0, 0, -240, P::kSecond}, "2018-04-13T00:00:00-04:00", "20180413"},
      {Date{2018, 4, 13, 23, 59, 0, 345, P::kMinute}, "2018-04-13T23:59+05:45", "20180413"},
      {Date{2018, 4, 13, 23, 59, 0, -30, P::kMinute}, "2018-04-13T23:59-00:30", "20180413"},
  };
  for (const Case& c : cases) {
    INFO("expected: " << c.iso);
    CHECK(c.date.to_iso() == c.iso);
    CHECK(c.date.sort_key() == c.sort_key);
  }
}

TEST_CASE("sort keys order dates of different precision", "[dates]") {
  const char* in_order[] = {"2017-12-31",
                            "2018",
                            "2018-01",
                            "2018-01-01",
                            "2018-04",
                            "13 April 2018",
                            "2018-04-13T23:00:00-12:00",
                            "2018-12-31",
                            "2019"};
  for (std::size_t i = 1; i < std::size(in_order); ++i) {
    INFO(in_order[i - 1] << " < " << in_order[i]);
    const Result<Date> a = parse_date(in_order[i - 1]);
    const Result<Date> b = parse_date(in_order[i]);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->sort_key() <= b->sort_key());
  }
}

TEST_CASE("date_bound gives the inclusive key range of a period", "[dates]") {
  struct Case {
    std::string_view input;
    bool upper;
    std::string_view key;
  };
  const Case cases[] = {
      {"2015", false, "20150000"},
      {"2015", true, "20159999"},
      {"2015-06", false, "20150600"},
      {"2015-06", true, "20150699"},
      {"June 2015", false, "20150600"},
      {"June 2015", true, "20150699"},
      {"2015-06-30", false, "20150630"},
      {"2015-06-30", true, "20150630"},
      {"30 June 2015", true, "20150630"},
      {"2015-06-30T23:59:59-04:00", false, "20150630"},
      {"2015-06-30T23:59:59-04:00", true, "20150630"},
      {" 2016 ", true, "20169999"},
      {"2016-02", true, "20160299"},
      {"9999", true, "99999999"},
      {"1000", false, "10000000"},
  };
  for (const Case& c : cases) {
    INFO("input: \"" << c.input << "\" upper: " << c.upper);
    const Result<std::string> key = date_bound(c.input, c.upper);
    REQUIRE(key.ok());
    CHECK(*key == c.key);
  }
}

TEST_CASE("date_bound keys bracket every day of the period", "[dates]") {
  const Result<std::string> lo = date_bound("2015-06", false);
  const Result<std::string> hi = date_bound("2015-06", true);
  REQUIRE(lo.ok());
  REQUIRE(hi.ok());
  for (const char* day : {"2015-06-01", "2015-06-30", "2015-06"}) {
    INFO(day);
    const Result<Date> d = parse_date(day);
    REQUIRE(d.ok());
    CHECK(*lo <= d->sort_key());
    CHECK(d->sort_key() <= *hi);
  }
  for (const char* day : {"2015-05-31", "2015-07-01", "2015"}) {
    INFO(day);
    const Result<Date> d = parse_date(day);
    REQUIRE(d.ok());
    CHECK_FALSE((*lo <= d->sort_key() && d->sort_key() <= *hi));
  }
}

TEST_CASE("date_bound rejects what parse_date rejects", "[dates]") {
  const auto input = GENERATE(as<std::string>{}, "", "  ", "2015-13", "2015-02-29", "06/30/2015",
                              "garbage", "2015-06-30 garbage", "99");
  const auto upper = GENERATE(false, true);
  INFO("input: \"" << input << "\" upper: " << upper);
  const Result<std::string> key = date_bound(input, upper);
  REQUIRE_FALSE(key.ok());
  CHECK(key.error().code == pressroom::ErrorCode::kInvalidDate);
  CHECK(key.error().field.empty());
  CHECK_THAT(key.error().message, Catch::StartsWith("\""));
  CHECK_THAT(key.error().message, Catch::Contains(" is not a valid date: "));
}

TEST_CASE("date_bound names the input in its error", "[dates]") {
  const Result<std::string> key = date_bound("2015-02-29", true);
  REQUIRE_FALSE(key.ok());
  CHECK(key.error().message ==
        "\"2015-02-29\" is not a valid date: day 29 does not exist in February 2015");
}

}  // namespace
}  // namespace pressroom
