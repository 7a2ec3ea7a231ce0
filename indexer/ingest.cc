#include "ingest.h"

#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <future>
#include <thread>
#include <unordered_set>

#include <xapian.h>

#include "formats.h"
#include "input_files.h"
#include "mapping.h"
#include "pressroom/database.h"
#include "pressroom/document_builder.h"
#include "pressroom/record.h"
#include "pressroom/schema.h"

namespace pressroom::indexer {

namespace {

using json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

constexpr size_t kChunkItems = 256;

// What a worker made of one raw item.
struct Outcome {
  std::string location;
  std::vector<std::string> warnings;
  bool ok = false;
  // ok:
  std::string id;
  Xapian::Document doc;
  size_t issuers = 0;
  size_t topics = 0;
  // rejected:
  Error error;
  json raw;  // the raw record (object) or its text, for the rejects file
};

struct Chunk {
  std::vector<RawItem> items;
  std::shared_ptr<const PreparedMapping> mapping;
};

std::vector<Outcome> process_chunk(Chunk chunk) {
  DocumentBuilder builder;  // one per chunk: builders are not thread-safe
  std::vector<Outcome> out;
  out.reserve(chunk.items.size());
  for (auto& item : chunk.items) {
    Outcome o;
    o.location = std::move(item.location);
    o.warnings = std::move(item.warnings);
    try {
      if (!item.error) parse_item_json(item);
      auto reject = [&](Error e) {
        o.error = std::move(e);
        if (!item.fields.is_null()) {
          o.raw = std::move(item.fields);
        } else {
          o.raw = item.json_text;
        }
      };
      if (item.error) {
        reject(*item.error);
      } else if (auto mapped = chunk.mapping->apply(item.fields); !mapped) {
        reject(mapped.error());
      } else if (auto rec = record_from_json(mapped.value()); !rec) {
        reject(rec.error());
      } else {
        o.ok = true;
        o.id = rec->id;
        o.issuers = rec->issuers.size();
        o.topics = rec->topics.size();
        o.doc = builder.build(rec.value());
      }
    } catch (const std::exception& e) {
      o.ok = false;
      o.error = make_error("internal", std::string("unexpected error: ") + e.what());
    } catch (const Xapian::Error& e) {
      o.ok = false;
      o.error = make_error("internal", "unexpected error: " + e.get_description());
    }
    out.push_back(std::move(o));
  }
  return out;
}

std::string fmt_duration(double s) {
  char buf[32];
  auto t = static_cast<long>(s + 0.5);
  std::snprintf(buf, sizeof buf, "%ld:%02ld", t / 60, t % 60);
  return buf;
}

// The single writer: upserts documents, counts, commits in batches.
class Writer {
 public:
  Writer(Xapian::WritableDatabase& db, const IngestOptions& opt, std::ostream& diag,
         std::ofstream* rejects, IngestSummary& sum)
      : db_(db), snapshot_(opt.db_path), opt_(opt), diag_(diag), rejects_(rejects), sum_(sum) {
    max_issuers_ = max_issuer_slots(db);
    max_topics_ = max_topic_slots(db);
  }

  void write(std::vector<Outcome>& outcomes) {
    for (auto& o : outcomes) {
      ++sum_.read;
      for (const auto& w : o.warnings) {
        diag_ << o.location << ": warning: " << w << "\n";
        ++sum_.warnings;
      }
      if (!o.ok) {
        reject(o);
        continue;
      }
      upsert(o);
    }
  }

  void commit() {
    if (max_issuers_ > max_issuer_slots(db_))
      db_.set_metadata(std::string(schema::kMetaMaxIssuers), std::to_string(max_issuers_));
    if (max_topics_ > max_topic_slots(db_))
      db_.set_metadata(std::string(schema::kMetaMaxTopics), std::to_string(max_topics_));
    db_.commit();
    since_commit_ = 0;
  }

 private:
  void reject(const Outcome& o) {
    ++sum_.rejected;
    diag_ << o.location << ": error: " << o.error.message << "\n";
    if (rejects_) {
      json line = json::object();
      line["location"] = o.location;
      line["error"] = {{"code", o.error.code}, {"message", o.error.message}, {"field", o.error.field}};
      line["record"] = o.raw;
      *rejects_ << line.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
    }
  }

  // Existence is checked against `snapshot_` (the database as committed when the run started) and
  // the ids written in this run, never through the WritableDatabase: a lookup there has to merge
  // the pending changes and dominated the profile. New ids are added without any lookup.
  void upsert(Outcome& o) {
    const std::string term = DocumentBuilder::id_term(o.id);
    if (written_.count(term)) {
      db_.replace_document(term, o.doc);
      ++sum_.replaced;
    } else if (snapshot_.term_exists(term)) {
      auto pl = snapshot_.postlist_begin(term);
      Xapian::docid did = *pl;
      ++pl;
      bool single = pl == snapshot_.postlist_end(term);
      if (single && snapshot_.get_document(did).get_data() == o.doc.get_data()) {
        ++sum_.unchanged;
        return;
      }
      db_.replace_document(term, o.doc);
      ++sum_.replaced;
    } else {
      db_.add_document(o.doc);
      ++sum_.added;
    }
    written_.insert(term);
    if (opt_.spelling) add_spelling(o.doc);
    max_issuers_ = std::max<unsigned>(max_issuers_, static_cast<unsigned>(o.issuers));
    max_topics_ = std::max<unsigned>(max_topics_, static_cast<unsigned>(o.topics));
    if (++since_commit_ >= opt_.batch_size) commit();
  }

  // Spelling data for later suggestions: the unprefixed (lower-case) words of the document.
  void add_spelling(const Xapian::Document& doc) {
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      const std::string& term = *t;
      auto c = static_cast<unsigned char>(term[0]);
      if (c >= 'A' && c <= 'Z') continue;  // prefixed terms
      if (term.size() < 3 || (c >= '0' && c <= '9')) continue;
      db_.add_spelling(term);
    }
  }

  Xapian::WritableDatabase& db_;
  Xapian::Database snapshot_;  // read-only view of the last commit before this run
  std::unordered_set<std::string> written_;  // id terms written in this run
  const IngestOptions& opt_;
  std::ostream& diag_;
  std::ofstream* rejects_;
  IngestSummary& sum_;
  unsigned max_issuers_ = 0;
  unsigned max_topics_ = 0;
  size_t since_commit_ = 0;
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

Result<IngestSummary> run_ingest(const IngestOptions& opt, std::ostream& diag,
                                 const std::atomic<bool>& stop) {
  const auto t0 = Clock::now();
  IngestSummary sum;

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
    if (!forced) return make_error("invalid_argument", "unknown format \"" + fmt_name + "\" (known: jsonl, json, csv, tsv)", "format");
  }
  auto inputs = resolve_inputs(opt.inputs, forced);
  if (!inputs) return inputs.error();
  for (const auto& s : inputs->skipped) diag << s << ": note: skipped, not a known input format\n";
  sum.skipped_files = inputs->skipped.size();
  uint64_t total_bytes = 0;
  for (const auto& f : inputs->files) total_bytes += f.size;

  std::ofstream rejects;
  if (opt.rejects_path) {
    rejects.open(*opt.rejects_path, std::ios::binary | std::ios::trunc);
    if (!rejects) return make_error("io_error", "cannot write rejects file " + opt.rejects_path->string(), "rejects");
  }

  auto dbr = open_writable(opt.db_path);
  if (!dbr) return dbr.error();
  Xapian::WritableDatabase& db = dbr.value();
  Writer writer(db, opt, diag, opt.rejects_path ? &rejects : nullptr, sum);

  const unsigned threads = opt.threads ? opt.threads : std::max(1u, std::thread::hardware_concurrency());
  const size_t max_in_flight = threads * 2;
  std::deque<std::future<std::vector<Outcome>>> in_flight;
  auto last_progress = Clock::now();
  uint64_t bytes_done = 0;

  auto show_progress = [&](uint64_t bytes_now, bool final) {
    if (!opt.progress) return;
    auto now = Clock::now();
    if (!final && now - last_progress < std::chrono::milliseconds(200)) return;
    last_progress = now;
    double secs = std::chrono::duration<double>(now - t0).count();
    char line[160];
    int n = std::snprintf(line, sizeof line, "\r  %zu records · %.0f/s", sum.read,
                          secs > 0 ? static_cast<double>(sum.read) / secs : 0.0);
    std::string s(line, static_cast<size_t>(n));
    if (total_bytes > 0 && bytes_now > 0) {
      double frac = std::min(1.0, static_cast<double>(bytes_now) / static_cast<double>(total_bytes));
      std::snprintf(line, sizeof line, " · %.0f%% · ETA %s", frac * 100,
                    fmt_duration(frac > 0 ? secs / frac - secs : 0).c_str());
      s += line;
    }
    diag << s << "\033[K" << (final ? "\n" : "") << std::flush;
  };
  auto drain_one = [&]() {
    auto outcomes = in_flight.front().get();
    in_flight.pop_front();
    writer.write(outcomes);
  };

  try {
    for (const auto& file : inputs->files) {
      if (stop) break;
      auto in = open_input(file);
      if (!in) {
        diag << file.name << ": error: " << in.error().message << "\n";
        return in.error();
      }
      std::istream& stream = *in.value();
      const InputFormat* fmt = file.format;
      if (!fmt) {
        char head[512];
        stream.read(head, sizeof head);
        std::string_view hv(head, static_cast<size_t>(stream.gcount()));
        fmt = sniff_format(hv);
        stream.clear();
        stream.seekg(0);
      }
      auto prepared = mapping.prepare(file.path.empty() ? std::filesystem::current_path()
                                                        : file.path.parent_path(),
                                      opt.file_root);
      if (!prepared) return prepared.error();
      ++sum.files;

      FormatOptions fopt;
      fopt.delimiter = mapping.delimiter() ? mapping.delimiter() : (fmt->name == "tsv" ? '\t' : 0);
      Chunk chunk;
      chunk.mapping = prepared.value();
      auto flush = [&]() {
        if (chunk.items.empty()) return;
        while (in_flight.size() >= max_in_flight) drain_one();
        in_flight.push_back(std::async(std::launch::async, process_chunk, std::move(chunk)));
        chunk = Chunk{};
        chunk.mapping = prepared.value();
        auto pos = stream.tellg();
        show_progress(bytes_done + (pos > 0 ? static_cast<uint64_t>(pos) : 0), false);
      };
      fmt->parse(stream, file.name, fopt, [&](RawItem&& item) {
        chunk.items.push_back(std::move(item));
        if (chunk.items.size() >= kChunkItems) flush();
        return !stop.load();
      });
      flush();
      bytes_done += file.size;
      sum.bytes += file.size;
    }
    while (!in_flight.empty()) drain_one();
    writer.commit();
  } catch (const Xapian::Error& e) {
    // Whatever was committed stays; the open transaction is lost with the handle.
    for (auto& f : in_flight) f.wait();
    return make_error("io_error", "writing to " + opt.db_path + " failed: " + e.get_description());
  }
  sum.interrupted = stop.load();
  show_progress(bytes_done, true);
  sum.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return sum;
}

}  // namespace pressroom::indexer
