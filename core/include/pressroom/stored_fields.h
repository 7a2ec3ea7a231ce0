// The stored record: how a record is kept as a document's data, and the fields of it that a
// search hit shows. Read for every hit of every search and every exported record, so: zstd
// rather than the zlib Xapian would use (4x faster to inflate), and no JSON tree built — a
// scanner made for this one shape, with nlohmann's SAX parser as the reference it falls back to
// on anything unusual.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pressroom {

// ---- A document's data ----
// Schema 2 stores the record's compact JSON as one zstd frame; schema 1 stored the JSON itself.
// Both are read: a zstd frame starts with the bytes 28 B5 2F FD, which JSON text never does.
std::string encode_record_data(std::string_view json);
// The record's JSON text: a zstd frame decompressed, anything else as it is. A corrupt frame
// gives "" (callers treat it like any data that is not a record).
std::string decode_record_data(std::string_view data);
// The same into `out` (its buffer reused).
void decode_record_data(std::string_view data, std::string& out);
// Whether two documents' data hold the same record (compared decoded when the bytes differ:
// one may be schema 1's plain JSON).
bool same_record_data(std::string_view a, std::string_view b);

// ---- The fields a hit shows ----

struct StoredFields {
  std::string id, title, date, url, body;
  std::vector<std::string> issuers, topics;
  bool operator==(const StoredFields&) const = default;
};

// The top-level string fields id, title, date, url and body, and the strings of the top-level
// arrays issuers and topics (other members, nested values and non-strings are skipped; a repeated
// key's last string wins, a repeated list is appended to). Data that is not a JSON object gives
// no fields at all.
// `data` is the record's JSON text (decode_record_data first).
StoredFields read_stored_fields(std::string_view data);

// The same through nlohmann's SAX parser only: the reference read_stored_fields must agree with
// (tests and the fuzz target compare them).
StoredFields read_stored_fields_reference(std::string_view data);

}  // namespace pressroom
