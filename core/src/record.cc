#include "pressroom/record.h"

#include <unordered_set>

#include "pressroom/schema.h"
#include "pressroom/text.h"

namespace pressroom {

namespace {

Error field_error(const std::string& field, const std::string& message) {
  return make_error(ErrorCode::kInvalidRecord, "field '" + field + "': " + message, field);
}

const char* json_type_name(const nlohmann::ordered_json& v) { return v.type_name(); }

// Optional string field: absent or null -> "", string -> cleaned; numbers accepted for ids.
Result<std::string> string_field(const nlohmann::ordered_json& j, const char* name,
                                 bool keep_newlines, bool allow_number = false) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) return std::string();
  if (it->is_string())
    return text::clean_text(text::repair_utf8(it->get_ref<const std::string&>()), keep_newlines);
  if (allow_number && it->is_number_integer()) return it->dump();
  return field_error(name, std::string("expected a string, got ") + json_type_name(*it));
}

Result<std::vector<std::string>> list_field(const nlohmann::ordered_json& j, const char* name) {
  std::vector<std::string> out;
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) return out;
  std::vector<std::string> raw;
  if (it->is_string()) {
    raw.push_back(it->get<std::string>());
  } else if (it->is_array()) {
    for (const auto& v : *it) {
      if (v.is_null()) continue;
      if (!v.is_string())
        return field_error(name, std::string("expected a list of strings, found ") +
                                     json_type_name(v) + " in the list");
      raw.push_back(v.get<std::string>());
    }
  } else {
    return field_error(
        name, std::string("expected a string or a list of strings, got ") + json_type_name(*it));
  }
  std::unordered_set<std::string> seen;
  for (const auto& r : raw) {
    std::string v = text::clean_text(text::repair_utf8(r), false);
    if (v.empty()) continue;
    if (seen.insert(text::fold_case(v)).second) out.push_back(std::move(v));
  }
  return out;
}

}  // namespace

Result<Record> record_from_json(const nlohmann::ordered_json& j) {
  if (!j.is_object())
    return make_error(ErrorCode::kInvalidRecord,
                      std::string("expected a JSON object, got ") + j.type_name());
  Record r;

  auto id = string_field(j, "id", false, true);
  if (!id) return id.error();
  r.id = std::move(id.value());
  if (r.id.empty())
    return field_error("id", "missing id (give an id, or derive one in the mapping)");
  if (r.id.size() > schema::kMaxIdBytes)
    return field_error("id", "id is " + std::to_string(r.id.size()) + " bytes long; at most " +
                                 std::to_string(schema::kMaxIdBytes) + " are allowed");

  if (auto it = j.find("date"); it != j.end() && !it->is_null()) {
    std::string date_text;
    if (it->is_string()) {
      date_text = text::clean_text(text::repair_utf8(it->get_ref<const std::string&>()), false);
    } else if (it->is_number_integer()) {
      date_text = it->dump();
    } else {
      return field_error("date", std::string("expected a string, got ") + it->type_name());
    }
    if (!date_text.empty()) {
      auto d = parse_date(date_text);
      if (!d) return field_error("date", d.error().message);
      r.date = d.value();
    }
  }

  auto issuers = list_field(j, "issuers");
  if (!issuers) return issuers.error();
  r.issuers = std::move(issuers.value());
  if (r.issuers.size() > schema::kMaxIssuerSlots)
    return field_error("issuers", std::to_string(r.issuers.size()) + " issuers; at most " +
                                      std::to_string(schema::kMaxIssuerSlots) + " are allowed");
  auto topics = list_field(j, "topics");
  if (!topics) return topics.error();
  r.topics = std::move(topics.value());
  if (r.topics.size() > schema::kMaxTopicSlots)
    return field_error("topics", std::to_string(r.topics.size()) + " topics; at most " +
                                     std::to_string(schema::kMaxTopicSlots) + " are allowed");

  struct Text {
    const char* name;
    std::string* dest;
    bool newlines;
  };
  for (const Text& t :
       {Text{"title", &r.title, false}, Text{"body", &r.body, true}, Text{"url", &r.url, false},
        Text{"language", &r.language, false}, Text{"source", &r.source, false}}) {
    auto v = string_field(j, t.name, t.newlines);
    if (!v) return v.error();
    *t.dest = std::move(v.value());
  }
  if (r.title.empty() && r.body.empty())
    return field_error("title", "the record has neither a title nor a body");
  r.language = r.language.empty() ? "en" : text::fold_case(r.language);

  static const std::unordered_set<std::string> kKnown = {
      "id", "date", "issuers", "topics", "title", "body", "url", "language", "source"};
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!kKnown.count(it.key())) r.extra[it.key()] = it.value();
  }
  return r;
}

nlohmann::ordered_json record_to_json(const Record& r) {
  nlohmann::ordered_json j;
  j["id"] = r.id;
  if (r.date) j["date"] = r.date->to_iso();
  j["issuers"] = r.issuers;
  j["topics"] = r.topics;
  j["title"] = r.title;
  j["body"] = r.body;
  if (!r.url.empty()) j["url"] = r.url;
  j["language"] = r.language;
  if (!r.source.empty()) j["source"] = r.source;
  for (auto it = r.extra.begin(); it != r.extra.end(); ++it) j[it.key()] = it.value();
  return j;
}

}  // namespace pressroom
