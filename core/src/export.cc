#include "pressroom/export.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "export_encoders.h"
#include "export_ranking.h"
#include "mapped_buffer.h"
#include "pressroom/database.h"
#include "pressroom/query_builder.h"
#include "pressroom/schema.h"
#include "pressroom/searcher.h"
#include "pressroom/stored_fields.h"
#include "sha256.h"

namespace pressroom {

namespace {

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

// Bytes of body one next() call produces at least (unless the export ends first).
constexpr size_t kChunkBytes = size_t{64} * 1024;

}  // namespace

struct Export::State {
  Xapian::Database db;
  ExportManifest manifest;
  DocidList docids;       // every match, in export order (4 bytes each)
  size_t next_match = 0;  // index in docids of the next record to encode
  std::string record;     // the record being encoded (its buffer reused from record to record)
  enum class Phase { kHeader, kRecords, kTrailer, kDone } phase = Phase::kHeader;

  explicit State(Xapian::Database d) : db(std::move(d)) {}
};

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
      encode_export_header(s.manifest, out);
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
        encode_export_record(s.manifest, data, out);
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
