#include "pipeline/ingest.h"

#include <cstdlib>

#include <pthread.h>

#include <chrono>
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
  auto t = static_cast<long>(s + 0.5);
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

Result<IngestSummary> run_ingest(const IngestOptions& opt, std::ostream& diag_out,
                                 const std::atomic<bool>& stop) {
  const auto t0 = Clock::now();
  // Every diagnostic goes through the progress display, which keeps them on lines of their own.
  ProgressStream progress(diag_out, opt.progress_terminal, opt.progress_interval);
  std::ostream& diag = progress.stream();
  IngestSummary sum;
  init_libxml();

  const InputFormat* forced = nullptr;
  Mapping mapping = Mapping::identity();
  if (opt.mapping_path) {
    auto m = Mapping::from_file(*opt.mapping_path);
    if (!m) return m.error();
    mapping = std::move(m.value());
  }
  std::string fmt_name = !opt.format.empty() ? opt.format : mapping.format();
  if (!fmt_name.empty()) {
    forced = format_by_name(fmt_name);
    if (!forced)
      return make_error(ErrorCode::kInvalidArgument,
                        "unknown format \"" + fmt_name + "\" (known: " + format_names() + ")",
                        "format");
  }
  WalkOptions walk;
  walk.forced = forced;
  walk.include = mapping.include();
  walk.include.insert(walk.include.end(), opt.include.begin(), opt.include.end());
  walk.exclude = mapping.exclude();
  walk.exclude.insert(walk.exclude.end(), opt.exclude.begin(), opt.exclude.end());
  auto inputs = resolve_inputs(opt.inputs, walk);
  if (!inputs) return inputs.error();
  for (const auto& [path, why] : inputs->skipped)
    diag << path << ": note: skipped, " << why << "\n";
  for (const auto& folder : inputs->folders) {
    std::string warning = folder_warning(folder, walk);
    if (warning.empty()) continue;
    diag << warning << "\n";
    ++sum.warnings;
    if (folder.taken == 0) ++sum.unread_folders;
  }
  sum.documentation_files = inputs->documentation;
  sum.hidden_files = inputs->hidden_files;
  sum.hidden_folders = inputs->hidden_folders;
  sum.broken_links = inputs->broken_links;
  sum.folders_walked_already = inputs->folders_walked_already;
  sum.skipped_files = inputs->unknown_format;
  sum.excluded_files = inputs->excluded;
  uint64_t total_bytes = 0;
  for (const auto& f : inputs->files) total_bytes += f.size;

  FolderChrome chrome(opt, mapping.format_options().text.get(), inputs->files, stop);

  // Identifies what produced a file's records: a file read with another mapping, format or parser
  // version is read again.
  const std::string fingerprint =
      fnv1a_hex(mapping.fingerprint() + "|" + fmt_name + "|" +
                (opt.file_root ? opt.file_root->string() : std::string()) + "|" +
                std::to_string(kParserVersion) + "|" + chrome.fingerprint());

  std::ofstream rejects;
  if (opt.rejects_path) {
    rejects.open(*opt.rejects_path, std::ios::binary | std::ios::trunc);
    if (!rejects)
      return make_error(ErrorCode::kIoError,
                        "cannot write rejects file " + opt.rejects_path->string(), "rejects");
  }

  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  std::filesystem::path target = std::filesystem::absolute(opt.db_path).lexically_normal();
  if (!target.has_filename()) target = target.parent_path();
  {
    // The final swap renames the database folder itself: through a symbolic link it would
    // replace the link, so work on the folder it names.
    std::error_code ec;
    auto real = std::filesystem::weakly_canonical(target, ec);
    if (!ec) target = real;
  }
  clean_bulk_leftovers(target, true);  // a run killed in the middle of its final swap
  // Xapian also commits on its own every XAPIAN_FLUSH_THRESHOLD changes (10,000 unless the
  // environment says otherwise). Two such commits inside one of our batches leave the writer's
  // existence snapshot three revisions behind, which Xapian refuses to read
  // (DatabaseModifiedError): an import with --batch-size above the threshold into a populated
  // database failed. Our batch commits must be the only ones; prune's deletions at the end get
  // room too. Read when a WritableDatabase is opened.
  const std::string threshold = std::to_string(std::max<size_t>(opt.batch_size, 1) * 2 + 10000);
  ::setenv("XAPIAN_FLUSH_THRESHOLD", threshold.c_str(), 1);
  auto dbr = open_writable(opt.db_path);
  if (!dbr) return dbr.error();
  Xapian::WritableDatabase& db = dbr.value();
  // We hold the database's lock, yet a work folder may still be in use: a SIGTERMed bulk import
  // merges on after its database folder was deleted and a new one made in its place.
  for (const auto& kept : clean_bulk_leftovers(target, false))
    diag << kept.string() << ": note: kept: the work folder of a bulk import that may still be "
         << "running (its process exists or holds its lock); remove it once that run is over\n";

  // A new or empty database: parallel writers (bulk_import.h). A populated one: the single
  // writer, which updates it in place.
  std::unique_ptr<BulkImport> bulk;
  // A folder whose parent is not writable (the work folder goes next to the database): the
  // single writer still works.
  auto bulk_unavailable = [&](const std::string& why) {
    bulk.reset();
    sum.bulk_writers = 0;
    diag << opt.db_path << ": note: cannot create the work folder of a bulk import next to it ("
         << why << "); importing with a single writer\n";
  };
  const unsigned writers = opt.writers ? opt.writers : cores;
  try {
    if (writers > 1 && db.get_doccount() == 0 && db.get_lastdocid() == 0) {
      // Each writer holds at most one segment pending and one queued: batch_size / 2 documents
      // in all, since queued documents take more memory than Xapian's pending postings; the
      // peak stays below the single writer's (docs/performance.md).
      const size_t segment =
          std::max<size_t>(64, opt.batch_size / (4 * static_cast<size_t>(writers)));
      bulk = std::make_unique<BulkImport>(target, writers, segment, opt.spelling);
      sum.bulk_writers = writers;
    }
  } catch (const Xapian::Error& e) {
    bulk_unavailable(e.get_description());
  } catch (const std::filesystem::filesystem_error& e) {
    bulk_unavailable(e.code().message());
  }
  Writer writer(bulk ? bulk->patch() : db, opt, diag, opt.rejects_path ? &rejects : nullptr, sum,
                bulk.get());

  const unsigned threads = opt.threads ? opt.threads : cores;
  const size_t max_in_flight = threads * 2;
  std::deque<std::future<std::vector<Outcome>>> in_flight;
  auto last_progress = Clock::now();
  uint64_t bytes_done = 0;
  std::map<std::filesystem::path, std::shared_ptr<const PreparedMapping>> prepared_by_dir;
  const FormatOptions& doc_options = mapping.format_options();

  auto show_progress = [&](uint64_t bytes_now, bool final) {
    if (!opt.progress) return;
    auto now = Clock::now();
    // The terminal line is redrawn at most five times a second; plain lines keep their own pace.
    if (!final && opt.progress_terminal && now - last_progress < std::chrono::milliseconds(200))
      return;
    last_progress = now;
    double secs = std::chrono::duration<double>(now - t0).count();
    char line[160];
    int n = std::snprintf(line, sizeof line, "%zu records · %.0f/s", sum.read,
                          secs > 0 ? static_cast<double>(sum.read) / secs : 0.0);
    std::string s(line, static_cast<size_t>(n));
    if (total_bytes > 0 && bytes_now > 0) {
      double frac =
          std::min(1.0, static_cast<double>(bytes_now) / static_cast<double>(total_bytes));
      std::snprintf(line, sizeof line, " · %.0f%% · ETA %s", frac * 100,
                    fmt_duration(frac > 0 ? secs / frac - secs : 0).c_str());
      s += line;
    }
    progress.show(s, secs, final);
  };
  auto drain_one = [&]() {
    auto outcomes = in_flight.front().get();
    in_flight.pop_front();
    writer.write(outcomes);
  };
  std::vector<Pending> chunk;
  size_t chunk_bytes = 0;
  auto flush = [&]() {
    if (chunk.empty()) return;
    while (in_flight.size() >= max_in_flight) drain_one();
    in_flight.push_back(std::async(std::launch::async, process_chunk, std::move(chunk)));
    chunk = {};
    chunk_bytes = 0;
  };
  auto push = [&](Pending&& p) {
    chunk_bytes += p.document.size();
    chunk.push_back(std::move(p));
    if (chunk.size() >= kChunkItems || chunk_bytes >= kChunkBytes) flush();
  };

  try {
    for (const auto& file : inputs->files) {
      if (stop) break;
      auto ctx = std::make_shared<FileContext>();
      ctx->name = file.name;
      ctx->absolute = file.absolute;
      ctx->key = file.absolute.empty() ? std::string() : fnv1a_hex(file.absolute);
      ctx->size = file.size;
      ctx->mtime_ns = file.mtime_ns;
      ctx->fingerprint = fingerprint;
      ctx->format_options = &doc_options;

      if (!opt.rescan && !ctx->key.empty()) {
        const FileRecord* rec = writer.file_record(ctx->key);
        if (rec && rec->size == file.size && rec->mtime_ns == file.mtime_ns &&
            rec->fingerprint == fingerprint && rec->path == file.absolute) {
          ++sum.files_unchanged;
          sum.read += rec->records;
          sum.unchanged += rec->records;
          bytes_done += file.size;
          continue;
        }
      }
      ++sum.files;
      describe_file(file, mapping, *ctx);

      // The content: documents are read whole; stream formats are read as they are parsed.
      const InputFormat* fmt = file.format;
      std::string bytes;
      std::unique_ptr<std::istream> stream;
      std::optional<Error> read_error;
      if (!fmt || fmt->is_document()) {
        auto r = read_input(file);
        if (r) {
          bytes = std::move(r.value());
        } else {
          read_error = r.error();
        }
        if (!fmt && !read_error) fmt = sniff_format(std::string_view(bytes).substr(0, 512));
        if (fmt && !fmt->is_document())
          stream = std::make_unique<std::istringstream>(std::move(bytes));
      } else {
        auto in = open_input(file);
        if (in) {
          stream = std::move(in.value());
        } else {
          read_error = in.error();
        }
      }
      ctx->format = fmt;
      if (fmt && fmt->name == "text") ctx->boilerplate = chrome.for_file(file);
      auto input_dir =
          file.path.empty() ? std::filesystem::current_path() : file.path.parent_path();
      auto& prepared = prepared_by_dir[input_dir];
      if (!prepared) {
        auto p = mapping.prepare(input_dir, opt.file_root);
        if (!p) return p.error();
        prepared = p.value();
      }
      ctx->mapping = prepared;
      std::shared_ptr<const FileContext> shared = ctx;

      if (read_error) {
        // One unreadable file is one rejected input, not the end of the import.
        Pending p;
        p.file = shared;
        p.item.location = file.name;
        p.item.error = *read_error;
        push(std::move(p));
      } else if (fmt->is_document()) {
        Pending p;
        p.file = shared;
        p.is_document = true;
        p.document = std::move(bytes);
        push(std::move(p));
      } else {
        FormatOptions fopt = doc_options;
        fopt.delimiter =
            mapping.delimiter() ? mapping.delimiter() : (fmt->name == "tsv" ? '\t' : 0);
        size_t items = 0;
        fmt->parse(*stream, file.name, fopt, [&](RawItem&& item) {
          Pending p;
          p.file = shared;
          p.item = std::move(item);
          push(std::move(p));
          ++items;
          auto pos = stream->tellg();
          if (items % kChunkItems == 0)
            show_progress(bytes_done + (pos > 0 ? static_cast<uint64_t>(pos) : 0), false);
          return !stop.load();
        });
        if (items == 0 && !stop) {
          diag << file.name << ": warning: no records in this file\n";
          ++sum.warnings;
        }
      }
      if (stop) break;  // the file may be incomplete: no end-of-file record for it
      Pending eof;
      eof.file = shared;
      eof.end_of_file = true;
      push(std::move(eof));
      bytes_done += file.size;
      sum.bytes += file.size;
      show_progress(bytes_done, false);
    }
    flush();
    while (!in_flight.empty()) drain_one();
    sum.interrupted = stop.load();
    if (bulk) {
      // Interrupted or not, what was read is merged and swapped in: SIGINT keeps what is done.
      writer.commit();
      {
        Xapian::WritableDatabase merged = bulk->finish(db);
        writer.finish_bulk(merged, opt.prune, inputs->roots);
        merged.close();
      }
      sum.bulk_segments = bulk->segments();
      sum.merge_seconds = bulk->merge_seconds();
      if (auto swapped = bulk->swap_into_target(db); !swapped) return swapped.error();
      bulk.reset();
    } else {
      writer.finish(opt.prune, inputs->roots);
    }
  } catch (const Xapian::Error& e) {
    // Whatever was committed stays; the open transaction is lost with the handle. A bulk
    // import's work folder goes with `bulk`; the target is as it was.
    for (auto& f : in_flight) f.wait();
    return make_error(ErrorCode::kIoError,
                      "writing to " + opt.db_path + " failed: " + e.get_description());
  } catch (const std::filesystem::filesystem_error& e) {
    for (auto& f : in_flight) f.wait();
    return make_error(ErrorCode::kIoError,
                      "writing to " + opt.db_path + " failed: " + e.code().message());
  }
  sum.interrupted = stop.load();
  show_progress(bytes_done, true);
  // A rewrite that never matched usually means a pattern with a typo, or an archive that
  // changed its layout: silent, it would go unnoticed. (Not for an interrupted run: it may
  // not have reached the values the pattern is for.)
  if (!sum.interrupted) {
    for (const auto& w : mapping.unmatched_rewrites()) {
      sum.run_warnings.push_back(mapping.name() + ": warning: " + w);
      diag << sum.run_warnings.back() << "\n";
    }
  }
  sum.boilerplate = chrome.take_reports();
  sum.boilerplate_seconds = chrome.seconds();
  sum.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return sum;
}

}  // namespace pressroom::indexer
