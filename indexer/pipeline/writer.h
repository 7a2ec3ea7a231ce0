// The single writer of an import: upserts documents in input order and keeps the accounts
// (added / replaced / unchanged / rejected), marks exact duplicates, records which files were
// imported completely (so a re-run can skip them) and, with --prune, deletes the records whose
// source files are gone or no longer hold them.
// Not thread-safe: one thread owns the Writer and the WritableDatabase.
//
// Bulk mode (a BulkImport, for a new or empty target): the Writer makes the same decisions, but
// gives each new record the document id a single writer would (1, 2, … in order of first
// appearance) and hands it to the bulk import's writer threads; `db` is then the bulk import's
// patch database, which receives the records repeating an id of this run, the spelling words of
// those, and the metadata. finish_bulk() completes the import in the merged database.
#pragma once

#include <fstream>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include "pipeline/bulk_import.h"
#include "pipeline/ingest.h"
#include "pipeline/pipeline.h"

namespace pressroom::indexer {

// What an earlier import recorded about a file it read completely without rejections.
struct FileRecord {
  std::string path;
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  std::string fingerprint;
  size_t records = 0;
};

class Writer {
 public:
  Writer(Xapian::WritableDatabase& db, const IngestOptions& opt, std::ostream& diag,
         std::ofstream* rejects, IngestSummary& sum, BulkImport* bulk = nullptr);

  // Writes outcomes in order: reports warnings and rejections, upserts documents, and at each
  // end-of-file marker records the file (when all its records were indexed).
  void write(std::vector<Outcome>& outcomes);
  void commit();

  // The record an earlier import left for a file key, if any (from the run's starting snapshot).
  [[nodiscard]] const FileRecord* file_record(const std::string& key) const;

  // After the last file: commits; with prune (and not interrupted) deletes records of gone files
  // under `roots` and records that changed files no longer hold; re-points duplicates whose
  // original changed; commits again.
  void finish(bool prune, const std::vector<std::string>& roots);
  // Bulk mode, after BulkImport::finish(): the same in the merged database.
  void finish_bulk(Xapian::WritableDatabase& merged, bool prune,
                   const std::vector<std::string>& roots);

 private:
  void reject(const Outcome& o);
  void upsert(Outcome& o);
  void end_of_file(const Outcome& o);
  void add_spelling(const Xapian::Document& doc);
  // Runs `read` against snapshot_. Xapian commits on its own every XAPIAN_FLUSH_THRESHOLD changes
  // (10,000 by default), which can fall inside one of our batches; two of them recycle the
  // revision the snapshot reads (DatabaseModifiedError): then the snapshot is reopened and read
  // again. Seeing this run's own writes there changes no decision: its ids are in written_ and
  // its body hashes in originals_.
  template <class Read>
  auto read_snapshot(Read&& read) {
    for (int attempt = 0;; ++attempt) {
      try {
        return read();
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt == 2) throw;
        snapshot_.reopen();
      }
    }
  }
  // What the snapshot holds under an id term: its document id, whether it is the only one, and
  // the document (loaded: no lazy read left for later).
  struct Existing {
    Xapian::docid did = 0;
    bool single = true;
    std::string data, body_hash, source_file;
  };
  std::optional<Existing> existing(const std::string& id_term);
  void prune_and_refold(Xapian::WritableDatabase& db, bool prune,
                        const std::vector<std::string>& roots);
  // The id of the document a body hash was first indexed with, or "" when `self` is the first.
  std::string original_for(const std::string& hash, const std::string& self_term,
                           Xapian::docid self_did);

  Xapian::WritableDatabase& db_;
  BulkImport* bulk_;
  Xapian::docid bulk_last_did_ = 0;
  Xapian::Database snapshot_;  // read-only view of the last commit (reopened after each commit)
  // Id terms written in this run -> document id and body hash.
  std::unordered_map<std::string, std::pair<Xapian::docid, std::string>> written_;
  const IngestOptions& opt_;
  std::ostream& diag_;
  std::ofstream* rejects_;
  IngestSummary& sum_;
  unsigned max_issuers_ = 0;
  unsigned max_topics_ = 0;
  size_t since_commit_ = 0;
  std::unordered_map<std::string, Xapian::termcount> spelling_;  // words of the current batch

  std::unordered_map<std::string, FileRecord> file_records_;  // by file key, from the snapshot
  // The file being written: its rejections and records so far, and (for --prune) the document
  // ids it produced.
  size_t file_rejected_ = 0;
  size_t file_records_seen_ = 0;
  std::vector<Xapian::docid> file_docids_;
  // Files read completely in this run whose earlier records may include ones they no longer hold.
  std::vector<std::pair<std::string, std::vector<Xapian::docid>>> stale_checks_;

  // Duplicates: body hash -> (docid, id) of its original; hashes whose original may have changed.
  std::unordered_map<std::string, std::pair<Xapian::docid, std::string>> originals_;
  std::unordered_set<Xapian::docid> rehashed_;  // existing documents whose body changed this run
  std::set<std::string> refold_;
};

// Parses a file record (the metadata value); nullopt when it is not one.
std::optional<FileRecord> parse_file_record(const std::string& value);
std::string file_record_json(const FileRecord& r);

}  // namespace pressroom::indexer
