// Metadata from file paths, and include/exclude globs for walking folders.
//
// A path pattern describes the end of a file's path (as many folders as it names), with
// placeholders (see docs/ingest.md):
//   {name}          one or more characters within one folder or file name, kept as `name`
//   {name:FORMAT}   a date written as FORMAT (strftime-like: %Y %y %m %d %b %B %H %M, other
//                   characters literal), kept as `name` in ISO form ("2021-06-07")
//   {yyyy} {mm} {dd} {mmdd} {yyyymmdd}   digits of a date; together they also give `date`
//   {*}             anything within one folder or file name (not kept)
//   {**}            any number of whole folders (not kept)
// e.g. "{issuer}/{date:%d%b%Y}{*}.txt" or "{source}/{yyyy}/{mmdd}/{*}.md".
// Pure; a compiled pattern is immutable and thread-safe.
#pragma once

#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "pressroom/result.h"

namespace pressroom::indexer {

class PathPattern {
 public:
  // Errors (code "invalid_mapping"): an unclosed '{', an unknown %-directive, an empty name.
  static Result<PathPattern> compile(const std::string& pattern);

  // Matches the end of `path` ('/'-separated; whole names only). nullopt when it does not
  // match; an error when it matches but a date in it is impossible ("31Feb2020").
  // On success: an object of name -> value.
  [[nodiscard]] std::optional<Result<nlohmann::ordered_json>> match(std::string_view path) const;

  [[nodiscard]] const std::string& text() const { return text_; }

 private:
  struct Group {
    std::string name;      // "" for groups that only serve a date
    std::string date_fmt;  // "%d%b%Y" for {name:%d%b%Y}; "" otherwise
  };
  std::string text_;
  std::regex re_;
  std::vector<Group> groups_;  // one per capture group, in order
};

// Glob matching for include/exclude: '*' any characters but '/', '**' any characters including
// '/', '?' one character but '/', "[abc]"/"[a-z]"/"[!a]" one of a set; a pattern without '/'
// matches the file name alone, one with '/' the whole relative path ("**/" may match no folder).
bool glob_match(std::string_view pattern, std::string_view relative_path);

}  // namespace pressroom::indexer
