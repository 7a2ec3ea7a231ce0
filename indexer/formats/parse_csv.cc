// CSV (RFC 4180) and TSV with a header row: quoted cells may hold delimiters, doubled quotes and
// line breaks. Each row becomes an object of header name -> cell text. Header names are trimmed
// (archives write " topics"); a UTF-8 byte order mark is dropped; blank lines are skipped.
#include "formats/formats.h"
#include "pressroom/text.h"

namespace pressroom::indexer {

namespace {

struct CsvReader {
  std::istream& in;
  char delim;
  size_t line = 1;  // current physical line

  // Reads one record's cells. Returns false at end of input. Sets *unterminated when the input
  // ended inside a quoted cell.
  bool next(std::vector<std::string>& cells, size_t& start_line, bool& unterminated) {
    cells.clear();
    unterminated = false;
    int c = in.get();
    while (c == '\n' || c == '\r') {  // blank lines
      if (c == '\n') ++line;
      c = in.get();
    }
    if (c == EOF) return false;
    start_line = line;
    std::string cell;
    bool quoted = false, was_quoted = false;
    for (;; c = in.get()) {
      if (quoted) {
        if (c == EOF) {
          unterminated = true;
          cells.push_back(std::move(cell));
          return true;
        }
        if (c == '"') {
          if (in.peek() == '"') {
            cell += '"';
            in.get();
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') ++line;
          cell += static_cast<char>(c);
        }
        continue;
      }
      if (c == '"' && cell.empty() && !was_quoted) {
        quoted = was_quoted = true;
        continue;
      }
      if (c == delim) {
        cells.push_back(std::move(cell));
        cell.clear();
        was_quoted = false;
        continue;
      }
      if (c == '\r' && in.peek() == '\n') continue;
      if (c == '\n' || c == '\r' || c == EOF) {
        if (c == '\n') ++line;
        cells.push_back(std::move(cell));
        return true;
      }
      cell += static_cast<char>(c);
    }
  }
};

using text::trim_blanks;

// Shared by parse_csv and read_csv_rows: emits rows or per-row errors.
void read_rows(std::istream& in, const std::string& source_name, char delimiter,
               const ItemSink& sink) {
  CsvReader reader{in, delimiter};
  std::vector<std::string> header, cells;
  size_t start_line = 0;
  bool unterminated = false;
  if (!reader.next(header, start_line, unterminated)) return;
  if (!header.empty() && header[0].compare(0, 3, "\xEF\xBB\xBF") == 0) header[0].erase(0, 3);
  for (auto& h : header) h = trim_blanks(text::repair_utf8(h));
  while (reader.next(cells, start_line, unterminated)) {
    RawItem item;
    item.location = source_name + ":" + std::to_string(start_line);
    if (unterminated) {
      item.error = make_error(ErrorCode::kMalformedCsv,
                              "unterminated quoted cell: the quote opened in this row is never "
                              "closed (the rest of the file is inside it)");
    } else if (cells.size() != header.size()) {
      item.error = make_error(ErrorCode::kMalformedCsv, "row has " + std::to_string(cells.size()) +
                                                            " cells but the header has " +
                                                            std::to_string(header.size()));
    }
    nlohmann::ordered_json row = nlohmann::ordered_json::object();
    bool any_repaired = false;
    for (size_t i = 0; i < cells.size() && i < header.size(); ++i) {
      bool repaired = false;
      row[header[i]] = text::repair_utf8(cells[i], &repaired);
      any_repaired |= repaired;
    }
    if (any_repaired) item.warnings.emplace_back("invalid UTF-8 or control bytes replaced");
    item.fields = std::move(row);
    if (!sink(std::move(item))) return;
  }
}

}  // namespace

void parse_csv(std::istream& in, const std::string& source_name, const FormatOptions& options,
               const ItemSink& sink) {
  char delim = options.delimiter;
  if (delim == 0) {
    auto f = format_for_path(source_name);
    delim = (f && f->name == "tsv") ? '\t' : ',';
  }
  read_rows(in, source_name, delim, sink);
}

std::vector<nlohmann::ordered_json> read_csv_rows(std::istream& in, const std::string& source_name,
                                                  char delimiter, std::vector<RawItem>* errors) {
  std::vector<nlohmann::ordered_json> rows;
  read_rows(in, source_name, delimiter, [&](RawItem&& item) {
    if (item.error) {
      if (errors) errors->push_back(std::move(item));
    } else {
      rows.push_back(std::move(item.fields));
    }
    return true;
  });
  return rows;
}

}  // namespace pressroom::indexer
