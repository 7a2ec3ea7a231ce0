#include "formats/front_matter.h"

#include <algorithm>
#include <sstream>

#include <toml++/toml.h>
#include <yaml-cpp/yaml.h>

#include "pressroom/text.h"

namespace pressroom::indexer {

namespace {

using json = nlohmann::ordered_json;

using text::trim;

json toml_value(const toml::node& node) {
  if (auto s = node.value<std::string>()) return *s;
  if (auto b = node.value<bool>()) return *b;
  if (node.is_integer() || node.is_floating_point() || node.is_date() || node.is_time() ||
      node.is_date_time()) {
    std::ostringstream os;
    node.visit([&](const auto& n) { os << n; });
    return os.str();
  }
  if (const auto* arr = node.as_array()) {
    json out = json::array();
    for (const auto& e : *arr) out.push_back(toml_value(e));
    return out;
  }
  if (const auto* tbl = node.as_table()) {
    json out = json::object();
    for (const auto& [k, v] : *tbl) out[std::string(k.str())] = toml_value(v);
    return out;
  }
  return nullptr;
}

// Bounds for hostile input (fuzzing runs under ASan in CI): yaml-cpp parses nested collections
// recursively and expands aliases into shared nodes that a naive walk visits again and again.
constexpr size_t kMaxYamlBytes = 1 << 20;  // front matter is metadata, not the release
constexpr size_t kMaxYamlNesting = 64;     // collections inside collections
constexpr size_t kMaxYamlNodes = 100'000;  // after alias expansion ("billion laughs")

// The deepest nesting of flow brackets ([ {) outside quotes and comments, and of block
// indentation levels: an upper bound on the parser's recursion, checked before parsing.
size_t yaml_nesting_bound(std::string_view yaml) {
  size_t deepest = 0, flow = 0;
  char quote = 0;
  std::vector<size_t> indents;
  bool line_start = true;
  for (size_t i = 0; i < yaml.size(); ++i) {
    char c = yaml[i];
    if (line_start && !quote && flow == 0) {
      // "- - - a" opens a list per dash on one line.
      size_t indent = 0, dashes = 0;
      while (i + indent < yaml.size() && (yaml[i + indent] == ' ' || yaml[i + indent] == '-'))
        dashes += yaml[i + indent++] == '-';
      while (!indents.empty() && indents.back() >= indent) indents.pop_back();
      indents.push_back(indent);
      deepest = std::max(deepest, indents.size() + dashes);
    }
    line_start = c == '\n';
    if (quote) {
      if (c == quote) quote = 0;
      if (c == '\\' && quote == '"') ++i;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#' && (i == 0 || yaml[i - 1] == ' ' || yaml[i - 1] == '\n')) {
      while (i + 1 < yaml.size() && yaml[i + 1] != '\n') ++i;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, indents.size() + ++flow);
    } else if ((c == ']' || c == '}') && flow > 0) {
      --flow;
    }
  }
  return deepest;
}

struct YamlError {
  std::string message;
};

json yaml_value(const YAML::Node& node, size_t depth, size_t& nodes) {
  if (++nodes > kMaxYamlNodes)
    throw YamlError{"more than " + std::to_string(kMaxYamlNodes) + " values (aliases expanded)"};
  if (depth > kMaxYamlNesting)
    throw YamlError{"nested deeper than " + std::to_string(kMaxYamlNesting) + " levels"};
  switch (node.Type()) {
    case YAML::NodeType::Scalar: {
      const std::string& v = node.Scalar();
      // Quoted scalars (tag "!") are text; plain ones may be null or a boolean. Numbers and
      // dates stay text, which is what a mapping wants.
      if (node.Tag() == "?") {
        if (v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL") return nullptr;
        if (v == "true" || v == "True" || v == "TRUE") return true;
        if (v == "false" || v == "False" || v == "FALSE") return false;
      }
      return v;
    }
    case YAML::NodeType::Sequence: {
      json out = json::array();
      for (const auto& e : node) out.push_back(yaml_value(e, depth + 1, nodes));
      return out;
    }
    case YAML::NodeType::Map: {
      json out = json::object();
      for (const auto& kv : node) {
        json key = yaml_value(kv.first, depth + 1, nodes);
        std::string k = key.is_string() ? key.get<std::string>() : key.dump();
        out[k] = yaml_value(kv.second, depth + 1, nodes);
      }
      return out;
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
  }
  return nullptr;
}

}  // namespace

Result<nlohmann::ordered_json> parse_yaml_front_matter(std::string_view yaml, size_t first_line) {
  auto fail = [&](size_t line, const std::string& what) {
    return make_error(ErrorCode::kInvalidFrontMatter,
                      "YAML front matter" +
                          (line ? " line " + std::to_string(line) : std::string()) + ": " + what);
  };
  if (yaml.size() > kMaxYamlBytes)
    return fail(0, "longer than " + std::to_string(kMaxYamlBytes) + " bytes");
  if (yaml_nesting_bound(yaml) > kMaxYamlNesting)
    return fail(0, "nested deeper than " + std::to_string(kMaxYamlNesting) + " levels");
  try {
    YAML::Node root = YAML::Load(std::string(yaml));
    if (root.IsNull()) return json::object();  // only comments, or nothing
    if (!root.IsMap())
      return fail(static_cast<size_t>(root.Mark().line) + first_line,
                  "expected keys and values (key: value), found a " +
                      std::string(root.IsSequence() ? "list" : "single value"));
    size_t nodes = 0;
    return yaml_value(root, 0, nodes);
  } catch (const YAML::Exception& e) {
    // e.msg is the message without yaml-cpp's "yaml-cpp: error at line …" prefix.
    return fail(e.mark.is_null() ? 0 : static_cast<size_t>(e.mark.line) + first_line, e.msg);
  } catch (const YamlError& e) {
    return fail(0, e.message);
  }
}

Result<FrontMatter> split_front_matter(std::string_view text) {
  FrontMatter fm;
  std::string_view fence;
  if (text.rfind("---", 0) == 0)
    fence = "---";
  else if (text.rfind("+++", 0) == 0)
    fence = "+++";
  else
    return fm;
  size_t first_nl = text.find('\n');
  if (first_nl == std::string_view::npos || trim(text.substr(0, first_nl)) != fence) return fm;
  // Find the closing fence on a line of its own.
  size_t pos = first_nl + 1, line = 2;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view l =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (trim(l) == fence || (fence == "---" && trim(l) == "...")) {
      std::string_view block = text.substr(first_nl + 1, pos - first_nl - 1);
      fm.present = true;
      fm.body_offset = nl == std::string_view::npos ? text.size() : nl + 1;
      fm.body_line = line + 1;
      if (fence == "---") {
        auto values = parse_yaml_front_matter(block, 2);
        if (!values) return values.error();
        fm.values = std::move(values).value();
      } else {
        try {
          toml::table tbl = toml::parse(block);
          fm.values = toml_value(tbl);
        } catch (const toml::parse_error& e) {
          return make_error(ErrorCode::kInvalidFrontMatter,
                            "TOML front matter line " + std::to_string(e.source().begin.line + 1) +
                                ": " + std::string(e.description()));
        }
      }
      return fm;
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
    ++line;
  }
  return fm;  // never closed: not front matter
}

}  // namespace pressroom::indexer
