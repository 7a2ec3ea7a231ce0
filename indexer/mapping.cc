#include "mapping.h"

#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "formats.h"
#include "pressroom/document_builder.h"
#include "pressroom/record.h"

namespace pressroom::indexer {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

const std::set<std::string> kFieldKeys = {"from", "template", "value", "file", "hash",
                                          "split", "null_values", "strip_suffix", "default",
                                          "required", "replace"};

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

Result<std::vector<std::string>> string_list(const toml::node& node, const std::string& where) {
  std::vector<std::string> out;
  if (auto s = node.value<std::string>()) {
    out.push_back(*s);
    return out;
  }
  const auto* arr = node.as_array();
  if (!arr) return make_error("invalid_mapping", where + ": expected a string or a list of strings");
  for (const auto& item : *arr) {
    auto s = item.value<std::string>();
    if (!s) return make_error("invalid_mapping", where + ": expected a list of strings");
    out.push_back(*s);
  }
  return out;
}

json toml_to_json(const toml::node& node) {
  if (auto s = node.value<std::string>()) return *s;
  if (auto i = node.value<int64_t>()) return *i;
  if (auto d = node.value<double>()) return *d;
  if (auto b = node.value<bool>()) return *b;
  if (const auto* arr = node.as_array()) {
    json out = json::array();
    for (const auto& item : *arr) out.push_back(toml_to_json(item));
    return out;
  }
  return nullptr;
}

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

const json* lookup_path(const json& obj, const std::string& path) {
  if (!obj.is_object()) return nullptr;
  if (auto it = obj.find(path); it != obj.end()) return &*it;
  const json* cur = &obj;
  size_t start = 0;
  while (start <= path.size()) {
    size_t dot = path.find('.', start);
    std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (cur->is_object()) {
      auto it = cur->find(part);
      if (it == cur->end()) return nullptr;
      cur = &*it;
    } else if (cur->is_array() && !part.empty() &&
               part.find_first_not_of("0123456789") == std::string::npos) {
      size_t idx = std::stoul(part);
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

Result<std::string> render_template(const std::string& tmpl, const json& obj) {
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
      return make_error("invalid_mapping", "template \"" + tmpl + "\" has an unclosed '{'");
    std::string name = tmpl.substr(i + 1, close - i - 1);
    // Format parts after the name, each after a ':': "05" pads with zeros to width 5,
    // "+1" / "-1" adds an integer offset (for archives that number from 1 in one file and 0 in another).
    int width = 0;
    long offset = 0;
    bool has_offset = false;
    if (auto colon = name.find(':'); colon != std::string::npos) {
      std::string specs = name.substr(colon + 1);
      name.resize(colon);
      size_t start = 0;
      while (start <= specs.size()) {
        size_t end = specs.find(':', start);
        std::string spec = specs.substr(start, end == std::string::npos ? std::string::npos : end - start);
        bool sign = !spec.empty() && (spec[0] == '+' || spec[0] == '-');
        std::string digits = sign ? spec.substr(1) : spec;
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9)
          return make_error("invalid_mapping", "template \"" + tmpl + "\": format '" + spec +
                                                   "' is neither a width like 05 nor an offset like +1");
        if (sign) {
          offset = std::stol(digits) * (spec[0] == '-' ? -1 : 1);
          has_offset = true;
        } else {
          width = std::stoi(digits);
        }
        if (end == std::string::npos) break;
        start = end + 1;
      }
    }
    const json* v = lookup_path(obj, name);
    auto text = v ? scalar_text(*v) : std::nullopt;
    if (!text) return make_error("invalid_record", "template needs '" + name + "', which is missing");
    std::string t = trim(*text);
    if (has_offset) {
      if (t.empty() || t.find_first_not_of("0123456789") != std::string::npos || t.size() > 15)
        return make_error("invalid_record", "template offset needs a whole number in '" + name +
                                                "', found \"" + t + "\"");
      t = std::to_string(std::stol(t) + offset);
    }
    if (width > 0 && static_cast<int>(t.size()) < width) t.insert(0, width - t.size(), '0');
    out += t;
    i = close;
  }
  return out;
}

Mapping Mapping::identity() {
  Mapping m;
  m.identity_ = true;
  return m;
}

Result<Mapping> Mapping::from_file(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return make_error("invalid_mapping", "cannot read mapping file " + path.string());
  std::stringstream ss;
  ss << f.rdbuf();
  auto m = from_toml(ss.str(), path.string());
  if (m) m->mapping_dir_ = path.parent_path();
  return m;
}

Result<Mapping> Mapping::from_toml(std::string_view text, const std::string& name) {
  toml::table tbl;
  try {
    tbl = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    const auto& src = e.source();
    return make_error("invalid_mapping", name + ":" + std::to_string(src.begin.line) +
                                             ": " + std::string(e.description()));
  }
  auto err = [&](const std::string& where, const std::string& msg) {
    return make_error("invalid_mapping", name + ": " + where + ": " + msg);
  };
  static const std::set<std::string> kTopKeys = {"format", "delimiter", "null_values",
                                                 "keep_unmapped", "file_root", "fields", "join"};
  for (const auto& [k, v] : tbl) {
    if (!kTopKeys.count(std::string(k.str())))
      return err(std::string(k.str()), "unknown key (known: format, delimiter, null_values, "
                                       "keep_unmapped, file_root, fields, join)");
  }
  Mapping m;
  if (auto f = tbl["format"].value<std::string>()) {
    if (!format_by_name(*f)) return err("format", "unknown format \"" + *f + "\" (known: jsonl, json, csv, tsv)");
    m.format_ = *f;
  }
  if (auto d = tbl["delimiter"].value<std::string>()) {
    std::string dv = *d == "\\t" ? "\t" : *d;
    if (dv.size() != 1) return err("delimiter", "must be one character");
    m.delimiter_ = dv[0];
  }
  if (auto* n = tbl.get("null_values")) {
    auto l = string_list(*n, "null_values");
    if (!l) return make_error("invalid_mapping", name + ": " + l.error().message);
    m.null_values_ = l.value();
  }
  m.keep_unmapped_ = tbl["keep_unmapped"].value_or(false);
  if (auto r = tbl["file_root"].value<std::string>()) m.file_root_ = *r;

  const auto* fields = tbl["fields"].as_table();
  if (!fields) return err("fields", "missing: a mapping needs a [fields] table");
  for (const auto& [key, node] : *fields) {
    std::string where = "fields." + std::string(key.str());
    FieldSpec spec;
    spec.target = std::string(key.str());
    const toml::table* t = node.as_table();
    if (!t) {
      // Shorthand: title = "headline" means from = "headline".
      auto s = node.value<std::string>();
      if (!s) return err(where, "expected a table or a column name");
      spec.arg = *s;
      m.fields_.push_back(std::move(spec));
      continue;
    }
    int kinds = 0;
    for (const auto& [fk, fv] : *t) {
      std::string k(fk.str());
      if (!kFieldKeys.count(k))
        return err(where, "unknown key '" + k +
                              "' (known: from, template, value, file, hash, split, null_values, "
                              "strip_suffix, default, required)");
      if (k == "from" || k == "template" || k == "file") {
        auto s = fv.value<std::string>();
        if (!s) return err(where + "." + k, "expected a string");
        spec.kind = k == "from" ? FieldSpec::Kind::kFrom
                    : k == "template" ? FieldSpec::Kind::kTemplate
                                      : FieldSpec::Kind::kFile;
        spec.arg = *s;
        ++kinds;
      } else if (k == "value") {
        spec.kind = FieldSpec::Kind::kValue;
        spec.constant = toml_to_json(fv);
        ++kinds;
      } else if (k == "hash") {
        auto l = string_list(fv, where + ".hash");
        if (!l) return make_error("invalid_mapping", name + ": " + l.error().message);
        spec.kind = FieldSpec::Kind::kHash;
        spec.hash_of = l.value();
        ++kinds;
      } else if (k == "split") {
        auto s = fv.value<std::string>();
        if (!s || s->empty()) return err(where + ".split", "expected a non-empty string");
        spec.split = *s;
      } else if (k == "null_values") {
        auto l = string_list(fv, where + ".null_values");
        if (!l) return make_error("invalid_mapping", name + ": " + l.error().message);
        spec.null_values = l.value();
      } else if (k == "strip_suffix") {
        spec.strip_suffix = fv.value_or(std::string());
      } else if (k == "replace") {
        const auto* arr = fv.as_array();
        if (!arr) return err(where + ".replace", "expected a list of [pattern, replacement] pairs");
        for (const auto& pair : *arr) {
          const auto* pa = pair.as_array();
          auto pat = pa && pa->size() == 2 ? (*pa)[0].value<std::string>() : std::nullopt;
          auto rep = pa && pa->size() == 2 ? (*pa)[1].value<std::string>() : std::nullopt;
          if (!pat || !rep) return err(where + ".replace", "each entry must be [\"pattern\", \"replacement\"]");
          try {
            spec.replace.emplace_back(std::regex(*pat, std::regex::ECMAScript), *rep);
          } catch (const std::regex_error& e) {
            return err(where + ".replace", "invalid regular expression \"" + *pat + "\": " + e.what());
          }
        }
      } else if (k == "default") {
        spec.default_value = fv.value<std::string>();
      } else if (k == "required") {
        spec.required = fv.value_or(false);
      }
    }
    if (kinds != 1) return err(where, "give exactly one of from, template, value, file, hash");
    m.fields_.push_back(std::move(spec));
  }
  bool has_id = false;
  for (const auto& f : m.fields_) has_id |= f.target == "id";
  if (!has_id) return err("fields.id", "missing: say where the id comes from (a field, a template or a hash)");

  if (auto* joins = tbl["join"].as_array()) {
    for (size_t i = 0; i < joins->size(); ++i) {
      std::string where = "join[" + std::to_string(i) + "]";
      const auto* jt = (*joins)[i].as_table();
      if (!jt) return err(where, "expected a table");
      JoinSpec js;
      auto file = (*jt)["file"].value<std::string>();
      auto key = (*jt)["key"].value<std::string>();
      auto on = (*jt)["on"].value<std::string>();
      if (!file || !key || !on) return err(where, "needs file, key and on");
      js.file = *file;
      js.key = *key;
      js.on = *on;
      js.required = (*jt)["required"].value_or(true);
      m.joins_.push_back(std::move(js));
    }
  }
  return m;
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
    if (!f) return make_error("io_error", "cannot read join file " + path.string());
    std::vector<RawItem> errors;
    char delim = path.extension() == ".tsv" ? '\t' : ',';
    auto rows = read_csv_rows(f, path.string(), delim, &errors);
    if (!errors.empty())
      return make_error("invalid_input", errors.front().location + ": error: " + errors.front().error->message);
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

Result<json> PreparedMapping::apply(const json& raw) const {
  const Mapping& m = *mapping_;
  if (m.identity_) {
    json out = raw;
    for (const char* f : {"issuers", "topics"}) {
      auto it = out.find(f);
      if (it == out.end() || !it->is_string()) continue;
      json list = json::array();
      std::string s = it->get<std::string>();
      size_t start = 0;
      while (start <= s.size()) {
        size_t semi = s.find(';', start);
        list.push_back(trim(s.substr(start, semi == std::string::npos ? std::string::npos : semi - start)));
        if (semi == std::string::npos) break;
        start = semi + 1;
      }
      *it = std::move(list);
    }
    return out;
  }

  // The source object, with joined rows' fields added (the primary's fields win).
  const json* src = &raw;
  json merged;
  if (!m.joins_.empty()) {
    merged = raw;
    for (size_t i = 0; i < m.joins_.size(); ++i) {
      const auto& js = m.joins_[i];
      std::optional<std::string> on_text;
      if (js.on.find('{') != std::string::npos) {
        auto t = render_template(js.on, raw);
        if (!t) return make_error("invalid_record", "join on " + js.file + ": " + t.error().message);
        on_text = t.value();
      } else if (const json* on = lookup_path(raw, js.on)) {
        on_text = scalar_text(*on);
      }
      auto it = on_text ? join_rows_[i].find(trim(*on_text)) : join_rows_[i].end();
      if (it == join_rows_[i].end()) {
        if (js.required)
          return make_error("invalid_record", "no row in " + js.file + " with " + js.key + " = \"" +
                                                  (on_text ? trim(*on_text) : std::string()) + "\"",
                            js.on);
        continue;
      }
      for (auto f = it->second.begin(); f != it->second.end(); ++f)
        if (!merged.contains(f.key())) merged[f.key()] = f.value();
    }
    src = &merged;
  }

  json out = json::object();
  std::set<std::string> used_sources;
  for (const auto& spec : m.fields_) {
    const auto& nulls = spec.null_values ? *spec.null_values : m.null_values_;
    auto is_null = [&](const std::string& s) {
      for (const auto& n : nulls)
        if (s == n) return true;
      return false;
    };
    auto field_err = [&](const std::string& msg) {
      return make_error("invalid_record", "field '" + spec.target + "': " + msg, spec.target);
    };
    json value;  // null = empty
    switch (spec.kind) {
      case FieldSpec::Kind::kFrom: {
        used_sources.insert(spec.arg);
        const json* v = lookup_path(*src, spec.arg);
        if (v) value = *v;
        break;
      }
      case FieldSpec::Kind::kTemplate: {
        auto t = render_template(spec.arg, *src);
        if (!t) return field_err(t.error().message);
        value = t.value();
        break;
      }
      case FieldSpec::Kind::kValue:
        value = spec.constant;
        break;
      case FieldSpec::Kind::kFile: {
        auto t = render_template(spec.arg, *src);
        if (!t) return field_err(t.error().message);
        fs::path path = file_root_ / t.value();
        std::ifstream f(path, std::ios::binary);
        if (!f) return field_err("file " + t.value() + " not found under " + file_root_.string());
        std::stringstream ss;
        ss << f.rdbuf();
        value = repair_utf8(ss.str());
        break;
      }
      case FieldSpec::Kind::kHash: {
        std::string joined;
        for (const auto& h : spec.hash_of) {
          const json* v = lookup_path(*src, h);
          auto t = v ? scalar_text(*v) : std::nullopt;
          joined += t.value_or("");
          joined += '\x1f';
        }
        value = hash_hex(joined);
        break;
      }
    }
    // Normalise: strings are trimmed, suffix-stripped, split, and null values dropped.
    auto clean_one = [&](std::string s) -> std::optional<std::string> {
      s = trim(s);
      if (is_null(s)) return std::nullopt;
      const std::string& suffix = spec.strip_suffix;
      while (!suffix.empty() && s.size() >= suffix.size() &&
             s.compare(s.size() - suffix.size(), std::string::npos, suffix) == 0) {
        s = trim(s.substr(0, s.size() - suffix.size()));
      }
      if (s.empty() || is_null(s)) return std::nullopt;
      return s;
    };
    if (value.is_string() && !spec.replace.empty()) {
      std::string s = value.get<std::string>();
      for (const auto& [re, rep] : spec.replace) s = std::regex_replace(s, re, rep);
      value = s;
    }
    if (value.is_string()) {
      if (!spec.split.empty()) {
        json list = json::array();
        std::string s = value.get<std::string>();
        if (!is_null(trim(s))) {
          size_t start = 0;
          while (start <= s.size()) {
            size_t pos = s.find(spec.split, start);
            auto part = clean_one(s.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
            if (part) list.push_back(*part);
            if (pos == std::string::npos) break;
            start = pos + spec.split.size();
          }
        }
        value = std::move(list);
      } else {
        auto c = clean_one(value.get<std::string>());
        value = c ? json(*c) : json(nullptr);
      }
    } else if (value.is_array()) {
      json list = json::array();
      for (const auto& item : value) {
        if (item.is_string()) {
          if (auto c = clean_one(item.get<std::string>())) list.push_back(*c);
        } else if (!item.is_null()) {
          list.push_back(item);
        }
      }
      value = std::move(list);
    }
    bool empty = value.is_null() || (value.is_array() && value.empty());
    if (empty && spec.default_value) value = *spec.default_value, empty = false;
    if (empty && spec.required) return field_err("is empty or missing, and the mapping requires it");
    if (!empty) out[spec.target] = std::move(value);
  }
  if (m.keep_unmapped_) {
    for (auto it = raw.begin(); it != raw.end(); ++it)
      if (!used_sources.count(it.key()) && !out.contains(it.key())) out[it.key()] = it.value();
  }
  return out;
}

}  // namespace pressroom::indexer
