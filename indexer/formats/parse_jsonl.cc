// JSON Lines: one JSON object per line. Blank lines are skipped (not counted as records).
#include "formats/formats.h"
#include "pressroom/text.h"

namespace pressroom::indexer {

void parse_jsonl(std::istream& in, const std::string& source_name, const FormatOptions&,
                 const ItemSink& sink) {
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line_no == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    RawItem item;
    item.location = source_name + ":" + std::to_string(line_no);
    bool repaired = false;
    item.json_text = text::repair_utf8(line, &repaired);
    if (repaired) item.warnings.emplace_back("invalid UTF-8 or control bytes replaced");
    if (!sink(std::move(item))) return;
  }
}

}  // namespace pressroom::indexer
