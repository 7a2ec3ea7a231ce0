// Mapping files: how the fields of a non-canonical source become a canonical record.
//
// A mapping is a TOML file (docs/ingest.md is the reference, with a worked example per format):
//   format = "csv"                     # jsonl | json | csv | tsv | html | text | markdown |
//                                      # rss | atom; default: by file extension
//   delimiter = ","                    # CSV/TSV only
//   null_values = ["None", "N/A"]      # cell values that mean "empty" (after trimming)
//   keep_unmapped = false              # copy unmapped top-level source fields as extra fields
//                                      # (default: true for document formats, whose top-level
//                                      # fields are the generic extractor's canonical guesses)
//   file_root = "."                    # folder for `file` templates (default: the input's folder)
//   include = ["*.html"]  exclude = ["drafts/**"]   # globs for walking folders
//   path_pattern = "{issuer}/{date:%d%b%Y}{*}.txt"  # metadata from paths (path_pattern.h);
//                                                   # a list: the first that matches
//   [text] date_line = '...' issuer_line = '...' title_line = '...' body_end = [...]
//          drop_line = [...] builtin = true unwrap = "auto"     # text captures (format "text")
//          boilerplate = true boilerplate_threshold = 5       # page chrome (% of a folder's files)
//   [html] drop = ["//div[@class='share']"]          # nodes removed before extraction
//   [fields.title]   from = "headline"                  # a column, key, or JSON path "a.b.0.c";
//                                                       # a list: the first that is not empty
//   [fields.title]   xpath = "//h1[@id='node-title']"   # HTML: the text of the nodes selected
//   [fields.issuers] from = "orgs"   split = ";"        # multi-valued from one cell
//   [fields.topics]  from_all = ["member.party", "member.chamber"]  # every value of every path
//                                                       # that is set, de-duplicated, in order
//   [fields.url]     template = "https://x.example{path}"   # {name}, {name:05} (zero-padded),
//                                                           # {name:+1} / {name:-1:05} (offset),
//                                                           # {name?} (empty when missing)
//   [fields.source]  value = "doj"                      # a constant (string or list)
//   [fields.body]    file = "txt/release_{n:05}.txt"    # the content of a file named by a template
//   [fields.id]      hash = ["url", "title"]            # 16 hex chars of a hash of these fields
//   [[join]] file = "other.csv"  key = "id"  on = "page_id"   # add the columns of a matching row
//                                                  # (`on` may be a template: on = "{id:+1}";
//                                                  # with required = false, a template naming a
//                                                  # missing value joins nothing)
// Per field: `null_values` (overrides the global list), `strip_suffix` (removed from the end),
// `replace = [["regex", "replacement"], ...]` (rewrites before splitting),
// `join` (joins a list into one string), `default` (used when the value is empty, or when a
// `template`/`file` template names a missing value),
// `required` (empty value rejects the record).
// Target names other than the canonical ones become extra fields of the record.
// Names in `from`, templates and `hash` are looked up in the source record, then in the item's
// context ("meta.description", "select"), then in the file's ("path.issuer", "file.stem").
// Path-pattern values named after a canonical field (id, date, title, url, language, source,
// issuer(s), topic(s)) fill that field unless [fields] sets it.
//
// Loading validates everything up front with errors naming the key ("mapping.toml: fields.title:
// give exactly one of from, template, value, file, hash, xpath"). Applying a mapping is const and
// thread-safe once prepared for an input (joins loaded).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "formats/formats.h"
#include "mapping/user_regex.h"
#include "pipeline/path_pattern.h"
#include "pressroom/result.h"

namespace pressroom::indexer {

struct FieldSpec {
  enum class Kind { kFrom, kFromAll, kTemplate, kValue, kFile, kHash, kXPath };
  std::string target;
  Kind kind = Kind::kFrom;
  std::string arg;                    // path (from), template (template, file), XPath
  std::vector<std::string> from_any;  // from = [a, b]: the first non-empty; from_all: every one
  size_t select_index = 0;            // xpath: index into FormatOptions::xpaths
  nlohmann::ordered_json constant;    // value
  std::vector<std::string> hash_of;   // hash
  std::string split;                  // "" = single-valued
  std::optional<std::vector<std::string>> null_values;
  std::string strip_suffix;  // removed from the end, repeatedly (with white space between)
  // Regular-expression rewrites applied to string values before splitting, in order
  // (PCRE2 syntax, $1 etc. in the replacement; bounded work per value).
  std::vector<RegexRewrite> replace;
  std::optional<std::string> join;  // lists become one string joined with this
  std::optional<std::string> default_value;
  bool required = false;
};

struct JoinSpec {
  std::string file;  // relative to the input's folder
  std::string key;   // column in the joined file
  std::string on;    // field of the primary record, or a template over it
  bool required = true;
};

// What a mapping may read besides the source record itself.
struct MappingContext {
  const nlohmann::ordered_json* item = nullptr;  // RawItem::context ("meta", "select")
  const nlohmann::ordered_json* file = nullptr;  // {"path": captures, "file": name parts}
  bool document = false;  // the item comes from a document format (html, text, markdown, feeds)
};

class PreparedMapping;

class Mapping {
 public:
  // The mapping used when none is given: canonical fields pass through; "issuers"/"topics" given
  // as one string are split on ';'.
  static Mapping identity();
  static Result<Mapping> from_toml(std::string_view text, const std::string& name);
  static Result<Mapping> from_file(const std::filesystem::path& path);

  [[nodiscard]] bool is_identity() const { return identity_; }
  [[nodiscard]] const std::string& format() const { return format_; }
  [[nodiscard]] char delimiter() const { return delimiter_; }
  [[nodiscard]] const std::optional<std::filesystem::path>& file_root() const { return file_root_; }
  [[nodiscard]] const std::vector<std::string>& include() const { return include_; }
  [[nodiscard]] const std::vector<std::string>& exclude() const { return exclude_; }
  [[nodiscard]] const std::vector<PathPattern>& path_patterns() const { return path_patterns_; }
  // Options for the parsers: XPath fields, [html] drop, [text] patterns, fields set explicitly.
  [[nodiscard]] const FormatOptions& format_options() const { return format_options_; }
  // The `replace` rewrites that were given values in this process but never matched one:
  // "fields.body: replace pattern \"…\" never matched (12 values)", in field order.
  [[nodiscard]] std::vector<std::string> unmatched_rewrites() const;
  [[nodiscard]] const std::string& name() const { return name_; }
  // 16 hex chars identifying the mapping's text ("" for the identity mapping): part of the
  // per-file records, so that a changed mapping re-reads unchanged files.
  [[nodiscard]] const std::string& fingerprint() const { return fingerprint_; }

  // Loads the joins for an input in `input_dir`. Errors: a join file that cannot be read.
  // file_root overrides the mapping's own (the --file-root option).
  Result<std::shared_ptr<const PreparedMapping>> prepare(
      const std::filesystem::path& input_dir,
      const std::optional<std::filesystem::path>& file_root) const;

 private:
  friend class PreparedMapping;
  friend struct MappingLoader;  // from_toml's steps (mapping_load.cc)
  bool identity_ = false;
  std::string format_;
  char delimiter_ = 0;
  std::vector<std::string> null_values_;
  std::optional<bool> keep_unmapped_;
  std::optional<std::filesystem::path> file_root_;
  std::filesystem::path mapping_dir_;
  std::vector<FieldSpec> fields_;
  std::vector<JoinSpec> joins_;
  std::vector<std::string> include_;
  std::vector<std::string> exclude_;
  std::vector<PathPattern> path_patterns_;
  FormatOptions format_options_;
  std::string fingerprint_;
  std::string name_;  // the mapping file as named when loaded
};

class PreparedMapping {
 public:
  // Raw source object -> canonical record object (still to be validated by record_from_json).
  // Errors name the field: code "invalid_record", field = target name. Warnings (a body that was
  // only a placeholder) are appended to `warnings` when given.
  [[nodiscard]] Result<nlohmann::ordered_json> apply(
      const nlohmann::ordered_json& raw, const MappingContext& ctx = {},
      std::vector<std::string>* warnings = nullptr) const;

 private:
  friend class Mapping;
  const Mapping* mapping_ = nullptr;
  std::filesystem::path file_root_;
  // one index per join: key value -> row
  std::vector<std::map<std::string, nlohmann::ordered_json>> join_rows_;
};

// Looks up a value by key or dotted JSON path ("member.name", "items.0"); nullptr when absent.
// A part "name[key~=text]" is the first object of the array `name` whose `key` contains `text`,
// "name[key=text]" the first whose `key` is `text` (both ignore ASCII case and surrounding
// white space): "links[text~=Source].url". An object's own key of that spelling wins.
const nlohmann::ordered_json* lookup_path(const nlohmann::ordered_json& obj,
                                          const std::string& path);

// Renders "{name}" / "{name:05}" / "{name:+1}" placeholders from obj; "{{" and "}}" are literal
// braces. A missing (null, absent, or not a scalar) value is an error, code
// kTemplateMissingCode ("invalid_record"), unless the name ends in '?' ("{member.name?}",
// "{n?:05}"), which renders as empty text.
Result<std::string> render_template(const std::string& tmpl, const nlohmann::ordered_json& obj);
// The same with names resolved by `lookup` (nullptr: missing).
using LookupFn = std::function<const nlohmann::ordered_json*(const std::string&)>;
Result<std::string> render_template(const std::string& tmpl, const LookupFn& lookup);

// True for the document formats (whose parsers guess canonical fields): html, text, markdown,
// rss, atom.
bool is_document_format(std::string_view name);

}  // namespace pressroom::indexer
