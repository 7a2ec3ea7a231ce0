#include "front_matter.h"

#include <sstream>

#include <toml++/toml.h>

namespace pressroom::indexer {

namespace {

using json = nlohmann::ordered_json;

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view l = text.substr(start, nl - start);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    out.push_back(l);
    start = nl + 1;
  }
  return out;
}

// One scalar: quoted strings are unquoted; plain ones lose a trailing " # comment".
json yaml_scalar(std::string_view raw) {
  std::string v = trim(raw);
  if (v.size() >= 2 && v.front() == '"') {
    std::string out;
    for (size_t i = 1; i < v.size(); ++i) {
      char c = v[i];
      if (c == '"') break;
      if (c == '\\' && i + 1 < v.size()) {
        char n = v[++i];
        out += n == 'n' ? '\n' : n == 't' ? '\t' : n;
      } else {
        out += c;
      }
    }
    return out;
  }
  if (v.size() >= 2 && v.front() == '\'') {
    std::string out;
    for (size_t i = 1; i < v.size(); ++i) {
      if (v[i] == '\'') {
        if (i + 1 < v.size() && v[i + 1] == '\'') {
          out += '\'';
          ++i;
          continue;
        }
        break;
      }
      out += v[i];
    }
    return out;
  }
  if (auto hash = v.find(" #"); hash != std::string::npos) v = trim(v.substr(0, hash));
  if (v == "true" || v == "True" || v == "TRUE") return true;
  if (v == "false" || v == "False" || v == "FALSE") return false;
  if (v.empty() || v == "null" || v == "Null" || v == "NULL" || v == "~") return nullptr;
  return v;
}

// "[a, 'b, c', d]" -> list of scalars (commas inside quotes do not split).
json yaml_flow_list(std::string_view v) {
  json out = json::array();
  std::string cur;
  char quote = 0;
  for (size_t i = 1; i < v.size(); ++i) {
    char c = v[i];
    if (quote) {
      cur += c;
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
      cur += c;
    } else if (c == ',' || c == ']') {
      json s = yaml_scalar(cur);
      if (!s.is_null()) out.push_back(std::move(s));
      cur.clear();
      if (c == ']') break;
    } else {
      cur += c;
    }
  }
  return out;
}

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

}  // namespace

json parse_yaml_subset(std::string_view yaml, size_t first_line,
                       std::vector<std::string>* warnings) {
  json out = json::object();
  auto lines = split_lines(yaml);
  auto warn = [&](size_t i, const std::string& what) {
    if (warnings)
      warnings->push_back("front matter line " + std::to_string(first_line + i) + ": " + what +
                          "; line ignored");
  };
  std::string list_key;  // key whose block list is open
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    bool indented = line[0] == ' ' || line[0] == '\t';
    if (indented || t[0] == '-') {
      if (!list_key.empty() && (t == "-" || t.rfind("- ", 0) == 0)) {
        json v = yaml_scalar(t.substr(1));
        if (!out[list_key].is_array()) out[list_key] = json::array();
        if (!v.is_null()) out[list_key].push_back(std::move(v));
      } else {
        warn(i, indented ? "nested mappings are not supported" : "a list without a key");
      }
      continue;
    }
    list_key.clear();
    size_t colon = std::string::npos;
    if (t[0] == '"' || t[0] == '\'') {
      size_t close = t.find(t[0], 1);
      if (close != std::string::npos) colon = t.find(':', close);
    } else {
      colon = t.find(": ");
      if (colon == std::string::npos && t.back() == ':') colon = t.size() - 1;
    }
    if (colon == std::string::npos || colon == 0) {
      warn(i, "expected 'key: value'");
      continue;
    }
    json key_json = yaml_scalar(t.substr(0, colon));
    std::string key = key_json.is_string() ? key_json.get<std::string>() : trim(t.substr(0, colon));
    std::string value = trim(t.substr(colon + 1));
    if (value.empty()) {
      list_key = key;
      out[key] = nullptr;
    } else if (value[0] == '[') {
      out[key] = yaml_flow_list(value);
    } else if (value[0] == '|' || value[0] == '>') {
      bool literal = value[0] == '|';
      std::string block;
      size_t j = i + 1;
      for (; j < lines.size(); ++j) {
        std::string_view l = lines[j];
        if (!l.empty() && l[0] != ' ' && l[0] != '\t') break;
        std::string lt = trim(l);
        if (!block.empty()) block += literal || lt.empty() ? "\n" : " ";
        block += lt;
      }
      out[key] = trim(block);
      i = j - 1;
    } else if (value[0] == '{' || value[0] == '&' || value[0] == '*' || value[0] == '!') {
      warn(i, "flow mappings, anchors, aliases and tags are not supported");
    } else {
      out[key] = yaml_scalar(value);
    }
  }
  return out;
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
        fm.values = parse_yaml_subset(block, 2, &fm.warnings);
      } else {
        try {
          toml::table tbl = toml::parse(block);
          fm.values = toml_value(tbl);
        } catch (const toml::parse_error& e) {
          return make_error("invalid_front_matter", "TOML front matter line " +
                                                        std::to_string(e.source().begin.line + 1) +
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
