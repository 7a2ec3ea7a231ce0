// The record model: one press release, as every importer produces it and every export returns it.
//
// Canonical JSON (docs/schema.md, "Document data"):
//   {"id": "...", "date": "2021-06-07T16:25:00+12:00", "issuers": [...], "topics": [...],
//    "title": "...", "body": "...", "url": "...", "language": "en", "source": "...", ...extra}
// Any field not listed above is kept in `extra` and returned untouched.
// Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pressroom/dates.h"
#include "pressroom/result.h"

namespace pressroom {

struct Record {
  std::string id;
  std::optional<Date> date;
  std::vector<std::string> issuers;
  std::vector<std::string> topics;
  std::string title;
  std::string body;
  std::string url;
  std::string language;  // ISO 639-1 code, lower case; "en" when the input gave none
  std::string source;
  nlohmann::ordered_json extra = nlohmann::ordered_json::object();  // unknown fields, untouched
};

// Validates and normalises one record given as a JSON object with the canonical field names.
// Accepts: "issuers"/"topics" as an array of strings or one string; "date" as any format
// parse_date() takes; numbers as ids. Normalises (text.h): UTF-8 repaired, whitespace trimmed,
// empty and case-insensitively repeated issuers/topics dropped, language lower-cased (default
// "en"). Errors (code "invalid_record", field set):
//   - not an object; a field of the wrong type ("field 'issuers': expected a string or a list")
//   - invalid date (the message of parse_date)
//   - no id and none derivable; an id longer than schema::kMaxIdBytes (2048) bytes
//   - neither title nor body
//   - more than schema::kMaxIssuerSlots issuers or kMaxTopicSlots topics
Result<Record> record_from_json(const nlohmann::ordered_json& j);

// The canonical compact JSON of a record: fields in the order above, "date" omitted when absent,
// empty strings omitted except id/title/body, extra fields after.
nlohmann::ordered_json record_to_json(const Record& r);

}  // namespace pressroom
