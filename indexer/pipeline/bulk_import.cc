#include "pipeline/bulk_import.h"

#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace pressroom::indexer {

namespace fs = std::filesystem;

namespace {

// Sources merged by one compaction: each glass database keeps a handful of files open.
constexpr size_t kMaxMergeInputs = 64;
// Distinct spelling words a writer thread holds before it adds them to a segment (≈ 25 MB).
constexpr size_t kSpellingWordsHeld = 250'000;

std::string work_prefix(const fs::path& target) {
  return "." + target.filename().string() + ".bulk-";
}

constexpr const char* kLockFile = "lock";

// True when the work folder `dir` may belong to a run still going: the process named in its
// suffix exists (a reused pid keeps it too: keeping a stale folder costs disk space, removing a
// live one costs that run its import), or its lock file is held.
bool work_folder_in_use(const fs::path& dir, const std::string& prefix) {
  const std::string pid_text = dir.filename().string().substr(prefix.size());
  char* end = nullptr;
  const long pid = std::strtol(pid_text.c_str(), &end, 10);
  if (!pid_text.empty() && end && *end == '\0' && pid > 0 && pid != ::getpid() &&
      (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM))
    return true;
  int fd = ::open((dir / kLockFile).c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return false;  // no lock file: an older version's folder, or a run killed early
  const bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);
  return held;
}

void fsync_dir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

// Compacts `sources` (disjoint, ascending ranges of document ids) into `out`, keeping the ids.
void compact_into(const std::vector<std::string>& sources, const fs::path& out) {
  Xapian::Database db;
  for (const auto& s : sources) db.add_database(Xapian::Database(s));
  db.compact(out.string(), Xapian::DBCOMPACT_NO_RENUMBER | Xapian::Compactor::FULL);
}

}  // namespace

void count_spelling_words(const Xapian::Document& doc,
                          std::unordered_map<std::string, Xapian::termcount>& words) {
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    const std::string& term = *t;
    auto c = static_cast<unsigned char>(term[0]);
    if (c >= 'A' && c <= 'Z') continue;  // prefixed terms
    if (term.size() < 3 || (c >= '0' && c <= '9')) continue;
    ++words[term];
  }
}

BulkImport::BulkImport(const fs::path& target, unsigned writers, size_t segment_size, bool spelling)
    : target_(target),
      work_(target.parent_path() / (work_prefix(target) + std::to_string(::getpid()))),
      segment_size_(std::max<size_t>(1, segment_size)),
      spelling_(spelling) {
  fs::remove_all(work_);
  fs::create_directories(work_);
  // Held for the whole run: another run removes this folder only when it can take the lock.
  lock_fd_ = ::open((work_ / kLockFile).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ >= 0) (void)::flock(lock_fd_, LOCK_EX | LOCK_NB);
  // Temporary databases: a crash discards them anyway, so they are not synced to disk.
  patch_ =
      Xapian::WritableDatabase((work_ / "patch").string(), Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
  for (unsigned i = 0; i < std::max(1u, writers); ++i) queues_.push_back(std::make_unique<Queue>());
  for (unsigned i = 0; i < queues_.size(); ++i) threads_.emplace_back([this, i] { run_writer(i); });
}

BulkImport::~BulkImport() {
  stop_threads();
  try {
    patch_.close();
  } catch (const Xapian::Error&) {
    // Only the work folder is lost, and it is removed next.
  }
  std::error_code ec;
  fs::remove_all(work_, ec);
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

void BulkImport::stop_threads() {
  for (auto& q : queues_) {
    MutexLock lock(q->m);
    q->done = true;
    q->cv.notify_all();
  }
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

void BulkImport::rethrow_failure() {
  if (!failed_) return;
  MutexLock lock(failure_m_);
  std::rethrow_exception(failure_);
}

void BulkImport::add(Xapian::docid did, Xapian::Document&& doc) {
  rethrow_failure();
  const size_t segment = (did - 1) / segment_size_;
  Queue& q = *queues_[segment % queues_.size()];
  MutexLock lock(q.m);
  // A queue holds up to one segment: the router can fill a writer's next segment while the
  // writer is still building its current one, so all writers stay busy.
  while (q.items.size() >= segment_size_ && !failed_) lock.wait(q.cv);
  q.items.emplace_back(did, std::move(doc));
  q.cv.notify_all();
}

void BulkImport::run_writer(unsigned index) {
  ::pthread_setname_np(::pthread_self(), ("pr-writer-" + std::to_string(index)).c_str());
  Queue& q = *queues_[index];
  std::optional<Xapian::WritableDatabase> db;
  size_t current = 0;
  std::unordered_map<std::string, Xapian::termcount> words;
  auto fail = [&] {
    MutexLock lock(failure_m_);
    if (!failure_) failure_ = std::current_exception();
    failed_ = true;
  };
  auto close_segment = [&](bool last) {
    if (!db) return;
    // Spelling words are added once per distinct word of this thread's segments, into its last
    // segment (or earlier when the list grows large): in a fresh database every word is new and
    // costs Xapian its n-gram fragments, so adding them per segment multiplied that work. The
    // merge sums the frequencies, so the spelling data ends up as the single writer's.
    if (last || words.size() > kSpellingWordsHeld) {
      for (const auto& [word, n] : words) db->add_spelling(word, n);
      words.clear();
    }
    db->commit();
    db->close();
    db.reset();
    // The segment's pending postings were freed in this thread's arena, the documents it wrote
    // in the workers' arenas: give the pages back, or the heap creeps up segment after segment
    // (100k records: 1.07 GB peak without this).
    ::malloc_trim(0);
  };
  for (;;) {
    std::pair<Xapian::docid, Xapian::Document> item;
    {
      MutexLock lock(q.m);
      while (q.items.empty() && !q.done) lock.wait(q.cv);
      if (q.items.empty()) break;
      item = std::move(q.items.front());
      q.items.pop_front();
      q.cv.notify_all();
    }
    if (failed_) continue;  // keep draining so the router never waits for a dead writer
    try {
      const size_t segment = (item.first - 1) / segment_size_;
      if (!db || segment != current) {
        close_segment(false);
        char name[32];
        std::snprintf(name, sizeof name, "seg-%08zu", segment);
        const std::string path = (work_ / name).string();
        db.emplace(path, Xapian::DB_CREATE | Xapian::DB_NO_SYNC);
        current = segment;
        std::lock_guard<std::mutex> lock(segments_m_);
        if (segment_paths_.size() <= segment) segment_paths_.resize(segment + 1);
        segment_paths_[segment] = path;
      }
      if (spelling_) count_spelling_words(item.second, words);
      // Above the segment's last id this adds the document with exactly that id.
      db->replace_document(item.first, item.second);
    } catch (...) {
      fail();
    }
  }
  try {
    close_segment(true);
  } catch (...) {
    fail();
  }
}

Xapian::WritableDatabase BulkImport::finish(const Xapian::Database& target) {
  stop_threads();
  rethrow_failure();
  const auto t0 = std::chrono::steady_clock::now();
  patch_.commit();
  std::vector<std::string> sources;
  for (const auto& p : segment_paths_)
    if (!p.empty()) sources.push_back(p);
  const fs::path merged = work_ / "merged";
  if (sources.empty()) {
    Xapian::WritableDatabase(merged.string(), Xapian::DB_CREATE).commit();
  } else {
    // Many segments (large imports) are merged in tiers of consecutive segments.
    for (int tier = 0; sources.size() > kMaxMergeInputs; ++tier) {
      std::vector<std::string> next;
      for (size_t i = 0; i < sources.size(); i += kMaxMergeInputs) {
        std::vector<std::string> group(sources.begin() + static_cast<std::ptrdiff_t>(i),
                                       sources.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                             sources.size(), i + kMaxMergeInputs)));
        const fs::path out = work_ / ("tier" + std::to_string(tier) + "-" + std::to_string(i));
        compact_into(group, out);
        for (const auto& g : group) fs::remove_all(g);
        next.push_back(out.string());
      }
      sources = std::move(next);
    }
    compact_into(sources, merged);
    for (const auto& s : sources) fs::remove_all(s);
  }

  Xapian::WritableDatabase out(merged.string(), Xapian::DB_OPEN);
  // The target's metadata (schema version, language, records of files that held no release),
  // then this run's (file records, slot counts).
  for (auto k = target.metadata_keys_begin(); k != target.metadata_keys_end(); ++k)
    out.set_metadata(*k, target.get_metadata(*k));
  for (auto k = patch_.metadata_keys_begin(); k != patch_.metadata_keys_end(); ++k)
    out.set_metadata(*k, patch_.get_metadata(*k));
  // Records that repeated an id: the last one wins, at the id's document id.
  for (auto it = patch_.postlist_begin(""); it != patch_.postlist_end(""); ++it)
    out.replace_document(*it, patch_.get_document(*it));
  for (auto w = patch_.spellings_begin(); w != patch_.spellings_end(); ++w)
    out.add_spelling(*w, w.get_termfreq());
  out.commit();
  merge_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

Result<void> BulkImport::swap_into_target(Xapian::WritableDatabase& target_handle) {
  const fs::path merged = work_ / "merged";
  // Atomic: the target is the empty database or the finished one, never anything between. The
  // target's lock is held until then, so no other writer can have started on it.
  if (::renameat2(AT_FDCWD, merged.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) != 0) {
    const int err = errno;
    if (err != EINVAL && err != ENOSYS && err != ENOTSUP)
      return make_error(ErrorCode::kIoError, "cannot move the merged database into " +
                                                 target_.string() + ": " + std::strerror(err));
    // A file system without RENAME_EXCHANGE: two renames, with a marker so that a run killed
    // between them is finished by the next one (clean_bulk_leftovers).
    { std::ofstream(work_ / "swap-ready").put('\n'); }
    fsync_dir(work_);
    if (::rename(target_.c_str(), (work_ / "old").c_str()) != 0 ||
        ::rename(merged.c_str(), target_.c_str()) != 0)
      return make_error(ErrorCode::kIoError, "cannot move the merged database into " +
                                                 target_.string() + ": " + std::strerror(errno));
  }
  fsync_dir(target_.parent_path());
  try {
    target_handle.close();  // now the empty database, inside the work folder
  } catch (const Xapian::Error&) {
    // It is about to be removed.
  }
  return {};
}

std::vector<fs::path> clean_bulk_leftovers(const fs::path& target, bool recover_only) {
  std::error_code ec;
  const std::string prefix = work_prefix(target);
  std::vector<fs::path> found, kept;
  for (fs::directory_iterator it(target.parent_path(), ec), end; !ec && it != end; it.increment(ec))
    if (it->path().filename().string().rfind(prefix, 0) == 0) found.push_back(it->path());
  std::sort(found.begin(), found.end());
  for (const auto& dir : found) {
    if (work_folder_in_use(dir, prefix)) {
      kept.push_back(dir);
      continue;
    }
    if (recover_only) {
      if (!fs::exists(target, ec) && fs::exists(dir / "swap-ready", ec) &&
          fs::exists(dir / "merged", ec))
        fs::rename(dir / "merged", target, ec);
      continue;
    }
    fs::remove_all(dir, ec);
  }
  return kept;
}

}  // namespace pressroom::indexer
