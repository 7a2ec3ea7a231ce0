// Parallel writers for a bulk import into a new or empty database.
//
// The Writer (writer.h) still decides everything in input order: which records are new, which
// replace a record of this run, which copy another's body (duplicate_of), and the document id each
// new record gets — the id a single writer would have given it (1, 2, 3, … in order of first
// appearance). Only the Xapian work is spread out:
//
//  - a new record goes to a *segment*, a fresh glass database holding one contiguous range of
//    document ids (segment s holds ids s·S+1 … (s+1)·S); segments are written round-robin by K
//    threads, each with its own WritableDatabase, so K segments are built at once;
//  - a record repeating an id seen earlier in the run goes to the *patch* database, written by the
//    Writer's own thread with the same document id, so the last record wins;
//  - at the end the segments are merged with Xapian::Database::compact() keeping their document
//    ids (their ranges are disjoint), the patch is applied over the result, and the finished
//    database is swapped with the (empty) target by one atomic rename (renameat2
//    RENAME_EXCHANGE). The result is the database a single writer would have made, compacted.
//
// All of it lives in a work folder next to the target (".<name>.bulk-<pid>"). Until the swap the
// target is untouched, so a kill at any moment leaves it as it was; the next run on the target
// removes work folders left behind, except those of a run still going: the process named in the
// folder's name exists, or the folder's `lock` file is locked (flock, held by a running import
// for its whole run). A SIGTERMed import goes on merging after its database folder was deleted;
// a new import into the same path must not remove its work folder.
//
// Thread-safety: a BulkImport is used by one thread (the Writer's); it owns the K writer threads.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>
#include "pressroom/thread_annotations.h"

#include <xapian.h>

#include "pressroom/result.h"

namespace pressroom::indexer {

// Counts the words a document contributes to the spelling table (unprefixed terms of at least 3
// bytes that do not start with a digit) into `words`.
void count_spelling_words(const Xapian::Document& doc,
                          std::unordered_map<std::string, Xapian::termcount>& words);

class BulkImport {
 public:
  // Creates the work folder next to `target` and starts `writers` threads. `segment_size`:
  // documents per segment (each thread holds at most one segment's pending documents plus one
  // queued segment). Throws Xapian::Error or std::filesystem::filesystem_error.
  BulkImport(const std::filesystem::path& target, unsigned writers, size_t segment_size,
             bool spelling);
  ~BulkImport();  // stops the threads and removes the work folder
  BulkImport(const BulkImport&) = delete;
  BulkImport& operator=(const BulkImport&) = delete;

  // The database that receives replacements of records written earlier in this run.
  Xapian::WritableDatabase& patch() { return patch_; }

  // A new document with the id the single writer would have given it. Ids must come in
  // increasing order without gaps. Blocks while its writer's queue is full. Rethrows the error of
  // a writer thread that failed.
  void add(Xapian::docid did, Xapian::Document&& doc);

  // Waits for the writers, merges the segments, applies the patch (documents, spelling words,
  // metadata) and copies the target's metadata under it. Returns the merged database, open for
  // writing (for pruning and re-pointing duplicates); call swap_into_target() after closing it.
  Xapian::WritableDatabase finish(const Xapian::Database& target);

  // Replaces the (empty) target with the merged database atomically; then removes the work
  // folder. `target_handle` (the open target, whose lock was held during the run) is closed.
  // Returns an error when the target cannot be replaced (it is then left as it was).
  Result<void> swap_into_target(Xapian::WritableDatabase& target_handle);

  size_t segments() const { return segment_paths_.size(); }
  // Time finish() spent merging and applying the patch (after the writers were done).
  double merge_seconds() const { return merge_seconds_; }

 private:
  struct Queue {
    Mutex m;
    std::condition_variable cv;
    std::deque<std::pair<Xapian::docid, Xapian::Document>> items GUARDED_BY(m);
    bool done GUARDED_BY(m) = false;
  };
  void run_writer(unsigned index);
  void stop_threads();
  void rethrow_failure();

  std::filesystem::path target_;
  std::filesystem::path work_;
  size_t segment_size_;
  double merge_seconds_ = 0;
  bool spelling_;
  Xapian::WritableDatabase patch_;
  std::vector<std::unique_ptr<Queue>> queues_;
  std::vector<std::thread> threads_;
  Mutex failure_m_;
  std::exception_ptr failure_ GUARDED_BY(failure_m_);
  std::atomic<bool> failed_{false};
  std::vector<std::string> segment_paths_;  // by segment number ("" = none written)
  int lock_fd_ = -1;                        // work_/lock, flock()ed while this run goes on
  std::mutex segments_m_;
};

// Removes the work folders of earlier bulk imports into `target` (call while holding the
// target's lock), and — when the target is missing — first puts back a finished database that
// a run killed in the middle of a non-atomic swap left behind. Folders of a run that may still
// be going (its pid is alive, or its lock file is held) are left alone and returned, sorted.
std::vector<std::filesystem::path> clean_bulk_leftovers(const std::filesystem::path& target,
                                                        bool recover_only);

}  // namespace pressroom::indexer
