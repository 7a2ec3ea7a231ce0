#include "pipeline/ingest.h"

#include <cstdlib>

#include <pthread.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <deque>
#include <fstream>
#include <future>
#include <map>
#include <sstream>
#include <thread>

#include <xapian.h>

#include "formats/formats.h"
#include "formats/html_dom.h"
#include "formats/text_decode.h"
#include "mapping/mapping.h"
#include "pipeline/bulk_import.h"
#include "pipeline/input_files.h"
#include "pipeline/pipeline.h"
#include "pipeline/progress.h"
#include "pipeline/writer.h"
#include "pressroom/database.h"
#include "pressroom/document_builder.h"
#include "pressroom/record.h"
#include "pressroom/schema.h"

namespace pressroom::indexer {

namespace {

using json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

constexpr size_t kChunkItems = 256;
constexpr size_t kChunkBytes = 4u << 20;  // documents per chunk: about 4 MB of pages

void process_item(RawItem& item, const FileContext& file, DocumentBuilder& builder, Outcome& o) {
  o.location = std::move(item.location);
  o.warnings = std::move(item.warnings);
  auto reject = [&](Error e) {
    o.ok = false;
    o.error = std::move(e);
    if (!item.fields.is_null()) {
      o.raw = std::move(item.fields);
    } else {
      o.raw = item.json_text;
    }
  };
  try {
    if (!item.error) parse_item_json(item);
    const bool document = file.format && file.format->is_document();
    if (item.error) {
      reject(*item.error);
      return;
    }
    if (file.path_error) {
      reject(*file.path_error);
      return;
    }
    MappingContext ctx{item.context.is_object() ? &item.context : nullptr, &file.vars, document};
    auto mapped = file.mapping->apply(item.fields, ctx, &o.warnings);
    if (!mapped) {
      reject(mapped.error());
      return;
    }
    // duplicate_of is the writer's to set (an exported record imported again carries one).
    mapped->erase("duplicate_of");
    auto rec = record_from_json(mapped.value());
    if (!rec) {
      reject(rec.error());
      return;
    }
    if (!rec->date && item.context.is_object() && item.context.contains("undated_error")) {
      reject(
          make_error(ErrorCode::kNoDate, item.context["undated_error"].get<std::string>(), "date"));
      return;
    }
    if (document && !rec->date) o.warnings.emplace_back("no date found");
    if (document && rec->body.empty()) o.warnings.emplace_back("empty body");
    o.ok = true;
    o.id = rec->id;
    o.issuers = rec->issuers.size();
    o.topics = rec->topics.size();
    o.doc = builder.build(rec.value());
    if (!file.key.empty()) {
      o.doc.add_boolean_term(std::string(schema::kPrefixSourceFile) + file.key);
      o.doc.add_value(schema::kSlotSourceFile, file.key);
    }
  } catch (const std::exception& e) {
    o.ok = false;
    o.error = make_error(ErrorCode::kInternal, std::string("unexpected error: ") + e.what());
  } catch (const Xapian::Error& e) {
    o.ok = false;
    o.error = make_error(ErrorCode::kInternal, "unexpected error: " + e.get_description());
  }
}

std::vector<Outcome> process_chunk(std::vector<Pending> chunk) {
  ::pthread_setname_np(::pthread_self(), "pr-worker");
  DocumentBuilder builder;  // one per chunk: builders are not thread-safe
  init_libxml();
  std::vector<Outcome> out;
  out.reserve(chunk.size());
  for (auto& p : chunk) {
    const FileContext& file = *p.file;
    if (p.end_of_file) {
      Outcome o;
      o.file = p.file;
      o.end_of_file = true;
      out.push_back(std::move(o));
      continue;
    }
    if (!p.is_document) {
      Outcome o;
      o.file = p.file;
      process_item(p.item, file, builder, o);
      out.push_back(std::move(o));
      continue;
    }
    DocumentInput in{p.document, file.name, file.id_base, file.boilerplate.get()};
    std::vector<RawItem> items;
    try {
      file.format->parse_document(in, *file.format_options, [&](RawItem&& item) {
        items.push_back(std::move(item));
        return true;
      });
    } catch (const std::exception& e) {
      RawItem item;
      item.location = file.name;
      item.error = make_error(ErrorCode::kInternal, std::string("unexpected error: ") + e.what());
      items.push_back(std::move(item));
    }
    p.document.clear();
    p.document.shrink_to_fit();
    for (auto& item : items) {
      Outcome o;
      o.file = p.file;
      process_item(item, file, builder, o);
      out.push_back(std::move(o));
    }
  }
  return out;
}

std::string fmt_duration(double s) {
  char buf[32];
  auto t = std::lround(s);
  std::snprintf(buf, sizeof buf, "%ld:%02ld", t / 60, t % 60);
  return buf;
}

std::string strip_compression(const std::string& name) {
  for (std::string_view ext : {".gz", ".zst"}) {
    if (name.size() > ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0)
      return name.substr(0, name.size() - ext.size());
  }
  return name;
}

// Per-file values a mapping can use: the path pattern's captures and the name's parts.
void describe_file(const InputFile& file, const Mapping& mapping, FileContext& ctx) {
  ctx.vars = json::object();
  if (file.path.empty()) return;
  std::string rel = strip_compression(file.relative);
  std::filesystem::path r(rel);
  ctx.id_base = rel;
  ctx.vars["file"] = {{"path", rel},
                      {"name", r.filename().string()},
                      {"stem", r.stem().string()},
                      {"dir", r.parent_path().generic_string()},
                      {"absolute", file.absolute}};
  if (mapping.path_patterns().empty()) return;
  std::string match_on =
      strip_compression(file.absolute.empty() ? file.path.generic_string() : file.absolute);
  for (const auto& pattern : mapping.path_patterns()) {
    auto m = pattern.match(match_on);
    if (!m) continue;
    if (!*m) {
      ctx.path_error = m->error();
      return;
    }
    ctx.vars["path"] = std::move(m->value());
    return;
  }
  std::string patterns;
  for (const auto& p : mapping.path_patterns())
    patterns += (patterns.empty() ? "\"" : ", \"") + p.text() + "\"";
  ctx.path_error = make_error(ErrorCode::kPathMismatch,
                              "the path does not match the mapping's path_pattern " + patterns);
}

// Page chrome of text files: learned per folder in a first pass over the folder's text files
// (read again by the main pass, from the page cache), when the main pass reaches the first file
// of that folder that is to be read: a folder of unchanged files is not read at all.
class FolderChrome {
 public:
  FolderChrome(const IngestOptions& opt, const TextCaptureOptions* text_opts,
               const std::vector<InputFile>& files, const std::atomic<bool>& stop)
      : on_(opt.boilerplate && (!text_opts || text_opts->boilerplate)),
        threshold_(opt.boilerplate_threshold ? *opt.boilerplate_threshold
                   : text_opts && text_opts->boilerplate_threshold
                       ? *text_opts->boilerplate_threshold
                       : kDefaultBoilerplateThreshold),
        stop_(stop) {
    if (!on_) return;
    for (const auto& f : files)
      if (!f.absolute.empty() && f.format && f.format->name == "text")
        text_by_folder_[folder_of(f)].push_back(&f);
  }

  // Part of the files' fingerprint: another setting reads the files again.
  [[nodiscard]] std::string fingerprint() const {
    return on_ ? std::to_string(threshold_) : std::string("off");
  }

  // The chrome of a text file's folder (learned on the first call for that folder); the built-in
  // lines alone for standard input; nullptr when turned off.
  std::shared_ptr<const Boilerplate> for_file(const InputFile& file) {
    if (!on_) return nullptr;
    if (file.absolute.empty()) return builtin_only_;
    auto& chrome = by_folder_[folder_of(file)];
    if (!chrome) chrome = learn(file);
    return chrome;
  }

  std::vector<BoilerplateReport> take_reports() { return std::move(reports_); }
  [[nodiscard]] double seconds() const { return seconds_; }

 private:
  static std::string folder_of(const InputFile& f) {
    return std::filesystem::path(f.absolute).parent_path().string();
  }

  std::shared_ptr<const Boilerplate> learn(const InputFile& file) {
    const auto t = Clock::now();
    BoilerplateLearner learner(threshold_);
    for (const InputFile* f : text_by_folder_[folder_of(file)]) {
      if (stop_) break;
      auto bytes = read_input(*f);
      if (!bytes) continue;  // the main pass reports it
      auto text = decode_text(bytes.value());
      if (text) learner.add_file(edge_lines(text->text));
    }
    auto learned = learner.finish();
    learned.report.folder = file.path.parent_path().string();
    if (learned.report.folder.empty()) learned.report.folder = ".";
    reports_.push_back(std::move(learned.report));
    seconds_ += std::chrono::duration<double>(Clock::now() - t).count();
    return learned.chrome;
  }

  bool on_;
  double threshold_;
  const std::atomic<bool>& stop_;
  std::map<std::string, std::vector<const InputFile*>> text_by_folder_;
  std::map<std::string, std::shared_ptr<const Boilerplate>> by_folder_;
  std::shared_ptr<const Boilerplate> builtin_only_ = std::make_shared<const Boilerplate>();
  std::vector<BoilerplateReport> reports_;
  double seconds_ = 0;
};

}  // namespace

std::string format_summary(const IngestSummary& s) {
  char rate[64];
  double r = s.seconds > 0 ? static_cast<double>(s.read) / s.seconds : 0;
  std::snprintf(rate, sizeof rate, "%.2f s · %.0f records/s", s.seconds, r);
  std::string out = "read " + std::to_string(s.read) + " · added " + std::to_string(s.added) +
                    " · replaced " + std::to_string(s.replaced) + " · unchanged " +
                    std::to_string(s.unchanged) + " · rejected " + std::to_string(s.rejected);
  if (s.warnings) out += " · warnings " + std::to_string(s.warnings);
  out += " · " + std::string(rate);
  if (s.interrupted) out += " · INTERRUPTED (committed what was done; re-run to finish)";
  return out;
}

std::string format_file_summary(const IngestSummary& s) {
  std::string out;
  auto line = [&](size_t n, const std::string& text) {
    if (n) out += std::to_string(n) + " " + text + "\n";
  };
  line(s.files_unchanged,
       "file(s) unchanged since their last import: not read again (--rescan reads them)");
  line(s.skipped_files, "file(s) skipped: not of a known input format (or not of the forced one)");
  line(s.documentation_files,
       "documentation file(s) skipped (README, LICENSE, ... at the top of a folder; name them or "
       "--include them to import them)");
  line(s.hidden_files,
       "hidden file(s) skipped (names starting with '.'; an --include glob naming the dot, such as "
       "'.md' or '**/.*.md', reads them)");
  line(s.hidden_folders, "hidden folder(s) not entered (.git, ...)");
  line(s.broken_links, "symbolic link(s) to nothing skipped");
  line(s.folders_walked_already,
       "linked folder(s) not walked again: already walked (a link cycle, or two links to one "
       "folder)");
  line(s.excluded_files, "file(s) left out by include/exclude patterns");
  line(s.pruned, "record(s) pruned: their files are gone or no longer hold them");
  line(s.duplicates,
       "record(s) repeat the body of an earlier release exactly (marked duplicate_of)");
  out += format_boilerplate_report(s.boilerplate, s.boilerplate_seconds);
  if (s.bulk_writers) {
    char merge[160];
    std::snprintf(merge, sizeof merge,
                  "bulk import: %u writer threads, %zu segment(s) merged and compacted in %.2f s\n",
                  s.bulk_writers, s.bulk_segments, s.merge_seconds);
    out += merge;
  }
  return out;
}

namespace {

// The content of one input file: documents are read whole; stream formats are read as they are
// parsed.
struct FileContent {
  const InputFormat* format = nullptr;
  std::string bytes;
  std::unique_ptr<std::istream> stream;
  std::optional<Error> read_error;
};

// One import, phase by phase (run_ingest calls them in order). Members are declared in the
// order the phases create them, so they are destroyed in reverse: the chunks in flight before
// the writer, the writer before the database, the mapping last.
class Import {
 public:
  Import(const IngestOptions& opt, std::ostream& diag_out, const std::atomic<bool>& stop)
      : opt_(opt),
        stop_(stop),
        progress_(diag_out, opt.progress_terminal, opt.progress_interval),
        diag_(progress_.stream()) {}

  Result<void> load_mapping();
  Result<void> resolve();
  Result<void> learn_chrome_and_open_rejects();
  Result<void> open_database();
  void prepare_writers();
  Result<void> read_and_write();
  IngestSummary summary();

 private:
  Result<void> read_all_files();
  Result<void> read_file(const InputFile& file);
  std::shared_ptr<FileContext> new_file_context(const InputFile& file) const;
  bool unchanged(const InputFile& file, const FileContext& ctx);
  FileContent read_content(const InputFile& file);
  Result<std::shared_ptr<const PreparedMapping>> prepared_for(const InputFile& file);
  void queue_stream(const InputFile& file, const std::shared_ptr<const FileContext>& shared,
                    std::istream& stream);
  Result<void> finish_writing();
  Error write_failed(const std::string& why);

  void show_progress(uint64_t bytes_now, bool final);
  void drain_one();
  void flush();
  void push(Pending&& p);

  const IngestOptions& opt_;
  const std::atomic<bool>& stop_;
  const Clock::time_point t0_ = Clock::now();
  // Every diagnostic goes through the progress display, which keeps them on lines of their own.
  ProgressStream progress_;
  std::ostream& diag_;
  IngestSummary sum_;
  Mapping mapping_ = Mapping::identity();
  std::string fmt_name_;
  WalkOptions walk_;
  ResolvedInputs inputs_;
  uint64_t total_bytes_ = 0;
  std::optional<FolderChrome> chrome_;
  std::string fingerprint_;
  std::ofstream rejects_;
  const unsigned cores_ = std::max(1u, std::thread::hardware_concurrency());
  std::filesystem::path target_;
  std::optional<Xapian::WritableDatabase> db_;
  std::unique_ptr<BulkImport> bulk_;
  std::optional<Writer> writer_;
  // The read loop's state.
  size_t max_in_flight_ = 0;
  std::deque<std::future<std::vector<Outcome>>> in_flight_;
  Clock::time_point last_progress_;
  uint64_t bytes_done_ = 0;
  std::map<std::filesystem::path, std::shared_ptr<const PreparedMapping>> prepared_by_dir_;
  std::vector<Pending> chunk_;
  size_t chunk_bytes_ = 0;
};

// The mapping (or the identity) and the format it or the options force, if any.
Result<void> Import::load_mapping() {
  if (opt_.mapping_path) {
    auto m = Mapping::from_file(*opt_.mapping_path);
    if (!m) return m.error();
    mapping_ = std::move(m.value());
  }
  fmt_name_ = !opt_.format.empty() ? opt_.format : mapping_.format();
  if (!fmt_name_.empty()) {
    walk_.forced = format_by_name(fmt_name_);
    if (!walk_.forced)
      return make_error(ErrorCode::kInvalidArgument,
                        "unknown format \"" + fmt_name_ + "\" (known: " + format_names() + ")",
                        "format");
  }
  return {};
}

// The files to read: the inputs walked with the mapping's and the options' globs; notes for
// what is skipped, warnings for folders of which (almost) nothing is read.
Result<void> Import::resolve() {
  walk_.include = mapping_.include();
  walk_.include.insert(walk_.include.end(), opt_.include.begin(), opt_.include.end());
  walk_.exclude = mapping_.exclude();
  walk_.exclude.insert(walk_.exclude.end(), opt_.exclude.begin(), opt_.exclude.end());
  auto inputs = resolve_inputs(opt_.inputs, walk_);
  if (!inputs) return inputs.error();
  inputs_ = std::move(inputs.value());
  for (const auto& [path, why] : inputs_.skipped)
    diag_ << path << ": note: skipped, " << why << "\n";
  for (const auto& folder : inputs_.folders) {
    std::string warning = folder_warning(folder, walk_);
    if (warning.empty()) continue;
    diag_ << warning << "\n";
    ++sum_.warnings;
    if (folder.taken == 0) ++sum_.unread_folders;
  }
  sum_.documentation_files = inputs_.documentation;
  sum_.hidden_files = inputs_.hidden_files;
  sum_.hidden_folders = inputs_.hidden_folders;
  sum_.broken_links = inputs_.broken_links;
  sum_.folders_walked_already = inputs_.folders_walked_already;
  sum_.skipped_files = inputs_.unknown_format;
  sum_.excluded_files = inputs_.excluded;
  for (const auto& f : inputs_.files) total_bytes_ += f.size;
  return {};
}

Result<void> Import::learn_chrome_and_open_rejects() {
  chrome_.emplace(opt_, mapping_.format_options().text.get(), inputs_.files, stop_);
  // Identifies what produced a file's records: a file read with another mapping, format or parser
  // version is read again.
  fingerprint_ = fnv1a_hex(mapping_.fingerprint() + "|" + fmt_name_ + "|" +
                           (opt_.file_root ? opt_.file_root->string() : std::string()) + "|" +
                           std::to_string(kParserVersion) + "|" + chrome_->fingerprint());
  if (opt_.rejects_path) {
    rejects_.open(*opt_.rejects_path, std::ios::binary | std::ios::trunc);
    if (!rejects_)
      return make_error(ErrorCode::kIoError,
                        "cannot write rejects file " + opt_.rejects_path->string(), "rejects");
  }
  return {};
}

Result<void> Import::open_database() {
  target_ = std::filesystem::absolute(opt_.db_path).lexically_normal();
  if (!target_.has_filename()) target_ = target_.parent_path();
  {
    // The final swap renames the database folder itself: through a symbolic link it would
    // replace the link, so work on the folder it names.
    std::error_code ec;
    auto real = std::filesystem::weakly_canonical(target_, ec);
    if (!ec) target_ = real;
  }
  clean_bulk_leftovers(target_, true);  // a run killed in the middle of its final swap
  auto dbr = open_writable(opt_.db_path);
  if (!dbr) return dbr.error();
  db_.emplace(std::move(dbr.value()));
  // We hold the database's lock, yet a work folder may still be in use: a SIGTERMed bulk import
  // merges on after its database folder was deleted and a new one made in its place.
  for (const auto& kept : clean_bulk_leftovers(target_, false))
    diag_ << kept.string() << ": note: kept: the work folder of a bulk import that may still be "
          << "running (its process exists or holds its lock); remove it once that run is over\n";
  return {};
}

// A new or empty database: parallel writers (bulk_import.h). A populated one: the single
// writer, which updates it in place.
void Import::prepare_writers() {
  // A folder whose parent is not writable (the work folder goes next to the database): the
  // single writer still works.
  auto bulk_unavailable = [&](const std::string& why) {
    bulk_.reset();
    sum_.bulk_writers = 0;
    diag_ << opt_.db_path << ": note: cannot create the work folder of a bulk import next to it ("
          << why << "); importing with a single writer\n";
  };
  Xapian::WritableDatabase& db = *db_;
  const unsigned writers = opt_.writers ? opt_.writers : cores_;
  try {
    if (writers > 1 && db.get_doccount() == 0 && db.get_lastdocid() == 0) {
      // Each writer holds at most one segment pending and one queued: batch_size / 2 documents
      // in all, since queued documents take more memory than Xapian's pending postings; the
      // peak stays below the single writer's (docs/performance.md).
      const size_t segment =
          std::max<size_t>(64, opt_.batch_size / (4 * static_cast<size_t>(writers)));
      bulk_ = std::make_unique<BulkImport>(target_, writers, segment, opt_.spelling);
      sum_.bulk_writers = writers;
    }
  } catch (const Xapian::Error& e) {
    bulk_unavailable(e.get_description());
  } catch (const std::filesystem::filesystem_error& e) {
    bulk_unavailable(e.code().message());
  }
  writer_.emplace(bulk_ ? bulk_->patch() : db, opt_, diag_, opt_.rejects_path ? &rejects_ : nullptr,
                  sum_, bulk_.get());
  const unsigned threads = opt_.threads ? opt_.threads : cores_;
  max_in_flight_ = static_cast<size_t>(threads) * 2;
  last_progress_ = Clock::now();
}

// Reads every file into chunks parsed and mapped by worker threads, writes their outcomes in
// order, then finishes the database (prune, bulk merge and swap).
Result<void> Import::read_and_write() {
  try {
    if (auto r = read_all_files(); !r) return r;
    return finish_writing();
  } catch (const Xapian::Error& e) {
    // Whatever was committed stays; the open transaction is lost with the handle. A bulk
    // import's work folder goes with `bulk_`; the target is as it was.
    return write_failed(e.get_description());
  } catch (const std::filesystem::filesystem_error& e) {
    return write_failed(e.code().message());
  }
}

Error Import::write_failed(const std::string& why) {
  for (auto& f : in_flight_) f.wait();
  return make_error(ErrorCode::kIoError, "writing to " + opt_.db_path + " failed: " + why);
}

Result<void> Import::read_all_files() {
  for (const auto& file : inputs_.files) {
    if (stop_) break;
    if (auto r = read_file(file); !r) return r;
    if (stop_) break;
  }
  flush();
  while (!in_flight_.empty()) drain_one();
  return {};
}

std::shared_ptr<FileContext> Import::new_file_context(const InputFile& file) const {
  auto ctx = std::make_shared<FileContext>();
  ctx->name = file.name;
  ctx->absolute = file.absolute;
  ctx->key = file.absolute.empty() ? std::string() : fnv1a_hex(file.absolute);
  ctx->size = file.size;
  ctx->mtime_ns = file.mtime_ns;
  ctx->fingerprint = fingerprint_;
  ctx->format_options = &mapping_.format_options();
  return ctx;
}

// True (and counted) when an earlier import read this file as it is, with the same settings.
bool Import::unchanged(const InputFile& file, const FileContext& ctx) {
  if (opt_.rescan || ctx.key.empty()) return false;
  const FileRecord* rec = writer_->file_record(ctx.key);
  if (!rec || rec->size != file.size || rec->mtime_ns != file.mtime_ns ||
      rec->fingerprint != fingerprint_ || rec->path != file.absolute)
    return false;
  ++sum_.files_unchanged;
  sum_.read += rec->records;
  sum_.unchanged += rec->records;
  bytes_done_ += file.size;
  return true;
}

// Queues one file's records (or its read error), then its end-of-file marker.
Result<void> Import::read_file(const InputFile& file) {
  auto ctx = new_file_context(file);
  if (unchanged(file, *ctx)) return {};
  ++sum_.files;
  describe_file(file, mapping_, *ctx);
  FileContent content = read_content(file);
  const InputFormat* fmt = content.format;
  ctx->format = fmt;
  if (fmt && fmt->name == "text") ctx->boilerplate = chrome_->for_file(file);
  auto prepared = prepared_for(file);
  if (!prepared) return prepared.error();
  ctx->mapping = prepared.value();
  std::shared_ptr<const FileContext> shared = ctx;

  if (content.read_error) {
    // One unreadable file is one rejected input, not the end of the import.
    Pending p;
    p.file = shared;
    p.item.location = file.name;
    p.item.error = *content.read_error;
    push(std::move(p));
  } else if (fmt->is_document()) {
    Pending p;
    p.file = shared;
    p.is_document = true;
    p.document = std::move(content.bytes);
    push(std::move(p));
  } else {
    queue_stream(file, shared, *content.stream);
  }
  if (stop_) return {};  // the file may be incomplete: no end-of-file record for it
  Pending eof;
  eof.file = shared;
  eof.end_of_file = true;
  push(std::move(eof));
  bytes_done_ += file.size;
  sum_.bytes += file.size;
  show_progress(bytes_done_, false);
  return {};
}

// Documents (and files of no known format, sniffed from their first bytes) are read whole;
// stream formats are opened to be read as they are parsed.
FileContent Import::read_content(const InputFile& file) {
  FileContent c;
  c.format = file.format;
  if (!c.format || c.format->is_document()) {
    auto r = read_input(file);
    if (r) {
      c.bytes = std::move(r.value());
    } else {
      c.read_error = r.error();
    }
    if (!c.format && !c.read_error)
      c.format = sniff_format(std::string_view(c.bytes).substr(0, 512));
    if (c.format && !c.format->is_document())
      c.stream = std::make_unique<std::istringstream>(std::move(c.bytes));
  } else {
    auto in = open_input(file);
    if (in) {
      c.stream = std::move(in.value());
    } else {
      c.read_error = in.error();
    }
  }
  return c;
}

// The mapping prepared for the folder of a file (relative paths in it resolve there), once per
// folder.
Result<std::shared_ptr<const PreparedMapping>> Import::prepared_for(const InputFile& file) {
  auto input_dir = file.path.empty() ? std::filesystem::current_path() : file.path.parent_path();
  auto& prepared = prepared_by_dir_[input_dir];
  if (!prepared) {
    auto p = mapping_.prepare(input_dir, opt_.file_root);
    if (!p) return p.error();
    prepared = p.value();
  }
  return prepared;
}

void Import::queue_stream(const InputFile& file, const std::shared_ptr<const FileContext>& shared,
                          std::istream& stream) {
  const InputFormat* fmt = shared->format;
  FormatOptions fopt = mapping_.format_options();
  fopt.delimiter = mapping_.delimiter() ? mapping_.delimiter() : (fmt->name == "tsv" ? '\t' : 0);
  size_t items = 0;
  fmt->parse(stream, file.name, fopt, [&](RawItem&& item) {
    Pending p;
    p.file = shared;
    p.item = std::move(item);
    push(std::move(p));
    ++items;
    auto pos = stream.tellg();
    if (items % kChunkItems == 0)
      show_progress(bytes_done_ + (pos > 0 ? static_cast<uint64_t>(pos) : 0), false);
    return !stop_.load();
  });
  if (items == 0 && !stop_) {
    diag_ << file.name << ": warning: no records in this file\n";
    ++sum_.warnings;
  }
}

// After the last file: the single writer prunes and commits; a bulk import merges its
// segments and swaps the result in.
Result<void> Import::finish_writing() {
  sum_.interrupted = stop_.load();
  if (!bulk_) {
    writer_->finish(opt_.prune, inputs_.roots);
    return {};
  }
  // Interrupted or not, what was read is merged and swapped in: SIGINT keeps what is done.
  writer_->commit();
  {
    Xapian::WritableDatabase merged = bulk_->finish(*db_);
    writer_->finish_bulk(merged, opt_.prune, inputs_.roots);
    merged.close();
  }
  sum_.bulk_segments = bulk_->segments();
  sum_.merge_seconds = bulk_->merge_seconds();
  if (auto swapped = bulk_->swap_into_target(*db_); !swapped) return swapped.error();
  bulk_.reset();
  return {};
}

// The final progress line, warnings about the whole run, the page-chrome reports and the time.
IngestSummary Import::summary() {
  sum_.interrupted = stop_.load();
  show_progress(bytes_done_, true);
  // A rewrite that never matched usually means a pattern with a typo, or an archive that
  // changed its layout: silent, it would go unnoticed. (Not for an interrupted run: it may
  // not have reached the values the pattern is for.)
  if (!sum_.interrupted) {
    for (const auto& w : mapping_.unmatched_rewrites()) {
      sum_.run_warnings.push_back(mapping_.name() + ": warning: " + w);
      diag_ << sum_.run_warnings.back() << "\n";
    }
  }
  sum_.boilerplate = chrome_->take_reports();
  sum_.boilerplate_seconds = chrome_->seconds();
  sum_.seconds = std::chrono::duration<double>(Clock::now() - t0_).count();
  return sum_;
}

void Import::show_progress(uint64_t bytes_now, bool final) {
  if (!opt_.progress) return;
  auto now = Clock::now();
  // The terminal line is redrawn at most five times a second; plain lines keep their own pace.
  if (!final && opt_.progress_terminal && now - last_progress_ < std::chrono::milliseconds(200))
    return;
  last_progress_ = now;
  double secs = std::chrono::duration<double>(now - t0_).count();
  char line[160];
  int n = std::snprintf(line, sizeof line, "%zu records · %.0f/s", sum_.read,
                        secs > 0 ? static_cast<double>(sum_.read) / secs : 0.0);
  std::string s(line, static_cast<size_t>(n));
  if (total_bytes_ > 0 && bytes_now > 0) {
    double frac = std::min(1.0, static_cast<double>(bytes_now) / static_cast<double>(total_bytes_));
    std::snprintf(line, sizeof line, " · %.0f%% · ETA %s", frac * 100,
                  fmt_duration(frac > 0 ? secs / frac - secs : 0).c_str());
    s += line;
  }
  progress_.show(s, secs, final);
}

void Import::drain_one() {
  auto outcomes = in_flight_.front().get();
  in_flight_.pop_front();
  writer_->write(outcomes);
}

void Import::flush() {
  if (chunk_.empty()) return;
  while (in_flight_.size() >= max_in_flight_) drain_one();
  in_flight_.push_back(std::async(std::launch::async, process_chunk, std::move(chunk_)));
  chunk_ = {};
  chunk_bytes_ = 0;
}

void Import::push(Pending&& p) {
  chunk_bytes_ += p.document.size();
  chunk_.push_back(std::move(p));
  if (chunk_.size() >= kChunkItems || chunk_bytes_ >= kChunkBytes) flush();
}

}  // namespace

Result<IngestSummary> run_ingest(const IngestOptions& opt, std::ostream& diag_out,
                                 const std::atomic<bool>& stop) {
  init_libxml();
  Import import(opt, diag_out, stop);
  if (auto r = import.load_mapping(); !r) return r.error();
  if (auto r = import.resolve(); !r) return r.error();
  if (auto r = import.learn_chrome_and_open_rejects(); !r) return r.error();
  if (auto r = import.open_database(); !r) return r.error();
  import.prepare_writers();
  if (auto r = import.read_and_write(); !r) return r.error();
  return import.summary();
}

}  // namespace pressroom::indexer
