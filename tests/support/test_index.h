// Test indexes for the core and searchd tests: records indexed with the core's DocumentBuilder (as
// pressroom-index would), the sample archive, bulk records and the DOJ archive's metadata.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pressroom::test {

using Json = nlohmann::ordered_json;

// Adds (or replaces, by id) records in the index at db, creating it, and commits: schema version
// and language via open_writable, max issuer/topic slots metadata as the indexer sets them.
// REQUIREs every record to be valid.
void index_records(const std::filesystem::path& db, const std::vector<Json>& records);

// The sample archive: 48 generated releases over 2014-2017 with 1-2 issuers and 0-2 topics,
// plus edge cases (boundary dates, year-only and month-only dates, an undated release, a body
// with HTML, an id with '/', spaces and '?').
std::vector<Json> sample_records();

// n releases "bulk-0".."bulk-<n-1>" titled `title`, each with a 2,000-character body (plus its
// number): enough bytes that a client which stops reading keeps an export open.
std::vector<Json> bulk_records(int n, const std::string& title = "bulk");

// Rows of an RFC 4180 text (CRLF or LF line ends, quoted fields with commas, quotes, newlines).
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

// The DOJ archive of ../shared (doj_dir) as canonical records, from its two metadata CSVs (ids
// "doj-NNNNN" as corpus/mappings/doj-csv.toml makes them; no bodies: those are in the tarball).
std::vector<Json> doj_records(const std::filesystem::path& doj_dir);

}  // namespace pressroom::test
