// Front matter at the top of Markdown files: YAML between "---" lines or TOML between "+++" lines.
//
// TOML is parsed with toml++. YAML is read by a small parser for the subset front matter uses:
//   key: value              (plain, 'single' or "double" quoted scalars; "# comments")
//   key: [a, "b, c", d]     (flow lists of scalars)
//   key:                    (block lists)
//     - a
//     - b
//   key: |  /  key: >       (literal / folded block scalars of indented lines)
// `true`/`false` become booleans, `null`/`~` null, everything else a string (numbers and dates
// stay text, which is what the mapping wants). Nested mappings, flow mappings, anchors, aliases
// and tags are not supported: such a line is skipped with a warning naming it.
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
  std::vector<std::string> warnings;  // "front matter line 4: nested mappings are not supported"
  size_t body_offset = 0;             // where the document after the front matter starts
  size_t body_line = 1;               // its 1-based line number
  bool present = false;
};

// Splits front matter off a UTF-8 text. No front matter (or an opening fence that is never
// closed) gives present = false and body_offset 0. Errors: invalid TOML (code
// "invalid_front_matter", message with the line).
Result<FrontMatter> split_front_matter(std::string_view text);

// The YAML subset above, for one block of text (without the fences). `first_line` numbers the
// lines in warnings.
nlohmann::ordered_json parse_yaml_subset(std::string_view yaml, size_t first_line,
                                         std::vector<std::string>* warnings);

}  // namespace pressroom::indexer
