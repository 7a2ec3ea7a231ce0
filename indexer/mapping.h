// Mapping files: how the fields of a non-canonical source become a canonical record.
//
// A mapping is a TOML file (see docs/ingest.md):
//   format = "csv"                     # jsonl | json | csv | tsv; default: by file extension
//   delimiter = ","                    # CSV/TSV only
//   null_values = ["None", "N/A"]      # cell values that mean "empty" (after trimming)
//   keep_unmapped = false              # copy unmapped top-level source fields as extra fields
//   file_root = "."                    # folder for `file` templates (default: the input's folder)
//   [fields.title]   from = "headline"                  # a column, key, or JSON path "a.b.0.c"
//   [fields.issuers] from = "orgs"   split = ";"        # multi-valued from one cell
//   [fields.url]     template = "https://x.example{path}"   # {name}, {name:05} (zero-padded),
//                                                           # {name:+1} / {name:-1:05} (offset)
//   [fields.source]  value = "doj"                      # a constant (string or list)
//   [fields.body]    file = "txt/release_{n:05}.txt"    # the content of a file named by a template
//   [fields.id]      hash = ["url", "title"]            # 16 hex chars of a hash of these fields
//   [[join]] file = "other.csv"  key = "id"  on = "page_id"   # add the columns of a matching row
//                                                  # (`on` may be a template: on = "{id:+1}")
// Per field: `null_values` (overrides the global list), `strip_suffix` (removed from the end),
// `replace = [["regex", "replacement"], ...]` (rewrites before splitting),
// `default` (used when the value is empty), `required` (empty value rejects the record).
// Target names other than the canonical ones become extra fields of the record.
//
// Loading validates everything up front with errors naming the key ("mapping.toml: fields.title:
// give exactly one of from, template, value, file, hash"). Applying a mapping is const and
// thread-safe once prepared for an input (joins loaded).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pressroom/result.h"

namespace pressroom::indexer {

struct FieldSpec {
  enum class Kind { kFrom, kTemplate, kValue, kFile, kHash };
  std::string target;
  Kind kind = Kind::kFrom;
  std::string arg;                       // path (from), template (template, file)
  nlohmann::ordered_json constant;       // value
  std::vector<std::string> hash_of;      // hash
  std::string split;                     // "" = single-valued
  std::optional<std::vector<std::string>> null_values;
  std::string strip_suffix;  // removed from the end, repeatedly (with white space between)
  // Regular-expression rewrites applied to string values before splitting, in order
  // (ECMAScript syntax, $1 etc. in the replacement).
  std::vector<std::pair<std::regex, std::string>> replace;
  std::optional<std::string> default_value;
  bool required = false;
};

struct JoinSpec {
  std::string file;  // relative to the input's folder
  std::string key;   // column in the joined file
  std::string on;    // field of the primary record, or a template over it
  bool required = true;
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

  // Loads the joins for an input in `input_dir`. Errors: a join file that cannot be read.
  // file_root overrides the mapping's own (the --file-root option).
  Result<std::shared_ptr<const PreparedMapping>> prepare(
      const std::filesystem::path& input_dir,
      const std::optional<std::filesystem::path>& file_root) const;

 private:
  friend class PreparedMapping;
  bool identity_ = false;
  std::string format_;
  char delimiter_ = 0;
  std::vector<std::string> null_values_;
  bool keep_unmapped_ = false;
  std::optional<std::filesystem::path> file_root_;
  std::filesystem::path mapping_dir_;
  std::vector<FieldSpec> fields_;
  std::vector<JoinSpec> joins_;
};

class PreparedMapping {
 public:
  // Raw source object -> canonical record object (still to be validated by record_from_json).
  // Errors name the field: code "invalid_record", field = target name.
  [[nodiscard]] Result<nlohmann::ordered_json> apply(const nlohmann::ordered_json& raw) const;

 private:
  friend class Mapping;
  const Mapping* mapping_ = nullptr;
  std::filesystem::path file_root_;
  // one index per join: key value -> row
  std::vector<std::map<std::string, nlohmann::ordered_json>> join_rows_;
};

// Looks up a value by key or dotted JSON path ("member.name", "items.0"); nullptr when absent.
const nlohmann::ordered_json* lookup_path(const nlohmann::ordered_json& obj, const std::string& path);

// Renders "{name}" / "{name:05}" placeholders from obj; "{{" and "}}" are literal braces.
Result<std::string> render_template(const std::string& tmpl, const nlohmann::ordered_json& obj);

}  // namespace pressroom::indexer
