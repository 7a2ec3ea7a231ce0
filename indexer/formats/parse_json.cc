// JSON documents: a top-level array of record objects, one object, or several top-level values in
// a row. Each array element is split out with its line number and parsed on its own, so one
// malformed element is one rejected record, not a lost file.
#include <iterator>

#include "formats/formats.h"
#include "pressroom/text.h"

namespace pressroom::indexer {

namespace {

struct Scanner {
  const std::string& s;
  size_t pos = 0;
  size_t line = 1;

  void skip_ws() {
    while (pos < s.size() &&
           (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r')) {
      if (s[pos] == '\n') ++line;
      ++pos;
    }
  }
  // Advances past one JSON value (balanced brackets, strings with escapes). Returns false at an
  // unterminated value.
  bool skip_value() {
    int depth = 0;
    bool in_string = false;
    for (; pos < s.size(); ++pos) {
      char c = s[pos];
      if (c == '\n') ++line;
      if (in_string) {
        if (c == '\\') {
          ++pos;
        } else if (c == '"') {
          in_string = false;
          if (depth == 0) {
            ++pos;
            return true;
          }
        }
        continue;
      }
      if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (depth == 0) return true;  // end of the enclosing container: scalar ended
        if (--depth == 0) {
          ++pos;
          return true;
        }
      } else if (depth == 0 && (c == ',' || c == ' ' || c == '\n' || c == '\t' || c == '\r')) {
        return true;
      }
    }
    return depth == 0 && !in_string;
  }
};

}  // namespace

void parse_json(std::istream& in, const std::string& source_name, const FormatOptions&,
                const ItemSink& sink) {
  std::string raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  bool repaired = false;
  std::string text = text::repair_utf8(raw, &repaired);
  raw.clear();
  Scanner sc{text};
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) sc.pos = 3;

  auto emit = [&](size_t start, size_t line) {
    RawItem item;
    item.location = source_name + ":" + std::to_string(line);
    item.json_text = text.substr(start, sc.pos - start);
    if (repaired)
      item.warnings.emplace_back("invalid UTF-8 or control bytes replaced in this file");
    return sink(std::move(item));
  };
  auto fail = [&](const std::string& message) {
    RawItem item;
    item.location = source_name + ":" + std::to_string(sc.line);
    item.error = make_error(ErrorCode::kMalformedJson, message);
    sink(std::move(item));
  };

  for (;;) {
    sc.skip_ws();
    if (sc.pos >= text.size()) return;
    if (text[sc.pos] != '[') {
      size_t start = sc.pos, line = sc.line;
      if (!sc.skip_value())
        return fail("malformed JSON: unterminated value; the rest of the file is skipped");
      if (sc.pos == start) ++sc.pos;  // a stray closing bracket: report it as one bad item
      if (!emit(start, line)) return;
      continue;
    }
    ++sc.pos;  // '['
    sc.skip_ws();
    if (sc.pos < text.size() && text[sc.pos] == ']') {
      ++sc.pos;
      continue;
    }
    for (;;) {
      sc.skip_ws();
      size_t start = sc.pos, line = sc.line;
      if (!sc.skip_value() || sc.pos >= text.size())
        return fail("malformed JSON: unterminated array; the rest of the file is skipped");
      if (sc.pos == start)
        return fail(
            "malformed JSON: expected a value in the array; the rest of the file is skipped");
      if (!emit(start, line)) return;
      sc.skip_ws();
      if (sc.pos < text.size() && text[sc.pos] == ',') {
        ++sc.pos;
        continue;
      }
      if (sc.pos < text.size() && text[sc.pos] == ']') {
        ++sc.pos;
        break;
      }
      return fail(
          "malformed JSON: expected ',' or ']' after an array element; the rest of the "
          "file is skipped");
    }
  }
}

}  // namespace pressroom::indexer
