#include "pressroom/record.h"

#include <xapian.h>

#include <unordered_set>

#include "pressroom/schema.h"

namespace pressroom {

namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool is_hspace(std::string_view s, size_t i, size_t* len) {
  char c = s[i];
  if (c == ' ' || c == '\t' || c == '\f' || c == '\v') {
    *len = 1;
    return true;
  }
  // U+00A0 no-break space, U+2002..U+200B spaces, U+202F, U+3000
  if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < s.size() &&
      static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    *len = 2;
    return true;
  }
  if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < s.size()) {
    auto b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
    if ((b1 == 0x80 && b2 >= 0x82 && b2 <= 0x8B) || (b1 == 0x80 && b2 == 0xAF)) {
      *len = 3;
      return true;
    }
  }
  if (static_cast<unsigned char>(c) == 0xE3 && i + 2 < s.size() &&
      static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      static_cast<unsigned char>(s[i + 2]) == 0x80) {
    *len = 3;
    return true;
  }
  return false;
}

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
    return clean_text(repair_utf8(it->get_ref<const std::string&>()), keep_newlines);
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
    std::string v = clean_text(repair_utf8(r), false);
    if (v.empty()) continue;
    if (seen.insert(fold_case(v)).second) out.push_back(std::move(v));
  }
  return out;
}

}  // namespace

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is invalid (RFC 3629:
// no overlongs, no surrogates, nothing above U+10FFFF).
size_t valid_utf8_len(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  auto cont = [&](size_t k) { return i + k < s.size() && (b(k) & 0xC0) == 0x80; };
  unsigned char c = b(0);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;   // overlong
    if (c == 0xED && b(1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && b(1) < 0x90) return 0;   // overlong
    if (c == 0xF4 && b(1) >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

std::string repair_utf8(std::string_view in, bool* repaired) {
  std::string out;
  out.reserve(in.size());
  bool any = false;
  for (size_t i = 0; i < in.size();) {
    size_t n = valid_utf8_len(in, i);
    if (n == 0) {
      out += kReplacement;
      any = true;
      ++i;
      continue;
    }
    auto c = static_cast<unsigned char>(in[i]);
    if (n == 1 && (c < 0x20 || c == 0x7F) && c != '\n' && c != '\t' && c != '\r') {
      any = true;  // control characters (NUL included) are dropped
      ++i;
      continue;
    }
    out.append(in.substr(i, n));
    i += n;
  }
  if (repaired) *repaired = any;
  return out;
}

std::string clean_text(std::string_view in, bool keep_newlines) {
  std::string out;
  out.reserve(in.size());
  bool pending_space = false;
  int pending_newlines = 0;
  for (size_t i = 0; i < in.size();) {
    size_t len = 1;
    char c = in[i];
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < in.size() && in[i + 1] == '\n') ++i;
      ++i;
      if (keep_newlines) {
        ++pending_newlines;
        pending_space = false;
      } else {
        pending_space = true;
      }
      continue;
    }
    if (is_hspace(in, i, &len)) {
      i += len;
      if (pending_newlines == 0) pending_space = true;
      continue;
    }
    if (!out.empty()) {
      if (pending_newlines > 0) {
        out += pending_newlines > 1 ? "\n\n" : "\n";
      } else if (pending_space) {
        out += ' ';
      }
    }
    pending_space = false;
    pending_newlines = 0;
    out += c;
    ++i;
  }
  return out;
}

std::string fold_case(std::string_view s) { return Xapian::Unicode::tolower(std::string(s)); }

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
    std::string text;
    if (it->is_string()) {
      text = clean_text(repair_utf8(it->get_ref<const std::string&>()), false);
    } else if (it->is_number_integer()) {
      text = it->dump();
    } else {
      return field_error("date", std::string("expected a string, got ") + it->type_name());
    }
    if (!text.empty()) {
      auto d = parse_date(text);
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
  r.language = r.language.empty() ? "en" : fold_case(r.language);

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
