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
    return make_error(ErrorCode::kInvalidMapping,
                      where + ": expected a string or a list of strings");
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
  if (!f)
    return make_error(ErrorCode::kInvalidMapping, "cannot read mapping file " + path.string());
  std::stringstream ss;
  ss << f.rdbuf();
  auto m = from_toml(ss.str(), path.string());
  if (m) m->mapping_dir_ = path.parent_path();
  return m;
}

namespace {

// Errors of the steps below say where in the file ("fields.title.split: ..."); from_toml puts
// the mapping's name in front.
Error bad(const std::string& where, const std::string& msg) {
  return make_error(ErrorCode::kInvalidMapping, where + ": " + msg);
}

Result<void> check_top_keys(const toml::table& tbl) {
  for (const auto& [k, v] : tbl) {
    if (!kTopKeys.count(std::string(k.str())))
      return bad(std::string(k.str()),
                 "unknown key (known: format, delimiter, null_values, keep_unmapped, file_root, "
                 "include, exclude, path_pattern, fields, join, text, html)");
  }
  return {};
}

Result<std::vector<PathPattern>> path_pattern_list(const toml::node& node) {
  auto l = string_list(node, "path_pattern");
  if (!l) return l.error();
  std::vector<PathPattern> out;
  for (const auto& p : l.value()) {
    auto pp = PathPattern::compile(p);
    if (!pp) return pp.error();
    out.push_back(std::move(pp.value()));
  }
  return out;
}

// One key of the [text] table.
Result<void> text_option(const std::string& key, const toml::node& v, TextCaptureOptions& opts) {
  std::string where = "text." + key;
  std::vector<Regex>* dest = key == "date_line"     ? &opts.date_lines
                             : key == "issuer_line" ? &opts.issuer_lines
                             : key == "title_line"  ? &opts.title_lines
                             : key == "body_end"    ? &opts.body_end
                             : key == "drop_line"   ? &opts.drop_lines
                                                    : nullptr;
  if (dest) {
    auto l = regex_list(v, where);
    if (!l) return l.error();
    *dest = std::move(l.value());
  } else if (key == "builtin" || key == "boilerplate") {
    auto b = v.value<bool>();
    if (!b) return bad(where, "expected true or false");
    (key == "builtin" ? opts.builtin : opts.boilerplate) = *b;
  } else if (key == "unwrap") {
    if (auto b = v.value<bool>()) {
      opts.unwrap = *b ? TextCaptureOptions::Unwrap::kAlways : TextCaptureOptions::Unwrap::kNever;
    } else if (v.value<std::string>() == "auto") {
      opts.unwrap = TextCaptureOptions::Unwrap::kAuto;
    } else {
      return bad(where, "expected true, false or \"auto\"");
    }
  } else if (key == "boilerplate_threshold") {
    auto pct = v.value<double>();
    if (!pct || !(*pct > 0 && *pct <= 100))
      return bad(where, "expected a percentage of a folder's files, above 0 and at most 100");
    opts.boilerplate_threshold = *pct / 100;
  } else {
    return bad(where,
               "unknown key (known: date_line, issuer_line, title_line, body_end, "
               "drop_line, builtin, unwrap, boilerplate, boilerplate_threshold)");
  }
  return {};
}

// The [text] table: line patterns and page-chrome settings of the text format.
Result<std::shared_ptr<TextCaptureOptions>> text_options(const toml::node& node,
                                                         const std::string& format) {
  const auto* t = node.as_table();
  if (!t) return bad("text", "expected a table ([text])");
  if (format != "text") return bad("text", "line patterns need format = \"text\"");
  auto opts = std::make_shared<TextCaptureOptions>();
  for (const auto& [k, v] : *t) {
    if (auto r = text_option(std::string(k.str()), v, *opts); !r) return r.error();
  }
  return opts;
}

// The [html] table: XPaths of the parts of a page to drop.
Result<void> html_options(const toml::node& node, const std::string& format,
                          FormatOptions& options) {
  const auto* t = node.as_table();
  if (!t) return bad("html", "expected a table ([html])");
  if (format != "html") return bad("html", "needs format = \"html\"");
  for (const auto& [k, v] : *t) {
    std::string key(k.str());
    if (key != "drop") return bad("html." + key, "unknown key (known: drop)");
    auto l = string_list(v, "html.drop");
    if (!l) return l.error();
    for (const auto& x : l.value())
      if (auto e = xpath_error(x)) return bad("html.drop", "XPath \"" + x + "\": " + *e);
    options.drop_xpaths = l.value();
  }
  return {};
}

// A field's `xpath`: checked, and added to the XPaths the html format selects (once each).
Result<void> field_xpath(const std::string& where, const std::string& xpath,
                         const std::string& format, FormatOptions& options, FieldSpec& spec) {
  if (format != "html") return bad(where + ".xpath", "XPath fields need format = \"html\"");
  if (auto e = xpath_error(xpath)) return bad(where + ".xpath", "XPath \"" + xpath + "\": " + *e);
  auto& xs = options.xpaths;
  auto found = std::find(xs.begin(), xs.end(), xpath);
  spec.select_index = static_cast<size_t>(found - xs.begin());
  if (found == xs.end()) xs.push_back(xpath);
  return {};
}

// The keys that say where a field's value comes from: exactly one per field (counted in kinds).
Result<void> field_source(const std::string& where, const std::string& k, const toml::node& fv,
                          const std::string& format, FormatOptions& options, FieldSpec& spec) {
  if ((k == "from" && fv.is_array()) || k == "from_all") {
    auto l = string_list(fv, where + "." + k);
    if (!l || l->empty()) return bad(where + "." + k, "expected a name or a list of names");
    spec.kind = k == "from" ? FieldSpec::Kind::kFrom : FieldSpec::Kind::kFromAll;
    spec.from_any = l.value();
    spec.arg = spec.from_any.front();
  } else if (k == "from" || k == "template" || k == "file" || k == "xpath") {
    auto s = fv.value<std::string>();
    if (!s) return bad(where + "." + k, "expected a string");
    spec.kind = k == "from"       ? FieldSpec::Kind::kFrom
                : k == "template" ? FieldSpec::Kind::kTemplate
                : k == "file"     ? FieldSpec::Kind::kFile
                                  : FieldSpec::Kind::kXPath;
    spec.arg = *s;
    if (k == "xpath") return field_xpath(where, *s, format, options, spec);
  } else if (k == "value") {
    spec.kind = FieldSpec::Kind::kValue;
    spec.constant = toml_to_json(fv);
  } else if (k == "hash") {
    auto l = string_list(fv, where + ".hash");
    if (!l) return l.error();
    spec.kind = FieldSpec::Kind::kHash;
    spec.hash_of = l.value();
  }
  return {};
}

Result<std::vector<RegexRewrite>> rewrite_list(const std::string& where, const toml::node& fv) {
  const auto* arr = fv.as_array();
  if (!arr) return bad(where, "expected a list of [pattern, replacement] pairs");
  std::vector<RegexRewrite> out;
  for (const auto& pair : *arr) {
    const auto* pa = pair.as_array();
    auto pat = pa && pa->size() == 2 ? (*pa)[0].value<std::string>() : std::nullopt;
    auto rep = pa && pa->size() == 2 ? (*pa)[1].value<std::string>() : std::nullopt;
    if (!pat || !rep) return bad(where, "each entry must be [\"pattern\", \"replacement\"]");
    auto rw = RegexRewrite::compile(*pat, *rep);
    if (!rw) return bad(where, rw.error().message);
    out.push_back(std::move(rw).value());
  }
  return out;
}

// The keys that change a field's value once found (split, join, replace, defaults, ...).
Result<void> field_modifier(const std::string& where, const std::string& k, const toml::node& fv,
                            FieldSpec& spec) {
  if (k == "split") {
    auto s = fv.value<std::string>();
    if (!s || s->empty()) return bad(where + ".split", "expected a non-empty string");
    spec.split = *s;
  } else if (k == "join") {
    auto s = fv.value<std::string>();
    if (!s) return bad(where + ".join", "expected a string");
    spec.join = *s;
  } else if (k == "null_values") {
    auto l = string_list(fv, where + ".null_values");
    if (!l) return l.error();
    spec.null_values = l.value();
  } else if (k == "strip_suffix") {
    spec.strip_suffix = fv.value_or(std::string());
  } else if (k == "replace") {
    auto rw = rewrite_list(where + ".replace", fv);
    if (!rw) return rw.error();
    for (auto& r : rw.value()) spec.replace.push_back(std::move(r));
  } else if (k == "default") {
    spec.default_value = fv.value<std::string>();
  } else if (k == "required") {
    spec.required = fv.value_or(false);
  }
  return {};
}

bool is_source_key(const std::string& k) {
  return k == "from" || k == "from_all" || k == "template" || k == "file" || k == "xpath" ||
         k == "value" || k == "hash";
}

// One entry of [fields]: a table, or the shorthand `title = "headline"` (from = "headline").
Result<FieldSpec> field_spec(const std::string& target, const toml::node& node,
                             const std::string& format, FormatOptions& options) {
  std::string where = "fields." + target;
  FieldSpec spec;
  spec.target = target;
  const toml::table* t = node.as_table();
  if (!t) {
    auto s = node.value<std::string>();
    if (!s) return bad(where, "expected a table or a column name");
    spec.arg = *s;
    return spec;
  }
  int kinds = 0;
  for (const auto& [fk, fv] : *t) {
    std::string k(fk.str());
    if (!kFieldKeys.count(k))
      return bad(where, "unknown key '" + k +
                            "' (known: from, from_all, template, value, file, hash, xpath, split, "
                            "null_values, strip_suffix, replace, join, default, required)");
    auto r = is_source_key(k) ? field_source(where, k, fv, format, options, spec)
                              : field_modifier(where, k, fv, spec);
    if (!r) return r.error();
    if (is_source_key(k)) ++kinds;
  }
  if (kinds != 1)
    return bad(where, "give exactly one of from, from_all, template, value, file, hash, xpath");
  return spec;
}

// The [[join]] tables: other files whose rows add fields to a record.
Result<std::vector<JoinSpec>> join_specs(const toml::array& joins) {
  std::vector<JoinSpec> out;
  for (size_t i = 0; i < joins.size(); ++i) {
    std::string where = "join[" + std::to_string(i) + "]";
    const auto* jt = joins[i].as_table();
    if (!jt) return bad(where, "expected a table");
    JoinSpec js;
    auto file = (*jt)["file"].value<std::string>();
    auto key = (*jt)["key"].value<std::string>();
    auto on = (*jt)["on"].value<std::string>();
    if (!file || !key || !on) return bad(where, "needs file, key and on");
    js.file = *file;
    js.key = *key;
    js.on = *on;
    js.required = (*jt)["required"].value_or(true);
    out.push_back(std::move(js));
  }
  return out;
}

}  // namespace

// Mapping's friend: the steps of from_toml that fill its private members.
struct MappingLoader {
  static Result<void> top_level(Mapping& m, const toml::table& tbl);
  static Result<void> fields(Mapping& m, const toml::table& tbl);
};

Result<Mapping> Mapping::from_toml(std::string_view text, const std::string& name) {
  toml::table tbl;
  try {
    tbl = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    const auto& src = e.source();
    return make_error(ErrorCode::kInvalidMapping, name + ":" + std::to_string(src.begin.line) +
                                                      ": " + std::string(e.description()));
  }
  auto nested = [&](const Error& e) {
    return make_error(ErrorCode::kInvalidMapping, name + ": " + e.message);
  };
  if (auto r = check_top_keys(tbl); !r) return nested(r.error());
  Mapping m;
  m.fingerprint_ = fnv1a_hex(text);
  m.name_ = name;
  if (auto r = MappingLoader::top_level(m, tbl); !r) return nested(r.error());
  if (auto r = MappingLoader::fields(m, tbl); !r) return nested(r.error());
  if (auto* joins = tbl["join"].as_array()) {
    auto j = join_specs(*joins);
    if (!j) return nested(j.error());
    m.joins_ = std::move(j.value());
  }
  return m;
}

// The settings outside [fields] and [[join]]: format, delimiter, globs, [text], [html], ...
Result<void> MappingLoader::top_level(Mapping& m, const toml::table& tbl) {
  if (auto f = tbl["format"].value<std::string>()) {
    if (!format_by_name(*f))
      return bad("format", "unknown format \"" + *f + "\" (known: " + format_names() + ")");
    m.format_ = *f;
  }
  if (auto d = tbl["delimiter"].value<std::string>()) {
    std::string dv = *d == "\\t" ? "\t" : *d;
    if (dv.size() != 1) return bad("delimiter", "must be one character");
    m.delimiter_ = dv[0];
    m.format_options_.delimiter = m.delimiter_;
  }
  if (const auto* n = tbl.get("null_values")) {
    auto l = string_list(*n, "null_values");
    if (!l) return l.error();
    m.null_values_ = l.value();
  }
  if (auto k = tbl["keep_unmapped"].value<bool>()) m.keep_unmapped_ = *k;
  if (auto r = tbl["file_root"].value<std::string>()) m.file_root_ = *r;
  for (const char* key : {"include", "exclude"}) {
    if (const auto* n = tbl.get(key)) {
      auto l = string_list(*n, key);
      if (!l) return l.error();
      (std::string(key) == "include" ? m.include_ : m.exclude_) = l.value();
    }
  }
  if (const auto* n = tbl.get("path_pattern")) {
    auto p = path_pattern_list(*n);
    if (!p) return p.error();
    m.path_patterns_ = std::move(p.value());
  }
  if (const auto* n = tbl.get("text")) {
    auto t = text_options(*n, m.format_);
    if (!t) return t.error();
    m.format_options_.text = std::move(t.value());
  }
  if (const auto* n = tbl.get("html")) {
    if (auto r = html_options(*n, m.format_, m.format_options_); !r) return r.error();
  }
  return {};
}

// [fields], and the check that a record's id comes from somewhere.
Result<void> MappingLoader::fields(Mapping& m, const toml::table& tbl) {
  const bool document = is_document_format(m.format_);
  const auto* fields = tbl["fields"].as_table();
  if (!fields && !document)
    return bad("fields",
               "missing: a mapping needs a [fields] table (only the document formats "
               "html, text, markdown, rss and atom have fields of their own)");
  if (fields) {
    for (const auto& [key, node] : *fields) {
      auto spec = field_spec(std::string(key.str()), node, m.format_, m.format_options_);
      if (!spec) return spec.error();
      m.fields_.push_back(std::move(spec.value()));
    }
  }
  bool has_id = false;
  for (const auto& f : m.fields_) {
    has_id |= f.target == "id";
    if (kCanonical.count(f.target)) m.format_options_.mapped_fields.insert(f.target);
  }
  if (!has_id && !document)
    return bad("fields.id", "missing: say where the id comes from (a field, a template or a hash)");
  return {};
}

}  // namespace pressroom::indexer
