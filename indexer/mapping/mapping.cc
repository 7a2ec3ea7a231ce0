#include "mapping/mapping.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "formats/formats.h"
#include "pressroom/document_builder.h"
#include "pressroom/text.h"

namespace pressroom::indexer {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

using text::trim;

// Scalar JSON -> text (numbers without quotes); null for null/absent.
std::optional<std::string> scalar_text(const json& v) {
  if (v.is_null()) return std::nullopt;
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer() || v.is_number_float() || v.is_boolean()) return v.dump();
  return std::nullopt;
}

std::string hash_hex(const std::string& text) {
  return body_hash(text);  // FNV-1a 64, hex; stable across runs and machines
}

}  // namespace

namespace {

using text::lower_ascii;

// "links[text~=Source]": the first element of the array `links` that is an object whose `text`
// contains "Source" (ASCII case ignored); "[text=Source]" wants the whole value, case ignored.
// nullptr when `part` is no selector or nothing matches.
const json* select_element(const json& cur, const std::string& part) {
  const size_t open = part.find('[');
  if (open == std::string::npos || part.back() != ']') return nullptr;
  const json* list = &cur;
  if (open > 0) {
    if (!cur.is_object()) return nullptr;
    auto it = cur.find(part.substr(0, open));
    if (it == cur.end()) return nullptr;
    list = &*it;
  }
  if (!list->is_array()) return nullptr;
  const std::string cond = part.substr(open + 1, part.size() - open - 2);
  const size_t eq = cond.find('=');
  if (eq == std::string::npos || eq == 0) return nullptr;
  const bool contains = cond[eq - 1] == '~';
  const std::string key = cond.substr(0, contains ? eq - 1 : eq);
  const std::string want = lower_ascii(trim(cond.substr(eq + 1)));
  for (const auto& e : *list) {
    if (!e.is_object()) continue;
    auto v = e.find(key);
    auto text = v != e.end() ? scalar_text(*v) : std::nullopt;
    if (!text) continue;
    const std::string have = lower_ascii(trim(*text));
    if (contains ? have.find(want) != std::string::npos : have == want) return &e;
  }
  return nullptr;
}

// The next '.' of a path at or after `from` that is not inside a [...] selector.
size_t next_dot(const std::string& path, size_t from) {
  int depth = 0;
  for (size_t i = from; i < path.size(); ++i) {
    if (path[i] == '[') ++depth;
    if (path[i] == ']' && depth > 0) --depth;
    if (path[i] == '.' && depth == 0) return i;
  }
  return std::string::npos;
}

}  // namespace

const json* lookup_path(const json& obj, const std::string& path) {
  if (!obj.is_object()) return nullptr;
  if (auto it = obj.find(path); it != obj.end()) return &*it;
  const json* cur = &obj;
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = next_dot(path, start);
    std::string part =
        path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (cur->is_object() && cur->contains(part)) {
      cur = &*cur->find(part);
    } else if (const json* sel = select_element(*cur, part)) {
      cur = sel;
    } else if (cur->is_array() && !part.empty() &&
               part.find_first_not_of("0123456789") == std::string::npos) {
      // Digits only, but possibly more than any index (stoul would throw out_of_range, found by
      // fuzz_mapping): an index past the array's end names nothing.
      const size_t first = std::min(part.find_first_not_of('0'), part.size() - 1);
      if (part.size() - first > 9) return nullptr;
      const size_t idx = std::stoul(part.substr(first));
      if (idx >= cur->size()) return nullptr;
      cur = &(*cur)[idx];
    } else {
      return nullptr;
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return cur;
}

namespace {

// Format parts after a template field's name, each after a ':': "05" pads with zeros to width
// 5, "+1" / "-1" adds an integer offset (for archives that number from 1 in one file and 0 in
// another).
struct TemplateFormat {
  int width = 0;
  long offset = 0;
  bool has_offset = false;
};

Result<TemplateFormat> parse_template_format(const std::string& tmpl, const std::string& specs) {
  constexpr int kMaxTemplateWidth = 64;
  TemplateFormat f;
  size_t start = 0;
  while (start <= specs.size()) {
    size_t end = specs.find(':', start);
    std::string spec =
        specs.substr(start, end == std::string::npos ? std::string::npos : end - start);
    bool sign = !spec.empty() && (spec[0] == '+' || spec[0] == '-');
    std::string digits = sign ? spec.substr(1) : spec;
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos ||
        digits.size() > 9)
      return make_error(ErrorCode::kInvalidMapping,
                        "template \"" + tmpl + "\": format '" + spec +
                            "' is neither a width like 05 nor an offset like +1");
    if (sign) {
      f.offset = std::stol(digits) * (spec[0] == '-' ? -1 : 1);
      f.has_offset = true;
    } else {
      f.width = std::stoi(digits);
      // A width pads an id or a file number; a huge one only allocates (a 700 MB string
      // from one mapping line, found by fuzz_mapping).
      if (f.width > kMaxTemplateWidth)
        return make_error(ErrorCode::kInvalidMapping, "template \"" + tmpl + "\": width " + digits +
                                                          " is over the limit of " +
                                                          std::to_string(kMaxTemplateWidth));
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return f;
}

// A field's value with its offset added and padded to its width.
Result<std::string> apply_template_format(const TemplateFormat& f, const std::string& name,
                                          std::string t) {
  if (f.has_offset) {
    if (t.empty() || t.find_first_not_of("0123456789") != std::string::npos || t.size() > 15)
      return make_error(ErrorCode::kInvalidRecord, "template offset needs a whole number in '" +
                                                       name + "', found \"" + t + "\"");
    t = std::to_string(std::stol(t) + f.offset);
  }
  if (f.width > 0 && static_cast<int>(t.size()) < f.width)
    t.insert(0, static_cast<size_t>(f.width) - t.size(), '0');
  return t;
}

}  // namespace

Result<std::string> render_template(const std::string& tmpl, const json& obj) {
  return render_template(tmpl, [&](const std::string& name) { return lookup_path(obj, name); });
}

Result<std::string> render_template(const std::string& tmpl, const LookupFn& lookup) {
  std::string out;
  for (size_t i = 0; i < tmpl.size(); ++i) {
    char c = tmpl[i];
    if (c == '{' && i + 1 < tmpl.size() && tmpl[i + 1] == '{') {
      out += '{';
      ++i;
      continue;
    }
    if (c == '}' && i + 1 < tmpl.size() && tmpl[i + 1] == '}') {
      out += '}';
      ++i;
      continue;
    }
    if (c != '{') {
      out += c;
      continue;
    }
    size_t close = tmpl.find('}', i);
    if (close == std::string::npos)
      return make_error(ErrorCode::kInvalidMapping,
                        "template \"" + tmpl + "\" has an unclosed '{'");
    std::string name = tmpl.substr(i + 1, close - i - 1);
    TemplateFormat fmt;
    if (auto colon = name.find(':'); colon != std::string::npos) {
      auto parsed = parse_template_format(tmpl, name.substr(colon + 1));
      if (!parsed) return parsed.error();
      fmt = *parsed;
      name.resize(colon);
    }
    // "{name?}": an optional value, empty when missing.
    const bool optional = !name.empty() && name.back() == '?';
    if (optional) name.pop_back();
    const json* v = lookup(name);
    auto text = v ? scalar_text(*v) : std::nullopt;
    if (!text && optional) {
      i = close;
      continue;
    }
    if (!text)
      return make_error(ErrorCode::kInvalidRecord,
                        "template needs '" + name + "', which is missing");
    auto t = apply_template_format(fmt, name, trim(*text));
    if (!t) return t.error();
    out += *t;
    i = close;
  }
  return out;
}

std::vector<std::string> Mapping::unmatched_rewrites() const {
  std::vector<std::string> out;
  for (const auto& spec : fields_)
    for (const auto& rw : spec.replace)
      if (rw.values_tried() > 0 && rw.values_matched() == 0)
        out.push_back("fields." + spec.target + ": replace pattern \"" + rw.pattern() +
                      "\" never matched (" + std::to_string(rw.values_tried()) + " value(s))");
  return out;
}

Result<std::shared_ptr<const PreparedMapping>> Mapping::prepare(
    const fs::path& input_dir, const std::optional<fs::path>& file_root) const {
  auto p = std::make_shared<PreparedMapping>();
  p->mapping_ = this;
  if (file_root) {
    p->file_root_ = *file_root;
  } else if (file_root_) {
    p->file_root_ = file_root_->is_absolute() ? *file_root_ : mapping_dir_ / *file_root_;
  } else {
    p->file_root_ = input_dir;
  }
  for (const auto& j : joins_) {
    fs::path path = fs::path(j.file).is_absolute() ? fs::path(j.file) : input_dir / j.file;
    std::ifstream f(path, std::ios::binary);
    if (!f) return make_error(ErrorCode::kIoError, "cannot read join file " + path.string());
    std::vector<RawItem> errors;
    char delim = path.extension() == ".tsv" ? '\t' : ',';
    auto rows = read_csv_rows(f, path.string(), delim, &errors);
    if (!errors.empty())
      return make_error(ErrorCode::kInvalidInput,
                        errors.front().location + ": error: " + errors.front().error->message);
    std::map<std::string, json> index;
    for (auto& row : rows) {
      const json* k = lookup_path(row, j.key);
      auto kt = k ? scalar_text(*k) : std::nullopt;
      if (kt) index.emplace(trim(*kt), std::move(row));
    }
    p->join_rows_.push_back(std::move(index));
  }
  return std::shared_ptr<const PreparedMapping>(std::move(p));
}

namespace {

// Canonical fields that hold one string; a list given for one of them is joined.
bool single_valued(const std::string& target) {
  return target == "id" || target == "date" || target == "title" || target == "body" ||
         target == "url" || target == "language" || target == "source";
}

// A path-pattern name that fills a canonical field: "issuer" -> "issuers".
std::optional<std::string> canonical_of_capture(const std::string& name) {
  if (name == "issuer" || name == "issuers") return std::string("issuers");
  if (name == "topic" || name == "topics") return std::string("topics");
  if (single_valued(name) && name != "body") return name;
  return std::nullopt;
}

}  // namespace

namespace {

// The identity mapping: the record as given, "a; b" lists of issuers and topics split.
json identity_record(const json& raw) {
  json out = raw;
  for (const char* f : {"issuers", "topics"}) {
    auto it = out.find(f);
    if (it == out.end() || !it->is_string()) continue;
    json list = json::array();
    std::string s = it->get<std::string>();
    size_t start = 0;
    while (start <= s.size()) {
      size_t semi = s.find(';', start);
      list.push_back(
          trim(s.substr(start, semi == std::string::npos ? std::string::npos : semi - start)));
      if (semi == std::string::npos) break;
      start = semi + 1;
    }
    *it = std::move(list);
  }
  return out;
}

// Where a mapping looks names up: the source object, then the item's context, then the file's
// values (path-pattern names also without "path.": "{issuer}" for "{path.issuer}").
class Sources {
 public:
  Sources(const json& src, const MappingContext& ctx) : src_(&src), ctx_(ctx) {}
  void use(const json& src) { src_ = &src; }

  const json* find(const std::string& name) const {
    if (const json* v = lookup_path(*src_, name)) return v;
    if (ctx_.item)
      if (const json* v = lookup_path(*ctx_.item, name)) return v;
    if (ctx_.file) {
      if (const json* v = lookup_path(*ctx_.file, name)) return v;
      if (auto p = ctx_.file->find("path"); p != ctx_.file->end())
        if (const json* v = lookup_path(*p, name)) return v;
    }
    return nullptr;
  }
  [[nodiscard]] LookupFn lookup() const {
    return [this](const std::string& name) { return find(name); };
  }

 private:
  const json* src_;
  const MappingContext& ctx_;
};

// Adds the fields of each join's matching row to `merged` (the primary's fields win).
Result<void> add_joined_rows(const std::vector<JoinSpec>& joins,
                             const std::vector<std::map<std::string, json>>& join_rows,
                             const Sources& sources, json& merged) {
  for (size_t i = 0; i < joins.size(); ++i) {
    const auto& js = joins[i];
    std::optional<std::string> on_text;
    if (js.on.find('{') != std::string::npos) {
      auto t = render_template(js.on, sources.lookup());
      // An optional join whose key cannot be made (`"member": null`) joins nothing.
      if (!t && (js.required || t.error().code != ErrorCode::kInvalidRecord))
        return make_error(ErrorCode::kInvalidRecord,
                          "join on " + js.file + ": " + t.error().message);
      if (t) on_text = t.value();
    } else if (const json* on = sources.find(js.on)) {
      on_text = scalar_text(*on);
    }
    auto it = on_text ? join_rows[i].find(trim(*on_text)) : join_rows[i].end();
    if (it == join_rows[i].end()) {
      if (js.required)
        return make_error(ErrorCode::kInvalidRecord,
                          "no row in " + js.file + " with " + js.key + " = \"" +
                              (on_text ? trim(*on_text) : std::string()) + "\"",
                          js.on);
      continue;
    }
    for (auto f = it->second.begin(); f != it->second.end(); ++f)
      if (!merged.contains(f.key())) merged[f.key()] = f.value();
  }
  return {};
}

Error field_error(const FieldSpec& spec, const std::string& msg) {
  return make_error(ErrorCode::kInvalidRecord, "field '" + spec.target + "': " + msg, spec.target);
}

// from: the first of the names that is set (not null, blank or an empty list).
json first_set_value(const FieldSpec& spec, const Sources& sources,
                     std::set<std::string>& used_sources) {
  const std::vector<std::string> one = {spec.arg};
  for (const auto& name : spec.from_any.empty() ? one : spec.from_any) {
    used_sources.insert(name);
    const json* v = sources.find(name);
    if (!v || v->is_null() || (v->is_string() && trim(v->get<std::string>()).empty()) ||
        (v->is_array() && v->empty()))
      continue;
    return *v;
  }
  return nullptr;
}

// from_all: every value of every name that is set, lists flattened, in order; repeats are
// dropped after cleaning (clean_value).
json all_values(const FieldSpec& spec, const Sources& sources,
                std::set<std::string>& used_sources) {
  json value = json::array();
  for (const auto& name : spec.from_any) {
    used_sources.insert(name);
    const json* v = sources.find(name);
    if (!v || v->is_null()) continue;
    if (v->is_array()) {
      for (const auto& e : *v) value.push_back(e);
    } else {
      value.push_back(*v);
    }
  }
  return value;
}

// file: the text of the file the template names, under the file root.
Result<json> file_value(const FieldSpec& spec, const Sources& sources, const fs::path& file_root) {
  auto t = render_template(spec.arg, sources.lookup());
  if (!t && spec.default_value && t.error().code == ErrorCode::kInvalidRecord) return json();
  if (!t) return field_error(spec, t.error().message);
  fs::path path = file_root / t.value();
  std::ifstream f(path, std::ios::binary);
  if (!f) return field_error(spec, "file " + t.value() + " not found under " + file_root.string());
  std::stringstream ss;
  ss << f.rdbuf();
  return json(text::repair_utf8(ss.str()));
}

json hash_value(const FieldSpec& spec, const Sources& sources) {
  std::string joined;
  for (const auto& h : spec.hash_of) {
    const json* v = sources.find(h);
    auto t = v ? scalar_text(*v) : std::nullopt;
    joined += t.value_or("");
    joined += '\x1f';
  }
  return hash_hex(joined);
}

// A field's value as its source gives it (null = empty), before cleaning.
Result<json> source_value(const FieldSpec& spec, const Sources& sources, const MappingContext& ctx,
                          const fs::path& file_root, std::set<std::string>& used_sources) {
  switch (spec.kind) {
    case FieldSpec::Kind::kFrom:
      return first_set_value(spec, sources, used_sources);
    case FieldSpec::Kind::kFromAll:
      return all_values(spec, sources, used_sources);
    case FieldSpec::Kind::kTemplate: {
      auto t = render_template(spec.arg, sources.lookup());
      if (!t && !(spec.default_value && t.error().code == ErrorCode::kInvalidRecord))
        return field_error(spec, t.error().message);
      return t ? json(t.value()) : json();  // else empty: the default applies
    }
    case FieldSpec::Kind::kValue:
      return spec.constant;
    case FieldSpec::Kind::kFile:
      return file_value(spec, sources, file_root);
    case FieldSpec::Kind::kHash:
      return hash_value(spec, sources);
    case FieldSpec::Kind::kXPath: {
      const json* sel = ctx.item ? lookup_path(*ctx.item, "select") : nullptr;
      if (sel && sel->is_array() && spec.select_index < sel->size())
        return (*sel)[spec.select_index];
      return json();
    }
  }
  return json();
}

// The field's replace rules, in order, on a string value.
Result<void> rewrite(const FieldSpec& spec, json& value) {
  if (!value.is_string() || spec.replace.empty()) return {};
  std::string s = value.get<std::string>();
  for (const auto& rw : spec.replace) {
    auto rewritten = rw.apply(s);
    if (!rewritten) return field_error(spec, rewritten.error().message);
    s = std::move(rewritten).value();
  }
  value = s;
  return {};
}

// Normalising of strings: trimmed, suffix-stripped, split, and null values dropped.
class Cleaner {
 public:
  Cleaner(const FieldSpec& spec, const std::vector<std::string>& nulls)
      : spec_(spec), nulls_(nulls) {}

  [[nodiscard]] bool is_null(const std::string& s) const {
    return std::find(nulls_.begin(), nulls_.end(), s) != nulls_.end();
  }

  [[nodiscard]] std::optional<std::string> clean_one(std::string s) const {
    s = trim(s);
    if (is_null(s)) return std::nullopt;
    const std::string& suffix = spec_.strip_suffix;
    while (!suffix.empty() && s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), std::string::npos, suffix) == 0) {
      s = trim(s.substr(0, s.size() - suffix.size()));
    }
    if (s.empty() || is_null(s)) return std::nullopt;
    return s;
  }

  // The cleaned parts of `s` split at the field's separator, appended to `list`.
  void split_into(const std::string& s, json& list) const {
    size_t start = 0;
    while (start <= s.size()) {
      size_t pos = s.find(spec_.split, start);
      auto part =
          clean_one(s.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
      if (part) list.push_back(*part);
      if (pos == std::string::npos) break;
      start = pos + spec_.split.size();
    }
  }

 private:
  const FieldSpec& spec_;
  const std::vector<std::string>& nulls_;
};

json clean_string(const FieldSpec& spec, const Cleaner& cleaner, const std::string& s) {
  if (spec.split.empty()) {
    auto c = cleaner.clean_one(s);
    return c ? json(*c) : json(nullptr);
  }
  json list = json::array();
  if (!cleaner.is_null(trim(s))) cleaner.split_into(s, list);
  return list;
}

json clean_list(const FieldSpec& spec, const Cleaner& cleaner, const json& value) {
  json list = json::array();
  for (const auto& item : value) {
    if (item.is_string()) {
      if (!spec.split.empty()) {
        cleaner.split_into(item.get<std::string>(), list);
      } else if (auto c = cleaner.clean_one(item.get<std::string>())) {
        list.push_back(*c);
      }
    } else if (!item.is_null()) {
      list.push_back(item);
    }
  }
  if (spec.kind == FieldSpec::Kind::kFromAll) {
    json unique = json::array();
    for (auto& item : list)
      if (std::find(unique.begin(), unique.end(), item) == unique.end())
        unique.push_back(std::move(item));
    list = std::move(unique);
  }
  return list;
}

// Lists for one-string fields: joined (several paragraphs of a body, say).
void join_list(const FieldSpec& spec, json& value) {
  if (!value.is_array()) return;
  bool all_strings =
      std::all_of(value.begin(), value.end(), [](const json& v) { return v.is_string(); });
  std::optional<std::string> sep = spec.join;
  if (!sep && single_valued(spec.target)) sep = spec.target == "body" ? "\n\n" : " ";
  if (sep && all_strings) {
    std::string joined;
    for (const auto& v : value) {
      if (!joined.empty()) joined += *sep;
      joined += v.get<std::string>();
    }
    value = joined.empty() ? json(nullptr) : json(joined);
  } else if (!sep && value.size() == 1 && spec.kind == FieldSpec::Kind::kXPath &&
             spec.split.empty() && spec.target != "issuers" && spec.target != "topics") {
    value = json(value.front());  // one node for an extra field: a string, not a list
  }
}

// Path-pattern values named after canonical fields fill what [fields] left empty.
void add_path_captures(const MappingContext& ctx, json& out) {
  if (!ctx.file) return;
  const json* path = lookup_path(*ctx.file, "path");
  if (!path || !path->is_object()) return;
  for (auto it = path->begin(); it != path->end(); ++it) {
    auto target = canonical_of_capture(it.key());
    if (!target || out.contains(*target) || !it->is_string()) continue;
    if (*target == "issuers" || *target == "topics") {
      out[*target] = json::array({*it});
    } else {
      out[*target] = *it;
    }
  }
}

// One field of the record: its source's value, rewritten, cleaned, joined, defaulted; null when
// it stays empty.
Result<json> field_value(const FieldSpec& spec, const Sources& sources, const MappingContext& ctx,
                         const fs::path& file_root, const std::vector<std::string>& mapping_nulls,
                         std::set<std::string>& used_sources, std::vector<std::string>* warnings) {
  auto source = source_value(spec, sources, ctx, file_root, used_sources);
  if (!source) return source.error();
  json value = std::move(source.value());
  const bool had_text = (value.is_string() && !trim(value.get<std::string>()).empty());
  if (auto r = rewrite(spec, value); !r) return r.error();
  const Cleaner cleaner(spec, spec.null_values ? *spec.null_values : mapping_nulls);
  if (value.is_string()) {
    value = clean_string(spec, cleaner, value.get<std::string>());
  } else if (value.is_array()) {
    value = clean_list(spec, cleaner, value);
  }
  join_list(spec, value);
  bool empty = value.is_null() || (value.is_array() && value.empty());
  if (empty && had_text && spec.target == "body" && warnings)
    warnings->push_back("field 'body': only a placeholder (a null value); indexed without a body");
  if (empty && spec.default_value) value = *spec.default_value, empty = false;
  if (empty && spec.required)
    return field_error(spec, "is empty or missing, and the mapping requires it");
  return empty ? json() : value;
}

}  // namespace

Result<json> PreparedMapping::apply(const json& raw, const MappingContext& ctx,
                                    std::vector<std::string>* warnings) const {
  const Mapping& m = *mapping_;
  if (m.identity_) return identity_record(raw);

  // The source object, with joined rows' fields added.
  Sources sources(raw, ctx);
  json merged;
  if (!m.joins_.empty()) {
    merged = raw;
    if (auto r = add_joined_rows(m.joins_, join_rows_, sources, merged); !r) return r.error();
    sources.use(merged);
  }

  json out = json::object();
  std::set<std::string> used_sources;
  for (const auto& spec : m.fields_) {
    auto value =
        field_value(spec, sources, ctx, file_root_, m.null_values_, used_sources, warnings);
    if (!value) return value.error();
    if (!value->is_null()) out[spec.target] = std::move(value.value());
  }
  add_path_captures(ctx, out);
  if (m.keep_unmapped_.value_or(ctx.document)) {
    for (auto it = raw.begin(); it != raw.end(); ++it)
      if (!used_sources.count(it.key()) && !out.contains(it.key())) out[it.key()] = it.value();
  }
  return out;
}

}  // namespace pressroom::indexer
