// Loading and validating mapping files (Mapping::from_toml); applying them is in mapping.cc.
#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "formats/html_dom.h"
#include "formats/text_decode.h"
#include "mapping/mapping.h"

namespace pressroom::indexer {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

const std::set<std::string> kFieldKeys = {
    "from",  "from_all",    "template",     "value",   "file",     "hash",    "xpath",
    "split", "null_values", "strip_suffix", "default", "required", "replace", "join"};
const std::set<std::string> kTopKeys = {"format",    "delimiter",    "null_values", "keep_unmapped",
                                        "file_root", "fields",       "join",        "include",
                                        "exclude",   "path_pattern", "text",        "html"};
const std::set<std::string> kCanonical = {"id",   "date", "issuers",  "topics", "title",
                                          "body", "url",  "language", "source"};

Result<std::vector<std::string>> string_list(const toml::node& node, const std::string& where) {
  std::vector<std::string> out;
  if (auto s = node.value<std::string>()) {
    out.push_back(*s);
    return out;
  }
  const auto* arr = node.as_array();
  if (!arr)
    return make_error(ErrorCode::kInvalidMapping, where + ": expected a string or a list of strings");
  for (const auto& item : *arr) {
    auto s = item.value<std::string>();
    if (!s) return make_error(ErrorCode::kInvalidMapping, where + ": expected a list of strings");
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

Result<std::vector<Regex>> regex_list(const toml::node& node, const std::string& where) {
  auto l = string_list(node, where);
  if (!l) return l.error();
  std::vector<Regex> out;
  for (const auto& pat : l.value()) {
    auto re = Regex::compile(pat);
    if (!re) return make_error(ErrorCode::kInvalidMapping, where + ": " + re.error().message);
    out.push_back(std::move(re).value());
  }
  return out;
}

}  // namespace

bool is_document_format(std::string_view name) {
  const InputFormat* f = format_by_name(name);
  return f && f->is_document();
}

Mapping Mapping::identity() {
  Mapping m;
  m.identity_ = true;
  return m;
}

Result<Mapping> Mapping::from_file(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return make_error(ErrorCode::kInvalidMapping, "cannot read mapping file " + path.string());
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
    return make_error(ErrorCode::kInvalidMapping, name + ":" + std::to_string(src.begin.line) + ": " +
                                             std::string(e.description()));
  }
  auto err = [&](const std::string& where, const std::string& msg) {
    return make_error(ErrorCode::kInvalidMapping, name + ": " + where + ": " + msg);
  };
  auto nested = [&](const Error& e) {
    return make_error(ErrorCode::kInvalidMapping, name + ": " + e.message);
  };
  for (const auto& [k, v] : tbl) {
    if (!kTopKeys.count(std::string(k.str())))
      return err(std::string(k.str()),
                 "unknown key (known: format, delimiter, null_values, keep_unmapped, file_root, "
                 "include, exclude, path_pattern, fields, join, text, html)");
  }
  Mapping m;
  m.fingerprint_ = fnv1a_hex(text);
  m.name_ = name;
  if (auto f = tbl["format"].value<std::string>()) {
    if (!format_by_name(*f))
      return err("format", "unknown format \"" + *f + "\" (known: " + format_names() + ")");
    m.format_ = *f;
  }
  const bool document = is_document_format(m.format_);
  if (auto d = tbl["delimiter"].value<std::string>()) {
    std::string dv = *d == "\\t" ? "\t" : *d;
    if (dv.size() != 1) return err("delimiter", "must be one character");
    m.delimiter_ = dv[0];
    m.format_options_.delimiter = m.delimiter_;
  }
  if (auto* n = tbl.get("null_values")) {
    auto l = string_list(*n, "null_values");
    if (!l) return nested(l.error());
    m.null_values_ = l.value();
  }
  if (auto k = tbl["keep_unmapped"].value<bool>()) m.keep_unmapped_ = *k;
  if (auto r = tbl["file_root"].value<std::string>()) m.file_root_ = *r;
  for (const char* key : {"include", "exclude"}) {
    if (auto* n = tbl.get(key)) {
      auto l = string_list(*n, key);
      if (!l) return nested(l.error());
      (std::string(key) == "include" ? m.include_ : m.exclude_) = l.value();
    }
  }
  if (auto* n = tbl.get("path_pattern")) {
    auto l = string_list(*n, "path_pattern");
    if (!l) return nested(l.error());
    for (const auto& p : l.value()) {
      auto pp = PathPattern::compile(p);
      if (!pp) return nested(pp.error());
      m.path_patterns_.push_back(std::move(pp.value()));
    }
  }
  if (auto* n = tbl.get("text")) {
    const auto* t = n->as_table();
    if (!t) return err("text", "expected a table ([text])");
    if (m.format_ != "text") return err("text", "line patterns need format = \"text\"");
    auto opts = std::make_shared<TextCaptureOptions>();
    for (const auto& [k, v] : *t) {
      std::string key(k.str());
      std::string where = "text." + key;
      std::vector<Regex>* dest = key == "date_line"     ? &opts->date_lines
                                 : key == "issuer_line" ? &opts->issuer_lines
                                 : key == "title_line"  ? &opts->title_lines
                                 : key == "body_end"    ? &opts->body_end
                                 : key == "drop_line"   ? &opts->drop_lines
                                                        : nullptr;
      if (dest) {
        auto l = regex_list(v, where);
        if (!l) return nested(l.error());
        *dest = std::move(l.value());
      } else if (key == "builtin") {
        auto b = v.value<bool>();
        if (!b) return err(where, "expected true or false");
        opts->builtin = *b;
      } else if (key == "unwrap") {
        if (auto b = v.value<bool>()) {
          opts->unwrap =
              *b ? TextCaptureOptions::Unwrap::kAlways : TextCaptureOptions::Unwrap::kNever;
        } else if (v.value<std::string>() == "auto") {
          opts->unwrap = TextCaptureOptions::Unwrap::kAuto;
        } else {
          return err(where, "expected true, false or \"auto\"");
        }
      } else if (key == "boilerplate") {
        auto b = v.value<bool>();
        if (!b) return err(where, "expected true or false");
        opts->boilerplate = *b;
      } else if (key == "boilerplate_threshold") {
        auto pct = v.value<double>();
        if (!pct || !(*pct > 0 && *pct <= 100))
          return err(where, "expected a percentage of a folder's files, above 0 and at most 100");
        opts->boilerplate_threshold = *pct / 100;
      } else {
        return err(where,
                   "unknown key (known: date_line, issuer_line, title_line, body_end, "
                   "drop_line, builtin, unwrap, boilerplate, boilerplate_threshold)");
      }
    }
    m.format_options_.text = std::move(opts);
  }
  if (auto* n = tbl.get("html")) {
    const auto* t = n->as_table();
    if (!t) return err("html", "expected a table ([html])");
    if (m.format_ != "html") return err("html", "needs format = \"html\"");
    for (const auto& [k, v] : *t) {
      std::string key(k.str());
      if (key != "drop") return err("html." + key, "unknown key (known: drop)");
      auto l = string_list(v, "html.drop");
      if (!l) return nested(l.error());
      for (const auto& x : l.value())
        if (auto e = xpath_error(x)) return err("html.drop", "XPath \"" + x + "\": " + *e);
      m.format_options_.drop_xpaths = l.value();
    }
  }

  const auto* fields = tbl["fields"].as_table();
  if (!fields && !document)
    return err("fields",
               "missing: a mapping needs a [fields] table (only the document formats "
               "html, text, markdown, rss and atom have fields of their own)");
  if (fields) {
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
          return err(where,
                     "unknown key '" + k +
                         "' (known: from, from_all, template, value, file, hash, xpath, split, "
                         "null_values, strip_suffix, replace, join, default, required)");
        if (k == "from" && fv.is_array()) {
          auto l = string_list(fv, where + ".from");
          if (!l || l->empty()) return err(where + ".from", "expected a name or a list of names");
          spec.kind = FieldSpec::Kind::kFrom;
          spec.from_any = l.value();
          spec.arg = spec.from_any.front();
          ++kinds;
        } else if (k == "from_all") {
          auto l = string_list(fv, where + ".from_all");
          if (!l || l->empty())
            return err(where + ".from_all", "expected a name or a list of names");
          spec.kind = FieldSpec::Kind::kFromAll;
          spec.from_any = l.value();
          spec.arg = spec.from_any.front();
          ++kinds;
        } else if (k == "from" || k == "template" || k == "file" || k == "xpath") {
          auto s = fv.value<std::string>();
          if (!s) return err(where + "." + k, "expected a string");
          spec.kind = k == "from"       ? FieldSpec::Kind::kFrom
                      : k == "template" ? FieldSpec::Kind::kTemplate
                      : k == "file"     ? FieldSpec::Kind::kFile
                                        : FieldSpec::Kind::kXPath;
          spec.arg = *s;
          if (k == "xpath") {
            if (m.format_ != "html")
              return err(where + ".xpath", "XPath fields need format = \"html\"");
            if (auto e = xpath_error(*s))
              return err(where + ".xpath", "XPath \"" + *s + "\": " + *e);
            auto& xs = m.format_options_.xpaths;
            auto found = std::find(xs.begin(), xs.end(), *s);
            spec.select_index = static_cast<size_t>(found - xs.begin());
            if (found == xs.end()) xs.push_back(*s);
          }
          ++kinds;
        } else if (k == "value") {
          spec.kind = FieldSpec::Kind::kValue;
          spec.constant = toml_to_json(fv);
          ++kinds;
        } else if (k == "hash") {
          auto l = string_list(fv, where + ".hash");
          if (!l) return nested(l.error());
          spec.kind = FieldSpec::Kind::kHash;
          spec.hash_of = l.value();
          ++kinds;
        } else if (k == "split") {
          auto s = fv.value<std::string>();
          if (!s || s->empty()) return err(where + ".split", "expected a non-empty string");
          spec.split = *s;
        } else if (k == "join") {
          auto s = fv.value<std::string>();
          if (!s) return err(where + ".join", "expected a string");
          spec.join = *s;
        } else if (k == "null_values") {
          auto l = string_list(fv, where + ".null_values");
          if (!l) return nested(l.error());
          spec.null_values = l.value();
        } else if (k == "strip_suffix") {
          spec.strip_suffix = fv.value_or(std::string());
        } else if (k == "replace") {
          const auto* arr = fv.as_array();
          if (!arr)
            return err(where + ".replace", "expected a list of [pattern, replacement] pairs");
          for (const auto& pair : *arr) {
            const auto* pa = pair.as_array();
            auto pat = pa && pa->size() == 2 ? (*pa)[0].value<std::string>() : std::nullopt;
            auto rep = pa && pa->size() == 2 ? (*pa)[1].value<std::string>() : std::nullopt;
            if (!pat || !rep)
              return err(where + ".replace", "each entry must be [\"pattern\", \"replacement\"]");
            auto rw = RegexRewrite::compile(*pat, *rep);
            if (!rw) return err(where + ".replace", rw.error().message);
            spec.replace.push_back(std::move(rw).value());
          }
        } else if (k == "default") {
          spec.default_value = fv.value<std::string>();
        } else if (k == "required") {
          spec.required = fv.value_or(false);
        }
      }
      if (kinds != 1)
        return err(where, "give exactly one of from, from_all, template, value, file, hash, xpath");
      m.fields_.push_back(std::move(spec));
    }
  }
  bool has_id = false;
  for (const auto& f : m.fields_) {
    has_id |= f.target == "id";
    if (kCanonical.count(f.target)) m.format_options_.mapped_fields.insert(f.target);
  }
  if (!has_id && !document)
    return err("fields.id", "missing: say where the id comes from (a field, a template or a hash)");

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

}  // namespace pressroom::indexer
