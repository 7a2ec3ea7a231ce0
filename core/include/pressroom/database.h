// Opening Pressroom databases with the schema check.
//
// Errors are values: code "schema_mismatch" (database of another schema version, message says
// both versions), "not_a_database" (no Xapian database at the path), "locked" (another writer
// holds the lock), "io_error" (anything else, message without library internals where possible).
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "pressroom/result.h"

namespace pressroom {

// Opens (creating if missing) the database for writing; stamps the schema version on a new one.
Result<Xapian::WritableDatabase> open_writable(const std::string& path);

// Opens one or more databases for reading as one combined database. Each must carry
// schema::kSchemaVersion. Thread-safety: the returned object belongs to one thread.
Result<Xapian::Database> open_readonly(const std::vector<std::string>& paths);

// Index facts used by stats: counts, date range, distinct issuers/topics (by value), revision.
struct IndexStats {
  Xapian::doccount documents = 0;
  std::string date_min;  // canonical "YYYY-MM-DD" (or shorter) of the smallest date key, "" if none
  std::string date_max;
  std::vector<std::pair<std::string, Xapian::doccount>> years;    // "YYYY", documents; by year
  Xapian::doccount undated = 0;                                   // documents without a date
  std::vector<std::pair<std::string, Xapian::doccount>> issuers;  // value, documents; count desc
  std::vector<std::pair<std::string, Xapian::doccount>> topics;
  std::string uuid;
  Xapian::rev revision = 0;
  int schema_version = 0;
};

// Computes the stats of an open database (walks the facet slots once).
IndexStats compute_stats(const Xapian::Database& db);

// The combined revision of a database (for one shard, get_revision(); for several, the sum),
// and its uuid (one shard: get_uuid(); several: the uuids joined with '+').
Xapian::rev database_revision(const Xapian::Database& db);
std::string database_uuid(const Xapian::Database& db);

// Number of issuer / topic slots in use (metadata kMetaMaxIssuers / kMetaMaxTopics, max over
// shards).
unsigned max_issuer_slots(const Xapian::Database& db);
unsigned max_topic_slots(const Xapian::Database& db);

}  // namespace pressroom
