// The fields of a stored record (a document's data, the record's JSON) that a search hit shows.
// Read for every hit of every search, so without building a JSON tree: a scanner made for this
// one shape, with nlohmann's SAX parser as the reference it falls back to on anything unusual.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pressroom {

struct StoredFields {
  std::string id, title, date, url, body;
  std::vector<std::string> issuers, topics;
  bool operator==(const StoredFields&) const = default;
};

// The top-level string fields id, title, date, url and body, and the strings of the top-level
// arrays issuers and topics (other members, nested values and non-strings are skipped; a repeated
// key's last string wins, a repeated list is appended to). Data that is not a JSON object gives
// no fields at all.
StoredFields read_stored_fields(std::string_view data);

// The same through nlohmann's SAX parser only: the reference read_stored_fields must agree with
// (tests and the fuzz target compare them).
StoredFields read_stored_fields_reference(std::string_view data);

}  // namespace pressroom
