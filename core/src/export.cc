#include "pressroom/export.h"

#include <openssl/evp.h>
#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <new>
#include <stdexcept>
#include <unordered_map>

#include "pressroom/database.h"
#include "pressroom/query_builder.h"
#include "pressroom/schema.h"
#include "pressroom/searcher.h"
#include "pressroom/stored_fields.h"

namespace pressroom {

namespace {

class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new()) {
    if (!ctx_ || EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr) != 1)
      throw std::runtime_error("SHA-256 is not available");
  }
  ~Sha256() { EVP_MD_CTX_free(ctx_); }
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::string_view bytes) { EVP_DigestUpdate(ctx_, bytes.data(), bytes.size()); }

  std::string hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_DigestFinal_ex(ctx_, digest, &n);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < n; ++i) {
      out += kHex[digest[i] >> 4];
      out += kHex[digest[i] & 15];
    }
    return out;
  }

 private:
  EVP_MD_CTX* ctx_;
};

// Allocator for the per-match arrays (16 then 4 bytes per match: 20 MB at 1M matches): pages
// straight from mmap, returned to the system when the export ends. From malloc, blocks this
// large stay in the worker thread's arena once glibc has raised its mmap threshold (it does
// after the first such free), and every worker thread would keep its own: +40 MB after two 1M
// exports on two threads, instead of +0.
template <class T>
struct PageAllocator {
  using value_type = T;
  PageAllocator() = default;
  template <class U>
  explicit PageAllocator(const PageAllocator<U>&) noexcept {}
  T* allocate(size_t n) {
    void* p = mmap(nullptr, std::max<size_t>(1, n * sizeof(T)), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) noexcept { munmap(p, std::max<size_t>(1, n * sizeof(T))); }
  template <class U>
  bool operator==(const PageAllocator<U>&) const noexcept {
    return true;
  }
};

using DocidList = std::vector<Xapian::docid, PageAllocator<Xapian::docid>>;

// The id of a document from its unique "Q" term (the only term starting with Q: free-text terms
// are lower case or carry another prefix). Reads and inflates the whole termlist: only for
// documents written before the id had a value slot, whose ids were at most 200 bytes and so are
// their terms exactly (a hashed long-id term always comes with the slot).
std::string id_from_term(const Xapian::Database& db, Xapian::docid did) {
  auto it = db.termlist_begin(did);
  it.skip_to(std::string(schema::kPrefixId));
  if (it == db.termlist_end(did)) return "";
  const std::string& term = *it;
  if (term.compare(0, schema::kPrefixId.size(), schema::kPrefixId) != 0) return "";
  return term.substr(schema::kPrefixId.size());
}

// Docids whose ids one value-stream walk reads (≈ 40 bytes each while they are read).
constexpr size_t kIdBlock = 1 << 16;

// Calls fn(id) for the id of each document of `docids`, in that order. The ids come from value
// slot kSlotId, read with one forward walk of its value stream per block of kIdBlock docids
// (visited in docid order, then passed on in the given order): sequential reads of small chunks
// instead of a termlist per document. Where the slot is empty (documents written before it
// existed) the id comes from the "Q" term.
template <class Fn>
void for_each_id(const Xapian::Database& db, const DocidList& docids, Fn&& fn) {
  std::vector<std::pair<Xapian::docid, uint32_t>> by_docid;
  std::vector<uint32_t> offset, length;
  std::string ids;
  for (size_t first = 0; first < docids.size(); first += kIdBlock) {
    const size_t n = std::min(kIdBlock, docids.size() - first);
    by_docid.clear();
    for (uint32_t i = 0; i < n; ++i) by_docid.emplace_back(docids[first + i], i);
    std::sort(by_docid.begin(), by_docid.end());
    offset.resize(n);
    length.resize(n);
    ids.clear();
    auto v = db.valuestream_begin(schema::kSlotId);
    const auto end = db.valuestream_end(schema::kSlotId);
    for (const auto& [did, i] : by_docid) {
      if (v != end) v.skip_to(did);
      offset[i] = static_cast<uint32_t>(ids.size());
      if (v != end && v.get_docid() == did)
        ids += *v;
      else
        ids += id_from_term(db, did);
      length[i] = static_cast<uint32_t>(ids.size()) - offset[i];
    }
    for (uint32_t i = 0; i < n; ++i) fn(std::string_view(ids).substr(offset[i], length[i]));
  }
}

// One match while the result set is ranked: 16 bytes, so ranking 1M matches takes 16 MB.
struct Ranked {
  double wt;          // the weight Xapian ranks by (the same for every match of a boolean query)
  Xapian::docid did;  // docid in the combined database, as Xapian numbers it
  uint32_t key;       // date sorts: the rank of the date sort key among the distinct keys
};
static_assert(sizeof(Ranked) == 16);

// The date sort keys (value slot kSlotDate) of a match set as dense integers that order like the
// strings. A key gets a provisional number when it is first met (an archive has a few thousand
// distinct dates, however many releases) and the numbers are ranked in byte order, as Xapian
// compares sort keys, once the match is over: sorting then compares integers, yet orders exactly
// as Enquire::set_sort_by_value_then_relevance does, whatever the slot holds.
class DateKeys {
 public:
  uint32_t number(const std::string& v) {
    if (!values_.empty() && v == values_[last_]) return last_;  // neighbours often share a date
    auto [it, added] = index_.try_emplace(v, static_cast<uint32_t>(values_.size()));
    if (added) values_.push_back(v);
    last_ = it->second;
    return last_;
  }
  // ranks()[provisional number] = position of that key in byte order.
  [[nodiscard]] std::vector<uint32_t> ranks() const {
    std::vector<uint32_t> order(values_.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return values_[a] < values_[b]; });
    std::vector<uint32_t> rank(values_.size());
    for (uint32_t r = 0; r < order.size(); ++r) rank[order[r]] = r;
    return rank;
  }

 private:
  std::unordered_map<std::string, uint32_t> index_;
  std::vector<std::string> values_;
  uint32_t last_ = 0;
};

// Records every match the matcher visits, with its weight and, for date sorts, its date key. The
// document Xapian hands a match spy reads values through value streams, so the date is a
// sequential read, not a B-tree lookup per document.
class MatchCollector : public Xapian::MatchSpy {
 public:
  MatchCollector(std::vector<Ranked, PageAllocator<Ranked>>& out, DateKeys* keys)
      : out_(out), keys_(keys) {}
  void operator()(const Xapian::Document& doc, double wt) override {
    const uint32_t key = keys_ ? keys_->number(doc.get_value(schema::kSlotDate)) : 0;
    out_.push_back({wt, doc.get_docid(), key});
  }

 private:
  std::vector<Ranked, PageAllocator<Ranked>>& out_;
  DateKeys* keys_;
};

// The docids of every match of `built`, in the order configure_enquire() gives them: relevance
// is weight descending, newest / oldest are date key descending / ascending then weight
// descending, and ties go to the lower docid.
//
// Enquire::get_mset(offset, page) would rank page by page: each call runs the whole match again
// and keeps offset + page entries (≈ 100 bytes each) in its heap. Here one run of the matcher
// with a match spy records (weight, docid, date key) for every match — 16 bytes each — and one
// sort orders them; the docids are kept (4 bytes each). Several shards, or a remote database
// (which cannot run a local spy), are ranked page by page with Enquire as before.
// Throws Xapian::WildcardError, Xapian::DatabaseModifiedError, Xapian::Error.
DocidList rank_matches(const Xapian::Database& db, const BuiltQuery& built, SortOrder asked,
                       Xapian::doccount page) {
  const SortOrder sort = effective_sort(asked, built.has_text);
  DocidList docids;
  auto by_pages = [&] {
    Xapian::Enquire enq(db);
    configure_enquire(enq, built, asked);
    for (Xapian::doccount offset = 0;; offset += page) {
      Xapian::MSet mset = enq.get_mset(offset, page);
      for (auto it = mset.begin(); it != mset.end(); ++it) docids.push_back(*it);
      if (mset.size() < page) return;
    }
  };
  // A match spy sees each shard's own docids, one shard after the other: which shard a match
  // came from is not known, so several shards are ranked page by page.
  if (db.size() != 1) {
    by_pages();
    return docids;
  }
  {
    std::vector<Ranked, PageAllocator<Ranked>> matches;
    DateKeys keys;
    const bool by_date = sort != SortOrder::kRelevance;
    MatchCollector collector(matches, by_date ? &keys : nullptr);
    // Same query and weighting, but no ranking: the matcher reads no sort keys and keeps no heap;
    // with maxitems 0 and check_at_least = every document it still visits every match.
    Xapian::Enquire all(db);
    configure_enquire(all, built, asked);
    all.set_sort_by_relevance();
    matches.reserve(std::min(all.get_mset(0, 0).get_matches_upper_bound(), db.get_doccount()));
    all.add_matchspy(&collector);
    try {
      (void)all.get_mset(0, 0, db.get_doccount());
    } catch (const Xapian::UnimplementedError&) {  // a remote database
      all.clear_matchspies();
      by_pages();
      return docids;
    }
    all.clear_matchspies();
    if (by_date) {
      const auto rank = keys.ranks();
      for (auto& r : matches) r.key = rank[r.key];
    }
    auto by_weight = [](const Ranked& a, const Ranked& b) {
      return a.wt != b.wt ? a.wt > b.wt : a.did < b.did;
    };
    switch (sort) {
      case SortOrder::kRelevance:
        std::sort(matches.begin(), matches.end(), by_weight);
        break;
      case SortOrder::kNewest:
        std::sort(matches.begin(), matches.end(), [&](const Ranked& a, const Ranked& b) {
          return a.key != b.key ? a.key > b.key : by_weight(a, b);
        });
        break;
      case SortOrder::kOldest:
        std::sort(matches.begin(), matches.end(), [&](const Ranked& a, const Ranked& b) {
          return a.key != b.key ? a.key < b.key : by_weight(a, b);
        });
        break;
    }
    docids.reserve(matches.size());
    for (const auto& r : matches) docids.push_back(r.did);
  }  // the 16-byte entries are freed here
  return docids;
}

std::string cell_text(const nlohmann::ordered_json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string out;
    for (const auto& item : v) {
      if (!out.empty()) out += "; ";
      out += item.is_string() ? item.get<std::string>() : item.dump();
    }
    return out;
  }
  return v.dump();
}

// Bytes of body one next() call produces at least (unless the export ends first).
constexpr size_t kChunkBytes = 64 * 1024;

}  // namespace

namespace {

// csv_field(v) appended to out, in spans between quotes rather than byte by byte (bodies are
// kilobytes long).
void append_csv_field(std::string& out, std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += v;
    return;
  }
  out += '"';
  for (size_t start = 0;;) {
    const size_t quote = v.find('"', start);
    if (quote == std::string_view::npos) {
      out += v.substr(start);
      break;
    }
    out += v.substr(start, quote + 1 - start);
    out += '"';
    start = quote + 1;
  }
  out += '"';
}

}  // namespace

std::string csv_field(std::string_view v) {
  std::string out;
  append_csv_field(out, v);
  return out;
}

std::string utc_timestamp(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 h;
  h.update(bytes);
  return h.hex();
}

nlohmann::ordered_json to_json(const std::vector<ShardState>& shards) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& s : shards)
    out.push_back({{"uuid", s.uuid}, {"revision", s.revision}, {"documents", s.documents}});
  return out;
}

nlohmann::ordered_json to_json(const ExportManifest& m) {
  using json = nlohmann::ordered_json;
  json index = {{"uuid", m.uuid}, {"revision", m.revision}};
  if (!m.shards.empty()) index["shards"] = to_json(m.shards);
  json filters = {{"issuer", m.issuers},
                  {"topic", m.topics},
                  {"from", m.from.empty() ? json(nullptr) : json(m.from)},
                  {"to", m.to.empty() ? json(nullptr) : json(m.to)}};
  json out = {{"query", m.query},
              {"parsed_query", m.parsed_query},
              {"filters", std::move(filters)},
              {"sort", to_string(m.sort)},
              {"format", to_string(m.format)},
              {"fields", m.fields.empty() ? json(nullptr) : json(m.fields)},
              {"index", std::move(index)},
              {"count", m.count},
              {"ids_sha256", m.ids_sha256},
              {"ids_sha256_of", "the ids in export order, each followed by a line feed"},
              {"generated_at", m.generated_at},
              {"version", m.version}};
  if (!m.warning.empty()) out["warning"] = m.warning;
  return out;
}

struct Export::State {
  Xapian::Database db;
  ExportManifest manifest;
  DocidList docids;       // every match, in export order (4 bytes each)
  size_t next_match = 0;  // index in docids of the next record to encode
  std::string record;     // the record being encoded (its buffer reused from record to record)
  enum class Phase { kHeader, kRecords, kTrailer, kDone } phase = Phase::kHeader;

  explicit State(Xapian::Database d) : db(std::move(d)) {}

  void encode(const std::string& data, std::string& out) const;
};

void Export::State::encode(const std::string& data, std::string& out) const {
  const auto& fields = manifest.fields;
  if (manifest.format != ExportFormat::kCsv && fields.empty()) {
    out += data;  // the stored record is already canonical compact JSON
    return;
  }
  auto j = nlohmann::ordered_json::parse(data, nullptr, false);
  if (j.is_discarded() || !j.is_object()) j = nlohmann::ordered_json::object();
  if (manifest.format == ExportFormat::kCsv) {
    bool first = true;
    auto add = [&](std::string_view name) {
      if (!first) out += ',';
      first = false;
      auto it = j.find(name);
      if (it == j.end()) return;
      if (it->is_string())
        append_csv_field(out, it->get_ref<const std::string&>());
      else
        append_csv_field(out, cell_text(*it));
    };
    if (fields.empty())
      for (auto f : kExportFields) add(f);
    else
      for (const auto& f : fields) add(f);
    out += "\r\n";
    return;
  }
  nlohmann::ordered_json picked = nlohmann::ordered_json::object();
  for (const auto& f : fields) {
    auto it = j.find(f);
    if (it != j.end()) picked[f] = *it;
  }
  out += picked.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

Export::Export(std::unique_ptr<State> s) : s_(std::move(s)) {}
Export::Export(Export&&) noexcept = default;
Export& Export::operator=(Export&&) noexcept = default;
Export::~Export() = default;

const ExportManifest& Export::manifest() const { return s_->manifest; }
bool Export::done() const { return s_->phase == State::Phase::kDone; }

Result<Export> Export::prepare(Xapian::Database snapshot, const SearchRequest& req,
                               const Limits& limits, std::string version,
                               std::chrono::system_clock::time_point now,
                               std::vector<ShardState> shards) {
  auto built = build_query(req, snapshot, limits);
  if (!built) return built.error();
  auto s = std::make_unique<State>(std::move(snapshot));

  ExportManifest& m = s->manifest;
  m.query = req.q;
  m.parsed_query = built->query.get_description();
  m.warning = built->warning;
  m.issuers = req.issuers;
  m.topics = req.topics;
  m.from = req.from;
  m.to = req.to;
  m.sort = effective_sort(req.sort, built->has_text);
  m.format = req.format;
  m.fields = req.fields;
  m.uuid = database_uuid(s->db);
  m.revision = database_revision(s->db);
  m.shards = std::move(shards);
  m.generated_at = utc_timestamp(now);
  m.version = std::move(version);

  try {
    s->docids = rank_matches(s->db, *built, req.sort,
                             std::max<Xapian::doccount>(1, limits.export_page_size));
  } catch (const Xapian::WildcardError&) {
    return wildcard_expansion_error(limits);
  }
  Sha256 ids;
  for_each_id(s->db, s->docids, [&](std::string_view id) {
    ids.update(id);
    ids.update("\n");
  });
  m.count = static_cast<Xapian::doccount>(s->docids.size());
  m.ids_sha256 = ids.hex();
  return Export(std::move(s));
}

Result<void> Export::next(std::string& out) {
  State& s = *s_;
  switch (s.phase) {
    case State::Phase::kHeader:
      if (s.manifest.format == ExportFormat::kJson) {
        out += "{\"manifest\":";
        out += to_json(s.manifest)
                   .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        out += ",\"records\":[";
      } else if (s.manifest.format == ExportFormat::kCsv) {
        bool first = true;
        auto add = [&](std::string_view name) {
          out += first ? "" : ",";
          out += name;
          first = false;
        };
        if (s.manifest.fields.empty())
          for (auto f : kExportFields) add(f);
        else
          for (const auto& f : s.manifest.fields) add(f);
        out += "\r\n";
      }
      s.phase = State::Phase::kRecords;
      return {};
    case State::Phase::kRecords: {
      const size_t start = out.size();
      while (out.size() - start < kChunkBytes) {
        if (s.next_match == s.docids.size()) {
          s.docids = DocidList();  // give the pages back now, not when the response ends
          s.phase = State::Phase::kTrailer;
          return {};
        }
        // Every docid was a match of this snapshot: the document must be there, with its record.
        // Xapian throws DatabaseModifiedError once the snapshot is overwritten; anything else
        // amiss is reported the same way, as a result set that changed.
        std::string& data = s.record;
        data.clear();
        try {
          decode_record_data(
              s.db.get_document(s.docids[s.next_match], Xapian::DOC_ASSUME_VALID).get_data(), data);
        } catch (const Xapian::DocNotFoundError&) {
        }
        if (data.empty())
          return make_error(ErrorCode::kSnapshotChanged,
                            "the result set changed while it was exported; export again");
        if (s.manifest.format == ExportFormat::kJson && s.next_match > 0) out += ",\n";
        s.encode(data, out);
        if (s.manifest.format == ExportFormat::kNdjson) out += '\n';
        ++s.next_match;
      }
      return {};
    }
    case State::Phase::kTrailer:
      if (s.manifest.format == ExportFormat::kJson) out += "]}\n";
      s.phase = State::Phase::kDone;
      return {};
    case State::Phase::kDone:
      break;
  }
  return {};
}

}  // namespace pressroom
