#include "pipeline/duplicates.h"

#include <nlohmann/json.hpp>

#include "pressroom/schema.h"
#include "pressroom/stored_fields.h"

namespace pressroom::indexer {

namespace {

using json = nlohmann::ordered_json;

json data_of(const Xapian::Document& doc) {
  try {
    json j = json::parse(decode_record_data(doc.get_data()));
    if (j.is_object()) return j;
  } catch (const json::exception&) {
    // Not a record: leave it alone.
  }
  return nullptr;
}

std::string string_member(const json& j, std::string_view key) {
  if (!j.is_object()) return {};
  auto it = j.find(std::string(key));
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

bool set_duplicate_of(Xapian::Document& doc, const std::string& original_id) {
  json j = data_of(doc);
  if (!j.is_object()) return false;
  const std::string key(kDuplicateOfField);
  if (string_member(j, key) == original_id && (original_id.empty() == !j.contains(key)))
    return false;
  if (original_id.empty()) {
    j.erase(key);
  } else {
    j[key] = original_id;
  }
  doc.set_data(encode_record_data(j.dump(-1, ' ', false, json::error_handler_t::replace)));
  return true;
}

std::string record_id_of(const Xapian::Document& doc) { return string_member(data_of(doc), "id"); }

std::string duplicate_of(const Xapian::Document& doc) {
  return string_member(data_of(doc), kDuplicateOfField);
}

size_t refold_duplicates(Xapian::WritableDatabase& db, const std::set<std::string>& hashes) {
  size_t rewritten = 0;
  for (const auto& hash : hashes) {
    if (hash.empty()) continue;
    const std::string term = std::string(schema::kPrefixBodyHash) + hash;
    std::vector<Xapian::docid> dids;
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) dids.push_back(*it);
    if (dids.empty()) continue;
    const std::string original = record_id_of(db.get_document(dids.front()));
    for (size_t i = 0; i < dids.size(); ++i) {
      Xapian::Document doc = db.get_document(dids[i]);
      if (set_duplicate_of(doc, i == 0 ? std::string() : original)) {
        db.replace_document(dids[i], doc);
        ++rewritten;
      }
    }
  }
  return rewritten;
}

}  // namespace pressroom::indexer
