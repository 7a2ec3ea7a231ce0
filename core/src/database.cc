#include "pressroom/database.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>

#include "pressroom/schema.h"

namespace pressroom {

namespace {

std::string version_text() { return std::to_string(schema::kSchemaVersion); }

// The schema version stamped in db if this build reads it, else nullopt.
std::optional<int> readable_version(const std::string& v) {
  for (int k = schema::kOldestSchemaVersion; k <= schema::kSchemaVersion; ++k)
    if (v == std::to_string(k)) return k;
  return std::nullopt;
}

// Checks the schema version stamped in db. `path` names the database in the message.
Result<void> check_schema(const Xapian::Database& db, const std::string& path) {
  std::string v = db.get_metadata(std::string(schema::kMetaSchemaVersion));
  if (readable_version(v)) return {};
  if (v.empty())
    return make_error(ErrorCode::kSchemaMismatch,
                      path + " is a Xapian database but not a Pressroom index (no schema version)");
  const std::string readable =
      schema::kOldestSchemaVersion == schema::kSchemaVersion
          ? "version " + version_text()
          : "versions " + std::to_string(schema::kOldestSchemaVersion) + " to " + version_text();
  return make_error(ErrorCode::kSchemaMismatch, path + " has Pressroom schema version " + v +
                                                    ", this build reads " + readable +
                                                    "; re-index the archive with this version");
}

std::string display_date(const std::string& key) {
  if (key.size() != 8) return key;
  std::string out = key.substr(0, 4);
  if (key.compare(4, 2, "00") != 0) {
    out += "-" + key.substr(4, 2);
    if (key.compare(6, 2, "00") != 0) out += "-" + key.substr(6, 2);
  }
  return out;
}

unsigned meta_count(const Xapian::Database& db, std::string_view key, unsigned cap) {
  std::string v = db.get_metadata(std::string(key));
  unsigned n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return cap;
    n = n * 10 + static_cast<unsigned>(c - '0');
    if (n > cap) return cap;
  }
  return n;
}

std::vector<std::pair<std::string, Xapian::doccount>> count_slots(const Xapian::Database& db,
                                                                  Xapian::valueno first,
                                                                  unsigned n) {
  std::map<std::string, Xapian::doccount> counts;
  for (unsigned i = 0; i < n; ++i) {
    for (auto it = db.valuestream_begin(first + i); it != db.valuestream_end(first + i); ++it)
      ++counts[*it];
  }
  std::vector<std::pair<std::string, Xapian::doccount>> out(counts.begin(), counts.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

}  // namespace

Result<Xapian::WritableDatabase> open_writable(const std::string& path) {
  try {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
    if (db.get_metadata(std::string(schema::kMetaSchemaVersion)).empty() &&
        db.get_doccount() == 0) {
      db.set_metadata(std::string(schema::kMetaSchemaVersion), version_text());
      if (db.get_metadata(std::string(schema::kMetaDefaultLanguage)).empty())
        db.set_metadata(std::string(schema::kMetaDefaultLanguage), "en");
      db.commit();
    }
    if (auto checked = check_schema(db, path); !checked) return checked.error();
    // An index of an older version this build reads: what is written from now on is in the new
    // encoding, so the stamp says so (older builds then refuse it instead of misreading it).
    if (db.get_metadata(std::string(schema::kMetaSchemaVersion)) != version_text()) {
      db.set_metadata(std::string(schema::kMetaSchemaVersion), version_text());
      db.commit();
    }
    return db;
  } catch (const Xapian::DatabaseLockError& e) {
    // Xapian also reports a lock file it cannot create as a lock error: say which it is.
    std::error_code ec;
    auto dir = std::filesystem::exists(path, ec) ? std::filesystem::path(path)
                                                 : std::filesystem::path(path).parent_path();
    if (::access(dir.empty() ? "." : dir.c_str(), W_OK) != 0) {
      return make_error(ErrorCode::kIoError,
                        "cannot write to database " + path + ": " + std::strerror(errno));
    }
    std::string why = e.get_error_string() ? e.get_error_string() : "";
    if (!why.empty() && why.find("Resource temporarily unavailable") == std::string::npos)
      return make_error(ErrorCode::kIoError, "cannot lock database " + path + ": " + why);
    return make_error(ErrorCode::kLocked,
                      "database " + path +
                          " is locked by another writer (is another pressroom-index "
                          "running on it?)");
  } catch (const Xapian::DatabaseOpeningError& e) {
    std::string why = e.get_error_string() ? std::string(": ") + e.get_error_string() : "";
    return make_error(ErrorCode::kNotADatabase,
                      "cannot open or create a database at " + path + ": " + e.get_msg() + why);
  } catch (const Xapian::Error& e) {
    // get_msg() says what failed ("mkdir failed"), get_error_string() why ("Read-only file
    // system").
    std::string why = e.get_error_string() ? std::string(" (") + e.get_error_string() + ")" : "";
    return make_error(ErrorCode::kIoError,
                      "cannot open database " + path + ": " + e.get_msg() + why);
  }
}

Result<Xapian::Database> open_readonly(const std::vector<std::string>& paths) {
  if (paths.empty()) return make_error(ErrorCode::kInvalidArgument, "no database given");
  Xapian::Database combined;
  for (const auto& path : paths) {
    try {
      Xapian::Database one(path);
      if (auto checked = check_schema(one, path); !checked) return checked.error();
      combined.add_database(one);
    } catch (const Xapian::DatabaseOpeningError&) {
      return make_error(ErrorCode::kNotADatabase, "no Pressroom index at " + path);
    } catch (const Xapian::Error& e) {
      return make_error(ErrorCode::kIoError, "cannot open database " + path + ": " + e.get_msg());
    }
  }
  return combined;
}

Xapian::rev database_revision(const Xapian::Database& db) {
  try {
    return db.get_revision();
  } catch (const Xapian::InvalidOperationError&) {
    return 0;  // several shards: Xapian has no combined revision; see docs/schema.md
  } catch (const Xapian::UnimplementedError&) {
    return 0;  // a backend that keeps no revisions (Xapian's remote and in-memory ones)
  }
}

std::string database_uuid(const Xapian::Database& db) { return db.get_uuid(); }

unsigned max_issuer_slots(const Xapian::Database& db) {
  return meta_count(db, schema::kMetaMaxIssuers, schema::kMaxIssuerSlots);
}

unsigned max_topic_slots(const Xapian::Database& db) {
  return meta_count(db, schema::kMetaMaxTopics, schema::kMaxTopicSlots);
}

IndexStats compute_stats(const Xapian::Database& db) {
  IndexStats s;
  s.documents = db.get_doccount();
  std::string lo, hi;
  for (auto it = db.valuestream_begin(schema::kSlotDate);
       it != db.valuestream_end(schema::kSlotDate); ++it) {
    const std::string& v = *it;
    if (lo.empty() || v < lo) lo = v;
    if (hi.empty() || v > hi) hi = v;
  }
  s.date_min = display_date(lo);
  s.date_max = display_date(hi);
  // The year facet's slot: one "YYYY" per dated document, so the counts are exact.
  std::map<std::string, Xapian::doccount> years;
  for (auto it = db.valuestream_begin(schema::kSlotYear);
       it != db.valuestream_end(schema::kSlotYear); ++it)
    ++years[*it];
  s.years.assign(years.begin(), years.end());
  Xapian::doccount dated = 0;
  for (const auto& [year, n] : s.years) dated += n;
  s.undated = s.documents - std::min(dated, s.documents);
  s.issuers = count_slots(db, schema::kSlotIssuerFirst, max_issuer_slots(db));
  s.topics = count_slots(db, schema::kSlotTopicFirst, max_topic_slots(db));
  s.uuid = database_uuid(db);
  s.revision = database_revision(db);
  std::string v = db.get_metadata(std::string(schema::kMetaSchemaVersion));
  s.schema_version = v.empty() ? 0 : std::stoi(v);
  return s;
}

}  // namespace pressroom
