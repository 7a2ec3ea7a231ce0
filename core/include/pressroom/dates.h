// Date parsing and normalisation for press-release dates as archives really write them.
//
// parse_date() accepts (surrounding whitespace ignored, month/day names in English,
// case-insensitive):
//   ISO date "2018-04-13"; ISO date-time "2018-04-13T16:25", "2018-04-13T16:25:00",
//   with "Z" or an offset "+12:00"/"-0400"; "2018-04-13 16:25:00";
//   RFC 2822 "Fri, 13 Apr 2018 16:25:00 -0400" (also "GMT"/"UT"/"EST"… zones);
//   "April 13, 2018", "Apr 13, 2018", "13 April 2018", "13 Apr 2018";
//   "Monday, 7 June 2021, 4:25 pm", "Monday, June 7, 2021", "June 7, 2021 4:25 PM";
//   "2018/04/13"; "2018.04.13"; year-month "2018-04", "April 2018"; year only "2018".
// It rejects impossible dates (2020-02-31, month 13, hour 25), ambiguous numeric forms such as
// "04/13/2018" or "13/04/2018" with a message saying why, and years outside 1000..9999.
// The precision that was given is kept: "2018" stays a year, "April 2018" a month.
// A given weekday name must match the date; a mismatch is an error.
// Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pressroom/result.h"

namespace pressroom {

enum class DatePrecision { kYear, kMonth, kDay, kMinute, kSecond };

struct Date {
  int year = 0;
  int month = 0;  // 1..12, 0 when precision is kYear
  int day = 0;    // 1..31, 0 when precision is kYear or kMonth
  int hour = 0;   // meaningful for kMinute and kSecond
  int minute = 0;
  int second = 0;                         // meaningful for kSecond
  std::optional<int> utc_offset_minutes;  // set when the source named a zone or offset
  DatePrecision precision = DatePrecision::kDay;

  // Canonical text with the precision that was given:
  // "2018", "2018-04", "2018-04-13", "2018-04-13T16:25", "2018-04-13T16:25:00",
  // and with an offset "2018-04-13T00:00:00-04:00" / "…Z" for offset 0 given as Z or +00:00.
  [[nodiscard]] std::string to_iso() const;
  // 8 ASCII bytes "YYYYMMDD" for sorting and range filters; unknown month/day are "00",
  // so "2018" sorts as "20180000", before every day of 2018. The local date is used (no shift
  // to UTC): a release dated 2018-04-13T00:00:00-04:00 is a release of 13 April.
  [[nodiscard]] std::string sort_key() const;

  bool operator==(const Date&) const = default;
};

// Parses one date. Error code "invalid_date", message quoting the input, e.g.
// "\"31/02/2020\" is not a valid date: day-first or month-first is ambiguous, use 2020-02-31".
Result<Date> parse_date(std::string_view text);

// Parses a filter bound as used by the API and the query language: "2015", "2015-06",
// "2015-06-30" (and anything parse_date accepts). Returns the inclusive "YYYYMMDD" sort key bound:
// for a lower bound the earliest key of the period ("2015" -> "20150000"), for an upper bound the
// latest ("2015" -> "20159999", "2015-06" -> "20150699", "2015-06-30" -> "20150630").
Result<std::string> date_bound(std::string_view text, bool upper);

}  // namespace pressroom
