#include "formats/formats.h"

#include "formats/text_decode.h"

#include <algorithm>

#include "pressroom/text.h"

namespace pressroom::indexer {

namespace {}  // namespace

const std::vector<InputFormat>& input_formats() {
  static const std::vector<InputFormat> kFormats = {
      {"jsonl", {".jsonl", ".ndjson", ".jsonlines"}, &parse_jsonl, nullptr},
      {"json", {".json"}, &parse_json, nullptr},
      {"csv", {".csv"}, &parse_csv, nullptr},
      {"tsv", {".tsv", ".tab"}, &parse_csv, nullptr},
      {"html", {".html", ".htm", ".xhtml", ".shtml"}, nullptr, &parse_html},
      {"text", {".txt", ".text"}, nullptr, &parse_text},
      {"markdown", {".md", ".markdown", ".mdown", ".mkd"}, nullptr, &parse_markdown},
      {"rss", {".rss", ".xml", ".rdf"}, nullptr, &parse_feed},
      {"atom", {".atom"}, nullptr, &parse_feed},
  };
  return kFormats;
}

const InputFormat* format_by_name(std::string_view name) {
  for (const auto& f : input_formats())
    if (f.name == name) return &f;
  return nullptr;
}

const InputFormat* format_for_path(const std::filesystem::path& path) {
  // A name that is only an extension (".md": a release whose slug came out empty) has that
  // format, though std::filesystem calls it a stem.
  auto extension = [](const std::filesystem::path& p) {
    std::string name = p.filename().string();
    if (name.size() > 1 && name[0] == '.' && name.find('.', 1) == std::string::npos)
      return text::lower_ascii(name);
    return text::lower_ascii(p.extension().string());
  };
  std::filesystem::path p = path;
  std::string ext = extension(p);
  if (ext == ".gz" || ext == ".zst") {
    p = p.stem();
    ext = extension(p);
  }
  for (const auto& f : input_formats())
    for (auto e : f.extensions)
      if (e == ext) return &f;
  return nullptr;
}

const InputFormat* sniff_format(std::string_view head) {
  size_t i = 0;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  std::string_view rest = head.substr(std::min(i, head.size()));
  if (rest.substr(0, 1) == "[") return format_by_name("json");
  if (rest.substr(0, 1) == "{") return format_by_name("jsonl");
  if (rest.substr(0, 1) == "<") {
    std::string l = text::lower_ascii(rest.substr(0, 512));
    if (l.find("<rss") != std::string::npos || l.find("<feed") != std::string::npos ||
        l.find("<rdf:rdf") != std::string::npos)
      return format_by_name("rss");
    return format_by_name("html");
  }
  if (rest.substr(0, 4) == "---\n" || rest.substr(0, 5) == "---\r\n" ||
      rest.substr(0, 4) == "+++\n" || rest.substr(0, 2) == "# ")
    return format_by_name("markdown");
  return format_by_name("csv");
}

std::string format_names() {
  std::string out;
  for (const auto& f : input_formats()) {
    if (!out.empty()) out += ", ";
    out += f.name;
  }
  return out;
}

void parse_item_json(RawItem& item) {
  if (!item.fields.is_null() || item.error) return;
  if (item.json_text.find_first_not_of(" \t\r\n") == std::string::npos) {
    item.error =
        make_error(ErrorCode::kMalformedJson, "no JSON here (only control bytes or white space)");
    return;
  }
  try {
    item.fields = nlohmann::ordered_json::parse(item.json_text);
    if (!item.fields.is_object()) {
      item.error =
          make_error(ErrorCode::kInvalidRecord,
                     std::string("expected a JSON object, got ") + item.fields.type_name());
    }
  } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for huge numbers
    // nlohmann's text starts with "[json.exception.parse_error.101] parse error at line 1, ...";
    // keep the readable part.
    std::string what = e.what();
    auto pos = what.find("] ");
    if (pos != std::string::npos) what = what.substr(pos + 2);
    item.error = make_error(ErrorCode::kMalformedJson, "malformed JSON: " + what);
  }
}

void add_unique(nlohmann::ordered_json& list, const std::string& value) {
  std::string t = text::trim(value);
  if (t.empty()) return;
  for (const auto& e : list)
    if (e == t) return;
  list.push_back(t);
}

std::optional<std::string> decode_or_reject(const DocumentInput& in, RawItem& item,
                                            const ItemSink& sink) {
  item.location = in.name;
  auto decoded = decode_text(in.bytes);
  if (!decoded) {
    item.error = decoded.error();
    sink(std::move(item));
    return std::nullopt;
  }
  item.warnings = std::move(decoded->warnings);
  return std::move(decoded->text);
}

}  // namespace pressroom::indexer
