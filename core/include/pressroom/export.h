// Complete exports of a result set, from one database snapshot, with a manifest that makes the
// result set citable.
//
// An Export works on a `snapshot`: a Xapian::Database object nobody reopen()s while the export
// lives, so every read sees the same revision. prepare() ranks the whole match set once — one run
// of the matcher whose match spy records (weight, docid, date key) per match, 16 bytes each, then
// one sort in Enquire's order — and keeps the docids in export order (4 bytes per match); then it
// hashes their ids (SHA-256 of the ids in export order, each followed by "\n", read from the id
// value slot), so the manifest is known before the first byte of the body. next() walks the same
// docids and reads each record only when it is encoded: memory holds the docids and one chunk of
// output whatever the size. Several shards, or a remote database, are ranked page by page with
// Enquire::get_mset instead (Limits::export_page_size matches per page; Xapian then keeps
// offset + page entries, ≈ 100 bytes each, in its ranking heap), with the same order.
//
// Consistency: Xapian keeps an old revision readable until the writer has committed twice more;
// after that, reading it throws Xapian::DatabaseModifiedError. prepare() lets that exception
// through (nothing has been sent: the caller restarts on a fresh snapshot). During next() it also
// propagates; a ranked document whose record cannot be read is the Error "snapshot_changed".
// Either way the caller must abort the stream visibly; a stream that ends normally holds exactly
// the records of the manifest.
//
// Formats: ndjson (one record per line), json ({"manifest": {...}, "records": [...]}) and csv
// (RFC 4180: header row, CRLF line ends, quotes doubled, multi-valued fields joined with "; ").
// `fields` selects and orders the fields; by default ndjson/json give each record as stored and
// csv gives every field of kExportFields.
// Thread-safety: an Export belongs to one thread at a time.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "pressroom/result.h"
#include "pressroom/search_request.h"

namespace pressroom {

// One database of the index at the state an answer was read from. Xapian has no revision for
// several databases searched as one: the shards' own uuids and revisions make such a state
// citable.
struct ShardState {
  std::string uuid;
  Xapian::rev revision = 0;
  Xapian::doccount documents = 0;
};

struct ExportManifest {
  std::string query;
  std::string parsed_query;
  std::string warning;
  std::vector<std::string> issuers, topics;
  std::string from, to;
  SortOrder sort = SortOrder::kRelevance;  // the order applied (relevance without words: newest)
  ExportFormat format = ExportFormat::kNdjson;
  std::vector<std::string> fields;  // empty: whole records
  std::string uuid;
  Xapian::rev revision = 0;        // 0 for several shards: see `shards`
  std::vector<ShardState> shards;  // as given to prepare(); listed under index.shards
  Xapian::doccount count = 0;
  std::string ids_sha256;    // lower-case hex
  std::string generated_at;  // UTC, "2024-05-01T12:00:00Z"
  std::string version;       // Pressroom version
};

nlohmann::ordered_json to_json(const ExportManifest& m);

// {"uuid", "revision", "documents"} per shard.
nlohmann::ordered_json to_json(const std::vector<ShardState>& shards);

class Export {
 public:
  // Counts and hashes the matches of req on snapshot. `shards` describes the snapshot's
  // databases for the manifest (empty: not listed). Errors: invalid_argument (the query, as for
  // search). Throws Xapian::DatabaseModifiedError (restart on a fresh snapshot), Xapian::Error.
  static Result<Export> prepare(Xapian::Database snapshot, const SearchRequest& req,
                                const Limits& limits, std::string version,
                                std::chrono::system_clock::time_point now,
                                std::vector<ShardState> shards = {});

  Export(Export&&) noexcept;
  Export& operator=(Export&&) noexcept;
  ~Export();

  [[nodiscard]] const ExportManifest& manifest() const;

  // Appends the next piece of the body to out: the header (json/csv), then about 64 KiB of
  // records per call, then the trailer. done() turns true once everything was produced. Error
  // "snapshot_changed" as described above; throws Xapian::DatabaseModifiedError.
  [[nodiscard]] Result<void> next(std::string& out);
  [[nodiscard]] bool done() const;

 private:
  struct State;
  explicit Export(std::unique_ptr<State> s);
  std::unique_ptr<State> s_;
};

// One CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled.
std::string csv_field(std::string_view v);

// "2024-05-01T12:00:00Z": a time in UTC, RFC 3339 with whole seconds.
std::string utc_timestamp(std::chrono::system_clock::time_point t);

// Lower-case hex SHA-256 of a byte string (OpenSSL EVP).
std::string sha256_hex(std::string_view bytes);

}  // namespace pressroom
