#include "pipeline/writer.h"

#include <algorithm>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "pipeline/duplicates.h"
#include "pressroom/database.h"
#include "pressroom/document_builder.h"
#include "pressroom/schema.h"
#include "pressroom/stored_fields.h"

namespace pressroom::indexer {

namespace {

using json = nlohmann::ordered_json;

std::string meta_key(const std::string& file_key) {
  return std::string(schema::kMetaFilePrefix) + file_key;
}

std::string file_term(const std::string& file_key) {
  return std::string(schema::kPrefixSourceFile) + file_key;
}

bool under(const std::string& path, const std::vector<std::string>& roots) {
  for (const auto& r : roots) {
    if (path == r) return true;
    if (path.size() > r.size() && path.compare(0, r.size(), r) == 0 &&
        (path[r.size()] == '/' || r.back() == '/'))
      return true;
  }
  return false;
}

}  // namespace

std::optional<FileRecord> parse_file_record(const std::string& value) {
  try {
    json j = json::parse(value);
    FileRecord r;
    r.path = j.at("path").get<std::string>();
    r.size = j.at("size").get<uint64_t>();
    r.mtime_ns = j.at("mtime").get<int64_t>();
    r.fingerprint = j.at("fingerprint").get<std::string>();
    r.records = j.at("records").get<size_t>();
    return r;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

std::string file_record_json(const FileRecord& r) {
  json j;
  j["path"] = r.path;
  j["size"] = r.size;
  j["mtime"] = r.mtime_ns;
  j["fingerprint"] = r.fingerprint;
  j["records"] = r.records;
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Writer::Writer(Xapian::WritableDatabase& db, const IngestOptions& opt, std::ostream& diag,
               std::ofstream* rejects, IngestSummary& sum, BulkImport* bulk)
    : db_(db),
      bulk_(bulk),
      snapshot_(opt.db_path),
      opt_(opt),
      diag_(diag),
      rejects_(rejects),
      sum_(sum) {
  max_issuers_ = max_issuer_slots(db);
  max_topics_ = max_topic_slots(db);
  const std::string prefix(schema::kMetaFilePrefix);
  for (auto it = snapshot_.metadata_keys_begin(prefix); it != snapshot_.metadata_keys_end(prefix);
       ++it) {
    auto rec = parse_file_record(snapshot_.get_metadata(*it));
    if (rec) file_records_.emplace((*it).substr(prefix.size()), std::move(*rec));
  }
}

const FileRecord* Writer::file_record(const std::string& key) const {
  auto it = file_records_.find(key);
  return it == file_records_.end() ? nullptr : &it->second;
}

void Writer::write(std::vector<Outcome>& outcomes) {
  for (auto& o : outcomes) {
    if (o.end_of_file) {
      end_of_file(o);
      continue;
    }
    ++sum_.read;
    ++file_records_seen_;
    for (const auto& w : o.warnings) {
      diag_ << o.location << ": warning: " << w << "\n";
      ++sum_.warnings;
    }
    if (!o.ok) {
      ++file_rejected_;
      reject(o);
      continue;
    }
    upsert(o);
  }
}

void Writer::commit() {
  // Spelling words were counted per batch: one add_spelling per distinct word instead of one per
  // occurrence (Xapian's spelling table updates dominated the writer thread's profile).
  for (const auto& [word, n] : spelling_) db_.add_spelling(word, n);
  spelling_.clear();
  if (max_issuers_ > max_issuer_slots(db_))
    db_.set_metadata(std::string(schema::kMetaMaxIssuers), std::to_string(max_issuers_));
  if (max_topics_ > max_topic_slots(db_))
    db_.set_metadata(std::string(schema::kMetaMaxTopics), std::to_string(max_topics_));
  db_.commit();
  // The snapshot must follow the commits: Xapian recycles the blocks of revisions older than the
  // last two, and reading a stale snapshot then throws DatabaseModifiedError. Ids written in this
  // run are in written_, so seeing them in the snapshot changes no decision.
  snapshot_.reopen();
  since_commit_ = 0;
}

void Writer::reject(const Outcome& o) {
  ++sum_.rejected;
  diag_ << o.location << ": error: " << o.error.message << "\n";
  if (rejects_) {
    json line = json::object();
    line["location"] = o.location;
    line["error"] = {
        {"code", to_string(o.error.code)}, {"message", o.error.message}, {"field", o.error.field}};
    line["record"] = o.raw;
    *rejects_ << line.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  }
}

std::string Writer::original_for(const std::string& hash, const std::string& self_id,
                                 Xapian::docid self_did) {
  if (hash.empty()) return {};
  auto it = originals_.find(hash);
  if (it == originals_.end()) {
    const std::string term = std::string(schema::kPrefixBodyHash) + hash;
    auto first = read_snapshot([&] {
      std::pair<Xapian::docid, std::string> found{0, ""};
      for (auto pl = snapshot_.postlist_begin(term); pl != snapshot_.postlist_end(term); ++pl) {
        if (rehashed_.count(*pl)) continue;  // its body changed in this run
        found = {*pl, record_id_of(snapshot_.get_document(*pl))};
        break;
      }
      return found;
    });
    it = originals_.emplace(hash, std::move(first)).first;
  }
  auto& [did, id] = it->second;
  if (did == 0) {
    if (self_did) it->second = {self_did, self_id};
    return {};
  }
  if (self_did == did) return {};
  if (self_did && self_did < did) {
    // An older document joined this text: it is the original now, and the copies written so far
    // point at the previous one.
    refold_.insert(hash);
    it->second = {self_did, self_id};
    return {};
  }
  return id;
}

std::optional<Writer::Existing> Writer::existing(const std::string& id_term) {
  return read_snapshot([&]() -> std::optional<Existing> {
    if (!snapshot_.term_exists(id_term)) return std::nullopt;
    auto pl = snapshot_.postlist_begin(id_term);
    Existing e;
    e.did = *pl;
    ++pl;
    e.single = pl == snapshot_.postlist_end(id_term);
    Xapian::Document doc = snapshot_.get_document(e.did);
    e.data = doc.get_data();
    e.body_hash = doc.get_value(schema::kSlotBodyHash);
    e.source_file = doc.get_value(schema::kSlotSourceFile);
    return e;
  });
}

// Existence is checked against `snapshot_` (the database as last committed) and
// the ids written in this run, never through the WritableDatabase: a lookup there has to merge
// the pending changes and dominated the profile. New ids are added without any lookup.
void Writer::upsert(Outcome& o) {
  const std::string term = DocumentBuilder::id_term(o.id);
  const std::string hash = o.doc.get_value(schema::kSlotBodyHash);
  Xapian::docid did = 0;
  bool fresh = false;  // a new id (bulk mode: goes to a segment)
  auto mark_duplicate = [&](Xapian::docid self) {
    std::string original = original_for(hash, o.id, self);
    if (!original.empty()) {
      set_duplicate_of(o.doc, original);
      ++sum_.duplicates;
    }
  };
  // A document whose body (hash) changes leaves its group of copies: if it was the group's
  // original, the others are re-pointed at the end (refold_).
  auto leave_group = [&](Xapian::docid self, const std::string& old_hash) {
    if (old_hash == hash) return;
    rehashed_.insert(self);
    if (old_hash.empty()) return;
    refold_.insert(old_hash);
    if (auto it = originals_.find(old_hash); it != originals_.end() && it->second.first == self)
      originals_.erase(it);
  };
  if (auto w = written_.find(term); w != written_.end()) {
    // The same id twice in one run: the later record wins.
    did = w->second.first;
    leave_group(did, w->second.second);
    mark_duplicate(did);
    if (bulk_) {
      db_.replace_document(did, o.doc);  // the patch: applied over the merged segments
    } else {
      db_.replace_document(term, o.doc);
    }
    w->second.second = hash;
    ++sum_.replaced;
  } else if (auto old = bulk_ ? std::nullopt : existing(term)) {
    did = old->did;
    leave_group(did, old->body_hash);
    mark_duplicate(did);
    bool same_content = old->single && same_record_data(old->data, o.doc.get_data());
    if (same_content && old->source_file == o.doc.get_value(schema::kSlotSourceFile)) {
      ++sum_.unchanged;
      written_.emplace(term, std::make_pair(did, hash));
      if (opt_.prune) file_docids_.push_back(did);
      return;
    }
    // Same content from another file still gets written: the record now belongs to that file.
    did = db_.replace_document(term, o.doc);
    ++(same_content ? sum_.unchanged : sum_.replaced);
  } else {
    mark_duplicate(0);
    did = bulk_ ? ++bulk_last_did_ : db_.add_document(o.doc);
    fresh = true;
    ++sum_.added;
    if (!hash.empty()) {
      auto it = originals_.find(hash);
      if (it != originals_.end() && it->second.first == 0) it->second = {did, o.id};
    }
  }
  written_.emplace(term, std::make_pair(did, hash));
  if (opt_.prune) file_docids_.push_back(did);
  max_issuers_ = std::max<unsigned>(max_issuers_, static_cast<unsigned>(o.issuers));
  max_topics_ = std::max<unsigned>(max_topics_, static_cast<unsigned>(o.topics));
  if (bulk_ && fresh) {
    // Its spelling words are counted by the segment's writer thread.
    bulk_->add(did, std::move(o.doc));
  } else if (opt_.spelling) {
    add_spelling(o.doc);
  }
  if (++since_commit_ >= opt_.batch_size) commit();
}

void Writer::end_of_file(const Outcome& o) {
  const FileContext& f = *o.file;
  if (!f.key.empty() && file_rejected_ == 0) {
    FileRecord r{f.absolute, f.size, f.mtime_ns, f.fingerprint, file_records_seen_};
    std::string value = file_record_json(r);
    std::string key = meta_key(f.key);
    if (read_snapshot([&] { return snapshot_.get_metadata(key); }) != value)
      db_.set_metadata(key, value);
    if (opt_.prune && read_snapshot([&] { return snapshot_.term_exists(file_term(f.key)); }))
      stale_checks_.emplace_back(f.key, std::move(file_docids_));
  }
  file_rejected_ = 0;
  file_records_seen_ = 0;
  file_docids_.clear();
}

// Spelling data for later suggestions: the unprefixed (lower-case) words of the document.
void Writer::add_spelling(const Xapian::Document& doc) { count_spelling_words(doc, spelling_); }

void Writer::finish(bool prune, const std::vector<std::string>& roots) {
  commit();
  prune_and_refold(db_, prune, roots);
}

void Writer::finish_bulk(Xapian::WritableDatabase& merged, bool prune,
                         const std::vector<std::string>& roots) {
  prune_and_refold(merged, prune, roots);
  merged.commit();
}

void Writer::prune_and_refold(Xapian::WritableDatabase& db, bool prune,
                              const std::vector<std::string>& roots) {
  // The single writer's commit also flushes spelling words and follows with the snapshot.
  auto save = [&] {
    if (&db == &db_) {
      commit();
    } else {
      db.commit();
    }
  };
  if (prune && !sum_.interrupted) {
    // Reading the committed database: no pending changes to merge.
    auto remove = [&](Xapian::docid did) {
      refold_.insert(db.get_document(did).get_value(schema::kSlotBodyHash));
      db.delete_document(did);
      ++sum_.pruned;
    };
    for (const auto& [key, rec] : file_records_) {
      std::error_code ec;
      if (!under(rec.path, roots) || std::filesystem::exists(rec.path, ec) || ec) continue;
      const std::string term = file_term(key);
      std::vector<Xapian::docid> dids;
      for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it)
        dids.push_back(*it);
      for (auto did : dids) remove(did);
      db.set_metadata(meta_key(key), "");
      diag_ << rec.path << ": note: the file is gone; " << dids.size() << " record(s) pruned\n";
    }
    for (auto& [key, kept] : stale_checks_) {
      std::sort(kept.begin(), kept.end());
      const std::string term = file_term(key);
      std::vector<Xapian::docid> stale;
      for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it)
        if (!std::binary_search(kept.begin(), kept.end(), *it)) stale.push_back(*it);
      auto rec = file_records_.find(key);
      for (auto did : stale) {
        diag_ << (rec != file_records_.end() ? rec->second.path : std::string("pressroom-index"))
              << ": note: record \"" << record_id_of(db.get_document(did))
              << "\" is no longer in the file; pruned\n";
        remove(did);
      }
    }
    save();
  }
  refold_.erase(std::string());
  if (!refold_.empty() && refold_duplicates(db, refold_) > 0) save();
}

}  // namespace pressroom::indexer
