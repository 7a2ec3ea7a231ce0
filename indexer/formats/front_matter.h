// Front matter at the top of Markdown files: YAML between "---" lines or TOML between "+++" lines.
//
// TOML is parsed with toml++, YAML with yaml-cpp: any valid YAML (nested mappings, flow
// mappings and lists, block scalars, anchors and aliases, tags). Values become JSON: mappings
// objects (nested keys reachable by path, "organization.name"), lists arrays; plain
// true/false become booleans, plain null/~/empty null, every other scalar a string (numbers and
// dates stay text, which is what the mapping wants).
// Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "pressroom/result.h"

namespace pressroom::indexer {

struct FrontMatter {
  nlohmann::ordered_json values = nlohmann::ordered_json::object();
  std::vector<std::string> warnings;  // none at present: bad front matter is an error
  size_t body_offset = 0;             // where the document after the front matter starts
  size_t body_line = 1;               // its 1-based line number
  bool present = false;
};

// Splits front matter off a UTF-8 text. No front matter (or an opening fence that is never
// closed) gives present = false and body_offset 0. Errors (code "invalid_front_matter", message
// with the line): invalid TOML or YAML, YAML that is not a mapping at the top.
Result<FrontMatter> split_front_matter(std::string_view text);

// YAML front matter (without the fences) as a JSON object. `first_line` is the file's line of the
// block's first line, for messages. Errors (invalid_front_matter): invalid YAML ("YAML front
// matter line 3: end of map flow not found"), a top level that is not a mapping, and input past
// the bounds that keep hostile files cheap: over 1 MiB, nesting deeper than 64, more than
// 100,000 values once aliases are expanded. Never throws.
Result<nlohmann::ordered_json> parse_yaml_front_matter(std::string_view yaml, size_t first_line);

}  // namespace pressroom::indexer
