// The import pipeline of `pressroom-index add`: inputs -> raw items -> mapping -> record ->
// document -> the single writer. Parsing, mapping and document building run on worker threads;
// one thread writes, in input order, so a later record with the same id wins.
//
// Accounting: every raw item ends as exactly one of added / replaced / unchanged / rejected.
// Diagnostics go to `diag` like a compiler's ("path:line: error: field 'date': ..."); rejected
// items are also written to the rejects file as JSONL when one is given.
//
// Incremental: a file read completely without rejections is recorded in the database metadata
// (size, mtime, mapping fingerprint, record count); a later run skips it while those are the
// same (its records count as read and unchanged) unless `rescan` is set. Every document carries
// its source file (term XF, slot 5). With `prune`, records of files under the inputs that no
// longer exist, and records a changed file no longer holds, are deleted.
// Exact duplicates (same normalised body) are all indexed; copies carry "duplicate_of".
// Commits every `batch_size` written documents and at the end; when `stop` becomes true (SIGINT,
// SIGTERM) it stops reading, commits what is done and returns with `interrupted` set.
// Bulk import (a new or empty database and `writers` > 1): K writer threads build segments in a
// work folder next to the database, merged and compacted at the end and swapped in atomically;
// the database is empty until then (a kill leaves it empty, SIGINT swaps in what is done).
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "formats/boilerplate.h"
#include "pressroom/result.h"

namespace pressroom::indexer {

struct IngestOptions {
  std::string db_path;
  std::vector<std::string> inputs;  // files, folders (walked), or "-" for standard input
  std::optional<std::filesystem::path> mapping_path;
  std::optional<std::filesystem::path> file_root;
  std::string format;  // forced format name, "" = from the mapping or the extension
  std::optional<std::filesystem::path> rejects_path;
  size_t batch_size = 10000;
  unsigned threads = 0;  // worker threads; 0 = number of cores
  // Writer threads for a bulk import into a new or empty database (bulk_import.h); 0 = number of
  // cores, 1 = the single writer. A populated database always gets the single writer.
  unsigned writers = 0;
  bool progress = false;  // show progress on diag
  // diag is a terminal: progress is one line redrawn in place, cleared before each diagnostic.
  // Otherwise it is plain "progress: …" lines, at most one per progress_interval seconds.
  bool progress_terminal = false;
  double progress_interval = 10;
  bool spelling = true;              // build spelling data (for "did you mean" suggestions)
  std::vector<std::string> include;  // globs for walked folders (added to the mapping's)
  std::vector<std::string> exclude;
  bool prune = false;   // delete records whose source files are gone or no longer hold them
  bool rescan = false;  // read unchanged files again
  // Text files: learn each folder's page chrome in a first pass and leave it out of titles and
  // bodies (boilerplate.h). false also drops the built-in chrome list. The threshold (share of a
  // folder's files, (0, 1]) overrides the mapping's; unset: the mapping's, else 5 %.
  bool boilerplate = true;
  std::optional<double> boilerplate_threshold;
};

struct IngestSummary {
  size_t read = 0;
  size_t added = 0;
  size_t replaced = 0;
  size_t unchanged = 0;
  size_t rejected = 0;
  size_t warnings = 0;
  size_t files = 0;            // files read
  size_t files_unchanged = 0;  // files skipped: unchanged since the import that recorded them
  size_t skipped_files = 0;    // files in walked folders of unknown format
  size_t broken_links = 0;     // symbolic links to nothing in walked folders
  size_t folders_walked_already = 0;  // links to a folder already walked (a cycle, a second link)
  size_t documentation_files = 0;     // README, LICENSE, ... at the top of walked folders, skipped
  size_t hidden_files = 0;            // hidden files in walked folders, skipped
  size_t hidden_folders = 0;          // hidden folders in walked folders, not entered
  size_t excluded_files = 0;          // files left out by include/exclude globs
  size_t unread_folders = 0;          // folder inputs holding files of which none is read (warned)
  size_t pruned = 0;                  // records deleted by --prune
  size_t duplicates = 0;              // records written or unchanged that copy another's body
  uint64_t bytes = 0;
  double seconds = 0;
  bool interrupted = false;
  unsigned bulk_writers = 0;  // writer threads of a bulk import (0: the single writer)
  size_t bulk_segments = 0;   // segments merged at its end
  double merge_seconds = 0;   // time spent merging them
  // Page chrome learned per folder of text files, and the time the first pass took.
  std::vector<BoilerplateReport> boilerplate;
  double boilerplate_seconds = 0;
  // Warnings about the run as a whole, also written to the diagnostics at its end: `replace`
  // patterns of the mapping that never matched ("m.toml: warning: fields.body: replace pattern
  // \"…\" never matched (12 value(s))").
  std::vector<std::string> run_warnings;
};

// Runs an import. Returns the summary, or a fatal error (unreadable input, bad mapping, locked
// or foreign database) — records committed before a fatal error stay committed.
Result<IngestSummary> run_ingest(const IngestOptions& options, std::ostream& diag,
                                 const std::atomic<bool>& stop);

// "read 180 · added 170 · replaced 5 · unchanged 0 · rejected 5 · 0.42 s · 428 records/s"
std::string format_summary(const IngestSummary& s);
// The lines after the summary: files read and skipped, pruned records, duplicates, page chrome
// left out of text files ("" if none).
std::string format_file_summary(const IngestSummary& s);

// Version of the parsers' output. Part of every file record's fingerprint: bump it when a parser
// or the generic extractors change what they produce, so unchanged files are read again.
inline constexpr int kParserVersion = 2;  // 2: page chrome, titles of one-line text files

}  // namespace pressroom::indexer
